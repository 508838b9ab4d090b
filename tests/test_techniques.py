"""Persuasion techniques: shipped artefact, decoding, the analysis stage, hostile input, and the
training script's article-level CV split."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from presslens.analysis import STAGES
from presslens.errors import ModelError
from presslens.language import fill_language
from presslens.nlp import techniques as T
from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis, Article, Block
from presslens.techniques import fill_techniques

ROOT = Path(__file__).resolve().parents[1]
LOADED = ("These corrupt, treacherous traitors are destroying our great nation, and only a "
          "coward would ever defend their disgusting, evil lies!")
NEUTRAL = "The committee will meet on Tuesday at 10 a.m. in the town hall, a spokesperson said."


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def model() -> T.TechniqueModel:
    return T.load_model()


def _train_module():
    path = ROOT / "training" / "train_techniques.py"
    spec = importlib.util.spec_from_file_location("train_techniques", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_techniques", mod)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- artefact


def test_artefact_loads_with_known_labels_and_sane_thresholds(model: T.TechniqueModel) -> None:
    assert set(model.classes) <= set(T.TECHNIQUES)
    assert len(model.classes) == len(set(model.classes)) >= 10
    assert 0.0 <= model.low <= model.high <= 1.0
    assert model.si_coef.shape == (T.SI_FEATURES,)
    assert model.tc_coef.shape == (len(model.classes), T.TC_FEATURES)
    assert T.load_model() is model  # loaded once, then cached


def test_artefact_is_small() -> None:
    size = sum(p.stat().st_size for p in T.MODEL_DIR.glob(f"{T.MODEL_NAME}.*"))
    assert size < 8_000_000


def test_missing_artefact_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        T.load_model(tmp_path)


def test_corrupt_artefact_is_a_model_error(tmp_path: Path) -> None:
    meta = json.loads((T.MODEL_DIR / f"{T.MODEL_NAME}.json").read_text(encoding="utf-8"))
    (tmp_path / f"{T.MODEL_NAME}.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / f"{T.MODEL_NAME}.npz").write_bytes(b"PK\x03\x04 not really a zip file")
    with pytest.raises(ModelError, match="corrupt"):
        T.load_model(tmp_path)


def test_mismatched_artefact_is_a_model_error(tmp_path: Path) -> None:
    meta = json.loads((T.MODEL_DIR / f"{T.MODEL_NAME}.json").read_text(encoding="utf-8"))
    (tmp_path / f"{T.MODEL_NAME}.json").write_text(json.dumps(meta), encoding="utf-8")
    n = len(meta["classes"])
    np.savez(tmp_path / f"{T.MODEL_NAME}.npz", si_coef=np.zeros(10), tc_coef=np.zeros((n, 10)),
             tc_intercept=np.zeros(n))
    with pytest.raises(ModelError, match="does not match"):
        T.load_model(tmp_path)


# --------------------------------------------------------------------------- detection


def test_loaded_sentence_gets_a_span_neutral_gets_fewer(nlp, model: T.TechniqueModel) -> None:
    loaded = model.detect(nlp(LOADED))
    neutral = model.detect(nlp(NEUTRAL))
    assert loaded, "a sentence of insults and fear appeals should get at least one span"
    assert len(neutral) < len(loaded)
    covered = sum(t.end - t.start for t in loaded)
    assert covered > sum(t.end - t.start for t in neutral)


def test_spans_are_in_bounds_labelled_and_match_their_text(nlp, model: T.TechniqueModel) -> None:
    text = f"Headline about a vote\n\n{NEUTRAL}\n{LOADED}\n{LOADED.upper()}\n"
    doc = nlp(text)
    found = model.detect(doc)
    assert found
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.technique in T.TECHNIQUES
        assert t.text == text[t.start:t.end]
        assert "\n" not in t.text  # never across a line (sentence) break
        assert t.score is not None and 0.0 <= t.score <= 1.0


def test_thresholds_trade_recall_for_precision(nlp, model: T.TechniqueModel) -> None:
    doc = nlp(f"{LOADED} {NEUTRAL} {LOADED}")
    lax = model.detect(doc, high=0.05, low=0.05)
    strict = model.detect(doc, high=1.0, low=1.0)
    covered = lambda spans: sum(t.end - t.start for t in spans)  # noqa: E731
    assert covered(lax) >= covered(model.detect(doc)) >= covered(strict)
    with pytest.raises(ValueError):
        model.detect(doc, high=1.5)


def test_decode_spans_hysteresis(nlp) -> None:
    doc = nlp("Alpha beta gamma delta.\nEpsilon zeta eta theta.")
    p = np.zeros(len(doc))
    words = [t.i for t in doc if t.is_alpha]
    # Sentence 1: a run "beta gamma" peaking at 0.9 -> one span; sentence 2: a run at 0.3 only.
    p[words[1]], p[words[2]] = 0.4, 0.9
    p[words[5]], p[words[6]] = 0.3, 0.3
    spans = T.decode_spans(doc, p, high=0.5, low=0.2)
    assert [(doc.text[s:e]) for s, e, _ in spans] == ["beta gamma"]
    assert spans[0][2] == pytest.approx(0.9)
    # A run may not cross the line break even if every token is above the threshold.
    assert all("\n" not in doc.text[s:e] for s, e, _ in T.decode_spans(doc, np.ones(len(doc)), 0.5))


def test_classify_given_spans(nlp, model: T.TechniqueModel) -> None:
    doc = nlp(LOADED)
    s = LOADED.index("traitors")
    spans = [(s, s + len("traitors")), (s, s + len("traitors"))]
    out = model.classify(doc, spans)
    assert [(t.start, t.end) for t in out] == spans
    assert out[0].technique != out[1].technique  # a repeated span gets its next-best label
    with pytest.raises(ValueError):
        model.classify(doc, [(0, len(LOADED) + 5)])


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "\x00\x01\x02 ���� \ufeff\u200b" * 50,
    "!!!!!! ?????? \"\"\"\"\"\" ''''' «»«» —–—" * 40,
    "Lorem ipsum dolor sit amet. " * 3000,
])
def test_hostile_input_does_not_crash(nlp, model: T.TechniqueModel, text: str) -> None:
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp(text)
    for t in model.detect(doc):
        assert 0 <= t.start < t.end <= len(text)
        assert t.technique in T.TECHNIQUES


# --------------------------------------------------------------------------- stage


def test_stage_is_registered_after_language() -> None:
    assert fill_techniques in STAGES
    assert STAGES.index(fill_techniques) > STAGES.index(fill_language)


def test_stage_reads_only_headline_and_body(nlp) -> None:
    head = "Vote on the budget"
    text = f"{head}\n\n{LOADED}\n\n{LOADED}"
    body_end = len(head) + 2 + len(LOADED)
    blocks = [Block(kind="headline", start=0, end=len(head), text=head),
              Block(kind="body", start=len(head) + 2, end=body_end, text=LOADED),
              Block(kind="boilerplate", start=body_end + 2, end=len(text), text=LOADED)]
    analysis = Analysis(article=Article(text=text, blocks=blocks))
    fill_techniques(nlp(text), analysis)
    assert analysis.techniques, "the loaded body sentence should get a span"
    assert all(t.end <= body_end for t in analysis.techniques)
    # The same sentence, once it is body text, gets spans of its own.
    blocks[2] = Block(kind="body", start=body_end + 2, end=len(text), text=LOADED)
    analysis = Analysis(article=Article(text=text, blocks=blocks))
    fill_techniques(nlp(text), analysis)
    assert any(t.start > body_end for t in analysis.techniques)


# --------------------------------------------------------------------------- training script


def test_cv_split_keeps_each_article_in_one_fold() -> None:
    tt = _train_module()
    ids = [f"a{i % 23}" for i in range(40)] + ["dup", "dup", "dup"]  # repeated ids
    folds = tt.folds(ids, 5)
    assert len(folds) == 5
    flat = [i for f in folds for i in f]
    assert sorted(flat) == list(range(len(ids)))  # every row exactly once
    fold_of_id: dict[str, set[int]] = {}
    for f, rows in enumerate(folds):
        for i in rows:
            fold_of_id.setdefault(ids[i], set()).add(f)
    assert all(len(v) == 1 for v in fold_of_id.values())
    assert tt.folds(ids, 5) == folds  # seeded: the same split every run
    with pytest.raises(ValueError):
        tt.folds(["x", "x", "y"], 3)


def test_training_helpers_label_tokens_and_featurize(nlp) -> None:
    tt = _train_module()
    text = "They are traitors. The meeting is on Monday."
    doc = nlp(text)
    s = text.index("traitors")
    spans = [{"start": s, "end": s + 8, "technique": "Name_Calling,Labeling"}]
    y = tt.token_labels(doc, spans)
    assert [t.text for t, v in zip(doc, y, strict=True) if v] == ["traitors"]
    feats = tt.featurize([{"id": "1", "text": text, "spans": spans}], [doc])
    assert feats["si_x"][0].shape == (len(doc), T.SI_FEATURES)
    assert feats["tc_x"][0].shape == (1, T.TC_FEATURES)
    assert feats["tc_y"][0] == ["Name_Calling,Labeling"]


# --------------------------------------------------------------------------- embedding half


def _toy_embeddings(tt, dim: int = 4):
    vocab = ["[PAD]", "[UNK]", "the", "corrupt", "regime", "lie", "##s", ".", ",", "meet",
             "on", "monday", "cafe"]
    rng = np.random.default_rng(0)
    return tt.Embeddings(table=rng.normal(size=(len(vocab), dim)).astype(np.float32),
                         wordpiece=T.WordPiece(vocab))


def test_piece_weights_equal_the_dense_model_they_collapse(nlp) -> None:
    # The shipped per-piece scalars must give exactly the logit of the logistic regression on
    # [token vector | sentence mean] they were collapsed from.
    tt = _train_module()
    emb = _toy_embeddings(tt)
    arts = [{"id": "a", "text": "The corrupt regime lies. They meet on Monday.", "spans": []},
            {"id": "b", "text": "The regime lies, the café lies.\n\nMonday.", "spans": []}]
    docs = [nlp(a["text"]) for a in arts]
    s = arts[0]["text"].index("corrupt regime")
    arts[0]["spans"] = [{"start": s, "end": s + 14, "technique": "Loaded_Language"}]
    feats = tt.featurize(arts, docs, emb)
    pieces = tt.fit_dense(feats, [0, 1], emb)
    x = np.vstack(feats["dense"])
    mu, sd = x.mean(0), x.std(0) + 1e-6
    from sklearn.linear_model import LogisticRegression

    ref = LogisticRegression(C=tt.DENSE_C, max_iter=200, class_weight="balanced").fit(
        (x - mu) / sd, np.concatenate(feats["si_y"]))
    for doc, dense in zip(docs, feats["dense"], strict=True):
        want = ref.decision_function((dense - mu) / sd)
        assert np.allclose(pieces.logits(doc), want, atol=1e-4)


def test_model_with_piece_weights_round_trips_and_blends(tmp_path: Path, nlp,
                                                         model: T.TechniqueModel) -> None:
    tt = _train_module()
    emb = _toy_embeddings(tt)
    vocab = len(emb.wordpiece.vocab)
    table = np.linspace(-1, 1, vocab * len(T.POOLS)).reshape(vocab, len(T.POOLS))
    pieces = T.PieceWeights(wordpiece=emb.wordpiece, table=table, bias=0.5, weight=1.0)
    blended = tt.make_model((model.si_coef, model.si_intercept),
                            (model.tc_coef, model.tc_intercept, model.classes),
                            model.high, model.low, pieces, blend=1.0)
    tt.save(blended, tmp_path, {})
    loaded = T.load_model(tmp_path)
    assert loaded.pieces is not None and loaded.pieces.weight == 1.0
    assert loaded.pieces.wordpiece.vocab == emb.wordpiece.vocab
    doc = nlp("The corrupt regime lies.")
    # weight 1: the token probabilities are the dense model's alone
    want = 1 / (1 + np.exp(-pieces.logits(doc)))
    assert np.allclose(loaded.token_proba(doc), want, atol=1e-5)
    assert not np.allclose(want, model.token_proba(doc))


def test_piece_weights_of_the_wrong_size_are_refused(tmp_path: Path, model: T.TechniqueModel,
                                                     ) -> None:
    tt = _train_module()
    emb = _toy_embeddings(tt)
    pieces = T.PieceWeights(wordpiece=emb.wordpiece, table=np.zeros((3, len(T.POOLS))),
                            bias=0.0, weight=0.5)
    bad = tt.make_model((model.si_coef, model.si_intercept),
                        (model.tc_coef, model.tc_intercept, model.classes),
                        model.high, model.low, pieces, blend=0.5)
    tt.save(bad, tmp_path, {})
    with pytest.raises(ModelError, match="does not match"):
        T.load_model(tmp_path)


def test_read_safetensor_reads_what_the_format_says(tmp_path: Path) -> None:
    tt = _train_module()
    arr = np.arange(12, dtype="<f4").reshape(3, 4)
    header = json.dumps({"w": {"dtype": "F32", "shape": [3, 4], "data_offsets": [0, 48]},
                         "__metadata__": {}}).encode()
    path = tmp_path / "m.safetensors"
    path.write_bytes(len(header).to_bytes(8, "little") + header + arr.tobytes())
    assert np.array_equal(tt.read_safetensor(path, "w"), arr)


def test_pool_rows_pools_within_sentences_and_skips_whitespace(nlp) -> None:
    doc = nlp("One two three four five six seven eight nine.\n\nTen eleven.")
    vals = np.zeros((len(doc), 1))
    real = [t.i for t in doc if not t.is_space]
    for k, i in enumerate(real):
        vals[i, 0] = float(k + 1)
    pooled = T.pool_rows(vals, doc)
    sents = list(T._sents(doc))
    assert len(sents) >= 2
    for sent in sents:
        members = [t.i for t in sent if not t.is_space]
        for t in sent:
            row = pooled[t.i, :, 0]
            if t.is_space:
                assert row[:4].tolist() == [0, 0, 0, 0]
            else:
                k = members.index(t.i)
                prev = vals[members[k - 1], 0] if k > 0 else 0.0
                nxt = vals[members[k + 1], 0] if k + 1 < len(members) else 0.0
                win = vals[members[max(0, k - T.WINDOW): k + T.WINDOW + 1], 0].mean()
                assert row[:4].tolist() == pytest.approx([vals[t.i, 0], prev, nxt, win])
            assert row[4] == pytest.approx(vals[members, 0].mean() if members else 0.0)
