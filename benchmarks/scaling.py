"""Scaling on adversarial input: time and peak memory of the whole analysis at 1×, 4×, 16× size.

Every shape of :mod:`presslens.adversarial` (runs of each punctuation mark and quote, a quoted
word repeated, tiny lines and paragraphs, repeated titles and initials, pages with many tags,
attributes or entities, one tag with a huge attribute list) is analysed end to end (ingest, spaCy
parse with the presslens components, voices, language, techniques) at three sizes up to ~1 MB,
each shape in its own process so its peak RSS is its own. The body cap is raised above the
largest size so the cap never hides growth. Per size the best of ``--repeat`` runs is kept; the
exponent is the least-squares slope of log time over log size (1.0 = linear). Writes
``benchmarks/results/scaling.json`` and prints a table, the per-stage times of the largest size
beside it (where the time goes when a shape is slow).

    .venv/bin/python benchmarks/scaling.py                 # 64k, 256k, 1M characters
    .venv/bin/python benchmarks/scaling.py --base 16000 --only "run \\""
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from presslens.adversarial import SHAPES, make, stage_times

RESULTS = Path(__file__).parent / "results"
FACTORS = (1, 4, 16)


def fit_exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def _child(name: str, base: int, repeat: int) -> None:
    """Run one shape at every size in this process; print one JSON line."""
    kind = next(s.kind for s in SHAPES if s.name == name)
    cap = base * FACTORS[-1] * 2
    stage_times(make(name, 2000), kind, body_cap=cap)  # warm-up: model load, caches
    sizes, best, stages = [], [], {}
    for f in FACTORS:
        text = make(name, base * f)
        runs = []
        for _ in range(repeat):
            st = stage_times(text, kind, body_cap=cap)
            runs.append((sum(st.values()), st))
        t, st = min(runs, key=lambda r: r[0])
        sizes.append(len(text))
        best.append(t)
        stages = st
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"shape": name, "kind": kind, "sizes": sizes,
                      "seconds": [round(t, 4) for t in best],
                      "exponent": round(fit_exponent(sizes, best), 3),
                      "peak_rss_mib": round(rss, 1),
                      "largest_stages": {k: round(v, 4) for k, v in stages.items()}}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, default=64_000, help="1× size in characters")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (best kept)")
    ap.add_argument("--only", action="append", help="shape name(s) to run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.base, args.repeat)
        return
    rows = []
    for shape in SHAPES:
        if args.only and shape.name not in args.only:
            continue
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--child", shape.name, "--base", str(args.base),
             "--repeat", str(args.repeat)],
            capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            rows.append({"shape": shape.name, "error": proc.stderr.strip().splitlines()[-1:]})
            print(f"{shape.name:32} FAILED {proc.stderr.strip()[-300:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        slow = sorted(row["largest_stages"].items(), key=lambda kv: -kv[1])[:3]
        print(f"{shape.name:32} {row['kind']:4} exp {row['exponent']:5.2f}  "
              f"s {row['seconds']}  rss {row['peak_rss_mib']:7.1f} MiB  "
              f"({time.perf_counter() - t0:.0f}s) top: "
              + ", ".join(f"{k} {v:.2f}" for k, v in slow), flush=True)
    out = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "base_chars": args.base, "factors": list(FACTORS), "repeat": args.repeat,
        "note": "whole analysis per shape in its own process; exponent = slope of log time "
                "over log size; machine shared with other jobs (times inflated, ratios hold)",
        "max_exponent": max((r["exponent"] for r in rows if "exponent" in r), default=None),
        "max_peak_rss_mib": max((r["peak_rss_mib"] for r in rows if "peak_rss_mib" in r),
                                default=None),
        "shapes": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    name = "scaling.json" if not args.only else "scaling-subset.json"
    (RESULTS / name).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"max exponent {out['max_exponent']}, max peak RSS {out['max_peak_rss_mib']} MiB")


if __name__ == "__main__":
    main()
