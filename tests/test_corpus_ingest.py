"""presslens ingest end to end with the real pipeline: every source kind, idempotence, errors,
polite fetching from a local web server, and Dask workers."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus_articles import (
    DAM_COURIER,
    DAM_LEDGER,
    ELECTION_LEDGER,
    records,
    write_folder,
    write_jsonl,
)
from presslens import load_settings
from presslens.config import Settings
from presslens.corpus import Corpus
from presslens.corpus.ingest import IngestOptions, ingest_sources

NOW = IngestOptions(fetch_delay=0.0)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(allow_private=True)


def _page(text: str) -> bytes:
    head, *paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><title>{head}</title></head><body><article><h1>{head}</h1>{body}"
            "</article></body></html>").encode()


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        found = self.pages.get(self.path)
        if found is None:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = found
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.hits = []
    _Site.pages = {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/news/dam": ("text/html; charset=utf-8", _page(DAM_LEDGER)),
        "/news/election": ("text/html; charset=utf-8", _page(ELECTION_LEDGER)),
        "/private/secret": ("text/html", _page(DAM_COURIER)),
        "/feed.xml": ("application/rss+xml", f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Ledger</title>
<item><title>Dam</title><link>{base}/news/dam</link>
<pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate></item>
<item><title>Secret</title><link>{base}/private/secret</link></item>
</channel></rss>""".encode()),
        "/sitemap-index.xml": ("application/xml", f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/news-sitemap.xml</loc></sitemap></sitemapindex>""".encode()),
        "/news-sitemap.xml": ("application/xml", f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/election</loc><news:news><news:publication_date>2026-04-05T07:00:00Z
</news:publication_date><news:title>Polls</news:title></news:news></url>
<url><loc>{base}/news/missing</loc></url></urlset>""".encode()),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_folder_ingest_is_idempotent_and_finds_stories(tmp_path: Path,
                                                       settings: Settings) -> None:
    folder = write_folder(tmp_path)
    with Corpus(tmp_path / "c.db") as corpus:
        first = ingest_sources(corpus, [str(folder)], settings=settings, options=NOW)
        assert (first.added, first.errors, first.status) == (4, 0, "done")
        again = ingest_sources(corpus, [str(folder)], settings=settings, options=NOW)
        assert (again.added, again.skipped) == (0, 4)
        assert corpus.count() == 4
        ids = {s.id: set(s.external_ids) for s in corpus.stories()}
        assert {"news/dam-ledger.txt", "news/dam-courier.html"} in ids.values()
        hit = corpus.search("Kessel dam")
        assert {h.article.external_id for h in hit} == {"news/dam-ledger.txt",
                                                        "news/dam-courier.html"}
        article = corpus.get_article_by_external_id("news/dam-ledger.txt")
        assert article is not None
        assert "Helena Varga" in [v.name for v in article.analysis.voices]


def test_jsonl_records_errors_are_recorded_and_the_run_goes_on(tmp_path: Path,
                                                                settings: Settings) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records()[:2], extra_lines=(
        "{not json", '{"id": "empty", "text": "   "}', '{"id": "two", "text": "a", "html": "b"}',
        "[1, 2]"))
    with Corpus(tmp_path / "c.db") as corpus:
        report = ingest_sources(corpus, [str(src)], settings=settings, options=NOW)
        assert (report.added, report.errors) == (2, 4)
        errors = corpus.run_errors(report.run_id)
        assert [e.item for e in errors] == ["in.jsonl:3", "in.jsonl:4 (empty)",
                                            "in.jsonl:5 (two)", "in.jsonl:6"]
        assert {e.error_type for e in errors} == {"InputError"}
        (run,) = corpus.runs()
        assert (run.added, run.errors, run.status) == (2, 4, "done")
        stored = corpus.get_article_by_external_id("courier-dam")
        assert stored is not None
        assert stored.published == "2026-03-10"
        assert stored.outlet_name == "Halden Courier"
        dam = corpus.get_article_by_external_id("ledger-dam")
        assert dam is not None and dam.story_id == stored.story_id


def test_feed_sitemap_and_url_list_fetch_politely(tmp_path: Path, site: str,
                                                   settings: Settings) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# our list\n{site}/news/dam\n", encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        report = ingest_sources(
            corpus, [f"{site}/feed.xml", f"{site}/sitemap-index.xml", str(urls)],
            settings=settings, options=NOW)
        stored = {a.url for a in corpus.articles()}
        assert stored == {f"{site}/news/dam", f"{site}/news/election"}
        # the URL list repeats the feed's article: skipped before fetching it again
        assert (report.added, report.skipped) == (2, 1)
        assert _Site.hits.count("/news/dam") == 1
        assert "/private/secret" not in _Site.hits  # robots.txt disallows it
        messages = {e.item: e.message for e in corpus.run_errors(report.run_id)}
        assert "robots.txt" in messages[f"{site}/private/secret"]
        assert "404" in messages[f"{site}/news/missing"]
        election = corpus.search("Northmark")[0].article
        assert (election.published or "").startswith("2026-04-05")


def test_private_addresses_are_refused_without_allow_private(tmp_path: Path, site: str) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        report = ingest_sources(corpus, [f"{site}/news/dam"], settings=load_settings(),
                                options=NOW)
        assert report.added == 0 and report.errors == 1
        assert "non-public address" in corpus.run_errors()[0].message
    assert _Site.hits == []


def test_warc_responses_are_ingested(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, text in (("https://ledger.example/dam", DAM_LEDGER),
                          ("https://ledger.example/election", ELECTION_LEDGER)):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(_page(text)), http_headers=headers))
    with Corpus(tmp_path / "c.db") as corpus:
        report = ingest_sources(corpus, [str(path)], settings=settings, options=NOW)
        assert report.added == 2
        assert {a.domain for a in corpus.articles()} == {"ledger.example"}


def test_dask_local_cluster_and_worker_processes_give_the_inline_analyses(
        tmp_path: Path, settings: Settings) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records())
    with Corpus(tmp_path / "dask.db") as corpus:
        report = ingest_sources(corpus, [str(src)], settings=settings,
                                options=IngestOptions(workers=2, dask="local"))
        assert (report.added, report.errors) == (4, 0)
        via_dask = corpus.get_article_by_external_id("ledger-election")
    with Corpus(tmp_path / "procs.db") as corpus:
        report = ingest_sources(corpus, [str(src)], settings=settings,
                                options=IngestOptions(workers=2))
        assert (report.added, report.errors) == (4, 0)
        via_processes = corpus.get_article_by_external_id("ledger-election")
    with Corpus(tmp_path / "inline.db") as corpus:
        ingest_sources(corpus, [str(src)], settings=settings, options=NOW)
        inline = corpus.get_article_by_external_id("ledger-election")
    assert via_dask is not None and via_processes is not None and inline is not None
    assert via_dask.analysis == inline.analysis == via_processes.analysis
