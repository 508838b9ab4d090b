"""HTML body extraction through ``presslens batch`` vs plain trafilatura, on the Zyte benchmark.

Usage (from the repo root)::

    .venv/bin/python benchmarks/extraction.py [--data ../shared/data/article-extraction-benchmark]
        [--limit N]

Writes ``{"id", "html", "url"}`` records for every page (the page's address from the ground
truth: where the HTML was found, used for provenance and never fetched) into a temporary JSONL
file, runs :func:`presslens.batch.run_batch` with stages ``ingest`` exactly as ``presslens
batch --stages ingest`` does, and turns each output record into ``{"articleBody": ...}``: the
Article's body text (body blocks only; headline, byline, date and removed boilerplate
excluded). Plain ``trafilatura.extract`` with default options is scored the same way. Both go
through ``../shared/eval/score_extraction.py``. Prints F1 and pages/second of each, how many
pages got an outlet from the registry (and how many of those by their URL's domain), and
writes ``benchmarks/results/extraction.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from presslens.evaluation import load_scorer, shared_dir

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = shared_dir() / "data" / "article-extraction-benchmark"
RESULTS = ROOT / "benchmarks" / "results" / "extraction.json"


def load_pages(data: Path, limit: int | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Ground truth (with each page's ``url``) and the decoded HTML of each page (first ``limit``
    ids if given)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    truth = {k: truth[k] for k in ids}
    pages = {k: gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()).decode(
        "utf-8", errors="replace") for k in ids}
    return truth, pages


def body_of(record: dict[str, Any]) -> str:
    """The article body of one batch output record ('' for an error record)."""
    if "error" in record:
        return ""
    article = record["analysis"]["article"]
    return "\n\n".join(b["text"] for b in article["blocks"] if b["kind"] == "body")


def outlet_counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """Pages whose Article names a registry outlet, in all and by how it was matched."""
    counts: dict[str, int] = {}
    for r in records:
        outlet = None if "error" in r else r["analysis"]["article"]["outlet"]
        if outlet is not None:
            counts["with_outlet"] = counts.get("with_outlet", 0) + 1
            key = f"by_{outlet['matched_by']}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def run_presslens(pages: dict[str, str], urls: dict[str, str | None],
                  ) -> tuple[dict[str, dict[str, str]], float, int, dict[str, int]]:
    """Predictions through presslens batch (ingest stage), seconds taken, error records and
    outlet counts."""
    from presslens.batch import run_batch
    from presslens.config import load_settings

    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="presslens-extraction-") as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rid, html in pages.items():
                rec = {"id": rid, "html": html, "url": urls.get(rid)}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        run_batch(src, dst, stages="ingest", settings=settings)
        seconds = time.perf_counter() - t0
        records = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
    errors = [r for r in records if "error" in r]
    for r in errors:
        print(f"  error {r['id'][:12]}: {r['error']['message']}", file=sys.stderr)
    pred = {r["id"]: {"articleBody": body_of(r)} for r in records}
    return pred, seconds, len(errors), outlet_counts(records)


def run_trafilatura(pages: dict[str, str]) -> tuple[dict[str, dict[str, str]], float]:
    """Predictions of plain ``trafilatura.extract`` (default options) and seconds taken."""
    import trafilatura

    t0 = time.perf_counter()
    pred = {rid: {"articleBody": trafilatura.extract(html) or ""} for rid, html in pages.items()}
    return pred, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        raise SystemExit(f"benchmark data not found under {args.data}")
    scorer = load_scorer("score_extraction")
    truth, pages = load_pages(args.data, args.limit)
    ours, ours_s, errors, outlets = run_presslens(
        pages, {k: v.get("url") for k, v in truth.items()})
    theirs, theirs_s = run_trafilatura(pages)
    rows = {
        "presslens batch (ingest)": {**scorer.score(truth, ours),
                                     "pages_per_second": round(len(pages) / ours_s, 1),
                                     "errors": errors, "outlets": outlets},
        "trafilatura.extract (default)": {**scorer.score(truth, theirs),
                                          "pages_per_second": round(len(pages) / theirs_s, 1)},
    }
    print(f"{'system':32} {'P':>7} {'R':>7} {'F1':>7} {'pages/s':>8}")
    for name, r in rows.items():
        print(f"{name:32} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} "
              f"{r['pages_per_second']:8.1f}")
    print(f"pages with a registry outlet: {outlets}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"documents": len(pages), "results": rows}, indent=2) + "\n",
                       encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
