"""Where the shared evaluation material lives, and loading its scorers as modules.

Benchmarks, training scripts and the CI accuracy gate all score with the shared scorers
(``../shared/eval/score_*.py``) so that numbers are comparable with other systems; this module
is the one place that finds them. ``PRESSLENS_SHARED`` points at the shared folder when it is
not beside the checkout. Nothing here is needed to analyse articles.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from time import perf_counter
from types import ModuleType
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .schema import Analysis, Article

__all__ = ["analyze_timed", "load_scorer", "parse_timed", "shared_dir"]

# src/presslens/evaluation.py -> the checkout's parent, where ``shared/`` sits beside it
_DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def shared_dir() -> Path:
    """The shared folder: ``$PRESSLENS_SHARED`` if set, else ``shared/`` beside the checkout."""
    env = os.environ.get("PRESSLENS_SHARED")
    return Path(env) if env else _DEFAULT_SHARED


def load_scorer(name: str | Path) -> ModuleType:
    """Import a scorer script as a module: ``"score_attributions"`` (from ``eval/`` in the
    shared folder) or a path to any scorer file.

    Raises :class:`~presslens.errors.InputError` when the file is missing or cannot be imported.
    """
    path = Path(name) if isinstance(name, Path) or name.endswith(".py") else (
        shared_dir() / "eval" / f"{name}.py")
    if not path.is_file():
        raise InputError(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise InputError(f"cannot import scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_timed(nlp: Language, text: str) -> tuple[Doc, float]:
    """Run ``nlp`` over ``text``; return the Doc and the seconds spent in *parsing*.

    Parsing is the spaCy model's own components plus our sentence-boundary constraint (which
    the parser needs); the other presslens components are analysis, not parse. The tokenizer is
    left out, so a stage's time relative to this errs on the high side. The speed benchmarks
    divide each stage's time by this number.
    """
    from .nlp.pipeline import BLOCK_BREAK_COMPONENT  # spaCy loads only when timing

    doc = nlp.make_doc(text)
    parse = 0.0
    for name, proc in nlp.pipeline:
        t0 = perf_counter()
        doc = proc(doc)
        if not name.startswith("presslens_") or name == BLOCK_BREAK_COMPONENT:
            parse += perf_counter() - t0
    return doc, parse


def analyze_timed(nlp: Language, article: Article, *, max_chars: int
                  ) -> tuple[Doc, Analysis, float, dict[str, float]]:
    """The production analysis of ``article`` with timings: the Doc, the Analysis, the parse
    seconds (:func:`parse_timed`) and the seconds of each analysis stage, by function name."""
    from .analysis import STAGES
    from .schema import Analysis

    doc, parse = parse_timed(nlp, article.text[:max_chars])
    analysis = Analysis(article=article)
    stage_s: dict[str, float] = {}
    for stage in STAGES:
        t0 = perf_counter()
        stage(doc, analysis)
        stage_s[stage.__name__] = perf_counter() - t0
    return doc, analysis, parse, stage_s
