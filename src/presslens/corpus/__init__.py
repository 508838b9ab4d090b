"""Corpus: many analysed articles in one store — duplicates, stories, outlet comparisons, search.

``Corpus(db)`` opens (creating or migrating) a SQLite file or a ``postgresql://`` URL; see
:class:`presslens.corpus.corpus.Corpus` for the query API and :mod:`presslens.corpus.models` for
what it returns.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compare import Comparison, EvidenceRef, Metric, OutletComparison, TermUse
    from .corpus import AddResult, Corpus
    from .models import (
        ArticleDetail,
        ArticleSummary,
        DuplicateInfo,
        IngestErrorInfo,
        IngestRunInfo,
        OutletSummary,
        SearchFilters,
        SearchHit,
        StoryDetail,
        StorySummary,
    )

# Loaded on first use: the CLI registers the corpus commands without importing the store,
# datasketch or SciPy (``presslens --help`` stays fast).
_LAZY = {
    "AddResult": ".corpus",
    "ArticleDetail": ".models",
    "ArticleSummary": ".models",
    "Comparison": ".compare",
    "Corpus": ".corpus",
    "DuplicateInfo": ".models",
    "EvidenceRef": ".compare",
    "IngestErrorInfo": ".models",
    "IngestRunInfo": ".models",
    "Metric": ".compare",
    "OutletComparison": ".compare",
    "OutletSummary": ".models",
    "SearchFilters": ".models",
    "SearchHit": ".models",
    "StoryDetail": ".models",
    "StorySummary": ".models",
    "TermUse": ".compare",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AddResult",
    "ArticleDetail",
    "ArticleSummary",
    "Comparison",
    "Corpus",
    "DuplicateInfo",
    "EvidenceRef",
    "IngestErrorInfo",
    "IngestRunInfo",
    "Metric",
    "OutletComparison",
    "OutletSummary",
    "SearchFilters",
    "SearchHit",
    "StoryDetail",
    "StorySummary",
    "TermUse",
]
