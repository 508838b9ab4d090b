"""JSONL batch processing: exactly one output record per input line, the output never half-written.

Input records (one JSON object per line; blank lines are skipped)::

    {"id": "a1", "html": "<html>…", "url": "https://example.org/world/a1"}  # found at url
    {"id": "a2", "text": "Headline\\n\\nBody …", "url": "https://…"}        # scraped text
    {"id": "a3", "path": "pages/a3.html", "url": "https://…"}              # a saved file
    {"id": "a4", "url": "https://example.org/news/a4"}                     # url alone: fetched

Exactly one of ``text``, ``html``, ``path`` holds the content; ``url`` beside it says where that
content was found and is used for provenance only (outlet, canonical URL, section and genre from
the path) — it is never fetched. Only a record with ``url`` alone is fetched. Optional
``published`` (ISO 8601) and ``outlet`` (a name) are taken as given evidence. ``path`` is read only
inside ``base_dir`` and only if it is a regular file. Other fields are ignored.

Output records carry ``id``, the evaluation views (``attributions`` in the attribution scorer's
format, ``techniques``/``spans`` in the technique scorer's format) and the full ``analysis`` — or
an ``error`` object ``{"type", "message"}``. Any line at all (invalid JSON, absurd nesting, huge
numbers, wrong types) gives one output record; the batch goes on.

The output is written to ``OUT.partial`` and renamed to ``OUT`` only when every record is done,
so an interrupted or killed run leaves a previous ``OUT`` untouched; :class:`BatchStopped` says
how far it got. Analysis runs through :mod:`presslens.workers` (``jobs`` processes, per-record
time and memory budgets).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from .config import Settings
from .errors import InputError, PresslensError
from .ingest.given import check_page_url, check_published
from .schema import Analysis
from .textsafe import escape_json_controls
from .workers import JobError, Outcome, Source, run_jobs

__all__ = [
    "BatchStopped",
    "BatchSummary",
    "Record",
    "Stages",
    "analysis_record",
    "error_record",
    "parse_line",
    "partial_path",
    "read_records",
    "run_batch",
]

logger = logging.getLogger(__name__)

Stages = Literal["ingest", "all"]
_CONTENT = ("text", "html", "path")
_STRING_FIELDS = ("text", "html", "path", "url", "published", "outlet")
_MAX_ID = 1000
_MAX_URL = 8192


@dataclass(frozen=True)
class Record:
    """One input line, read: its id and either what to analyse or why it cannot be."""

    line: int
    id: str
    source: Source | None = None
    error: JobError | None = None


@dataclass(frozen=True)
class BatchSummary:
    """What a finished batch did."""

    records: int
    errors: int


class BatchStopped(PresslensError):
    """The batch stopped before the end (Ctrl-C, a full disk …); the output was not replaced."""

    def __init__(self, reason: str, *, done: int, errors: int, partial: Path, output: Path):
        self.reason, self.done, self.errors = reason, done, errors
        self.partial, self.output = partial, output
        super().__init__(
            f"{reason}: {done} records done ({errors} errors); {output} left unchanged; "
            f"the finished records are in {partial}")


def _bad(n: int, rid: str, message: str) -> Record:
    return Record(line=n, id=rid, error=JobError("InputError", message))


def _record_id(rec: dict[str, Any], n: int) -> str | None:
    rid = rec.get("id")
    if rid is None:
        return f"line-{n}"
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        return None
    s = str(rid)
    return s if len(s) <= _MAX_ID else None


def parse_line(raw: bytes, n: int, *, base_dir: str | None) -> Record | None:
    """Read input line ``n``: a :class:`Record` (never raises), or None for a blank line."""
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return None
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        return _bad(n, f"line-{n}", f"line {n} is not valid JSON: {exc.msg}")
    except RecursionError:
        return _bad(n, f"line-{n}", f"line {n} is nested too deeply to read")
    except ValueError as exc:  # e.g. an integer over Python's digit limit
        return _bad(n, f"line-{n}", f"line {n} is not valid JSON: {str(exc)[:200]}")
    if not isinstance(rec, dict):
        return _bad(n, f"line-{n}", f"line {n} is not a JSON object")
    rid = _record_id(rec, n)
    if rid is None:
        return _bad(n, f"line-{n}",
                    f"line {n}: field 'id' must be a string or an integer (at most {_MAX_ID} "
                    "characters)")
    for key in _STRING_FIELDS:
        if rec.get(key) is not None and not isinstance(rec[key], str):
            return _bad(n, rid, f"record field {key!r} must be a string")
    given = [k for k in _CONTENT if rec.get(k) is not None]
    url = rec.get("url")
    if len(given) > 1 or (not given and url is None):
        return _bad(n, rid, "record needs exactly one of text, html, path (with an optional "
                    f"url), or a url alone; got {given or 'none'}")
    if url is not None and len(url) > _MAX_URL:
        return _bad(n, rid, f"record field 'url' is over {_MAX_URL:,} characters")
    try:
        if url is not None:
            check_page_url(url)
    except InputError as exc:
        return _bad(n, rid, f"record field 'url': {exc}")
    try:
        published = check_published(rec["published"]) if rec.get("published") else None
    except InputError as exc:
        return _bad(n, rid, f"record field 'published': {exc}")
    kind = given[0] if given else "url"
    source = Source(kind=kind, value=rec[kind], url=url if given else None,  # type: ignore[arg-type]
                    published=published, outlet=rec.get("outlet"), base_dir=base_dir)
    return Record(line=n, id=rid, source=source)


def _lines(stream: BinaryIO, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` per line; ``None`` for a line over ``max_line`` (skipped whole)."""
    n = 0
    while True:
        raw = stream.readline(max_line + 1)
        if not raw:
            return
        n += 1
        if len(raw) > max_line and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield n, None
            continue
        yield n, raw


def read_records(stream: BinaryIO, *, base_dir: str | None, max_line: int) -> Iterator[Record]:
    """One :class:`Record` per non-blank line of ``stream``, in order."""
    for n, raw in _lines(stream, max_line):
        if raw is None:
            yield _bad(n, f"line-{n}", f"line {n} is over the limit of {max_line:,} bytes")
            continue
        rec = parse_line(raw, n, base_dir=base_dir)
        if rec is not None:
            yield rec


def analysis_record(rid: str, analysis: Analysis) -> dict[str, Any]:
    """The output record of one analysed input: scorer views plus the full analysis."""
    techniques = [
        {"start": t.start, "end": t.end, "technique": t.technique} for t in analysis.techniques
    ]
    return {
        "id": rid,
        "attributions": [
            {
                "content": [list(s) for s in a.content],
                "cue": [list(s) for s in a.cue],
                "source": [list(s) for s in a.source],
                "speaker": a.speaker,
                "kind": a.kind,
            }
            for a in analysis.attributions
        ],
        "techniques": techniques,
        "spans": techniques,
        "analysis": analysis.model_dump(mode="json"),
    }


def error_record(rid: str, error: JobError) -> dict[str, Any]:
    """The output record of an input that could not be analysed."""
    return {"id": rid, "error": {"type": error.type, "message": error.message}}


def _json_line(out: dict[str, Any]) -> str:
    return escape_json_controls(json.dumps(out, ensure_ascii=False)) + "\n"


def _output(rec: Record, outcome: Outcome | None) -> dict[str, Any]:
    if outcome is None or outcome.analysis is None:
        err = rec.error or (outcome.error if outcome else None)
        return error_record(rec.id, err or JobError("InternalError", "no result"))
    return analysis_record(rec.id, outcome.analysis)


def _results(records: Iterator[Record], run: Callable[[Iterator[Source]], Iterator[Outcome]],
             ) -> Iterator[dict[str, Any]]:
    """Output records in input order: error records in place, the rest from ``run``."""
    queue: deque[Record] = deque()

    def sources() -> Iterator[Source]:
        for rec in records:
            queue.append(rec)
            if rec.source is not None:
                yield rec.source

    for outcome in run(sources()):
        while queue[0].source is None:
            yield _output(queue.popleft(), None)
        yield _output(queue.popleft(), outcome)
    while queue:
        yield _output(queue.popleft(), None)


def _flush(fout: Any) -> None:
    with contextlib.suppress(OSError):  # a full disk may refuse this too; the reason is told
        fout.flush()


def partial_path(dst: Path) -> Path:
    """Where a batch writes before the output is complete."""
    return dst.with_name(dst.name + ".partial")


def run_batch(
    src: Path,
    dst: Path,
    *,
    stages: Stages = "all",
    settings: Settings,
    jobs: int = 1,
    time_budget: float | None = None,
    memory_budget_mb: float | None = None,
    base_dir: Path | None = None,
    on_record: Callable[[str, bool], None] | None = None,
) -> BatchSummary:
    """Process ``src`` JSONL into ``dst`` JSONL (see the module docstring).

    ``base_dir``: the directory ``path`` records are read under (default: ``src``'s directory).
    Raises :class:`BatchStopped` (``dst`` untouched) if the run ends early, InputError if ``src``
    cannot be read or ``dst`` written.
    """
    base = str((base_dir or src.parent).resolve())
    partial = partial_path(dst)
    try:
        fin = src.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {src}: {exc.strerror or exc}") from exc
    try:
        fout = partial.open("w", encoding="utf-8", errors="replace")
    except OSError as exc:
        fin.close()
        raise InputError(f"cannot write {partial}: {exc.strerror or exc}") from exc
    n = errors = 0
    max_line = settings.max_input_bytes * 6 + 65536  # JSON may spell a character in 6 bytes
    with fin, fout:
        records = read_records(fin, base_dir=base, max_line=max_line)

        def run(sources: Iterator[Source]) -> Iterator[Outcome]:
            return run_jobs(sources, settings=settings, n_jobs=jobs, time_budget=time_budget,
                            memory_budget_mb=memory_budget_mb, nlp=stages == "all")

        try:
            for out in _results(records, run):
                fout.write(_json_line(out))
                ok = "error" not in out
                n += 1
                errors += not ok
                if on_record is not None:
                    on_record(str(out["id"]), ok)
            fout.flush()
            os.fsync(fout.fileno())
        except KeyboardInterrupt:
            _flush(fout)
            raise BatchStopped("interrupted", done=n, errors=errors, partial=partial,
                               output=dst) from None
        except (OSError, PresslensError) as exc:
            _flush(fout)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BatchStopped(f"stopped ({reason})", done=n, errors=errors, partial=partial,
                               output=dst) from exc
    try:
        os.replace(partial, dst)
    except OSError as exc:
        raise InputError(f"cannot write {dst}: {exc.strerror or exc}") from exc
    return BatchSummary(records=n, errors=errors)
