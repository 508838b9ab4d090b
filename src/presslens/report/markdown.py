"""Markdown report: the same facts as the HTML report, for notes, issues and chat."""

from __future__ import annotations

import re

from ..schema import Analysis
from ..textsafe import neutralise_controls
from .view import (
    OUTLET,
    actor_rows,
    category_label,
    finding_groups,
    in_quotes,
    language_rows,
    language_summary,
    provenance_rows,
    silence_rows,
    technique_rows,
    voice_evidence,
)

__all__ = ["render_markdown"]


_QUOTES = "\"'“”‘’«»"


# Markdown renders inline HTML and links: article text must not become either. HTML-special
# characters become entities; Markdown punctuation that starts links, emphasis, code or table
# cells is backslash-escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|!#])")
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _cell(text: str) -> str:
    """Make untrusted text inert inside Markdown (one line, no HTML, links or table breaks)."""
    flat = " ".join(text.split())
    flat = "".join(_HTML_ENTITIES.get(c, c) for c in flat)
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _language(analysis: Analysis) -> list[str]:
    """Summary line, counts table (outlet vs quoted), then each term once with its uses."""
    summary = language_summary(analysis)
    rows = language_rows(summary)
    if not rows:
        return ["No loaded terms, contested labels, hedges or scare quotes found."]
    total = rows[-1]
    out = [f"{total.total} findings in {summary.words} words "
           f"({total.per_1000:.1f} per 1,000): {total.outlet} in the outlet's own voice, "
           f"{total.quoted} in quoted voices.", "",
           "| category | count | per 1,000 words | outlet | quoted |", "|---|---:|---:|---:|---:|"]
    out += [f"| {r.label} | {r.total} | {r.per_1000:.1f} | {r.outlet} | {r.quoted} |"
            for r in rows]
    out.append("")
    for g in finding_groups(analysis.findings):
        times = f" ×{g.count}" if g.count > 1 else ""
        alt = f" — alternatives: {_cell(', '.join(g.alternatives))}" if g.alternatives else ""
        kind = category_label(g.category) + (f" ({_cell(g.group)})" if g.group else "")
        term = g.text if g.text[:1] in _QUOTES else f"“{g.text}”"  # scare quotes carry marks
        out.append(f"- {_cell(term)}{times} · {kind} · {_cell(g.voices)}{alt}")
    return out


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
        out += ["", f"Named sources: {analysis.named_sources}", "",
                "### What each voice said", ""]
        for ev in voice_evidence(analysis):
            out.append(f"- **{_cell(ev.name)}** ({ev.kind}, {len(ev.statements)})")
            out += [f"  - {_cell(in_quotes(st))}" for st in ev.statements]
    else:
        out.append("No attributed statements found.")
    silences = silence_rows(analysis)
    if silences:
        out += ["", "## No comment", ""]
        out += [f"- **{_cell(r.actor)}** {r.label}: {_cell(r.sentence)}" for r in silences]
    if analysis.attributions:
        out += ["", "## Attributions", ""]
        for a in analysis.attributions:
            text = _cell(" … ".join(art.text[s:e] for s, e in a.content))
            note = "" if a.statement else " — not a statement"
            out.append(f"- **{_cell(a.speaker or a.description or 'unresolved')}** "
                       f"({a.kind}, cue “{_cell(a.cue_text)}”{note}): {text}")
    out += ["", "## Language", "", *_language(analysis)]
    actors = actor_rows(analysis)
    if actors:
        out += ["", "## Actors and their labels", ""]
        for r in actors:
            labels = "; ".join(
                f"{'**' + _cell(lab) + '**' if contested else _cell(lab)}"
                f"{f' ×{n}' if n > 1 else ''} ({'outlet' if by == OUTLET else _cell(by)})"
                for lab, by, contested, n in r.labels)
            out.append(f"- {_cell(r.actor)}: {labels}")
    techniques = technique_rows(analysis)
    if techniques:
        out += ["", "## Persuasion techniques", ""]
        out += [f"- {t.label} ×{t.count}: " + " · ".join(f"“{_cell(x)}”" for x in t.examples)
                for t in techniques]
    if analysis.outlet_voice:
        out += ["", "## Outlet's own assertions", ""]
        out += [f"- {_cell(c.text)}" for c in analysis.outlet_voice]
    if analysis.warnings:
        out += ["", "## Warnings", ""] + [f"- {_cell(w)}" for w in analysis.warnings]
    return neutralise_controls("\n".join(out) + "\n")
