"""Overlapping annotations → text the renderers can mark up.

Each :class:`Mark` covers ``[start, end)`` with CSS classes, a hover note and a nesting rank.
Two ways to lay marks over a range of text:

* :func:`nest` builds a tree of properly nested elements (what the HTML report uses): a mark
  contained in another becomes its child (a loaded word inside a quotation sits *inside* the
  quotation's element, keeping its own hover note), and a mark that crosses another's boundary
  is split at that boundary, so the tree never needs crossing tags. On identical ranges the lower
  ``rank`` is outermost.
* :func:`runs` cuts the range at every boundary into flat runs carrying the union of the marks
  over them, for renderers that cannot nest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

__all__ = ["Mark", "Node", "Run", "nest", "runs"]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    note: str = ""
    rank: int = 0  # outer before inner when two marks cover the same range
    # Non-empty for marks explained on keyboard focus too (findings, techniques): the element
    # is focusable and described by the note element with this id.
    key: str = ""

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(self.classes))


@dataclass(frozen=True)
class Node:
    """A piece of marked-up text: plain ``text`` (``mark`` is None) or an element with children."""

    text: str = ""
    mark: Mark | None = None
    children: tuple[Node, ...] = ()

    @property
    def plain(self) -> str:
        """The text under this node, marks removed."""
        return self.text if self.mark is None else "".join(c.plain for c in self.children)


@dataclass(frozen=True)
class Run:
    text: str
    classes: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(self.classes))

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(n for n in self.notes if n))


def _clip(marks: Iterable[Mark], start: int, end: int) -> list[Mark]:
    out = []
    for m in marks:
        s, e = max(start, m.start), min(end, m.end)
        if s < e:
            out.append(m if (s, e) == (m.start, m.end) else replace(m, start=s, end=e))
    return out


def _order(m: Mark) -> tuple[int, int, int]:
    return (m.start, -m.end, m.rank)


def nest(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Node]:
    """Lay ``marks`` over ``text[start:end]`` as a properly nested tree (clipped to the range).

    Concatenating the leaves' text gives back ``text[start:end]`` exactly.
    """
    return _build(text, start, end, _clip(marks, start, end))


def _build(text: str, lo: int, hi: int, items: list[Mark]) -> list[Node]:
    out: list[Node] = []
    pos = lo
    items = sorted(items, key=_order)
    while items:
        # items is sorted, so the first mark starts earliest and, among those, is the longest:
        # everything else either starts inside it or after it.
        m, rest = items[0], items[1:]
        if m.start > pos:
            out.append(Node(text=text[pos:m.start]))
        inner: list[Mark] = []
        after: list[Mark] = []
        for o in rest:
            if o.start >= m.end:
                after.append(o)
            elif o.end <= m.end:
                inner.append(o)
            else:  # crosses m's end: the part inside nests, the rest is laid out after m
                inner.append(replace(o, end=m.end))
                after.append(replace(o, start=m.end))
        out.append(Node(mark=m, children=tuple(_build(text, m.start, m.end, inner))))
        pos = m.end
        items = sorted(after, key=_order)  # split remainders may now start later than others
    if pos < hi:
        out.append(Node(text=text[pos:hi]))
    return out


def runs(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Run]:
    """Split ``text[start:end]`` into runs; marks outside the range are ignored, others clipped."""
    inside: list[Mark] = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(start, m.start))
        cuts.add(min(end, m.end))
    points: Sequence[int] = sorted(cuts)
    out: list[Run] = []
    for a, b in pairwise(points):
        active = [m for m in inside if m.start <= a and m.end >= b]
        out.append(
            Run(
                text=text[a:b],
                classes=tuple(c for m in active for c in m.classes),
                notes=tuple(m.note for m in active),
            )
        )
    return out
