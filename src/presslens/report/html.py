"""The annotated HTML report: provenance card, voices, language findings, the marked-up article.

Jinja2 with autoescape on: untrusted article text only ever reaches the page escaped, and links
are emitted only for http(s) URLs.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from ..schema import Analysis, BlockKind
from .segments import Mark, runs
from .view import provenance_rows, voice_colours, words

__all__ = ["render_html"]


def safe_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data: …)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("presslens", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_link"] = safe_link
    return env


def _marks(analysis: Analysis) -> list[Mark]:
    colours = {vid: i for i, vid in enumerate(voice_colours(analysis))}
    marks: list[Mark] = []
    for a in analysis.attributions:
        who = a.speaker or a.description or "unresolved speaker"
        cls = f"voice-{colours[a.voice_id] % 8}" if a.voice_id in colours else "voice-x"
        note = f"{who} ({a.kind})"
        marks += [Mark(s, e, ("quote", cls), note) for s, e in a.content]
        marks += [Mark(s, e, ("cue",), f"cue of {who}") for s, e in a.cue]
        marks += [Mark(s, e, ("source",), f"source: {who}") for s, e in a.source]
    for f in analysis.findings:
        alt = f"; alternatives: {', '.join(f.alternatives)}" if f.alternatives else ""
        who = "outlet's own words" if f.voice == "outlet" else f"in {f.voice}'s words"
        note = f"{f.category.replace('_', ' ')}: {f.explanation}{alt} ({who})"
        marks.append(Mark(f.start, f.end, ("finding", f"cat-{f.category}"), note))
    for t in analysis.techniques:
        marks.append(Mark(t.start, t.end, ("technique",), f"technique: {t.technique}"))
    return marks


def render_html(analysis: Analysis) -> str:
    """Render the full, self-contained HTML report of one analysis."""
    art = analysis.article
    marks = _marks(analysis)
    blocks = []
    for b in art.blocks:
        removed = b.kind == BlockKind.BOILERPLATE
        blocks.append(
            {
                "kind": str(b.kind),
                "removed": removed,
                "reason": b.reason or "",
                "runs": [] if removed else runs(art.text, b.start, b.end, marks),
                "text": b.text,
            }
        )
    body_words = sum(words(b.text) for b in art.body_blocks())
    colours = voice_colours(analysis)
    return _env().get_template("report.html.j2").render(
        a=analysis,
        art=art,
        rows=provenance_rows(analysis),
        blocks=blocks,
        colours=colours,
        body_words=body_words,
    )
