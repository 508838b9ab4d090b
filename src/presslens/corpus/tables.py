"""The corpus store's tables (SQLAlchemy Core): one ``MetaData``, the migrations build the same.

Articles carry their identity and provenance as columns and the full Analysis as JSON; voices,
attributions, findings, techniques and actor labels are rows of their own so they can be
queried (``WHERE category = 'contested_label'``) without reading the JSON. Full-text search is a
SQLite FTS5 table (``articles_fts``) or, on PostgreSQL, a generated ``tsvector`` column; both are
made by the migration, not here, because they are dialect-specific.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "actor_labels", "articles", "attributions", "duplicates", "findings", "ingest_errors",
    "ingest_runs", "metadata", "minhashes", "outlets", "stories", "techniques", "voices",
]

metadata = MetaData()

outlets = Table(
    "outlets", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("domain", String(253)),
    Column("country", String(100)),
    Column("owner", Text),
    Column("state_affiliated", Boolean, nullable=False, default=False),
    Column("in_registry", Boolean, nullable=False, default=False),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("first_date", String(40)),
    Column("last_date", String(40)),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("state", JSON, nullable=False, doc="Clusterer centroid: terms, entities, dates."),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(2100), nullable=False, unique=True),
    Column("external_id", String(2000)),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("url", Text),
    Column("domain", String(253), index=True),
    Column("outlet_id", String(200), ForeignKey("outlets.id"), index=True),
    Column("source", Text, doc="Where ingest read it: file, feed, sitemap, WARC, JSONL line."),
    Column("headline", Text),
    Column("body", Text, nullable=False),
    Column("published", String(40), index=True, doc="ISO 8601 date (or date-time)."),
    Column("fetched_at", DateTime(timezone=True)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("language", String(20)),
    Column("article_type", String(40), index=True),
    Column("authors", JSON, nullable=False),
    Column("agency", String(200)),
    Column("words", Integer, nullable=False, default=0),
    Column("named_sources", Integer, nullable=False, default=0),
    Column("outlet_voice_words", Integer, nullable=False, default=0),
    Column("story_id", Integer, ForeignKey("stories.id"), index=True),
    Column("features", JSON, nullable=False, doc="Story clusterer features (terms, entities)."),
    Column("analysis", JSON, nullable=False, doc="The full Analysis as JSON."),
)
Index("ix_articles_external_id", articles.c.external_id)

def _child(name: str, *columns: Column[Any]) -> Table:
    """A table of rows derived from one article (deleted with it)."""
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
               nullable=False, index=True),
        *columns,
    )


voices = _child(
    "voices",
    Column("voice_id", String(100), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("role", String(40), nullable=False, doc="official | expert | citizen | media | other"),
    Column("descriptions", JSON, nullable=False),
    Column("statements", Integer, nullable=False),
    Column("words_quoted", Integer, nullable=False),
    Column("share", Float, nullable=False),
)
Index("ix_voices_name", voices.c.name)

attributions = _child(
    "attributions",
    Column("kind", String(20), nullable=False),
    Column("speaker", Text),
    Column("voice_id", String(100)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("in_headline", Boolean, nullable=False),
    Column("no_comment", Boolean, nullable=False),
)

findings = _child(
    "findings",
    Column("category", String(40), nullable=False, index=True),
    Column("term", Text),
    Column("group", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("voice", Text, nullable=False),
    Column("explanation", Text, nullable=False),
)
Index("ix_findings_term", findings.c.term)

techniques = _child(
    "techniques",
    Column("technique", String(100), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("score", Float),
    Column("text", Text, nullable=False),
)

actor_labels = _child(
    "actor_labels",
    Column("actor", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("attached_by", Text, nullable=False),
    Column("contested", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

duplicates = Table(
    "duplicates", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("duplicate_of", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True, doc="The earlier-stored article this one copies."),
    Column("kind", String(20), nullable=False, doc="exact | near | syndicated"),
    Column("similarity", Float, nullable=False),
)
Index("ix_duplicates_of", duplicates.c.duplicate_of)

minhashes = Table(
    "minhashes", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("signature", LargeBinary, nullable=False, doc="MinHash hash values, uint64 bytes."),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("sources", JSON, nullable=False),
    Column("status", String(20), nullable=False, doc="running | done | interrupted | failed"),
    Column("added", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("item", Text, nullable=False),
    Column("error_type", String(100), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
