"""Plain-text ingest on whole-page text: how well ``parse_text`` keeps boilerplate out of the body.

    .venv/bin/python benchmarks/text_ingest.py [--worst 10]

Each page of ``../shared/data/article-extraction-benchmark`` is flattened to plain text the way a
scraper's "select all, copy" does (block elements become lines; scripts, styles and <head>
dropped). :func:`presslens.ingest.text.parse_text` reads that text, and its body is scored
against the human-checked body with the shared ``score_extraction.py``. Baseline: the whole
flattened page taken as the body. This measures the plain-text path (the seed article's case);
HTML extraction proper is ``benchmarks/extraction.py``. Results:
``benchmarks/results/text_ingest.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from presslens.config import load_settings
from presslens.evaluation import load_scorer, shared_dir
from presslens.ingest.text import parse_text

ROOT = Path(__file__).resolve().parents[1]
DATA = shared_dir() / "data" / "article-extraction-benchmark"
RESULT = ROOT / "benchmarks" / "results" / "text_ingest.json"
BLOCK = frozenset({
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
    "header", "footer", "nav", "aside", "ul", "ol", "table", "blockquote", "figure",
    "figcaption", "main", "dd", "dt", "pre", "form", "hr",
})


def flatten(html: str) -> str:
    """Visible text of a page, one line per block element, blank lines collapsed."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in tree.text_content().splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N lowest-precision pages")
    args = ap.parse_args(argv)
    scorer = load_scorer("score_extraction")
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    settings = load_settings(environ={})
    texts = {
        key: flatten(gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
                     .decode("utf-8", "replace"))
        for key in truth
    }
    t0 = time.perf_counter()
    pred = {key: {"articleBody": parse_text(texts[key], url=truth[key].get("url"),
                                            settings=settings).body} for key in truth}
    elapsed = time.perf_counter() - t0
    base = {key: {"articleBody": text} for key, text in texts.items()}
    res = {
        "measured": datetime.now(UTC).isoformat(timespec="minutes"),
        "documents": len(truth),
        "parse_text_body": scorer.score(truth, pred),
        "whole_page_text_baseline": scorer.score(truth, base),
        "parse_text_pages_per_second": round(len(truth) / elapsed, 1),
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(res, indent=1))
    if args.worst:
        rows = sorted((scorer.doc_scores(pred[k]["articleBody"], truth[k]["articleBody"])[:2], k)
                      for k in truth)
        for (p, r), key in rows[: args.worst]:
            print(f"{p:.2f} {r:.2f} {key[:12]} {truth[key].get('url', '')[:80]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
