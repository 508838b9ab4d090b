"""Small indexes over character spans, so "which spans overlap / contain this?" stays cheap.

Several stages compare every quotation, finding or attribution with every other one; on a long
page with thousands of quotes that pairwise loop dominated the run time.

* :class:`SpanGrid` buckets spans by character position (insertions allowed any time): a query
  looks only at the spans sharing a bucket, and the caller applies its own exact test.
* :class:`Regions` is a fixed set of ``(start, end)`` regions (end exclusive, overlaps allowed)
  answering "is this offset inside one of them?" and "does one of them cover this span?" with a
  bisect, and clipping a span to them — the test several stages used to write as a scan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = ["Regions", "SpanGrid"]

T = TypeVar("T")


class SpanGrid(Generic[T]):
    """Items keyed by one or more ``(start, end)`` character spans; insertions allowed any time."""

    def __init__(self, bucket: int = 512) -> None:
        self._bucket = max(1, bucket)
        self._cells: dict[int, list[int]] = {}
        self._items: list[T] = []

    def add(self, spans: Iterable[tuple[int, int]], item: T) -> None:
        """Index ``item`` under every span in ``spans`` (end exclusive)."""
        idx = len(self._items)
        self._items.append(item)
        cells: set[int] = set()
        for s, e in spans:
            cells.update(range(s // self._bucket, max(s, e - 1) // self._bucket + 1))
        for c in cells:
            self._cells.setdefault(c, []).append(idx)

    def near(self, spans: Iterable[tuple[int, int]]) -> Iterator[T]:
        """Each item sharing a bucket with any of ``spans``, once, in insertion order.

        A superset of the overlapping items: callers test the real overlap themselves.
        """
        found: set[int] = set()
        for s, e in spans:
            for c in range(s // self._bucket, max(s, e - 1) // self._bucket + 1):
                found.update(self._cells.get(c, ()))
        for i in sorted(found):
            yield self._items[i]

    def __len__(self) -> int:
        return len(self._items)


class Regions:
    """A fixed set of ``(start, end)`` character regions (end exclusive; may overlap or nest).

    Sorted by start with the running maximum of the ends, so a point or span test is one
    bisect: some region starting at or before ``pos`` reaches past it iff the largest end among
    those regions does.
    """

    def __init__(self, regions: Iterable[tuple[int, int]]) -> None:
        given = list(regions)
        self._given = given
        ordered = sorted(given)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))
        # clip() can bisect only over disjoint regions given in text order
        self._disjoint = all(given[k][1] <= given[k + 1][0] for k in range(len(given) - 1)) \
            and all(s <= e for s, e in given)
        self._ends = [e for _, e in given]

    def contains(self, pos: int) -> bool:
        """Whether ``start <= pos < end`` for one of the regions."""
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and self._reach[k] > pos

    def covers(self, start: int, end: int) -> bool:
        """Whether one region holds all of ``[start, end)``: ``s <= start and end <= e``."""
        k = bisect_right(self._starts, start) - 1
        return k >= 0 and self._reach[k] >= end

    def _candidates(self, start: int, end: int) -> list[tuple[int, int]]:
        if self._disjoint:
            # only the regions ending after ``start`` and starting before ``end`` can meet it
            lo = bisect_right(self._ends, start)
            # (disjoint regions in text order: the sorted starts are the given ones)
            hi = bisect_left(self._starts, end, lo)
            return self._given[lo:hi]
        return self._given

    def meeting(self, start: int, end: int) -> list[tuple[int, int]]:
        """The regions sharing at least one character with ``[start, end)``, in the given
        order (a bisect when the regions are disjoint and in text order)."""
        return [(rs, re_) for rs, re_ in self._candidates(start, end)
                if max(start, rs) < min(end, re_)]

    def clip(self, start: int, end: int) -> list[tuple[int, int]]:
        """The non-empty parts of ``[start, end)`` inside each region, in the given order."""
        return [(max(start, rs), min(end, re_)) for rs, re_ in self.meeting(start, end)]

    def __len__(self) -> int:
        return len(self._given)
