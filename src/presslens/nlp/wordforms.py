"""English word forms for lexicon phrases: the inflections and spellings a phrase word may take.

Owns :func:`word_forms`. Multi-word lexicon entries ("occupation force", "restore order") must
match whatever form the article uses ("occupation forces", "restoring order", "restores order",
"occupation troops" is a separate entry). spaCy lemmatises the article's tokens but not our
pattern strings, so each pattern word is expanded here into the regular inflections of its
likely stems (plural, third person, past, participle) and the British/American spelling pair.
Over-generation is harmless: a non-word never occurs in an article. Function words and short
words are kept as they are.
"""

from __future__ import annotations

import logging
from functools import lru_cache

__all__ = ["word_forms"]

logger = logging.getLogger(__name__)

_FIXED = frozenset({
    "of", "the", "a", "an", "and", "or", "for", "to", "in", "on", "by", "with", "as", "at",
    "from", "into", "is", "are", "was", "be", "it", "its", "this", "that", "no", "not", "-", "'s",
})
_VOWELS = frozenset("aeiou")
# British spelling -> American spelling (and back), applied to whole-word suffixes/infixes
_SPELLINGS = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
              ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"),
              ("ence", "ense"), ("lled", "led"), ("lling", "ling"))
_MIN_LEN = 4


def _stems(w: str) -> set[str]:
    """Candidate base forms of ``w`` (itself included)."""
    out = {w}
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.add(w[:-1])
    for suf in ("ed", "ing"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            out |= {base, base + "e"}
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
                out.add(base[:-1])  # "targetted" -> "target", "planned" -> "plan"
            if suf == "ed" and base.endswith("i"):
                out.add(base[:-1] + "y")
    return out


def _inflect(base: str) -> set[str]:
    out = {base, base + "s", base + "ed", base + "ing"}
    if base.endswith(("s", "x", "z", "ch", "sh")):
        out |= {base + "es"}
    if base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    if base.endswith("man"):
        out.add(base[:-3] + "men")
    return out


def _spellings(w: str) -> set[str]:
    out = {w}
    for brit, amer in _SPELLINGS:
        if w.endswith(brit):
            out.add(w[: -len(brit)] + amer)
        elif w.endswith(amer):
            out.add(w[: -len(amer)] + brit)
    return out


@lru_cache(maxsize=4096)
def word_forms(word: str) -> frozenset[str]:
    """Lower-cased forms ``word`` may take in running text (``word`` itself included)."""
    w = word.lower()
    if w in _FIXED or len(w) < _MIN_LEN or not w.replace("-", "").isalpha():
        return frozenset({w})
    forms: set[str] = set()
    for stem in _stems(w):
        forms |= _inflect(stem)
    return frozenset(s for f in forms for s in _spellings(f))
