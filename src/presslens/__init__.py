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

from .analysis import analyze_article
from .config import Settings, load_settings
from .errors import (
    ConfigError,
    FetchError,
    InputError,
    ModelError,
    PresslensError,
    StoreError,
)
from .ingest import Kind, load, load_text
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
    settings = settings or load_settings()
    return analyze_article(load_text(text, kind=kind, url=url, settings=settings),
                           settings=settings)


def analyze(source: str | Path | bytes | Article, *, kind: Kind = "auto",
            settings: Settings | None = None) -> Analysis:
    """Analyse an Article, a path, a URL or raw bytes."""
    settings = settings or load_settings()
    article = source if isinstance(source, Article) else load(source, kind=kind, settings=settings)
    return analyze_article(article, settings=settings)


def analyze_many(texts: Iterable[str], *, settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyse many documents lazily, one Analysis per input, in order."""
    settings = settings or load_settings()
    for text in texts:
        yield analyze_text(text, settings=settings)
