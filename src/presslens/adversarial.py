"""Adversarial input shapes: texts and pages built to make a careless stage super-linear.

Owns the catalogue of shapes the scaling benchmark (``benchmarks/scaling.py``) and the scaling
test (``tests/test_scaling.py``) both run through the whole analysis: runs of every punctuation
mark and quote, a quoted word repeated, many tiny lines and paragraphs, repeated titles and
initials, and pages with many tags, attributes, entities or one tag with a huge attribute list.
Each shape is a function of a target size in characters; the text it returns is within one
repetition unit of that size, so time over size measures how a stage grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["PUNCTUATION_RUNS", "SHAPES", "Shape", "make"]

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
