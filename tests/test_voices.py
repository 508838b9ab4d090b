"""The voices stage (``presslens.voices.fill_voices``): attributions, voices, outlet voice."""

from __future__ import annotations

import pytest
import spacy

import presslens
from presslens.ingest import load_text
from presslens.nlp.extensions import register_extensions
from presslens.schema import Analysis
from presslens.voices import fill_voices

ARTICLE = """Council delays vote on bridge repairs

By Sam Writer

The city council postponed its vote on the bridge repairs until the end of next month.

"The bridge is safe for now," said Maria Lopez, the council's chief engineer.

Lopez said the repairs would cost about two million dollars over three years.

Residents have complained about heavy traffic on the old bridge for many years.

The plan relies on studies that show traffic will fall once the new tram line opens.

Will the council act in time?

A senior official said the money had already been set aside in the budget.
"""


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return presslens.analyze_text(ARTICLE, kind="text")


def test_attributions_carry_their_texts(analysis: Analysis) -> None:
    text = analysis.article.text
    assert analysis.attributions
    for a in analysis.attributions:
        assert a.content_text == " ".join(text[s:e] for s, e in a.content)
        assert a.source_text == " ".join(text[s:e] for s, e in a.source)
        assert a.cue_text == " ".join(text[s:e] for s, e in a.cue)
    quote = next(a for a in analysis.attributions if "bridge is safe" in a.content_text)
    assert quote.kind == "direct" and quote.speaker == "Maria Lopez"


def test_voice_summary(analysis: Analysis) -> None:
    voices = {v.name: v for v in analysis.voices}
    lopez = voices["Maria Lopez"]
    assert lopez.type == "person"
    assert lopez.statements == 2
    assert lopez.words_quoted == 6  # "The bridge is safe for now"
    body_words = sum(len(b.text.split()) for b in analysis.article.body_blocks())
    assert 0.1 < lopez.share < 20 / body_words + 0.05
    assert any("chief engineer" in d for d in lopez.descriptions)
    anon = [v for v in analysis.voices if v.type == "anonymous"]
    assert [v.name for v in anon] == ["A senior official"]
    assert analysis.named_sources == 1
    ids = {a.voice_id for a in analysis.attributions if a.voice_id}
    assert ids == {v.id for v in analysis.voices}


def test_outlet_voice(analysis: Analysis) -> None:
    claims = [c.text for c in analysis.outlet_voice]
    assert any(c.startswith("The city council postponed") for c in claims)
    assert any(c.startswith("Residents have complained") for c in claims)
    # an attribution inside a relative clause leaves the main assertion to the outlet
    assert any(c.startswith("The plan relies on studies") for c in claims)
    assert not any(c.endswith("?") for c in claims)  # questions are not claims
    assert not any("Lopez" in c or "official" in c for c in claims)  # attributed
    assert not any(c.startswith(("Council delays", "By Sam")) for c in claims)  # not body
    text = analysis.article.text
    assert all(text[c.start:c.end] == c.text for c in analysis.outlet_voice)


def test_missing_components_leave_fields_empty_with_a_warning() -> None:
    register_extensions()
    settings = presslens.load_settings()
    article = load_text(ARTICLE, kind="text", settings=settings)
    doc = spacy.blank("en")(article.text)
    analysis = Analysis(article=article)
    fill_voices(doc, analysis)
    assert analysis.attributions == [] and analysis.voices == [] and analysis.outlet_voice == []
    assert any("presslens_quotes" in w for w in analysis.warnings)


def test_relation_describing_an_unnamed_source_is_kept_but_no_statement() -> None:
    text = ("Tram plan in doubt\n\n"
            "The report relies on experiences that show the policy does not work.")
    analysis = presslens.analyze_text(text)
    kept = [a for a in analysis.attributions if a.content_text == "the policy does not work"]
    assert kept and not kept[0].statement and kept[0].voice_id is None
    assert not analysis.voices
    assert [c.text for c in analysis.outlet_voice] == [text.split("\n\n")[1]]


def test_an_unnamed_institution_is_an_organisation_but_not_a_named_source() -> None:
    text = ("Port strike enters second week\n\n"
            "By Sam Writer\n\n"
            "According to the agency, exports fell by a third in April.\n\n"
            "Maria Lopez, a dock worker, said the ships were leaving empty.\n")
    analysis = presslens.analyze_text(text, kind="text")
    types = {v.name: v.type for v in analysis.voices}
    assert types.get("the agency") == "organisation"
    assert types.get("Maria Lopez") == "person"
    assert analysis.named_sources == 1
