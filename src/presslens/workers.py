"""A pool of analysis worker processes: jobs in, outcomes out in input order, runaways stopped.

Owns :func:`run_jobs`, the one place presslens runs analyses in other processes (``presslens
batch --jobs N`` and the corpus ``ingest`` command use it). Given an iterable of jobs — each an
:class:`~presslens.schema.Article` or a :class:`Source` (a batch record to ingest, then analyse) —
it yields one :class:`Outcome` per job, **in input order**: the job's index and either its
:class:`~presslens.schema.Analysis` or a named error (:class:`JobError`).

How it works, and why:

* Each worker is a separate process that loads the spaCy pipeline **once** (before it reports
  ready, so model loading never counts against a record's time budget) and then analyses one job
  at a time. Only plain, picklable values cross the process boundary: Articles or Sources in,
  Analyses out. spaCy ``Doc`` objects (and the attribution objects stored on them) never leave the
  worker — spaCy's own ``nlp.pipe(n_process=…)`` fails exactly there (``E871``).
* A job that runs past ``time_budget`` seconds, or a worker whose resident memory passes
  ``memory_budget_mb`` (polled from ``/proc`` on Linux), is stopped by killing the worker; the job
  gets the error ``analysis exceeded N s`` (or ``… MiB``), a fresh worker takes its place and the
  run goes on. A worker that dies for any other reason is reported the same way, per job.
* Outcomes are yielded strictly in input order; at most ``4 × jobs`` jobs are read ahead of the
  last one yielded, so memory stays bounded however long the input is.
* Workers ignore SIGINT: Ctrl-C reaches the caller only (as ``KeyboardInterrupt``), and the pool
  kills its workers on the way out, so no process is left behind. If the calling process is
  killed outright, each worker's watchdog thread notices within a second and ends the worker.
* ``jobs=1`` with no budget runs the jobs in the calling process (no fork, no model copy); with a
  budget it still uses one worker process, because only a separate process can be stopped.

Because each job is analysed by the same deterministic code whichever process runs it, the
outcomes of ``jobs=2`` are identical to those of ``jobs=1`` (``tests/test_workers.py``).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Literal

from .config import Settings
from .errors import PresslensError
from .schema import Analysis, Article

__all__ = ["Job", "JobError", "Outcome", "Source", "default_jobs", "outcome", "run_job", "run_jobs"]

logger = logging.getLogger(__name__)

_READ_AHEAD = 4  # jobs read ahead per worker
_POLL = 0.25  # seconds between memory checks while waiting


@dataclass(frozen=True)
class Source:
    """One batch record's content, already validated: what to ingest, and what the caller knows.

    ``kind`` says which field holds the content. ``url`` is where the content was found (used for
    provenance, never fetched unless ``kind == "url"``); ``published`` and ``outlet`` are given
    evidence; ``base_dir`` is the directory ``path`` records must stay inside.
    """

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


def default_jobs() -> int:
    """The number of CPU cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_job(job: Job, *, settings: Settings, nlp: bool = True) -> Analysis:
    """Analyse one job in this process (ingesting it first when it is a :class:`Source`)."""
    from .analysis import analyze_article

    article = job if isinstance(job, Article) else _ingest(job, settings)
    return analyze_article(article, settings=settings, nlp=nlp)


def _ingest(src: Source, settings: Settings) -> Article:
    from .ingest import load_text, load_url
    from .ingest.given import apply_given
    from .ingest.safe_path import load_under

    if src.kind in ("text", "html"):
        article = load_text(src.value, kind=src.kind, url=src.url, settings=settings)
    elif src.kind == "path":
        article = load_under(src.value, base_dir=src.base_dir, url=src.url, settings=settings)
    else:
        article = load_url(src.value, settings=settings)
    return apply_given(article, published=src.published, outlet=src.outlet)


def outcome(index: int, job: Job, settings: Settings, nlp: bool = True) -> Outcome:
    """Run one job, turning any failure into a named error (never raising)."""
    try:
        return Outcome(index, analysis=run_job(job, settings=settings, nlp=nlp))
    except PresslensError as exc:
        return Outcome(index, error=JobError(type(exc).__name__, str(exc)))
    except MemoryError:
        return Outcome(index, error=JobError("BudgetExceeded", "analysis ran out of memory"))
    except RecursionError:
        return Outcome(index, error=JobError("InputError", "input is nested too deeply"))
    except Exception as exc:
        logger.exception("job %d failed unexpectedly", index)
        return Outcome(index, error=JobError("InternalError", f"{type(exc).__name__}: {exc}"))


def _alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):  # no /proc (not Linux): existence is all we can tell
        return True


def _exit_with_run(run_pid: int) -> None:
    """Watchdog thread of a worker: end the process as soon as the run's process is gone.

    Workers are children of the forkserver, not of the run, so nothing else stops a worker busy
    with a runaway record when the run is killed (SIGKILL cannot be handled there).
    """
    while _alive(run_pid):
        time.sleep(1.0)
    os._exit(1)


def _worker_main(conn: Connection, settings: Settings, nlp: bool, run_pid: int) -> None:
    """Worker process: load the pipeline, report ready, then answer one job per message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_run, args=(run_pid,), daemon=True).start()
    try:
        if nlp:
            from .nlp.pipeline import load_pipeline

            load_pipeline(settings.spacy_model)
    except PresslensError as exc:
        with contextlib.suppress(OSError):
            conn.send(("fatal", type(exc).__name__, str(exc)))
        return
    try:
        conn.send(("ready",))
        while (msg := conn.recv()) is not None:
            index, job = msg
            conn.send(("done", outcome(index, job, settings, nlp)))
    except (EOFError, OSError):  # the parent went away: nothing left to answer
        return


def _rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MiB (0 where /proc is not available)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Worker:
    """One worker process, its pipe, and the job it is running (if any)."""

    def __init__(self, ctx: Any, settings: Settings, nlp: bool) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, settings, nlp, os.getpid()),
                                daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.job: int | None = None
        self.started = 0.0

    def send(self, index: int, job: Job) -> None:
        self.conn.send((index, job))
        self.job, self.started = index, time.monotonic()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class _Pool:
    """The running workers and the bookkeeping of :func:`run_jobs` (one instance per run)."""

    def __init__(self, jobs: int, settings: Settings, nlp: bool,
                 time_budget: float | None, memory_budget_mb: float | None) -> None:
        self.ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods()
                                  else "spawn")
        self.settings, self.nlp = settings, nlp
        self.time_budget, self.memory_budget_mb = time_budget, memory_budget_mb
        self.workers = [_Worker(self.ctx, settings, nlp) for _ in range(jobs)]

    def replace(self, w: _Worker) -> None:
        w.kill()
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.settings, self.nlp)

    def overrun(self, w: _Worker, now: float) -> JobError | None:
        """The budget a busy worker has passed, if any."""
        if self.time_budget is not None and now - w.started > self.time_budget:
            return JobError("BudgetExceeded", f"analysis exceeded {self.time_budget:g} s")
        if self.memory_budget_mb is not None and _rss_mb(w.proc.pid or 0) > self.memory_budget_mb:
            return JobError("BudgetExceeded",
                            f"analysis exceeded {self.memory_budget_mb:g} MiB of memory")
        return None

    def timeout(self, now: float) -> float:
        """How long to wait for the next message before checking the budgets again."""
        waits = [_POLL] if self.memory_budget_mb is not None else []
        if self.time_budget is not None:
            waits += [w.started + self.time_budget - now for w in self.workers
                      if w.job is not None]
        return max(0.01, min(waits, default=3600.0))

    def close(self) -> None:
        """Let idle workers exit (all told first, then awaited); kill busy or unready ones."""
        idle = [w for w in self.workers if w.job is None and w.ready]
        for w in idle:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self.workers:
            if w in idle:
                w.proc.join(timeout=2)
            w.kill()


def run_jobs(
    jobs: Iterable[Job],
    *,
    settings: Settings,
    n_jobs: int | None = None,
    time_budget: float | None = None,
    memory_budget_mb: float | None = None,
    nlp: bool = True,
) -> Iterator[Outcome]:
    """Analyse every job; yield one :class:`Outcome` per job, in input order.

    ``n_jobs`` worker processes (default :func:`default_jobs`); ``time_budget`` seconds and
    ``memory_budget_mb`` MiB per job (None: unlimited). ``nlp=False`` ingests only (no model).
    Raises :class:`~presslens.errors.PresslensError` only when a worker cannot start at all
    (e.g. the spaCy pipeline is not installed); every per-job failure is an Outcome's error.
    """
    n = n_jobs or default_jobs()
    if n == 1 and time_budget is None and memory_budget_mb is None:
        if nlp:  # a missing model stops the run here, as a worker that cannot start does
            from .nlp.pipeline import load_pipeline

            load_pipeline(settings.spacy_model)
        for i, job in enumerate(jobs):
            yield outcome(i, job, settings, nlp)
        return
    yield from _run_pool(iter(jobs), n, settings, nlp, time_budget, memory_budget_mb)


def _run_pool(jobs: Iterator[Job], n: int, settings: Settings, nlp: bool,
              time_budget: float | None, memory_budget_mb: float | None) -> Iterator[Outcome]:
    pool = _Pool(n, settings, nlp, time_budget, memory_budget_mb)
    pending: dict[int, Job] = {}  # read, not yet sent
    done: dict[int, Outcome] = {}
    next_read = next_yield = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_read < next_yield + _READ_AHEAD * n:
                try:
                    pending[next_read] = next(jobs)
                except StopIteration:
                    exhausted = True
                    break
                next_read += 1
            for w in pool.workers:
                if w.ready and w.job is None and pending:
                    index = min(pending)
                    w.send(index, pending.pop(index))
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1
            if exhausted and next_yield == next_read:
                return
            _collect(pool, done)
    finally:
        pool.close()


def _collect(pool: _Pool, done: dict[int, Outcome]) -> None:
    """Wait for worker messages (or a budget to run out) and record what happened."""
    by_conn = {w.conn: w for w in pool.workers}
    by_sentinel = {w.proc.sentinel: w for w in pool.workers}
    ready = wait([*by_conn, *by_sentinel], timeout=pool.timeout(time.monotonic()))
    for obj in ready:
        w = by_conn.get(obj)
        if w is None:
            continue
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            continue  # the process died: its sentinel says so below
        if msg[0] == "ready":
            w.ready = True
        elif msg[0] == "fatal":
            from . import errors

            cls = getattr(errors, msg[1], PresslensError)
            raise cls(msg[2])
        else:
            outcome: Outcome = msg[1]
            done[outcome.index] = outcome
            w.job = None
    now = time.monotonic()
    for w in list(pool.workers):
        dead = not w.proc.is_alive()
        if dead and w.job is None and not w.ready:
            raise PresslensError(f"a worker process could not start (exit code {w.proc.exitcode})")
        if w.job is None:
            if dead:
                pool.replace(w)
            continue
        error = (JobError("WorkerDied", f"the worker process died (exit code {w.proc.exitcode})")
                 if dead else pool.overrun(w, now))
        if error is not None:
            logger.warning("job %d: %s; worker replaced", w.job, error.message)
            done[w.job] = Outcome(w.job, error=error)
            pool.replace(w)
