"""The comparison as an HTML page: tables, inline SVG charts (no JavaScript, no CDN), evidence.

Owns :func:`render_comparison_html`. Every number on the page links to the sentences it counts;
all article text goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import logging
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .compare import Comparison, Metric
from .roles import ROLES

__all__ = ["render_comparison_html"]

logger = logging.getLogger(__name__)

_COLOURS = dict(zip(ROLES, ("#2d6cb5", "#47a36b", "#d98c2b", "#9b59b6", "#8a8f98"), strict=True))
_LEFT = 190
_BAR = 420


def _timeline(cmp: Comparison) -> dict[str, Any]:
    dates = list(cmp.coverage)
    step = max(28, min(90, 640 // max(1, len(dates))))
    width = _LEFT + step * max(1, len(dates)) + 20
    rows, dots = [], []
    index = {o.outlet_id: i for i, o in enumerate(cmp.outlets)}
    for i, o in enumerate(cmp.outlets):
        rows.append({"y": 20 + 24 * i, "label": _short(o.outlet_name)})
    for j, day in enumerate(dates):
        for oid, n in cmp.coverage[day].items():
            if oid not in index:
                continue
            i = index[oid]
            dots.append({"x": _LEFT + step * j + step // 2, "y": 20 + 24 * i,
                         "r": min(10, 3 + 2 * n), "o": i,
                         "title": f"{cmp.outlets[i].outlet_name}: {n} on {day}"})
    cols = [{"x": _LEFT + step * j + step // 2, "label": d[5:] if len(d) == 10 else d}
            for j, d in enumerate(dates)]
    return {"width": width, "height": 24 * len(index) + 40, "left": _LEFT, "rows": rows,
            "dots": dots, "cols": cols}


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _bars(cmp: Comparison) -> dict[str, Any]:
    rows = []
    for i, o in enumerate(cmp.outlets):
        total = sum(o.voices_by_role[r].value for r in ROLES) or 1
        x: float = _LEFT
        segs = []
        for r in ROLES:
            v = o.voices_by_role[r].value
            w = round(_BAR * v / total, 1)
            if v:
                segs.append({"x": x, "w": w, "role": r, "colour": _COLOURS[r],
                             "title": f"{r}: {int(v)} of {int(total)} voices"})
            x += w
        share = o.own_voice_share.value
        rows.append({"y": 10 + 26 * i, "label": _short(o.outlet_name), "segments": segs, "o": i,
                     "own_w": round(120 * share, 1), "own_label": f"{share:.0%}",
                     "own_title": f"outlet's own voice: {share:.0%} of words"})
    return {"width": _LEFT + _BAR + 200, "height": 26 * len(rows) + 20, "rows": rows,
            "own_x": _LEFT + _BAR + 20}


def _shown(m: Metric, pct: bool = False) -> dict[str, Any]:
    return {"shown": f"{m.value:.0%}" if pct else f"{int(m.value)}", "evidence": m.evidence}


def _metrics(cmp: Comparison, actor_ids: dict[str, int]) -> list[list[tuple[str, str, Any]]]:
    out = []
    for o in cmp.outlets:
        items: list[tuple[str, str, Any]] = [
            ("named", "named voices", _shown(o.voices_named)),
            ("anonymous", "anonymous voices", _shown(o.voices_anonymous)),
            *[(f"role-{r}", f"{r} voices", _shown(o.voices_by_role[r])) for r in ROLES],
            ("own", "outlet's own voice (share of words)", _shown(o.own_voice_share, True)),
            ("no_comment", "no comment", _shown(o.no_comment)),
            ("contested", "contested labels", _shown(o.contested_labels)),
            ("loaded", "loaded terms", _shown(o.loaded_terms)),
        ]
        for j, u in enumerate(o.terms[:30]):
            items.append((f"term-{j}", f"{u.term} ({u.category})",
                          {"shown": str(u.count), "evidence": u.evidence}))
        for actor, uses in o.actor_labels.items():
            for j, u in enumerate(uses):
                items.append((f"actor-{actor_ids[actor]}-{j}", f"{actor}: {u.term}",
                              {"shown": str(u.count), "evidence": u.evidence}))
        out.append(items)
    return out


def render_comparison_html(cmp: Comparison) -> str:
    """The comparison as one self-contained HTML page."""
    env = Environment(loader=PackageLoader("presslens.corpus", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    if cmp.story is not None:
        heading = f"Story {cmp.story.id}: {cmp.story.title}"
        dates = cmp.story.first_date or ""
        if cmp.story.last_date and cmp.story.last_date != cmp.story.first_date:
            dates += f" – {cmp.story.last_date}"
        sub = f"{cmp.story.n_articles} articles, {len(cmp.outlets)} outlets, {dates}"
    else:
        heading = f"Search: {cmp.query or ''}"
        sub = f"{sum(len(o.articles) for o in cmp.outlets)} articles, {len(cmp.outlets)} outlets"
    actor_ids = {a: i for i, a in enumerate(cmp.main_actors)}
    return env.get_template("compare.html.j2").render(
        heading=heading, subheading=sub, outlets=cmp.outlets, roles=list(_COLOURS.items()),
        timeline=_timeline(cmp), bars=_bars(cmp), actors=cmp.main_actors, actor_ids=actor_ids,
        silent=[o.name for o in cmp.silent_outlets], o_metrics=_metrics(cmp, actor_ids))
