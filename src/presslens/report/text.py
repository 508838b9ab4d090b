"""Terminal report: rich tables for provenance, voices and language, captured as plain text."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..schema import Analysis
from .view import provenance_rows

__all__ = ["render_text"]


def render_text(analysis: Analysis, *, width: int = 100) -> str:
    """Render the analysis as fixed-width text (no colour codes), ready to print or save."""
    console = Console(width=width, record=True, file=None, force_terminal=False,
                      color_system=None, highlight=False)
    with console.capture() as cap:
        prov = Table(title="Provenance", show_header=False, title_justify="left")
        prov.add_column("field", style="bold")
        prov.add_column("value")
        for r in provenance_rows(analysis):
            prov.add_row(r.label, r.value)
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
        else:
            console.print("No attributed statements found.", markup=False)
        if analysis.findings:
            lang = Table(title="Language", title_justify="left")
            for col in ("term", "category", "voice", "alternatives"):
                lang.add_column(col)
            for f in analysis.findings:
                lang.add_row(f.text, f.category, f.voice, ", ".join(f.alternatives[:3]))
            console.print(lang, markup=False)
        for w in analysis.warnings:
            console.print(f"warning: {w}", markup=False)
    return cap.get()
