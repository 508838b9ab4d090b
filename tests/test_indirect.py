"""Indirect speech rules: each rule on a sentence written by us, cue/source/content spans exact."""

from __future__ import annotations

import pytest

from presslens.nlp.cues import (
    CUE_LEMMAS,
    is_cue_token,
    load_lexicon,
    match_multiword_cues,
)
from presslens.nlp.indirect import find_indirect
from presslens.nlp.pipeline import load_pipeline
from presslens.nlp.types import RawAttribution


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def _one(nlp, text: str) -> RawAttribution:
    atts = find_indirect(nlp(text), direct=[])
    assert len(atts) == 1, [(a.rule, _texts(text, a.content)) for a in atts]
    return atts[0]


def test_lexicon_has_hundreds_of_verbs_in_every_category():
    lex = load_lexicon()
    assert len(CUE_LEMMAS) > 300
    assert {"say", "tell", "warn", "elaborate", "believe", "fear", "drew"} - CUE_LEMMAS == {"drew"}
    assert set(lex.category.values()) >= {"speech", "communication", "paraphrase", "belief",
                                           "perception"}


def test_is_cue_token_uses_lemma_and_particles(nlp):
    doc = nlp("She pointed out the flaw and he went home, then they said nothing.")
    by_text = {t.text: is_cue_token(t) for t in doc}
    assert by_text["pointed"] and by_text["said"]
    assert not by_text["went"] and not by_text["flaw"]


def test_multiword_cues_are_token_spans(nlp):
    doc = nlp("According to the report, the senator told reporters in a statement that it failed.")
    found = [doc[s:e].text for s, e in match_multiword_cues(doc)]
    assert found == ["According to", "told reporters", "in a statement"]


def test_said_that_clause_content_includes_that(nlp):
    text = "The Iranian analyst said that the talks were doomed."
    a = _one(nlp, text)
    assert (a.kind, a.rule) == ("indirect", "ccomp")
    assert _texts(text, a.cue) == ["said"]
    assert _texts(text, a.source) == ["The Iranian analyst"]
    assert _texts(text, a.content) == ["that the talks were doomed"]


def test_source_keeps_apposition(nlp):
    text = ("Hossein Kana'ani Moghaddam, a Tehran-based West Asia affairs analyst, said the "
            "talks were doomed.")
    a = _one(nlp, text)
    assert _texts(text, a.source) == [
        "Hossein Kana'ani Moghaddam, a Tehran-based West Asia affairs analyst"]
    assert _texts(text, a.content) == ["the talks were doomed"]


def test_told_reporters_cue_is_the_verb_with_its_auxiliary(nlp):
    # PolNeAR convention: the recipient is not part of the cue; auxiliaries and "also" are
    text = "Clinton told reporters on Tuesday that she would win."
    a = _one(nlp, text)
    assert _texts(text, a.cue) == ["told"]
    assert _texts(text, a.content) == ["that she would win"]
    text = "The governor has also said that taxes will rise."
    a = _one(nlp, text)
    assert _texts(text, a.cue) == ["has also said"]


def test_according_to_before_and_after(nlp):
    for text, content in (("According to the newspaper, the gun laws are weak.",
                           "the gun laws are weak"),
                          ("The gun laws are weak, according to the newspaper.",
                           "The gun laws are weak")):
        a = _one(nlp, text)
        assert a.rule == "according_to"
        assert _texts(text, a.cue)[0].lower() == "according to"
        assert _texts(text, a.source) == ["the newspaper"]
        assert _texts(text, a.content) == [content]


def test_trailing_cue_content_is_the_preceding_clause(nlp):
    text = "The plan will fail, the Iranian analyst elaborated."
    a = _one(nlp, text)
    assert _texts(text, a.cue) == ["elaborated"]
    assert _texts(text, a.source) == ["the Iranian analyst"]
    assert _texts(text, a.content) == ["The plan will fail"]


def test_parenthetical_cue_gives_discontinuous_content(nlp):
    text = "Such a mistake, he warned, would be costly for the party."
    a = _one(nlp, text)
    assert a.rule == "parenthetical"
    assert _texts(text, a.cue) == ["warned"]
    assert _texts(text, a.source) == ["he"]
    assert _texts(text, a.content) == ["Such a mistake", "would be costly for the party"]


def test_passive_it_was_reported(nlp):
    text = "It was reported that the senator resigned."
    a = _one(nlp, text)
    assert a.rule == "passive"
    assert a.source == []
    assert _texts(text, a.content) == ["that the senator resigned"]


def test_paraphrase_cues(nlp):
    text = "Trump drew parallels between the two campaigns."
    a = _one(nlp, text)
    assert _texts(text, a.cue) == ["drew parallels between"]
    assert _texts(text, a.content) == ["the two campaigns"]
    text = "Obama criticized the decision."
    a = _one(nlp, text)
    assert (_texts(text, a.cue), _texts(text, a.content)) == (["criticized"], ["the decision"])


def test_belief_and_intention(nlp):
    text = "Critics fear that the deal will collapse."
    a = _one(nlp, text)
    assert (_texts(text, a.source), _texts(text, a.cue)) == (["Critics"], ["fear"])
    text = "The mayor vowed to fight the ruling."
    a = _one(nlp, text)
    assert _texts(text, a.content) == ["to fight the ruling"]


def test_participle_inherits_source(nlp):
    text = "Sanders believes the system is rigged, adding that voters agree."
    atts = find_indirect(nlp(text), direct=[])
    assert [(_texts(text, a.source), _texts(text, a.cue)) for a in atts] == [
        (["Sanders"], ["believes"]), (["Sanders"], ["adding"])]


def test_mixed_quote_and_multiword_cue(nlp):
    text = ('The senator said in a statement that the bill was a "disaster for working '
            'families everywhere".')
    a = _one(nlp, text)
    assert a.kind == "mixed"
    assert _texts(text, a.cue) == ["said in a statement"]


def test_scare_quote_stays_indirect(nlp):
    text = 'She said that the "reform" was a failure.'
    assert _one(nlp, text).kind == "indirect"


def test_nested_attribution_and_quoted_cues_are_skipped(nlp):
    text = "Aides told reporters that Carter believes the email was a mistake."
    a = _one(nlp, text)
    assert _texts(text, a.cue) == ["told"]
    text = '"I think we will win," she said.'
    assert all(_texts(text, a.cue) != ["think"] for a in find_indirect(nlp(text), direct=[]))


def test_content_covered_by_direct_quote_is_skipped(nlp):
    text = "She said that the plan would fail."
    doc = nlp(text)
    s = text.index("that")
    direct = [RawAttribution(kind="direct", content=[(s, len(text) - 1)])]
    assert find_indirect(doc, direct=direct) == []
    assert len(find_indirect(doc, direct=[])) == 1


def test_no_cue_no_attribution(nlp):
    assert find_indirect(nlp("The river flooded the town on Monday."), direct=[]) == []


def test_colon_headline(nlp):
    text = "Senator Graham: Rival's Rhetoric Is Destroying the Party.\n\nThe race went on."
    a = _one(nlp, text)
    assert a.rule == "colon_headline"
    assert _texts(text, a.cue) == [":"]
    assert _texts(text, a.source) == ["Senator Graham"]
    assert _texts(text, a.content) == ["Rival's Rhetoric Is Destroying the Party"]
    # a dateline-like capitals prefix or a long body line is not a headline attribution
    assert find_indirect(nlp("WASHINGTON: The vote failed on Monday."), direct=[]) == []


def test_statement_noun_with_that_clause(nlp):
    text = "His claim that the economy was booming proved false."
    atts = find_indirect(nlp(text), direct=[])
    noun = [a for a in atts if a.rule == "noun"]
    assert len(noun) == 1
    assert _texts(text, noun[0].cue) == ["claim"]
    assert _texts(text, noun[0].source) == ["His"]
    assert _texts(text, noun[0].content) == ["that the economy was booming"]


def test_verb_outside_lexicon_with_that_clause(nlp):
    text = "The governor signalled that taxes would rise."
    a = _one(nlp, text)
    assert _texts(text, a.source) == ["The governor"]
    assert _texts(text, a.content) == ["that taxes would rise"]


def test_object_content_keeps_for_phrase_and_drops_relative_clause(nlp):
    text = "The newspaper endorsed Jeb Bush for president."
    a = _one(nlp, text)
    assert _texts(text, a.content) == ["Jeb Bush for president"]
    text = "She criticized the new tariffs, which take effect in May."
    a = _one(nlp, text)
    assert _texts(text, a.content) == ["the new tariffs"]
