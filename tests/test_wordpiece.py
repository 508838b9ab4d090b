"""BERT-style WordPiece of single tokens (presslens.nlp.wordpiece)."""

from __future__ import annotations

import pytest

from presslens.nlp.wordpiece import WordPiece

VOCAB = ["[PAD]", "[UNK]", "un", "##believ", "##able", "believ", "cafe", "naive", "the",
         "'", "s", "!", ".", "u", "北", "京", "x", "##x"]


@pytest.fixture(scope="module")
def wp() -> WordPiece:
    return WordPiece(VOCAB)


def ids(wp: WordPiece, text: str) -> list[str]:
    return [VOCAB[i] for i in wp.ids(text)]


def test_greedy_longest_match_with_continuation_prefix(wp: WordPiece) -> None:
    assert ids(wp, "unbelievable") == ["un", "##believ", "##able"]
    assert ids(wp, "believable") == ["believ", "##able"]


def test_lowercases_and_strips_accents(wp: WordPiece) -> None:
    assert ids(wp, "Café") == ["cafe"]
    assert ids(wp, "NAÏVE") == ["naive"]


def test_punctuation_and_cjk_split_into_their_own_pieces(wp: WordPiece) -> None:
    assert ids(wp, "the's!") == ["the", "'", "s", "!"]
    assert ids(wp, "U.K.") == ["u", ".", "[UNK]", "."]
    assert ids(wp, "北京") == ["北", "京"]


def test_a_word_with_an_unknown_piece_is_one_unk(wp: WordPiece) -> None:
    assert ids(wp, "unbelievably") == ["[UNK]"]
    assert ids(wp, "x" * 101) == ["[UNK]"]  # BERT's limit on word length
    assert ids(wp, "x" * 5) == ["x", "##x", "##x", "##x", "##x"]


def test_whitespace_and_control_characters_give_no_pieces(wp: WordPiece) -> None:
    assert wp.ids(" \n\t") == ()
    assert wp.ids("\x00\u200b") == ()
    assert ids(wp, "the\u200b") == ["the"]


def test_vocabulary_needs_an_unknown_token() -> None:
    with pytest.raises(ValueError, match="UNK"):
        WordPiece(["a", "b"])
