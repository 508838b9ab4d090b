"""Analysis stage "language": lexicon findings, scare quotes, headline framing, labels, summary.

Owns ``Analysis.findings``, ``Analysis.actor_labels`` and ``Analysis.language_summary``. Runs after
the voices stage: a finding inside an attribution's content span belongs to that speaker, one
outside every content span to the outlet. Only the headline and body blocks are read (boilerplate
kept by ingest is skipped). Matching lives in :mod:`presslens.nlp.language`, labels in
:mod:`presslens.nlp.actors`; this module only assembles the schema objects.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .nlp.actors import actor_labels
from .nlp.headline_source import headline_source
from .nlp.intervals import Regions, SpanGrid
from .nlp.language import find_quoted_phrases, match_lexicons
from .nlp.types import doc_text
from .schema import (
    OUTLET_VOICE,
    Analysis,
    Attribution,
    AttributionKind,
    BlockKind,
    LanguageFinding,
    LanguageSummary,
)

__all__ = ["VoiceIndex", "fill_language", "language_regions"]

OUTLET = OUTLET_VOICE
_MIN_HEADLINE_OVERLAP = 0.5


def language_regions(analysis: Analysis, text_len: int) -> list[tuple[int, int]]:
    """Character ranges the language stage reads: the headline and body blocks, in order."""
    blocks = analysis.article.blocks
    if not blocks:
        return [(0, text_len)]
    keep = (BlockKind.HEADLINE, BlockKind.BODY)
    return [(b.start, min(b.end, text_len)) for b in blocks
            if b.kind in keep and b.start < text_len]


class VoiceIndex:
    """Who speaks at a span: the statement whose content contains it, else the outlet.

    Narration is the outlet's: a span on the source or cue of any attribution ("a spokesman
    for the terror group claiming the attack said") belongs to the outlet even when a wrongly
    wide content span of another statement covers it — unless that source sits inside a direct
    quotation, where the quoted speaker is the one naming it.
    """

    def __init__(self, attributions: list[Attribution]) -> None:
        self._grid: SpanGrid[tuple[int, int, Attribution]] = SpanGrid()
        self._narration: SpanGrid[tuple[int, int]] = SpanGrid()
        quoted: SpanGrid[tuple[int, int]] = SpanGrid()
        # a relation that is no statement leaves its words to the outlet (see voices.py)
        for a in attributions:
            if not a.statement:
                continue
            for s, e in a.content:
                self._grid.add([(s, e)], (s, e, a))
                if a.kind == AttributionKind.DIRECT:
                    quoted.add([(s, e)], (s, e))
        for a in attributions:
            for s, e in [*a.source, *a.cue]:
                if not any(qs <= s and e <= qe for qs, qe in quoted.near([(s, e)])):
                    self._narration.add([(s, e)], (s, e))

    @staticmethod
    def name(a: Attribution) -> str:
        return a.speaker or a.description or a.source_text or "unresolved speaker"

    def attribution_at(self, start: int, end: int) -> Attribution | None:
        """The innermost attribution whose content contains [start, end) (none in narration)."""
        if any(min(end, e) > max(start, s) for s, e in self._narration.near([(start, end)])):
            return None
        best: tuple[int, Attribution] | None = None
        for s, e, a in self._grid.near([(start, end)]):
            if s <= start and end <= e and (best is None or e - s < best[0]):
                best = (e - s, a)
        return best[1] if best else None

    def __call__(self, start: int, end: int) -> tuple[str, str | None]:
        a = self.attribution_at(start, end)
        return (OUTLET, None) if a is None else (self.name(a), a.voice_id)


def _scare_quote_spans(doc: Doc, analysis: Analysis) -> list[tuple[int, int]]:
    """Spans from the quotes component plus ours: short quoted phrases nobody is quoted saying.

    Ours are added even when the component ran, because a distancing quote can sit inside
    reported (indirect/mixed) speech, which the component treats as the speaker's.
    """
    given = doc._.presslens_scare_quotes if Doc.has_extension("presslens_scare_quotes") else None
    out = [(int(s), int(e)) for s, e in given or ()]
    given_grid: SpanGrid[tuple[int, int]] = SpanGrid()
    for span in out:
        given_grid.add([span], span)
    atts: SpanGrid[tuple[Attribution, Regions]] = SpanGrid()
    for a in analysis.attributions:
        # the content as Regions: a bisect per phrase instead of a pass over every content
        # span (one attribution can hold thousands of quoted fragments)
        atts.add([*a.content, *a.source, *a.cue], (a, Regions(a.content)))
    for s, e in find_quoted_phrases(doc_text(doc)):
        inner = max(1, e - s)
        said = False
        for a, content in atts.near([(s, e)]):
            for cs, ce in content.meeting(s, e):
                # A quote inside a direct quotation is the speaker's own wording, and so are the
                # quoted fragments of a mixed one (said the cabinet was "studying every option");
                # a quote that is most of a reported statement is a partial quotation too.
                if a.kind in (AttributionKind.DIRECT, AttributionKind.MIXED) \
                        or (ce - cs) <= 2.5 * inner:
                    said = True
            for cs, ce in a.source + a.cue:
                if min(e, ce) - max(s, cs) > 0:
                    said = True
        if not said and not any(min(e, ge) - max(s, gs) > 0
                                for gs, ge in given_grid.near([(s, e)])):
            out.append((s, e))
    return sorted(out)


def _content_lemmas(doc: Doc, a: int, b: int) -> set[str]:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop}


def _headline_finding(doc: Doc, analysis: Analysis, voice_at: VoiceIndex
                      ) -> LanguageFinding | None:
    """Flag a headline whose claim the body attributes to one voice."""
    heads = [b for b in analysis.article.blocks if b.kind == BlockKind.HEADLINE]
    if not heads or heads[0].end > len(doc_text(doc)):
        return None
    hb = heads[0]
    text = doc_text(doc)[hb.start:hb.end]
    # ": Analyst", ", says minister", " - UN" at the end: the headline names a source
    tail = headline_source(text)
    if tail is None and any(
        a.in_headline and a.source and any(s < hb.end and e > hb.start for s, e in a.content)
        for a in analysis.attributions
    ):
        # "Name: claim" / "Name says claim": the headline names its source up front, so it
        # does not present the claim as its own (and its voice is the one that says it)
        return None
    named = text[tail.source[0]:tail.source[1]] if tail else ""
    claim_end = hb.start + (tail.claim[1] if tail else len(text.rstrip()))
    words = _content_lemmas(doc, hb.start, claim_end)
    if len(words) < 3:
        return None
    by_voice: dict[str, set[str]] = {}
    for a in analysis.attributions:
        if a.in_headline:
            continue
        bag = by_voice.setdefault(VoiceIndex.name(a), set())
        for s, e in a.content:
            if s >= hb.end:
                bag |= _content_lemmas(doc, s, e)
    if not by_voice:
        return None
    voice, bag = max(by_voice.items(), key=lambda kv: len(words & kv[1]))
    share = len(words & bag) / len(words)
    outlet: set[str] = set()
    for s, e in language_regions(analysis, len(doc_text(doc))):
        if s < hb.end:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            outlet |= {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop
                       and voice_at.attribution_at(t.idx, t.idx + len(t)) is None}
    if share < _MIN_HEADLINE_OVERLAP or share <= len(words & outlet) / len(words):
        return None
    pct = round(100 * share)
    if tail:
        sep = text[tail.claim[1]:tail.source[0]].strip()
        shown = f"{sep} {named}" if sep.isalpha() else f"{sep}{' ' if sep else ''}{named}"
        expl = (f"headline attributes the claim ('{shown}'); the body "
                f"attributes it to one voice, {voice} ({pct}% of the headline's content words "
                "are in that voice's statements)")
        alts = [f"name the source in the headline: {voice}"]
    else:
        expl = (f"headline presents as its own framing a claim the body attributes to one "
                f"source, {voice} ({pct}% of its content words are in that voice's statements)")
        alts = [f"attribute the claim in the headline (': {voice}' or '{voice} says')"]
    return LanguageFinding(
        start=hb.start, end=claim_end, text=doc_text(doc)[hb.start:claim_end],
        category="headline_framing", term=None, explanation=expl, alternatives=alts,
        voice=OUTLET,
    )


def _word_count(doc: Doc, regions: list[tuple[int, int]]) -> int:
    inside = Regions(regions)
    return sum(1 for t in doc if t.is_alpha and inside.contains(t.idx))


def fill_language(doc: Doc, analysis: Analysis) -> None:
    """Fill ``analysis.findings``, ``analysis.actor_labels`` and ``analysis.language_summary``."""
    regions = language_regions(analysis, len(doc_text(doc)))
    voice_at = VoiceIndex(analysis.attributions)
    matches = match_lexicons(doc, regions=regions)
    findings: list[LanguageFinding] = []
    text = doc_text(doc)
    for m in matches:
        entry = m.entry
        voice, vid = voice_at(m.start, m.end)
        findings.append(LanguageFinding(
            start=m.start, end=m.end, text=text[m.start:m.end], category=entry.category,
            term=entry.term, group=entry.group, explanation=entry.explanation,
            alternatives=list(entry.alternatives), voice=voice, voice_id=vid,
        ))
    for s, e in _scare_quote_spans(doc, analysis):
        if not any(a <= s and e <= b for a, b in regions):
            continue
        inner = text[s:e].strip("\"“”‘’'")
        voice, vid = voice_at(s, e)
        findings.append(LanguageFinding(
            start=s, end=e, text=text[s:e], category="scare_quote", term=inner.lower(),
            explanation="scare quote: quotation marks around a word nobody is quoted saying "
            "distance the writer from it (or mock it)",
            alternatives=[inner, f"(attribute '{inner}' to who uses it)"],
            voice=voice, voice_id=vid,
        ))
    head = _headline_finding(doc, analysis, voice_at)
    if head is not None:
        findings.append(head)
    findings.sort(key=lambda f: (f.start, f.end))
    analysis.findings = findings
    analysis.actor_labels = actor_labels(
        doc, regions=regions, matches=matches, voices=analysis.voices, voice_at=voice_at
    )
    words = _word_count(doc, regions)
    analysis.language_summary = LanguageSummary.of(findings, words)
