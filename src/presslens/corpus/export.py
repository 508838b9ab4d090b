"""Export stored articles as CSV, JSONL or Parquet (one row per article, analysis counts as
columns; JSONL can carry the full analysis).

Owns :func:`export_articles`. Rows are read in pages, so a large corpus is not held in memory
(Parquet is written one row group per page).
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import func, select

from ..errors import InputError
from . import tables as t
from .corpus import Corpus

__all__ = ["COLUMNS", "ExportFormat", "export_articles"]

logger = logging.getLogger(__name__)

ExportFormat = Literal["csv", "jsonl", "parquet"]
COLUMNS = ["id", "external_id", "url", "domain", "outlet_id", "headline", "published",
           "article_type", "language", "words", "named_sources", "outlet_voice_words",
           "story_id", "content_hash", "voices", "attributions", "findings", "techniques",
           "duplicate_of"]
_PAGE = 500


def _count(child: Any) -> Any:
    return (select(func.count()).select_from(child)
            .where(child.c.article_id == t.articles.c.id).scalar_subquery())


def _rows(corpus: Corpus, with_analysis: bool) -> Iterator[list[dict[str, Any]]]:
    a = t.articles
    dup = (select(func.min(t.duplicates.c.duplicate_of))
           .where(t.duplicates.c.article_id == a.c.id).scalar_subquery())
    cols = [a.c[c] for c in COLUMNS[:14]] + [
        _count(t.voices).label("voices"), _count(t.attributions).label("attributions"),
        _count(t.findings).label("findings"), _count(t.techniques).label("techniques"),
        dup.label("duplicate_of")]
    if with_analysis:
        cols.append(a.c.analysis)
    last = 0
    with corpus.engine.connect() as conn:
        while True:
            page = [dict(r._mapping) for r in conn.execute(
                select(*cols).where(a.c.id > last).order_by(a.c.id).limit(_PAGE))]
            if not page:
                return
            last = page[-1]["id"]
            yield page


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (leading = + - @ quoted)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_articles(corpus: Corpus, path: Path, fmt: ExportFormat, *,
                    with_analysis: bool = False) -> int:
    """Write every stored article to ``path``; return the number of rows."""
    n = 0
    try:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            writer: Any = None
            for page in _rows(corpus, with_analysis):
                if with_analysis:
                    for r in page:
                        r["analysis"] = json.dumps(r["analysis"], ensure_ascii=False)
                table = pa.Table.from_pylist(page)
                if writer is None:
                    writer = pq.ParquetWriter(str(path), table.schema)
                writer.write_table(table.cast(writer.schema))
                n += len(page)
            if writer is None:
                pq.write_table(pa.table({c: pa.array([], pa.string()) for c in COLUMNS}),
                               str(path))
            else:
                writer.close()
            return n
        with path.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "csv":
                w = csv.DictWriter(fh, fieldnames=COLUMNS + (["analysis"] if with_analysis
                                                             else []))
                w.writeheader()
                for page in _rows(corpus, with_analysis):
                    for r in page:
                        if with_analysis:
                            r["analysis"] = json.dumps(r["analysis"], ensure_ascii=False)
                        w.writerow({k: _cell(v) for k, v in r.items()})
                        n += 1
            else:
                for page in _rows(corpus, with_analysis):
                    for r in page:
                        fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
                        n += 1
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return n
