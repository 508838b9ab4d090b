"""BERT-style WordPiece tokenisation of single words, in pure Python.

Owns :class:`WordPiece`: the uncased BERT normaliser (clean control characters, lowercase,
strip accents — what ``BertNormalizer(lowercase=True, strip_accents=None)`` does), the BERT
pre-tokeniser's split on punctuation and CJK characters, and greedy longest-match-first
WordPiece with the ``##`` continuation prefix. It maps one spaCy token to vocabulary ids so a
per-wordpiece weight table (see :mod:`presslens.nlp.techniques`) can be applied without the
``tokenizers`` package; results are cached per word because news text repeats words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

__all__ = ["WordPiece"]

_MAX_WORD_CHARS = 100  # longer "words" become [UNK], as in BERT


def _is_punct(ch: str) -> bool:
    # BERT treats every ASCII non-alphanumeric printable character as punctuation, plus the
    # Unicode P* categories.
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F
    )


def _normalise(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        # control/format characters are dropped (tab/newline are whitespace and kept: they
        # split words); Mn = combining marks, i.e. the accents stripped after NFD
        if (
            cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf", "Mn")
        ) and ch not in "\t\n\r":
            continue
        out.append(ch)
    return "".join(out)


def _pre_split(text: str) -> list[str]:
    """Whitespace, punctuation and CJK characters split words (each punct/CJK char alone)."""
    pieces: list[str] = []
    cur: list[str] = []
    for ch in text:
        if ch.isspace():
            if cur:
                pieces.append("".join(cur))
                cur = []
        elif _is_punct(ch) or _is_cjk(ord(ch)):
            if cur:
                pieces.append("".join(cur))
                cur = []
            pieces.append(ch)
        else:
            cur.append(ch)
    if cur:
        pieces.append("".join(cur))
    return pieces


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary (token → id)."""

    def __init__(self, vocab: Mapping[str, int] | Iterable[str], unk: str = "[UNK]") -> None:
        self.vocab: dict[str, int] = (
            dict(vocab) if isinstance(vocab, Mapping) else {w: i for i, w in enumerate(vocab)}
        )
        if unk not in self.vocab:
            raise ValueError(f"vocabulary has no {unk!r} entry")
        self.unk_id = self.vocab[unk]
        self._max_piece = max(map(len, self.vocab))
        self.ids = lru_cache(maxsize=65536)(self._ids)

    def _word(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD_CHARS:
            return [self.unk_id]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = min(len(word), start + self._max_piece)
            found = None
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk_id]  # BERT: one unknown piece makes the whole word [UNK]
            out.append(found)
            start = end
        return out

    def _ids(self, text: str) -> tuple[int, ...]:
        """Vocabulary ids of ``text`` (normally one spaCy token); () for whitespace only."""
        if text.isascii() and text.isalnum():
            # most tokens: plain ASCII letters/digits, which normalising and splitting leave
            # as one lower-cased word
            return tuple(self._word(text.lower()))
        return tuple(i for w in _pre_split(_normalise(text)) for i in self._word(w))
