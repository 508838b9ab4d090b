"""CI accuracy gate on the real-page regression set: pinned floors and ceilings.

Runs ``presslens.analyze_text`` over every page of ``tests/regression/pages`` (pages written for
the project, modelled on real news pages) and scores it against the hand-made gold with the
same scorer as ``benchmarks/regression.py``. Limits live in ``regression_gate_baseline.json``:
raising a floor or lowering a ceiling is fine, moving one the other way needs a note saying why.
The spaCy pipeline is the process-wide cached one (``load_pipeline``), so the gate costs one
parse per page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from regression.gold import load_gold
from regression.score import aggregate, analyze_page, prediction_of, score_page

BASELINE = Path(__file__).with_name("regression_gate_baseline.json")
LIMITS = json.loads(BASELINE.read_text(encoding="utf-8"))


def _value(summary: dict[str, Any], key: str) -> float:
    value: Any = summary
    for part in key.split("."):
        value = value[part]
    return 0.0 if value is None else float(value)


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    pages = load_gold()
    return aggregate([score_page(p, prediction_of(analyze_page(p))) for p in pages])


def test_baseline_file_is_well_formed():
    assert LIMITS["pages"] == len(load_gold()), "pages or gold changed: re-measure and re-pin"
    for key, floor in LIMITS["floors"].items():
        assert 0.0 <= floor <= 1.0, key
    assert set(LIMITS["floors"]).isdisjoint(LIMITS["ceilings"])


@pytest.mark.parametrize("key", sorted(LIMITS["floors"]))
def test_floor(summary, key):
    assert _value(summary, key) >= LIMITS["floors"][key], (key, _value(summary, key))


@pytest.mark.parametrize("key", sorted(LIMITS["ceilings"]))
def test_ceiling(summary, key):
    assert _value(summary, key) <= LIMITS["ceilings"][key], (key, _value(summary, key))
