"""Presentation facts shared by every renderer: voice colours, provenance rows, labels.

Renderers format; this module decides *what* is shown, so the HTML, Markdown and terminal
reports say the same things.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import Analysis, BlockKind

__all__ = ["PALETTE", "ProvenanceRow", "provenance_rows", "voice_colours", "words"]

# Colour-blind-friendly hues (Okabe–Ito), light enough for text on top.
PALETTE = ("#f6c28b", "#9fd3f0", "#a8e0c8", "#f2a7c7", "#f3ea8f", "#b3b3f5", "#d7c0a8", "#c9e3a1")


@dataclass(frozen=True)
class ProvenanceRow:
    label: str
    value: str
    link: str | None = None


def words(text: str) -> int:
    return len(text.split())


def voice_colours(analysis: Analysis) -> dict[str, str]:
    """voice id → background colour, in order of appearance."""
    return {v.id: PALETTE[i % len(PALETTE)] for i, v in enumerate(analysis.voices)}


def provenance_rows(analysis: Analysis) -> list[ProvenanceRow]:
    """The provenance card: one row per known field, in reading order."""
    a = analysis.article
    rows: list[ProvenanceRow] = []
    o = a.outlet
    if o is not None:
        rows.append(ProvenanceRow("Outlet", o.name))
        if o.country:
            rows.append(ProvenanceRow("Country", o.country))
        if o.owner:
            rows.append(ProvenanceRow("Owner", o.owner))
        if o.ownership_type:
            rows.append(ProvenanceRow("Ownership", o.ownership_type.replace("_", " ")))
        if not o.state_affiliated:
            affiliation = "not state-affiliated"
        elif o.controlling_state:
            affiliation = f"state-affiliated ({o.controlling_state})"
        else:
            affiliation = "state-affiliated"
        rows.append(ProvenanceRow("State affiliation", affiliation))
        for c in o.citations:
            rows.append(ProvenanceRow("Source", c.title or c.url, c.url))
        if o.matched_by:
            rows.append(ProvenanceRow("Identified by", f"{o.matched_by}: {o.matched_value or ''}"))
    elif a.site_name:
        # Named by the page itself, but we have no cited facts about who owns it.
        rows.append(ProvenanceRow("Site", f"{a.site_name} (not in the outlets registry)"))
    else:
        rows.append(ProvenanceRow("Outlet", "not identified"))
    if a.url:
        rows.append(ProvenanceRow("URL", a.url, a.url))
    if a.section_path:
        rows.append(ProvenanceRow("Section", " › ".join(a.section_path)))
    if a.headline:
        rows.append(ProvenanceRow("Headline", a.headline))
    if a.authors:
        rows.append(ProvenanceRow("By", ", ".join(a.authors)))
    if a.agency:
        rows.append(ProvenanceRow("Agency", a.agency))
    if a.published or a.date_text:
        rows.append(ProvenanceRow("Published", a.date_text or a.published or ""))
    kind = str(a.article_type)
    if a.type_alternatives:
        kind += " (also: " + ", ".join(str(t) for t in a.type_alternatives) + ")"
    rows.append(ProvenanceRow("Type", kind))
    removed = sum(1 for b in a.blocks if b.kind == BlockKind.BOILERPLATE)
    rows.append(ProvenanceRow("Boilerplate lines removed", str(removed)))
    return rows
