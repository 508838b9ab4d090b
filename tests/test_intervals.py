"""SpanGrid: every overlapping item is among the candidates, each once, in insertion order.
Regions: its bisect answers equal the plain scans over the regions they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from presslens.nlp.intervals import Regions, SpanGrid

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


# regions in any order, overlapping, nested or empty (a zero-length width)
any_regions = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60))
                       .map(lambda t: (t[0], t[0] + t[1])), max_size=25)


@given(any_regions, st.integers(-5, 400), st.integers(0, 80))
def test_regions_answer_like_a_scan(regions, pos, width):
    r = Regions(regions)
    assert r.contains(pos) == any(s <= pos < e for s, e in regions)
    end = pos + width
    assert r.covers(pos, end) == any(s <= pos and end <= e for s, e in regions)
    scan = [(max(pos, s), min(end, e)) for s, e in regions if max(pos, s) < min(end, e)]
    assert r.clip(pos, end) == scan
    assert len(r) == len(regions)


@given(st.lists(st.integers(0, 40), max_size=30), st.integers(-5, 900), st.integers(0, 200))
def test_clip_over_disjoint_blocks_in_text_order(gaps, pos, width):
    # body blocks: disjoint, in text order, the case clip() bisects
    blocks, at = [], 0
    for k, g in enumerate(gaps):
        start = at + (g if k % 2 else 0)
        blocks.append((start, start + g))
        at = start + g
    end = pos + width
    scan = [(max(pos, s), min(end, e)) for s, e in blocks if max(pos, s) < min(end, e)]
    assert Regions(blocks).clip(pos, end) == scan


def test_nested_region_does_not_hide_its_outer_one():
    r = Regions([(0, 100), (10, 20)])
    assert r.contains(50)  # after the nested region's end, still inside the outer one
    assert r.covers(30, 90)
    assert not r.covers(30, 101)
    assert not r.contains(100)
