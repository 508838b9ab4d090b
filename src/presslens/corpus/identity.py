"""Article identity: content hash, normalised URL, registrable domain and the idempotency key.

Owns how two ingested items are recognised as "the same article". The key is the caller's own
id (``external_id``) when there is one, otherwise the normalised URL, otherwise the content hash
of the normalised body text — so ingesting the same source twice adds nothing, while the same
text under a different id is stored again and linked as an exact duplicate (never dropped).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

import courlan

__all__ = ["Identity", "article_key", "content_hash", "identity_of", "normalise_text",
           "normalise_url", "registrable_domain"]

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Identity:
    """What identifies one stored article."""

    key: str
    external_id: str | None
    url: str | None
    domain: str | None
    content_hash: str


def normalise_text(text: str) -> str:
    """Text folded for hashing: NFKC, plain quotes and dashes, case and spaces folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def normalise_url(url: str | None) -> str | None:
    """The URL normalised by courlan (scheme/host case, tracking parameters, fragments); None
    when it is not an http(s) URL courlan accepts."""
    if not url:
        return None
    try:
        checked = courlan.check_url(url, strict=False)
    except ValueError:  # courlan raises on a few malformed netlocs
        checked = None
    if checked is None:
        return None
    return str(checked[0])


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain (Public Suffix List, via courlan/tld), e.g. ``bbc.co.uk``."""
    if not url:
        return None
    try:
        domain = courlan.extract_domain(url, fast=True)
    except ValueError:
        return None
    if not domain:
        return None
    return str(domain).lower()


def article_key(external_id: str | None, url: str | None, chash: str) -> str:
    """The idempotency key: ``id:`` + external id, else ``url:`` + URL, else ``sha:`` + hash."""
    if external_id:
        return f"id:{external_id}"
    if url:
        return f"url:{url}"
    return f"sha:{chash}"


def identity_of(*, external_id: str | None, url: str | None, body: str) -> Identity:
    """The identity of an article from its caller id, URL and body text."""
    norm = normalise_url(url) or (url.strip() if url and url.strip() else None)
    chash = content_hash(body)
    return Identity(key=article_key(external_id, norm, chash), external_id=external_id,
                    url=norm, domain=registrable_domain(norm or url), content_hash=chash)
