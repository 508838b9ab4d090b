"""Actor labels: the words an article attaches to its main actors, read off the dependency parse.

Owns :func:`actor_labels`. Actors are named entities (PERSON/ORG/GPE/NORP) clustered by surname
(people) or normalised text (everything else), merged with the speaker clusters of the voices
stage. For each mention we collect the noun phrase it modifies ("embattled Israeli premier",
"Israeli regime", "Hamas terrorists"), the phrase that modifies it ("far-right cabinet of
Netanyahu"), adjectives on it ("embattled Netanyahu"), appositions ("Netanyahu, the embattled
premier") and predicate nominals ("Hamas is a terrorist group"). A label is kept when it carries
an adjective, an apposition/predicate or a lexicon hit, so bare compounds ("Press TV website")
do not flood the output. The rules read only the parse and lexicon, never the actor's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from ..schema import ActorLabel, Voice
from .intervals import Regions
from .language import LexMatch
from .types import doc_text

__all__ = ["ACTOR_ENTS", "VoiceAt", "actor_labels"]

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
VoiceAt = Callable[[int, int], tuple[str, str | None]]

_MOD_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "nummod"})
_LEFT_MODS = frozenset({"amod", "compound", "advmod", "npadvmod", "nmod"})
_TRIM = frozenset({"DET", "PUNCT", "CCONJ", "ADP", "PRON"})


def _key(span: Span) -> str:
    if span.label_ == "PERSON":
        return span[-1].lower_.removesuffix("’s").removesuffix("'s")
    words = [t.lower_ for t in span if t.pos_ not in ("DET", "PART", "PUNCT")]
    return " ".join(words) or span.text.lower()


def _np(head: Token) -> tuple[int, int]:
    """Token range of ``head`` with its left modifiers (not determiners)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_MODS:
            start = min(start, child.left_edge.i)
    return start, head.i + 1


def _trimmed(doc: Doc, i: int, j: int) -> tuple[int, int]:
    while i < j and doc[i].pos_ in _TRIM:
        i += 1
    while j > i and doc[j - 1].pos_ in _TRIM:
        j -= 1
    return i, j


def _candidates(doc: Doc, m: Span) -> list[tuple[int, int, bool]]:
    """Label token ranges for mention ``m``: (start, end, is_description)."""
    out: list[tuple[int, int, bool]] = []
    r = m.root
    head = r.head
    if r.dep_ in _MOD_DEPS and head.pos_ == "NOUN" and head.i not in range(m.start, m.end):
        out.append((*_np(head), False))  # "Israeli regime", "Hamas terrorists"
    if (r.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN"):
        out.append((*_np(head.head), False))  # "far-right cabinet of Netanyahu"
    lo, hi = sorted((head.i, r.i))
    colon = any(doc[t].text in (":", "|") for t in range(lo, hi))  # "claim: Source" headline
    if r.dep_ == "appos" and head.pos_ == "NOUN" and not colon:
        out.append((*_np(head), True))  # "the premier, Netanyahu"
    mods = [c for c in r.lefts if c.dep_ in ("amod",) and c.i < m.start]
    if mods:
        out.append((min(c.left_edge.i for c in mods), m.end, False))  # "embattled Netanyahu"
    for c in r.rights:
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN"):
            out.append((c.left_edge.i, c.right_edge.i + 1, True))  # "X, a ... analyst"
    if r.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        for c in head.rights:
            if c.dep_ == "attr" and c.pos_ == "NOUN":
                out.append((c.left_edge.i, c.right_edge.i + 1, True))  # "X is a terrorist group"
    return out


def actor_labels(
    doc: Doc,
    *,
    regions: Sequence[tuple[int, int]],
    matches: Sequence[LexMatch],
    voices: Sequence[Voice],
    voice_at: VoiceAt,
) -> list[ActorLabel]:
    """Labels attached to the article's actors, with who attaches them and contested status."""

    # one bisect per mention, not a pass over every region
    inside = Regions(regions).covers

    # Cluster entity mentions; voices join the cluster whose key is their surname/name.
    clusters: dict[str, list[Span]] = {}
    names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ in ACTOR_ENTS and inside(ent.start_char, ent.end_char):
            k = _key(ent)
            clusters.setdefault(k, []).append(ent)
            if len(ent.text) > len(names.get(k, "")):
                names[k] = ent.text
    for v in voices:
        k = v.name.split()[-1].lower() if v.type == "person" and v.name else v.name.lower()
        names[k] = v.name  # the voices stage's canonical name wins
        for a, b in v.mentions:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None and len(span) and inside(span.start_char, span.end_char):
                clusters.setdefault(k, []).append(span)

    by_tok: dict[int, list[LexMatch]] = {}
    for lm in matches:
        for t in range(lm.tok_start, lm.tok_end):
            by_tok.setdefault(t, []).append(lm)

    out: list[ActorLabel] = []
    seen: set[tuple[str, int, int]] = set()
    for k, mentions in clusters.items():
        actor = names.get(k, k)
        for m in mentions:
            for i, j, descr in _candidates(doc, m):
                i, j = _trimmed(doc, i, j)
                if j <= i or (i >= m.start and j <= m.end):
                    continue
                hits = {id(x): x for t in range(i, j) for x in by_tok.get(t, ())}.values()
                has_adj = any(doc[t].pos_ == "ADJ" and not doc[t].ent_type_
                              for t in range(i, j) if not m.start <= t < m.end)
                if not (descr or has_adj or hits):
                    continue
                start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
                if (actor, start, end) in seen or not inside(start, end):
                    continue
                seen.add((actor, start, end))
                contested = [x for x in hits if x.entry.category == "contested_label"]
                alts: list[str] = []
                for x in contested or list(hits):
                    alts += [a for a in x.entry.alternatives if a not in alts]
                by, _ = voice_at(start, end)
                out.append(ActorLabel(
                    actor=actor, label=doc_text(doc)[start:end], start=start, end=end,
                    attached_by=by, contested=bool(contested), alternatives=alts,
                ))
    out.sort(key=lambda x: (x.start, x.actor))
    return out
