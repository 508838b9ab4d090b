"""Overlapping annotations → flat runs of text, for renderers that cannot nest spans freely.

Each :class:`Mark` covers ``[start, end)`` with CSS classes and a hover note; :func:`runs` cuts a
range of text at every mark boundary so each run carries the union of the marks over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Mark", "Run", "runs"]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    note: str = ""


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
