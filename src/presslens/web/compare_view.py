"""The story page: outlets side by side on one story, from :meth:`Corpus.compare`.

Owns :func:`story_view`. It turns the corpus's :class:`~presslens.corpus.compare.Comparison`
into what the page shows: one card per outlet (headlines, voices by role, its own voice, labels
for the story's main actors), a coverage timeline, the outlets that did not cover the story,
and tables (each downloadable as CSV) whose numbers link to their evidence sentences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..corpus import Corpus
from ..corpus.compare import Comparison, Metric, OutletComparison
from ..errors import StoreError
from .charts import RoleSegment, Timeline, role_bar, timeline
from .tables import Cell, Table
from .views import ROLES, PageTables, article_href, outlet_href

__all__ = ["OutletCard", "StoryView", "story_view"]

logger = logging.getLogger(__name__)

# The metrics of the comparison table, in column order: (key, column label).
METRICS = (
    ("voices_named", "Named voices"),
    ("voices_anonymous", "Anonymous voices"),
    *((f"role:{r}", r.capitalize() + "s" if r != "media" else "Media") for r in ROLES),
    ("own_voice_share", "Own-voice share"),
    ("no_comment", "No comment"),
    ("contested_labels", "Contested labels"),
    ("loaded_terms", "Loaded terms"),
)


def metric(o: OutletComparison, key: str) -> Metric:
    """One of the comparison's metrics of outlet ``o`` by its key (see :data:`METRICS`)."""
    if key.startswith("role:"):
        return o.voices_by_role.get(key[5:], Metric(value=0))
    value: Metric = getattr(o, key)
    return value


@dataclass
class OutletCard:
    """One outlet's column of the side-by-side view."""

    index: int
    outlet: OutletComparison
    href: str
    roles: list[RoleSegment]
    actor_labels: list[tuple[str, str]]  # (actor, "label ×n, label …")

    def anchor(self, key: str) -> str:
        """The id of this outlet's evidence list for metric ``key``."""
        return f"ev-{self.index}-{key.replace(':', '-')}"


@dataclass
class StoryView(PageTables):
    """Everything the story page shows."""

    comparison: Comparison | None = None
    cards: list[OutletCard] = field(default_factory=list)
    chart: Timeline | None = None
    metrics: tuple[tuple[str, str], ...] = METRICS


def _num(m: Metric, key: str, href: str) -> Cell:
    if key == "own_voice_share":
        return Cell(f"{m.value:.0%}", href=href if m.evidence else None, numeric=True,
                    raw=f"{m.value}")
    return Cell(f"{m.value:,.0f}", href=href if m.evidence else None, numeric=True,
                raw=f"{m.value:g}")


def story_view(corpus: Corpus, story_id: int) -> StoryView | None:
    """The comparison page of story ``story_id``, or None when there is no such story."""
    try:
        comparison = corpus.compare(story_id)
    except StoreError:
        return None
    view = StoryView(comparison=comparison)
    for i, o in enumerate(comparison.outlets):
        labels = [(actor, ", ".join(f"{u.term} ×{u.count}" if u.count > 1 else u.term
                                    for u in uses[:6]))
                  for actor, uses in sorted(o.actor_labels.items(),
                                            key=lambda kv: comparison.main_actors.index(kv[0])
                                            if kv[0] in comparison.main_actors else 99)]
        counts = {r: int(m.value) for r, m in o.voices_by_role.items()}
        view.cards.append(OutletCard(i, o, outlet_href(o.outlet_id), role_bar(counts, ROLES),
                                     labels))
    view.chart = timeline(comparison.coverage,
                          [(o.outlet_id, o.outlet_name) for o in comparison.outlets])
    _tables(view, comparison)
    return view


def _tables(view: StoryView, c: Comparison) -> None:
    outlets = view.add(Table("outlets", "Outlets compared",
                             ["Outlet", "Articles", *(label for _, label in METRICS)],
                             note="Each number links to the sentences it counts. Copies of an "
                                  "article the outlet already has are counted once."))
    for card in view.cards:
        o = card.outlet
        outlets.add(Cell(o.outlet_name, href=card.href), len(o.articles),
                    *(_num(metric(o, key), key, "#" + card.anchor(key)) for key, _ in METRICS))
    heads = view.add(Table("headlines", "Headlines", ["Outlet", "Date", "Headline", "Type"]))
    for o in c.outlets:
        for a in o.articles:
            heads.add(Cell(o.outlet_name, href=outlet_href(o.outlet_id)),
                      (a.published or "")[:10],
                      Cell(a.headline or f"article {a.id}", href=article_href(a.id)),
                      a.article_type)
    labels = view.add(Table("labels", "Labels for the main actors",
                            ["Actor", "Outlet", "Label", "Uses", "In the outlet's own voice",
                             "Contested"], empty="No labels attached to the main actors."))
    for actor in c.main_actors:
        for o in c.outlets:
            for u in o.actor_labels.get(actor, []):
                labels.add(actor, o.outlet_name, u.term, u.count, u.in_own_voice,
                           u.category == "contested_label")
    terms = view.add(Table("terms", "Terms by outlet",
                           ["Outlet", "Term", "Category", "Uses", "In the outlet's own voice"],
                           empty="No language findings."))
    for o in c.outlets:
        for u in o.terms:
            terms.add(o.outlet_name, u.term, u.category.replace("_", " "), u.count,
                      u.in_own_voice)
    silent = view.add(Table("silent", "Outlets that did not cover it",
                            ["Outlet", "Articles in the corpus", "First date", "Last date"],
                            empty="Every outlet in the corpus covered this story."))
    for s in c.silent_outlets:
        silent.add(Cell(s.name, href=outlet_href(s.id)), s.articles, (s.first_date or "")[:10],
                   (s.last_date or "")[:10])
    names = {o.outlet_id: o.outlet_name for o in c.outlets}
    coverage = view.add(Table("coverage", "Coverage by day", ["Date", "Outlet", "Articles"]))
    for day, per in c.coverage.items():
        for oid, n in sorted(per.items()):
            coverage.add(day, names.get(oid, oid), n)
