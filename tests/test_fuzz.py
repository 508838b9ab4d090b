"""Short fuzzing run in CI: every ingest path and the NLP stages, a bounded number of examples.

The targets and strategies live in ``fuzz_targets.py``; ``benchmarks/fuzz.py`` runs them for
minutes. Properties: no exception other than PresslensError, every span inside the text,
deterministic output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parent))
from fuzz_targets import REGRESSIONS, STRATEGIES

_FAST = {"text": 60, "html": 60, "bytes": 60, "batch_line": 100, "fetch": 40, "page_url": 60,
         "nlp": 8}


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_fuzz_target(name: str) -> None:
    check, strategy = STRATEGIES[name]

    @settings(max_examples=_FAST[name], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value: Any) -> None:
        check(value)

    run()


@pytest.mark.parametrize(("name", "value", "what"), REGRESSIONS,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(REGRESSIONS)])
def test_fuzz_regressions_stay_fixed(name: str, value: Any, what: str) -> None:
    STRATEGIES[name][0](value)
