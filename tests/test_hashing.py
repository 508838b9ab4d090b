"""presslens's feature hashing equals scikit-learn's FeatureHasher column for column and its
scores equal the sparse product bit for bit, so the shipped technique weights stay valid."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction import FeatureHasher

from presslens.nlp.hashing import FeatureHashing


def _rows(seed: int) -> list[list[str]]:
    rnd = random.Random(seed)
    alphabet = "abcxyz =|“”—\"'éü中\u0301"
    rows = [["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10)))
             for _ in range(rnd.randint(0, 30))] for _ in range(400)]
    rows.append(["b", "b", "w=x", "b"])  # repeated features are summed
    rows.append([])
    return rows


@pytest.mark.parametrize("n_features", [2**18, 2**20, 97])
def test_same_columns_and_signs_as_scikit_learn(n_features: int) -> None:
    rows = _rows(n_features)
    ref = FeatureHasher(n_features=n_features, input_type="string").transform(rows)
    ref.eliminate_zeros()
    mine = FeatureHashing(n_features).transform(rows)
    assert mine.shape == ref.shape
    assert (mine != ref).nnz == 0


def test_scores_equal_the_sparse_product_bit_for_bit() -> None:
    rows = _rows(3)
    n = 2**18
    rnd = np.random.default_rng(0)
    vec = rnd.normal(size=n).astype(np.float32)
    mat = rnd.normal(size=(4, n)).astype(np.float32)
    ref = FeatureHasher(n_features=n, input_type="string").transform(rows)
    h = FeatureHashing(n)
    assert np.array_equal(h.scores(rows, vec), np.asarray(ref @ vec))
    assert np.array_equal(h.scores(rows, mat), np.asarray(ref @ mat.T))
    assert h.scores([], vec).shape == (0,)
