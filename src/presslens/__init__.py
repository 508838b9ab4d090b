"""presslens: where a news article comes from, who says what in it, and how it is told.

Public API::

    import presslens
    result = presslens.analyze("article.html")          # path, URL, or Article
    result = presslens.analyze_text(text)               # a scraped page as a string
    print(result.voices, result.article.outlet)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    ConfigError,
    FetchError,
    InputError,
    ModelError,
    PresslensError,
    StoreError,
)

if TYPE_CHECKING:
    from .config import Settings
    from .ingest import Kind
    from .schema import Analysis, Article

__all__ = [
    "Analysis",
    "Article",
    "ConfigError",
    "FetchError",
    "InputError",
    "ModelError",
    "PresslensError",
    "Settings",
    "StoreError",
    "analyze",
    "analyze_many",
    "analyze_text",
    "load_settings",
]


def analyze_text(text: str, *, kind: Kind = "auto", url: str | None = None,
                 settings: Settings | None = None) -> Analysis:
    """Analyse a document given as a string (plain text or HTML, auto-detected)."""
    from .analysis import analyze_article
    from .config import load_settings
    from .ingest import load_text

    settings = settings or load_settings()
    return analyze_article(load_text(text, kind=kind, url=url, settings=settings),
                           settings=settings)


def analyze(source: str | Path | bytes | Article, *, kind: Kind = "auto",
            settings: Settings | None = None) -> Analysis:
    """Analyse an Article, a path, a URL or raw bytes."""
    from .analysis import analyze_article
    from .config import load_settings
    from .ingest import load
    from .schema import Article

    settings = settings or load_settings()
    article = source if isinstance(source, Article) else load(source, kind=kind, settings=settings)
    return analyze_article(article, settings=settings)


def analyze_many(texts: Iterable[str], *, settings: Settings | None = None,
                 batch_size: int = 8) -> Iterator[Analysis]:
    """Analyse many documents lazily, one Analysis per input, in order (the spaCy parse is
    batched ``batch_size`` documents at a time)."""
    from .analysis import analyze_articles
    from .config import load_settings
    from .ingest import load_text

    settings = settings or load_settings()
    given = settings
    yield from analyze_articles((load_text(t, settings=given) for t in texts),
                                settings=given, batch_size=batch_size)


# The output types and the settings (pydantic) load on first use: ``import presslens`` stays
# cheap (no spaCy, scikit-learn, SciPy or pydantic) until something is used.
_LAZY = {"Analysis": "schema", "Article": "schema", "Settings": "config",
         "load_settings": "config"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
