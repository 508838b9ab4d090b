"""PolNeAR attribution benchmark: presslens's production path scored by the shared scorer.

    .venv/bin/python benchmarks/polnear.py                      # dev split, production path
    .venv/bin/python benchmarks/polnear.py --split train --limit 150
    .venv/bin/python benchmarks/polnear.py --mode indirect      # spaCy + find_indirect only
    .venv/bin/python benchmarks/polnear.py --textacy /tmp/tx/bin/python   # + textacy baseline
    .venv/bin/python benchmarks/polnear.py --skip-stage fill_techniques   # stage left out

Reads ``../shared/data/polnear/<split>.jsonl`` (research data, never copied into the repo: the
batch input/output JSONL go to a temporary directory). ``--mode production`` writes batch-style
``{"id", "text"}`` records and runs :func:`presslens.batch.run_batch` on them, exactly as
``presslens batch`` does; ``--mode indirect`` runs the parser and ``find_indirect`` alone (rule
development). Scores come from ``../shared/eval/score_attributions.py``; we add a breakdown of
source errors over matched pairs and speed (articles/s, and presslens's component time as a
ratio of spaCy's own parse time). Results: ``benchmarks/results/polnear_<split>.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presslens.evaluation import load_scorer, shared_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir()
DATA = SHARED / "data" / "polnear"
RESULTS = ROOT / "benchmarks" / "results"
PRONOUNS = frozenset({
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me", "his",
    "its", "their", "who", "which", "that", "this", "these",
})


def read_gold(split: str, limit: int | None) -> list[dict[str, Any]]:
    path = DATA / f"{split}.jsonl"
    if not path.exists():
        raise SystemExit(f"PolNeAR {split} not found at {path}")
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    docs.sort(key=lambda d: d["id"])
    return docs[:limit] if limit else docs


def run_production(gold: list[dict[str, Any]], tmp: Path) -> tuple[list[dict[str, Any]], float]:
    from presslens.batch import run_batch
    from presslens.config import load_settings

    src, dst = tmp / "input.jsonl", tmp / "output.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for d in gold:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    settings = load_settings()
    # warm up: load the model outside the timed loop
    from presslens.nlp.pipeline import load_pipeline

    load_pipeline(settings.spacy_model)
    t0 = time.perf_counter()
    run_batch(src, dst, settings=settings)
    elapsed = time.perf_counter() - t0
    preds = [json.loads(line) for line in dst.open(encoding="utf-8")]
    errors = [p for p in preds if "error" in p]
    if errors:
        print(f"warning: {len(errors)} records failed, first: {errors[0]['error']}",
              file=sys.stderr)
    return [{"id": p["id"], "attributions": p.get("attributions", [])} for p in preds], elapsed


def run_indirect(gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from presslens.nlp.indirect import find_indirect
    from presslens.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    t0 = time.perf_counter()
    preds = []
    for d in gold:
        doc = nlp(d["text"])
        atts = find_indirect(doc, direct=[])
        preds.append({"id": d["id"], "attributions": [
            {"content": a.content, "cue": a.cue, "source": a.source, "kind": a.kind,
             "rule": a.rule} for a in atts]})
    return preds, time.perf_counter() - t0


def component_ratio(gold: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    """Time spaCy alone vs spaCy + presslens components on the same texts."""
    from presslens.nlp.indirect import find_indirect
    from presslens.nlp.pipeline import PRESSLENS_COMPONENTS, load_pipeline

    nlp = load_pipeline()
    ours = [p for p in PRESSLENS_COMPONENTS if p in nlp.pipe_names]
    texts = [d["text"] for d in gold]
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=ours):
        docs = [nlp(t) for t in texts]
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    if ours and mode == "production":
        for doc in docs:
            for name in ours:
                doc = nlp.get_pipe(name)(doc)
    else:
        for doc in docs:
            find_indirect(doc, direct=[])
    extra = time.perf_counter() - t0
    return {"spacy_parse_s": round(parse, 3), "presslens_components_s": round(extra, 3),
            "components_over_parse": round(extra / parse, 4) if parse else 0.0,
            "components_measured": ",".join(ours) if ours and mode == "production"
            else "find_indirect"}


def _matched_pairs(scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]],
                   t: float) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(text, gold attribution, predicted attribution) for every content pair the scorer's
    greedy matching pairs at overlap ``t`` — the pairs our error breakdowns classify."""
    by_id = {p["id"]: p.get("attributions") or [] for p in preds}
    for g in gold:
        text = g["text"]
        ga = [a for a in g["attributions"] if scorer.char_set(text, a["content"])]
        pa = [a for a in by_id.get(g["id"], []) if scorer.char_set(text, a["content"])]
        gc = [scorer.char_set(text, a["content"]) for a in ga]
        pc = [scorer.char_set(text, a["content"]) for a in pa]
        ov = {(i, j): scorer.overlap(x, y) for i, x in enumerate(gc) for j, y in enumerate(pc)
              if x & y}
        for gi, pi in scorer.greedy_match(ov, t).items():
            yield text, ga[gi], pa[pi]


def source_errors(scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]],
                  t: float = 0.5) -> dict[str, int]:
    """Classify the source of every content pair matched at ``t`` (our own breakdown)."""
    out: Counter[str] = Counter()
    for text, gold_att, pred_att in _matched_pairs(scorer, gold, preds, t):
        gs = scorer.char_set(text, gold_att["source"])
        ps = scorer.char_set(text, pred_att.get("source") or [])
        gtxt = scorer.raw_text(text, gold_att["source"]).strip().lower()
        ptxt = scorer.raw_text(text, pred_att.get("source") or []).strip().lower()
        if not gs:
            out["gold_none_pred_none" if not ps else "gold_none_pred_given"] += 1
        elif not ps:
            out["source_missing"] += 1
        elif scorer.overlap(gs, ps) >= 0.5:
            out["ok"] += 1
        elif gs & ps:
            out["wrong_extent"] += 1
        elif gtxt in PRONOUNS or ptxt in PRONOUNS:
            out["pronoun_vs_name"] += 1
        else:
            out["wrong_source"] += 1
    return dict(out)


_FUNCTION_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her",
                             "their", "its", "our", "my", "some", "many", "other", "another",
                             "former", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president"})


def _names(text: str) -> set[str]:
    """Capitalised words of a source span that are not function words: its proper names."""
    words = [w.strip(".,'’\"“”") for w in text.split()]
    if words and words[0].lower() in ("the", "a", "an", "this", "these", "another"):
        return set()  # a description ("The Florida senator"), whatever its modifiers
    return {w.lower() for w in words if w[:1].isupper() and w.lower() not in _FUNCTION_WORDS
            and w.lower() not in PRONOUNS and len(w) > 1}


def speaker_errors(scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]],
                   t: float = 0.5) -> dict[str, Any]:
    """Classify the resolved ``speaker`` of every content pair matched at ``t``.

    PolNeAR marks the source mention, not the entity, so the canonical speaker can be checked
    only where the gold source names someone: the speaker must contain one of those names
    (``named_ok`` / ``named_wrong`` / ``named_unresolved``). Pronoun and description sources
    are counted by what we did with them (resolved to a named voice, to an anonymous one, or
    left unresolved) — coverage, not accuracy.
    """
    out: Counter[str] = Counter()
    for text, gold_att, pred_att in _matched_pairs(scorer, gold, preds, t):
        gtxt = scorer.raw_text(text, gold_att["source"]).strip()
        speaker = (pred_att.get("speaker") or "").lower()
        if not gtxt:
            out["gold_no_source"] += 1
            continue
        names = _names(gtxt)
        if gtxt.lower() in PRONOUNS:
            kind = "pronoun"
        elif names:
            kind = "named"
        else:
            kind = "description"
        if not speaker:
            out[f"{kind}_unresolved"] += 1
        elif kind == "named":
            hit = any(n in speaker.split() or n in speaker for n in names)
            out["named_ok" if hit else "named_wrong"] += 1
        else:
            named = bool(_names(pred_att.get("speaker") or ""))
            out[f"{kind}_to_{'name' if named else 'description'}"] += 1
    res: dict[str, Any] = dict(sorted(out.items()))
    checked = out["named_ok"] + out["named_wrong"] + out["named_unresolved"]
    res["named_accuracy"] = round(out["named_ok"] / checked, 4) if checked else 0.0
    return res


TEXTACY_SCRIPT = r"""
import json, sys, time
import spacy, textacy.extract
nlp = spacy.load(sys.argv[1])
docs = [json.loads(l) for l in open(sys.argv[2])]
t0 = time.perf_counter(); out = []; failed = []
for d in docs:
    doc = nlp(d["text"])
    atts = []
    try:
        for q in textacy.extract.triples.direct_quotations(doc):
            sp = lambda toks: [[t.idx, t.idx + len(t.text)] for t in toks]
            c = q.content
            atts.append({"content": [[c[0].idx, c[-1].idx + len(c[-1].text)]] if len(c) else [],
                         "cue": sp(q.cue), "source": sp(q.speaker)})
    except Exception as exc:  # textacy raises on some unbalanced quotes: count, go on
        failed.append(f"{d['id']}: {type(exc).__name__}: {exc}")
    out.append({"id": d["id"], "attributions": atts})
print(json.dumps({"elapsed": time.perf_counter() - t0, "preds": out, "failed": failed}))
"""


def run_textacy(python: str, gold: list[dict[str, Any]], tmp: Path,
                model: str) -> tuple[list[dict[str, Any]], float, int]:
    src = tmp / "textacy_in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for d in gold:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
    res = subprocess.run([python, "-c", TEXTACY_SCRIPT, model, str(src)], capture_output=True,
                         text=True)
    if res.returncode:
        raise SystemExit(f"textacy baseline failed: {res.stderr[-2000:]}")
    data = json.loads(res.stdout.strip().splitlines()[-1])
    if data["failed"]:
        print(f"textacy raised on {len(data['failed'])} articles (counted as no quotes): "
              f"{data['failed'][0]}", file=sys.stderr)
    return data["preds"], data["elapsed"], len(data["failed"])


def summary(res: dict[str, Any]) -> dict[str, Any]:
    def f(d: dict[str, Any]) -> dict[str, float]:
        return {"p": round(d["p"], 4), "r": round(d["r"], 4), "f1": round(d["f1"], 4)}

    return {
        "quote": {t: f(v) for t, v in res["quote"].items()},
        "direct": {t: f(v) for t, v in res["direct"].items()},
        "indirect": {t: f(v) for t, v in res["indirect"].items()},
        "cue_exact_f1": round(res["cue_exact"]["f1"], 4),
        "content_exact_f1": round(res["content_exact"]["f1"], 4),
        "source_match": round(res["source_match"]["rate"], 4),
        "source_agree": round(res["source_agree"]["rate"], 4),
        "counts": {"gold": res["quote"]["0.5"]["gold"], "pred": res["quote"]["0.5"]["pred"]},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles by id")
    ap.add_argument("--mode", default="production", choices=["production", "indirect"])
    ap.add_argument("--textacy", metavar="PYTHON", help="python of a venv with textacy")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--skip-stage", action="append", default=[], metavar="NAME",
                    help="leave an analysis stage out of this run (e.g. fill_techniques when "
                         "its model is not installed); recorded in the results")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    if args.skip_stage:
        # attributions come from the voices stage; a later stage that cannot run here (a
        # missing model) would fail every batch record without changing them
        import presslens.analysis as analysis_mod

        analysis_mod.STAGES[:] = [st for st in analysis_mod.STAGES
                                  if st.__name__ not in args.skip_stage]
    scorer = load_scorer("score_attributions")
    gold = read_gold(args.split, args.limit)
    with tempfile.TemporaryDirectory(prefix="presslens-polnear-") as tmpd:
        tmp = Path(tmpd)
        if args.mode == "production":
            preds, elapsed = run_production(gold, tmp)
        else:
            preds, elapsed = run_indirect(gold)
        res = scorer.score(gold, preds)
        print(scorer.format_table(res))
        if args.mode == "production" and not any(p["attributions"] for p in preds):
            print("warning: the production path produced no attributions (is the "
                  "presslens_quotes component installed?); --mode indirect scores "
                  "find_indirect alone", file=sys.stderr)
        result: dict[str, Any] = {
            "split": args.split, "articles": len(gold), "mode": args.mode,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "command": "benchmarks/polnear.py " + " ".join(argv or sys.argv[1:]),
            "presslens": summary(res),
            "rules": dict(Counter(a.get("rule") or a.get("kind") or "?" for p in preds
                                  for a in p["attributions"])),
            "source_errors": source_errors(scorer, gold, preds),
            "speaker_errors": speaker_errors(scorer, gold, preds),
            "skipped_stages": args.skip_stage,
            "speed": {"articles_per_s": round(len(gold) / elapsed, 2), "elapsed_s":
                      round(elapsed, 2), **component_ratio(gold, args.mode)},
        }
        if args.textacy:
            from presslens.nlp.pipeline import load_pipeline

            # the model's data directory, so the textacy venv needs no copy of the package
            model_dir = str(load_pipeline().path)
            tpreds, telapsed, tfailed = run_textacy(args.textacy, gold, tmp, model_dir)
            tres = scorer.score(gold, tpreds)
            result["textacy_direct_quotations"] = {
                **summary(tres), "articles_per_s": round(len(gold) / telapsed, 2),
                "articles_where_textacy_raised": tfailed}
    print(json.dumps({k: result[k] for k in ("rules", "source_errors", "speaker_errors", "speed")},
                     indent=1))
    if "textacy_direct_quotations" in result:
        t = result["textacy_direct_quotations"]
        print(f"textacy: F1@0.5 {t['quote']['0.5']['f1']:.3f}  {t['articles_per_s']} art/s")
    out = args.out or RESULTS / f"polnear_{args.split}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
