"""What a caller already knows about an article (a batch record's ``published`` and ``outlet``).

Owns :func:`check_published` (validation, run when the record is read) and :func:`apply_given`
(run after ingest): a given value is taken as evidence with the rule ``given``, ahead of what the
page itself shows; when the page disagrees, the page's value stays in the evidence list and a
warning says so.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from urllib.parse import urlsplit

from ..errors import InputError
from ..outlets.registry import load_registry
from ..schema import Article, Evidence

__all__ = ["apply_given", "check_page_url", "check_published"]

logger = logging.getLogger(__name__)
_RULE = "given"


def check_page_url(url: str) -> str:
    """``url`` if it is a well-formed http(s) URL with a host (where a page was found), else
    InputError. Nothing is fetched; the URL is only read for provenance."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port out of range
    except ValueError as exc:
        raise InputError(f"the page URL is not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError("the page URL must be an http(s) URL with a host")
    return url


def check_published(value: str) -> str:
    """``value`` as an ISO 8601 date or date-time (normalised), or InputError."""
    s = value.strip()
    if len(s) > 40:
        raise InputError("the published date is not an ISO 8601 date")
    try:
        if len(s) == 10:
            return date.fromisoformat(s).isoformat()
        return datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError as exc:
        raise InputError(f"the published date is not an ISO 8601 date: {s[:40]!r}") from exc


def apply_given(article: Article, *, published: str | None = None,
                outlet: str | None = None) -> Article:
    """Set the fields the caller gave on ``article`` (in place) and return it."""
    if published is not None:
        if article.published and article.published[:10] != published[:10]:
            article.warnings.append(
                f"the page shows the date {article.published[:10]}; the given "
                f"{published[:10]} is used")
        article.published, article.date_text = published, None
        article.evidence.append(Evidence(field="published", value=published, rule=_RULE,
                                         text=published))
    if outlet is not None and outlet.strip():
        name = outlet.strip()
        found = load_registry().entry_by_name(name)
        if found is None:
            article.site_name = name
            article.evidence.append(Evidence(field="site_name", value=name, rule=_RULE,
                                             text=name))
            return article
        entry, value = found
        if article.outlet is not None and article.outlet.id != entry.id:
            article.warnings.append(
                f"the page points to the outlet {article.outlet.name}; the given {entry.name} "
                "is used")
        article.outlet = load_registry().info(entry, matched_by=_RULE, matched_value=value)
        article.evidence.append(Evidence(field="outlet", value=entry.name, rule=_RULE,
                                         text=name))
    return article
