"""What the corpus pages show: search results, story and outlet lists, an outlet's profile.

Owns the page builders (``*_view``): each reads the corpus query API and returns its tables
(:class:`~presslens.web.tables.Table`) plus the few facts the template needs, so the HTML page
and the CSV download of each table come from the same rows. The story comparison is in
:mod:`.compare_view`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..corpus import ArticleSummary, Corpus, OutletSummary, SearchFilters
from ..corpus.profiles import OutletProfile, outlet_profile
from .tables import Cell, Table

__all__ = [
    "OutletView",
    "PageTables",
    "article_href",
    "outlet_href",
    "outlet_view",
    "outlets_view",
    "search_view",
    "stories_view",
    "story_href",
]

logger = logging.getLogger(__name__)

ROLES = ("official", "expert", "citizen", "media", "other")


def article_href(article_id: int) -> str:
    return f"/articles/{article_id}"


def story_href(story_id: int) -> str:
    return f"/stories/{story_id}"


def outlet_href(outlet_id: str) -> str:
    return "/outlets/" + quote(outlet_id, safe="")


@dataclass
class PageTables:
    """The tables of one page, by name (the name is the CSV file's)."""

    tables: dict[str, Table] = field(default_factory=dict)

    def add(self, table: Table) -> Table:
        self.tables[table.name] = table
        return table


def _outlet_cell(a: ArticleSummary) -> Cell:
    oid = a.outlet_id or a.domain
    if not oid:
        return Cell("unknown")
    return Cell(a.outlet_name or oid, href=outlet_href(oid))


def article_table(name: str, title: str, articles: list[ArticleSummary],
                  snippets: list[str] | None = None) -> Table:
    """Articles as a table: date, outlet, headline (linked), type, words, sources, story."""
    cols = ["Date", "Outlet", "Headline", "Type", "Words", "Named sources", "Story"]
    if snippets is not None:
        cols.insert(3, "Snippet")
    table = Table(name, title, cols, empty="No articles match.")
    for i, a in enumerate(articles):
        cells: list[Cell | str | int | None] = [
            a.published[:10] if a.published else "",
            _outlet_cell(a),
            Cell(a.headline or a.external_id or f"article {a.id}", href=article_href(a.id)),
            a.article_type, a.words, a.named_sources,
            Cell(str(a.story_id), href=story_href(a.story_id)) if a.story_id else None,
        ]
        if snippets is not None:
            cells.insert(3, snippets[i])
        table.add(*cells)
    return table


def search_view(corpus: Corpus, filters: SearchFilters) -> PageTables:
    """Search results as one table (``results``)."""
    hits = corpus.search(filters)
    page = PageTables()
    page.add(article_table("results", "Articles", [h.article for h in hits],
                           [h.snippet for h in hits]))
    return page


def stories_view(corpus: Corpus, *, min_articles: int = 1, limit: int = 200) -> PageTables:
    """Stories, the largest first, as one table (``stories``): at most ``limit`` rows."""
    page = PageTables()
    table = page.add(Table("stories", "Stories", ["Story", "Articles", "Outlets", "First date",
                                                  "Last date"], empty="No stories yet."))
    found = corpus.stories(min_articles=min_articles)
    for s in found[:limit]:
        table.add(Cell(s.title, href=story_href(s.id)), s.n_articles, ", ".join(s.outlets),
                  (s.first_date or "")[:10], (s.last_date or "")[:10])
    if len(found) > limit:
        table.note = (f"The {limit} largest of {len(found):,} stories; ask for more articles per "
                      "story to see fewer, larger ones.")
    return page


def _outlet_row(table: Table, o: OutletSummary) -> None:
    table.add(Cell(o.name, href=outlet_href(o.id)), o.domain, o.country, o.owner,
              "yes" if o.state_affiliated else "no", "yes" if o.in_registry else "no",
              o.articles, (o.first_date or "")[:10], (o.last_date or "")[:10])


_OUTLET_COLUMNS = ["Outlet", "Domain", "Country", "Owner", "State-affiliated", "In registry",
                   "Articles", "First date", "Last date"]


def outlets_view(corpus: Corpus) -> PageTables:
    """Every outlet of the corpus as one table (``outlets``)."""
    page = PageTables()
    table = page.add(Table("outlets", "Outlets", list(_OUTLET_COLUMNS),
                           empty="No outlets yet."))
    for o in corpus.outlets():
        _outlet_row(table, o)
    return page


@dataclass
class OutletView(PageTables):
    """An outlet's page: its card, its articles, typical voices and terms, month by month."""

    outlet: OutletSummary | None = None
    profile: OutletProfile | None = None


def outlet_view(corpus: Corpus, outlet_id: str, *, limit: int = 200) -> OutletView | None:
    """The outlet's page, or None when the corpus has no such outlet."""
    outlet = corpus.outlet(outlet_id)
    if outlet is None:
        return None
    profile = outlet_profile(corpus, outlet.id)
    view = OutletView(outlet=outlet, profile=profile)
    card = view.add(Table("outlet", "Outlet", list(_OUTLET_COLUMNS)))
    _outlet_row(card, outlet)
    months = view.add(Table(
        "months", "Month by month",
        ["Month", "Articles", "Words", "Named sources", "Own-voice share", *ROLES, "Top terms"],
        note="Voices by role: how many quoted voices of each kind the month's articles have."))
    for m in profile.months:
        months.add(m.month, m.articles, m.words, m.named_sources,
                   Cell(f"{m.outlet_voice_share:.0%}", numeric=True, raw=f"{m.outlet_voice_share}"),
                   *(m.roles.get(r, 0) for r in ROLES), ", ".join(m.top_terms))
    voices = view.add(Table("voices", "Typical voices", ["Voice", "Role", "Type", "Articles",
                                                         "Statements"]))
    for v in profile.voices:
        voices.add(Cell(v.name, href="/search?" + _query(outlet=outlet.id, voice=v.name)),
                   v.role, v.type, v.articles, v.statements)
    terms = view.add(Table("terms", "Typical terms", ["Term", "Category", "Uses", "Articles",
                                                      "In the outlet's own voice"]))
    for term in profile.terms:
        terms.add(Cell(term.term, href="/search?" + _query(outlet=outlet.id, term=term.term)),
                  term.category.replace("_", " "), term.count, term.articles, term.outlet_voice)
    hits = corpus.search(SearchFilters(outlet=outlet.id, limit=limit))
    view.add(article_table("articles", "Articles", [h.article for h in hits]))
    return view


def _query(**params: str) -> str:
    return urlencode(params)
