"""Genre classification: each general rule, alone and combined, with the evidence it leaves."""

from __future__ import annotations

import pytest

from presslens.config import load_settings
from presslens.ingest.genre import classify_article, section_genres
from presslens.ingest.text import parse_text
from presslens.schema import Article, ArticleType

T = ArticleType
SETTINGS = load_settings(environ={})

NEWS_BODY = [
    "Negotiations over the Kessler Dam stalled on Monday after Veridia demanded a guaranteed "
    "share of the river's dry-season flow, officials said.",
    "The talks, mediated by the Lakeland Commission, have so far failed to produce a draft.",
    "“We will not sign anything that leaves our farms dry,” said Ilse Marek, the minister.",
]


def make(*lines: str, body: list[str] | None = None) -> Article:
    text = "\n\n".join([*lines, *(NEWS_BODY if body is None else body)])
    return parse_text(text, settings=SETTINGS)


def rules(evidence) -> set[tuple[str, str]]:
    return {(e.value, e.rule) for e in evidence}


def test_plain_news_is_a_report_by_default():
    best, alts, ev = classify_article(make("Dam talks stall over river sharing",
                                           "By Marta Lindqvist"))
    assert best == T.REPORT and alts == []
    assert rules(ev) == {("report", "default_no_genre_signal")}


@pytest.mark.parametrize(
    ("section", "genre"),
    [
        ("Opinion", T.OPINION), ("Comment", T.OPINION), ("Op-Ed", T.OPINION),
        ("Analysis", T.ANALYSIS), ("Explainers", T.ANALYSIS),
        ("Conversations", T.INTERVIEW), ("Interviews", T.INTERVIEW),
        ("Press releases", T.PRESS_RELEASE),
    ],
)
def test_section_words(section, genre):
    a = make(f"News / {section}", "Dam talks stall over river sharing")
    best, _, ev = classify_article(a)
    assert best == genre
    assert (genre.value, "section_word") in rules(ev)


@pytest.mark.parametrize(
    ("word", "genre"),
    [
        ("op-ed", T.OPINION), ("Op-Ed", T.OPINION), ("fact-check", T.ANALYSIS),
        ("factcheck", T.ANALYSIS), ("q-and-a", T.QA), ("press_releases", T.PRESS_RELEASE),
        ("news-releases", T.PRESS_RELEASE),
    ],
)
def test_section_and_url_words_share_one_table(word, genre):
    assert section_genres(word) == [genre]
    assert section_genres(word, url_path=True) == [genre]


@pytest.mark.parametrize("word", ["blogs", "statements", "ideas", "insights"])
def test_label_only_words_are_not_read_from_urls(word):
    # "/blogs/" and "/statements/" hold news reports and fact checks on real sites
    assert section_genres(word) != []
    assert section_genres(word, url_path=True) == []


def test_words_that_name_no_genre():
    for word in ("news", "world", "politics", "2026", "analysis-and-more"):
        assert section_genres(word) == [] and section_genres(word, url_path=True) == []


@pytest.mark.parametrize(
    ("headline", "genre"),
    [
        ("Opinion | The dam deal is a trap for farmers", T.OPINION),
        ("Analysis: Why the dam talks keep failing", T.ANALYSIS),
        ("Explainer: What is at stake in the river talks", T.ANALYSIS),
        ("Q&A: The engineer who built the Kessler Dam", T.QA),
        ("Interview: Veridia's water minister on the talks", T.INTERVIEW),
    ],
)
def test_headline_kickers(headline, genre):
    best, _, ev = classify_article(make(headline))
    assert best == genre
    assert (genre.value, "headline_kicker") in rules(ev)


@pytest.mark.parametrize(
    "headline",
    [
        "Veridia's demands leave Ostrava in a bind: Analyst",
        "Dam deal will not survive the dry season, says analyst",
        "Drought will worsen the crisis, experts warn",
        "River talks doomed — Geneva-based expert",
    ],
)
def test_expert_voice_headline_supports_interview_and_analysis(headline):
    best, alts, ev = classify_article(make(headline))
    assert {best, *alts} >= {T.INTERVIEW, T.ANALYSIS}
    assert ("analysis", "headline_expert_attribution") in rules(ev)


def test_minister_attribution_is_not_an_expert_voice():
    best, _, _ = classify_article(make("Dam deal is close: Minister"))
    assert best == T.REPORT


@pytest.mark.parametrize("role", ["Columnist", "Opinion contributor"])
def test_byline_roles(role):
    best, _, ev = classify_article(make("The dam deal is a trap for farmers",
                                        f"By Helena Varga, {role}"))
    assert best == T.OPINION
    assert ("opinion", "byline_role") in rules(ev)


def test_agency_credit_means_wire():
    a = Article(text="x", headline="Dam talks stall", agency="Nordwire Agency")
    best, alts, ev = classify_article(a)
    assert best == T.WIRE and T.REPORT in alts
    assert ("wire", "agency_credit") in rules(ev)


def test_question_answer_turns_mean_interview():
    body = ["Helena Varga has studied the river basin for twenty years.",
            "Q: Why did the talks fail?", "A: Because nobody trusts the other side's numbers.",
            "Q: What happens in the dry season?", "A: Farmers will suffer first."]
    best, _, ev = classify_article(make("The engineer who built the dam", body=body))
    assert best == T.INTERVIEW
    assert ("interview", "question_answer_turns") in rules(ev)


def test_interview_phrase_in_opening_paragraphs():
    body = ["In an exclusive interview with the Harbour Gazette, Helena Varga said the talks "
            "had failed.", *NEWS_BODY]
    best, _, ev = classify_article(make("Dam talks have failed, engineer says", body=body))
    assert best == T.INTERVIEW
    assert ("interview", "interview_phrase_in_opening") in rules(ev)


def test_first_person_density_means_opinion_but_quotes_do_not_count():
    mine = ("I have walked the river every summer since I was a child, and I have never seen it "
            "this low. My neighbours tell me the same. I think the dam deal will ruin us, and I "
            "say so plainly: my region deserves better than this.")
    best, _, ev = classify_article(make("The river I grew up with is dying", body=[mine] * 3))
    assert best == T.OPINION
    assert ("opinion", "first_person_density") in rules(ev)
    quoted = [f"“{mine}” said Ilse Marek, a farmer." for _ in range(3)]
    best, _, ev = classify_article(make("Farmers say the river is dying", body=quoted))
    assert ("opinion", "first_person_density") not in rules(ev)


def test_press_release_furniture():
    body = ["FOR IMMEDIATE RELEASE",
            "PORT ALDEN, March 14, 2026 — Harbour Turbines Ltd. (NASDAQ: HTRB) today announced "
            "a new turbine for small dams.",
            "This release contains forward-looking statements about future products.",
            "About Harbour Turbines", "Harbour Turbines builds hydro equipment.",
            "Media contact: press@harbourturbines.example", "###"]
    best, _, ev = classify_article(make("Harbour Turbines launches compact dam turbine",
                                        body=body))
    assert best == T.PRESS_RELEASE
    found = {r for v, r in rules(ev) if v == "press_release"}
    assert {"for_immediate_release", "media_contact", "forward_looking", "stock_ticker"} <= found


def test_evidence_is_tagged_with_the_field_and_text():
    _, _, ev = classify_article(make("News / Opinion", "Analysis: The dam deal"))
    assert ev and all(e.field == "article_type" and e.text for e in ev)
