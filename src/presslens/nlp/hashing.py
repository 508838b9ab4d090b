"""Feature hashing for the linear technique models, with spaCy's own MurmurHash3.

Owns :class:`FeatureHashing`: strings → signed columns exactly as scikit-learn's
``FeatureHasher(n_features, input_type="string")`` maps them (32-bit MurmurHash3 of the UTF-8
bytes with seed 0; column ``|h| mod n``; value ``+1`` for ``h >= 0`` and ``-1`` otherwise;
repeated columns of one row summed), so the shipped weights need no retraining. Scoring a
weight vector sums ``value * weight`` per row in ascending column order, the order SciPy's CSR
product uses, so the floats are the same bit for bit. Prediction needs neither scikit-learn
nor SciPy (their import cost more than the whole hashing); training asks for a SciPy matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from murmurhash.mrmr import hash as murmur

__all__ = ["FeatureHashing"]

_INT32_MIN = -(2**31)


class FeatureHashing:
    """Hash rows of feature strings into ``n_features`` signed columns (see the module doc)."""

    def __init__(self, n_features: int, cache_size: int = 1 << 18) -> None:
        self.n_features = n_features
        self._cache: dict[str, int] = {}
        self._cache_size = cache_size

    def column(self, feature: str) -> int:
        """Signed column of one feature: ``±(column + 1)`` (the sign is the value's)."""
        got = self._cache.get(feature)
        if got is not None:
            return got
        h = int(murmur(feature, 0))
        col = ((2**31) if h == _INT32_MIN else abs(h)) % self.n_features
        got = col + 1 if h >= 0 else -(col + 1)
        if len(self._cache) < self._cache_size:
            self._cache[feature] = got
        return got

    def _coo(self, rows: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows, columns (ascending within a row, unique) and summed values of the features."""
        col = self.column
        signed = np.fromiter((col(f) for r in rows for f in r), dtype=np.int64,
                             count=sum(len(r) for r in rows))
        row = np.repeat(np.arange(len(rows), dtype=np.int64),
                        np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows)))
        key = row * self.n_features + (np.abs(signed) - 1)
        uniq, inverse = np.unique(key, return_inverse=True)
        values = np.bincount(inverse, weights=np.sign(signed).astype(np.float64),
                             minlength=len(uniq))
        keep = values != 0
        uniq, values = uniq[keep], values[keep]
        return uniq // self.n_features, uniq % self.n_features, values

    def scores(self, rows: Sequence[Sequence[str]], coef: np.ndarray) -> np.ndarray:
        """``X @ coef.T`` for the hashed rows ``X``: shape ``(len(rows),)`` for a vector
        ``coef`` of ``n_features`` weights, ``(len(rows), k)`` for a ``(k, n_features)`` one."""
        r, c, v = self._coo(rows)
        w = np.asarray(coef, dtype=np.float64)
        if w.ndim == 1:
            return np.bincount(r, weights=v * w[c], minlength=len(rows))
        out = np.zeros((len(rows), w.shape[0]))
        for k in range(w.shape[0]):
            out[:, k] = np.bincount(r, weights=v * w[k, c], minlength=len(rows))
        return out

    def transform(self, rows: Sequence[Sequence[str]]) -> Any:
        """The hashed rows as a SciPy CSR matrix (training; SciPy is imported here only)."""
        import scipy.sparse as sp

        r, c, v = self._coo(rows)
        return sp.csr_matrix((v, (r, c)), shape=(len(rows), self.n_features))
