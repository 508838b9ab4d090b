"""Language lexicons (``lexicons/{loaded,intensifiers,hedges,contested_labels}.json``) and matching.

Owns: reading the four lexicon files into :class:`LexEntry` records, building the matchers once
per vocabulary (cached), and :func:`match_lexicons`, which returns every lexicon hit in a Doc as a
:class:`LexMatch` (character offsets into ``doc.text``). Also a plain-text scare-quote detector used
when the quotes component has not filled ``doc._.presslens_scare_quotes``.

Single-word entries match by lower-cased text *or* lemma (so "slaughtered" hits "slaughter");
multi-word entries match any inflection or spelling of each word (:func:`.wordforms.word_key`:
"restore order" hits "restoring order"); a few entries carry a token ``pattern`` for spaCy's
``Matcher``. A hit inside
a proper name or a legal term is dropped (:mod:`.names`). Rules never look at who is described:
the same word gets the same finding whatever actor it is attached to (tests/test_symmetry*.py).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import ModelError
from .names import is_name_or_legal
from .wordforms import word_key

__all__ = [
    "LEXICON_FILES",
    "PRIORITY",
    "LexEntry",
    "LexMatch",
    "find_quoted_phrases",
    "load_entries",
    "match_lexicons",
]

LEXICON_FILES: tuple[str, ...] = (
    "contested_labels.json",
    "loaded.json",
    "intensifiers.json",
    "hedges.json",
)
# When two hits overlap, the longer wins; on equal length the lower priority number wins
# (a contested label is more informative than the same word as a loaded term).
PRIORITY: dict[str, int] = {
    "contested_label": 0,
    "loaded": 1,
    "certainty": 2,
    "hedge": 3,
    "intensifier": 4,
}
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# categories whose words are framing choices: a legal term is not one (see .names)
_FRAMING = frozenset({"contested_label", "loaded"})

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LexEntry:
    """One lexicon entry (or one member of a contested-label set) in matching form."""

    idx: int
    category: str
    term: str
    reason: str
    alternatives: tuple[str, ...]
    surfaces: tuple[str, ...]  # lower-cased strings that match it
    group: str | None = None
    pos: frozenset[str] | None = None
    case_lower: bool = False  # only lower-case surface text ("holocaust" the analogy)
    skip_title_case: bool = False  # Title Case hit is a proper name ("Israel Defense Forces")
    only_with: frozenset[str] = frozenset()  # needs one of these words in the sentence
    after_tags: frozenset[str] = frozenset()  # previous token must have one of these tags
    needs_actor: bool = False  # sentence must name a person/organisation/group
    attributive: bool = False  # "<X>-occupied", "the occupied <Name>|<one of heads>"
    heads: frozenset[str] = frozenset()  # with attributive: nouns it may modify
    after_title: bool = False  # previous token is a capitalised word ("the <Name> entity")
    after_name_hyphen: bool = False  # glued to "<Name>-" ("Hamas-run", "Kremlin-run")
    epithet: bool = False  # a capitalised epithet, not a name ("the Great Satan")
    not_before: frozenset[str] = frozenset()  # next word must not be one of these
    pattern: tuple[dict[str, Any], ...] | None = None
    legal_term: bool = False  # also names a legal category ("criminal", "terrorist"): .names
    kind: str | None = None  # dysphemism | euphemism | label (audit data, lexicons/README.md)
    used_by: tuple[str, ...] = ()  # "conflict:side" pairs whose vocabulary it is (audit data)

    @property
    def explanation(self) -> str:
        if self.category == "contested_label":
            return f"contested label ({self.group}): '{self.term}' {self.reason}"
        return f"{self.category}: {self.reason}"


@dataclass(frozen=True)
class LexMatch:
    """A lexicon hit: character span in ``doc.text`` and the entry it matched."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    entry: LexEntry


def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("presslens.nlp").joinpath("lexicons", name).read_text("utf-8")
        data: dict[str, Any] = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"language lexicon {name} cannot be read: {exc}") from exc
    return data


def _surfaces(term: str, forms: list[str], *, include_term: bool) -> tuple[str, ...]:
    out = [term.lower()] if include_term else []
    out += [f.lower() for f in forms]
    return tuple(dict.fromkeys(out))


def _entry(idx: int, raw: dict[str, Any], *, category: str, reason: str,
           alternatives: list[str], group: str | None = None) -> LexEntry:
    pattern = raw.get("pattern")
    return LexEntry(
        idx=idx,
        category=category,
        term=raw["term"],
        reason=reason,
        alternatives=tuple(alternatives),
        surfaces=() if pattern else _surfaces(
            raw["term"], raw.get("forms", []), include_term=not raw.get("phrases_only", False)
        ),
        group=group,
        pos=frozenset(raw["pos"]) if raw.get("pos") else None,
        case_lower=raw.get("case") == "lower",
        skip_title_case=bool(raw.get("skip_title_case")),
        only_with=frozenset(w.lower() for w in raw.get("only_with", [])),
        after_tags=frozenset(raw.get("after_tags", [])),
        needs_actor=bool(raw.get("needs_actor")),
        attributive=bool(raw.get("attributive")),
        heads=frozenset(raw.get("heads", [])),
        after_title=bool(raw.get("after_title")),
        after_name_hyphen=bool(raw.get("after_name_hyphen")),
        epithet=bool(raw.get("epithet")),
        not_before=frozenset(w.lower() for w in raw.get("not_before", [])),
        pattern=tuple(pattern) if pattern else None,
        legal_term=bool(raw.get("legal_term")),
        kind=raw.get("kind"),
        used_by=tuple(raw.get("used_by", [])),
    )


@lru_cache(maxsize=1)
def load_entries() -> tuple[LexEntry, ...]:
    """Every lexicon entry, contested-label members first (read once per process)."""
    entries: list[LexEntry] = []
    for name in LEXICON_FILES:
        data = _read(name)
        if "groups" in data:
            for g in data["groups"]:
                neutral = list(g.get("neutral", []))
                descriptive = [m["term"] for m in g["members"] if not m.get("flag", True)]
                alts = list(dict.fromkeys(neutral + descriptive))
                for m in g["members"]:
                    if not m.get("flag", True):
                        continue  # descriptive members are alternatives, not findings
                    entries.append(_entry(len(entries), m, category="contested_label",
                                          reason=m["framing"], alternatives=alts,
                                          group=g["group"]))
        else:
            for e in data["entries"]:
                entries.append(_entry(len(entries), e, category=e["category"],
                                      reason=e["reason"], alternatives=e["alternatives"]))
    return tuple(entries)


@dataclass(frozen=True)
class _Matchers:
    by_text: dict[str, tuple[LexEntry, ...]]  # single-token surface -> entries
    by_lemma: dict[str, tuple[LexEntry, ...]]  # lemma (term itself) -> entries
    phrases: dict[str, tuple[tuple[tuple[str, ...], LexEntry], ...]]  # first word key -> phrases
    patterns: Matcher  # token patterns
    entries: tuple[LexEntry, ...]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    # English rule tokenizer, identical to the model's; no model download involved.
    return spacy.blank("en").tokenizer


def _words(text: str) -> list[str]:
    return [t.text for t in _tokenizer()(text)]


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> _Matchers:
    """Build the lookups for ``vocab`` once (spaCy matchers are tied to a vocabulary)."""
    entries = load_entries()
    by_text: dict[str, list[LexEntry]] = {}
    by_lemma: dict[str, list[LexEntry]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], LexEntry]]] = {}
    patterns = Matcher(vocab)
    for e in entries:
        if e.pattern:
            patterns.add(str(e.idx), [list(e.pattern)])
            continue
        for s in e.surfaces:
            words = _words(s)
            if len(words) == 1:
                by_text.setdefault(s, []).append(e)
                continue
            keys = tuple(word_key(w) for w in words)
            phrases.setdefault(keys[0], []).append((keys, e))
        term_words = _words(e.term.lower())
        if len(term_words) == 1 and e.term.lower() in e.surfaces:
            by_lemma.setdefault(e.term.lower(), []).append(e)
    return _Matchers(
        by_text={k: tuple(v) for k, v in by_text.items()},
        by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        phrases={k: tuple(dict.fromkeys(v)) for k, v in phrases.items()},
        patterns=patterns,
        entries=entries,
    )


def _phrase_hits(doc: Doc, m: _Matchers) -> list[tuple[int, int, LexEntry]]:
    """(start, end, entry) of every multi-word entry whose word keys run in ``doc``."""
    keys = [word_key(t.lower_) for t in doc]
    out: list[tuple[int, int, LexEntry]] = []
    for i, k in enumerate(keys):
        for phrase, e in m.phrases.get(k, ()):
            j = i + len(phrase)
            if j <= len(keys) and tuple(keys[i:j]) == phrase:
                out.append((i, j, e))
    return out


def _accept(doc: Doc, e: LexEntry, i: int, j: int) -> bool:
    span = doc[i:j]
    text = span.text
    if e.case_lower and text != text.lower():
        return False
    if e.pos is not None and j - i == 1 and doc[i].pos_ not in e.pos:
        return False
    if e.skip_title_case and all(w[:1].isupper() for w in text.split() if w[:1].isalpha()):
        return False
    if e.after_tags and (i == 0 or doc[i - 1].tag_ not in e.after_tags):
        return False
    if not _accept_context(doc, e, i, j):
        return False
    if e.only_with or e.needs_actor:
        sent = doc[i].sent
        if e.only_with and not any(t.lower_ in e.only_with for t in sent):
            return False
        if e.needs_actor and not any(ent.label_ in _ACTOR_ENTS for ent in sent.ents):
            return False
    return True


def _accept_context(doc: Doc, e: LexEntry, i: int, j: int) -> bool:
    """The guards on neighbouring tokens (word shapes, not the parse, which varies with the
    name next to the word): attributive use, preceding name, next word."""
    if e.attributive and not _attributive(doc, e, i, j):
        return False
    if e.after_name_hyphen and not (
            i > 1 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
            and not doc[i - 1].whitespace_ and doc[i - 2].text[:1].isupper()):
        return False
    if e.after_title:
        prev = doc[i - 1] if i > 0 else None
        if prev is None or prev.is_stop or not prev.text[:1].isupper():
            return False
    return not (e.not_before and j < len(doc) and doc[j].lower_ in e.not_before)


_BEFORE_ATTRIBUTIVE = frozenset({"DT", "IN", "CC", ",", ":", "-LRB-", "``", "PRP$", "POS"})


def _attributive(doc: Doc, e: LexEntry, i: int, j: int) -> bool:
    """'<X>-occupied' or a modifier after a determiner/preposition: 'in occupied <Name>'."""
    if i > 0 and doc[i - 1].text == "-" and doc[i - 1].whitespace_ == "":
        return True
    if j >= len(doc) or not (i == doc[i].sent.start or doc[i - 1].tag_ in _BEFORE_ATTRIBUTIVE):
        return False
    nxt = doc[j]
    return nxt.text[:1].isupper() or nxt.lemma_.lower() in e.heads


_CACHE_KEY = "presslens.lexicon_matches"


def match_lexicons(doc: Doc, *, regions: list[tuple[int, int]] | None = None) -> list[LexMatch]:
    """Every non-overlapping lexicon hit in ``doc`` (inside ``regions`` if given), in text order.

    Overlaps are resolved longest-first, then by :data:`PRIORITY`, so "occupied territories" is
    one contested-label hit rather than an extra hit on "occupied". The language and techniques
    stages both ask, so the hits are computed once per Doc and kept in ``doc.user_data`` as
    plain tuples (a Doc must stay serialisable).
    """
    m = _matchers(doc.vocab)
    cached = doc.user_data.get(_CACHE_KEY)
    if isinstance(cached, list):
        found = [LexMatch(s, e, i, j, m.entries[k]) for s, e, i, j, k in cached]
    else:
        found = _match_all(doc, m)
        doc.user_data[_CACHE_KEY] = [(x.start, x.end, x.tok_start, x.tok_end, x.entry.idx)
                                     for x in found]
    if regions is None:
        return found
    return [x for x in found if any(a <= x.start and x.end <= b for a, b in regions)]


def _match_all(doc: Doc, m: _Matchers) -> list[LexMatch]:
    cands: list[tuple[int, int, LexEntry]] = []
    for tok in doc:
        hits = m.by_text.get(tok.lower_)
        lem = m.by_lemma.get(tok.lemma_.lower())
        if hits is None and lem is None:
            continue
        seen: set[int] = set()
        for e in (hits or ()) + (lem or ()):
            if e.idx not in seen and _accept(doc, e, tok.i, tok.i + 1):
                seen.add(e.idx)
                cands.append((tok.i, tok.i + 1, e))
    for key, i, j in m.patterns(doc) if len(m.patterns) else ():
        e = m.entries[int(doc.vocab.strings[key])]
        if _accept(doc, e, i, j):
            cands.append((i, j, e))
    cands += [(i, j, e) for i, j, e in _phrase_hits(doc, m) if _accept(doc, e, i, j)]
    # a word inside a proper name is part of the name; a legal category is the law's word
    cands = [c for c in cands if not _in_name_or_law(doc, c)]
    cands.sort(key=lambda c: (-(c[1] - c[0]), PRIORITY.get(c[2].category, 9), c[0]))
    taken = bytearray(len(doc))
    out: list[LexMatch] = []
    for i, j, e in cands:
        if any(taken[i:j]):
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        taken[i:j] = b"\x01" * (j - i)
        out.append(LexMatch(start, end, i, j, e))
    out.sort(key=lambda x: x.start)
    return out


def _in_name_or_law(doc: Doc, cand: tuple[int, int, LexEntry]) -> bool:
    i, j, e = cand
    if e.epithet:  # "the Great Satan" is capitalised as an epithet, not as a name
        return False
    return is_name_or_legal(doc, i, j, legal=e.legal_term and e.category in _FRAMING)


# Opening quote preceded by start/space/bracket, 1-3 words, closing quote not followed by a letter.
_QUOTED = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–-]))([\"“‘'])([^\"“”‘’'\n]{1,40}?)([\"”’'])(?![A-Za-z])"
)
_PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def find_quoted_phrases(text: str, *, max_words: int = 3) -> list[tuple[int, int]]:
    """Spans (quotes included) of quoted phrases of 1..``max_words`` words in ``text``."""
    out: list[tuple[int, int]] = []
    for mo in _QUOTED.finditer(text):
        opener, inner, closer = mo.group(1), mo.group(2), mo.group(3)
        if _PAIRS[opener] != closer and not (opener in "\"“" and closer in "\"”"):
            continue
        words = inner.split()
        if not 1 <= len(words) <= max_words or inner != inner.strip():
            continue
        if not any(c.isalpha() for c in inner):
            continue
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            continue  # a quoted title or name ("Rubble Rubble"), not a distancing quote
        out.append((mo.start(), mo.end()))
    return out
