"""The corpus: a typed, documented API over the store (what the CLI and the web UI call).

Owns :class:`Corpus`. Writing (:meth:`Corpus.add`) stores one article with its analysis, its
duplicate links and its story membership in one transaction, then updates the in-memory
duplicate index and story clusterer (rebuilt from the store when first needed, so a restarted
ingest continues where it stopped). Reading methods return the pydantic models of
:mod:`presslens.corpus.models`. One process writes to a corpus at a time; any number read.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..schema import Analysis
from . import tables as t
from .compare import Comparison, compare_articles
from .dedup import DedupSettings, DuplicateIndex, signature, signature_bytes
from .features import story_features
from .identity import identity_of
from .models import (
    ArticleDetail,
    ArticleSummary,
    DuplicateInfo,
    IngestErrorInfo,
    IngestRunInfo,
    OutletSummary,
    SearchFilters,
    SearchHit,
    StoryDetail,
    StorySummary,
)
from .search import search_articles, snippet, summary_columns
from .store import ArticleRow, open_engine, outlet_key, write_article
from .stories import StoryClusterer, StorySettings, StoryState

__all__ = ["AddResult", "Corpus"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Corpus.add` did: the article id, whether it was new, its story and links."""

    article_id: int
    added: bool
    story_id: int | None = None
    duplicates: list[DuplicateInfo] = field(default_factory=list)


def _title_of(analysis: Analysis) -> str:
    """The article's headline, or its first body line cut to about 100 characters."""
    art = analysis.article
    if art.headline and art.headline.strip():
        return art.headline.strip()
    return _first_line(art.body or art.text)


def _first_line(text: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first if len(first) <= 100 else first[:100].rsplit(" ", 1)[0] + " …"


class Corpus:
    """A store of analysed articles: add, search, stories, outlets, comparisons.

    ``db`` is a SQLite file path (created if missing) or a ``postgresql://`` URL.
    """

    def __init__(self, db: str | Path, *, dedup: DedupSettings | None = None,
                 stories: StorySettings | None = None) -> None:
        self.db = str(db)
        self.engine = open_engine(db)
        self._dedup_settings = dedup or DedupSettings()
        self._story_settings = stories or StorySettings()
        self._index: DuplicateIndex | None = None
        self._clusterer: StoryClusterer | None = None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    # ------------------------------------------------------------------ writing

    def key_for(self, *, external_id: str | None = None, url: str | None = None) -> str | None:
        """The idempotency key an item will have, when it is known before analysis."""
        if external_id or url:
            return identity_of(external_id=external_id, url=url, body="").key
        return None

    def existing_keys(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` are already stored (used to skip before analysing)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                found.update(conn.execute(
                    select(t.articles.c.key).where(t.articles.c.key.in_(chunk))).scalars())
        return found

    def _writer_state(self) -> tuple[DuplicateIndex, StoryClusterer]:
        if self._index is None or self._clusterer is None:
            index = DuplicateIndex(self._dedup_settings)
            clusterer = StoryClusterer(self._story_settings)
            with self.engine.connect() as conn:
                rows = conn.execute(select(t.articles.c.id, t.articles.c.content_hash,
                                           t.articles.c.outlet_id, t.articles.c.features,
                                           t.minhashes.c.signature)
                                    .outerjoin(t.minhashes,
                                               t.minhashes.c.article_id == t.articles.c.id)
                                    .order_by(t.articles.c.id))
                for r in rows:
                    clusterer.observe(r.features)
                    if r.signature is not None:
                        index.add(r.id, content_hash=r.content_hash, minhash=r.signature,
                                  outlet=r.outlet_id)
                for s in conn.execute(select(t.stories.c.id, t.stories.c.state)):
                    clusterer.stories[s.id] = StoryState.from_json(s.id, s.state)
            self._index, self._clusterer = index, clusterer
        return self._index, self._clusterer

    def add(self, analysis: Analysis, *, external_id: str | None = None,
            url: str | None = None, source: str = "api",
            features: dict[str, Any] | None = None, minhash: bytes | None = None,
            fetched_at: datetime | None = None) -> AddResult:
        """Store an analysed article (one transaction); an already-stored key adds nothing.

        ``features`` and ``minhash`` may come precomputed from a worker; otherwise they are
        computed here.
        """
        art = analysis.article
        ident = identity_of(external_id=external_id, url=url or art.url,
                            body=art.body or art.text)
        index, clusterer = self._writer_state()
        feats = features if features is not None else story_features(analysis)
        sig = minhash if minhash is not None else signature_bytes(
            signature(art.body or art.text, self._dedup_settings))
        outlet = outlet_key(art, ident.domain)
        links = index.links(content_hash=ident.content_hash, minhash=sig, outlet=outlet)
        try:
            with self.engine.begin() as conn:
                existing = conn.execute(select(t.articles.c.id)
                                        .where(t.articles.c.key == ident.key)).scalar()
                if existing is not None:
                    return AddResult(article_id=int(existing), added=False)
                story = self._assign(conn, clusterer, feats, _title_of(analysis))
                article_id = write_article(conn, ArticleRow(
                    identity=ident, analysis=analysis, source=source, features=feats,
                    signature=sig, fetched_at=fetched_at, story_id=story.id, duplicates=links))
                conn.execute(update(t.stories).where(t.stories.c.id == story.id).values(
                    title=story.title or "(untitled)", first_date=story.first_date,
                    last_date=story.last_date, n_articles=story.n, state=story.to_json()))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {ident.key}: {exc}") from exc
        # Only after the commit: the in-memory state follows what the store holds.
        index.add(article_id, content_hash=ident.content_hash, minhash=sig, outlet=outlet)
        clusterer.observe(feats)
        clusterer.stories[story.id] = story
        return AddResult(article_id=article_id, added=True, story_id=story.id, duplicates=[
            DuplicateInfo(article_id=article_id, duplicate_of=d.duplicate_of, kind=d.kind,
                          similarity=d.similarity) for d in links])

    def _assign(self, conn: Connection, clusterer: StoryClusterer, feats: dict[str, Any],
                headline: str | None) -> StoryState:
        """The article's story: a copy of the best active one, or a new row."""
        best, score = clusterer.best(feats)
        if best is not None and score >= clusterer.settings.threshold:
            story = copy.deepcopy(best)
        else:
            sid = conn.execute(insert(t.stories).values(
                title=headline or "(untitled)", n_articles=0, state={})
                .returning(t.stories.c.id)).scalar_one()
            story = StoryState(id=int(sid))
        clusterer.merge(story, feats, headline)
        return story

    def recluster(self, settings: StorySettings | None = None) -> int:
        """Rebuild every story from the stored articles' features, in ingest order, with
        ``settings`` (default: this corpus's); one transaction. Returns the number of stories.
        """
        if settings is not None:
            self._story_settings = settings
        clusterer = StoryClusterer(self._story_settings)
        a, s = t.articles, t.stories
        try:
            with self.engine.begin() as conn:
                rows = conn.execute(select(a.c.id, a.c.features, a.c.headline, a.c.body)
                                    .order_by(a.c.id)).all()
                conn.execute(update(a).values(story_id=None))
                conn.execute(s.delete())
                for r in rows:
                    title = r.headline or _first_line(r.body)
                    story = self._assign(conn, clusterer, r.features, title)
                    clusterer.observe(r.features)
                    clusterer.stories[story.id] = story
                    conn.execute(update(a).where(a.c.id == r.id).values(story_id=story.id))
                for st in clusterer.stories.values():
                    conn.execute(update(s).where(s.c.id == st.id).values(
                        title=st.title or "(untitled)", first_date=st.first_date,
                        last_date=st.last_date, n_articles=st.n, state=st.to_json()))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot rebuild the stories: {exc}") from exc
        self._clusterer = None  # rebuilt from the store when next needed
        return len(clusterer.stories)

    def start_run(self, sources: list[str]) -> int:
        """Record the start of an ingest run; return its id."""
        with self.engine.begin() as conn:
            return int(conn.execute(insert(t.ingest_runs).values(
                started_at=datetime.now(UTC), sources=sources, status="running", added=0,
                skipped=0, errors=0).returning(t.ingest_runs.c.id)).scalar_one())

    def record_error(self, run_id: int, item: str, error_type: str, message: str) -> None:
        """Record one item an ingest run could not store."""
        with self.engine.begin() as conn:
            conn.execute(insert(t.ingest_errors).values(
                run_id=run_id, item=item[:2000], error_type=error_type, message=message[:4000],
                at=datetime.now(UTC)))

    def finish_run(self, run_id: int, *, status: str, added: int, skipped: int,
                   errors: int) -> None:
        """Record how an ingest run ended."""
        with self.engine.begin() as conn:
            conn.execute(update(t.ingest_runs).where(t.ingest_runs.c.id == run_id).values(
                finished_at=datetime.now(UTC), status=status, added=added, skipped=skipped,
                errors=errors))

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        """Number of stored articles."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())

    def _summaries(self, where: Any = None, order: Any = None,
                   limit: int | None = None) -> list[ArticleSummary]:
        a = t.articles
        stmt = select(*summary_columns()).select_from(
            a.outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.order_by(*(order if order is not None else [a.c.published, a.c.id]))
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [ArticleSummary.model_validate(dict(r._mapping)) for r in conn.execute(stmt)]

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[ArticleSummary]:
        """Stored articles, newest first."""
        a = t.articles
        stmt = (select(*summary_columns())
                .select_from(a.outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))
                .order_by(a.c.published.desc(), a.c.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [ArticleSummary.model_validate(dict(r._mapping)) for r in conn.execute(stmt)]

    def get_article(self, article_id: int) -> ArticleDetail | None:
        """One article with its full analysis and duplicate links, or None."""
        return self._detail(t.articles.c.id == article_id)

    def get_article_by_external_id(self, external_id: str) -> ArticleDetail | None:
        """The article stored under the caller's own id, or None."""
        return self._detail(t.articles.c.external_id == external_id)

    def _detail(self, where: Any) -> ArticleDetail | None:
        a = t.articles
        stmt = (select(*summary_columns(), a.c.body, a.c.source, a.c.analysis)
                .select_from(a.outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))
                .where(where).order_by(a.c.id).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(stmt).first()
            if row is None:
                return None
            d = t.duplicates
            links = conn.execute(select(d).where(
                (d.c.article_id == row.id) | (d.c.duplicate_of == row.id))
                .order_by(d.c.article_id, d.c.duplicate_of))
            data = dict(row._mapping)
            data["analysis"] = Analysis.model_validate(data["analysis"])
            data["duplicates"] = [DuplicateInfo.model_validate(dict(x._mapping)) for x in links]
        return ArticleDetail.model_validate(data)

    def duplicates(self, *, kind: str | None = None) -> list[DuplicateInfo]:
        """Every duplicate link (optionally of one kind)."""
        d = t.duplicates
        stmt = select(d).order_by(d.c.article_id, d.c.duplicate_of)
        if kind:
            stmt = stmt.where(d.c.kind == kind)
        with self.engine.connect() as conn:
            return [DuplicateInfo.model_validate(dict(r._mapping)) for r in conn.execute(stmt)]

    def search(self, filters: SearchFilters | str | None = None,
               **kwargs: Any) -> list[SearchHit]:
        """Articles matching a full-text query and/or filters (see :class:`SearchFilters`)."""
        if isinstance(filters, str):
            f = SearchFilters(query=filters, **kwargs)
        elif filters is None:
            f = SearchFilters(**kwargs)
        else:
            f = filters.model_copy(update=kwargs) if kwargs else filters
        with self.engine.connect() as conn:
            rows = search_articles(conn, f)
        hits = []
        for r in rows:
            body = r.pop("body")
            hits.append(SearchHit(article=ArticleSummary.model_validate(r),
                                  snippet=snippet(body, f.query)))
        return hits

    def stories(self, *, min_articles: int = 1, limit: int | None = None,
                offset: int = 0) -> list[StorySummary]:
        """Stories, the largest first (then the newest)."""
        s = t.stories
        stmt = (select(s.c.id, s.c.title, s.c.first_date, s.c.last_date, s.c.n_articles)
                .where(s.c.n_articles >= min_articles)
                .order_by(s.c.n_articles.desc(), s.c.last_date.desc(), s.c.id).offset(offset))
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(stmt)]
            members = self._members(conn, [r["id"] for r in rows])
        return [StorySummary(**r, outlets=sorted({m[1] for m in members.get(r["id"], [])
                                                   if m[1]}),
                             external_ids=[m[0] for m in members.get(r["id"], []) if m[0]])
                for r in rows]

    @staticmethod
    def _members(conn: Connection, ids: list[int]) -> dict[int, list[tuple[str | None,
                                                                          str | None]]]:
        a = t.articles
        out: dict[int, list[tuple[str | None, str | None]]] = {}
        for i in range(0, len(ids), 500):
            for r in conn.execute(select(a.c.story_id, a.c.external_id, a.c.outlet_id)
                                  .where(a.c.story_id.in_(ids[i:i + 500]))
                                  .order_by(a.c.published, a.c.id)):
                out.setdefault(r.story_id, []).append((r.external_id, r.outlet_id))
        return out

    def story(self, story_id: int) -> StoryDetail | None:
        """One story with its articles, or None."""
        s = t.stories
        with self.engine.connect() as conn:
            row = conn.execute(select(s.c.id, s.c.title, s.c.first_date, s.c.last_date,
                                      s.c.n_articles).where(s.c.id == story_id)).first()
        if row is None:
            return None
        arts = self._summaries(t.articles.c.story_id == story_id)
        return StoryDetail(**dict(row._mapping), articles=arts,
                           outlets=sorted({x.outlet_id for x in arts if x.outlet_id}),
                           external_ids=[x.external_id for x in arts if x.external_id])

    def outlets(self) -> list[OutletSummary]:
        """Outlets in the corpus with their article counts, the most prolific first."""
        o, a = t.outlets, t.articles
        stmt = (select(o, func.count(a.c.id).label("articles"),
                       func.min(a.c.published).label("first_date"),
                       func.max(a.c.published).label("last_date"))
                .select_from(o.outerjoin(a, a.c.outlet_id == o.c.id))
                .group_by(*o.c).order_by(func.count(a.c.id).desc(), o.c.id))
        with self.engine.connect() as conn:
            return [OutletSummary.model_validate(dict(r._mapping)) for r in conn.execute(stmt)]

    def outlet(self, outlet_id: str) -> OutletSummary | None:
        """One outlet, or None."""
        return next((o for o in self.outlets() if o.id == outlet_id), None)

    def compare(self, story_id: int | None = None, *, query: str | None = None,
                limit: int = 200) -> Comparison:
        """Outlets compared on a story, or on the articles a full-text ``query`` finds.

        StoreError when the story does not exist or neither is given.
        """
        story: StorySummary | None = None
        if story_id is not None:
            detail = self.story(story_id)
            if detail is None:
                raise StoreError(f"no story with id {story_id}")
            ids = [x.id for x in detail.articles]
            story = StorySummary(**detail.model_dump(exclude={"articles"}))
        elif query:
            ids = [h.article.id for h in self.search(query, limit=limit)]
        else:
            raise StoreError("compare needs a story id or a query")
        a, d = t.articles, t.duplicates
        rows: list[tuple[ArticleSummary, Analysis]] = []
        copies: dict[int, set[int]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 200):
                chunk = ids[i:i + 200]
                stmt = (select(*summary_columns(), a.c.analysis)
                        .select_from(a.outerjoin(t.outlets, t.outlets.c.id == a.c.outlet_id))
                        .where(a.c.id.in_(chunk)))
                for r in conn.execute(stmt):
                    data = dict(r._mapping)
                    analysis = Analysis.model_validate(data.pop("analysis"))
                    rows.append((ArticleSummary.model_validate(data), analysis))
                for link in conn.execute(select(d.c.article_id, d.c.duplicate_of)
                                         .where(d.c.article_id.in_(chunk))):
                    copies.setdefault(link.article_id, set()).add(link.duplicate_of)
        return compare_articles(rows, copies, self.outlets(), story=story, query=query)

    def runs(self) -> list[IngestRunInfo]:
        """Ingest runs, the latest first."""
        r = t.ingest_runs
        with self.engine.connect() as conn:
            return [IngestRunInfo.model_validate(dict(x._mapping))
                    for x in conn.execute(select(r).order_by(r.c.id.desc()))]

    def run_errors(self, run_id: int | None = None) -> list[IngestErrorInfo]:
        """Per-item errors of one run (or of all runs)."""
        e = t.ingest_errors
        stmt = select(e.c.run_id, e.c.item, e.c.error_type, e.c.message, e.c.at).order_by(e.c.id)
        if run_id is not None:
            stmt = stmt.where(e.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [IngestErrorInfo.model_validate(dict(x._mapping)) for x in conn.execute(stmt)]
