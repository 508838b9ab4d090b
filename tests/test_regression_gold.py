"""The regression set's gold is consistent with its pages, so broken gold fails here instead of
silently scoring the code against a wrong answer (pages and gold: ``tests/regression/``)."""

from __future__ import annotations

import pytest

from regression.gold import (
    ARTICLE_TYPES,
    PAGES,
    GoldPage,
    check_gold,
    check_set,
    load_gold,
    locate,
    page_text,
)
from regression.score import PredAttribution, Prediction, score_page, speaker_matches

GOLD = load_gold()


def test_the_set_is_large_and_varied():
    assert len(GOLD) >= 25
    kinds = {p.kind for p in GOLD}
    assert kinds == {"text", "html"}
    types = {p.gold["provenance"]["article_type"] for p in GOLD}
    assert types == set(ARTICLE_TYPES), set(ARTICLE_TYPES) - types


def test_every_page_has_gold_and_every_conflict_has_two_even_sides():
    assert check_set(GOLD) == []


@pytest.mark.parametrize("page", GOLD, ids=[p.name for p in GOLD])
def test_gold_matches_its_page(page: GoldPage):
    assert check_gold(page) == []


def test_the_check_catches_a_quote_that_is_not_in_the_page():
    page = GOLD[0]
    broken = {**page.gold, "statements": [
        {**page.gold["statements"][1], "content": "words nobody wrote on this page"}]}
    problems = check_gold(GoldPage(page.name, page.path, broken))
    assert any("occurs 0 times" in p for p in problems)


def test_the_check_catches_an_unnamed_speaker_and_a_bad_type():
    page = GOLD[0]
    stmt = {**page.gold["statements"][1], "speaker": "Nobody Atall", "aliases": [],
            "kind": "quoted"}
    problems = check_gold(GoldPage(page.name, page.path, {**page.gold, "statements": [stmt]}))
    assert any("not named" in p for p in problems)
    assert any("kind 'quoted'" in p for p in problems)


def test_html_gold_is_checked_against_the_visible_text():
    html = next(p for p in GOLD if p.kind == "html")
    text = page_text(html)
    assert "<p>" not in text and "&gt;" not in text
    assert locate(html.gold["provenance"]["headline"], text)


def test_pages_are_never_empty_and_are_utf8():
    for f in PAGES.iterdir():
        assert len(f.read_text(encoding="utf-8")) > 500, f.name


def test_speaker_match_is_lenient_on_titles_but_not_across_a_family():
    person = {"speaker": "Tanya Bell", "speaker_type": "person"}
    assert speaker_matches("Bell", person)
    assert speaker_matches("Ms Tanya Bell", person)
    assert not speaker_matches("Marcus Bell", person)
    org = {"speaker": "Russian Defense Ministry", "speaker_type": "organisation",
           "aliases": ["Defense Ministry"]}
    assert speaker_matches("the Defense Ministry", org)
    assert not speaker_matches("the ministry", org)
    assert not speaker_matches("Ukrainian Defense Ministry", org)


def test_scoring_a_perfect_prediction_gives_full_marks_on_statements():
    page = GOLD[0]
    text = page_text(page)
    atts = [PredAttribution(content=locate(s["content"], text)[:1], speaker=s["speaker"],
                            kind=s["kind"], text=s["content"])
            for s in page.gold["statements"]]
    atts.append(PredAttribution(content=[(0, 3)], speaker="X", kind="direct", text="All"))
    sc = score_page(page, Prediction(text=text, attributions=atts, no_comment=[], findings=[],
                                     provenance={}))
    assert sc.found == sc.statements == sc.speaker_right > 0
    assert sc.false == 1
