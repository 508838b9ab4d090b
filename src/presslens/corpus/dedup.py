"""Duplicates: exact copies (content hash), near-duplicates and syndicated copies (MinHash LSH).

Owns :class:`DuplicateIndex`, an in-memory index of every stored article's MinHash signature
(rebuilt from the store when a corpus is opened). A new article is linked — never dropped — to
each earlier article it copies:

* ``exact``: the same normalised body text (content hash);
* ``near``: the same outlet and estimated Jaccard similarity of word shingles ≥ ``near``
  (an outlet republishing or updating its own piece);
* ``syndicated``: another outlet and similarity ≥ ``syndicated`` (one wire story under several
  outlets, usually trimmed or with the outlet's own lines added).

Candidates come from locality-sensitive hashing (datasketch ``MinHashLSH``), so the cost of
adding an article does not grow with the corpus the way comparing against every article would.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .identity import normalise_text
from .store import DuplicateLink

__all__ = ["DedupSettings", "DuplicateIndex", "shingles", "signature", "signature_bytes"]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# datasketch 2 hashing scheme; stored signatures are only comparable under the same one.
_SCHEME = "affine32"


@dataclass(frozen=True)
class DedupSettings:
    """Shingle size, signature size and the similarity thresholds of each link kind."""

    shingle: int = 4
    num_perm: int = 128
    near: float = 0.7
    syndicated: float = 0.5
    max_links: int = 20


def shingles(text: str, k: int) -> set[bytes]:
    """The set of ``k``-word shingles of the normalised text (the words themselves if fewer)."""
    words = _WORD.findall(normalise_text(text))
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str, settings: DedupSettings) -> MinHash:
    """The MinHash signature of ``text``'s shingles."""
    mh = MinHash(num_perm=settings.num_perm, scheme=_SCHEME)
    sh = shingles(text, settings.shingle)
    if sh:
        mh.update_batch(list(sh))
    return mh


def signature_bytes(mh: MinHash) -> bytes:
    """A signature as bytes for the store."""
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes())


def _from_bytes(data: bytes, num_perm: int) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=_SCHEME)


@dataclass(frozen=True)
class _Entry:
    outlet: str | None
    minhash: MinHash


class DuplicateIndex:
    """MinHash LSH over stored articles, answering "which earlier articles does this copy?"."""

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()
        self._lsh = MinHashLSH(threshold=self.settings.syndicated,
                               num_perm=self.settings.num_perm)
        self._entries: dict[int, _Entry] = {}
        self._by_hash: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def links(self, *, content_hash: str, minhash: MinHash | bytes,
              outlet: str | None) -> list[DuplicateLink]:
        """The duplicate links a new article with this hash, signature and outlet gets."""
        mh = self._coerce(minhash)
        out: dict[int, DuplicateLink] = {}
        first = self._by_hash.get(content_hash)
        if first is not None:
            out[first] = DuplicateLink(duplicate_of=first, kind="exact", similarity=1.0)
        for cand in self._lsh.query(mh):
            aid = int(cand)
            if aid in out:
                continue
            entry = self._entries[aid]
            sim = float(mh.jaccard(entry.minhash))
            same_outlet = outlet is not None and entry.outlet == outlet
            if same_outlet and sim >= self.settings.near:
                out[aid] = DuplicateLink(duplicate_of=aid, kind="near", similarity=round(sim, 4))
            elif not same_outlet and sim >= self.settings.syndicated:
                out[aid] = DuplicateLink(duplicate_of=aid, kind="syndicated",
                                         similarity=round(sim, 4))
        ranked = sorted(out.values(), key=lambda d: (-d.similarity, d.duplicate_of))
        return ranked[: self.settings.max_links]

    def add(self, article_id: int, *, content_hash: str, minhash: MinHash | bytes,
            outlet: str | None) -> None:
        """Index a stored article (call after its transaction committed)."""
        if article_id in self._entries:
            return
        mh = self._coerce(minhash)
        self._entries[article_id] = _Entry(outlet=outlet, minhash=mh)
        self._by_hash.setdefault(content_hash, article_id)
        self._lsh.insert(str(article_id), mh)

    def _coerce(self, minhash: MinHash | bytes) -> MinHash:
        if isinstance(minhash, bytes | bytearray | memoryview):
            return _from_bytes(bytes(minhash), self.settings.num_perm)
        return minhash
