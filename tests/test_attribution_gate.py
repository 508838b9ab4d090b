"""CI accuracy gate: a fixed PolNeAR dev slice scored by the shared scorer against pinned floors.

The slice is the first ``ARTICLES`` dev articles by id, read from ``../shared/data/polnear``
(never copied into the repo; the test is skipped when the data or the scorer is absent). Floors
live in ``attribution_gate_baseline.json``; raising them is fine, lowering them needs a note
saying why. The full benchmark is ``benchmarks/polnear.py``.

The gate scores what the analysis produces (``analysis.attributions``) when the quote component
is installed; until then it scores ``find_indirect`` alone and checks the quote floor only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from _shared import SHARED
from presslens.evaluation import load_scorer
from presslens.nlp.indirect import find_indirect
from presslens.nlp.pipeline import load_pipeline

DEV = SHARED / "data" / "polnear" / "dev.jsonl"
SCORER = SHARED / "eval" / "score_attributions.py"
BASELINE = Path(__file__).with_name("attribution_gate_baseline.json")
ARTICLES = 12


def _predict(text: str) -> tuple[list[dict[str, Any]], bool]:
    """Attributions for ``text`` via the production path when the quote component exists."""
    nlp = load_pipeline()
    if "presslens_quotes" in nlp.pipe_names:
        import presslens

        analysis = presslens.analyze_text(text, kind="text")
        return [{"content": a.content, "cue": a.cue, "source": a.source}
                for a in analysis.attributions], True
    atts = find_indirect(nlp(text), direct=[])
    return [{"content": a.content, "cue": a.cue, "source": a.source} for a in atts], False


@pytest.fixture(scope="module")
def scores() -> tuple[dict[str, Any], bool]:
    if not DEV.exists() or not SCORER.exists():
        pytest.skip(f"PolNeAR dev ({DEV}) or the shared scorer is absent")
    docs = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    docs = sorted(docs, key=lambda d: d["id"])[:ARTICLES]
    preds, full = [], True
    for d in docs:
        atts, full_path = _predict(d["text"])
        full = full and full_path
        preds.append({"id": d["id"], "attributions": atts})
    return load_scorer(SCORER).score(docs, preds), full


def test_baseline_file_is_well_formed():
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert base["articles"] == ARTICLES
    for key in ("quote_f1_at_0.5", "direct_f1_at_0.5", "source_match"):
        assert 0.0 < base["floors"][key] < 1.0


def test_quote_f1_floor(scores):
    res, full = scores
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    key = "quote_f1_at_0.5" if full else "indirect_only_quote_f1_at_0.5"
    assert res["quote"]["0.5"]["f1"] >= floors[key], res["quote"]["0.5"]


def test_direct_f1_floor(scores):
    res, full = scores
    if not full:
        pytest.skip("presslens_quotes component not installed: direct quotes not produced yet")
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    assert res["direct"]["0.5"]["f1"] >= floors["direct_f1_at_0.5"], res["direct"]["0.5"]


def test_source_match_floor(scores):
    res, full = scores
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    key = "source_match" if full else "indirect_only_source_match"
    assert res["source_match"]["rate"] >= floors[key], res["source_match"]
