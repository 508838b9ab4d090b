"""Byline, date and breadcrumb readers shared by the plain-text and HTML ingest paths."""

from __future__ import annotations

import pytest

from presslens.ingest.breadcrumb import parse_breadcrumb
from presslens.ingest.byline import is_person_name, parse_byline
from presslens.ingest.dates import find_date, parse_date

# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "authors", "agency", "role", "rule"),
    [
        ("By Marta Lindqvist", ["Marta Lindqvist"], None, None, "by_prefix"),
        ("by Marta Lindqvist", ["Marta Lindqvist"], None, None, "by_prefix"),
        ("BY MARTA LINDQVIST", ["Marta Lindqvist"], None, None, "by_prefix"),
        ("By Marta Lindqvist and Samuel Achebe-Ross",
         ["Marta Lindqvist", "Samuel Achebe-Ross"], None, None, "by_prefix"),
        ("By Marta Lindqvist, Samuel Achebe-Ross and Ines da Costa",
         ["Marta Lindqvist", "Samuel Achebe-Ross", "Ines da Costa"], None, None, "by_prefix"),
        ("By Marta Lindqvist & Tomas Berg", ["Marta Lindqvist", "Tomas Berg"], None, None,
         "by_prefix"),
        ("Marta Lindqvist | Nordwire", ["Marta Lindqvist"], "Nordwire", None, "name_credit"),
        ("Marta Lindqvist — Nordwire", ["Marta Lindqvist"], "Nordwire", None, "name_credit"),
        ("By Marta Lindqvist (NWA)", ["Marta Lindqvist"], "NWA", None, "by_prefix"),
        ("By Marta Lindqvist, Nordwire", ["Marta Lindqvist"], "Nordwire", None, "by_prefix"),
        ("Marta Lindqvist, Staff Writer", ["Marta Lindqvist"], None, "Staff Writer", "name_role"),
        ("By Marta Lindqvist, Middle East Correspondent", ["Marta Lindqvist"], None,
         "Middle East Correspondent", "by_prefix"),
        ("By Helena Varga, Columnist", ["Helena Varga"], None, "Columnist", "by_prefix"),
        ("By Helena Varga, Opinion contributor", ["Helena Varga"], None, "Opinion contributor",
         "by_prefix"),
        ("By Staff", [], None, "Staff", "by_prefix"),
        ("By NWA", [], "NWA", None, "by_prefix"),
        ("By Marta Lindqvist and NWA", ["Marta Lindqvist"], "NWA", None, "by_prefix"),
        ("By Marta Lindqvist for The Harbour Gazette", ["Marta Lindqvist"],
         "The Harbour Gazette", None, "by_prefix"),
        ("By Ali al-Rahman and Anna von der Berg", ["Ali al-Rahman", "Anna von der Berg"], None,
         None, "by_prefix"),
        ("By J.K. Moreno Jr.", ["J.K. Moreno Jr."], None, None, "by_prefix"),
        ("By Seán O'Connell", ["Seán O'Connell"], None, None, "by_prefix"),
        ("By\u00a0Marta\u00a0Lindqvist", ["Marta Lindqvist"], None, None, "by_prefix"),
        ("Written by Marta Lindqvist", ["Marta Lindqvist"], None, None, "credit_line"),
    ],
)
def test_byline_forms(line, authors, agency, role, rule):
    b = parse_byline(line)
    assert b is not None, line
    assert (b.authors, b.agency, b.role, b.rule) == (authors, agency, role, rule)


def test_reporting_and_editing_credits_split_authors_from_editors():
    b = parse_byline("(Reporting by Marta Lindqvist in Port Alden and Tomas Berg; "
                     "Additional reporting by Ines da Costa; Editing by Paul Okafor)")
    assert b is not None and b.rule == "credit_line"
    assert b.authors == ["Marta Lindqvist", "Tomas Berg", "Ines da Costa"]
    assert b.editors == ["Paul Okafor"]


def test_credentials_and_trailing_date_are_not_authors():
    b = parse_byline("Written by Ines da Costa, MS, RD on November 14, 2019")
    assert b is not None and b.authors == ["Ines da Costa"]
    assert b.date_text == "November 14, 2019"


def test_byline_with_date_segment_reports_the_date_text():
    b = parse_byline("By Marta Lindqvist | 14 March 2026")
    assert b is not None and b.authors == ["Marta Lindqvist"]
    assert b.date_text == "14 March 2026"


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the reservoir will be full.",
        "By Tuesday, officials had agreed to resume talks.",
        "By now, everyone in the valley knows the story.",
        "By using this site you agree to our terms",
        "By contrast, the northern farms were spared.",
        "By",
        "Marta Lindqvist, Port Alden",  # a name and a place: no role, no credit separator
        "Dam talks stall as Veridia hardens demands",
        "By " + "Marta Lindqvist and " * 40 + "Tomas Berg",
    ],
)
def test_sentences_and_junk_are_not_bylines(line):
    assert parse_byline(line) is None


def test_bare_names_only_when_asked():
    assert parse_byline("Marta Lindqvist and Tomas Berg") is None
    b = parse_byline("Marta Lindqvist and Tomas Berg", bare_names=True)
    assert b is not None and b.authors == ["Marta Lindqvist", "Tomas Berg"]
    assert b.rule == "bare_names"


def test_person_names():
    assert is_person_name("Hossein Tavakoli")
    assert is_person_name("Anna van der Berg")
    assert not is_person_name("Madonna")  # one token: could be anything
    assert not is_person_name("The Harbour Gazette")
    assert not is_person_name("14 March 2026")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("Published: 12 May 2024", "2024-05-12", "12 May 2024"),
        ("Updated 3 June 2025", "2025-06-03", "3 June 2025"),
        ("May 12, 2024 10:31 GMT", "2024-05-12T10:31:00+00:00", "May 12, 2024 10:31 GMT"),
        ("2024-05-12", "2024-05-12", "2024-05-12"),
        ("2024-05-12T10:31:00Z", "2024-05-12T10:31:00+00:00", "2024-05-12T10:31:00Z"),
        ("2024-05-12T10:31:00+03:30", "2024-05-12T10:31:00+03:30", "2024-05-12T10:31:00+03:30"),
        ("Tuesday 12 May 2024 10:31 BST", "2024-05-12T10:31:00+01:00",
         "Tuesday 12 May 2024 10:31 BST"),
        ("Tue, 12 May 2024 10:31:05 +0100", "2024-05-12T10:31:05+01:00",
         "Tue, 12 May 2024 10:31:05 +0100"),
        ("12th of May, 2024", "2024-05-12", "12th of May, 2024"),
        ("Sept. 3, 2023 at 4:05 p.m. ET", "2023-09-03T16:05:00", "Sept. 3, 2023 at 4:05 p.m. ET"),
        ("10:31 GMT, 12 May 2024", "2024-05-12T10:31:00+00:00", "10:31 GMT, 12 May 2024"),
        ("12\u00a0May\u00a02024", "2024-05-12", "12\u00a0May\u00a02024"),
        ("12.05.2024", "2024-05-12", "12.05.2024"),
        ("13/06/2024", "2024-06-13", "13/06/2024"),
        ("06/13/2024", "2024-06-13", "06/13/2024"),
        ("2024/05/12 09:00", "2024-05-12T09:00:00", "2024/05/12 09:00"),
        ("Monday, March 3, 2025 - 14:02", "2025-03-03T14:02:00", "Monday, March 3, 2025 - 14:02"),
        ("The vote on May 12, 2024 1.50 million", "2024-05-12", "May 12, 2024"),
    ],
)
def test_date_formats(text, iso, shown):
    assert parse_date(text) == (iso, shown)


@pytest.mark.parametrize(
    "text",
    ["2 hours ago", "yesterday", "May 12", "The May 2024 report", "31 February 2024",
     "05/06/2024", "Page 12 of 2024 results", "", "((((]]]"],
)
def test_no_date_is_invented(text):
    assert parse_date(text) is None


def test_find_date_gives_offsets_into_the_string():
    s = "Posted by the desk on 14 March 2026 at 09:15 CET"
    m = find_date(s)
    assert m is not None
    assert s[m.start:m.end] == "14 March 2026 at 09:15 CET"
    assert m.iso == "2026-03-14T09:15:00+01:00"


# --------------------------------------------------------------------------- breadcrumbs


@pytest.mark.parametrize(
    "sep",
    [" / ", "/", " › ", "›", " > ", " » ", " | ", "\u00a0/\u00a0", " \u00a0/ \u00a0",
     "\u202f›\u202f", "\u200b / \u200b", " → "],
)
def test_breadcrumb_separators(sep):
    line = sep.join(["World", "Middle East", "Water"])
    assert parse_breadcrumb(line) == ["World", "Middle East", "Water"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home > Science & Technology > Space", ["Science & Technology", "Space"]),
        ("› Sport › Football", ["Sport", "Football"]),
        ("NEWS / ASIA", ["NEWS", "ASIA"]),
    ],
)
def test_breadcrumb_variants(line, expected):
    assert parse_breadcrumb(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Opinion | Why the dam talks failed",
        "Video | Floods hit the capital",
        "and/or",
        "AC/DC",
        "https://example.org/world/water",
        "World",
        "The deal, signed in 2024 / 2025, was hailed.",
        "/ / /",
        "» » »",
    ],
)
def test_not_breadcrumbs(line):
    assert parse_breadcrumb(line) is None
