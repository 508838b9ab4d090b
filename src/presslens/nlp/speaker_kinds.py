"""Kinds of sources and relations for the speaker resolver (``speakers.py``).

Owns :class:`VoiceDraft` (a voice while it is being resolved) and the questions asked of a
source or a relation, all from the words' shape and the parse, never from who is named:
is a name an institution's ("Press TV", "the Revolutionary Guard Corps"), shaped like a
person's, a bare single word; does a relation describe its source rather than report a
statement (:func:`describes_source`), or report an action (:func:`is_action`)?
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .coref import ORG_NOUNS, Entity
from .cues import RELATIVE_PRONOUNS, is_cue_token, is_strong_cue
from .mentions import SortedStarts
from .refusals import is_silent
from .types import CharSpan, RawAttribution

__all__ = [
    "INSTITUTION_WORDS",
    "VoiceDraft",
    "bare_single_name",
    "describes_source",
    "display_name",
    "institutional",
    "is_action",
    "not_a_statement",
    "noun_phrase",
    "person_shaped",
    "silent_or_action",
]

# a cue under one of these relations modifies a noun ("protests demanding …")
_MODIFIER_DEPS = frozenset({"relcl", "acl", "pcomp"})
# words that make a capitalised name an institution's, whatever the tagger says
INSTITUTION_WORDS = frozenset({
    "tv", "news", "agency", "ministry", "council", "corps", "radio", "channel", "network",
    "media", "service", "services", "forces", "front", "brigade", "brigades", "guard",
    "guards", "jihad", "army", "command", "organization", "organisation", "institute",
    "foundation", "association", "federation", "league", "party", "movement", "committee",
    "department", "commission", "authority", "government", "office", "bureau", "police",
})


@dataclass
class VoiceDraft:
    """A cluster under construction: an entity, or an anonymous description."""

    type: str
    name: str
    entity: Entity | None = None
    roles: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[CharSpan] = field(default_factory=list)
    gender: str | None = None
    plural: bool = False
    starts: SortedStarts = field(default_factory=SortedStarts, repr=False)

    def all_mentions(self) -> list[CharSpan]:
        base = self.entity.mentions if self.entity else []
        return sorted(set(base) | set(self.mentions))

    def last_before(self, pos: int) -> int | None:
        # a bisection over the mention starts, sorted again only when a list has grown (asked
        # once per voice and attribution, a pass over the mentions was quadratic)
        base = self.entity.mentions if self.entity else []
        return self.starts.last_before(pos, base, self.mentions)

    def add_description(self, text: str) -> None:
        text = " ".join(text.split()).strip(" ,")
        if text and text.lower() not in (d.lower() for d in self.descriptions):
            self.descriptions.append(text)

    def gender_ok(self, g: str | None) -> bool:
        mine = self.gender or (self.entity.gender if self.entity else None)
        return g is None or mine is None or mine == g


def describes_source(doc: Doc, att: RawAttribution) -> bool:
    """Whether ``att``'s cue sits in a modifier of its source noun rather than a clause of
    its own: a relative clause ("experiences that show …", "governments which have supported
    …") or a participle/prepositional modifier ("protests demanding …", "with politicians
    mounting pressure …"). Such relations characterise the noun; they are not statements."""
    if not att.cue or att.kind != "indirect":
        return False
    span = doc.char_span(att.cue[0][0], att.cue[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX")), span.root)
    src = doc.char_span(att.source[0][0], att.source[0][1], alignment_mode="expand") \
        if att.source else None
    relative = src is not None and len(src) == 1 and src[0].lower_ in RELATIVE_PRONOUNS
    if relative and is_strong_cue(verb):
        return False  # "officials who said …" report speech
    return relative or verb.dep_ in _MODIFIER_DEPS


def not_a_statement(doc: Doc, att: RawAttribution) -> bool:
    """Relations that count as statements only for a named speaker: those that describe
    their source (:func:`describes_source`) and those added by the learned filter
    (``rule="model"``: a verb outside the reporting lexicon, "residents complained about …")."""
    return att.rule == "model" or describes_source(doc, att)


def silent_or_action(doc: Doc, att: RawAttribution) -> bool:
    """A relation that is never a statement, whoever its source: a silence or negation
    (:func:`presslens.nlp.refusals.is_silent`) or an action (:func:`is_action`)."""
    return is_silent(doc, att) or is_action(doc, att)


def institutional(name: str) -> bool:
    return any(w.lower().strip(".,'’") in INSTITUTION_WORDS for w in name.split())


def display_name(label: str) -> str:
    """A transcript label as a name: "PRICE" -> "Price", "Ned Price" unchanged."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in label.split())


def person_shaped(name: str) -> bool:
    """Two to four capitalised words, none an institution's word, none an acronym."""
    words = name.replace("-", " ").split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w[1:].islower() and w.isalpha() and w.lower() not in ORG_NOUNS
        and w.lower() not in INSTITUTION_WORDS for w in words)


def bare_single_name(v: VoiceDraft) -> bool:
    """A person voice known only by a single word: no title, role, gender or description."""
    ent = v.entity
    return v.type == "person" and ent is not None and len(ent.name.split()) == 1 and \
        not ent.roles and not v.roles and ent.gender is None and v.gender is None and \
        not ent.descriptions


def is_action(doc: Doc, att: RawAttribution) -> bool:
    """A relation the learned filter added on a verb outside the reporting lexicon whose
    content is only its object ("fired a barrage of rockets", "launched strikes", "seized a
    ship"): an action, not a statement, whoever the subject is."""
    if att.rule != "model" or not att.cue:
        return False
    toks = [t for s, e in att.cue for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    verb = next((t for t in toks if t.pos_ == "VERB"), None)
    if verb is None or is_cue_token(verb):
        return False
    return not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


# after the head noun, a comma followed by one of these opens a comment on the phrase
# ("…, speaking on condition of anonymity", "…, who declined to be named"), not its name
_COMMENT_TAGS = frozenset({"VBG", "VBN", "WP", "WDT", "WP$"})


def noun_phrase(span: Span, root: Token) -> str:
    """``span``'s text up to a comment set off by a comma after its head noun."""
    for tok in span:
        if tok.i > root.i and tok.text == "," and tok.i + 1 < span.end and \
                span.doc[tok.i + 1].tag_ in _COMMENT_TAGS:
            return span.doc[span.start: tok.i].text.strip(" ,")
    return span.text.strip(" ,")
