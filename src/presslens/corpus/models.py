"""Typed results of the corpus query API (pydantic): what ``Corpus`` methods return.

These models are the contract the CLI, the web UI and callers build on: fields are added over
time, never renamed or removed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..schema import Analysis

__all__ = [
    "ArticleDetail", "ArticleSummary", "DuplicateInfo", "IngestErrorInfo", "IngestRunInfo",
    "OutletSummary", "SearchFilters", "SearchHit", "StoryDetail", "StorySummary",
]


def _utc(value: datetime) -> datetime:
    """A stored time with its zone: SQLite keeps none, and every time stored is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# Serialised as RFC 3339 with an offset, as the JSON Schema's ``date-time`` format requires.
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleSummary(_Model):
    """One stored article without its analysis."""

    id: int
    external_id: str | None = None
    url: str | None = None
    domain: str | None = None
    outlet_id: str | None = None
    outlet_name: str | None = None
    headline: str | None = None
    published: str | None = Field(None, description="ISO 8601 date as given or detected.")
    article_type: str | None = None
    language: str | None = None
    words: int = 0
    named_sources: int = 0
    story_id: int | None = None
    content_hash: str = ""
    ingested_at: UtcDatetime | None = None


class DuplicateInfo(_Model):
    """A duplicate link: ``article_id`` copies ``duplicate_of`` (exact | near | syndicated)."""

    article_id: int
    duplicate_of: int
    kind: str
    similarity: float


class ArticleDetail(ArticleSummary):
    """One stored article with its full analysis and duplicate links (both directions)."""

    body: str = ""
    source: str | None = None
    analysis: Analysis
    duplicates: list[DuplicateInfo] = []


class OutletSummary(_Model):
    """An outlet seen in the corpus and how many articles it has there."""

    id: str
    name: str
    domain: str | None = None
    country: str | None = None
    owner: str | None = None
    state_affiliated: bool = False
    in_registry: bool = False
    articles: int = 0
    first_date: str | None = None
    last_date: str | None = None


class StorySummary(_Model):
    """An event story: articles about the same happening, across outlets."""

    id: int
    title: str
    first_date: str | None = None
    last_date: str | None = None
    n_articles: int = 0
    outlets: list[str] = []
    external_ids: list[str] = []


class StoryDetail(StorySummary):
    """A story with its articles, oldest first."""

    articles: list[ArticleSummary] = []


class SearchFilters(_Model):
    """Filters of :meth:`Corpus.search`; every one optional, all combined with AND."""

    query: str | None = Field(None, description="Full-text query (words; all must occur).")
    outlet: str | None = Field(None, description="Outlet id or registrable domain.")
    date_from: str | None = Field(None, description="ISO date, inclusive.")
    date_to: str | None = Field(None, description="ISO date, inclusive.")
    voice: str | None = Field(None, description="A voice (speaker) name, case-insensitive.")
    term: str | None = Field(None, description="A language finding's term or matched text.")
    article_type: str | None = None
    story_id: int | None = None
    limit: int = Field(50, ge=1, le=10_000)
    offset: int = Field(0, ge=0)


class SearchHit(_Model):
    """One search result: the article and a short snippet around the match."""

    article: ArticleSummary
    snippet: str = ""


class IngestErrorInfo(_Model):
    """One item an ingest run could not store, and why."""

    run_id: int
    item: str
    error_type: str
    message: str
    at: UtcDatetime


class IngestRunInfo(_Model):
    """One ingest run and its counts."""

    id: int
    started_at: UtcDatetime
    finished_at: UtcDatetime | None = None
    sources: list[str] = []
    status: str
    added: int = 0
    skipped: int = 0
    errors: int = 0
