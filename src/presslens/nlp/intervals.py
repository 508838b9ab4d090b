"""A small spatial index over character spans, so "which spans overlap this one?" stays cheap.

Several stages compare every quotation, finding or attribution with every other one; on a long
page with thousands of quotes that pairwise loop dominated the run time. :class:`SpanGrid`
buckets spans by character position: a query looks only at the spans sharing a bucket, and the
caller still applies its own exact test to those candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

__all__ = ["SpanGrid"]

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
