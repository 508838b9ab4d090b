"""The source a headline names at its end (read by the quotes component and the language stage)."""

from __future__ import annotations

import pytest

from presslens.nlp.headline_source import headline_source


def _parts(line: str) -> tuple[str, str, str] | None:
    found = headline_source(line)
    if found is None:
        return None
    return found.form, line[slice(*found.claim)], line[slice(*found.source)]


@pytest.mark.parametrize(
    ("line", "form", "claim", "source"),
    [
        ("Rising rents push families out of the city: Analyst", "colon",
         "Rising rents push families out of the city", "Analyst"),
        ("Hamas’ stance, demands in truce talks leave Netanyahu in dilemma:  Analyst  ", "colon",
         "Hamas’ stance, demands in truce talks leave Netanyahu in dilemma", "Analyst"),
        ("Talks on the dam will go on, says minister", "cue",
         "Talks on the dam will go on", "minister"),
        ("Inflation will bite next year, warns top economist", "cue",
         "Inflation will bite next year", "top economist"),
        ("Floods displace thousands in the north - UN", "dash",
         "Floods displace thousands in the north", "UN"),
        ("Floods displace thousands in the north -UN", "dash",
         "Floods displace thousands in the north", "UN"),
        ("Crisis deepens in the region: Head of the UN", "colon",
         "Crisis deepens in the region", "Head of the UN"),
    ],
)
def test_forms_split_claim_and_source(line, form, claim, source):
    assert _parts(line) == (form, claim, source)


@pytest.mark.parametrize(
    "line",
    [
        "Why prices will fall next year: explained",  # a lower-case phrase is no source
        "Brexit deal is in doubt - the facts",
        "Talks on the dam fail: Analyst.",  # sentence-final mark: a sentence, not a headline
        "WASHINGTON: The vote failed on Monday.",
        "John Bolton: ‘Slogan Might as Well Be Vote for Clinton – Not Indicted, Yet!’",
        "Crisis looms: UN",  # a claim needs 3 words
        "Ministers meet over river dispute: The talks that could change the region",  # 5+ words
        "Talks collapse over the dam | The Guardian",  # a site separator, not an attribution
        "Julian Assange: Sweden drops rape investigation",  # source first: not this shape
        "Ministers meet again over river dispute",
    ],
)
def test_lines_that_name_no_source(line):
    assert headline_source(line) is None


def test_last_separator_decides():
    # the colon's tail "UN - Reuters" is no source; the dash's tail is
    assert _parts("Peace deal near in the south: UN - Reuters") == (
        "dash", "Peace deal near in the south: UN", "Reuters")
