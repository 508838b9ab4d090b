"""The web app in-process (no browser): pages, CSV, JSON API, and the request guards.

The corpus is ``story_db`` (four invented articles ingested with ``presslens ingest``); analyses
go through the shared worker process ``web_runner`` with the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from presslens.corpus import Corpus
from presslens.corpus.compare import Comparison
from presslens.schema import Analysis
from presslens.web import WebConfig, create_app
from presslens.web.security import CSP, is_loopback
from presslens.web.tables import Cell, Table, to_csv
from web_helpers import HOSTILE_MARKERS, HOSTILE_TEXT

SAMPLE = (resources.files("presslens") / "samples" / "sample-article.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def db(story_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """This module's own copy of the story corpus (its tests add articles)."""
    target = tmp_path_factory.mktemp("webapp") / "corpus.db"
    with Corpus(story_db) as c, c.engine.connect() as conn:  # checkpoint the WAL into the file
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(story_db, target)
    return str(target)


@pytest.fixture(scope="module")
def client(db: str, web_runner: Any) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=db, max_body=200_000), runner=web_runner)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def story_id(client: TestClient) -> int:
    stories = client.get("/api/stories", params={"min_articles": 2}).json()
    assert len(stories) == 1
    return int(stories[0]["id"])


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --------------------------------------------------------------------------- pages


def test_every_page_is_served_under_a_strict_csp_with_local_assets_only(client, story_id):
    paths = ["/", "/search", "/search?q=bridge", "/stories", f"/stories/{story_id}",
             "/outlets", "/outlets/valley-wire", "/articles/1", "/api", "/login"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP
        assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        page = r.text
        # No inline script or style to allow: every script and stylesheet is a local file.
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page), path
        assert "<style" not in page and " style=" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path
        assert not re.search(r"(src|href)=\"(https?:)?//", page.split("<main", 1)[0]), path
    assert client.get("/static/web.js").status_code == 200
    assert client.get("/static/report.css").text.startswith("/* presslens")
    assert ".voice-0 {" in client.get("/voices.css").text


def test_article_permalink_shows_the_report_panels(client):
    r = client.get("/articles/1")
    page = r.text
    for panel in ('aria-label="Provenance"', 'aria-label="Voices"', 'aria-label="Language"',
                  'aria-label="Article"'):
        assert panel in page
    assert 'id="permalink"' in page and 'href="/articles/1"' in page
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/articles/0").status_code == 404


def test_search_filters_by_outlet_voice_term_type_and_dates(client):
    def headlines(**params: str) -> list[str]:
        hits = client.get("/api/articles", params=params).json()
        return sorted(h["article"]["headline"] for h in hits)

    assert len(headlines()) >= 4
    assert headlines(q="bridge", outlet="valley-wire") == [
        "Port Calder's Marlow Bridge to stay closed for repairs, mayor says"]
    assert headlines(date_from="2026-05-05", date_to="2026-05-05") == [
        "Port Calder's Marlow Bridge to stay closed for repairs, mayor says"]
    by_voice = headlines(voice="Hana Volkova")
    assert by_voice == ["Chaos in Port Calder as crumbling Marlow Bridge shut"]
    assert "Lakeside school board elects new chair" not in headlines(q="bridge")
    page = client.get("/search", params={"q": "bridge", "outlet": "northern-ledger"}).text
    assert "Chaos in Port Calder" in page and "Lakeside" not in page
    # The search page's table is the CSV: same rows, header first.
    rows = _rows(client.get("/search.csv", params={"q": "bridge"}).text)
    assert rows[0][:3] == ["Date", "Outlet", "Headline"]
    assert {r[2] for r in rows[1:]} >= {"Chaos in Port Calder as crumbling Marlow Bridge shut"}


def test_search_rejects_bad_filters_with_a_clear_page(client):
    r = client.get("/search", params={"date_from": "last tuesday"})
    assert r.status_code == 422 and "date_from" in r.text
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422


def test_story_page_compares_outlets_side_by_side(client, story_id):
    page = client.get(f"/stories/{story_id}").text
    for outlet in ("Calder Gazette", "Northern Ledger", "Valley Wire"):
        assert outlet in page
    assert "Chaos in Port Calder as crumbling Marlow Bridge shut" in page
    assert '<svg class="timeline"' in page and "<circle" in page
    # Harbour Review has articles in the corpus but none on this story.
    silent = page.split('id="t-silent"', 1)[1].split("</section>", 1)[0]
    assert "Harbour Review" in silent and "Valley Wire" not in silent
    # Every table of the page downloads as CSV.
    for table in ("outlets", "headlines", "labels", "terms", "silent", "coverage"):
        r = client.get(f"/stories/{story_id}.csv", params={"table": table})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), table
    outlets = _rows(client.get(f"/stories/{story_id}.csv", params={"table": "outlets"}).text)
    assert outlets[0][:3] == ["Outlet", "Articles", "Named voices"]
    assert sorted(r[0] for r in outlets[1:]) == ["Calder Gazette", "Northern Ledger",
                                                  "Valley Wire"]
    assert client.get(f"/stories/{story_id}.csv", params={"table": "nope"}).status_code == 404
    assert client.get("/stories/424242").status_code == 404


def test_story_numbers_link_to_their_evidence_sentences(client, story_id):
    page = client.get(f"/stories/{story_id}").text
    anchors = set(re.findall(r'href="#(ev-[\w-]+)"', page))
    assert anchors
    for a in anchors:
        assert f'id="{a}"' in page
    cmp = Comparison.model_validate(client.get("/api/compare",
                                               params={"story": story_id}).json())
    gazette = next(o for o in cmp.outlets if o.outlet_name == "Calder Gazette")
    assert gazette.voices_named.evidence
    assert str(escape(gazette.voices_named.evidence[0].text)) in page


def test_outlet_page_shows_typical_voices_and_terms(client):
    r = client.get("/outlets/northern-ledger")
    assert r.status_code == 200
    page = r.text
    voices = page.split('id="t-voices"', 1)[1].split("</section>", 1)[0]
    assert "Hana Volkova" in voices
    months = _rows(client.get("/outlets/northern-ledger.csv", params={"table": "months"}).text)
    assert months[1][0] == "2026-05" and months[1][1] == "1"
    assert client.get("/outlets/no-such-outlet").status_code == 404


# --------------------------------------------------------------------------- analyse + API


def test_analyse_form_stores_the_article_and_redirects_to_its_permalink(client):
    r = client.post("/analyze", data={"text": SAMPLE, "kind": "auto"}, follow_redirects=False)
    assert r.status_code == 303
    permalink = r.headers["location"]
    assert re.fullmatch(r"/articles/\d+", permalink)
    page = client.get(permalink).text
    voices = page.split('aria-label="Voices"', 1)[1].split("</section>", 1)[0]
    assert "Helena Varga" in voices
    # Submitting the same text again finds the stored article: same permalink.
    again = client.post("/analyze", data={"text": SAMPLE}, follow_redirects=False)
    assert again.headers["location"] == permalink


def test_analyse_form_accepts_an_uploaded_file(client):
    html = (b"<html><head><title>Ferry fares rise</title></head><body><article><h1>Ferry fares "
            b"rise</h1><p>\"Fares must cover fuel,\" the operator's director, Olga Brandt, said "
            b"on Friday.</p></article></body></html>")
    r = client.post("/analyze", files={"file": ("../../etc/passwd.html", html, "text/html")},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "Olga Brandt" in page and "Ferry fares rise" in page


@pytest.mark.parametrize("data, message", [
    ({}, "give the article"),
    ({"text": "Some text.", "url": "https://example.org/a"}, "only one of"),
    ({"url": "ftp://example.org/a"}, "http"),
    ({"url": "http://127.0.0.1:9/secret"}, "non-public address"),
    ({"url": "http://[::1]/"}, "non-public address"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, "non-public address"),
])
def test_analyse_form_refuses_bad_input_with_the_form_and_a_message(client, data, message):
    r = client.post("/analyze", data=data)
    assert r.status_code == 422
    assert message in r.text and 'id="analyse-form"' in r.text


def test_api_analyze_answers_the_cli_json_and_stores_it(client):
    from presslens.cli import Format, render
    from presslens.config import Settings
    from presslens.web.runner import Job, analyze_job

    text = "Jonas Weber said the ferry would sail on time. \"We are ready,\" he added."
    r = client.post("/api/analyze", json={"text": text})
    assert r.status_code == 200
    got = Analysis.model_validate(r.json())
    assert [v.name for v in got.voices] == ["Jonas Weber"]
    local = analyze_job(Job(data=text.encode(), content_type="text/plain; charset=utf-8"),
                        Settings())
    expected = json.loads(render(local, Format.json))
    assert r.json() == expected
    stored = client.get(r.headers["location"]).json()
    assert stored["analysis"] == expected
    assert client.post("/api/analyze", json={"text": "x", "extra": 1}).status_code == 422
    assert client.post("/api/analyze", json={}).status_code == 422


def test_api_read_endpoints_answer_the_corpus_models(client, story_id):
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["n_articles"] == 3 and len(story["articles"]) == 3
    assert client.get("/api/stories/424242").status_code == 404
    art = client.get(f"/api/articles/{story['articles'][0]['id']}").json()
    Analysis.model_validate(art["analysis"])
    assert client.get("/api/compare").status_code == 422
    assert client.get("/api/compare", params={"story": 424242}).status_code == 404
    by_query = client.get("/api/compare", params={"q": "Marlow Bridge"}).json()
    assert {o["outlet_name"] for o in by_query["outlets"]} >= {"Calder Gazette", "Valley Wire"}
    schema = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/stories",
                 "/api/stories/{story_id}", "/api/compare"):
        assert path in schema["paths"], path
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN script


def test_hostile_article_is_stored_and_shown_as_text(client):
    r = client.post("/analyze", data={"text": HOSTILE_TEXT}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    body = page.split("<main", 1)[1]
    for marker in HOSTILE_MARKERS:
        assert marker not in body
    assert "&lt;script&gt;window.__pwned = 1" in body
    assert "<script" not in body and "<img" not in body and "<svg onload" not in body
    assert 'href="javascript:' not in body


# --------------------------------------------------------------------------- guards


def test_request_body_over_the_limit_is_refused(client):
    big = "word " * 50_000  # 250 kB > the module's 200 kB limit
    r = client.post("/api/analyze", json={"text": big})
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post("/analyze", content=chunks(),
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_cross_site_writes_are_refused(client):
    r = client.post("/analyze", data={"text": "x"}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/api/analyze", json={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    r = client.post("/analyze", data={"text": "x"}, headers={"origin": "null"})
    assert r.status_code == 403
    # A browser's own form: Sec-Fetch-Site says same-origin (its Origin may be "null").
    r = client.post("/analyze", data={}, headers={"origin": "null",
                                                 "sec-fetch-site": "same-origin"})
    assert r.status_code == 422 and "give the article" in r.text


def test_writes_need_the_token_when_one_is_set(db, web_runner):
    app = create_app(WebConfig(db=db, token="s3cret-token"), runner=web_runner)
    with TestClient(app) as c:
        assert c.get("/").status_code == 200  # reading needs no token
        assert c.post("/api/analyze", json={"text": "x"}).status_code == 401
        wrong = c.post("/api/analyze", json={"text": "x"},
                       headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = c.post("/api/analyze", json={"text": "Anna Berg said it rained."},
                    headers={"authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        assert c.post("/login", data={"token": "nope"}).status_code == 401
        c.post("/login", data={"token": "s3cret-token"}, follow_redirects=False)
        form = c.post("/analyze", data={"text": "Anna Berg said it rained."},
                      follow_redirects=False)
        assert form.status_code == 303  # the login cookie carries the token


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert not is_loopback("example.org")


def test_csv_cells_that_look_like_formulas_are_neutralised():
    t = Table("x", "X", ["=cmd", "n"])
    t.add("=HYPERLINK(\"http://evil\")", 3)
    t.add(Cell("+1", href="/a"), 1.5)
    rows = _rows(to_csv(t))
    assert rows == [["'=cmd", "n"], ["'=HYPERLINK(\"http://evil\")", "3"], ["'+1", "1.5"]]


def test_serve_is_a_cli_command_with_help():
    from typer.testing import CliRunner

    from presslens.cli import app

    out = CliRunner().invoke(app, ["serve", "--help"])
    assert out.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--timeout", "--max-body"):
        assert option in out.output


def test_db_path_is_never_taken_from_requests(client, tmp_path: Path):
    # Paths in query strings are text to search for, never files to open.
    r = client.get("/search", params={"q": "../../../../etc/passwd"})
    assert r.status_code == 200 and "root:x:" not in r.text
    r = client.get("/outlets/..%2F..%2Fetc%2Fpasswd")
    assert r.status_code == 404


def test_a_read_only_server_browses_but_does_not_analyse(db):
    app = create_app(WebConfig(db=db, read_only=True))  # starts no analysis worker
    with TestClient(app) as c:
        assert "read-only" in c.get("/").text
        assert c.get("/search", params={"q": "bridge"}).status_code == 200
        r = c.post("/api/analyze", json={"text": "Anna Berg said it rained."})
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert app.state.web.runner is None


def test_stories_table_says_when_it_shows_only_the_largest(tmp_path):
    from corpus_helpers import make_analysis
    from presslens.web.views import stories_view

    with Corpus(str(tmp_path / "c.db")) as corpus:
        bodies = ("Dockers in Varn walked out over unpaid overtime at the container port.",
                  "A late frost destroyed apple blossom across the Ostel valley orchards.",
                  "The city museum closed its east wing after rain leaked through the roof.")
        for i, body in enumerate(bodies):
            corpus.add(make_analysis(body, headline=body[:30], outlet=f"outlet{i}",
                                     published=f"2026-0{i + 1}-10"), external_id=f"a{i}")
        page = stories_view(corpus, limit=2)
        full = stories_view(corpus)
    assert len(page.tables["stories"].rows) == 2 and "2 largest of 3" in page.tables["stories"].note
    assert len(full.tables["stories"].rows) == 3 and full.tables["stories"].note == ""
