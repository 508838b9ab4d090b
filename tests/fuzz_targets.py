"""Fuzz targets over every ingest path and the NLP stages, shared by the CI tests and the long run.

Each ``check_*`` function takes one generated input and asserts the properties presslens promises
for any input at all: no exception other than :class:`~presslens.errors.PresslensError`; every
offset inside the text it points into; the same output for the same input. ``STRATEGIES`` pairs
each target with a hypothesis strategy of hostile shapes (runs of quotes and punctuation, control
and bidi characters, entities, odd charsets, deep or huge JSON, redirects to anywhere).
``tests/test_fuzz.py`` runs a few examples of each in CI; ``benchmarks/fuzz.py`` runs them for
minutes and writes ``benchmarks/results/fuzz.json``. ``REGRESSIONS`` holds inputs that once
crashed a target; both replay them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import httpx
from hypothesis import strategies as st

from presslens.analysis import analyze_article
from presslens.batch import parse_line
from presslens.config import Settings
from presslens.errors import PresslensError
from presslens.ingest import fetch, load_bytes, load_text
from presslens.ingest.decode import decode_bytes
from presslens.schema import Article

SETTINGS = Settings(max_input_bytes=200_000, max_body_chars=20_000, fetch_timeout=5)
_SPAN_LISTS = {"content", "cue", "source", "mentions"}
_BLANKED = {chr(c) for c in [*range(0, 9), *range(14, 32), *range(0x7F, 0xA0)]}

# --------------------------------------------------------------------------- properties


def spans_inside(tree: Any, length: int, where: str = "") -> None:
    """Assert every start/end pair and every [start, end] span in ``tree`` lies in [0, length]."""
    if isinstance(tree, dict):
        if isinstance(tree.get("start"), int) and isinstance(tree.get("end"), int):
            assert 0 <= tree["start"] <= tree["end"] <= length, (where, tree["start"], tree["end"])
        for key, value in tree.items():
            if key in _SPAN_LISTS and isinstance(value, list):
                for span in value:
                    assert 0 <= span[0] <= span[1] <= length, (where + key, span)
            else:
                spans_inside(value, length, f"{where}{key}.")
    elif isinstance(tree, list):
        for item in tree:
            spans_inside(item, length, where)


def _article_ok(article: Article) -> None:
    text = article.text
    for b in article.blocks:
        assert 0 <= b.start <= b.end <= len(text), (b.start, b.end, len(text))
        assert text[b.start:b.end] == b.text
    assert not (_BLANKED & set(text)), "control characters left in the text"
    spans_inside(article.model_dump(mode="json"), len(text))


def _ingest_twice(make: Callable[[], Article]) -> None:
    try:
        first = make()
    except PresslensError:
        return
    _article_ok(first)
    assert make().model_dump_json() == first.model_dump_json(), "output not deterministic"


def check_text(s: str) -> None:
    """Plain-text ingest of any string."""
    _ingest_twice(lambda: load_text(s, kind="text", settings=SETTINGS))


def check_html(s: str) -> None:
    """HTML ingest of any string (with a URL for provenance, never fetched)."""
    _ingest_twice(lambda: load_text(s, kind="html", url="https://example.org/world/a-1",
                                    settings=SETTINGS))


def check_bytes(data: bytes) -> None:
    """Decoding and ingesting any bytes, with any declared content type."""
    try:
        text = decode_bytes(data, max_bytes=SETTINGS.max_input_bytes)
    except PresslensError:
        return
    assert not (_BLANKED & set(text))
    _ingest_twice(lambda: load_bytes(data, settings=SETTINGS))


def check_line(data: bytes) -> None:
    """One batch input line: a record to analyse or one InputError, never an exception."""
    rec = parse_line(data, 1, base_dir=tempfile.gettempdir())
    if rec is None:
        assert not data.decode("utf-8", "replace").strip()
        return
    assert (rec.source is None) != (rec.error is None)
    if rec.error is not None:
        assert rec.error.type == "InputError" and "\n" not in rec.error.message


@contextmanager
def fake_server(handler: Callable[[httpx.Request], httpx.Response]) -> Iterator[None]:
    """Route fetch_url's requests to ``handler`` (address vetting still runs, on IP literals)."""
    with mock.patch.object(fetch, "_VettedTransport",
                           lambda backend: httpx.MockTransport(handler)):
        yield


def check_fetch(status: int, headers: list[tuple[str, str]], body: bytes) -> None:
    """Any response (status, headers, body) to a fetch of a public address: a page or one
    FetchError/InputError; redirects are followed only to vetted http(s) addresses."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        raw = [(k, v.encode("utf-8")) for k, v in headers]  # servers send bytes, not str
        return httpx.Response(status, headers=raw, content=body)

    with fake_server(handler):
        try:
            page = fetch.fetch_url("http://93.184.216.34/start", settings=SETTINGS)
        except PresslensError:
            page = None
    assert len(seen) <= 6, "more than 5 redirects followed"
    for url in seen:
        host = httpx.URL(url).host
        assert url.startswith(("http://", "https://"))
        assert not host.startswith(("127.", "10.", "169.254.", "192.168.")), url
    if page is not None:
        _ingest_twice(lambda: load_bytes(page.content, url=page.url,
                                         content_type=page.content_type, settings=SETTINGS))


def check_page_url(args: tuple[str, str, str]) -> None:
    """A document with any URL given as where it was found (never fetched)."""
    doc, url, kind = args
    _ingest_twice(lambda: load_text(doc, kind=kind, url=url,  # type: ignore[arg-type]
                                    settings=SETTINGS))


def check_nlp(s: str) -> None:
    """The whole analysis of any text: spans inside the text, deterministic output."""
    try:
        article = load_text(s, kind="text", settings=SETTINGS)
    except PresslensError:
        return
    first = analyze_article(article, settings=SETTINGS)
    spans_inside(first.model_dump(mode="json"), len(article.text))
    again = analyze_article(load_text(s, kind="text", settings=SETTINGS), settings=SETTINGS)
    assert again.model_dump_json() == first.model_dump_json(), "analysis not deterministic"


# --------------------------------------------------------------------------- strategies

_PIECES = ['"', "“", "”", "‘", "’", "'", "«", "»", "—", "–", "-", "…", "(", ")", "[", "]", "!",
           "?", "*", "&", ":", ";", ",", ".", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\x00",
           "\x1b[2J", "\u009b", "\u202e", "\u2066", "\u200b", "\ufeff", "\ud800", "Mr. ",
           "A. ", "Dr ", "said", " said ", "told reporters", "according to ", "By ", "Reuters",
           "AP", "©", "2024", "14 March 2026", "Home › World › ", "he", "she", "they",
           "The minister", "Jane Doe", "the talks", "regime", "allegedly", "very", "http://x.y/z",
           "a", "b", "é", "中文", "🙂", "\u0301", "I", "We"]
_WORDS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
TEXTS = st.one_of(
    st.lists(st.one_of(st.sampled_from(_PIECES), _WORDS), max_size=120).map("".join),
    st.text(max_size=300),
    st.tuples(st.sampled_from(_PIECES), st.integers(1, 400)).map(lambda p: p[0] * p[1]),
)
_TAGS = ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<article>", "</article>",
         "<html>", "<head>", "<body>", "<title>", "</title>", "<script>", "</script>", "<!--",
         "-->", "<br>", "<meta charset=undefined>", '<meta property="og:site_name" content="X">',
         '<link rel="canonical" href="javascript:alert(1)">', "<a href='//evil'>", "</a>",
         "&#1;", "&#x0;", "&#0", "&#147;", "&#x202e;", "&#99999999999;", "&amp;", "&lt;",
         "&nbsp;", "<p class='byline'>By ", '<script type="application/ld+json">{"@type":',
         "<time datetime='2024-13-45'>", "</time>", "<![CDATA[", "]]>", "<svg>", "<math>",
         "<table><tr><td>", "<" + "b " * 50 + ">"]
HTMLS = st.lists(st.one_of(st.sampled_from(_TAGS), st.sampled_from(_PIECES), _WORDS),
                 max_size=150).map("".join)
_ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "koi8-r",
              "utf-32"]
BYTES = st.one_of(
    st.binary(max_size=400),
    st.tuples(TEXTS, st.sampled_from(_ENCODINGS)).map(
        lambda p: p[0].encode(p[1], errors="replace")),
    st.tuples(HTMLS, st.sampled_from(["undefined", "punycode", "utf-7", "rot13", "x"])).map(
        lambda p: f"<meta charset={p[1]}>{p[0]}".encode("utf-8", "replace")),
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "html", "path", "url", "published", "outlet", "x"]),
        inner, max_size=5),
    max_leaves=12,
)
LINES = st.one_of(
    _JSON.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
    st.fixed_dictionaries({}, optional={
        "id": st.one_of(st.text(max_size=10), st.integers(), st.none()),
        "text": TEXTS, "html": HTMLS, "path": st.text(max_size=30),
        "url": st.sampled_from(["https://example.org/a", "file:///etc/passwd", "", "javascript:x",
                                "http://127.0.0.1/"]),
        "published": st.sampled_from(["2024-05-01", "2024-13-01", "yesterday", "9" * 50, ""]),
        "outlet": st.text(max_size=20),
    }).map(lambda d: json.dumps(d).encode("utf-8", "surrogatepass")),
    st.integers(1, 3000).map(lambda n: (b"[" * n) + (b"]" * n)),
)
_HEADER_VALUES = st.sampled_from([
    "text/html", "text/html; charset=undefined", "text/plain; charset=punycode",
    "text/html; charset=utf-16", "application/octet-stream", "/", "http://127.0.0.1/",
    "http://169.254.169.254/latest", "file:///etc/passwd", "//93.184.216.34/next",
    "https://93.184.216.34/ok", "javascript:alert(1)", "http://[::1]/", "http://0x7f000001/",
    "\u202e[bold]x[/]", "99999999999999999999", "-1", "", "http://93.184.216.34:99999/",
])
_HEADERS = st.lists(st.tuples(st.sampled_from(["Location", "Content-Type", "Content-Length",
                                               "Content-Encoding", "Transfer-Encoding"]),
                              _HEADER_VALUES), max_size=4)
_URL_PARTS = ["http://", "https://", "[", "]", ":", "99999", "/", "//", "?", "#", "%ff", "@",
              "\u202e", " ", "..", "example.org", "bbc.co.uk", "x", "2024", "05", "news",
              "world-europe", "\\", "[::1]", "xn--", "\x00"]
PAGE_URLS = st.tuples(
    st.one_of(TEXTS, HTMLS),
    st.tuples(st.sampled_from(["http://", "https://", "HTTP://", ""]),
              st.lists(st.one_of(st.sampled_from(_URL_PARTS), _WORDS), max_size=8)).map(
        lambda p: p[0] + "".join(p[1])),
    st.sampled_from(["text", "html"]),
)
FETCHES = st.tuples(st.sampled_from([200, 204, 301, 302, 303, 307, 308, 404, 500, 999]),
                    _HEADERS, BYTES)

STRATEGIES: dict[str, tuple[Callable[..., None], st.SearchStrategy[Any]]] = {
    "text": (check_text, TEXTS),
    "html": (check_html, HTMLS),
    "bytes": (check_bytes, BYTES),
    "batch_line": (check_line, LINES),
    "fetch": (lambda args: check_fetch(*args), FETCHES),
    "page_url": (check_page_url, PAGE_URLS),
    "nlp": (check_nlp, TEXTS),
}

# Inputs that once broke a target (found while building the harness), replayed on every run.
REGRESSIONS: list[tuple[str, Any, str]] = [
    ("bytes", b'<meta charset="undefined"><p>The minister said so.</p>',
     "UnicodeError from the 'undefined' codec escaped decode_bytes"),
    ("html", "<html><body><article><p>a &#1; b</p>" + "<p>The minister spoke at length.</p>" * 3
     + "</article></body></html>", "a control-character reference emptied the body"),
    ("batch_line", b"[" * 100_000 + b"]" * 100_000, "RecursionError from json.loads"),
    ("batch_line", b'{"id": ' + b"9" * 5000 + b"}", "ValueError (integer digit limit)"),
    ("page_url", ("<html><body><article><p>The minister said so on Monday.</p></article>"
                  "</body></html>", "http://[zz/", "html"),
     "ValueError from urlsplit on a malformed page URL in the HTML path"),
]
