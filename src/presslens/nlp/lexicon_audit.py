"""Lexicon audit: whose vocabulary each contested word is, counted per conflict and side.

Owns :func:`audit` (the per-conflict, per-side lists read from the ``used_by``/``kind`` tags of
the lexicon entries and ``lexicons/conflicts.json``), :func:`balance_problems` (the sides whose
list is much thinner than the other side's) and :func:`audit_table` (the Markdown table kept in
``lexicons/README.md``). Run ``python -m presslens.nlp.lexicon_audit`` to print the table, or
with ``--write`` to refresh the README between its audit markers.

The tags are audit data only: no matching rule reads them. A word tagged as one side's
vocabulary is flagged whoever uses it and whoever it describes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import ModelError
from .language import load_entries

__all__ = ["KINDS", "ConflictAudit", "SideAudit", "audit", "audit_table", "balance_problems"]

logger = logging.getLogger(__name__)

KINDS = ("dysphemism", "euphemism", "label")
MIN_PER_SIDE = 5  # every side of every audited conflict lists at least this many words
MIN_RATIO = 0.6  # the thinner side has at least this share of the fuller side's count
BEGIN, END = "<!-- audit:begin -->", "<!-- audit:end -->"


@dataclass
class SideAudit:
    """One side's vocabulary in one conflict."""

    side: str
    description: str
    terms: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.terms.values())


@dataclass
class ConflictAudit:
    """The two (or more) sides of one conflict."""

    id: str
    title: str
    sides: list[SideAudit]


def _conflicts() -> list[dict[str, object]]:
    try:
        raw = resources.files("presslens.nlp").joinpath("lexicons", "conflicts.json")
        data = json.loads(raw.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"lexicons/conflicts.json cannot be read: {exc}") from exc
    conflicts: list[dict[str, object]] = data["conflicts"]
    return conflicts


def audit() -> list[ConflictAudit]:
    """Per conflict and side, the lexicon terms tagged as that side's vocabulary, by kind."""
    out: list[ConflictAudit] = []
    index: dict[tuple[str, str], SideAudit] = {}
    for c in _conflicts():
        sides_raw = c["sides"]
        assert isinstance(sides_raw, dict)
        sides = [SideAudit(side=str(k), description=str(v)) for k, v in sides_raw.items()]
        out.append(ConflictAudit(id=str(c["id"]), title=str(c["title"]), sides=sides))
        for s in sides:
            index[(str(c["id"]), s.side)] = s
    seen: set[tuple[str, str, str]] = set()
    for e in load_entries():
        for tag in e.used_by:
            conflict, _, side = tag.partition(":")
            target = index.get((conflict, side))
            if target is None:
                raise ModelError(f"lexicon entry {e.term!r}: unknown conflict side {tag!r}")
            if e.kind not in KINDS:
                raise ModelError(f"lexicon entry {e.term!r}: kind must be one of {KINDS}")
            if (conflict, side, e.term) in seen:
                continue  # two members with one term ("resistance" phrases and "<X> resistance")
            seen.add((conflict, side, e.term))
            target.terms[e.kind].append(e.term)
    return out


def balance_problems(conflicts: list[ConflictAudit] | None = None) -> list[str]:
    """Why a conflict's coverage is uneven (empty when every side is covered alike)."""
    problems: list[str] = []
    for c in conflicts if conflicts is not None else audit():
        counts = {s.side: s.count for s in c.sides}
        most = max(counts.values())
        for s in c.sides:
            if s.count < MIN_PER_SIDE:
                problems.append(f"{c.id}: side {s.side} lists {s.count} words (< {MIN_PER_SIDE})")
            elif s.count < MIN_RATIO * most:
                problems.append(f"{c.id}: side {s.side} lists {s.count} words, "
                                f"under {MIN_RATIO:.0%} of the fullest side's {most}")
            if not s.terms["dysphemism"]:
                problems.append(f"{c.id}: side {s.side} has no dysphemism")
            if not (s.terms["euphemism"] or s.terms["label"]):
                problems.append(f"{c.id}: side {s.side} has no euphemism or label")
    return problems


def audit_table(conflicts: list[ConflictAudit] | None = None) -> str:
    """The Markdown audit table (counts per side and kind, then the words)."""
    rows = ["| conflict | side | dysphemisms | euphemisms | labels | total | words |",
            "|---|---|---:|---:|---:|---:|---|"]
    for c in conflicts if conflicts is not None else audit():
        for s in c.sides:
            words = ", ".join(sorted(w for ws in s.terms.values() for w in ws))
            rows.append(f"| {c.title} | {s.side}: {s.description} | "
                        f"{len(s.terms['dysphemism'])} | {len(s.terms['euphemism'])} | "
                        f"{len(s.terms['label'])} | {s.count} | {words} |")
    return "\n".join(rows)


def readme_path() -> Path:
    return Path(str(resources.files("presslens.nlp").joinpath("lexicons", "README.md")))


def refreshed_readme(text: str) -> str:
    """``text`` with the table between the audit markers replaced by the current one."""
    if BEGIN not in text or END not in text:
        raise ModelError("lexicons/README.md has no audit markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{audit_table()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="refresh lexicons/README.md")
    args = parser.parse_args(argv)
    if args.write:
        path = readme_path()
        path.write_text(refreshed_readme(path.read_text("utf-8")), "utf-8")
    else:
        print(audit_table())
    for p in balance_problems():
        print("uneven:", p, file=sys.stderr)
    return 1 if balance_problems() else 0


if __name__ == "__main__":
    raise SystemExit(main())
