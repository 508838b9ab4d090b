"""Analyses for the web app, bounded in time: warm worker processes that can be stopped.

Owns :class:`AnalysisRunner`. A web request must not be able to hold the server for minutes (a
huge page, a pathological parse, a slow site), and a Python thread cannot be stopped, so each
analysis runs in a separate worker *process* that loaded the spaCy pipeline once, when it
started (a job's time starts when its worker is ready, so model loading never counts).
:meth:`AnalysisRunner.analyze` hands a :class:`Job` to an idle worker and waits at most
``timeout`` seconds (fetching a URL counts: the fetch happens in the worker too); past that the
worker is killed, a fresh one is started in its place, and the caller gets
:class:`AnalysisTimeout`. Jobs queue for a free worker (``workers`` of them) for at most
``timeout`` seconds too, then get :class:`RunnerBusy`.

Only picklable values cross: a :class:`Job` in, an :class:`~presslens.schema.Analysis` or a
named error out. The worker's entry point is a module-level function (the ``spawn`` start
method: a fork of a threaded server process is not safe).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Literal

from ..config import Settings
from ..errors import PresslensError
from ..schema import Analysis

__all__ = ["AnalysisRunner", "AnalysisTimeout", "Job", "RunnerBusy", "analyze_job"]

logger = logging.getLogger(__name__)


class AnalysisTimeout(PresslensError):
    """An analysis ran past the web app's time budget and was stopped."""


class RunnerBusy(PresslensError):
    """Every analysis worker stayed busy for the whole wait: try again later."""


@dataclass(frozen=True)
class Job:
    """What to analyse: ``data`` (text or an uploaded file's bytes) or a ``url`` to fetch."""

    kind: Literal["auto", "text", "html"] = "auto"
    data: bytes | None = None
    url: str | None = None
    content_type: str | None = None


def analyze_job(job: Job, settings: Settings) -> Analysis:
    """Ingest and analyse one job in this process (URL fetches go through the SSRF guard)."""
    from ..analysis import analyze_article
    from ..ingest import load_bytes, load_url

    if job.url is not None:
        article = load_url(job.url, kind=job.kind, settings=settings)
    elif job.data is not None:
        article = load_bytes(job.data, kind=job.kind, content_type=job.content_type,
                             settings=settings)
    else:
        raise PresslensError("nothing to analyse: give text, a file or a URL")
    return analyze_article(article, settings=settings)


Target = Callable[[Job, Settings], Analysis]


def _warm(settings: Settings) -> None:
    from ..nlp.pipeline import load_pipeline

    load_pipeline(settings.spacy_model)


def _worker_main(conn: Connection, settings: Settings, target: Target, warm: bool) -> None:
    """Worker process: load the pipeline, then answer one job per message until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    if warm:
        try:
            _warm(settings)
        except PresslensError as exc:
            logger.error("analysis worker cannot load its pipeline: %s", exc)
    conn.send(("ready",))  # the time budget of a job starts after this, not with the start-up
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", target(job, settings)))
        except PresslensError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except RecursionError:
            conn.send(("error", "InputError", "input is nested too deeply"))
        except Exception as exc:
            logger.exception("analysis failed unexpectedly")
            conn.send(("error", "InternalError", f"{type(exc).__name__}: {exc}"))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, settings: Settings, target: Target, warm: bool) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(
            target=_worker_main, args=(child, settings, target, warm), daemon=True,
            name="presslens-web-analysis")
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        """Wait (once) for the worker to finish starting; False if it did not in time."""
        if not self.ready and self.conn.poll(timeout):
            self.ready = self.conn.recv() == ("ready",)
        return self.ready

    def stop(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


class AnalysisRunner:
    """A small pool of warm analysis processes; each call bounded by ``timeout`` seconds."""

    def __init__(self, settings: Settings, *, timeout: float = 60.0, workers: int = 1,
                 target: Target = analyze_job, warm: bool = True,
                 startup_timeout: float = 180.0) -> None:
        self.settings = settings
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self._target = target
        self._warm = warm
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._add()

    def _add(self) -> None:
        w = _Worker(self.settings, self._target, self._warm)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def _replace(self, w: _Worker) -> None:
        w.stop()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
            closed = self._closed
        if not closed:
            self._add()

    def analyze(self, job: Job) -> Analysis:
        """Analyse ``job`` in a worker; raise its named error, AnalysisTimeout or RunnerBusy.

        A failure that is not a presslens error (a bug) comes back as RuntimeError.
        """
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise RunnerBusy("every analysis worker is busy; try again in a minute") from None
        try:
            if not w.wait_ready(self.startup_timeout):
                self._replace(w)
                raise RuntimeError("the analysis worker did not start in time")
            w.conn.send(job)
            if not w.conn.poll(self.timeout):
                logger.warning("analysis stopped after %.0f s", self.timeout)
                self._replace(w)
                raise AnalysisTimeout(
                    f"analysis took longer than {self.timeout:.0f} s and was stopped")
            reply = w.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(w)
            raise RuntimeError(f"the analysis worker stopped unexpectedly ({exc!r})") from None
        self._idle.put(w)
        if reply[0] == "ok":
            result: Analysis = reply[1]
            return result
        raise _error(reply[1], reply[2])

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for w in workers:
            w.stop()


def _error(name: str, message: str) -> Exception:
    """The named presslens error a worker reported, rebuilt here (RuntimeError for a bug)."""
    from .. import errors

    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, PresslensError):
        return cls(message)
    return RuntimeError(message)
