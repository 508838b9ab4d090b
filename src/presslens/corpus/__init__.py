"""Corpus: many analysed articles in one store — duplicates, stories, outlet comparisons, search.

``Corpus(db)`` opens (creating or migrating) a SQLite file or a ``postgresql://`` URL; see
:class:`presslens.corpus.corpus.Corpus` for the query API and :mod:`presslens.corpus.models` for
what it returns.
"""

from __future__ import annotations

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
