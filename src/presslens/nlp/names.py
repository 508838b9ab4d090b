"""Where a lexicon word is not the writer's word choice: inside a proper name or a legal term.

Owns :func:`is_name_or_legal`, used by :mod:`presslens.nlp.language` to drop a lexicon hit.

**Names are not words.** A hit whose words are all capitalised and that lies inside a multi-word
proper name — "Islamic Revolutionary Guard Corps", "Anti-Terrorism Act", "Al-Aqsa Martyrs
Brigades", "the Resistance Axis" used as a name — is part of the name, whatever words the name
contains. A name is a run of at least two capitalised words (joined by "of", "and", "the", "for",
"-" or "'s") with a proper noun or a named entity among them, or a multi-word spaCy entity. In a
sentence written in Title Case (a headline) every word is capitalised, so only spaCy's
multi-word entities count there. The same word in lower case ("the resistance fighters") is
vocabulary and stays a finding.

**Legal terms are the law's words.** A lexicon word that is also the name of a legal category
(entries marked ``legal_term``: "criminal", "terrorist", "sedition", "genocide", ...) used *as*
that category — modifying a charge, statute, court, proceeding or penalty ("criminal
forfeiture", "terror charges", "genocide case"), or as the category an authority formally
designates ("designated the group a terrorist organisation", "proscribed as a terrorist group")
— reports what a court or government did; it is not the writer's framing. The same word used to
describe ("criminal gang", "the terrorists fled") stays a finding, and so does an evaluative
word on a legal noun ("draconian law"), which is not a legal category. Neither rule reads who is
named.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

__all__ = ["LEGAL_HEADS", "is_name_or_legal"]

logger = logging.getLogger(__name__)

_NAME_ENTS = frozenset({"ORG", "GPE", "LOC", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT",
                        "NORP", "PERSON"})
_JOINERS = frozenset({"of", "and", "the", "for", "-", "'s", "’s", "al", "el"})
_TITLE_SENTENCE = 0.7  # share of capitalised words above which a sentence is Title Case
LEGAL_HEADS = frozenset({
    "charge", "count", "case", "code", "court", "law", "act", "statute", "forfeiture",
    "proceeding", "prosecution", "prosecutor", "offence", "offense", "conviction", "indictment",
    "complaint", "tribunal", "trial", "designation", "list", "listing", "sanction", "penalty",
    "legislation", "ordinance", "provision", "clause", "conspiracy", "liability", "record",
})
_COMPLEMENTS = frozenset({"dobj", "oprd", "attr", "prep", "ccomp", "xcomp", "acomp"})
_DESIGNATING = frozenset({"designate", "proscribe", "list", "blacklist", "classify", "declare",
                          "ban", "outlaw"})


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _title_case_sentence(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    if len(words) < 3:
        return False
    return sum(1 for t in words if _capitalised(t)) / len(words) >= _TITLE_SENTENCE


def _sentence_capital(tok: Token) -> bool:
    """A capital that only marks the start of the sentence, not a name."""
    return bool(tok.is_sent_start) and tok.pos_ != "PROPN" and not tok.ent_type_


def _name_run(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    """The run of capitalised words (with joiners) around ``doc[i:j]``, if it is a name."""
    first = next((t for t in doc[i:j] if t.lower_ not in _JOINERS), doc[i])
    if _sentence_capital(first):
        return None  # "Cronies of Xi Jinping...": the hit's capital is the sentence's
    sent = doc[i].sent
    a, b = i, j
    while a > sent.start and (_capitalised(doc[a - 1]) or doc[a - 1].lower_ in _JOINERS):
        a -= 1
    while b < sent.end and (_capitalised(doc[b]) or doc[b].lower_ in _JOINERS):
        b += 1
    # joiners and a sentence-initial capital at the edges are not part of the name
    while a < i and (not _capitalised(doc[a]) or _sentence_capital(doc[a])):
        a += 1
    while b > j and not _capitalised(doc[b - 1]):
        b -= 1
    words = [t for t in doc[a:b] if t.is_alpha and _capitalised(t)]
    if len(words) < 2:
        return None
    if any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in doc[a:b]):
        return a, b
    return None


def _shouted(doc: Doc, i: int, j: int) -> bool:
    """A hit in capitals inside mixed-case text is emphasis ("the OCCUPIED West Bank")."""
    words = [t.text for t in doc[i:j] if t.is_alpha and len(t.text) >= 4]
    if not words or not all(w.isupper() for w in words):
        return False
    sent = [t.text for t in doc[i].sent if t.is_alpha and len(t.text) >= 4]
    return not all(w.isupper() for w in sent)


def _in_name(doc: Doc, i: int, j: int) -> bool:
    if not all(_capitalised(t) for t in doc[i:j] if t.is_alpha and t.lower_ not in _JOINERS):
        return False
    if _shouted(doc, i, j):
        return False
    for ent in doc.ents:
        if ent.label_ in _NAME_ENTS and len(ent) > 1 and ent.start <= i and j <= ent.end:
            return True
    if _title_case_sentence(doc[i].sent):
        return False
    return _name_run(doc, i, j) is not None


def _legal(doc: Doc, i: int, j: int) -> bool:
    last = doc[j - 1]
    while last.dep_ == "conj" and last.head.i < last.i:  # "civil and criminal forfeiture"
        last = last.head
    head = last.head
    # "criminal forfeiture", "terrorism charges": the hit modifies a legal head noun
    if last.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in LEGAL_HEADS \
            and head.i >= j:
        return True
    if last.lemma_.lower() in LEGAL_HEADS:
        return True
    # "designated (the group) a terrorist organisation", "proscribed as a terrorist group":
    # the hit is in the object or complement of the designating verb (never its subject)
    tok = last
    for _ in range(4):
        if tok.head is tok:
            break
        below, tok = tok, tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in _DESIGNATING and below.dep_ in _COMPLEMENTS
    return False


def is_name_or_legal(doc: Doc, i: int, j: int, *, legal: bool = True) -> bool:
    """Whether the lexicon hit ``doc[i:j]`` is part of a proper name (or, with ``legal``, of a
    legal term)."""
    return _in_name(doc, i, j) or (legal and _legal(doc, i, j))
