"""Markdown report: the same facts as the HTML report, for notes, issues and chat."""

from __future__ import annotations

from ..schema import Analysis
from .view import provenance_rows

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    """Make untrusted text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def render_markdown(analysis: Analysis) -> str:
    """Render provenance, voices, attributions, language findings and outlet-voice sentences."""
    art = analysis.article
    out = [f"# {_cell(art.headline or 'Untitled article')}", "", "## Provenance", "",
           "| field | value |", "|---|---|"]
    out += [f"| {r.label} | {_cell(r.value)} |" for r in provenance_rows(analysis)]
    out += ["", "## Voices", ""]
    if analysis.voices:
        out += ["| voice | type | statements | words quoted | share |", "|---|---|---:|---:|---:|"]
        out += [
            f"| {_cell(v.name)} | {v.type} | {v.statements} | {v.words_quoted} | {v.share:.0%} |"
            for v in analysis.voices
        ]
        out += ["", f"Named sources: {analysis.named_sources}"]
    else:
        out.append("No attributed statements found.")
    if analysis.attributions:
        out += ["", "## Attributions", ""]
        for a in analysis.attributions:
            text = _cell(" … ".join(art.text[s:e] for s, e in a.content))
            out.append(f"- **{_cell(a.speaker or a.description or 'unresolved')}** "
                       f"({a.kind}, cue “{_cell(a.cue_text)}”): {text}")
    if analysis.findings:
        out += ["", "## Language", ""]
        for f in analysis.findings:
            alt = f" — alternatives: {', '.join(f.alternatives)}" if f.alternatives else ""
            who = "outlet" if f.voice == "outlet" else _cell(f.voice)
            out.append(f"- “{_cell(f.text)}” · {f.category.replace('_', ' ')} · {who}{alt}")
    if analysis.outlet_voice:
        out += ["", "## Outlet's own assertions", ""]
        out += [f"- {_cell(c.text)}" for c in analysis.outlet_voice]
    if analysis.warnings:
        out += ["", "## Warnings", ""] + [f"- {_cell(w)}" for w in analysis.warnings]
    return "\n".join(out) + "\n"
