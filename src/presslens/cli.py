"""Command line: a thin Typer adapter over the public API.

Library errors (:class:`~presslens.errors.PresslensError`) become one red line and exit code 1;
anything unforeseen becomes one line and exit code 2 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from .errors import InputError, PresslensError
from .textsafe import escape_json_controls, neutralise_controls, plain_message

if TYPE_CHECKING:
    from .config import Settings
    from .ingest import Kind
    from .schema import Analysis

# The NLP stack (spaCy, the technique model's numpy arrays), ingest (trafilatura, lxml), the
# settings and the schema (pydantic) load inside the commands that use them: `presslens --help`
# and `presslens schema` never import spaCy.

app = typer.Typer(
    name="presslens",
    help="Provenance, voices and language of news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: an error stays one line however narrow the terminal (rich would wrap it).
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    text = "text"


class StagesOpt(StrEnum):
    ingest = "ingest"
    all = "all"


class KindOpt(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"


_state: dict[str, bool] = {"debug": False}


@app.callback()
def main(
    debug: Annotated[bool, typer.Option(help="Show tracebacks of unexpected errors.")] = False,
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True,
                     help="More log on stderr: -v notes, -vv debugging (warnings always)."),
    ] = 0,
) -> None:
    """presslens: where a news article comes from, who says what in it, and how it is told."""
    _state["debug"] = debug
    configure_logging(verbose)


class _PlainFormatter(logging.Formatter):
    """Log lines with control, line-break and bidi characters escaped (messages may quote
    outside text: URLs, file names)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return plain_message(super().formatMessage(record), limit=10_000)


def configure_logging(verbosity: int) -> None:
    """Send presslens's log records to stderr: warnings always, more with -v / -vv."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)  # plain text: no markup read from messages
    handler.setFormatter(_PlainFormatter("presslens: %(levelname)s: %(message)s"))
    logger = logging.getLogger("presslens")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def _settings(model: str | None, allow_private: bool, config: Path | None) -> Settings:
    from .config import load_settings

    return load_settings(config, spacy_model=model, allow_private=allow_private or None)


def sample_text() -> str:
    """The sample article shipped inside the package (written by us; all names invented)."""
    return (resources.files("presslens") / "samples" / "sample-article.txt").read_text("utf-8")


def render(analysis: Analysis, fmt: Format) -> str:
    """Render an analysis in one of the output formats, free of terminal control characters.

    JSON keeps every value (DEL, C1 and bidi characters escaped as ``\\uXXXX``); the reports
    replace them with U+FFFD (the report renderers already do; this holds for any renderer).
    """
    if fmt is Format.json:
        return escape_json_controls(analysis.model_dump_json(indent=2))
    from .report import render_html, render_markdown, render_text

    if fmt is Format.html:
        out = render_html(analysis)
    elif fmt is Format.md:
        out = render_markdown(analysis)
    else:
        out = render_text(analysis)
    return neutralise_controls(out)


def _read_stdin(limit: int) -> bytes:
    """Standard input, read to at most ``limit`` bytes (InputError beyond it)."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"standard input is over the limit of {limit:,} bytes "
            "(raise PRESSLENS_MAX_INPUT_BYTES to allow it)"
        )
    return data


def say(label: str, message: str, style: str = "bold red") -> None:
    """Print ``label message`` on stderr; the message is plain text, never Rich markup.

    Messages carry outside text (URLs, Location headers, file names, record ids): control, line
    break and bidi characters in them are shown as escapes (:func:`plain_message`).
    """
    line = Text(label, style=style) if label else Text()
    line.append(plain_message(message))
    err.print(line, highlight=False)


def _fail(exc: BaseException) -> typer.Exit:
    if isinstance(exc, PresslensError):
        say("error: ", str(exc))
        return typer.Exit(1)
    if _state["debug"]:
        raise exc
    say("unexpected error: ", f"{type(exc).__name__}: {exc} "
        "(run with --debug for details and please report it)")
    return typer.Exit(2)


@app.command()
def analyze(
    source: Annotated[
        str | None,
        typer.Argument(help="File path, http(s) URL, or - for standard input."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    kind: Annotated[KindOpt, typer.Option(help="Input type (auto-detected by default).")] = (
        KindOpt.auto
    ),
    sample: Annotated[
        bool, typer.Option("--sample", help="Analyse the sample article shipped with presslens.")
    ] = False,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline package to load (default from settings).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private/loopback addresses.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option(help="Settings TOML file (default: $PRESSLENS_CONFIG).")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(help="Where a saved file or stdin was found (for provenance: outlet, "
                     "section, genre); never fetched."),
    ] = None,
) -> None:
    """Analyse one article and print or write the report."""
    try:
        from .analysis import analyze_article
        from .ingest import load, load_bytes, load_path
        from .ingest.given import check_page_url

        settings = _settings(model, allow_private, config)
        k: Kind = kind.value
        if url is not None:
            try:
                check_page_url(url)
            except InputError as exc:
                raise InputError(f"--url: {exc}") from None
        if output is not None and source not in (None, "-") and _same_file(Path(source), output):
            raise InputError(f"output {output} is the input file: it would be overwritten")
        if sample:
            article = load_bytes(sample_text().encode(), kind="text", url=url,
                                 settings=settings)
        elif source is None:
            raise InputError("give a SOURCE (path, URL or -) or --sample")
        elif source == "-":
            article = load_bytes(_read_stdin(settings.max_input_bytes), kind=k, url=url,
                                 settings=settings)
        elif source.startswith(("http://", "https://")):
            if url is not None:
                raise InputError("--url is for saved files; a URL source is its own address")
            article = load(source, kind=k, settings=settings)
        else:
            article = load_path(source, kind=k, url=url, settings=settings)
        result = render(analyze_article(article, settings=settings), fmt)
        if output is None:
            sys.stdout.write(result if result.endswith("\n") else result + "\n")
        else:
            try:
                output.write_text(result, encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - turned into one clear line by _fail
        raise _fail(exc) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


BATCH_HELP = """Analyse every record of a JSONL file; one output record per input line.

Each line is a JSON object with an "id" and exactly one of "text", "html" or "path" (a file
under --base-dir), optionally with the "url" where that content was found (used for provenance
only: outlet, canonical URL, section; never fetched); or a "url" alone, which is fetched.
Optional "published" (ISO 8601 date) and "outlet" (a name) are taken as given evidence.

\b
  {"id": "a1", "html": "<html>...", "url": "https://example.org/world/a1"}
  {"id": "a2", "text": "Headline ...", "url": "https://example.org/a2", "published": "2024-05-01"}
  {"id": "a3", "path": "pages/a3.html"}
  {"id": "a4", "url": "https://example.org/news/a4"}

Every line, even one that is not JSON, gives exactly one output record: the analysis, or an
"error" {"type", "message"}. The output is written to OUTPUT.partial and renamed to OUTPUT when
the run completes: an interrupted run leaves a previous OUTPUT untouched. Records are analysed
by --jobs worker processes; a record over --time-budget or --memory-budget gets an error record
("analysis exceeded N s") and the run goes on.
"""


@app.command(help=BATCH_HELP)
def batch(
    input_path: Annotated[
        Path, typer.Argument(help="JSONL: records with id and text|html|path (+url), or url.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output JSONL path.")],
    stages: Annotated[
        StagesOpt, typer.Option(help="ingest = provenance only; all = full analysis.")
    ] = StagesOpt.all,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1,
                                 help="Worker processes (default: number of CPU cores).")
    ] = None,
    time_budget: Annotated[
        float, typer.Option(min=0, help="Seconds one record may take (0: no limit).")
    ] = 120.0,
    memory_budget: Annotated[
        float, typer.Option(min=0, help="MiB a worker may hold while analysing a record "
                            "(0: no limit).")
    ] = 2048.0,
    base_dir: Annotated[
        Path | None, typer.Option(help="Directory 'path' records are read under (default: "
                                  "the input file's directory).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private/loopback addresses.")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
) -> None:
    with _term_as_interrupt():
        _batch(input_path, output, stages, jobs, time_budget, memory_budget, base_dir, model,
               allow_private, config)


@contextlib.contextmanager
def _term_as_interrupt() -> Iterator[None]:
    """While a batch runs, SIGTERM (`kill`) stops it as Ctrl-C does: output kept, workers gone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _batch(input_path: Path, output: Path, stages: StagesOpt, jobs: int | None,
           time_budget: float, memory_budget: float, base_dir: Path | None, model: str | None,
           allow_private: bool, config: Path | None) -> None:
    from .batch import BatchStopped, run_batch
    from .workers import default_jobs

    try:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        settings = _settings(model, allow_private, config)
        if _same_file(input_path, output):
            raise InputError(f"output {output} is the input file: it would be overwritten")
        try:
            with input_path.open("rb") as fh:
                total = sum(1 for line in fh if line.strip())
        except OSError as exc:
            raise InputError(f"cannot read {input_path}: {exc.strerror or exc}") from exc
        with Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err, transient=False, disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("records", total=total)
            summary = run_batch(
                input_path, output, stages=stages.value, settings=settings,
                jobs=jobs or default_jobs(), time_budget=time_budget or None,
                memory_budget_mb=memory_budget or None, base_dir=base_dir,
                on_record=lambda _rid, _ok: progress.advance(task),
            )
        say("", f"{summary.records} records, {summary.errors} errors → {output}")
    except BatchStopped as exc:
        say("error: " if exc.reason != "interrupted" else "", str(exc))
        raise typer.Exit(130 if exc.reason == "interrupted" else 1) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - turned into one clear line by _fail
        raise _fail(exc) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of every presslens output."""
    from .schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _register_corpus_commands() -> None:
    from .corpus.cli import register

    register(app, _fail)


_register_corpus_commands()


def _register_web_commands() -> None:
    from .web.cli import register

    register(app, _fail)


_register_web_commands()
