"""Convert PolNeAR train+dev (shared data) to batch JSONL records for ``presslens ingest``.

Each PolNeAR id is ``<outlet>_<YYYY-MM-DD>_<slug>``; the record carries the outlet's name and the
date as given evidence: ``{"id", "text", "published", "outlet"}``. Writes to /tmp by default —
the data is never committed.

    .venv/bin/python benchmarks/polnear_to_jsonl.py [-o /tmp/polnear-corpus.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from presslens.evaluation import shared_dir

OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journalism",
}


def record(row: dict[str, str]) -> dict[str, str]:
    """The batch record of one PolNeAR article."""
    outlet, day, _slug = row["id"].split("_", 2)
    return {"id": row["id"], "text": row["text"], "published": day,
            "outlet": OUTLETS.get(outlet, outlet)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-o", "--output", type=Path, default=Path("/tmp/polnear-corpus.jsonl"))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = []
    for split in ("train", "dev"):
        with (shared_dir() / "data" / "polnear" / f"{split}.jsonl").open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    with args.output.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(record(row), ensure_ascii=False) + "\n")
    print(f"{len(rows)} records → {args.output}")


if __name__ == "__main__":
    main()
