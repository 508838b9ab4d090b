"""HTML provenance of presslens vs trafilatura's ``extract_metadata`` on hand-annotated pages.

Usage (from the repo root)::

    .venv/bin/python benchmarks/provenance.py [--data ../shared/data/article-extraction-benchmark]
        [--show-errors]

Gold labels are in ``benchmarks/provenance_gold.json`` (our own annotations of pages of the
article extraction benchmark, read from the visible page). Each page's HTML is parsed without its
URL (the page alone must say where it comes from). Fields and how they are compared:

* outlet — outlet name (registry name, else site name); case, punctuation, a leading "The" and a
  domain suffix are ignored, and a name that begins with the other (≥ 5 letters) counts;
* authors — the set of people (case and punctuation ignored); an empty set is a label too;
* date — the ISO calendar date (gold ``null`` pages are skipped);
* section — the last section element, case-insensitive (gold ``null`` means "none shown", so a
  system must predict none);
* headline — exact after whitespace normalisation;
* type — article type; trafilatura has none, so it is scored as always "report".

Writes ``benchmarks/results/provenance.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
GOLD = ROOT / "benchmarks" / "provenance_gold.json"
RESULTS = ROOT / "benchmarks" / "results" / "provenance.json"
FIELDS = ("outlet", "authors", "date", "section", "headline", "type")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def norm_outlet(s: str | None) -> str:
    if not s:
        return ""
    s = _fold(s).strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"\.(?:com|net|org|ca|co\.uk|in|com\.br)$", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def same_outlet(pred: str | None, gold: str | None) -> bool:
    p, g = norm_outlet(pred), norm_outlet(gold)
    if not p or not g:
        return p == g
    short, long = sorted((p, g), key=len)
    return p == g or (len(short) >= 5 and long.startswith(short))


def norm_people(names: list[str]) -> set[str]:
    return {re.sub(r"[^a-z0-9 ]", "", _fold(n)).strip() for n in names if n.strip()}


def norm_text(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def field_ok(name: str, pred: Any, gold: Any) -> bool | None:
    """True/False per field, None when the gold label does not score this field."""
    if name == "outlet":
        return same_outlet(pred, gold)
    if name == "authors":
        return norm_people(pred or []) == norm_people(gold or [])
    if name == "date":
        return None if gold is None else (pred or "")[:10] == gold
    if name == "section":
        return _fold(norm_text(pred)) == _fold(norm_text(gold))
    if name == "headline":
        return norm_text(pred) == norm_text(gold)
    return pred == gold


def presslens_fields(html: str) -> dict[str, Any]:
    from presslens.config import load_settings
    from presslens.errors import PresslensError
    from presslens.ingest.html import parse_html

    try:
        a = parse_html(html, url=None, settings=load_settings())
    except PresslensError as exc:
        return {"error": str(exc)}
    return {
        "outlet": a.outlet.name if a.outlet else a.site_name,
        "authors": a.authors,
        "date": a.published,
        "section": a.section_path[-1] if a.section_path else None,
        "headline": a.headline,
        "type": str(a.article_type),
    }


def trafilatura_fields(html: str) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    m = extract_metadata(html)
    authors = [x.strip() for x in (m.author or "").split(";") if x.strip()] if m else []
    return {
        "outlet": m.sitename if m else None,
        "authors": authors,
        "date": m.date if m else None,
        "section": (m.categories or [None])[-1] if m else None,
        "headline": m.title if m else None,
        "type": "report",
    }


def evaluate(system: Callable[[str], dict[str, Any]], pages: dict[str, str],
             gold: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any], float]:
    per_page: dict[str, Any] = {}
    t0 = time.perf_counter()
    for rid, html in pages.items():
        per_page[rid] = system(html)
    seconds = time.perf_counter() - t0
    scores: dict[str, Any] = {}
    for f in FIELDS:
        results = [field_ok(f, per_page[rid].get(f), gold[rid][f]) for rid in pages]
        scored = [r for r in results if r is not None]
        scores[f] = round(sum(scored) / len(scored), 3) if scored else None
    return scores, per_page, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--show-errors", action="store_true", help="print every presslens miss")
    args = ap.parse_args(argv)
    if not (args.data / "html").is_dir():
        raise SystemExit(f"benchmark data not found under {args.data}")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["pages"]
    pages = {rid: gzip.decompress((args.data / "html" / f"{rid}.html.gz").read_bytes()).decode(
        "utf-8", errors="replace") for rid in sorted(gold)}
    ours, ours_pages, ours_s = evaluate(presslens_fields, pages, gold)
    theirs, _theirs_pages, theirs_s = evaluate(trafilatura_fields, pages, gold)
    print(f"{len(pages)} annotated pages")
    print(f"{'field':10} {'presslens':>10} {'trafilatura':>12}")
    for f in FIELDS:
        print(f"{f:10} {ours[f]:10.3f} {theirs[f]:12.3f}")
    print(f"{'pages/s':10} {len(pages) / ours_s:10.1f} {len(pages) / theirs_s:12.1f}")
    if args.show_errors:
        for rid in sorted(gold):
            for f in FIELDS:
                if field_ok(f, ours_pages[rid].get(f), gold[rid][f]) is False:
                    print(f"  {rid[:8]} {f:8} got {ours_pages[rid].get(f)!r} "
                          f"want {gold[rid][f]!r}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "pages": len(pages),
        "presslens": ours,
        "trafilatura_extract_metadata": theirs,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
