"""Ingest sources → items: folders, JSONL records, URL lists, RSS/Atom feeds, sitemaps, WARC.

Owns :func:`iter_items`, which turns each ``SOURCE`` argument of ``presslens ingest`` into
:class:`Item` s, lazily and in a stable order (so an interrupted run resumes where it stopped):

* a folder: every ``.html``/``.htm``/``.txt`` file below it (sorted; ``external_id`` is the path
  relative to the folder);
* a ``.jsonl`` file: batch records ``{"id", "html"|"text"|"path", "url", "published",
  "outlet"}`` — content found at ``url`` is never fetched; ``url`` alone is fetched;
* a file whose lines are all URLs (comments ``#`` allowed): each URL, fetched;
* an RSS/Atom feed (feedparser) or a sitemap — urlset, news sitemap, or index of sitemaps — given
  as a file or URL: each linked article (publication dates from the feed or news sitemap);
* a ``.warc``/``.warc.gz`` file (warcio): every HTML response record;
* any other file or URL: one article.

An unreadable record becomes an :class:`Item` carrying the error, so it is recorded and the run
goes on. XML is parsed without entity resolution or network access.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import feedparser
from lxml import etree

from ..errors import FetchError, InputError, PresslensError
from ..ingest.decode import decode_bytes
from ..workers import Source
from .polite import PoliteFetcher

__all__ = ["Item", "expand", "iter_items", "kind_of_xml"]

logger = logging.getLogger(__name__)

_ARTICLE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt"}
_URL = re.compile(r"^https?://\S+$", re.I)
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_MAX_SITEMAPS = 200


@dataclass(frozen=True)
class Item:
    """One thing to ingest: a reference for messages, the caller's id, and its content (or the
    error that stopped it being read)."""

    ref: str
    external_id: str | None = None
    source: Source | None = None
    error: PresslensError | None = None


def kind_of_xml(data: bytes) -> str | None:
    """``feed``, ``sitemap`` or ``sitemapindex`` for XML of that kind; None otherwise."""
    head = data[:2000].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    while head.startswith((b"<!--", b"<?")):
        end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
        head = head[end:].lstrip()
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith(b"<urlset"):
        return "sitemap"
    if head.startswith(b"<sitemapindex"):
        return "sitemapindex"
    return None


def _feed_items(data: bytes, ref: str) -> Iterator[Item]:
    parsed: Any = feedparser.parse(data)
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        if not link:
            yield Item(ref=f"{ref}#{n}", error=InputError(f"feed entry {n} has no link"))
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        yield Item(ref=link, source=Source(kind="url", value=link, url=link,
                                           published=published))


def _xml(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"sitemap is not well-formed XML: {exc}") from exc


def _sitemap_items(data: bytes, ref: str, fetcher: PoliteFetcher | None,
                   seen: set[str]) -> Iterator[Item]:
    try:
        root = _xml(data)
    except InputError as exc:
        yield Item(ref=ref, error=exc)
        return
    if root.tag == f"{_SM}sitemapindex":
        for loc in root.iterfind(f"{_SM}sitemap/{_SM}loc"):
            child = (loc.text or "").strip()
            if not child or child in seen or len(seen) >= _MAX_SITEMAPS:
                continue
            seen.add(child)
            try:
                page = _fetch(fetcher, child)
            except PresslensError as exc:
                yield Item(ref=child, error=exc)
                continue
            yield from _sitemap_items(page, child, fetcher, seen)
        return
    for url in root.iterfind(f"{_SM}url"):
        loc = (url.findtext(f"{_SM}loc") or "").strip()
        if not loc:
            continue
        published = (url.findtext(f"{_NEWS}news/{_NEWS}publication_date")
                     or url.findtext(f"{_SM}lastmod") or "").strip()[:10] or None
        yield Item(ref=loc, source=Source(kind="url", value=loc, url=loc, published=published))


def _fetch(fetcher: PoliteFetcher | None, url: str) -> bytes:
    if fetcher is None:
        raise FetchError(f"{url}: fetching is turned off")
    return fetcher.fetch(url).content


def expand(data: bytes, ref: str, fetcher: PoliteFetcher | None) -> Iterator[Item] | None:
    """The items a feed or sitemap links to; None when ``data`` is neither."""
    kind = kind_of_xml(data)
    if kind == "feed":
        return _feed_items(data, ref)
    if kind in ("sitemap", "sitemapindex"):
        return _sitemap_items(data, ref, fetcher, {ref})
    return None


def _jsonl_items(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            ref = f"{path.name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Item(ref=ref, error=InputError(f"line {n} is not valid JSON: {exc.msg}"))
                continue
            if not isinstance(rec, dict):
                yield Item(ref=ref, error=InputError(f"line {n} is not a JSON object"))
                continue
            yield _record_item(rec, ref, path.parent)


def _record_item(rec: dict[str, Any], ref: str, base: Path) -> Item:
    rid = rec.get("id")
    ext = str(rid) if rid is not None else None
    if ext is not None:
        ref = f"{ref} ({ext[:200]})"
    given = [k for k in ("text", "html", "path") if rec.get(k) is not None]
    url = rec.get("url")
    if len(given) > 1 or (not given and not url):
        return Item(ref=ref, external_id=ext, error=InputError(
            f"record needs one of text, html, path (or a url alone); got {given or 'none'}"))
    key: Literal["text", "html", "path", "url"] = "url"
    if given:
        key = "text" if given[0] == "text" else "html" if given[0] == "html" else "path"
    value = rec.get(key)
    extras = {k: rec.get(k) for k in ("url", "published", "outlet")}
    if not isinstance(value, str) or not all(v is None or isinstance(v, str)
                                             for v in extras.values()):
        return Item(ref=ref, external_id=ext,
                    error=InputError("record fields must be strings"))
    return Item(ref=ref, external_id=ext, source=Source(
        kind=key, value=value, url=url, published=rec.get("published"),
        outlet=rec.get("outlet"), base_dir=str(base) if key == "path" else None))


def _warc_items(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    text = decode_bytes(record.content_stream().read(), content_type=ctype,
                                        max_bytes=50_000_000)
                except InputError as exc:
                    yield Item(ref=url or f"{path.name}#{n}", error=exc)
                    continue
                date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield Item(ref=url or f"{path.name}#{n}",
                           source=Source(kind="html", value=text, url=url, published=None)
                           if url else Source(kind="html", value=text, published=date))
    except (ArchiveLoadFailed, OSError) as exc:
        yield Item(ref=str(path), error=InputError(f"cannot read WARC {path}: {exc}"))


def _file_items(path: Path, fetcher: PoliteFetcher | None) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        yield from _jsonl_items(path)
        return
    if name.endswith((".warc", ".warc.gz")):
        yield from _warc_items(path)
        return
    try:
        head = path.read_bytes()[:1_000_000] if path.stat().st_size < 1_000_000 else b""
    except OSError as exc:
        yield Item(ref=str(path), error=InputError(f"cannot read {path}: {exc.strerror}"))
        return
    expanded = expand(head, str(path), fetcher) if head else None
    if expanded is not None:
        yield from expanded
        return
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    urls = [ln for ln in lines if ln and not ln.startswith("#")]
    if urls and all(_URL.match(u) for u in urls):
        for u in urls:
            yield Item(ref=u, source=Source(kind="url", value=u, url=u))
        return
    yield Item(ref=str(path), external_id=path.name,
               source=Source(kind="path", value=str(path), base_dir=str(path.parent)))


def _dir_items(root: Path) -> Iterator[Item]:
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix.lower() in _ARTICLE_SUFFIXES:
            rel = f"{root.resolve().name}/{p.relative_to(root).as_posix()}"
            yield Item(ref=str(p), external_id=rel,
                       source=Source(kind="path", value=str(p), base_dir=str(root)))


def iter_items(sources: list[str], *, fetcher: PoliteFetcher | None) -> Iterator[Item]:
    """Every item of every source, in order. URL sources are fetched through ``fetcher``
    (None: URL sources are errors) to tell a feed or sitemap from an article."""
    for src in sources:
        if _URL.match(src):
            yield Item(ref=src, source=Source(kind="url", value=src, url=src))
            continue
        path = Path(src)
        if path.is_dir():
            yield from _dir_items(path)
        elif path.is_file():
            yield from _file_items(path, fetcher)
        else:
            yield Item(ref=src, error=InputError(f"no such file, folder or URL: {src}"))
