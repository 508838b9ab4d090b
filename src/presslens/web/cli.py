"""The ``presslens serve`` command: the web UI and JSON API over a corpus, under uvicorn.

A thin Typer adapter over :func:`presslens.web.create_app`, registered on the main CLI by
:func:`register`. Bound to a non-loopback address, the server requires a write token: the one
given (``--token`` or ``$PRESSLENS_WEB_TOKEN``), or a random one printed at start.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .security import is_loopback

__all__ = ["register", "serve"]

logger = logging.getLogger(__name__)

err = Console(stderr=True, soft_wrap=True, highlight=False)


def serve(
    db: Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")] = (
        "corpus.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="PRESSLENS_WEB_TOKEN",
        help="Token required for writes (analyse); default: none on loopback, a random one "
             "printed at start on any other address.")] = None,
    workers: Annotated[int, typer.Option(help="Analysis worker processes.", min=1)] = 1,
    timeout: Annotated[float, typer.Option(help="Seconds an analysis may take.", min=1)] = 60.0,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes.",
                                          min=1000)] = 5_000_000,
    read_only: Annotated[bool, typer.Option(
        help="Browse and search only: no analysis workers, no new articles.")] = False,
    allow_private: Annotated[bool, typer.Option(
        help="Let the analyse page fetch private/loopback addresses.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
) -> None:
    """Serve the web UI and JSON API (analyse, search, stories, outlets) over a corpus."""
    import uvicorn

    from ..config import load_settings
    from .app import WebConfig, create_app

    settings = load_settings(config, spacy_model=model, allow_private=allow_private or None)
    if token is None and not is_loopback(host):
        token = secrets.token_urlsafe(24)
        err.print(f"listening on {host}, not loopback: writes need the token {token}",
                  markup=False, highlight=False)
    app = create_app(WebConfig(db=db, settings=settings, token=token, max_body=max_body,
                               timeout=timeout, workers=workers,
                               read_only=read_only))
    from ..corpus.store import shown_db

    err.print(f"presslens web UI on http://{host}:{port}/ (corpus: {shown_db(db)}); "
              "Ctrl-C stops it", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                proxy_headers=False, limit_concurrency=64, timeout_keep_alive=5)


def register(app: typer.Typer, fail: Callable[[BaseException], typer.Exit]) -> None:
    """Add ``serve`` to ``app``; errors go through the main CLI's ``fail``."""

    @functools.wraps(serve)
    def run(*args: object, **kwargs: object) -> None:
        try:
            serve(*args, **kwargs)  # type: ignore[arg-type]
        except typer.Exit:
            raise
        except Exception as exc:  # noqa: BLE001 - one clear line by ``fail``
            raise fail(exc) from None

    app.command(name="serve")(run)
