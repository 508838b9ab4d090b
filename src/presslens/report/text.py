"""Terminal report: rich tables for provenance, voices and language, captured as plain text."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..schema import Analysis
from ..textsafe import neutralise_controls
from .view import (
    category_label,
    finding_groups,
    in_quotes,
    language_rows,
    language_summary,
    provenance_rows,
    shorten,
    silence_rows,
    technique_rows,
    voice_evidence,
)

__all__ = ["render_text"]


def render_text(analysis: Analysis, *, width: int = 100) -> str:
    """Render the analysis as fixed-width text (no colour codes), ready to print or save."""
    # markup=False: names and terms in table cells are article text, never Rich markup.
    console = Console(width=width, record=True, file=None, force_terminal=False,
                      color_system=None, highlight=False, markup=False)
    with console.capture() as cap:
        prov = Table(title="Provenance", show_header=False, title_justify="left")
        prov.add_column("field", style="bold")
        prov.add_column("value")
        for p in provenance_rows(analysis):
            prov.add_row(p.label, p.value)
        console.print(prov, markup=False)
        if analysis.voices:
            voices = Table(title="Voices", title_justify="left")
            for col in ("voice", "type", "statements", "words", "share"):
                voices.add_column(col, justify="right" if col in {"statements", "words",
                                                                  "share"} else "left")
            for v in analysis.voices:
                voices.add_row(v.name, str(v.type), str(v.statements), str(v.words_quoted),
                               f"{v.share:.0%}")
            console.print(voices, markup=False)
            console.print(f"Named sources: {analysis.named_sources}; outlet-voice sentences: "
                          f"{len(analysis.outlet_voice)}", markup=False)
            console.print("What each voice said", markup=False)
            for ev in voice_evidence(analysis):
                console.print(f"  {ev.name} ({ev.kind}, {len(ev.statements)}):", markup=False)
                for st in ev.statements:
                    console.print(f"    - {in_quotes(st)}", markup=False)
        else:
            console.print("No attributed statements found.", markup=False)
        silences = silence_rows(analysis)
        if silences:
            console.print(f"No comment ({len(silences)}):", markup=False)
            for sr in silences:
                console.print(f"  - {sr.actor} {sr.label}: {sr.sentence}", markup=False)
        if analysis.outlet_voice:
            console.print(f"Outlet's own assertions ({len(analysis.outlet_voice)}):",
                          markup=False)
            for c in analysis.outlet_voice:
                console.print(f"  - {shorten(c.text)}", markup=False)
        summary = language_summary(analysis)
        rows = language_rows(summary)
        if rows:
            total = rows[-1]
            lang = Table(title=f"Language ({total.total} findings in {summary.words} words, "
                         f"{total.per_1000:.1f} per 1,000)", title_justify="left")
            for col in ("category", "count", "per 1,000 words", "outlet", "quoted"):
                lang.add_column(col, justify="left" if col == "category" else "right")
            for r in rows:
                lang.add_row(r.label, str(r.total), f"{r.per_1000:.1f}", str(r.outlet),
                             str(r.quoted))
            console.print(lang, markup=False)
            terms = Table(title="Terms", title_justify="left")
            for col in ("term", "n", "category", "used by", "alternatives"):
                terms.add_column(col, justify="right" if col == "n" else "left")
            for g in finding_groups(analysis.findings):
                terms.add_row(g.text, str(g.count), category_label(g.category), g.voices,
                              ", ".join(g.alternatives[:3]))
            console.print(terms, markup=False)
        else:
            console.print("No loaded terms, contested labels, hedges or scare quotes found.",
                          markup=False)
        techniques = technique_rows(analysis, examples=1)
        if techniques:
            console.print("Persuasion techniques: " + "; ".join(
                f"{t.label} ×{t.count}" for t in techniques), markup=False)
        for w in analysis.warnings:
            console.print(f"warning: {w}", markup=False)
    return neutralise_controls(cap.get())
