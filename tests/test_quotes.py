"""The ``presslens_quotes`` component: direct, interrupted, multi-paragraph, continued, mixed and
scare quotes, headline and interview attributions, on sentences written by us (plus hostile
input). Spans are checked by their text."""

from __future__ import annotations

import pytest

from presslens.nlp.pipeline import load_pipeline
from presslens.nlp.quotes import _dedupe, find_quotes
from presslens.nlp.quotes_direct import scan_quotes
from presslens.nlp.types import RawAttribution


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _t(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def _atts(nlp, text: str) -> list[RawAttribution]:
    doc = nlp(text)
    atts = doc._.presslens_attributions
    assert atts is not None
    return atts


def _with(atts: list[RawAttribution], text: str, word: str) -> RawAttribution:
    found = [a for a in atts if any(word in text[s:e] for s, e in a.content)]
    assert len(found) == 1, [(a.rule, _t(text, a.content)) for a in atts]
    return found[0]


def test_component_is_in_the_pipeline_and_sets_both_extensions(nlp):
    assert "presslens_quotes" in nlp.pipe_names
    doc = nlp("Nothing was said here.")
    assert doc._.presslens_attributions == []
    assert doc._.presslens_scare_quotes == []


def test_trailing_cue_with_curly_open_and_straight_close(nlp):
    text = ("“The deal is dead, and it's not coming back,\" the finance minister said, "
            "referring to the talks.")
    atts = _atts(nlp, text)
    a = _with(atts, text, "deal is dead")
    assert a.kind == "direct"
    assert _t(text, a.content) == ["“The deal is dead, and it's not coming back,\""]
    assert _t(text, a.cue) == ["said"]
    assert _t(text, a.source) == ["the finance minister"]


def test_leading_cue_with_colon(nlp):
    text = 'The mayor said: "We will rebuild every school before winter."'
    a = _with(_atts(nlp, text), text, "rebuild")
    assert a.kind == "direct"
    assert _t(text, a.cue) == ["said"]
    assert _t(text, a.source) == ["The mayor"]


def test_according_to_after_a_quote_is_its_cue_and_source(nlp):
    text = ('"The curfew is lawful," said the minister on Monday.\n\n'
            '"The curfew is lawful, but a court will ask whether it is proportionate," '
            'according to Lena Varga, a professor of law.')
    atts = _atts(nlp, text)
    a = _with(atts, text, "proportionate")
    assert (a.kind, a.rule) == ("direct", "direct")
    assert _t(text, a.cue) == ["according to"]
    assert _t(text, a.source) == ["Lena Varga, a professor of law"]
    # not a continuation of the previous paragraph's speaker
    assert not [x for x in atts if x.rule == "continuation"]


def test_according_to_leading_into_a_quote_is_its_cue_and_source(nlp):
    text = ('The mayor opened the bridge on Monday.\n\n'
            'According to Tom Harris, the engineer, "the bridge can carry twice the traffic '
            'it carried before."')
    a = _with(_atts(nlp, text), text, "twice the traffic")
    assert a.kind == "direct"
    assert _t(text, a.cue) == ["According to"]
    assert _t(text, a.source) == ["Tom Harris, the engineer"]


def test_interrupted_quote_around_according_to_is_one_attribution(nlp):
    text = '"The bridge is unsafe," according to the engineer, "and it must close today."'
    atts = _atts(nlp, text)
    assert len(atts) == 1
    assert _t(text, atts[0].content) == ['"The bridge is unsafe,"', '"and it must close today."']
    assert _t(text, atts[0].cue) == ["according to"]
    assert _t(text, atts[0].source) == ["the engineer"]


def test_according_to_opening_the_next_sentence_is_not_the_quotes_cue(nlp):
    text = ('The mayor spoke first.\n\n'
            '"We won the vote today." According to the count, the margin was narrow.')
    atts = _atts(nlp, text)
    assert not [a for a in atts if any("We won" in text[s:e] for s, e in a.content)]
    a = _with(atts, text, "margin")
    assert a.rule == "according_to" and _t(text, a.source) == ["the count"]


def test_interrupted_quote_is_one_attribution_with_two_fragments(nlp):
    text = '"The bridge is unsafe," the engineer said, "and it must close today."'
    atts = _atts(nlp, text)
    assert len(atts) == 1
    a = atts[0]
    assert _t(text, a.content) == ['"The bridge is unsafe,"', '"and it must close today."']
    assert _t(text, a.cue) == ["said"]
    assert _t(text, a.source) == ["the engineer"]


def test_second_quote_after_a_full_stop_joins_the_same_paragraph_attribution(nlp):
    text = ('"Prices rose again in March," said Anna Berg, a bank economist. '
            '"We expect them to fall by summer."')
    atts = _atts(nlp, text)
    assert len(atts) == 1
    assert len(atts[0].content) == 2
    assert _t(text, atts[0].source)[0].startswith("Anna Berg")


def test_two_speakers_in_one_paragraph_stay_apart(nlp):
    text = '"We won," he said. "They lost," she added.'
    atts = _atts(nlp, text)
    assert [_t(text, a.source) for a in atts] == [["he"], ["she"]]
    assert [_t(text, a.cue) for a in atts] == [["said"], ["added"]]


def test_multi_paragraph_quote_without_closing_mark(nlp):
    text = ('The governor spoke for an hour.\n\n'
            '"The floods destroyed more than a thousand homes across the valley.\n\n'
            '"We will need federal help to rebuild them," she said.')
    atts = _atts(nlp, text)
    a = _with(atts, text, "floods")
    assert _t(text, a.content) == [
        '"The floods destroyed more than a thousand homes across the valley.',
        '"We will need federal help to rebuild them,"']
    assert _t(text, a.cue) == ["said"] and _t(text, a.source) == ["she"]


def test_cueless_quote_paragraph_continues_the_previous_speaker(nlp):
    text = ('"Support for the strike has grown every week," the union leader told reporters.\n\n'
            '"Workers in three more cities joined on Monday. They will not stop now."\n\n'
            'The company declined to comment.')
    atts = _atts(nlp, text)
    first = _with(atts, text, "Support")
    cont = _with(atts, text, "three more cities")
    assert cont.rule == "continuation" and cont.kind == "direct"
    assert cont.cue == [] and cont.source == first.source
    assert _t(text, cont.source) == ["the union leader"]


def test_cueless_quote_far_from_any_speaker_is_not_attributed(nlp):
    text = ("The storm passed overnight.\n\nRoads reopened by noon.\n\n"
            '"Nobody expected the river to rise that fast or that high."')
    atts = _atts(nlp, text)
    assert not [a for a in atts if a.kind == "direct"]


def test_scare_quote_is_not_an_attribution(nlp):
    text = ("The ministry said the army had failed to achieve its goals, including the "
            "“elimination” of the rebel group and the return of the hostages.")
    doc = nlp(text)
    assert _t(text, doc._.presslens_scare_quotes) == ["“elimination”"]
    for a in doc._.presslens_attributions:
        assert a.kind != "direct"
        assert a.kind == "indirect"  # the scare quote does not make the report "mixed"


def test_short_quote_governed_by_a_cue_is_an_attribution(nlp):
    text = 'The senator called the proposal "a disgrace" on Tuesday.'
    doc = nlp(text)
    assert doc._.presslens_scare_quotes == []
    a = _with(doc._.presslens_attributions, text, "disgrace")
    assert a.kind == "mixed"
    assert _t(text, a.source) == ["The senator"]
    assert "called" in _t(text, a.cue)[0]


def test_partial_quote_in_indirect_speech_is_mixed_and_not_duplicated(nlp):
    text = ('The prosecutor said the evidence showed "a clear pattern of fraud over many '
            'years" at the firm.')
    atts = _atts(nlp, text)
    assert len(atts) == 1
    assert atts[0].kind == "mixed"
    assert _t(text, atts[0].source) == ["The prosecutor"]
    assert _t(text, atts[0].content)[0].startswith("the evidence showed")


def test_headline_colon_attribution(nlp):
    text = ("Rising rents push families out of the city: Analyst\n\n"
            "Rents rose by a fifth last year, the city's housing office said.")
    atts = _atts(nlp, text)
    head = [a for a in atts if a.rule == "headline_colon"]
    assert len(head) == 1
    h = head[0]
    assert h.kind == "indirect" and h.in_headline and h.cue == []
    assert _t(text, h.content) == ["Rising rents push families out of the city"]
    assert _t(text, h.source) == ["Analyst"]
    body = [a for a in atts if a.rule != "headline_colon"]
    assert body and not any(a.in_headline for a in body)


def test_headline_dash_source_is_not_a_colon_attribution(nlp):
    # "… - X" is too often the site's name after a pasted title to be an attribution alone
    text = ("Rising rents push families out of the city - Harbour Gazette\n\n"
            "Rents rose by a fifth last year, the city's housing office said.")
    assert not [a for a in _atts(nlp, text) if a.rule == "headline_colon"]


def test_one_paragraph_text_has_no_headline(nlp):
    text = '"We will not retreat," the minister said. She added that talks would go on.'
    atts = _atts(nlp, text)
    assert len(atts) == 2
    assert not any(a.in_headline for a in atts)


def test_short_first_line_followed_by_text_is_the_headline(nlp):
    text = ("Minister says the talks will go on\n\n"
            '"We will not retreat," the minister said on Monday.')
    atts = _atts(nlp, text)
    head = [a for a in atts if a.in_headline]
    assert head and all(a.content[0][0] < text.index("\n") for a in head)
    assert not _with(atts, text, "retreat").in_headline


def test_a_long_first_paragraph_is_not_a_headline(nlp):
    first = ("The minister said on Monday that the talks with the neighbouring government "
             "would go on for at least another month, although the opposition had asked "
             "for them to be suspended until after the election.")
    text = first + "\n\nThe opposition said it would appeal."
    atts = _atts(nlp, text)
    assert atts and not any(a.in_headline for a in atts)


def test_known_headline_span_is_preferred_to_the_first_line(nlp):
    from presslens.config import Settings
    from presslens.nlp.pipeline import parse

    text = ("Weekly briefing from the capital city\n\n"
            "Minister says the talks will go on\n\n"
            "The minister said on Monday that the talks would go on.")
    hs = text.index("Minister says")
    he = text.index("\n", hs)
    guessed = parse(text, settings=Settings())
    known = parse(text, settings=Settings(), headline=(hs, he))
    in_line = [a for a in known._.presslens_attributions if hs <= a.content[0][0] < he]
    assert in_line and all(a.in_headline for a in in_line)
    assert not any(a.in_headline for a in guessed._.presslens_attributions
                   if hs <= a.content[0][0] < he)
    body = [a for a in known._.presslens_attributions if a.content[0][0] > he]
    assert body and not any(a.in_headline for a in body)


def test_question_and_answer_layout(nlp):
    text = ("Interview with a farmer\n\n"
            "Q: How was the harvest this year?\n"
            "Maria Lopez: It was the worst in a decade. The rain never came.\n"
            "Q: What will you do now?\n"
            "Maria Lopez: We will sell part of the land.\n")
    atts = _atts(nlp, text)
    answers = [a for a in atts if a.rule == "qa_answer"]
    assert [_t(text, a.content) for a in answers] == [
        ["It was the worst in a decade. The rain never came."],
        ["We will sell part of the land."]]
    assert all(_t(text, a.source) == ["Maria Lopez"] for a in answers)
    # questions are the interviewer's (the outlet's) and are left out
    assert not any("harvest" in c for a in atts for c in _t(text, a.content))


def test_outputs_are_sorted_and_do_not_overlap(nlp):
    text = ('"Taxes will rise," the minister said. Officials said the budget was late.\n\n'
            'According to the treasury, the deficit doubled.')
    atts = _atts(nlp, text)
    starts = [a.content[0][0] for a in atts]
    assert starts == sorted(starts)
    chars = [set(range(s, e)) for a in atts for s, e in a.content]
    for i in range(len(chars)):
        for j in range(i + 1, len(chars)):
            assert not chars[i] & chars[j]


@pytest.mark.parametrize("text", [
    "",
    '"',
    '"""""',
    '“”“”""',
    '"unbalanced quote with no end and a he said',
    'He said" stray closing mark" and more" text',
    "It's Kana'ani's view, isn't it? 'Yes.'",
])
def test_hostile_input_does_not_crash(nlp, text):
    doc = nlp(text)
    for a in doc._.presslens_attributions:
        assert a.content and all(0 <= s < e <= len(text) for s, e in a.content)
    for s, e in doc._.presslens_scare_quotes:
        assert 0 <= s < e <= len(text)


def test_apostrophes_never_open_quotes():
    quotes, _ = scan_quotes("It's Kana'ani's view that the 'plan' isn't over.")
    assert quotes == []


def test_five_thousand_quote_marks_give_bounded_valid_output(nlp):
    # speed on this input is measured in benchmarks/; here: valid spans, no runaway output
    text = '"a" ' * 2500 + '"' * 5000
    doc = nlp(text)
    atts = doc._.presslens_attributions
    assert all(a.content for a in atts)
    assert len(atts) <= 2500
    assert all(0 <= s < e <= len(text) for a in atts for s, e in a.content)
    again, _ = find_quotes(doc)
    assert [a.content for a in again] == [a.content for a in atts]


def test_trailing_cue_after_a_long_clause(nlp):
    text = ("Under growing pressure, the premier seems unwilling to admit failure, hoping to "
            "save his career, which is why he keeps threatening a new offensive in the north, "
            "Larsen elaborated.")
    atts = _atts(nlp, text)
    a = _with(atts, text, "premier")
    assert _t(text, a.cue) == ["elaborated"]
    assert _t(text, a.source) == ["Larsen"]
    assert _t(text, a.content)[0].startswith("Under growing pressure")
    assert len(atts) == 1  # relations nested in its content are not reported


def test_two_apostrophes_are_a_double_quote_mark(nlp):
    text = ("The council met on Monday. ''The bridge is safe for now,'' the engineer said. "
            "''We will reopen it in May.''")
    atts = _atts(nlp, text)
    a = _with(atts, text, "bridge is safe")
    assert a.kind == "direct"
    assert _t(text, a.content)[0] == "''The bridge is safe for now,''"
    assert _t(text, a.cue) == ["said"] and _t(text, a.source) == ["the engineer"]
    # the cue of a quotation carries no second, indirect relation over the sentence before
    assert not any("council met" in c for b in atts for c in _t(text, b.content))


def test_scan_pairs_two_apostrophe_marks():
    text = "He said ''no'' twice. It's John's ''final answer,'' she added."
    quotes, _ = scan_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["''no''", "''final answer,''"]


def test_short_cueless_quote_inside_a_line_is_no_continuation(nlp):
    text = "Maria Lopez said the budget was final. “Trainwreck.” Nobody else spoke."
    doc = nlp(text)
    atts = doc._.presslens_attributions
    assert not any("Trainwreck" in c for a in atts for c in _t(text, a.content))
    assert any("Trainwreck" in text[s:e] for s, e in doc._.presslens_scare_quotes)


def test_dedupe_compares_attributions_far_apart_and_every_content_fragment():
    # two hundred separate relations over a long page, plus two that repeat one of them far
    # from the page start: one by a direct quotation (higher priority), one through the second
    # fragment of a discontinuous content that starts near the top of the page
    atts = [RawAttribution(kind="indirect", content=[(i * 100, i * 100 + 50)], rule="ccomp")
            for i in range(200)]
    direct = RawAttribution(kind="direct", content=[(15_000, 15_040)], rule="direct")
    split = RawAttribution(kind="indirect", content=[(10, 20), (19_000, 19_100)],
                           rule="parenthetical")
    kept = _dedupe([*atts, split, direct])
    contents = [a.content for a in kept]
    assert direct in kept and [(15_000, 15_050)] not in contents
    assert split in kept and [(19_000, 19_050)] not in contents
    assert len(kept) == 200
    assert [(0, 50)] in contents and [(19_900, 19_950)] in contents
    starts = [a.content[0] for a in kept]
    assert starts == sorted(starts)
