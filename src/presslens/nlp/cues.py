"""Reporting cues: the lexicon in ``lexicons/cues.json`` and O(1) lookups over spaCy tokens.

A *cue* is the word or phrase that introduces reported speech or thought ("said", "according
to", "drew parallels between", "believes"). The lexicon is ours; verbs are stored by lemma so
every tense form matches through spaCy's lemmatizer. Everything is loaded once (cached) and
exposed as frozensets, so ``is_cue_token`` costs two set lookups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.strings import get_string_id
from spacy.symbols import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..errors import ModelError

__all__ = [
    "CATEGORIES",
    "CUE_LEMMAS",
    "CUE_NOUNS",
    "OBJECT_CUES",
    "PHRASAL_LEMMAS",
    "RELATIVE_PRONOUNS",
    "STRONG_LEMMAS",
    "XCOMP_CUES",
    "CueLexicon",
    "cue_category",
    "cue_particles",
    "is_cue_noun",
    "is_cue_token",
    "is_strong_cue",
    "load_lexicon",
    "match_multiword_cues",
]

# A relative pronoun as a cue's subject ("officials who said …") stands for its antecedent.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

CATEGORIES: tuple[str, ...] = ("speech", "communication", "paraphrase", "belief", "perception")
_VERB_TAGS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class CueLexicon:
    """The cue lexicon in lookup form."""

    lemmas: frozenset[str]  # single-word verb lemmas, any category
    strong: frozenset[str]  # speech/communication verbs trusted without a clausal complement
    particles: dict[str, frozenset[str]]  # verb lemma -> particles forming a phrasal cue
    category: dict[str, str]  # lemma -> first category listed
    nouns: frozenset[str]
    adverbs: frozenset[str]
    object_cues: frozenset[str]  # verbs whose direct object is the content
    xcomp_cues: frozenset[str]  # verbs whose to-infinitive is the content
    # first word -> multiword phrases (lower-cased word tuples) starting with it, longest first
    multiword: dict[str, tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """Read and index ``lexicons/cues.json`` (once per process)."""
    try:
        raw = json.loads(
            resources.files("presslens.nlp").joinpath("lexicons", "cues.json").read_text("utf-8")
        )
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the cue lexicon: {exc}") from exc
    lemmas: set[str] = set()
    strong: set[str] = set()
    category: dict[str, str] = {}
    particles: dict[str, set[str]] = {}
    phrases: list[tuple[str, ...]] = []
    for cat in CATEGORIES:
        for strength, words in raw["verbs"].get(cat, {}).items():
            for entry in words:
                parts = entry.split()
                if len(parts) == 1:
                    lemmas.add(entry)
                    category.setdefault(entry, cat)
                    if strength == "strong":
                        strong.add(entry)
                elif len(parts) == 2 and parts[0] != "be":
                    # phrasal verb ("point out", "call for"): the verb counts with its particle
                    # only with its particle: "go on" is a cue, "go" is not
                    particles.setdefault(parts[0], set()).add(parts[1])
                    category.setdefault(parts[0], cat)
                else:
                    phrases.append(tuple(parts))
    for words in raw.get("multiword", {}).values():
        phrases.extend(tuple(p.lower().split()) for p in words)
    multiword: dict[str, list[tuple[str, ...]]] = {}
    for p in set(phrases):
        multiword.setdefault(p[0], []).append(p)
    return CueLexicon(
        lemmas=frozenset(lemmas),
        strong=frozenset(strong),
        particles={k: frozenset(v) for k, v in particles.items()},
        category=category,
        nouns=frozenset(w for ws in raw.get("nouns", {}).values() for w in ws),
        adverbs=frozenset(w for ws in raw.get("adverbs", {}).values() for w in ws),
        object_cues=frozenset(raw.get("object_cues", {}).get("lemmas", [])),
        xcomp_cues=frozenset(raw.get("xcomp_cues", {}).get("lemmas", [])),
        multiword={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multiword.items()},
    )


_LEX = load_lexicon()
CUE_LEMMAS: frozenset[str] = _LEX.lemmas
STRONG_LEMMAS: frozenset[str] = _LEX.strong
CUE_NOUNS: frozenset[str] = _LEX.nouns
OBJECT_CUES: frozenset[str] = _LEX.object_cues
XCOMP_CUES: frozenset[str] = _LEX.xcomp_cues
PHRASAL_LEMMAS: frozenset[str] = frozenset(_LEX.particles)


def is_cue_token(tok: Token) -> bool:
    """Is ``tok`` a reporting verb ("said", "warns", "believed", "pointed out")? O(1)."""
    if tok.pos_ not in _VERB_TAGS:
        return False
    lemma = tok.lemma_.lower()
    if lemma in CUE_LEMMAS:
        return True
    parts = _LEX.particles.get(lemma)
    return parts is not None and any(
        c.dep_ in ("prt", "prep") and c.lower_ in parts for c in tok.children
    )


def is_strong_cue(tok: Token) -> bool:
    """Is ``tok`` a speech/communication verb that reports speech even without a ``that`` clause?"""
    return tok.pos_ in _VERB_TAGS and tok.lemma_.lower() in STRONG_LEMMAS


def is_cue_noun(tok: Token) -> bool:
    """Is ``tok`` a noun naming a statement ("statement", "claim", "view")?"""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS


def cue_category(tok: Token) -> str | None:
    """The lexicon category of ``tok``'s lemma, or None."""
    return _LEX.category.get(tok.lemma_.lower())


def cue_particles(lemma: str) -> frozenset[str]:
    """Particles/prepositions that belong to the cue for verb ``lemma`` ("point" -> "out")."""
    return _LEX.particles.get(lemma, frozenset())


def match_multiword_cues(doc: Doc) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` of multiword cues ("according to", "told reporters").

    One pass over the tokens; a token matches a phrase word by its lower-cased text or lemma.
    Longest phrase wins; matches do not overlap.
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    # word hashes (lower-cased form, lemma) in one array read: no Token object per word
    arr = doc.to_array([LOWER, LEMMA])
    by_first = _phrase_hashes()
    firsts = np.fromiter(by_first, dtype=np.uint64, count=len(by_first))
    starts = np.flatnonzero(np.isin(arr[:, 0], firsts) | np.isin(arr[:, 1], firsts)).tolist()
    lows, lems = arr[:, 0].tolist(), arr[:, 1].tolist()
    i = 0
    for i0 in starts:
        if i0 < i:
            continue  # inside the previous match
        i = i0
        cands = by_first.get(lows[i]) or by_first.get(lems[i]) or ()
        for phrase in cands:
            k = len(phrase)
            if i + k <= n and all(lows[i + j] == h or lems[i + j] == h
                                  for j, h in enumerate(phrase)):
                out.append((i, i + k))
                i += k
                break
    return out


@lru_cache(maxsize=1)
def _phrase_hashes() -> dict[int, tuple[tuple[int, ...], ...]]:
    """First-word hash -> the multiword phrases (as word hashes) starting with it, longest
    first."""
    return {get_string_id(first): tuple(tuple(get_string_id(w) for w in p) for p in phrases)
            for first, phrases in _LEX.multiword.items()}
