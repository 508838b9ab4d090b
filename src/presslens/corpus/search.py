"""Search over stored articles: full text (SQLite FTS5 / PostgreSQL tsvector) plus filters.

Owns :func:`search_articles`: outlet, date range, voice, language term, article type and story
filters combine with AND; a full-text query ranks results by relevance, otherwise the newest
articles come first. Query words are quoted before they reach FTS5, so user input is never read
as FTS syntax.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)

from . import tables as t
from .models import SearchFilters

__all__ = ["fts_query", "search_articles", "snippet", "summary_columns"]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """The words of ``query`` as an FTS5 expression in which every word must occur."""
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


def summary_columns() -> list[Any]:
    """The article columns behind :class:`~presslens.corpus.models.ArticleSummary`."""
    a = t.articles
    return [a.c.id, a.c.external_id, a.c.url, a.c.domain, a.c.outlet_id,
            t.outlets.c.name.label("outlet_name"), a.c.headline, a.c.published,
            a.c.article_type, a.c.language, a.c.words, a.c.named_sources, a.c.story_id,
            a.c.content_hash, a.c.ingested_at]


def _filters(f: SearchFilters) -> list[ColumnElement[bool]]:
    a = t.articles
    out: list[ColumnElement[bool]] = []
    if f.outlet:
        out.append(or_(a.c.outlet_id == f.outlet, a.c.domain == f.outlet.lower()))
    if f.date_from:
        out.append(func.substr(a.c.published, 1, 10) >= f.date_from[:10])
    if f.date_to:
        out.append(func.substr(a.c.published, 1, 10) <= f.date_to[:10])
    if f.article_type:
        out.append(a.c.article_type == f.article_type)
    if f.story_id is not None:
        out.append(a.c.story_id == f.story_id)
    if f.voice:
        v = t.voices
        out.append(exists().where(and_(v.c.article_id == a.c.id,
                                       func.lower(v.c.name).contains(f.voice.lower(),
                                                                     autoescape=True))))
    if f.term:
        fi = t.findings
        term = f.term.lower()
        out.append(exists().where(and_(fi.c.article_id == a.c.id,
                                       or_(func.lower(fi.c.term) == term,
                                           func.lower(fi.c.text) == term))))
    return out


def _base() -> Select[Any]:
    a = t.articles
    return select(*summary_columns()).select_from(
        a.outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))


def search_articles(conn: Connection, f: SearchFilters) -> list[dict[str, Any]]:
    """Rows (ArticleSummary fields plus ``body``) matching ``f``, best or newest first."""
    a = t.articles
    stmt = _base().add_columns(a.c.body)
    conds = _filters(f)
    if f.query and _WORD.search(f.query):
        if conn.dialect.name == "sqlite":
            fts = text("SELECT rowid AS rid, rank AS rank FROM articles_fts "
                       "WHERE articles_fts MATCH :q").columns(
                literal_column("rid"), literal_column("rank")).subquery("fts")
            stmt = stmt.join(fts, fts.c.rid == a.c.id).order_by(fts.c.rank, a.c.id)
            params: dict[str, Any] = {"q": fts_query(f.query)}
        else:
            tsq = func.plainto_tsquery("english", f.query)
            tsv: ColumnElement[Any] = literal_column("articles.tsv")
            conds.append(tsv.op("@@")(tsq))
            stmt = stmt.order_by(func.ts_rank(tsv, tsq).desc(), a.c.id)
            params = {}
    else:
        stmt = stmt.order_by(a.c.published.desc(), a.c.id)
        params = {}
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.limit(f.limit).offset(f.offset)
    return [dict(r._mapping) for r in conn.execute(stmt, params)]


def snippet(body: str, query: str | None, width: int = 160) -> str:
    """A short window of ``body`` around the first query word (the opening if none matches)."""
    pos = 0
    if query:
        for w in _WORD.findall(query):
            m = re.search(rf"\b{re.escape(w)}", body, re.I)
            if m:
                pos = m.start()
                break
    start = max(0, pos - width // 3)
    piece = " ".join(body[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")
