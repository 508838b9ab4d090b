"""English word keys for lexicon phrases: one key for every inflection and spelling of a word.

Owns :func:`word_key`. Multi-word lexicon entries ("occupation force", "restore order") must
match whatever form the article uses ("occupation forces", "restoring order", "restores order").
spaCy lemmatises the article's tokens but not our pattern strings (and its lemmas of rare words
vary), so both sides are reduced by the same small rule set: British/American spellings
("centre"/"center", "labour"/"labor", "-ise"/"-ize"), then a plural suffix (-ies, -es, -s), a
verbal one (-ied, -ing, -ed, -e) and a doubled final consonant ("targetted"/"targeted"). The
reduction is not a real stemmer — "news" and "new" share a key — but a phrase of several words
only matches where every word agrees, which is what the lexicon needs. Function words stay.
"""

from __future__ import annotations

import logging
from functools import lru_cache

__all__ = ["word_key"]

logger = logging.getLogger(__name__)

_FIXED = frozenset({
    "of", "the", "a", "an", "and", "or", "for", "to", "in", "on", "by", "with", "as", "at",
    "from", "into", "is", "are", "was", "be", "it", "its", "this", "that", "no", "not", "'s",
})
_VOWELS = frozenset("aeiouy")
# British -> American endings, applied before the suffixes are taken off
_SPELLINGS = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"),
              ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("our", "or"),
              ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"))
_PLURAL = (("ies", "y"), ("es", ""), ("s", ""))
_VERBAL = (("ied", "y"), ("ing", ""), ("ed", ""), ("e", ""))
_MIN_STEM = 3


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key shared by the inflections and spellings of ``word`` (lower-cased)."""
    w = word.lower()
    if w in _FIXED or len(w) <= _MIN_STEM or not w.replace("-", "").isalpha():
        return w
    for brit, amer in _SPELLINGS:
        if w.endswith(brit):
            w = w[: -len(brit)] + amer
            break
    for suffixes in (_PLURAL, _VERBAL):  # "killings" -> "killing" -> "kill"
        for suf, repl in suffixes:
            if w.endswith(suf) and len(w) - len(suf) + len(repl) >= _MIN_STEM \
                    and not (suf == "s" and w.endswith("ss")):
                w = w[: -len(suf)] + repl
                break
    if len(w) > _MIN_STEM and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    return w
