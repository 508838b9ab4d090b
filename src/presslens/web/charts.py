"""Chart geometry for inline SVG: the story timeline and the voices-by-role bar.

Owns :func:`timeline` and :func:`role_bar`. They compute coordinates only; the templates draw
them as SVG elements (no script, no inline style — CSP-clean), and every label is text the
template escapes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["Dot", "RoleSegment", "Timeline", "role_bar", "timeline"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    r: float
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Row:
    y: float
    label: str


@dataclass
class Timeline:
    """Articles per outlet per day: one row per outlet, one dot per day with coverage."""

    width: float
    height: float
    left: float
    right: float
    rows: list[Row] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    undated: dict[str, int] = field(default_factory=dict)


def _day(s: str) -> date | None:
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def timeline(coverage: dict[str, dict[str, int]], outlets: list[tuple[str, str]], *,
             width: float = 760.0, row_height: float = 28.0, label_width: float = 170.0,
             max_ticks: int = 8) -> Timeline:
    """Geometry of the coverage chart. ``coverage`` is date → outlet id → articles;
    ``outlets`` the (id, name) rows in display order. Undated articles are counted apart."""
    days = {d: _day(d) for d in coverage}
    dated = sorted(d for d in days.values() if d is not None)
    top, bottom = 8.0, 30.0
    chart = Timeline(width=width, height=top + row_height * max(1, len(outlets)) + bottom,
                     left=label_width, right=width - 16.0)
    index = {oid: i for i, (oid, _) in enumerate(outlets)}
    for i, (_, name) in enumerate(outlets):
        chart.rows.append(Row(top + row_height * (i + 0.5), name))
    for key, per in coverage.items():
        if days[key] is None:
            for oid, n in per.items():
                chart.undated[oid] = chart.undated.get(oid, 0) + n
    if not dated:
        return chart
    first, last = dated[0], dated[-1]
    span = max(1, (last - first).days)
    plot = chart.right - chart.left - 12.0

    def x_of(d: date) -> float:
        if first == last:
            return chart.left + 6.0 + plot / 2
        return chart.left + 6.0 + plot * (d - first).days / span

    step = max(1, -(-span // max_ticks))
    d = first
    while d <= last:
        chart.ticks.append(Tick(x_of(d), d.isoformat()[5:] if span < 330 else d.isoformat()))
        d += timedelta(days=step)
    names = dict(outlets)
    for key, per in coverage.items():
        day = days[key]
        if day is None:
            continue
        for oid, n in per.items():
            if oid not in index:
                continue
            chart.dots.append(Dot(
                cx=round(x_of(day), 1), cy=chart.rows[index[oid]].y,
                r=round(min(row_height / 2 - 2, 4.0 + 2.5 * (n - 1)), 1),
                title=f"{names.get(oid, oid)}: {n} article(s) on {day.isoformat()}"))
    return chart


@dataclass(frozen=True)
class RoleSegment:
    role: str
    x: float
    width: float
    count: int


def role_bar(counts: dict[str, int], roles: tuple[str, ...]) -> list[RoleSegment]:
    """Segments of a 100-unit bar, one per role with voices, in ``roles`` order."""
    total = sum(counts.get(r, 0) for r in roles)
    out: list[RoleSegment] = []
    x = 0.0
    for r in roles:
        n = counts.get(r, 0)
        if not n or not total:
            continue
        w = 100.0 * n / total
        out.append(RoleSegment(r, round(x, 2), round(w, 2), n))
        x += w
    return out
