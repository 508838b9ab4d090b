"""Command line: a thin Typer adapter over the public API.

Library errors (:class:`~presslens.errors.PresslensError`) become one red line and exit code 1;
anything unforeseen becomes one line and exit code 2 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .analysis import analyze_article
from .batch import run_batch
from .config import Settings, load_settings
from .errors import InputError, PresslensError
from .ingest import Kind, load, load_bytes
from .schema import Analysis, json_schema

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


def configure_logging(verbosity: int) -> None:
    """Send presslens's log records to stderr: warnings always, more with -v / -vv."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)  # plain text: no markup read from messages
    handler.setFormatter(logging.Formatter("presslens: %(levelname)s: %(message)s"))
    logger = logging.getLogger("presslens")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def _settings(model: str | None, allow_private: bool, config: Path | None) -> Settings:
    return load_settings(config, spacy_model=model, allow_private=allow_private or None)


def sample_text() -> str:
    """The sample article shipped inside the package (written by us; all names invented)."""
    return (resources.files("presslens") / "samples" / "sample-article.txt").read_text("utf-8")


# Control characters other than tab/LF/CR: article text (e.g. an HTML page's "&#27;[2J" entity)
# must not be able to send escape sequences to the terminal the report is printed on.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def render(analysis: Analysis, fmt: Format) -> str:
    """Render an analysis in one of the output formats, free of terminal control characters."""
    if fmt is Format.json:
        # JSON already escapes C0 controls; escaping DEL and C1 too keeps the same values.
        return _CONTROL.sub(_json_escape, analysis.model_dump_json(indent=2))
    from .report import render_html, render_markdown, render_text

    if fmt is Format.html:
        out = render_html(analysis)
    elif fmt is Format.md:
        out = render_markdown(analysis)
    else:
        out = render_text(analysis)
    return _CONTROL.sub("\ufffd", out)


def _read_stdin(limit: int) -> bytes:
    """Standard input, read to at most ``limit`` bytes (InputError beyond it)."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"standard input is over the limit of {limit:,} bytes "
            "(raise PRESSLENS_MAX_INPUT_BYTES to allow it)"
        )
    return data


def _fail(exc: BaseException) -> typer.Exit:
    if isinstance(exc, PresslensError):
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        return typer.Exit(1)
    if _state["debug"]:
        raise exc
    err.print(
        f"[bold red]unexpected error:[/] {type(exc).__name__}: {exc} "
        "(run with --debug for details and please report it)",
        highlight=False,
    )
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
) -> None:
    """Analyse one article and print or write the report."""
    try:
        settings = _settings(model, allow_private, config)
        k: Kind = kind.value
        if sample:
            article = load_bytes(sample_text().encode(), kind="text", settings=settings)
        elif source is None:
            raise InputError("give a SOURCE (path, URL or -) or --sample")
        elif source == "-":
            article = load_bytes(_read_stdin(settings.max_input_bytes), kind=k,
                                 settings=settings)
        else:
            article = load(source, kind=k, settings=settings)
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


@app.command()
def batch(
    input_path: Annotated[
        Path, typer.Argument(help="JSONL: records with id and text|html|path|url.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output JSONL path.")],
    stages: Annotated[
        StagesOpt, typer.Option(help="ingest = provenance only; all = full analysis.")
    ] = StagesOpt.all,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package to load.")] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private/loopback addresses.")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
) -> None:
    """Analyse every record of a JSONL file; one output record per input, errors kept in it."""
    try:
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
            n, errors = run_batch(
                input_path, output, stages=stages.value,
                settings=settings,
                on_record=lambda _rid, _ok: progress.advance(task),
            )
        err.print(f"{n} records, {errors} errors → {output}", highlight=False)
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - turned into one clear line by _fail
        raise _fail(exc) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of every presslens output."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _register_corpus_commands() -> None:
    from .corpus.cli import register

    register(app, _fail)


_register_corpus_commands()
