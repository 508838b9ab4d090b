"""Article → Analysis: runs the NLP pipeline once and lets each analysis stage fill its part.

Stages are plain functions ``stage(doc, analysis, *, settings)`` listed in :data:`STAGES`, in
dependency order (voices before language: a loaded word inside a quotation belongs to the
speaker). Each stage lives in its own module and owns the fields it fills.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata

from spacy.tokens import Doc

from .config import Settings
from .language import fill_language
from .nlp.pipeline import fallbacks, parse
from .schema import Analysis, Article, BlockKind
from .techniques import fill_techniques
from .voices import fill_voices

__all__ = ["STAGES", "Stage", "analyze_article"]

Stage = Callable[[Doc, Analysis], None]

# Filled in by the voices and language modules (``presslens.voices.fill`` …), in this order.
STAGES: list[Stage] = [fill_voices, fill_language, fill_techniques]


def _version() -> str:
    try:
        return metadata.version("presslens")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def analyze_article(article: Article, *, settings: Settings, nlp: bool = True) -> Analysis:
    """Analyse one ingested article with the configured pipeline.

    With ``nlp=False`` only provenance is reported (no model is loaded): the cheap path used by
    ``presslens batch --stages ingest`` and the extraction benchmark.
    """
    analysis = Analysis(
        article=article,
        presslens_version=_version(),
        model=settings.spacy_model,
        warnings=list(article.warnings),
    )
    if not nlp:
        return analysis
    if len(article.text) > settings.max_body_chars:
        analysis.warnings.append(
            f"text cut to {settings.max_body_chars:,} characters before analysis"
        )
    head = next((b for b in article.blocks if b.kind == BlockKind.HEADLINE), None)
    doc = parse(article.text, settings=settings,
                headline=(head.start, head.end) if head is not None else None,
                authors=article.authors)
    analysis.warnings.extend(fallbacks())
    for stage in STAGES:
        stage(doc, analysis)
    return analysis
