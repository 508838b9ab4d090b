"""``presslens batch`` with 1 and N worker processes on PolNeAR dev: speed-up and identical output.

Usage (from the repo root)::

    .venv/bin/python benchmarks/batch_jobs.py [--limit N] [--jobs 2]

Writes the PolNeAR dev articles as ``{"id", "text"}`` records and runs :func:`run_batch` three
ways: ``jobs=1`` in this process (the model loaded beforehand, untimed), ``jobs=1`` in one worker
process with a time budget, and ``jobs=N`` worker processes with the same budget. Worker runs are
timed whole, model loading in each worker included (reported separately as the time to the first
record). Checks that the three outputs are byte-identical, and writes
``benchmarks/results/batch_jobs.json`` with articles/s, the speed-ups and the load average
(the machine is shared; ratios from one run are the measure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from presslens.evaluation import shared_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = shared_dir() / "data" / "polnear" / "dev.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "batch_jobs.json"


def _run(src: Path, dst: Path, **kw: Any) -> dict[str, Any]:
    from presslens.batch import run_batch
    from presslens.config import load_settings

    first: list[float] = []
    t0 = time.perf_counter()
    summary = run_batch(src, dst, settings=load_settings(),
                        on_record=lambda _r, _ok: first or first.append(time.perf_counter()),
                        **kw)
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "first_record_after_s": round(first[0] - t0, 2),
            "records": summary.records, "errors": summary.errors,
            "sha256": hashlib.sha256(dst.read_bytes()).hexdigest()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not DATA.exists():
        raise SystemExit(f"PolNeAR dev not found at {DATA}")
    docs = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = sorted(docs, key=lambda d: d["id"])[: args.limit or None]
    from presslens.config import load_settings
    from presslens.nlp.pipeline import load_pipeline

    load_pipeline(load_settings().spacy_model)  # the in-process run starts warm
    load_before = os.getloadavg()[0]
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="presslens-jobs-") as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n"
                               for d in docs), encoding="utf-8")
        runs["jobs1_in_process"] = _run(src, Path(tmp) / "a.jsonl", jobs=1)
        runs["jobs1_worker"] = _run(src, Path(tmp) / "b.jsonl", jobs=1, time_budget=300)
        runs[f"jobs{args.jobs}_workers"] = _run(src, Path(tmp) / "c.jsonl", jobs=args.jobs,
                                                time_budget=300)
    n = len(docs)
    for r in runs.values():
        r["articles_per_second"] = round(n / r["seconds"], 2)
    base = runs["jobs1_worker"]["seconds"]
    out = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": n,
        "cpus": os.cpu_count(),
        "load_average_1min_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "runs": runs,
        "speedup_jobs_n_vs_jobs1_worker": round(base / runs[f"jobs{args.jobs}_workers"]["seconds"],
                                                 2),
        "outputs_identical": len({r["sha256"] for r in runs.values()}) == 1,
    }
    for name, r in runs.items():
        print(f"{name:20} {r['seconds']:7.1f} s  {r['articles_per_second']:5.2f} art/s  "
              f"first record after {r['first_record_after_s']:.1f} s")
    print(f"speed-up {out['speedup_jobs_n_vs_jobs1_worker']}x; "
          f"identical output: {out['outputs_identical']}")
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
