"""The long fuzzing run: every target of ``tests/fuzz_targets.py`` for a time budget each.

Usage (from the repo root)::

    .venv/bin/python benchmarks/fuzz.py [--seconds 60] [--targets text,html,...]

Each target (plain-text, HTML, bytes/decode, batch line, fetch response handling through a fake
transport, the NLP stages) is driven by hypothesis in rounds of fresh random examples until its
budget is spent. A crash — any exception other than PresslensError, a span outside the text, or
output that differs between two runs of the same input — is recorded with its input (shortened)
and the run goes on. The known regressions (inputs that crashed earlier versions) are replayed
first. Writes ``benchmarks/results/fuzz.json``: budget, inputs tried, crashes found, and the
regressions with their status.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fuzz_targets import REGRESSIONS, STRATEGIES  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "fuzz.json"
_ROUND = 50  # examples per hypothesis round


def _crash(name: str, value: Any, exc: BaseException) -> dict[str, Any]:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return {"target": name, "error": f"{type(exc).__name__}: {str(exc)[:300]}",
            "at": f"{Path(where.filename).name}:{where.lineno}",
            "input": repr(value)[:400]}


def fuzz_target(name: str, seconds: float) -> dict[str, Any]:
    """Run one target for ``seconds``; return inputs tried and crashes (deduplicated by site)."""
    check, strategy = STRATEGIES[name]
    tried = 0
    crashes: dict[str, dict[str, Any]] = {}
    end = time.monotonic() + seconds

    @settings(max_examples=_ROUND, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one_round(value: Any) -> None:
        nonlocal tried
        if time.monotonic() > end:
            return
        tried += 1
        try:
            check(value)
        except Exception as exc:  # noqa: BLE001 - every crash is recorded, the run goes on
            c = _crash(name, value, exc)
            crashes.setdefault(f"{c['error'][:60]}@{c['at']}", c)

    while time.monotonic() < end:
        one_round()
    return {"seconds": seconds, "inputs_tried": tried, "crashes": list(crashes.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="budget per target")
    ap.add_argument("--targets", default=",".join(STRATEGIES))
    args = ap.parse_args(argv)
    regressions = []
    for name, value, what in REGRESSIONS:
        try:
            STRATEGIES[name][0](value)
            status = "fixed"
        except Exception as exc:  # noqa: BLE001 - reported
            status = f"FAILS: {type(exc).__name__}: {str(exc)[:200]}"
        regressions.append({"target": name, "was": what, "status": status})
    targets = {}
    for name in args.targets.split(","):
        targets[name] = fuzz_target(name, args.seconds)
        r = targets[name]
        print(f"{name:12} {r['inputs_tried']:7d} inputs  {len(r['crashes'])} crashes")
        for c in r["crashes"]:
            print(f"    {c['error'][:100]} at {c['at']}\n      input {c['input'][:120]}")
    out = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "budget_seconds_per_target": args.seconds,
        "inputs_tried": sum(t["inputs_tried"] for t in targets.values()),
        "crashes_found": sum(len(t["crashes"]) for t in targets.values()),
        "targets": targets,
        "regressions": regressions,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out['inputs_tried']} inputs, {out['crashes_found']} crashes; "
          f"regressions: {sum(r['status'] == 'fixed' for r in regressions)}/{len(regressions)} "
          f"fixed; wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
