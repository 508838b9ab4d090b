"""Names are not words; legal categories are the law's words; narration is the outlet's.

Issue 10 item 5: no finding inside a multi-word proper name (organisations, places, laws,
events, titles), whatever words it contains; the same words in lower case are findings. A word
that is also a legal category, used as that category, is not a finding. The outlet's words in a
source phrase are credited to the outlet. Sentences are ours.
"""

from __future__ import annotations

import pytest

import presslens
from presslens.nlp.language import match_lexicons
from presslens.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _hits(nlp, text: str) -> list[str]:
    return [text[m.start:m.end] for m in match_lexicons(nlp(text))]


@pytest.mark.parametrize("text", [
    "The Islamic Revolutionary Guard Corps said the drills were routine.",
    "He was charged under the Anti-Terrorism Act on Monday.",
    "The Al-Aqsa Martyrs Brigades issued a statement.",
    "Officials of the Resistance Axis met in the capital.",
    "The Popular Resistance Committees denied involvement.",
    "Analysts at the Institute for the Study of War published a map.",
    "Delegates attended the Conference on Counter-Terrorism Operations in Vienna.",
])
def test_no_finding_inside_a_proper_name(nlp, text):
    assert _hits(nlp, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Resistance fighters regrouped after the raid.", ["Resistance fighters"]),
    ("The revolutionary guards marched through the town.", ["revolutionary"]),
    ("The militants called their dead martyrs.", ["militants", "martyrs"]),
    ("Rebels Seize Airport In Northern Town", ["Rebels"]),  # Title Case headline, no name
    ("Aid could not reach the OCCUPIED West Bank.", ["OCCUPIED"]),  # emphasis, not a name
])
def test_same_words_outside_a_name_are_findings(nlp, text, expected):
    assert _hits(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Prosecutors sought criminal forfeiture of the yacht.",
    "She faces terror charges in federal court.",
    "The court heard the genocide case in The Hague.",
    "The government designated the group a terrorist organisation in 2019.",
    "Britain proscribed the movement as a terrorist group.",
    "He was convicted on sedition charges.",
])
def test_legal_categories_are_not_findings(nlp, text):
    assert _hits(nlp, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A criminal gang looted the shops.", ["criminal"]),
    ("The terrorists fled across the border.", ["terrorists"]),
    ("The draconian law took effect.", ["draconian"]),  # evaluative, not a legal category
    ("Separatists declared victory.", ["Separatists"]),  # subject, not a designation
])
def test_descriptive_use_of_legal_words_is_a_finding(nlp, text, expected):
    assert _hits(nlp, text) == expected


def test_outlet_words_in_a_source_phrase_are_the_outlets():
    text = ("Gunmen opened fire at a checkpoint on Monday.\n\n"
            "Abu Khalid, a spokesman for the terror group claiming the attack, said: "
            "\"We will continue until the occupation ends.\"")
    a = presslens.analyze_text(text, kind="text")
    by_text = {f.text: f.voice for f in a.findings}
    assert by_text["terror group"] == "outlet"
    assert by_text["the occupation"] != "outlet"  # inside the quotation: the spokesman's


def test_narration_credited_to_outlet_even_inside_a_wide_content_span():
    from presslens.language import VoiceIndex
    from presslens.schema import Attribution, AttributionKind
    wide = Attribution(kind=AttributionKind.INDIRECT, content=[(0, 80)],
                       source=[(90, 92)], cue=[(93, 98)], speaker="X")
    inner = Attribution(kind=AttributionKind.INDIRECT, content=[(40, 80)],
                        source=[(0, 30)], cue=[(31, 35)], speaker="Y")
    at = VoiceIndex([wide, inner])
    assert at(5, 15) == ("outlet", None)  # in Y's source phrase, inside X's wide content
    assert at(45, 50)[0] == "Y"
