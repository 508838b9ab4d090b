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
