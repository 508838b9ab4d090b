"""End to end on the seed article (../shared/seeds/press-article.txt, read, never copied).

Checks the properties issue 3 asks of it — the interviewed analyst's every statement resolved
to him, one named voice, the scare quote not a quotation, the outlet's own sentences listed —
through the public ``presslens.analyze_text``. Skipped when the seed is absent.
"""

from __future__ import annotations

import pytest

import presslens
from _shared import SEED
from presslens.schema import Analysis

ANALYST = "Hossein Kana'ani Moghaddam"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed article not available")


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return presslens.analyze_text(SEED.read_text(encoding="utf-8"), kind="text")


def _by_source(analysis: Analysis, source: str) -> list:
    return [a for a in analysis.attributions if a.source_text.strip() == source]


def test_every_way_of_naming_the_analyst_resolves_to_him(analysis: Analysis) -> None:
    for source in ("He", "he", "the Iranian analyst", "The Iranian analyst", "Moghaddam",
                   "an analyst", "Analyst"):
        found = _by_source(analysis, source)
        assert found, f"no attribution with source {source!r}"
        assert {a.speaker for a in found} == {ANALYST}, source


def test_the_headline_and_lead_attributions_are_his(analysis: Analysis) -> None:
    headline = [a for a in analysis.attributions if a.in_headline]
    assert headline and all(a.speaker == ANALYST for a in headline)
    lead = [a for a in analysis.attributions if a.content_text.startswith("The insistence")]
    assert lead and lead[0].speaker == ANALYST


def test_his_quotations_are_all_his(analysis: Analysis) -> None:
    direct = [a for a in analysis.attributions if a.kind == "direct"]
    assert len(direct) >= 4
    assert {a.speaker for a in direct} == {ANALYST}


def test_exactly_one_named_voice(analysis: Analysis) -> None:
    assert analysis.named_sources == 1
    named = [v for v in analysis.voices if v.type in ("person", "organisation")]
    assert [v.name for v in named] == [ANALYST]
    assert named[0].statements >= 10
    assert 0.3 < named[0].share < 1.0
    assert named[0].words_quoted > 100


def test_scare_quote_is_not_an_attribution(analysis: Analysis) -> None:
    contents = {a.content_text.strip(" “”\"") for a in analysis.attributions}
    assert "elimination" not in contents


def test_outlet_voice_lists_the_unattributed_sentences(analysis: Analysis) -> None:
    claims = [c.text for c in analysis.outlet_voice]
    for opening in ("This demand is informed by past experiences",
                    "The talks underway in the Egyptian capital Cairo",
                    "The far-right cabinet of Netanyahu",
                    "Governments in the West"):
        assert any(c.startswith(opening) for c in claims), opening
    text = analysis.article.text
    for c in analysis.outlet_voice:
        assert text[c.start:c.end] == c.text
    # attributed sentences and boilerplate are not the outlet's claims
    assert not any(c.startswith(("He said", "Moghaddam said", "Press TV")) for c in claims)
