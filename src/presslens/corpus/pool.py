"""A minimal analysis pool for ingest: jobs in, outcomes out in input order.

Stand-in with the same names and shapes as the project's shared worker pool
(``presslens.workers``: :class:`Source`, :class:`Outcome`, :class:`JobError`, :func:`run_jobs`),
so ingest switches to that pool by changing one import when it lands. ``n_jobs=1`` analyses in
this process; more uses a ``multiprocessing`` pool whose workers each load the spaCy pipeline
once (it is cached per process) and send back Analyses, never Docs.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.pool import AsyncResult
from typing import Literal

from ..config import Settings
from ..errors import PresslensError
from ..schema import Analysis, Article, OutletInfo

__all__ = ["JobError", "Outcome", "Source", "run_job", "run_jobs"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """One item's content and what the caller knows (``url`` is never fetched unless
    ``kind == "url"``)."""

    kind: Literal["text", "html", "path", "url"]
    value: str
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    base_dir: str | None = None


Job = Article | Source


@dataclass(frozen=True)
class JobError:
    """Why a job has no analysis: the error class name and a one-line message."""

    type: str
    message: str


@dataclass(frozen=True)
class Outcome:
    """The result of job number ``index`` (0-based, input order): an analysis or an error."""

    index: int
    analysis: Analysis | None = None
    error: JobError | None = None


def _ingest(src: Source, settings: Settings) -> Article:
    from ..ingest import load_path, load_text, load_url
    from ..outlets.registry import load_registry

    if src.kind in ("text", "html"):
        article = load_text(src.value, kind=src.kind, url=src.url, settings=settings)
    elif src.kind == "path":
        article = load_path(src.value, settings=settings)
    else:
        article = load_url(src.value, settings=settings)
    updates: dict[str, object] = {}
    if src.published:
        updates["published"] = src.published
    if src.outlet and src.outlet.strip():
        # The caller's outlet is evidence ahead of what the page shows.
        name = src.outlet.strip()
        updates["outlet"] = load_registry().by_name(name) or OutletInfo(
            id=re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or name, name=name)
    return article.model_copy(update=updates) if updates else article


def run_job(job: Job, *, settings: Settings) -> Analysis:
    """Analyse one job in this process (ingesting it first when it is a :class:`Source`)."""
    from ..analysis import analyze_article

    article = job if isinstance(job, Article) else _ingest(job, settings)
    return analyze_article(article, settings=settings)


def outcome(index: int, job: Job, settings: Settings) -> Outcome:
    """Run one job, turning any failure into a named error (never raising)."""
    try:
        return Outcome(index, analysis=run_job(job, settings=settings))
    except PresslensError as exc:
        return Outcome(index, error=JobError(type(exc).__name__, str(exc)))
    except Exception as exc:  # reported per job (logged with its traceback); the run goes on
        logger.exception("job %d failed unexpectedly", index)
        return Outcome(index, error=JobError("InternalError", f"{type(exc).__name__}: {exc}"))


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _work(item: tuple[int, Job], settings: Settings) -> Outcome:
    return outcome(item[0], item[1], settings)


def run_jobs(jobs: Iterable[Job], *, settings: Settings,
             n_jobs: int | None = None) -> Iterator[Outcome]:
    """Analyse every job; yield one :class:`Outcome` per job, in input order."""
    n = n_jobs or 1
    if n == 1:
        for i, job in enumerate(jobs):
            yield outcome(i, job, settings)
        return
    ctx = mp.get_context("spawn")
    # Jobs are read in this thread, at most 4 per worker ahead of the last outcome yielded.
    with ctx.Pool(n, initializer=_init_worker) as pool:
        pending: deque[AsyncResult[Outcome]] = deque()
        for item in enumerate(jobs):
            pending.append(pool.apply_async(partial(_work, settings=settings), (item,)))
            if len(pending) >= 4 * n:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
