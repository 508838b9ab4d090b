"""JSONL batch processing: one output record per input record, errors kept in the record.

Input records carry ``id`` and one of ``text``, ``html``, ``path`` or ``url``. Output records
carry ``id``, the evaluation views (``attributions`` in the attribution scorer's format,
``techniques``/``spans`` in the technique scorer's format) and the full ``analysis`` — or an
``error`` object, after which the batch simply goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

from .analysis import analyze_article
from .config import Settings
from .errors import InputError, PresslensError
from .ingest import load_path, load_text, load_url
from .schema import Analysis, Article

__all__ = ["Stages", "analysis_record", "iter_records", "process_record", "run_batch"]

Stages = Literal["ingest", "all"]
_SOURCES = ("text", "html", "path", "url")


def iter_records(stream: TextIO) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """Yield ``(id, record, error)`` per non-blank line; a bad line yields an error, not a raise."""
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line-{n}", None, f"line {n} is not valid JSON: {exc.msg}"
            continue
        if not isinstance(rec, dict):
            yield f"line-{n}", None, f"line {n} is not a JSON object"
            continue
        rid = rec.get("id")
        yield (str(rid) if rid is not None else f"line-{n}"), rec, None


def _article(rec: dict[str, Any], settings: Settings) -> Article:
    given = [k for k in _SOURCES if rec.get(k) is not None]
    if len(given) != 1:
        raise InputError(
            f"record needs exactly one of {', '.join(_SOURCES)}; got {given or 'none'}"
        )
    key = given[0]
    value = rec[key]
    if not isinstance(value, str):
        raise InputError(f"record field {key!r} must be a string")
    if key == "text":
        return load_text(value, kind="text", url=rec.get("url_hint"), settings=settings)
    if key == "html":
        return load_text(value, kind="html", url=rec.get("source_url"), settings=settings)
    if key == "path":
        return load_path(value, settings=settings)
    return load_url(value, settings=settings)


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


def process_record(rid: str, rec: dict[str, Any], *, stages: Stages,
                   settings: Settings) -> dict[str, Any]:
    """Analyse one record; a presslens error becomes the record's ``error``."""
    try:
        article = _article(rec, settings)
        analysis = analyze_article(article, settings=settings, nlp=stages == "all")
    except PresslensError as exc:
        return {"id": rid, "error": {"type": type(exc).__name__, "message": str(exc)}}
    return analysis_record(rid, analysis)


def run_batch(
    src: Path,
    dst: Path,
    *,
    stages: Stages = "all",
    settings: Settings,
    on_record: Callable[[str, bool], None] | None = None,
) -> tuple[int, int]:
    """Process ``src`` JSONL into ``dst`` JSONL; return ``(records, errors)``.

    A record that fails for a reason we did not foresee is reported in its output record with
    type ``InternalError`` rather than stopping the batch: one bad page must not lose the rest.
    """
    n = errors = 0
    try:
        fin = src.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read {src}: {exc.strerror or exc}") from exc
    try:
        # errors="replace": an id with a lone surrogate ("\ud800") must not abort the batch.
        fout = dst.open("w", encoding="utf-8", errors="replace")
    except OSError as exc:
        fin.close()
        raise InputError(f"cannot write {dst}: {exc.strerror or exc}") from exc
    with fin, fout:
        for rid, rec, err in iter_records(fin):
            if rec is None:
                out: dict[str, Any] = {"id": rid, "error": {"type": "InputError", "message": err}}
            else:
                try:
                    out = process_record(rid, rec, stages=stages, settings=settings)
                except Exception as exc:  # noqa: BLE001 - reported per record, batch continues
                    out = {"id": rid, "error": {"type": "InternalError",
                                                "message": f"{type(exc).__name__}: {exc}"}}
            ok = "error" not in out
            n += 1
            errors += not ok
            fout.write(json.dumps(out, ensure_ascii=False) + "\n")
            if on_record is not None:
                on_record(rid, ok)
    return n, errors
