"""SpanGrid: every overlapping item is among the candidates, each once, in insertion order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from presslens.nlp.intervals import SpanGrid

spans = st.tuples(st.integers(0, 5000), st.integers(1, 700)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(st.lists(spans, min_size=1, max_size=3), max_size=40), spans,
       st.integers(1, 1024))
def test_near_is_a_superset_of_the_overlapping_items(items, query, bucket):
    grid: SpanGrid[int] = SpanGrid(bucket=bucket)
    for i, item_spans in enumerate(items):
        grid.add(item_spans, i)
    s, e = query
    overlapping = {i for i, item_spans in enumerate(items)
                   if any(min(e, b) > max(s, a) for a, b in item_spans)}
    near = list(grid.near([query]))
    assert overlapping <= set(near)
    assert near == sorted(set(near))
    assert len(grid) == len(items)


def test_far_items_are_not_candidates():
    grid: SpanGrid[str] = SpanGrid(bucket=100)
    grid.add([(0, 50)], "start")
    grid.add([(10_000, 10_040)], "end")
    assert list(grid.near([(10_020, 10_030)])) == ["end"]
    assert list(grid.near([(5_000, 5_010)])) == []
