"""Persuasion-technique spans (SemEval-2020 Task 11 taxonomy): features, shipped model, public API.

Owns the two linear models trained by ``training/train_techniques.py`` on the Propaganda
Techniques Corpus (PTC v2 train) and everything needed to apply them to a parsed ``Doc``:

* **SI** (span identification): a per-token logistic regression over hashed token features
  (word, lemma, shape, POS, dependency, neighbours, sentence cues, presslens lexicon hits),
  blended in logit space with a second logistic regression over frozen static word-piece
  embeddings pooled around the token — itself, its neighbours, a window and its sentence
  (:data:`POOLS`, :class:`PieceWeights`); runs of tokens are
  decoded into spans inside one sentence with two thresholds tuned by cross-validation
  (:func:`decode_spans`).
* **TC** (technique classification): a multinomial logistic regression over hashed span
  features (words, character n-grams, context, length, lexicon hits, repetition of the span
  in the article).

Every feature is a string hashed as scikit-learn's ``FeatureHasher`` does it
(:class:`presslens.nlp.hashing.FeatureHashing`, without importing scikit-learn), so the
artefact holds only weights (``models/techniques.npz`` + ``models/techniques.json``): no
vocabulary, hence no text of the training corpus. The embedding model is linear in the
embeddings, a token's vector is the mean of its word pieces' vectors and every pool is a mean,
so it collapses exactly into one scalar per word piece and pool of the (public, BERT uncased)
word-piece vocabulary: the artefact ships those scalars, not the embedding table, and applying
them needs no neural network at run time. The training script imports
:func:`token_features`, :func:`span_features` and the hashers from here, so training and
production share one code path. The model is loaded lazily on first use and cached."""

from __future__ import annotations

import itertools
import json
import math
import re
import zipfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc, Span, Token

from ..errors import ModelError
from ..schema import TechniqueSpan
from .hashing import FeatureHashing
from .identity import NAME, is_name
from .language import match_lexicons
from .types import doc_text
from .wordpiece import WordPiece

__all__ = [
    "MODEL_DIR",
    "POOLS",
    "TECHNIQUES",
    "PieceWeights",
    "TechniqueModel",
    "classify_spans",
    "decode_spans",
    "detect_techniques",
    "lexicon_tags",
    "load_model",
    "pool_rows",
    "si_hasher",
    "span_features",
    "tc_hasher",
    "token_feature_parts",
    "token_features",
]

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

MODEL_DIR = Path(__file__).parent / "models"
MODEL_NAME = "techniques"
FORMAT_VERSION = 3
SI_FEATURES = 2**20
TC_FEATURES = 2**18

_QUOTES = frozenset({'"', "“", "”", "«", "»", "‘", "’", "'"})
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def si_hasher() -> FeatureHashing:
    """The hasher of SI token features (same strings, same columns, every run; it caches the
    columns of the strings it has seen)."""
    return FeatureHashing(SI_FEATURES)


@lru_cache(maxsize=1)
def tc_hasher() -> FeatureHashing:
    """The hasher of TC span features."""
    return FeatureHashing(TC_FEATURES)


# --------------------------------------------------------------------------- token features


def _shape(text: str) -> str:
    # Collapsed word shape ("Xxxx", "dd", "XX"): capitalisation cues without the word.
    out: list[str] = []
    for ch in text[:8]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(x: float, edges: Sequence[float]) -> int:
    for i, e in enumerate(edges):
        if x <= e:
            return i
    return len(edges)


def _sents(doc: Doc) -> list[Span]:
    """The sentences of ``doc``; the whole Doc as one when no component set boundaries."""
    if len(doc) == 0:
        return []
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]


def _sentence_cues(
    sents: Sequence[tuple[int, int]], texts: Sequence[str], alpha: Sequence[bool], n: int
) -> tuple[list[int], list[str], list[bool]]:
    """Per token: sentence index, a short string of sentence-level cues, inside-quotes flag."""
    sent_idx = [0] * n
    cues = [""] * n
    in_quote = [False] * n
    for si, (a, b) in enumerate(sents):
        words = texts[a:b]
        n_words = sum(alpha[a:b])
        cue = (
            f"{'!' if '!' in words else ''}{'?' if '?' in words else ''}"
            f"{'q' if any(t in _QUOTES for t in words) else ''}"
            f"L{_bucket(n_words, (4, 10, 20, 35))}"
        )
        open_q = False
        for i in range(a, b):
            sent_idx[i] = si
            cues[i] = cue
            if texts[i] in _QUOTES and texts[i] not in ("'", "’"):
                open_q = not open_q
            in_quote[i] = open_q
    return sent_idx, cues, in_quote


def lexicon_tags(doc: Doc) -> list[str]:
    """Per token, the presslens lexicon category covering it ("" if none).

    The lexicons (loaded words, intensifiers, hedges, contested labels) are our own curated
    evidence of emotive wording; as features they let the model generalise beyond the words
    seen in PTC.
    """
    tags = [""] * len(doc)
    for m in match_lexicons(doc):
        for i in range(m.tok_start, m.tok_end):
            tags[i] = m.entry.category
    return tags


def token_features(doc: Doc, lex: Sequence[str] | None = None) -> list[list[str]]:
    """Hashed-feature strings of every token of ``doc`` (whitespace tokens get none)."""
    own, sent_idx, bags = token_feature_parts(doc, lex)
    return [f + bags[sent_idx[i]] if f else f for i, f in enumerate(own)]


def token_feature_parts(
    doc: Doc, lex: Sequence[str] | None = None
) -> tuple[list[list[str]], list[int], list[list[str]]]:
    """:func:`token_features` in two parts: each token's own features, its sentence index, and
    each sentence's bag of content lemmas (shared by all its tokens, so it is scored once per
    sentence at prediction time)."""
    lex = lexicon_tags(doc) if lex is None else lex
    # Every token attribute is read once into a list: spaCy builds a new Token object on each
    # doc[i] / t.head access, which made this function the stage's main cost.
    toks = list(doc)
    n = len(toks)
    texts = [t.text for t in toks]
    # a proper name is its class, never its words (presslens.nlp.identity)
    names = [is_name(t) for t in toks]
    low = [NAME if nm else t.lower_ for t, nm in zip(toks, names, strict=True)]
    lem = [NAME if nm else t.lemma_.lower() for t, nm in zip(toks, names, strict=True)]
    pos = [t.pos_ for t in toks]
    tag = [t.tag_ for t in toks]
    dep = [t.dep_ for t in toks]
    ent = [f"{t.ent_iob_}{t.ent_type_}" for t in toks]
    space = [t.is_space for t in toks]
    alpha = [t.is_alpha for t in toks]
    content = [t.is_alpha and not t.is_stop for t in toks]
    sent_start = [t.is_sent_start for t in toks]
    head = [t.head.i for t in toks]
    sents = [(s.start, s.end) for s in _sents(doc)]
    sent_idx, cues, in_quote = _sentence_cues(sents, texts, alpha, n)
    # Whole-sentence bag of content lemmas: whether a sentence is persuasive at all is the
    # strongest cue a token has, and a linear model can only see it through such features.
    sent_bag = [
        sorted({f"S={lem[i]}" for i in range(a, b) if content[i]}) for a, b in sents
    ]
    cpos = [i for i in range(n) if content[i]]
    xs = {i: f"x={lem[i]}" for i in cpos}
    feats: list[list[str]] = []
    for i in range(n):
        if space[i]:
            feats.append([])
            continue
        sp_ = sent_idx[i]
        h = head[i]
        f = [
            "b",
            f"w={low[i]}",
            f"l={lem[i]}",
            f"s={_shape(texts[i])}",
            f"p={pos[i]}",
            f"t={tag[i]}",
            f"d={dep[i]}",
            f"suf={low[i][-3:]}",
            f"hl={lem[h]}",
            f"dh={dep[i]}|{lem[h]}",
            f"hp={pos[h]}",
            f"c={cues[i]}",
            f"sp={min(sp_, 3)}",
            f"q={in_quote[i]}",
            f"ent={ent[i]}",
            f"ss={sent_start[i]}",
            f"pw={pos[i]}|{low[i]}",
            f"lex={lex[i]}",
            f"lex-={lex[i - 1] if i > 0 else '<s>'}",
            f"lex+={lex[i + 1] if i + 1 < n else '<s>'}",
        ]
        for off in (-3, -2, -1, 1, 2, 3):
            j = i + off
            # Neighbours stay inside the sentence: a line break is a hard boundary in PTC text.
            if 0 <= j < n and sent_idx[j] == sp_ and not space[j]:
                f.append(f"w{off}={low[j]}")
                if abs(off) == 1:
                    f.append(f"p{off}={pos[j]}")
                    f.append(f"l{off}={lem[j]}")
            else:
                f.append(f"w{off}=<s>")
        if i > 0 and sent_idx[i - 1] == sp_:
            f.append(f"bg-={low[i - 1]}|{low[i]}")
            f.append(f"pp-={pos[i - 1]}|{pos[i]}")
        if i + 1 < n and sent_idx[i + 1] == sp_:
            f.append(f"bg+={low[i]}|{low[i + 1]}")
            f.append(f"pp+={pos[i]}|{pos[i + 1]}")
        # content lemmas within 6 tokens inside the sentence, found by bisection over the
        # content positions (sentences are contiguous token ranges)
        sa, sb = sents[sp_]
        lo = bisect_left(cpos, max(sa, i - 6))
        hi = bisect_left(cpos, min(sb, i + 7))
        f.extend(xs[j] for j in cpos[lo:hi] if j != i)
        feats.append(f)
    return feats, sent_idx, sent_bag


# --------------------------------------------------------------------------- span features


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def _char_ngrams(text: str, lo: int = 3, hi: int = 5) -> list[str]:
    out: list[str] = []
    for w in _WORD_RE.findall(text.lower()):
        w = f" {w} "
        for k in range(lo, hi + 1):
            out.extend(f"ch={w[a:a + k]}" for a in range(max(1, len(w) - k + 1)))
    return out


def _word(tok: Token) -> str:
    return NAME if is_name(tok) else tok.lower_


def _masked(text: str, s: int, e: int, toks: Sequence[Token]) -> str:
    """``text[s:e]`` with every name written as the class word (for character n-grams)."""
    parts: list[str] = []
    at = s
    for t in toks:
        if is_name(t) and s <= t.idx and t.idx + len(t.text) <= e:
            parts += [text[at:t.idx], " entname "]
            at = t.idx + len(t.text)
    parts.append(text[at:e])
    return "".join(parts)


def span_features(
    doc: Doc, spans: Sequence[tuple[int, int]], lex: Sequence[str] | None = None
) -> list[list[str]]:
    """Hashed-feature strings of each ``(start, end)`` span of ``doc`` (char offsets)."""
    text = doc_text(doc)
    lex = lexicon_tags(doc) if lex is None else lex
    low_text = text.lower()
    norm_counts = Counter(_norm(text[s:e]) for s, e in spans)
    lemma_counts = Counter(t.lemma_.lower() for t in doc if t.is_alpha)
    first_line_end = text.find("\n")

    @lru_cache(maxsize=4096)
    def occurrences(low_piece: str) -> tuple[int, int]:
        # one scan of the text per distinct span text (a page repeating one span thousands of
        # times scanned the whole text for each)
        return low_text.count(low_piece), low_text.find(low_piece)

    sent_of: list[Span] = []
    for sent in _sents(doc):
        sent_of.extend([sent] * len(sent))
    out: list[list[str]] = []
    for s, e in spans:
        piece = text[s:e]
        norm = _norm(piece)
        span = doc.char_span(s, e, alignment_mode="expand")
        toks = [t for t in span if not t.is_space] if span is not None else []
        words = [_word(t) for t in toks]
        lemmas = [NAME if is_name(t) else t.lemma_.lower() for t in toks]
        n_words = max(1, sum(1 for t in toks if t.is_alpha))
        f = ["b", f"len={_bucket(n_words, (1, 2, 3, 5, 8, 12, 20, 30))}"]
        f += [f"u={w}" for w in words]
        f += [f"lm={w}" for w in lemmas]
        f += [f"bi={a}|{b}" for a, b in itertools.pairwise(words)]
        f += [f"pos={t.pos_}" for t in toks]
        if words:
            f += [f"first={words[0]}", f"last={words[-1]}", f"fpos={toks[0].pos_}"]
        f += _char_ngrams(_masked(text, s, e, toks))
        cats = {lex[t.i] for t in toks if lex[t.i]}
        f += [f"lx={c}" for c in sorted(cats)] or ["lx=none"]
        if toks:
            left = [t for t in doc[max(0, toks[0].i - 4) : toks[0].i] if not t.is_space]
            right = [t for t in doc[toks[-1].i + 1 : toks[-1].i + 5] if not t.is_space]
            f += [f"L={_word(t)}" for t in left]
            f += [f"R={_word(t)}" for t in right]
            if left:
                f.append(f"L1={_word(left[-1])}")
            if right:
                f.append(f"R1={_word(right[0])}")
            sent = sent_of[toks[0].i]
            f += [
                f"S={NAME if is_name(t) else t.lemma_.lower()}" for t in sent
                if t.is_alpha and not t.is_stop
            ]
            f.append(f"whole_sent={abs(sent.start_char - s) < 3 and abs(sent.end_char - e) < 3}")
            f.append(f"cover={_bucket(len(toks) / max(1, len(sent)), (0.1, 0.3, 0.6, 0.9))}")
        # Repetition: the same words elsewhere in the article, or in other given spans.
        occ, first_pos = occurrences(piece.lower())
        f.append(f"occ={min(occ, 5) if piece.strip() else 0}")
        f.append(f"spanrep={min(norm_counts[norm], 4)}")
        f.append(f"firstocc={first_pos == s}")
        if len(lemmas) <= 3:
            rep = min((lemma_counts[w] for w in lemmas if w.isalpha()), default=0)
            f.append(f"lemrep={_bucket(rep, (1, 2, 3, 5))}")
        f.append(f"title={0 <= s < first_line_end}")
        n_alpha = [c for c in piece if c.isalpha()]
        caps = sum(c.isupper() for c in n_alpha) / max(1, len(n_alpha))
        f.append(f"caps={_bucket(caps, (0.05, 0.2, 0.5, 0.9))}")
        f.append(f"excl={'!' in piece}")
        f.append(f"qm={'?' in piece}")
        f.append(f"quoted={any(q in text[max(0, s - 2):s] for q in _QUOTES)}")
        out.append(f)
    return out


# --------------------------------------------------------------------------- model


# How the dense SI model pools token rows: the token itself, the previous and next non-space
# token of its sentence, the mean over +-WINDOW non-space tokens (itself included) and the mean
# over its sentence. Every pool is linear, which is what lets PieceWeights collapse the model.
POOLS: tuple[str, ...] = ("token", "previous", "next", "window", "sentence")
WINDOW = 3


def pool_rows(
    values: np.ndarray, doc: Doc, space: np.ndarray | None = None
) -> np.ndarray:
    """``(n_tokens, len(POOLS), d)``: the :data:`POOLS` of each token's row of ``values``.

    ``values`` has one row per token of ``doc`` (zeros for whitespace tokens; ``space`` marks
    them, read from ``doc`` when not given). Whitespace tokens get the sentence pool only.
    Training (on embeddings) and prediction (on per-piece scalars) both go through this
    function, so they cannot drift apart. Vectorised over the whole document: a per-sentence
    loop of small numpy calls cost more than the rest of the dense model.
    """
    n, d = values.shape
    out = np.zeros((n, len(POOLS), d), dtype=values.dtype)
    if n == 0:
        return out
    out[:, 0] = values
    if space is None:
        space = np.fromiter((t.is_space for t in doc), dtype=bool, count=n)
    bounds = [(s.start, s.end) for s in _sents(doc)]
    sent_of = np.zeros(n, dtype=np.int64)
    for number, (a, b) in enumerate(bounds):
        sent_of[a:b] = number
    idx = np.flatnonzero(~space)  # the non-space tokens, in order
    if not len(idx):
        return out
    v = values[idx]
    sid = sent_of[idx]
    same = sid[1:] == sid[:-1]  # neighbours in the compressed order that share a sentence
    out[idx[1:][same], 1] = v[:-1][same]
    out[idx[:-1][same], 2] = v[1:][same]
    # +-WINDOW among the sentence's non-space tokens: prefix sums clipped to the sentence
    csum = np.vstack([np.zeros((1, d), dtype=values.dtype), np.cumsum(v, axis=0)])
    first = np.searchsorted(sid, sid, side="left")
    last = np.searchsorted(sid, sid, side="right")
    pos = np.arange(len(idx))
    lo, hi = np.maximum(first, pos - WINDOW), np.minimum(last, pos + WINDOW + 1)
    out[idx, 3] = (csum[hi] - csum[lo]) / (hi - lo)[:, None]
    # sentence means over non-space tokens, given to every token of the sentence
    counts = np.bincount(sid, minlength=len(bounds))
    sums = np.zeros((len(bounds), d), dtype=np.float64)
    np.add.at(sums, sid, v)
    has = counts > 0
    means = np.zeros_like(sums)
    means[has] = sums[has] / counts[has, None]
    out[:, 4] = means[sent_of].astype(values.dtype)
    out[~has[sent_of], 4] = 0
    return out


@dataclass(frozen=True)
class PieceWeights:
    """The dense half of SI, collapsed to per-word-piece scalars.

    Training fits a logistic regression on the :data:`POOLS` of token vectors, a token's
    vector being the mean of the static embeddings of its word pieces. Every pool is a mean
    (or a copy) of token vectors and the model (with its input standardisation) is linear, so
    ``w · x`` equals, per pool, the same pool of per-token means of ``table[piece, pool]``:
    ``table`` (one column per pool, one row per word piece of the vocabulary) and ``bias`` are
    the whole model. ``weight`` is the blend with the hashed model in logit space:
    ``z = (1 - weight) * z_hashed + weight * z_dense``.
    """

    wordpiece: WordPiece
    table: np.ndarray  # (vocabulary size, len(POOLS))
    bias: float
    weight: float

    def __post_init__(self) -> None:
        # One cached lookup per distinct token text (news text repeats its words), and the
        # table as Python tuples: a mean over a handful of rows is cheaper without numpy.
        object.__setattr__(self, "_scores", lru_cache(maxsize=65536)(self._piece_scores))
        object.__setattr__(self, "_rows", [tuple(map(float, r)) for r in self.table])

    def _piece_scores(self, text: str) -> tuple[float, ...]:
        ids = self.wordpiece.ids(text)
        if not ids:
            return (0.0,) * len(POOLS)
        rows = self._rows  # type: ignore[attr-defined]
        if len(ids) == 1:
            return rows[ids[0]]  # type: ignore[no-any-return]
        return tuple(sum(col) / len(ids) for col in zip(*(rows[i] for i in ids), strict=True))

    def logits(self, doc: Doc) -> np.ndarray:
        """Dense logit of every token of ``doc``."""
        if len(doc) == 0:
            return np.zeros(0)
        # Offsets and flags as one array, token texts sliced from the text: iterating Token
        # objects cost as much as the rest of this model.
        cols = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        text = doc_text(doc)
        scores = self._scores  # type: ignore[attr-defined]
        zero = (0.0,) * len(POOLS)
        # a name's word pieces would carry its identity: a name token gets no dense score
        names = [is_name(t) for t in doc]
        rows = np.array([zero if sp_ or nm else scores(text[a : a + n])
                         for (a, n, sp_), nm in zip(cols, names, strict=True)])
        space = np.fromiter((c[2] for c in cols), dtype=bool, count=len(cols))
        pooled = pool_rows(rows, doc, space)
        # pool k of column k: each pool applies its own per-piece scalar
        return np.asarray(np.einsum("nkk->n", pooled) + self.bias)


@dataclass(frozen=True)
class TechniqueModel:
    """Weights of the SI and TC linear models plus their decoding thresholds."""

    si_coef: np.ndarray  # (SI_FEATURES,)
    si_intercept: float
    tc_coef: np.ndarray  # (n_classes, TC_FEATURES)
    tc_intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]
    high: float  # a span needs one token at least this probable ...
    low: float  # ... and extends over neighbours at least this probable
    meta: dict[str, Any] = field(default_factory=dict)
    pieces: PieceWeights | None = None  # dense half of SI (None: hashed features only)

    def token_proba(self, doc: Doc, lex: Sequence[str] | None = None) -> np.ndarray:
        """Probability that each token of ``doc`` lies inside a technique span."""
        if len(doc) == 0:
            return np.zeros(0)
        own, sent_idx, bags = token_feature_parts(doc, lex)
        hasher = si_hasher()
        z = hasher.scores(own, self.si_coef) + self.si_intercept
        # The model is linear and every token of a sentence shares the sentence's bag, so the
        # bag's score is computed once per sentence and added (same result, far less hashing).
        if bags:
            bag_z = hasher.scores(bags, self.si_coef)
            content = np.fromiter((bool(f) for f in own), dtype=bool, count=len(own))
            z = z + np.where(content, bag_z[np.asarray(sent_idx)], 0.0)
        if self.pieces is not None:
            w = self.pieces.weight
            z = (1.0 - w) * z + w * self.pieces.logits(doc)
        z = np.clip(z, -30.0, 30.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def span_proba(
        self, doc: Doc, spans: Sequence[tuple[int, int]], lex: Sequence[str] | None = None
    ) -> np.ndarray:
        """Technique probabilities, shape ``(len(spans), len(classes))``."""
        if not spans:
            return np.zeros((0, len(self.classes)))
        z = tc_hasher().scores(span_features(doc, spans, lex), self.tc_coef) + self.tc_intercept
        z -= z.max(axis=1, keepdims=True)
        ez = np.exp(z)
        return np.asarray(ez / ez.sum(axis=1, keepdims=True))

    def _labels(
        self, doc: Doc, spans: Sequence[tuple[int, int]], lex: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        # A span listed k times gets its k best distinct labels (PTC repeats multi-label spans).
        seen: Counter[tuple[int, int]] = Counter()
        out: list[tuple[str, float]] = []
        for row, span in zip(self.span_proba(doc, spans, lex), spans, strict=True):
            rank = min(seen[span], len(self.classes) - 1)
            seen[span] += 1
            k = int(np.argsort(-row, kind="stable")[rank])
            out.append((self.classes[k], float(row[k])))
        return out

    def classify(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TechniqueSpan]:
        """TC with this model: see :func:`classify_spans`."""
        checked = _check_spans(doc, spans)
        text = doc_text(doc)
        return [
            TechniqueSpan(start=s, end=e, technique=lab, score=round(p, 4), text=text[s:e])
            for (s, e), (lab, p) in zip(checked, self._labels(doc, checked), strict=True)
        ]

    def detect(
        self, doc: Doc, *, high: float | None = None, low: float | None = None
    ) -> list[TechniqueSpan]:
        """SI + TC with this model: see :func:`detect_techniques`."""
        hi = self.high if high is None else float(high)
        lo = min(hi, self.low if low is None else float(low))
        for v in (hi, lo):
            if math.isnan(v) or not 0.0 <= v <= 1.0:
                raise ValueError(f"thresholds must be within [0, 1], got {v}")
        lex = lexicon_tags(doc)
        found = decode_spans(doc, self.token_proba(doc, lex), hi, lo)
        spans = [(s, e) for s, e, _ in found]
        text = doc_text(doc)
        return [
            TechniqueSpan(start=s, end=e, technique=lab, score=round(p, 4), text=text[s:e])
            for (s, e, p), (lab, _) in zip(found, self._labels(doc, spans, lex), strict=True)
        ]


def decode_spans(
    doc: Doc, proba: np.ndarray, high: float, low: float | None = None
) -> list[tuple[int, int, float]]:
    """Turn token probabilities into ``(start, end, max proba)`` character spans.

    Hysteresis decoding: a run of tokens with ``proba >= low`` becomes a span when one of its
    tokens reaches ``high`` (a confident core grows over its less certain neighbours, which keeps
    spans whole instead of breaking them into fragments). A span never crosses a sentence (PTC
    annotators marked spans inside sentences; crossing a line break would glue a headline to
    the body), and leading/trailing punctuation is trimmed.
    """
    lo = high if low is None else min(low, high)
    out: list[tuple[int, int, float]] = []
    if len(doc) == 0:
        return out
    for sent in _sents(doc):
        runs: list[list[int]] = []
        cur: list[int] = []
        for t in sent:
            if t.is_space:
                continue
            if proba[t.i] >= lo:
                cur.append(t.i)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for run in runs:
            peak = float(max(proba[i] for i in run))
            if peak < high:
                continue
            toks = [doc[i] for i in run]
            while toks and toks[0].is_punct and toks[0].text not in _QUOTES:
                toks.pop(0)
            while toks and toks[-1].is_punct and toks[-1].text not in ("!", "?"):
                toks.pop()
            if toks:
                out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text), peak))
    return out


def _load(directory: Path) -> TechniqueModel:
    meta_path, npz_path = directory / f"{MODEL_NAME}.json", directory / f"{MODEL_NAME}.npz"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as z:
            si_coef = z["si_coef"].astype(np.float32)
            tc_coef = z["tc_coef"].astype(np.float32)
            tc_intercept = z["tc_intercept"].astype(np.float64)
            pieces = _load_pieces(z, meta) if "piece_table" in z.files else None
        classes = tuple(str(c) for c in meta["classes"])
        si_intercept = float(meta["si_intercept"])
        high, low = float(meta["high"]), float(meta["low"])
    except FileNotFoundError as exc:
        raise ModelError(
            f"technique model missing: {exc.filename} (train it with training/train_techniques.py)"
        ) from exc
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
        # np.load raises BadZipFile/ValueError/EOFError on truncated or non-npz bytes.
        raise ModelError(f"technique model in {directory} is corrupt: {exc}") from exc
    if (
        not isinstance(meta, dict)
        or meta.get("format_version") != FORMAT_VERSION
        or si_coef.shape != (SI_FEATURES,)
        or tc_coef.shape != (len(classes), TC_FEATURES)
        or tc_intercept.shape != (len(classes),)
        or not classes
        or not set(classes) <= set(TECHNIQUES)
        or not (0.0 <= low <= high <= 1.0)
        or not (np.isfinite(si_coef).all() and np.isfinite(tc_coef).all())
        or (pieces is not None and not (
            pieces.table.shape == (len(pieces.wordpiece.vocab), len(POOLS))
            and np.isfinite(pieces.table).all()
            and 0.0 <= pieces.weight <= 1.0 and math.isfinite(pieces.bias)))
    ):
        raise ModelError(f"technique model in {directory} does not match this presslens version")
    return TechniqueModel(
        si_coef=si_coef,
        si_intercept=si_intercept,
        tc_coef=tc_coef,
        tc_intercept=tc_intercept,
        classes=classes,
        high=high,
        low=low,
        meta=meta,
        pieces=pieces,
    )


def _load_pieces(z: Any, meta: dict[str, Any]) -> PieceWeights:
    if tuple(meta.get("piece_pools", ())) != POOLS:
        raise ValueError(f"pools {meta.get('piece_pools')} are not {list(POOLS)}")
    # The vocabulary is stored as UTF-8 bytes joined by newlines (no pickled objects).
    vocab = bytes(z["piece_vocab"]).decode("utf-8").split("\n")
    return PieceWeights(
        wordpiece=WordPiece(vocab),
        table=z["piece_table"].astype(np.float32),
        bias=float(meta["piece_bias"]),
        weight=float(meta["piece_weight"]),
    )


@lru_cache(maxsize=2)
def load_model(directory: str | Path | None = None) -> TechniqueModel:
    """Load (once per directory) the shipped technique model; :class:`ModelError` if unusable."""
    return _load(Path(directory) if directory is not None else MODEL_DIR)


# --------------------------------------------------------------------------- public API


def _check_spans(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    n = len(doc_text(doc))
    out = [(int(s), int(e)) for s, e in spans]
    for s, e in out:
        if not 0 <= s < e <= n:
            raise ValueError(f"span ({s}, {e}) is outside the text (length {n})")
    return out


def classify_spans(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TechniqueSpan]:
    """Label each given ``(start, end)`` span of ``doc`` with its most likely technique.

    A span listed k times gets its k best distinct techniques (PTC marks multi-technique spans
    by repeating them).
    """
    return load_model().classify(doc, spans)


def detect_techniques(
    doc: Doc, *, high: float | None = None, low: float | None = None
) -> list[TechniqueSpan]:
    """Find technique spans in ``doc`` and label them; offsets are char indices into doc.text.

    ``high``/``low`` are the decoding thresholds (default: the values tuned by cross-validation
    and shipped with the model); raise them for precision, lower them for recall.
    """
    return load_model().detect(doc, high=high, low=low)
