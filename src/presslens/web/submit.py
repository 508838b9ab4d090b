"""Submitted articles: validate what the user gave, analyse it (time-bounded), store it.

Owns :func:`job_from_input` and :func:`analyse_and_store`, shared by the analyse page and
``POST /api/analyze``. Exactly one of text, uploaded file or URL is accepted; a URL is fetched
only by the worker, through the SSRF guard (:mod:`presslens.ingest.fetch`: http(s) only, no
private or loopback targets unless the server's settings allow them). An uploaded file's name is
never used as a path — only its bytes are read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from ..errors import PresslensError
from ..schema import Analysis
from .app import WebState
from .runner import AnalysisTimeout, Job, RunnerBusy

__all__ = ["Stored", "SubmitError", "analyse_and_store", "job_from_input"]

logger = logging.getLogger(__name__)

Kind = Literal["auto", "text", "html"]


@dataclass(frozen=True)
class SubmitError(Exception):
    """Why a submission failed: the HTTP status to answer with and a one-line message."""

    status: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Stored:
    """A stored analysis: its article id (the permalink) and whether it was new."""

    article_id: int
    added: bool
    analysis: Analysis


def job_from_input(*, text: str | None, url: str | None, data: bytes | None,
                   filename: str | None, content_type: str | None, kind: Kind) -> Job:
    """The one job the inputs describe; SubmitError(422) when none or several are given."""
    given = [name for name, v in (("text", text and text.strip()), ("url", url and url.strip()),
                                  ("file", data)) if v]
    if not given:
        raise SubmitError(422, "give the article's text, a file or a URL")
    if len(given) > 1:
        raise SubmitError(422, f"give only one of text, file or URL (got {', '.join(given)})")
    if text and text.strip():
        return Job(kind=kind, data=text.encode("utf-8", "surrogatepass"),
                   content_type="text/plain; charset=utf-8")
    if url and url.strip():
        u = url.strip()
        if not u.lower().startswith(("http://", "https://")):
            raise SubmitError(422, "only http:// and https:// URLs can be fetched")
        return Job(kind=kind, url=u)
    assert data is not None
    if kind == "auto" and filename and filename.lower().endswith((".html", ".htm", ".xhtml")):
        kind = "html"  # the name's suffix is a hint about the content, never a path
    return Job(kind=kind, data=data, content_type=content_type)


def analyse_and_store(web: WebState, job: Job) -> Stored:
    """Analyse ``job`` in a worker and store the result; SubmitError on any failure."""
    if web.config.read_only:
        raise SubmitError(403, "this server is read-only: it does not analyse new articles")
    if web.runner is None:
        raise SubmitError(503, "the analysis workers are not running")
    try:
        analysis = web.runner.analyze(job)
    except RunnerBusy as exc:
        raise SubmitError(503, str(exc)) from exc
    except AnalysisTimeout as exc:
        raise SubmitError(503, str(exc)) from exc
    except PresslensError as exc:  # unreadable input, a refused or failed fetch …
        raise SubmitError(422, str(exc)) from exc
    try:
        with web.write_lock:  # one writer per corpus: the duplicate index and stories follow it
            result = web.corpus.add(analysis, url=analysis.article.url or job.url, source="web")
    except PresslensError as exc:
        logger.error("cannot store a submitted article: %s", exc)
        raise SubmitError(500, "the article was analysed but could not be stored") from exc
    return Stored(result.article_id, result.added, analysis)
