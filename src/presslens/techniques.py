"""Analysis stage "techniques": persuasion-technique spans (SemEval-2020 Task 11 names).

Owns ``Analysis.techniques``. The model and its features live in
:mod:`presslens.nlp.techniques` (loaded lazily, once, on first use; a missing or corrupt artefact
raises :class:`presslens.errors.ModelError`). Only the headline and body blocks are read — the
same regions as the language stage — so page boilerplate kept by ingest never gets a span.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .language import language_regions
from .nlp.intervals import Regions
from .nlp.techniques import detect_techniques
from .nlp.types import doc_text
from .schema import Analysis

__all__ = ["fill_techniques"]


def fill_techniques(doc: Doc, analysis: Analysis) -> None:
    """Set ``analysis.techniques``: model spans lying wholly inside the headline/body blocks."""
    regions = language_regions(analysis, len(doc_text(doc)))
    if not regions:
        analysis.techniques = []
        return
    # one bisect per span (a pass over every region per span was quadratic on a page of
    # thousands of one-line paragraphs)
    inside = Regions(regions)
    analysis.techniques = [t for t in detect_techniques(doc) if inside.covers(t.start, t.end)]
