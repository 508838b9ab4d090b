"""Corpus commands of the ``presslens`` CLI: ingest, stories, compare, search, export.

A thin Typer adapter over :class:`~presslens.corpus.Corpus` and the ingest runner; registered on
the main app by :func:`register`. Library errors become one ``error:`` line (the main CLI's
``fail``); text from articles is printed through rich with markup off, so it cannot style or
control the terminal.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from .compare import Comparison, OutletComparison
    from .corpus import Corpus
    from .ingest import IngestReport

__all__ = ["register"]


def _open(db: str) -> Corpus:
    """The corpus at ``db`` (the store, datasketch and SQLAlchemy load here, not at start-up)."""
    from .corpus import Corpus

    return Corpus(db)

logger = logging.getLogger(__name__)

# At least 160 columns: comparison tables have a column per outlet (a pipe gets 160 too).
out = Console(soft_wrap=False, highlight=False,
              width=max(160, shutil.get_terminal_size((160, 40)).columns))
err = Console(stderr=True, soft_wrap=True, highlight=False)

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")]


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


class ExportFmt(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def _count_items(sources: list[str]) -> int | None:
    """How many items the sources hold, when that is cheap to know (JSONL files, folders)."""
    total = 0
    for s in sources:
        p = Path(s)
        if p.is_dir():
            total += sum(1 for x in p.rglob("*") if x.is_file()
                         and x.suffix.lower() in {".html", ".htm", ".xhtml", ".txt"})
        elif p.is_file() and p.name.lower().endswith((".jsonl", ".ndjson")):
            with p.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            return None
    return total


def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="Folders, JSONL files, URL lists, RSS/Atom feeds, sitemaps, WARC files, URLs.")],
    db: DbOpt = "corpus.db",
    workers: Annotated[int, typer.Option(help="Analysis processes.", min=1)] = 1,
    dask: Annotated[str | None, typer.Option(
        help="Analyse on Dask: 'local' or a scheduler address tcp://HOST:PORT.")] = None,
    fetch_delay: Annotated[float, typer.Option(
        help="Seconds between requests to the same host.", min=0)] = 1.0,
    ignore_robots: Annotated[bool, typer.Option(help="Do not read robots.txt.")] = False,
    allow_private: Annotated[bool, typer.Option(
        help="Allow fetching private/loopback addresses.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
) -> None:
    """Analyse and store articles; already stored items are skipped (safe to re-run)."""
    from ..config import load_settings
    from .ingest import IngestOptions, ingest_sources
    from .store import shown_db

    settings = load_settings(config, spacy_model=model, allow_private=allow_private or None)
    total = _count_items(sources)
    with _open(db) as corpus, Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]:.2f} art/s"), TimeElapsedColumn(),
        TimeRemainingColumn(), TextColumn("{task.fields[counts]}"),
        console=err, transient=False, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("items", total=total, rate=0.0, counts="")

        def tick(r: IngestReport) -> None:
            done = r.added + r.skipped + r.errors
            secs = progress.tasks[0].elapsed or 0.0
            progress.update(task, completed=done, rate=r.added / secs if secs else 0.0,
                            counts=f"+{r.added} ={r.skipped} !{r.errors}")

        try:
            report = ingest_sources(corpus, sources, settings=settings, options=IngestOptions(
                workers=workers, dask=dask, fetch_delay=fetch_delay, robots=not ignore_robots),
                progress=tick)
        except KeyboardInterrupt:
            err.print("interrupted: what was stored is kept; run the same command to resume")
            raise typer.Exit(130) from None
    for line in report.error_items[:20]:
        err.print(f"[red]error[/] {_safe(line)}")
    err.print(f"{report.added} added, {report.skipped} already stored, {report.errors} errors, "
              f"{report.duplicates} with duplicate links; {report.rate:.2f} articles/s "
              f"(run {report.run_id}) → {_safe(shown_db(db))}")



def _safe(text: str) -> str:
    """Article text made safe for rich: markup escaped, control characters replaced."""
    from rich.markup import escape

    return escape("".join(c if c.isprintable() or c in "\t" else "\ufffd" for c in text))


def stories(
    db: DbOpt = "corpus.db",
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table),
    min_articles: Annotated[int, typer.Option(help="Only stories with this many articles.")] = 1,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None,
) -> None:
    """List event stories: id, title, dates, outlets and their articles' external ids."""
    with _open(db) as corpus:
        found = corpus.stories(min_articles=min_articles, limit=limit)
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps([s.model_dump(mode="json") for s in found], indent=2,
                                    ensure_ascii=False) + "\n")
        return
    table = Table("id", "title", "dates", "n", "outlets", "articles", show_lines=False)
    for s in found:
        dates = s.first_date or ""
        if s.last_date and s.last_date != s.first_date:
            dates += f" – {s.last_date}"
        table.add_row(str(s.id), _safe(s.title), dates, str(s.n_articles),
                      _safe(", ".join(s.outlets)), _safe(", ".join(s.external_ids[:6])
                                                         + (" …" if len(s.external_ids) > 6
                                                            else "")))
    out.print(table)


def search(
    query: Annotated[str | None, typer.Argument(help="Words to find (all must occur).")] = None,
    db: DbOpt = "corpus.db",
    outlet: Annotated[str | None, typer.Option(help="Outlet id or domain.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="ISO date, inclusive.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="ISO date, inclusive.")] = None,
    voice: Annotated[str | None, typer.Option(help="A quoted voice's name.")] = None,
    term: Annotated[str | None, typer.Option(help="A language finding's term.")] = None,
    article_type: Annotated[str | None, typer.Option("--type", help="Article type.")] = None,
    story: Annotated[int | None, typer.Option(help="Story id.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many hits.")] = 20,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table),
) -> None:
    """Search stored articles by words and filters."""
    with _open(db) as corpus:
        from .models import SearchFilters

        hits = corpus.search(SearchFilters(query=query, outlet=outlet, date_from=date_from,
                                           date_to=date_to, voice=voice, term=term,
                                           article_type=article_type, story_id=story,
                                           limit=limit))
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps([h.model_dump(mode="json") for h in hits], indent=2,
                                    ensure_ascii=False) + "\n")
        return
    table = Table("id", "date", "outlet", "headline", "snippet")
    for h in hits:
        a = h.article
        table.add_row(str(a.id), (a.published or "")[:10], _safe(a.outlet_id or ""),
                      _safe(a.headline or ""), _safe(h.snippet))
    out.print(table)


def compare(
    db: DbOpt = "corpus.db",
    story: Annotated[int | None, typer.Option(help="Story id (see `presslens stories`).")] = None,
    query: Annotated[str | None, typer.Option(help="Compare the articles a search finds.")] = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CompareFormat.table),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """Compare outlets on one story: voices, own voice, no-comment, labels, who stayed silent."""
    from .compare_html import render_comparison_html

    with _open(db) as corpus:
        cmp = corpus.compare(story, query=query)
    if fmt is CompareFormat.table:
        _print_comparison(cmp)
        return
    text = (render_comparison_html(cmp) if fmt is CompareFormat.html
            else cmp.model_dump_json(indent=2))
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"comparison → {_safe(str(output))}")


def _role_count(role: str, o: OutletComparison) -> str:
    return str(int(o.voices_by_role[role].value))


def _print_comparison(cmp: Comparison) -> None:
    from .roles import ROLES

    if cmp.story is not None:
        out.print(f"[bold]Story {cmp.story.id}:[/] {_safe(cmp.story.title)} "
                  f"({cmp.story.first_date} – {cmp.story.last_date})")
    for o in cmp.outlets:
        for h in o.headlines:
            out.print(f"  {_safe(o.outlet_name)}: {_safe(h)}")
    # One column per outlet, one row per measure: fits a terminal better than the transpose.
    table = Table("", *[_safe(o.outlet_name) for o in cmp.outlets])
    rows: list[tuple[str, Callable[[OutletComparison], str]]] = [
        ("articles", lambda o: str(len(o.articles))),
        ("type", lambda o: ", ".join(o.article_types)),
        ("named voices", lambda o: str(int(o.voices_named.value))),
        ("anonymous", lambda o: str(int(o.voices_anonymous.value))),
        *[(f"  {r}", partial(_role_count, r)) for r in ROLES],
        ("own voice", lambda o: f"{o.own_voice_share.value:.0%}"),
        ("no comment", lambda o: str(int(o.no_comment.value))),
        ("contested labels", lambda o: str(int(o.contested_labels.value))),
        ("loaded terms", lambda o: str(int(o.loaded_terms.value))),
    ]
    for label, get in rows:
        table.add_row(label, *[_safe(get(o)) for o in cmp.outlets])
    out.print(table)
    for actor in cmp.main_actors:
        uses = [f"{o.outlet_name}: " + ", ".join(f"{u.term}×{u.count}"
                                                 for u in o.actor_labels.get(actor, [])[:4])
                for o in cmp.outlets if o.actor_labels.get(actor)]
        out.print(f"[bold]{_safe(actor)}[/] — " + _safe("; ".join(uses)))
    if cmp.silent_outlets:
        out.print("Did not cover it: " + _safe(", ".join(o.name for o in cmp.silent_outlets)))


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOpt = "corpus.db",
    fmt: Annotated[ExportFmt, typer.Option("--format", "-f", help="File format.")] = (
        ExportFmt.csv),
    with_analysis: Annotated[bool, typer.Option(help="Include the full analysis JSON.")] = False,
) -> None:
    """Export every stored article (one row each) as CSV, JSONL or Parquet."""
    with _open(db) as corpus:
        from .export import export_articles

        n = export_articles(corpus, output, fmt.value, with_analysis=with_analysis)
    err.print(f"{n} articles → {_safe(str(output))}")


def register(app: typer.Typer, fail: Callable[[BaseException], typer.Exit]) -> None:
    """Add the corpus commands to ``app``; errors go through the main CLI's ``fail``."""
    import functools

    def guarded(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def run(*args: object, **kwargs: object) -> None:
            try:
                fn(*args, **kwargs)
            except typer.Exit:
                raise
            except Exception as exc:  # noqa: BLE001 - one clear line by ``fail``
                raise fail(exc) from None
        return run

    for fn in (ingest, stories, compare, search, export):
        app.command(name=fn.__name__)(guarded(fn))
