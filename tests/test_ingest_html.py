"""HTML ingest: body extraction, JSON-LD/OpenGraph/visible provenance, hostile input.

Every page here is a small fixture written for these tests.
"""

from __future__ import annotations

import json
import time

import pytest

from presslens.config import Settings
from presslens.errors import InputError
from presslens.ingest import load_bytes, load_text
from presslens.ingest.html import parse_html
from presslens.ingest.html_meta import strip_title_suffix
from presslens.schema import Article, BlockKind

S = Settings()

PARAS = [
    "The regional water authority said on Tuesday that the northern reservoir had fallen to "
    "its lowest level in forty years, after a dry spring and a summer of record demand.",
    "Engineers have begun moving water from the southern basin through an emergency pipeline, "
    "a measure last used during the drought of the early 1980s, officials said.",
    "“We are asking every household to cut its use by a fifth until the autumn rains arrive,” "
    "the authority's chief executive told reporters at a briefing in the capital.",
    "Farmers in the valley say the restrictions come too late for this year's harvest, and "
    "several cooperatives have asked the government for compensation.",
    "The authority will publish weekly figures for each district and said fines for breaking "
    "the hosepipe ban would be enforced from the first of next month.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAS)


def page(head: str = "", header: str = "", body: str = BODY, tail: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul></nav>"
            f"<main><article>{header}<div class='article-body'>{body}</div></article></main>"
            f"<footer><p class='copyright'>© 2026 Harbour Gazette Media</p>{tail}</footer>"
            "</body></html>")


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


GRAPH = ld({
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Al Jazeera", "url": "https://www.example.org"},
        {"@type": "NewsArticle", "headline": "Reservoir falls to 40-year low",
         "datePublished": "2026-03-03T09:15:00+00:00",
         "author": [{"@type": "Person", "name": "Jane Roe"},
                    {"@type": "Person", "name": "Omar al-Hassan"},
                    {"@type": "Organization", "name": "Gazette Staff"}],
         "publisher": {"@type": "Organization", "name": "Al Jazeera"}},
        {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 2, "name": "Environment"},
            {"@type": "ListItem", "position": 1, "name": "Home"},
            {"@type": "ListItem", "position": 3, "name": "Water"},
            {"@type": "ListItem", "position": 4, "name": "Reservoir falls to 40-year low"}]},
    ],
})
HEADER = ("<h1>Reservoir falls to 40-year low</h1>"
          "<div class='byline'>By <a>Jane Roe</a> and <a>Omar al-Hassan</a></div>"
          "<time datetime='2026-03-03T09:15:00Z'>3 March 2026</time>")


def check_offsets(a: Article) -> None:
    for b in a.blocks:
        assert a.text[b.start:b.end] == b.text


@pytest.fixture(scope="module")
def graph_article() -> Article:
    head = GRAPH + ("<meta property='og:title' "
                    "content='Reservoir falls to 40-year low | Al Jazeera'>")
    return parse_html(page(head, HEADER), url=None, settings=S)


def test_body_extracted_with_offsets(graph_article: Article) -> None:
    a = graph_article
    assert a.source_type == "html"
    body = a.body
    for p in PARAS:
        assert p[:60] in body
    assert "Home" not in body and "Harbour Gazette Media" not in body
    check_offsets(a)
    assert a.blocks[0].kind == BlockKind.HEADLINE
    assert a.text.startswith("Reservoir falls to 40-year low")


def test_jsonld_graph_fields(graph_article: Article) -> None:
    a = graph_article
    assert a.headline == "Reservoir falls to 40-year low"
    assert a.authors == ["Jane Roe", "Omar al-Hassan"]  # the organisation is not a person
    assert a.published is not None and a.published.startswith("2026-03-03")
    assert a.date_text == "3 March 2026"
    assert a.section_path == ["Environment", "Water"]  # no Home, no own-title crumb
    assert a.outlet is not None and a.outlet.name == "Al Jazeera"
    rules = {e.field: e.rule for e in a.evidence}
    assert rules["section_path"] == "jsonld_breadcrumblist"
    assert rules["authors"] == "jsonld_author"


def test_opengraph_and_meta_tags_without_jsonld() -> None:
    head = ("<meta property='og:title' content='Talks collapse over dam deal - Harbour Gazette'>"
            "<meta property='og:site_name' content='Harbour Gazette'>"
            "<meta property='article:section' content='Opinion'>"
            "<meta property='article:published_time' content='2025-11-19T22:30:00-05:00'>"
            "<meta name='author' content='Marta Lindqvist'>")
    a = parse_html(page(head), url=None, settings=S)
    assert a.headline == "Talks collapse over dam deal"  # " - Site" suffix stripped
    assert a.authors == ["Marta Lindqvist"]
    assert a.published is not None and a.published.startswith("2025-11-19")
    assert a.section_path == ["Opinion"]
    assert a.site_name == "Harbour Gazette"
    assert a.article_type == "opinion"
    assert any(e.field == "article_type" and e.rule == "section_word" for e in a.evidence)


def test_h1_preferred_over_suffixed_og_title() -> None:
    head = "<meta property='og:title' content='Reservoir falls | News | Harbour Gazette'>"
    header = "<h1>Reservoir falls to its lowest level in forty years</h1>"
    a = parse_html(page(head, header), url=None, settings=S)
    assert a.headline == "Reservoir falls to its lowest level in forty years"


def test_agency_byline_goes_to_agency_not_authors() -> None:
    header = ("<h1>Reservoir falls to 40-year low</h1>"
              "<p class='article-byline'><span>Jane Roe</span><span>Reuters</span></p>")
    body = "<p>GENEVA (Reuters) - " + PARAS[0] + "</p>" + BODY
    head = "<meta name='author' content='Reuters'>"
    a = parse_html(page(head, header, body), url=None, settings=S)
    assert a.authors == ["Jane Roe"]
    assert a.agency == "Reuters"
    assert a.article_type == "wire"


def test_organisation_meta_author_is_not_a_person() -> None:
    head = "<meta name='author' content='Associated Press'><meta name='author' content='AP'>"
    a = parse_html(page(head, "<h1>Reservoir falls to 40-year low</h1>"), url=None, settings=S)
    assert a.authors == []
    assert a.agency == "Associated Press"


def test_visible_breadcrumb_when_no_jsonld() -> None:
    header = ("<ol class='breadcrumb'><li><a href='/'>Home</a></li><li><a>News</a></li>"
              "<li><a>Conversations</a></li></ol><h1>Reservoir falls to 40-year low</h1>")
    a = parse_html(page("", header), url=None, settings=S)
    assert a.section_path == ["News", "Conversations"]
    assert a.article_type == "interview"


def test_schema_type_and_url_path_give_genre() -> None:
    head = ld({"@type": "OpinionNewsArticle", "headline": "Why the dam talks failed"})
    a = parse_html(page(head, "<h1>Why the dam talks failed</h1>"), url=None, settings=S)
    assert a.article_type == "opinion"
    assert any(e.rule == "schema_org_type" for e in a.evidence)
    b = parse_html(page("", "<h1>Why the dam talks failed</h1>"),
                   url="https://news.example/analysis/2026/dam", settings=S)
    assert b.article_type == "analysis"
    c = parse_html(page("", "<h1>Why the dam talks failed</h1>"),
                   url="https://news.example/q-and-a/2026/dam", settings=S)
    assert c.article_type == "qa"
    assert any(e.rule == "url_path_word" and e.text == "q-and-a" for e in c.evidence)


def test_blog_directory_in_url_is_not_a_genre() -> None:
    # sites file news reports under /blogs/: a section label "Blogs" is opinion, the path is not
    a = parse_html(page("", "<h1>Reservoir falls to 40-year low</h1>"),
                   url="https://news.example/blogs/briefing-room/news/reservoir", settings=S)
    assert a.article_type == "report"
    assert not any(e.rule == "url_path_word" for e in a.evidence)


def test_byline_and_date_under_headline_without_markup() -> None:
    header = ("<h1>Reservoir falls to 40-year low</h1><div><span>Written by </span>"
              "<a>Rachel Stone</a><span> on November 14, 2019</span></div>")
    a = parse_html(page("", header), url=None, settings=S)
    assert a.authors == ["Rachel Stone"]
    assert a.published == "2019-11-14"


def test_boilerplate_paragraphs_kept_but_removed() -> None:
    body = BODY + "<p>Advertisement</p><p>" + PARAS[0] + "</p><p>Follow us on Twitter</p>"
    a = parse_html(page("", "<h1>Reservoir falls to 40-year low</h1>", body), url=None,
                   settings=S)
    removed = [b for b in a.blocks if b.kind == BlockKind.BOILERPLATE]
    assert all(b.text not in a.body for b in removed if b.text.startswith("Follow"))
    check_offsets(a)


def test_json_ld_broken_is_ignored() -> None:
    head = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", broken</script>"
            "<meta property='og:title' content='Reservoir falls to 40-year low'>")
    a = parse_html(page(head), url=None, settings=S)
    assert a.headline == "Reservoir falls to 40-year low"


def test_strip_title_suffix() -> None:
    assert strip_title_suffix("Dam talks fail | The Harbour Gazette",
                              ["The Harbour Gazette"]) == "Dam talks fail"
    assert strip_title_suffix("Rock-solid plan - analysts are not convinced") == (
        "Rock-solid plan - analysts are not convinced")


# --------------------------------------------------------------------------- hostile input


def test_truncated_html_gives_partial_result() -> None:
    full = page(GRAPH, HEADER)
    cut = full[: full.index(PARAS[2][:30])]
    a = parse_html(cut, url=None, settings=S)
    assert a.headline == "Reservoir falls to 40-year low"
    check_offsets(a)


def test_binary_junk_is_input_error() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(InputError):
        load_bytes(junk, kind="html", settings=S)
    with pytest.raises(InputError, match="binary"):
        parse_html("<html>" + junk.decode("latin-1"), url=None, settings=S)


def test_empty_input_is_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        load_bytes(b"", kind="html", settings=S)
    with pytest.raises(InputError):
        parse_html("", url=None, settings=S)
    with pytest.raises(InputError):
        parse_html("<html><head></head><body></body></html>", url=None, settings=S)


def test_oversized_input_refused() -> None:
    small = Settings(max_input_bytes=1000)
    with pytest.raises(InputError, match="over the limit"):
        parse_html(page(GRAPH, HEADER), url=None, settings=small)


def test_deeply_nested_tags_bounded() -> None:
    nested = "<html><body>" + "<div>" * 20000 + "<p>" + PARAS[0] + "</p>" + "</div>" * 20000
    t0 = time.perf_counter()
    try:
        a = parse_html(nested + "</body></html>", url=None, settings=S)
    except InputError:
        pass
    else:
        check_offsets(a)
    assert time.perf_counter() - t0 < 20


def test_html_detected_through_load_text() -> None:
    a = load_text(page(GRAPH, HEADER), settings=S)
    assert a.source_type == "html"
    assert a.headline == "Reservoir falls to 40-year low"


def test_unparseable_canonical_url_is_ignored_not_a_traceback() -> None:
    html = ('<html><head><link rel="canonical" href="http://[::1/a">'
            '<meta property="og:url" content="https://[bad"><title>Talks resume</title></head>'
            "<body><article><h1>Talks resume</h1><p>"
            + "The talks resumed on Monday after a long pause. " * 20
            + "</p></article></body></html>")
    article = load_text(html, settings=Settings())
    assert article.url is None
    assert "talks resumed" in article.text


def test_control_characters_in_given_text_become_spaces() -> None:
    text = "Talks resume\n\nThe talks \x1b[31mresumed\x9b2J on Monday."
    article = load_text(text, kind="text", settings=Settings())
    assert "\x1b" not in article.text and "\x9b" not in article.text
    assert len(article.text) <= len(text) and "resumed" in article.text


def test_saved_page_takes_its_canonical_url_with_evidence() -> None:
    html = ('<html><head><link rel="canonical" href="https://news.example.org/world/talks-resume">'
            "<title>Talks resume</title></head><body><article><h1>Talks resume</h1><p>"
            + "The talks resumed on Monday after a long pause. " * 20
            + "</p></article></body></html>")
    saved = load_text(html, settings=Settings())
    assert saved.url == "https://news.example.org/world/talks-resume"
    assert any(e.field == "url" and e.rule == "canonical_link" for e in saved.evidence)
    fetched = parse_html(html, url="https://mirror.example.net/a", settings=Settings())
    assert fetched.url == "https://mirror.example.net/a"  # where it was read from wins
    assert not any(e.field == "url" for e in fetched.evidence)
