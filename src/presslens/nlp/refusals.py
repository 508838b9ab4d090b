"""Silences: who the article says did not comment, respond, or could not be reached.

Owns :func:`find_refusals` and :func:`is_refusal_cue`. "X declined to comment", "X did not
respond to a request for comment", "X has not issued a statement", "X could not be reached for
comment", "police did not immediately identify the victim" report that an actor said nothing;
they are not statements and must not make a voice with words. Journalists still want to know
who stayed silent, so each becomes a :class:`RawRefusal` (kind, cue, source), whose source the
speaker resolver binds to an actor like any attribution's.

Recognised from the parse, never from who the actor is:

* ``declined`` — decline/refuse (+ to comment, elaborate, discuss, say, speak, answer,
  confirm, respond, give details), "offered no comment", "had no comment", "I'm not going to
  comment";
* ``no_response`` — a negated respond/reply/answer/comment/return ("did not respond",
  "has not commented", "did not immediately return calls");
* ``unreachable`` — "could not be reached", "was not available / unavailable for comment";
* ``no_statement`` — a negated issue/make/release/publish/give whose object is a statement-like
  noun ("has not issued a statement", "made no comment");
* ``not_disclosed`` — a negated identify/name/disclose/release/reveal ("did not immediately
  identify the victim"), or a negated say/confirm with a whether-clause ("did not say whether
  it had lodged a protest").

A relation whose cue is one of these, or a negated reporting verb ("did not say whether …"),
stays an attribution but is no statement (:func:`is_silent`); the actor is recorded as silent
only when one of the patterns above matches.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .intervals import Regions
from .types import CharSpan, RawAttribution, RawRefusal

__all__ = ["find_refusals", "is_negated_cue", "is_refusal_cue", "is_silent", "refusal_kind"]

_DECLINE = frozenset({"decline", "refuse"})
_DECLINED_WHAT = frozenset({
    "comment", "elaborate", "discuss", "say", "speak", "answer", "confirm", "respond",
    "give", "provide", "specify", "detail", "address", "reply", "disclose", "identify",
    "release", "explain", "name", "talk",
})
_RESPOND = frozenset({"respond", "reply", "answer", "comment", "return"})
_ISSUE = frozenset({"issue", "make", "release", "publish", "give", "offer", "put", "provide"})
_STATEMENT_NOUNS = frozenset({
    "statement", "comment", "response", "reply", "answer", "explanation", "word",
    "confirmation", "details", "detail", "information", "announcement", "remark",
})
_DISCLOSE = frozenset({"identify", "name", "disclose", "reveal", "confirm"})
_REACH = frozenset({"reach", "contact"})
_TELL = frozenset({"say", "confirm", "specify", "explain", "tell"})
_AVAILABLE = frozenset({"available", "unavailable"})


def _negated(verb: Token) -> bool:
    """``verb`` carries a negation ("did not", "has never", "could not")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _object_noun(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)


def _has_no(noun: Token) -> bool:
    return any(c.lower_ == "no" for c in noun.children)


def refusal_kind(verb: Token) -> str | None:
    """The kind of silence ``verb`` reports, or None (see the module docstring)."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if lemma in _DECLINE:
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in _DECLINED_WHAT for c in verb.children):
            return "declined"
        obj = _object_noun(verb)
        if obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS:
            return "declined"  # "declined comment"
        return None
    obj = _object_noun(verb)
    if lemma in ("offer", "have", "make", "give") and obj is not None and \
            obj.lemma_.lower() in ("comment", "statement", "response") and _has_no(obj):
        return "declined" if lemma in ("offer", "have") else "no_statement"
    if lemma in _REACH and _negated(verb) and \
            any(c.dep_ == "auxpass" for c in verb.children):
        return "unreachable"
    if lemma in _AVAILABLE and (lemma == "unavailable" or _negated(verb)):
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
            return "unreachable"
        return None
    if lemma == "be" and _negated(verb):
        adj = next((c for c in verb.children
                    if c.dep_ == "acomp" and c.lemma_.lower() in _AVAILABLE), None)
        if adj is not None and any(c.dep_ == "prep" and c.lower_ == "for"
                                   for c in adj.children):
            return "unreachable"
        return None
    if not _negated(verb):
        return None
    if lemma == "go" and any(c.dep_ == "xcomp" and c.lemma_.lower() in _DECLINED_WHAT
                             for c in verb.children):
        return "declined"  # "I'm not going to comment on …"
    if lemma in _TELL and any(c.dep_ == "ccomp" and any(
            g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children)
            for c in verb.children):
        return "not_disclosed"  # "did not say whether it had lodged a protest"
    if lemma in _RESPOND:
        return "no_response"
    if lemma in _ISSUE and obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS:
        return "no_statement"
    if lemma in _DISCLOSE:
        return "not_disclosed"
    return None


def is_refusal_cue(verb: Token) -> bool:
    """Does ``verb`` report a silence rather than a statement?"""
    return refusal_kind(verb) is not None


def is_negated_cue(verb: Token) -> bool:
    """A negated verb ("did not say", "has not commented"): it reports no statement."""
    return _negated(verb)


def is_silent(doc: Doc, att: RawAttribution) -> bool:
    """A relation whose cue reports a silence ("declined to comment", "did not respond") or
    is a negated verb ("did not say whether …"): kept as an attribution (annotated corpora
    count it), but no statement, so no voice."""
    if not att.cue or att.kind == "direct":
        return False
    toks = [t for s, e in att.cue for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    verb = next((t for t in toks if t.pos_ == "VERB"), None) or \
        next((t for t in toks if t.pos_ in ("AUX", "ADJ")), None)
    return verb is not None and (is_refusal_cue(verb) or is_negated_cue(verb))


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if tok.dep_ not in ("conj", "xcomp", "acomp") or tok.head.i == tok.i:
            return None
        tok = tok.head  # "X said A and declined to comment": the shared subject
    return None


def _chars(doc: Doc, a: int, b: int) -> CharSpan:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def _cue_range(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and the complement words of the pattern."""
    toks = [verb, *(c for c in verb.children
                    if c.dep_ in ("aux", "auxpass", "neg", "xcomp", "acomp", "advmod")
                    and c.i > verb.i - 4)]
    for c in list(toks):
        if c.dep_ in ("xcomp", "acomp"):
            toks += [g for g in c.children if g.dep_ in ("aux", "neg")]
    obj = _object_noun(verb)
    if obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS:
        toks += [obj, *(c for c in obj.children if c.dep_ in ("det", "amod"))]
    lo, hi = min(t.i for t in toks), max(t.i for t in toks) + 1
    return lo, hi


def _verbs(doc: Doc) -> Iterator[Token]:
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX", "ADJ") and tok.lemma_.lower() in _ALL_LEMMAS:
            yield tok


_ALL_LEMMAS = _DECLINE | _RESPOND | _ISSUE | _DISCLOSE | _REACH | _AVAILABLE | _TELL | \
    frozenset({"be", "have", "go"})
_FIRST_PERSON = frozenset({"i", "we"})


def find_refusals(doc: Doc, atts: list[RawAttribution] | None = None) -> list[RawRefusal]:
    """The silences of ``doc`` in text order; one inside an attribution's content (someone
    saying another declined) is left out, it is part of that statement, unless it is the
    speaker's own first person ("I will not comment on that")."""
    inside = Regions(c for a in atts or () for c in a.content)
    out: list[RawRefusal] = []
    for verb in _verbs(doc):
        kind = refusal_kind(verb)
        if kind is None:
            continue
        subj = _subject(verb)
        if inside.contains(verb.idx) and (subj is None or subj.lower_ not in _FIRST_PERSON):
            continue  # a speaker's own "I will not comment" is that speaker's silence
        source: list[CharSpan] = []
        if subj is not None:
            source = [_chars(doc, subj.left_edge.i, subj.right_edge.i + 1)]
        lo, hi = _cue_range(verb)
        sent = verb.sent
        out.append(RawRefusal(kind=kind, cue=[_chars(doc, lo, hi)], source=source,
                              sentence=(sent.start_char, sent.end_char)))
    return out
