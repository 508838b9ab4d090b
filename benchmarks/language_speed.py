"""Speed of the language stages (lexicons and techniques) relative to spaCy's parse.

Reads article texts from ../shared/data (PolNeAR dev, PTC train; never copied into the repo),
ingests each, times the spaCy model's components (tokenizer excluded, so the ratio errs high),
then each language stage on the parsed Doc — ``fill_language`` (lexicons, labels, scare quotes,
framing) and ``fill_techniques`` (persuasion-technique model) — after the voices stage, so
findings are split by voice as in production (the voices stage's own time is not counted).
Target: the language stages together <= 20% of parse time.

Usage: .venv/bin/python benchmarks/language_speed.py [--limit N]
Writes benchmarks/results/language_speed.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from presslens.analysis import STAGES
from presslens.config import Settings
from presslens.evaluation import analyze_timed
from presslens.ingest import load_text
from presslens.language import fill_language
from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis
from presslens.techniques import fill_techniques

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = {"polnear_dev": DATA / "polnear" / "dev.jsonl", "ptc_train": DATA / "ptc" / "train.jsonl"}
OUT = ROOT / "benchmarks" / "results" / "language_speed.json"


def _texts(path: Path, limit: int) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            text = json.loads(line).get("text", "")
            if text.strip():
                out.append(text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=40, help="articles per source")
    args = ap.parse_args()
    settings = Settings()
    nlp = load_pipeline(settings.spacy_model)
    before = STAGES[: STAGES.index(fill_language)] if fill_language in STAGES else []
    warm = nlp("The embattled regime said it was a massacre.")  # builds matchers, caches
    warm_analysis = Analysis(article=load_text("The regime.", settings=settings))
    fill_language(warm, warm_analysis)
    fill_techniques(warm, warm_analysis)  # loads the model once, outside the timing
    rows = []
    for name, path in SOURCES.items():
        if not path.exists():
            print(f"skip {name}: {path} not found")
            continue
        texts = _texts(path, args.limit)
        parse_s = lang_s = tech_s = 0.0
        words = findings = 0
        for text in texts:
            article = load_text(text, settings=settings)
            _doc, analysis, seconds, stage_s = analyze_timed(nlp, article,
                                                       max_chars=settings.max_body_chars)
            parse_s += seconds
            lang_s += stage_s[fill_language.__name__]
            tech_s += stage_s[fill_techniques.__name__]
            words += analysis.language_summary.words if analysis.language_summary else 0
            findings += len(analysis.findings)
        rows.append({
            "source": name, "articles": len(texts), "words": words, "findings": findings,
            "parse_s": round(parse_s, 3), "language_s": round(lang_s, 3),
            "techniques_s": round(tech_s, 3),
            "ratio": round((lang_s + tech_s) / parse_s, 4) if parse_s else None,
        })
    total_p = sum(r["parse_s"] for r in rows)
    total_l = sum(r["language_s"] for r in rows)
    total_t = sum(r["techniques_s"] for r in rows)
    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pipeline": nlp.pipe_names,
        "stages_before_language": [s.__module__ + "." + s.__name__ for s in before],
        "rows": rows,
        "ratio_language": round(total_l / total_p, 4) if total_p else None,
        "ratio_techniques": round(total_t / total_p, 4) if total_p else None,
        "ratio_total": round((total_l + total_t) / total_p, 4) if total_p else None,
        "target": 0.20,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{'source':<12} {'n':>4} {'words':>7} {'find':>6} {'parse s':>8} {'lang s':>7} "
          f"{'tech s':>7} {'ratio':>6}")
    for r in rows:
        print(f"{r['source']:<12} {r['articles']:>4} {r['words']:>7} {r['findings']:>6} "
              f"{r['parse_s']:>8.3f} {r['language_s']:>7.3f} {r['techniques_s']:>7.3f} "
              f"{r['ratio']:>6.1%}")
    print(f"language/parse {result['ratio_language']:.1%}, techniques/parse "
          f"{result['ratio_techniques']:.1%}, together {result['ratio_total']:.1%} "
          "(target <= 20%)")


if __name__ == "__main__":
    main()
