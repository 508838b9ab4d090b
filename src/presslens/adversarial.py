"""Adversarial input shapes: texts and pages built to make a careless stage super-linear.

Owns the catalogue of shapes the scaling benchmark (``benchmarks/scaling.py``) and the scaling
test (``tests/test_scaling.py``) both run through the whole analysis: runs of every punctuation
mark and quote, a quoted word repeated, many tiny lines and paragraphs, repeated titles and
initials, and pages with many tags, attributes, entities or one tag with a huge attribute list.
Each shape is a function of a target size in characters; the text it returns is within one
repetition unit of that size, so time over size measures how a stage grows. :func:`stage_times`
runs one input through the whole analysis and times each stage (ingest, tokenizer, every pipe,
every analysis stage), which is what both callers measure.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["PUNCTUATION_RUNS", "SHAPES", "Shape", "make", "stage_times"]

# Every punctuation mark and quote a tokenizer or quote matcher treats specially.
PUNCTUATION_RUNS: tuple[str, ...] = ('"', "“", "”", "'", "—", "…", "(", ")", "!", "*", "&")

_LEAD = "The minister said the talks would continue.\n\n"


def _repeat(unit: str, size: int, lead: str = "") -> str:
    n = max(1, (size - len(lead)) // max(1, len(unit)))
    return lead + unit * n


def _html(body: str) -> str:
    return (f"<html><head><title>Talks resume</title></head><body><article>"
            f"<h1>Talks resume</h1>{body}</article></body></html>")


def _html_repeat(unit: str, size: int) -> str:
    overhead = len(_html(""))
    return _html(_repeat(unit, max(len(unit), size - overhead)))


def _one_tag_attributes(size: int) -> str:
    # one element carrying as many attributes as fit: `a0="x" a1="x" …`
    parts: list[str] = []
    used = 0
    k = 0
    while used < size:
        item = f' a{k}="x"'
        parts.append(item)
        used += len(item)
        k += 1
    return _html(f"<p{''.join(parts)}>The minister said the talks would continue.</p>")


@dataclass(frozen=True)
class Shape:
    """One adversarial shape: its name, the input kind it exercises and its builder."""

    name: str
    kind: Literal["text", "html"]
    build: Callable[[int], str]

    def text(self, size: int) -> str:
        """The input at about ``size`` characters."""
        return self.build(size)


def _run_shape(mark: str) -> Shape:
    return Shape(f"run {mark}", "text", lambda n: _repeat(mark, n, _LEAD))


SHAPES: tuple[Shape, ...] = (
    *(_run_shape(m) for m in PUNCTUATION_RUNS),
    Shape('"a" repeated', "text", lambda n: _repeat('"a" ', n, _LEAD)),
    Shape("tiny lines", "text", lambda n: _repeat("A\n", n)),
    Shape("tiny paragraphs", "text", lambda n: _repeat("A.\n\n", n)),
    Shape("titles and initials", "text", lambda n: _repeat("Mr. A. ", n, _LEAD)),
    Shape("html paragraphs", "html", lambda n: _html_repeat("<p>a b</p>", n)),
    Shape("html tags and attributes", "html",
          lambda n: _html_repeat('<span class="c" id="i" data-x="1">a</span> ', n)),
    Shape("html entities", "html",
          lambda n: _html("<p>" + _repeat("&amp;&lt;&#8220;&#27;&nbsp;", n) + "</p>")),
    Shape("html one tag many attributes", "html", _one_tag_attributes),
)


def make(name: str, size: int) -> str:
    """The shape called ``name`` at about ``size`` characters (KeyError for an unknown name)."""
    for shape in SHAPES:
        if shape.name == name:
            return shape.text(size)
    raise KeyError(name)


def stage_times(text: str, kind: Literal["text", "html"], *, body_cap: int,
                clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Seconds per stage of one whole analysis of ``text``, the body cap raised to ``body_cap``.

    Stages: ``ingest``, ``tokenizer``, each pipe of the spaCy pipeline (presslens components
    included), each analysis stage of :data:`presslens.analysis.STAGES`. ``clock`` may be
    ``time.process_time`` (CPU time: steadier on a loaded machine).
    """
    from .analysis import STAGES
    from .config import load_settings
    from .ingest import load_text
    from .nlp.pipeline import load_pipeline, prepare_doc
    from .schema import Analysis, BlockKind

    settings = load_settings(None, max_body_chars=body_cap,
                             max_input_bytes=max(body_cap * 4, 20_000_000))
    out: dict[str, float] = {}
    t = clock()
    article = load_text(text, kind=kind, settings=settings)
    out["ingest"] = clock() - t
    nlp = load_pipeline(settings.spacy_model)
    head = next((b for b in article.blocks if b.kind == BlockKind.HEADLINE), None)
    t = clock()
    doc = prepare_doc(nlp, article.text, settings=settings,
                      headline=(head.start, head.end) if head else None,
                      authors=article.authors)
    out["tokenizer"] = clock() - t
    for name, proc in nlp.pipeline:
        t = clock()
        doc = proc(doc)
        out[name] = clock() - t
    analysis = Analysis(article=article, presslens_version="0", model=settings.spacy_model)
    for stage in STAGES:
        t = clock()
        stage(doc, analysis)
        out[stage.__name__] = clock() - t
    return out
