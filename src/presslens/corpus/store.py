"""Opening the corpus store and writing one article with its analysis in one transaction.

Owns the engine (a SQLite file by default, PostgreSQL by URL), the Alembic migrations that
create and upgrade the schema, and the row layout of an Analysis: :func:`write_article` inserts
the article, its outlet, voices, attributions, findings, techniques, actor labels, full-text
entry, MinHash signature, duplicate links and story membership inside the caller's transaction,
so a crash leaves either all of it or none of it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError
from ..schema import Analysis, Article
from . import tables as t
from .identity import Identity
from .roles import is_no_comment, voice_role

__all__ = ["ArticleRow", "DuplicateLink", "database_url", "open_engine", "shown_db",
           "write_article"]

logger = logging.getLogger(__name__)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: a file path means SQLite; ``postgresql://`` uses psycopg 3."""
    s = str(db)
    if not _SCHEME.match(s):
        return f"sqlite:///{Path(s).expanduser()}"
    if s.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + s.split("://", 1)[1]
    return s


def shown_db(db: str | Path) -> str:
    """``db`` as shown to people (messages, logs): a URL's password masked."""
    s = str(db)
    if not _SCHEME.match(s):
        return s
    try:
        return str(make_url(s).render_as_string(hide_password=True))
    except ArgumentError:
        return s.split("://", 1)[0] + "://…"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer and a killed writer loses only its open transaction.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(db: str | Path, *, migrate: bool = True) -> Engine:
    """Open (and by default create or upgrade) the store at ``db``; StoreError when it cannot."""
    url = database_url(db)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(f"cannot open the corpus store {shown_db(db)}: "
                         f"{_one_line(exc)}") from exc
    return engine


def _one_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def alembic_config() -> Config:
    """The Alembic configuration of the store's migrations (shipped inside the package)."""
    cfg = Config()
    cfg.set_main_option("script_location",
                        str(resources.files("presslens.corpus") / "migrations"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (creating it on an empty database)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@dataclass(frozen=True)
class DuplicateLink:
    """This article copies an earlier one: how (exact | near | syndicated) and how closely."""

    duplicate_of: int
    kind: str
    similarity: float


@dataclass
class ArticleRow:
    """Everything :func:`write_article` stores for one article."""

    identity: Identity
    analysis: Analysis
    source: str
    features: dict[str, Any]
    signature: bytes | None = None
    fetched_at: datetime | None = None
    story_id: int | None = None
    duplicates: list[DuplicateLink] = field(default_factory=list)


def outlet_key(article: Article, domain: str | None) -> str | None:
    """The store's outlet id of an article: its registry outlet, else the outlet name the caller
    gave (evidence rule ``given``, as a slug), else its registrable domain, else its site name."""
    if article.outlet is not None:
        return article.outlet.id
    given = next((e.value for e in article.evidence
                  if e.field == "site_name" and e.rule == "given"), None)
    if given:
        return _slug(given)
    if domain:
        return domain
    return _slug(article.site_name) if article.site_name else None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or name


def _outlet_id(analysis: Analysis, domain: str | None) -> str | None:
    return outlet_key(analysis.article, domain)


def _ensure_outlet(conn: Connection, analysis: Analysis, domain: str | None) -> str | None:
    oid = _outlet_id(analysis, domain)
    if oid is None:
        return None
    if conn.execute(select(t.outlets.c.id).where(t.outlets.c.id == oid)).first() is not None:
        return oid
    o = analysis.article.outlet
    conn.execute(insert(t.outlets).values(
        id=oid,
        name=o.name if o else (analysis.article.site_name or oid),
        domain=(o.domains[0] if o and o.domains else domain),
        country=o.country if o else None,
        owner=o.owner if o else None,
        state_affiliated=bool(o and o.state_affiliated),
        in_registry=bool(o and o.citations),
    ))
    return oid


def _outlet_voice_words(analysis: Analysis) -> int:
    return sum(len(c.text.split()) for c in analysis.outlet_voice)


def write_article(conn: Connection, row: ArticleRow) -> int:
    """Insert one article and everything derived from it; return its id. Runs in ``conn``'s
    transaction: the caller commits (or rolls back) the whole article at once."""
    a = row.analysis
    art = a.article
    ident = row.identity
    outlet_id = _ensure_outlet(conn, a, ident.domain)
    summary = a.language_summary
    article_id = int(conn.execute(insert(t.articles).values(
        key=ident.key, external_id=ident.external_id, content_hash=ident.content_hash,
        url=ident.url or art.url, domain=ident.domain, outlet_id=outlet_id, source=row.source,
        headline=art.headline, body=art.body or art.text, published=art.published,
        fetched_at=row.fetched_at, ingested_at=datetime.now(UTC), language=art.language,
        article_type=str(art.article_type), authors=list(art.authors), agency=art.agency,
        words=summary.words if summary else len((art.body or art.text).split()),
        named_sources=a.named_sources, outlet_voice_words=_outlet_voice_words(a),
        story_id=row.story_id, features=row.features,
        analysis=a.model_dump(mode="json"),
    ).returning(t.articles.c.id)).scalar_one())
    _write_children(conn, article_id, a)
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO articles_fts(rowid, headline, body) VALUES (:i, :h, :b)"),
                     {"i": article_id, "h": art.headline or "", "b": art.body or art.text})
    if row.signature is not None:
        conn.execute(insert(t.minhashes).values(article_id=article_id, signature=row.signature))
    if row.duplicates:
        conn.execute(insert(t.duplicates), [
            {"article_id": article_id, "duplicate_of": d.duplicate_of, "kind": d.kind,
             "similarity": d.similarity} for d in row.duplicates])
    return article_id


def _write_children(conn: Connection, article_id: int, a: Analysis) -> None:
    if a.voices:
        conn.execute(insert(t.voices), [
            {"article_id": article_id, "voice_id": v.id, "name": v.name, "type": str(v.type),
             "role": voice_role(v), "descriptions": list(v.descriptions),
             "statements": v.statements, "words_quoted": v.words_quoted, "share": v.share}
            for v in a.voices])
    if a.attributions:
        conn.execute(insert(t.attributions), [
            {"article_id": article_id, "kind": str(x.kind), "speaker": x.speaker,
             "voice_id": x.voice_id,
             "start": min((s[0] for s in x.content), default=0),
             "end": max((s[1] for s in x.content), default=0),
             "content_text": x.content_text, "cue_text": x.cue_text,
             "source_text": x.source_text, "in_headline": x.in_headline,
             "no_comment": is_no_comment(x.content_text)}
            for x in a.attributions])
    if a.findings:
        conn.execute(insert(t.findings), [
            {"article_id": article_id, "category": f.category, "term": f.term, "group": f.group,
             "text": f.text, "start": f.start, "end": f.end, "voice": f.voice,
             "explanation": f.explanation} for f in a.findings])
    if a.techniques:
        conn.execute(insert(t.techniques), [
            {"article_id": article_id, "technique": x.technique, "start": x.start,
             "end": x.end, "score": x.score, "text": x.text} for x in a.techniques])
    if a.actor_labels:
        conn.execute(insert(t.actor_labels), [
            {"article_id": article_id, "actor": x.actor, "label": x.label,
             "attached_by": x.attached_by, "contested": x.contested, "start": x.start,
             "end": x.end} for x in a.actor_labels])
