"""Ingest rate (articles/s) of ``presslens ingest`` on PolNeAR records: 1 worker, 2 workers and
a Dask LocalCluster (2 worker processes), each into a fresh SQLite store.

The first ``--limit`` PolNeAR train+dev records (see ``polnear_to_jsonl.py``) are written to a
temporary JSONL file (never into the repo). Times are wall-clock for the whole run, including
starting the worker processes and loading the spaCy pipeline in each (in this process for 1
worker), so short runs understate the steady rate.

    nice .venv/bin/python benchmarks/corpus_ingest_rate.py --limit 80

Results: ``benchmarks/results/corpus_ingest_rate.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from polnear_to_jsonl import record
from presslens import load_settings
from presslens.corpus import Corpus
from presslens.corpus.ingest import IngestOptions, ingest_sources
from presslens.evaluation import shared_dir

RESULTS = Path(__file__).parent / "results" / "corpus_ingest_rate.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--modes", nargs="+", default=["1", "2", "dask"])
    args = ap.parse_args()
    rows = []
    for split in ("train", "dev"):
        path = shared_dir() / "data" / "polnear" / f"{split}.jsonl"
        rows += [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    # every 11th record: all outlets and months, not one outlet's first weeks
    picked = rows[:: max(1, len(rows) // args.limit)][: args.limit]
    settings = load_settings()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(record(r)) + "\n" for r in picked), "utf-8")
        for mode in args.modes:
            opts = (IngestOptions(workers=2, dask="local") if mode == "dask"
                    else IngestOptions(workers=int(mode)))
            with Corpus(Path(tmp) / f"{mode}.db") as corpus:
                t0 = time.perf_counter()
                rep = ingest_sources(corpus, [str(src)], settings=settings, options=opts)
                wall = time.perf_counter() - t0
            row = {"mode": "dask local (2 workers)" if mode == "dask" else f"{mode} worker(s)",
                   "articles": rep.added, "errors": rep.errors, "seconds": round(wall, 1),
                   "articles_per_second": round(rep.added / wall, 3)}
            print(json.dumps(row))
            runs.append(row)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": f"{len(picked)} PolNeAR train+dev articles (every {len(rows) // args.limit}th)",
        "machine": "shared 2-core VM (other agents' jobs running), under nice; wall time "
                   "includes worker start-up and model loading",
        "runs": runs}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
