"""Tables of the corpus pages: one object rendered as an HTML table and as a CSV download.

Owns :class:`Table`, :class:`Cell` and :func:`to_csv`. A page builds its tables once; the page
template renders them through ``partials/table.html.j2`` and the page's ``….csv`` route writes
the same rows, so every table on screen can be downloaded as it is shown. CSV cells that a
spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) are prefixed
with an apostrophe: article text and names are untrusted.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field

__all__ = ["Cell", "Table", "to_csv"]

logger = logging.getLogger(__name__)

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cell:
    """One cell: its text, an optional in-app link, and whether it is a number."""

    text: str
    href: str | None = None
    numeric: bool = False
    raw: str | None = None  # the CSV value when it differs from the shown text (numbers)

    @classmethod
    def num(cls, value: float | int, fmt: str = "{:,}") -> Cell:
        """A right-aligned number: shown formatted, written to CSV as is."""
        return cls(fmt.format(value), numeric=True, raw=str(value))


@dataclass
class Table:
    """A named table: column labels and rows of cells (the same in HTML and CSV)."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    empty: str = "Nothing to show."

    def add(self, *cells: Cell | str | int | float | None) -> None:
        """Append a row; plain values become cells (numbers right-aligned, None empty)."""
        row = []
        for c in cells:
            if isinstance(c, Cell):
                row.append(c)
            elif isinstance(c, bool) or c is None:
                row.append(Cell("" if c is None else ("yes" if c else "no")))
            elif isinstance(c, int):
                row.append(Cell.num(c))
            elif isinstance(c, float):
                row.append(Cell.num(c, "{:.2f}"))
            else:
                row.append(Cell(str(c)))
        self.rows.append(row)


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(table: Table) -> str:
    """The table as CSV text (header row first), formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([c.raw if c.raw is not None else _safe(c.text) for c in row])
    return out.getvalue()
