"""``presslens ingest``: sources → analysed, deduplicated, clustered articles in the store.

Owns :func:`ingest_sources`. Items come from :mod:`~presslens.corpus.sources` in a stable order;
one already stored (same ``external_id`` or URL) is skipped before it is fetched or analysed, so
a second run adds nothing and an interrupted run resumes where it stopped. URLs are fetched here,
politely (robots.txt, per-host delay, the SSRF guard); analysis runs in this process, a local
process pool (``workers``) or a Dask cluster (``dask``); this process alone writes, one
transaction per article with its analysis. Every failed item is recorded in ``ingest_errors``
and the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from ..config import Settings
from ..errors import PresslensError
from ..ingest.decode import decode_bytes
from ..workers import Job, Outcome, Source, run_jobs
from .corpus import Corpus
from .polite import PoliteFetcher
from .sources import Item, expand, iter_items

__all__ = ["IngestOptions", "IngestReport", "ingest_sources"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """How to run an ingest: parallelism and fetching politeness."""

    workers: int = 1
    dask: str | None = None
    fetch_delay: float = 1.0
    robots: bool = True


@dataclass
class IngestReport:
    """What an ingest run did."""

    run_id: int
    added: int = 0
    skipped: int = 0
    errors: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    status: str = "running"
    error_items: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Articles added per second."""
        return self.added / self.seconds if self.seconds else 0.0


@dataclass
class _Pending:
    item: Item
    fetched_at: datetime | None = None


class _Run:
    """The state of one run: counters, the events to record, the items sent to analysis."""

    def __init__(self, corpus: Corpus, report: IngestReport, fetcher: PoliteFetcher,
                 progress: Callable[[IngestReport], None] | None) -> None:
        self.corpus = corpus
        self.report = report
        self.fetcher = fetcher
        self.progress = progress
        self.sent: deque[_Pending] = deque()

    def fail(self, ref: str, exc: PresslensError | None, kind: str = "", msg: str = "") -> None:
        etype = type(exc).__name__ if exc is not None else kind
        message = str(exc) if exc is not None else msg
        self.corpus.record_error(self.report.run_id, ref, etype, message)
        self.report.errors += 1
        if len(self.report.error_items) < 1000:
            self.report.error_items.append(f"{ref}: {etype}: {message}")
        self._tick()

    def skip(self) -> None:
        self.report.skipped += 1
        self._tick()

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    def jobs(self, items: Iterator[Item], *, top: bool = True) -> Iterator[Job]:
        """Items as analysis jobs: skipped when stored, fetched when a URL, errors recorded."""
        for item in items:
            if item.error is not None or item.source is None:
                self.fail(item.ref, item.error, "InputError", "nothing to ingest")
                continue
            src = item.source
            key = self.corpus.key_for(external_id=item.external_id,
                                      url=src.url if src.kind in ("url", "html") else None)
            if key is not None and self.corpus.existing_keys([key]):
                self.skip()
                continue
            fetched_at = None
            if src.kind == "url":
                try:
                    page = self.fetcher.fetch(src.value)
                    sub = expand(page.content, src.value, self.fetcher) if top else None
                    if sub is not None:
                        yield from self.jobs(sub, top=False)
                        continue
                    text = decode_bytes(page.content, content_type=page.content_type,
                                        max_bytes=self.fetcher.settings.max_input_bytes)
                except PresslensError as exc:
                    self.fail(item.ref, exc)
                    continue
                ctype = (page.content_type or "html").lower()
                kind: Literal["html", "text"] = "html" if "html" in ctype else "text"
                src = Source(kind=kind, value=text, url=page.url, published=src.published,
                             outlet=src.outlet)
                fetched_at = datetime.now(UTC)
            self.sent.append(_Pending(item=Item(ref=item.ref, external_id=item.external_id,
                                                source=src), fetched_at=fetched_at))
            yield src

    def store(self, out: Outcome) -> None:
        pending = self.sent.popleft()
        item = pending.item
        if out.analysis is None:
            err = out.error
            self.fail(item.ref, None, err.type if err else "InternalError",
                      err.message if err else "no analysis")
            return
        src = item.source
        res = self.corpus.add(out.analysis, external_id=item.external_id,
                              url=src.url if src else None, source=item.ref,
                              fetched_at=pending.fetched_at)
        if res.added:
            self.report.added += 1
            self.report.duplicates += bool(res.duplicates)
            self._tick()
        else:
            self.skip()


def _outcomes(jobs: Iterator[Job], settings: Settings, opts: IngestOptions) -> Iterator[Outcome]:
    if opts.dask:
        from .distributed import run_jobs_dask

        return run_jobs_dask(jobs, settings=settings, address=opts.dask,
                             n_workers=max(1, opts.workers))
    return run_jobs(jobs, settings=settings, n_jobs=opts.workers)


def ingest_sources(corpus: Corpus, sources: list[str], *, settings: Settings,
                   options: IngestOptions | None = None,
                   progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Ingest every item of ``sources`` into ``corpus``; return the run's report.

    Ctrl-C (KeyboardInterrupt) marks the run ``interrupted`` and propagates; everything
    committed so far stays, and the next run skips it.
    """
    opts = options or IngestOptions()
    report = IngestReport(run_id=corpus.start_run(sources))
    fetcher = PoliteFetcher(settings, delay=opts.fetch_delay, robots=opts.robots)
    run = _Run(corpus, report, fetcher, progress)
    started = time.monotonic()
    try:
        for out in _outcomes(run.jobs(iter_items(sources, fetcher=fetcher)), settings, opts):
            run.store(out)
        report.status = "done"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    except PresslensError:
        report.status = "failed"
        raise
    finally:
        report.seconds = time.monotonic() - started
        corpus.finish_run(report.run_id, status=report.status if report.status != "running"
                          else "failed", added=report.added, skipped=report.skipped,
                          errors=report.errors)
    return report
