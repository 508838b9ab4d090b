"""Initial corpus schema: outlets, stories, articles and their analysis rows, duplicates,
MinHash signatures, ingest runs and errors; full-text search (SQLite FTS5 / PostgreSQL tsvector).

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _child(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_article_id", name, ["article_id"])


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("domain", sa.String(253)),
        sa.Column("country", sa.String(100)),
        sa.Column("owner", sa.Text),
        sa.Column("state_affiliated", sa.Boolean, nullable=False),
        sa.Column("in_registry", sa.Boolean, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_date", sa.String(40)),
        sa.Column("last_date", sa.String(40)),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(2100), nullable=False, unique=True),
        sa.Column("external_id", sa.String(2000)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("domain", sa.String(253)),
        sa.Column("outlet_id", sa.String(200), sa.ForeignKey("outlets.id")),
        sa.Column("source", sa.Text),
        sa.Column("headline", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("published", sa.String(40)),
        sa.Column("fetched_at", _TS),
        sa.Column("ingested_at", _TS, nullable=False),
        sa.Column("language", sa.String(20)),
        sa.Column("article_type", sa.String(40)),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("agency", sa.String(200)),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("named_sources", sa.Integer, nullable=False),
        sa.Column("outlet_voice_words", sa.Integer, nullable=False),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id")),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("analysis", sa.JSON, nullable=False),
    )
    for col in ("content_hash", "domain", "outlet_id", "published", "article_type", "story_id"):
        op.create_index(f"ix_articles_{col}", "articles", [col])
    op.create_index("ix_articles_external_id", "articles", ["external_id"])
    _child(
        "voices",
        sa.Column("voice_id", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("descriptions", sa.JSON, nullable=False),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.Column("words_quoted", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
    )
    op.create_index("ix_voices_name", "voices", ["name"])
    _child(
        "attributions",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("voice_id", sa.String(100)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("cue_text", sa.Text, nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("in_headline", sa.Boolean, nullable=False),
        sa.Column("no_comment", sa.Boolean, nullable=False),
    )
    _child(
        "findings",
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("term", sa.Text),
        sa.Column("group", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("voice", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
    )
    op.create_index("ix_findings_category", "findings", ["category"])
    op.create_index("ix_findings_term", "findings", ["term"])
    _child(
        "techniques",
        sa.Column("technique", sa.String(100), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_techniques_technique", "techniques", ["technique"])
    _child(
        "actor_labels",
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("attached_by", sa.Text, nullable=False),
        sa.Column("contested", sa.Boolean, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_table(
        "duplicates",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_index("ix_duplicates_of", "duplicates", ["duplicate_of"])
    op.create_table(
        "minhashes",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("finished_at", _TS),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("error_type", sa.String(100), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", _TS, nullable=False),
    )
    op.create_index("ix_ingest_errors_run_id", "ingest_errors", ["run_id"])
    _full_text_search()


def _full_text_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # External-content FTS5 table over articles(headline, body); rows are added by the store
        # in the same transaction as the article.
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(headline, body, "
                   "content='articles', content_rowid='id', tokenize='porter unicode61')")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(setweight(to_tsvector('english', coalesce(headline, '')), 'A') || "
                   "to_tsvector('english', body)) STORED")
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for name in ("ingest_errors", "ingest_runs", "minhashes", "duplicates", "actor_labels",
                 "techniques", "findings", "attributions", "voices", "articles", "stories",
                 "outlets"):
        op.drop_table(name)
