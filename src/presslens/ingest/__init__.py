"""Ingest stage: any source (path, URL, stdin bytes, str) → :class:`~presslens.schema.Article`.

``load`` decides what the input is and hands it to exactly one parser: ``text.parse_text`` for
scraped plain-text pages, ``html.parse_html`` for HTML. Nothing downstream re-reads raw input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..errors import InputError
from ..schema import Article
from .decode import clean_text, decode_bytes, looks_like_html

__all__ = ["Kind", "kind_for_path", "load", "load_bytes", "load_path", "load_text", "load_url"]

Kind = Literal["auto", "text", "html"]
_SURROGATE = re.compile("[\ud800-\udfff]")


def load_text(text: str, *, kind: Kind = "auto", url: str | None = None,
              settings: Settings) -> Article:
    """Parse an already-decoded document (plain text or HTML) into an Article.

    ``url``: where the document was found (provenance only; InputError if it is not a
    well-formed http(s) URL).
    """
    if url is not None:
        from .given import check_page_url

        check_page_url(url)
    if not text.strip():
        raise InputError("input is empty")
    # Lone surrogates (JSON "\ud800" in a batch record) cannot be written out as UTF-8; each
    # becomes U+FFFD, one character for one, so offsets into the given text stay valid.
    text = _SURROGATE.sub("\ufffd", text)
    text = clean_text(text)  # binary refused; control characters become spaces, one for one
    if len(text) > settings.max_input_bytes:
        raise InputError(
            f"input has {len(text):,} characters, over the limit of {settings.max_input_bytes:,} "
            "(raise PRESSLENS_MAX_INPUT_BYTES to allow it)"
        )
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        from .html import parse_html

        return parse_html(text, url=url, settings=settings)
    from .text import parse_text

    return parse_text(text, url=url, settings=settings)


def load_bytes(data: bytes, *, kind: Kind = "auto", url: str | None = None,
               content_type: str | None = None, settings: Settings) -> Article:
    """Decode bytes (encoding detected, binary refused) and parse them."""
    text = decode_bytes(data, content_type=content_type, max_bytes=settings.max_input_bytes)
    if kind == "auto" and content_type and "html" in content_type.lower():
        kind = "html"
    return load_text(text, kind=kind, url=url, settings=settings)


def kind_for_path(path: str | Path, kind: Kind = "auto") -> Kind:
    """``kind``, or "html" for an .html/.htm/.xhtml file when ``kind`` is "auto"."""
    if kind == "auto" and Path(path).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return "html"
    return kind


def load_path(path: str | Path, *, kind: Kind = "auto", url: str | None = None,
              settings: Settings) -> Article:
    """Read a local file (size-checked before reading) and parse it.

    ``url``: where the saved page was found (provenance only; nothing is fetched).
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from exc
    if p.is_dir():
        raise InputError(f"{p} is a directory, not an article file")
    limit = settings.max_input_bytes
    if size > limit:
        raise InputError(f"{p} is {size:,} bytes, over the limit of {limit:,} bytes")
    try:
        # Read at most one byte past the limit: a pipe, /dev/zero or a growing file reports no
        # (or a stale) size, and must not be read without bound.
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(f"{p} is over the limit of {limit:,} bytes")
    return load_bytes(data, kind=kind_for_path(p, kind), url=url, settings=settings)


def load_url(url: str, *, kind: Kind = "auto", settings: Settings) -> Article:
    """Fetch a URL (SSRF-guarded, size- and time-limited) and parse the response."""
    from .fetch import fetch_url

    page = fetch_url(url, settings=settings)
    return load_bytes(page.content, kind=kind, url=page.url, content_type=page.content_type,
                      settings=settings)


def load(source: str | Path | bytes, *, kind: Kind = "auto", settings: Settings) -> Article:
    """Load from a URL (``http(s)://``), a path, raw bytes or ``-`` is not handled here (CLI)."""
    if isinstance(source, bytes):
        return load_bytes(source, kind=kind, settings=settings)
    s = str(source)
    if s.startswith(("http://", "https://")):
        return load_url(s, kind=kind, settings=settings)
    return load_path(s, kind=kind, settings=settings)
