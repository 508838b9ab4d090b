"""Statements only, and the right speaker: silences, actions, transcripts, credits, pronouns.

Every text here is written for these tests (invented people and outlets, modelled on how wire
copy, state media and briefing transcripts are laid out).
"""

from __future__ import annotations

import pytest

import presslens
from presslens.schema import Analysis

SILENCES = (
    "Port strike widens\n"
    "\n"
    "By Lena Ortiz\n"
    "\n"
    "The transport ministry declined to comment on the strike. A spokesman for the "
    "dock workers' union did not respond to a request for comment.\n"
    "\n"
    "The harbour authority has not issued a statement. Captain Idris Bello could not "
    "be reached for comment on Tuesday.\n"
    "\n"
    "Police did not immediately identify the injured worker.\n"
    "\n"
    "The union said the strike would continue until wages were raised. It added that "
    "talks had stalled.\n"
    "\n"
    "The navy fired warning shots at a trawler near the harbour mouth.\n"
    "\n"
    "Reporting by Tom Reyes; Sara Malik contributed to this report. Material from "
    "wire services was used in this report.\n"
)

BRIEFING = (
    "Department press briefing on the border talks\n"
    "\n"
    "MR HALVORSEN: Good afternoon. We have two announcements about the border talks "
    "today.\n"
    "\n"
    "QUESTION: Will the sanctions be lifted before the summit?\n"
    "\n"
    "MR HALVORSEN: We are not there yet, and we will not prejudge the outcome of the "
    "talks.\n"
    "\n"
    "QUESTION: And on the strikes near the border?\n"
    "\n"
    "MS ADEYEMI: The ministry will answer that question later this week, in writing.\n"
)

PRONOUNS = (
    "Domains seized\n"
    "\n"
    "Delta News said on Monday that the vote had been moved. The Republic of Vardia "
    "seized 27 web domains it said were used by a covert influence campaign.\n"
    "\n"
    "Ingrid Solberg, the spokeswoman, said the list would grow. SOLBERG said more "
    "seizures were planned.\n"
    "\n"
    "Kestrel TV reported that the border crossing had reopened.\n"
    "\n"
    "Arun Pillai, 34, was killed when the shell hit his shop. His brother said the "
    "family had received no warning.\n"
)


@pytest.fixture(scope="module")
def silences() -> Analysis:
    return presslens.analyze_text(SILENCES, kind="text")


@pytest.fixture(scope="module")
def briefing() -> Analysis:
    return presslens.analyze_text(BRIEFING, kind="text")


@pytest.fixture(scope="module")
def pronouns() -> Analysis:
    return presslens.analyze_text(PRONOUNS, kind="text")


def _speakers(an: Analysis) -> dict[str, str | None]:
    return {a.content_text: a.speaker for a in an.attributions if a.statement}


def test_refusals_are_no_comment_records_not_voices(silences: Analysis) -> None:
    kinds = {(n.actor, n.kind) for n in silences.no_comment}
    assert ("The transport ministry", "declined") in kinds
    assert any(k == "no_response" and "spokesman" in a for a, k in kinds)
    assert any(k == "no_statement" and "harbour authority" in a.lower() for a, k in kinds)
    assert any(k == "unreachable" and "Bello" in a for a, k in kinds)
    assert any(k == "not_disclosed" and a.lower() == "police" for a, k in kinds)
    for n in silences.no_comment:
        assert n.text in silences.article.text and n.cue_text
    said = " ".join(a.content_text for a in silences.attributions if a.statement)
    assert "comment" not in said and "request" not in said
    names = {v.name for v in silences.voices}
    assert not any("ministry" in n or "Bello" in n or "authority" in n for n in names)


def test_actions_and_credits_are_not_statements(silences: Analysis) -> None:
    statements = [a for a in silences.attributions if a.statement]
    assert not any("warning shots" in a.content_text or "trawler" in a.content_text
                   for a in statements)
    names = {v.name for v in silences.voices}
    assert not names & {"Sara Malik", "Tom Reyes"}  # credits, not voices
    union = [a for a in statements if "strike would continue" in a.content_text]
    assert union and union[0].speaker and "union" in union[0].speaker
    # "It added …" is the union's (an organisation), the nearest kind that agrees
    added = [a for a in statements if "talks had stalled" in a.content_text]
    assert added and added[0].voice_id == union[0].voice_id


def test_transcript_turns_are_attributed_turn_by_turn(briefing: Analysis) -> None:
    turns = [a for a in briefing.attributions if a.rule == "qa_answer"]
    assert [a.speaker for a in turns] == ["Halvorsen", "Halvorsen", "Adeyemi"]
    assert not any("sanctions be lifted" in a.content_text for a in briefing.attributions)
    types = {v.name: str(v.type) for v in briefing.voices}
    assert types == {"Halvorsen": "person", "Adeyemi": "person"}


def test_pronouns_names_and_outlets(pronouns: Analysis) -> None:
    by_content = _speakers(pronouns)
    domains = next(s for c, s in by_content.items() if "covert influence" in c)
    assert domains is not None and "Vardia" in domains  # "it" is the state, not the outlet
    grow = next(s for c, s in by_content.items() if "list would grow" in c)
    planned = next(s for c, s in by_content.items() if "more seizures" in c)
    assert grow == planned == "Ingrid Solberg"  # a case variant is the same person
    types = {v.name: str(v.type) for v in pronouns.voices}
    assert types.get("Kestrel TV") == "organisation"
    assert types.get("Delta News") == "organisation"
    assert "Arun Pillai" not in types  # a victim named is not a speaker


def test_negated_cue_is_not_a_statement() -> None:
    an = presslens.analyze_text("Talks\n\nThe minister did not say whether the talks would "
                                "resume. She said the budget was final.\n", kind="text")
    contents = [a.content_text for a in an.attributions if a.statement]
    assert not any("whether" in c for c in contents)
    assert any("budget was final" in c for c in contents)


def test_generic_organisation_nouns_and_groups() -> None:
    text = ("Truce talks\n\nThe Northern Front said the truce was holding. The group added "
            "that it would answer any attack. Amal Haddad, a resident, said she heard blasts."
            "\n\nThe Varanites said they had fired at a ship.\n")
    an = presslens.analyze_text(text, kind="text")
    by = {a.content_text: a.speaker for a in an.attributions if a.statement}
    front = next(s for c, s in by.items() if "truce was holding" in c)
    assert front and "Northern Front" in front
    assert next(s for c, s in by.items() if "answer any attack" in c) == front
    types = {v.name: str(v.type) for v in an.voices}
    assert types[front] == "organisation"
    assert any("Varanites" in n and t == "organisation" for n, t in types.items())
    assert types.get("Amal Haddad") == "person"


def test_first_person_refusals_page_labels_and_whether() -> None:
    text = ("Briefing\n\nThe minister spoke to reporters about the new border rules.\n\n"
            "Tokyo did not say whether it had lodged a protest.\n\n"
            "Q: Will you respond?\n\nMR HALDEN: I'm not going to comment on private "
            "correspondence.\n\nQ: And the talks?\n\nMR HALDEN: The talks go on.\n\n"
            "Photo: Harbour police handout\n")
    an = presslens.analyze_text(text, kind="text")
    silent = {(n.actor, n.kind) for n in an.no_comment}
    assert ("Tokyo", "not_disclosed") in silent
    assert ("Halden", "declined") in silent
    assert not any(a.speaker == "Photo" or a.source_text == "Photo" for a in an.attributions)
