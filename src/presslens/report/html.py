"""The annotated HTML report: provenance card, voices, language findings, the marked-up article.

Jinja2 with autoescape on: untrusted text (article, headline, names, notes) only ever reaches the
page escaped — the templates never use ``|safe`` — and links are emitted only for http(s) URLs.
The page is self-contained (one inline stylesheet, no scripts, no network) under a strict CSP
that allows exactly that stylesheet by its hash: no inline ``style`` attributes (bars are SVG).

The templates are one set, shared with the web UI: ``partials/`` hold the annotated article and
the provenance, voices and language panels; :func:`make_environment` gives the web app an
environment with the same filters, and :func:`report_context` the same variables.

Annotations overlap (a loaded word inside a quotation, a quotation inside a technique span), so
the article is laid out with :func:`~presslens.report.segments.nest`: properly nested elements,
each with its own hover note (the browser shows the innermost element's ``title``).
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..schema import Analysis, Attribution, BlockKind, LanguageFinding, TechniqueSpan
from ..textsafe import neutralise_controls
from .segments import Mark, Node, nest
from .view import (
    OUTLET,
    actor_rows,
    category_label,
    finding_groups,
    language_rows,
    language_summary,
    provenance_rows,
    silence_rows,
    technique_label,
    technique_rows,
    voice_colour,
    voice_colours,
    voice_rows,
    words,
)

__all__ = [
    "make_environment",
    "marks",
    "render_html",
    "report_context",
    "safe_link",
    "stylesheet",
    "voice_stylesheet",
]

# Nesting ranks on identical ranges: an outlet sentence outermost, then the quotation, who/cue,
# findings, techniques.
_RANK_OWN, _RANK_QUOTE, _RANK_SOURCE, _RANK_FINDING, _RANK_TECHNIQUE = -1, 0, 1, 2, 3


def safe_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data: …)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


def make_environment(*loaders: BaseLoader) -> Environment:
    """An autoescaping environment over ``loaders`` then the report's templates and filters.

    The web UI passes its own page templates; the partials they include are the report's.
    """
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("presslens", "report/templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_link"] = safe_link
    env.filters["category"] = category_label
    env.filters["technique"] = technique_label
    env.filters["explanation"] = explanation
    env.filters["quoted"] = quoted
    return env


@lru_cache(maxsize=1)
def _env() -> Environment:
    return make_environment()


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The shared stylesheet of the annotated article and its panels (``static/report.css``)."""
    return (resources.files("presslens") / "report" / "static" / "report.css").read_text("utf-8")


def voice_stylesheet(count: int) -> str:
    """CSS rules giving ``voice-0`` … ``voice-{count-1}`` their background colours."""
    return "".join(f".voice-{i} {{ background-color: {voice_colour(i)}; }}\n"
                   for i in range(count))


def quoted(text: str) -> str:
    """Text in curly quotes, unless it already opens with a quotation mark."""
    return text if text[:1] in "\"'“”‘’«»„" else f"“{text}”"


def _speaker(a: Attribution) -> str:
    return a.speaker or a.description or "unresolved speaker"


def explanation(f: LanguageFinding) -> str:
    """The finding's explanation without a leading category name (lexicons often add one)."""
    expl = f.explanation.strip()
    prefix = f.category.replace("_", " ") + ":"
    return expl[len(prefix):].strip() if expl.lower().startswith(prefix) else expl


def _finding_note(f: LanguageFinding) -> str:
    label = category_label(f.category)
    expl = f.explanation.strip()
    # Lexicon explanations usually open with their category already ("loaded: …").
    text = expl if expl.lower().startswith((f.category.replace("_", " "), label)) else (
        f"{label}: {expl}" if expl else label)
    if f.alternatives:
        text += " — alternatives: " + ", ".join(f.alternatives)
    who = "the outlet's own words" if f.voice == OUTLET else f"quoted words of {f.voice}"
    return f"{text} ({who})"


def _technique_note(t: TechniqueSpan) -> str:
    score = f", score {t.score:.2f}" if t.score is not None else ""
    return f"persuasion technique: {technique_label(t.technique)} ({t.source}{score})"


def marks(analysis: Analysis) -> list[Mark]:
    """Every annotation of the analysis as a mark over ``article.text``."""
    index = {vid: i for i, vid in enumerate(voice_colours(analysis))}
    out: list[Mark] = []
    for a in analysis.attributions:
        who = _speaker(a)
        voice = f"voice-{index[a.voice_id]}" if a.voice_id in index else "voice-x"
        out += [Mark(s, e, ("quote", voice), f"{who} ({a.kind} speech)", _RANK_QUOTE)
                for s, e in a.content]
        out += [Mark(s, e, ("cue",), f"reporting cue of {who}", _RANK_SOURCE) for s, e in a.cue]
        out += [Mark(s, e, ("source",), f"source: {who}", _RANK_SOURCE) for s, e in a.source]
    for f in analysis.findings:
        out.append(Mark(f.start, f.end, ("finding", f"cat-{f.category}"), _finding_note(f),
                        _RANK_FINDING))
    for t in analysis.techniques:
        out.append(Mark(t.start, t.end, ("technique",), _technique_note(t), _RANK_TECHNIQUE))
    for c in analysis.outlet_voice:
        out.append(Mark(c.start, c.end, ("own", "outlet-voice"),
                        "the outlet's own words: no attribution covers this sentence", _RANK_OWN))
    # Two attributions may share a source span ("the analyst" said A and B): one element is enough.
    unique = list(dict.fromkeys(out))
    # Findings and techniques are explained on keyboard focus too: each gets a note id.
    return [replace(m, key=f"note-{i}") if m.rank >= _RANK_FINDING else m
            for i, m in enumerate(unique)]


@dataclass(frozen=True)
class _Block:
    kind: str
    removed: bool
    reason: str
    text: str
    nodes: list[Node]


def _blocks(analysis: Analysis, all_marks: list[Mark]) -> list[_Block]:
    art = analysis.article
    if not art.blocks:  # an Article built by hand may have no blocks: show its text as body
        return [_Block("body", False, "", art.text, nest(art.text, 0, len(art.text), all_marks))]
    # Only marks that can reach a block are handed to it: long articles have thousands of both.
    ordered = sorted(all_marks, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    reach = max((m.end - m.start for m in ordered), default=0)
    out = []
    for b in art.blocks:
        removed = b.kind == BlockKind.BOILERPLATE
        near = ordered[bisect_left(starts, b.start - reach):bisect_left(starts, b.end)]
        # Removed boilerplate is shown greyed and labelled, never annotated (nothing reads it).
        nodes = [] if removed else nest(art.text, b.start, b.end, near)
        out.append(_Block(str(b.kind), removed, b.reason or "", b.text, nodes))
    return out


def report_context(analysis: Analysis) -> dict[str, Any]:
    """The template variables of ``partials/analysis.html.j2`` (and each partial it includes)."""
    art = analysis.article
    summary = language_summary(analysis)
    findings = analysis.findings
    all_marks = marks(analysis)
    return dict(
        a=analysis,
        art=art,
        rows=provenance_rows(analysis),
        blocks=_blocks(analysis, all_marks),
        notes=[m for m in all_marks if m.key],
        voices=voice_rows(analysis),
        silences=silence_rows(analysis),
        body_words=sum(words(b.text) for b in art.body_blocks()),
        summary=summary,
        language=language_rows(summary),
        groups=finding_groups([f for f in findings
                               if f.category not in {"headline_framing", "scare_quote"}]),
        framing=[f for f in findings if f.category == "headline_framing"],
        scare=[f for f in findings if f.category == "scare_quote"],
        techniques=technique_rows(analysis),
        actors=actor_rows(analysis),
        voice_ids={v.id for v in analysis.voices},
        outlet=OUTLET,
    )


def render_html(analysis: Analysis) -> str:
    """Render the full, self-contained HTML report of one analysis."""
    css = stylesheet() + voice_stylesheet(len(analysis.voices))
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    # Bidi overrides and control characters in the article become U+FFFD (one for one, after
    # escaping): the page cannot be reordered around them (see presslens.textsafe). The
    # stylesheet holds none, so its hash is unchanged.
    return neutralise_controls(_env().get_template("report.html.j2").render(
        # Our own stylesheet (no article text in it): inserted as is, allowed by its hash.
        stylesheet=Markup(css),
        style_hash=f"sha256-{digest}",
        **report_context(analysis),
    ))
