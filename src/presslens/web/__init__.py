"""The web UI and JSON API: analyse an article in the browser, browse and compare a corpus.

``create_app(WebConfig(db=...))`` builds the FastAPI app (``presslens serve`` runs it under
uvicorn). Pages share the HTML report's templates; every asset is served from the package.
Imports are lazy: the CLI registers ``serve`` without loading FastAPI or the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
