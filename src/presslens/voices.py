"""The voices stage: attributions, per-voice summary and the outlet's own voice of an Analysis.

:func:`fill_voices` reads what the ``presslens_quotes`` and ``presslens_speakers`` components
left on the Doc and fills ``analysis.attributions``, ``voices``, ``named_sources`` and
``outlet_voice``. Definitions:

* ``statements``: attributions resolved to the voice;
* ``words_quoted``: words inside quotation marks in its statements (all of a direct quote's
  content, the quoted fragments of a mixed one);
* ``share``: words of its statements' content (direct and reported, body blocks only, each word
  counted once) over the body's words;
* ``named_sources``: distinct named (person or organisation) voices with at least one statement
  of their own — an attribution reported inside another's content ("X said Y threatens …")
  does not make Y a source of the article, and an institution known only by a description
  ("the ministry") is not named;
* ``no_comment``: actors the body says stayed silent ("declined to comment", "could not be
  reached"), one record per actor and kind; not statements, so no voice and no words;
* ``outlet_voice``: body sentences the outlet asserts itself — no attribution governs them
  (an attribution only inside a relative or participial clause, "experiences that show …",
  "protests demanding …", leaves the main assertion to the outlet) and they read as claims (not
  questions, not fragments or caption-like lines without a verb or final punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .nlp.intervals import Regions, SpanGrid
from .nlp.speaker_kinds import not_a_statement, silent_or_action
from .nlp.types import CharSpan, RawAttribution, RawRefusal, VoiceCluster
from .schema import Analysis, Attribution, NoComment, OutletClaim, Voice

__all__ = ["fill_voices"]

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_QUOTED = re.compile(r"[\"“«„]([^\"“”«»„]+)[\"”»“]")
_NAMED_TYPES = frozenset({"person", "organisation"})
_DESCRIPTION_DETS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "his",
                               "her", "one", "some"})
# A cue under one of these relations sits in a modifier of the sentence, not its main clause.
_EMBEDDED_DEPS = frozenset({"relcl", "acl", "amod", "pcomp", "pobj", "nsubj", "nsubjpass",
                            "dobj", "appos", "compound", "csubj"})
_MIN_CLAIM_WORDS = 6
_GOVERNING_COVERAGE = 0.5
_TERMINAL_END = re.compile(r"[.!…][\"”’'»)\]]*$")


def _named(name: str) -> bool:
    """Whether a voice's name is a name, not a description: an unnamed institution ("the
    ministry", typed organisation) keeps its determiner, a named one never does."""
    first = name.split(maxsplit=1)[0].lower() if name.split() else ""
    return first not in _DESCRIPTION_DETS


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _join(text: str, spans: Sequence[CharSpan]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _merge(spans: list[CharSpan]) -> list[CharSpan]:
    out: list[CharSpan] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _quoted_words(text: str, att: RawAttribution) -> int:
    if att.kind == "direct":
        return sum(_words(text[s:e]) for s, e in att.content)
    if att.kind != "mixed":
        return 0
    # a mixed content keeps its quote marks inside; count the fragments between them
    s0 = min(s for s, _ in att.content)
    e0 = max(e for _, e in att.content)
    inside = [(s0 + m.start(1), s0 + m.end(1)) for m in _QUOTED.finditer(text[s0:e0])]
    parts = Regions(att.content)
    return sum(_words(text[a:b]) for s, e in inside for a, b in parts.clip(s, e))


def _content_grid(atts: Sequence[RawAttribution]) -> SpanGrid[RawAttribution]:
    grid: SpanGrid[RawAttribution] = SpanGrid()
    for a in atts:
        grid.add(a.content, a)
    return grid


def _nested(att: RawAttribution, others: SpanGrid[RawAttribution]) -> bool:
    """Whether ``att``'s cue (or source) lies inside another attribution's content."""
    anchor = att.cue[0][0] if att.cue else (att.source[0][0] if att.source else None)
    if anchor is None:
        return False
    # the grid's candidates replace a pass over every attribution (quadratic on long pages)
    return any(o is not att and any(s <= anchor < e for s, e in o.content)
               for o in others.near([(anchor, anchor + 1)]))


def _to_schema(text: str, att: RawAttribution) -> Attribution:
    return Attribution(
        kind=att.kind,
        content=list(att.content), cue=list(att.cue), source=list(att.source),
        speaker=att.speaker, voice_id=att.voice_id, description=att.description,
        content_text=_join(text, att.content), cue_text=_join(text, att.cue),
        source_text=_join(text, att.source), in_headline=att.in_headline,
        rule=att.rule or None,
    )


def _summaries(text: str, atts: Sequence[RawAttribution], clusters: Sequence[VoiceCluster],
               body: list[CharSpan], body_words: int) -> list[Voice]:
    # statements grouped by voice once, and content clipped to the body by bisect: a pass over
    # every attribution and every body block per voice was quadratic on long pages
    by_voice: dict[str, list[RawAttribution]] = {}
    for a in atts:
        if a.voice_id:
            by_voice.setdefault(a.voice_id, []).append(a)
    blocks = Regions(body)
    voices: list[Voice] = []
    for c in clusters:
        mine = by_voice.get(c.id, [])
        attributed = _merge([part for a in mine for s, e in a.content
                             for part in blocks.clip(s, e)])
        words = sum(_words(text[s:e]) for s, e in attributed)
        voices.append(Voice(
            id=c.id, name=c.name, type=c.type,
            descriptions=list(c.descriptions), mentions=list(c.mentions), statements=len(mine),
            words_quoted=sum(_quoted_words(text, a) for a in mine),
            share=round(words / body_words, 4) if body_words else 0.0,
        ))
    return voices


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _governs(doc: Doc, att: RawAttribution, sent: Span) -> bool:
    """Whether ``att`` makes ``sent`` reported speech rather than the outlet's assertion."""
    if att.kind in ("direct", "mixed") or not att.cue:
        return True
    s0, e0 = sent.start_char, sent.end_char
    covered = sum(min(e, e0) - max(s, s0) for s, e in att.content if s < e0 and e > s0)
    if covered >= _GOVERNING_COVERAGE * max(1, e0 - s0):
        return True
    cue = _token_at(doc, att.cue[0][0])
    if cue is None or not (s0 <= cue.idx < e0):
        return True
    tok = cue
    while tok.head.i != tok.i:
        if tok.dep_ in _EMBEDDED_DEPS:
            return False
        tok = tok.head
    return True


def _is_claim(sent: Span) -> bool:
    text = sent.text.strip()
    if text.endswith("?") or _words(text) < _MIN_CLAIM_WORDS:
        return False
    if not _TERMINAL_END.search(text):
        return False  # captions, labels and link lines carry no final punctuation
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def _outlet_claims(doc: Doc, atts: Sequence[RawAttribution],
                   body: list[CharSpan]) -> list[OutletClaim]:
    text = doc.text
    blocks = Regions(body)
    # attribution index by its spans: a sentence tests only the candidates near it, not every
    # span of the page (quadratic on long pages)
    grid: SpanGrid[tuple[int, list[CharSpan]]] = SpanGrid()
    for k, a in enumerate(atts):
        spans = [*a.content, *a.cue, *a.source]
        grid.add(spans, (k, spans))
    out: list[OutletClaim] = []
    for sent in doc.sents:
        s0, e0 = sent.start_char, sent.end_char
        if not blocks.contains(s0) or not _is_claim(sent):
            continue
        touching = {k for k, spans in grid.near([(s0, e0)])
                    if any(s < e0 and e > s0 for s, e in spans)}
        if any(_governs(doc, atts[k], sent) for k in touching):
            continue
        seg = text[s0:e0]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        out.append(OutletClaim(start=s0 + lead, end=s0 + lead + len(seg), text=seg))
    return out


def fill_voices(doc: Doc, analysis: Analysis) -> None:
    """Fill attributions, voices, named_sources, outlet_voice and no_comment from the Doc."""
    raw: list[RawAttribution] | None = doc._.presslens_attributions \
        if doc.has_extension("presslens_attributions") else None
    if raw is None:
        analysis.warnings.append(
            "voices not analysed: the presslens_quotes component did not run on this text")
        return
    clusters: list[VoiceCluster] | None = doc._.presslens_voices \
        if doc.has_extension("presslens_voices") else None
    if clusters is None:
        analysis.warnings.append(
            "speakers not resolved: the presslens_speakers component did not run on this text")
        clusters = []
    text = doc.text
    body = [(b.start, min(b.end, len(text))) for b in analysis.article.body_blocks()
            if b.start < len(text)]
    body_words = sum(_words(text[s:e]) for s, e in body)
    analysis.attributions = [_to_schema(text, a) for a in raw]
    # a relation that only describes an unnamed source ("experiences that show …"), or one
    # the learned filter added without a named speaker, stays an attribution but is no
    # statement: it has no voice and leaves its sentence to the outlet
    statements = [not silent_or_action(doc, a) and (bool(a.voice_id) or
                                                     not not_a_statement(doc, a)) for a in raw]
    for att, is_statement in zip(analysis.attributions, statements, strict=True):
        att.statement = is_statement
    raw = [a for a, ok in zip(raw, statements, strict=True) if ok]
    analysis.voices = _summaries(text, raw, clusters, body, body_words)
    grid = _content_grid(raw)
    own = {a.voice_id for a in raw if a.voice_id and not _nested(a, grid)}
    analysis.named_sources = sum(1 for v in analysis.voices
                                 if v.type in _NAMED_TYPES and v.id in own and _named(v.name))
    analysis.outlet_voice = _outlet_claims(doc, raw, body)
    refusals: list[RawRefusal] = (doc._.presslens_refusals or []) \
        if doc.has_extension("presslens_refusals") else []
    analysis.no_comment = _silences(text, refusals, body)


def _silences(text: str, refusals: Sequence[RawRefusal],
              body: list[CharSpan]) -> list[NoComment]:
    """The silences of the body as records: one per actor and kind (the same refusal repeated
    in a caption or a recap is one silence)."""
    blocks = Regions(body)
    out: list[NoComment] = []
    seen: set[tuple[str, str]] = set()
    for r in refusals:
        s0, e0 = r.sentence
        if not blocks.contains(s0):
            continue
        actor = r.actor or "unnamed"
        if (actor.lower(), r.kind) in seen:
            continue
        seen.add((actor.lower(), r.kind))
        seg = text[s0:e0]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        out.append(NoComment(actor=actor, voice_id=r.voice_id, kind=r.kind, cue=list(r.cue),
                             source=list(r.source), start=s0 + lead, end=s0 + lead + len(seg),
                             text=seg, cue_text=_join(text, r.cue)))
    return out
