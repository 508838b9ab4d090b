"""The FastAPI application: configuration, shared state, static files, error pages.

Owns :func:`create_app` and :class:`WebConfig`. The app holds three things every request may
use (``app.state.web``, a :class:`WebState`): the corpus store, the analysis runner (worker
processes, time-bounded) and the Jinja environment — the report's environment with the web
page templates in front, so the article page and the HTML report render the same partials.
Routes live in :mod:`.pages` (HTML) and :mod:`.api` (JSON); :mod:`.security` wraps the app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..corpus import Corpus
from ..report.html import make_environment, voice_stylesheet
from ..textsafe import neutralise_controls
from .runner import AnalysisRunner
from .security import Guard

__all__ = ["WebConfig", "WebState", "create_app"]

logger = logging.getLogger(__name__)

# Voice colour classes served in /voices.css; voices beyond this many share the plain quote look.
VOICE_CLASSES = 256


@dataclass(frozen=True)
class WebConfig:
    """How the web app runs (``presslens serve`` options)."""

    db: str | Path
    settings: Settings = field(default_factory=Settings)
    token: str | None = None
    max_body: int = 5_000_000
    timeout: float = 60.0
    workers: int = 1
    read_only: bool = False  # browse and search only: no analysis workers, no writes


@dataclass
class WebState:
    """What the routes share: the store, the analysis runner, templates, the writer lock."""

    config: WebConfig
    corpus: Corpus
    runner: AnalysisRunner | None
    env: Environment
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A page rendered from ``template`` (autoescaped) as an HTML response."""
        html = self.env.get_template(template).render(
            token_needed=self.config.token is not None, read_only=self.config.read_only,
            **context)
        # Bidi overrides and control characters from article text become U+FFFD, as in reports.
        return HTMLResponse(neutralise_controls(html), status_code=status)


def web_environment() -> Environment:
    """The report's environment with the web page templates in front of its partials."""
    return make_environment(PackageLoader("presslens", "web/templates"))


def state(request: Request) -> WebState:
    """The app's shared state (a FastAPI dependency)."""
    web: WebState = request.app.state.web
    return web


def create_app(config: WebConfig, *, runner: AnalysisRunner | None = None) -> FastAPI:
    """The presslens web app over the store ``config.db``.

    ``runner`` analyses submitted articles; by default one is started with the app (worker
    processes loading the spaCy pipeline) and stopped with it.
    """
    corpus = Corpus(config.db)
    web = WebState(config=config, corpus=corpus, runner=runner, env=web_environment())
    own_runner = runner is None and not config.read_only

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if own_runner:
            web.runner = AnalysisRunner(config.settings, timeout=config.timeout,
                                        workers=config.workers)
        try:
            yield
        finally:
            if own_runner and web.runner is not None:
                web.runner.close()
            corpus.close()

    app = FastAPI(
        title="presslens",
        summary="Provenance, voices and language of news articles, and a corpus to compare them.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not under our CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("presslens", "web/static"),
                                               ("presslens", "report/static")]), name="static")
    voices_css = voice_stylesheet(VOICE_CLASSES)

    @app.get("/voices.css", include_in_schema=False)
    def voices() -> Response:
        return Response(voices_css, media_type="text/css",
                        headers={"cache-control": "public, max-age=3600"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
        return _error_response(request, 422, "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', '')}"
            for e in exc.errors()))

    app.add_middleware(Guard, max_body=config.max_body, token=config.token)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _plain(errors: Any) -> Any:
    """Validation errors as JSON-safe values (pydantic may put exceptions in ``ctx``)."""
    out = []
    for e in errors:
        item = {k: v for k, v in dict(e).items() if k in {"type", "loc", "msg"}}
        item["loc"] = [str(p) for p in item.get("loc", ())]
        out.append(item)
    return out


def _error_response(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    web = state(request)
    return web.render("error.html.j2", status=status, status_code=status, detail=detail)
