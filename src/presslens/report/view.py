"""Presentation facts shared by every renderer: voice colours, provenance rows, summaries, labels.

Renderers format; this module decides *what* is shown, so the HTML, Markdown and terminal
reports say the same things.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..schema import OUTLET_VOICE, Analysis, BlockKind, LanguageFinding, LanguageSummary

__all__ = [
    "CATEGORY_LABELS",
    "OUTLET",
    "PALETTE",
    "ActorRow",
    "FindingGroup",
    "LanguageRow",
    "ProvenanceRow",
    "SilenceRow",
    "TechniqueRow",
    "VoiceEvidence",
    "VoiceRow",
    "actor_rows",
    "category_label",
    "finding_groups",
    "in_quotes",
    "language_rows",
    "language_summary",
    "provenance_rows",
    "shorten",
    "silence_rows",
    "technique_label",
    "technique_rows",
    "voice_colour",
    "voice_colours",
    "voice_evidence",
    "voice_rows",
    "words",
]

OUTLET = OUTLET_VOICE

# Colour-blind-friendly hues (Okabe–Ito), light enough for text on top.
PALETTE = ("#f6c28b", "#9fd3f0", "#a8e0c8", "#f2a7c7", "#f3ea8f", "#b3b3f5", "#d7c0a8", "#c9e3a1")

# The outlet's own unattributed sentences (shading in the article, its bar in the voices chart).
OUTLET_COLOUR = "#dde1e6"

CATEGORY_LABELS = {
    "loaded": "loaded / emotive word",
    "intensifier": "intensifier",
    "hedge": "hedge",
    "certainty": "certainty marker",
    "contested_label": "contested label",
    "scare_quote": "scare quote",
    "headline_framing": "headline framing",
}


def category_label(category: str) -> str:
    """Human wording of a finding category (unknown categories: underscores to spaces)."""
    return CATEGORY_LABELS.get(category, category.replace("_", " "))


def technique_label(technique: str) -> str:
    """'Name_Calling,Labeling' → 'Name calling, labeling' (SemEval names made readable)."""
    words = technique.replace("_", " ").replace(",", ", ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:].lower() if text else technique


# OutletInfo.matched_by → how the report words it.
_MATCHED_BY = {
    "url_domain": "the URL's domain",
    "site_name": "the page's site name",
    "self_reference": "the page's own self-reference",
    "copyright": "the page's copyright line",
    "name": "the outlet's name in the page",
}


@dataclass(frozen=True)
class ProvenanceRow:
    label: str
    value: str
    link: str | None = None


def words(text: str) -> int:
    return len(text.split())


def voice_colour(i: int) -> str:
    """The background colour of the i-th voice (palette first, then golden-angle hues)."""
    if i < len(PALETTE):
        return PALETTE[i]
    # Beyond the palette: spread further hues by the golden angle, same lightness.
    return f"hsl({(i * 137.508) % 360:.0f}, 70%, 82%)"


def voice_colours(analysis: Analysis) -> dict[str, str]:
    """voice id → background colour, in order of appearance; every voice gets its own colour."""
    return {v.id: voice_colour(i) for i, v in enumerate(analysis.voices)}


@dataclass(frozen=True)
class VoiceRow:
    """One line of the voices chart: a voice (or the outlet itself) and its share of the body."""

    name: str
    kind: str
    statements: int
    words: int
    share: float
    css: str
    colour: str
    descriptions: tuple[str, ...] = ()


def voice_rows(analysis: Analysis) -> list[VoiceRow]:
    """Voices in order of appearance, then the outlet's own unattributed voice."""
    colours = voice_colours(analysis)
    rows = [
        VoiceRow(v.name, str(v.type), v.statements, v.words_quoted, v.share,
                 f"voice-{i}", colours[v.id], tuple(v.descriptions))
        for i, v in enumerate(analysis.voices)
    ]
    body = sum(words(b.text) for b in analysis.article.body_blocks())
    own = sum(words(c.text) for c in analysis.outlet_voice)
    if own:
        rows.append(VoiceRow("The outlet itself", "unattributed sentences",
                             len(analysis.outlet_voice), own, own / body if body else 0.0,
                             "outlet-voice", OUTLET_COLOUR))
    return rows


SHORT_WORDS = 30
_SILENCE_LABELS = {
    "declined": "declined to comment", "no_response": "did not respond",
    "unreachable": "could not be reached", "no_statement": "issued no statement",
    "not_disclosed": "did not disclose",
}


def shorten(text: str, limit: int = SHORT_WORDS) -> str:
    """``text`` on one line, cut to ``limit`` words with an ellipsis."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= limit else " ".join(parts[:limit]) + " …"


_MARKS = "\"'“”‘’«»"


def in_quotes(text: str) -> str:
    """``text`` between curly quotes, unless it already opens with a quotation mark."""
    return text if text[:1] in _MARKS else f"“{text}”"


@dataclass(frozen=True)
class VoiceEvidence:
    """A voice and what it said: each statement's words, shortened, in text order."""

    name: str
    kind: str
    statements: tuple[str, ...]


def voice_evidence(analysis: Analysis, *, limit: int = SHORT_WORDS) -> list[VoiceEvidence]:
    """Every voice with its statements (the counted ones), so a count can be checked."""
    said: dict[str, list[str]] = {}
    for a in sorted(analysis.attributions, key=lambda x: x.content[0][0] if x.content else 0):
        if a.voice_id and a.statement:
            words_ = " … ".join(analysis.article.text[s:e] for s, e in a.content)
            said.setdefault(a.voice_id, []).append(shorten(words_, limit))
    return [VoiceEvidence(v.name, str(v.type), tuple(said.get(v.id, ())))
            for v in analysis.voices]


@dataclass(frozen=True)
class SilenceRow:
    """An actor who stayed silent, how, and the sentence saying so."""

    actor: str
    label: str
    sentence: str


def silence_rows(analysis: Analysis, *, limit: int = SHORT_WORDS) -> list[SilenceRow]:
    return [SilenceRow(n.actor, _SILENCE_LABELS.get(n.kind, n.kind), shorten(n.text, limit))
            for n in analysis.no_comment]


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
            how = _MATCHED_BY.get(o.matched_by, o.matched_by.replace("_", " "))
            rows.append(ProvenanceRow("Identified by", f"{how}: {o.matched_value or ''}"))
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


# --------------------------------------------------------------------------- language


def language_summary(analysis: Analysis) -> LanguageSummary:
    """The analysis' summary, or one computed from its findings when the stage left none."""
    if analysis.language_summary is not None:
        return analysis.language_summary
    body = sum(words(b.text) for b in analysis.article.body_blocks())
    return LanguageSummary.of(analysis.findings, body)


@dataclass(frozen=True)
class LanguageRow:
    category: str
    label: str
    total: int
    per_1000: float
    outlet: int
    quoted: int


def language_rows(summary: LanguageSummary) -> list[LanguageRow]:
    """One row per category, most frequent first; a last ``all`` row totals them."""
    rows = [
        LanguageRow(c, category_label(c), n, summary.per_1000_words.get(c, 0.0),
                    summary.outlet_counts.get(c, 0), summary.quoted_counts.get(c, 0))
        for c, n in sorted(summary.counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if rows:
        total = sum(r.total for r in rows)
        per = round(1000 * total / summary.words, 2) if summary.words else 0.0
        rows.append(LanguageRow("all", "all findings", total, per,
                                sum(r.outlet for r in rows), sum(r.quoted for r in rows)))
    return rows


@dataclass
class FindingGroup:
    """Every occurrence of one term in one category, with who used it how often."""

    text: str
    category: str
    label: str
    group: str | None
    explanation: str
    alternatives: list[str]
    count: int = 0
    by: Counter[str] = field(default_factory=Counter)

    @property
    def voices(self) -> str:
        """'outlet 1, Jane Doe 3' — who uses the term, outlet first."""
        order = sorted(self.by.items(), key=lambda kv: (kv[0] != OUTLET, -kv[1], kv[0]))
        return ", ".join(f"{'outlet' if v == OUTLET else v} {n}" for v, n in order)


def finding_groups(findings: list[LanguageFinding]) -> list[FindingGroup]:
    """Findings grouped by category and term, in order of first appearance."""
    groups: dict[tuple[str, str], FindingGroup] = {}
    for f in findings:
        key = (f.category, (f.term or f.text).lower())
        g = groups.get(key)
        if g is None:
            g = groups[key] = FindingGroup(f.text, f.category, category_label(f.category), f.group,
                                           f.explanation, list(f.alternatives))
        g.count += 1
        g.by[f.voice] += 1
    return list(groups.values())


@dataclass(frozen=True)
class TechniqueRow:
    technique: str
    label: str
    count: int
    examples: tuple[str, ...]


def technique_rows(analysis: Analysis, *, examples: int = 3) -> list[TechniqueRow]:
    """Persuasion techniques found, most frequent first, each with a few example spans."""
    text = analysis.article.text
    seen: dict[str, list[str]] = {}
    for t in sorted(analysis.techniques, key=lambda t: t.start):
        seen.setdefault(t.technique, []).append(" ".join((t.text or text[t.start:t.end]).split()))
    return [
        TechniqueRow(name, technique_label(name), len(spans),
                     tuple(dict.fromkeys(spans))[:examples])
        for name, spans in sorted(seen.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


@dataclass
class ActorRow:
    """One actor and the words the article attaches to it, each with who attaches it."""

    actor: str
    # (label, attached by, contested?, occurrences)
    labels: list[tuple[str, str, bool, int]] = field(default_factory=list)

    @property
    def contested(self) -> int:
        return sum(n for _, _, c, n in self.labels if c)


def actor_rows(analysis: Analysis) -> list[ActorRow]:
    """Actors with their labels (deduplicated, counted), actors with contested labels first."""
    rows: dict[str, ActorRow] = {}
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    for lab in analysis.actor_labels:
        counts[(lab.actor, " ".join(lab.label.split()), lab.attached_by, lab.contested)] += 1
    for (actor, label, by, contested), n in counts.items():
        rows.setdefault(actor, ActorRow(actor)).labels.append((label, by, contested, n))
    return sorted(rows.values(), key=lambda r: (-r.contested, -len(r.labels), r.actor))
