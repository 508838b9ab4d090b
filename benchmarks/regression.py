"""Real-page regression set: presslens on 25+ pages written for the project, against hand gold.

Scores statements found (recall), speaker right, false attributions, refusals (``no_comment``),
provenance fields, expected and unexpected language findings, proper-name findings and per-side
recall of contested terms. The pages, gold and scorer live in ``tests/regression/`` (shared with
the CI gate ``tests/test_regression_gate.py``). Writes ``benchmarks/results/regression.json``.

    .venv/bin/python benchmarks/regression.py            # the table, then the worst errors
    .venv/bin/python benchmarks/regression.py --errors   # every error, page by page
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from regression.gold import check_gold, check_set, load_gold  # noqa: E402
from regression.score import aggregate, analyze_page, page_rows, prediction_of, score_page  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "regression.json"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:5.1f}%"


def table(summary: dict[str, Any]) -> str:
    """The headline numbers as a plain-text table."""
    rows = [
        ("pages", str(summary["pages"])),
        ("gold statements", str(summary["statements"])),
        ("statements found (recall)", _pct(summary["statement_recall"])),
        ("speaker right (of gold)", _pct(summary["speaker_right"])),
        ("speaker right (of found)", _pct(summary["speaker_right_of_found"])),
        ("kind right (of found)", _pct(summary["kind_right_of_found"])),
        ("predicted attributions", str(summary["predicted_attributions"])),
        ("false attributions", f"{summary['false_attributions']} "
                               f"({_pct(summary['false_attribution_rate']).strip()})"),
        ("refusals reported as statements", str(summary["refusals_as_statements"])),
        ("traps hit (actions, links, captions, credits)", str(summary["traps_hit"])),
        ("no_comment recall", _pct(summary["no_comment_recall"])),
        ("no_comment records for no gold refusal", f"{summary['no_comment_false']} of "
                                                   f"{summary['no_comment_predicted']}"),
        *[(f"provenance: {k}", _pct(v)) for k, v in summary["provenance_accuracy"].items()],
        ("expected findings recall", _pct(summary["expected_finding_recall"])),
        ("unexpected finding hits", str(summary["unexpected_finding_hits"])),
        ("proper-name findings (must be 0)", str(summary["proper_name_findings"])),
        ("legal-term findings", str(summary["legal_term_findings"])),
        ("max side gap (contested terms)", _pct(summary["max_side_gap"])),
        ("terms filed under several categories", str(summary["category_conflicts"])),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines.append("")
    lines.append(f"{'conflict':<18}{'side':<14}{'terms':>6}{'recall':>9}{'gap':>9}")
    for conflict, by in summary["contested_recall_by_side"].items():
        gap = summary["contested_side_gap"].get(conflict)
        for i, (side, r) in enumerate(by.items()):
            lines.append(f"{conflict if i == 0 else '':<18}{side:<14}{r['terms']:>6}"
                         f"{_pct(r['recall']):>9}{_pct(gap) if i == 0 else '':>9}")
    if summary["terms_with_several_categories"]:
        lines.append("terms filed under several categories: "
                     + ", ".join(summary["terms_with_several_categories"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print every error, page by page")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    pages = load_gold()
    broken = check_set(pages) + [e for p in pages for e in check_gold(p)]
    if broken:
        print("gold does not check out:\n  " + "\n  ".join(broken), file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    scores = [score_page(p, prediction_of(analyze_page(p))) for p in pages]
    seconds = time.perf_counter() - t0
    summary = aggregate(scores)
    import presslens  # after the run, so the import is not timed twice

    result = {
        "benchmark": "regression",
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "presslens_version": getattr(presslens, "__version__", None) or _version(),
        "seconds": round(seconds, 2),
        "summary": summary,
        "pages": page_rows(scores),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(table(summary))
    print(f"\n{len(pages)} pages in {seconds:.1f} s (model load included) -> {args.out}")
    if args.errors:
        for s in scores:
            if s.errors:
                print(f"\n== {s.name}")
                print("\n".join(f"  {e}" for e in s.errors))
    return 0


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("presslens")
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
