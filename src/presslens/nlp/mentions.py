"""Sorted indexes of mentions, so speaker resolution stays linear in article length.

Owns :class:`MentionIndex` (every entity mention of a Doc by start offset: the mentions inside
a source span, the people named between two offsets) and :class:`SortedStarts` (one cluster's
mention starts: the last one before an offset). Both answer by bisection instead of a scan over
every mention per attribution, which made ``speakers._Resolver`` quadratic on long pages.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence

from .coref import Entity
from .types import CharSpan

__all__ = ["MentionIndex", "SortedStarts"]


class MentionIndex:
    """Entity mentions ``(start, end, entity)`` sorted by start; mentions are added through
    :meth:`add`, which also records them on the entity."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        items = [(ms, me, id(e)) for e in entities for ms, me in e.mentions]
        self._by_id: dict[int, Entity] = {}
        for e in entities:
            self._by_id[id(e)] = e
        items.sort()
        self._items: list[tuple[int, int, int]] = items
        self._starts = [ms for ms, _, _ in items]

    def add(self, ent: Entity, cs: CharSpan) -> None:
        """Record mention ``cs`` of ``ent`` (once)."""
        self._by_id[id(ent)] = ent
        if cs in ent.mentions:
            return
        ent.mentions.append(cs)
        item = (cs[0], cs[1], id(ent))
        k = bisect_left(self._items, item)
        self._items.insert(k, item)
        insort(self._starts, cs[0])

    def within(self, s: int, e: int) -> list[tuple[Entity, CharSpan]]:
        """Mentions lying inside ``[s, e)``, in text order."""
        lo, hi = bisect_left(self._starts, s), bisect_left(self._starts, e)
        return [(self._by_id[i], (ms, me)) for ms, me, i in self._items[lo:hi] if me <= e]

    def person_between(self, a: int, b: int) -> bool:
        """Is a person named strictly between offsets ``a`` and ``b``?"""
        lo, hi = bisect_left(self._starts, a + 1), bisect_left(self._starts, b)
        return any(self._by_id[i].type == "person" for _, _, i in self._items[lo:hi])


class SortedStarts:
    """The start offsets of one or two append-only mention lists, sorted on demand (again
    only when a list has grown): ``last_before`` is a bisection, not a pass."""

    def __init__(self) -> None:
        self._key: tuple[int, ...] = ()
        self._starts: list[int] = []

    def last_before(self, pos: int, *lists: Sequence[CharSpan]) -> int | None:
        key = tuple(len(x) for x in lists)
        if key != self._key:
            self._starts = sorted({s for x in lists for s, _ in x})
            self._key = key
        k = bisect_left(self._starts, pos)
        return self._starts[k - 1] if k else None
