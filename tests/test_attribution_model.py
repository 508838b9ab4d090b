"""The learned attribution filter (``presslens.nlp.attribution_model``) on sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from presslens.nlp.attribution_model import (
    Candidate,
    FilterModel,
    candidates,
    features,
    load_model,
    refine,
    select,
)
from presslens.nlp.indirect import find_indirect, quoted_mask
from presslens.nlp.pipeline import load_pipeline
from presslens.nlp.types import RawAttribution


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _parse(nlp: Language, text: str):
    with nlp.select_pipes(disable=["presslens_quotes", "presslens_speakers"]):
        return nlp(text)


def _t(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_the_shipped_model_loads_with_sane_thresholds() -> None:
    model = load_model()
    assert model is not None
    assert 0.0 <= model.keep_rule < model.add_generic <= 1.0
    assert len(model.weights) > 1000


def test_open_verbs_outside_the_lexicon_become_candidates(nlp: Language) -> None:
    text = "Senator Maria Lopez likened the tram plan to a runaway train on Tuesday."
    doc = _parse(nlp, text)
    cands = [c for c in candidates(doc, find_indirect(doc)) if c.generic]
    liken = [c for c in cands if c.verb is not None and c.verb.lower_ == "likened"]
    assert {c.comp for c in liken} >= {"dobj", "dobj+prep"}
    wide = next(c for c in liken if c.comp == "dobj+prep")
    assert _t(text, wide.att.content) == ["the tram plan to a runaway train"]
    assert _t(text, wide.att.source) == ["Senator Maria Lopez"]
    feats = features(doc, wide, quoted_mask(doc))
    assert "lemma=liken" in feats and "comp=dobj+prep" in feats


def test_refine_adds_a_trusted_open_relation(nlp: Language) -> None:
    text = "The governor accused the unions of stoking fears about the budget."
    doc = _parse(nlp, text)
    out = refine(doc, find_indirect(doc))
    acc = [a for a in out if _t(text, a.cue) == ["accused"]]
    assert len(acc) == 1 and acc[0].rule == "model"
    assert _t(text, acc[0].source) == ["The governor"]
    assert "the unions of stoking fears" in _t(text, acc[0].content)[0]


def test_refine_adds_nothing_to_a_plain_report_of_events(nlp: Language) -> None:
    text = "The council postponed its vote on the bridge repairs until the end of next month."
    doc = _parse(nlp, text)
    assert refine(doc, find_indirect(doc)) == []


def test_quotations_are_never_candidates(nlp: Language) -> None:
    text = '"We criticised the plan and rejected the budget," the mayor said.'
    doc = nlp(text)
    direct = [a for a in doc._.presslens_attributions if a.kind == "direct"]
    assert direct
    cands = candidates(doc, [], direct)
    assert not any(c.verb is not None and c.verb.lower_ in ("criticised", "rejected")
                   for c in cands)


def test_select_applies_both_thresholds_and_never_nests(nlp: Language) -> None:
    text = "Lopez said the mayor praised the plan."
    doc = _parse(nlp, text)
    said, praised = doc[1], doc[4]
    rule = RawAttribution(kind="indirect", content=[(11, 37)], cue=[(6, 10)], rule="ccomp")
    nested = RawAttribution(kind="indirect", content=[(29, 37)], cue=[(21, 28)], rule="model")
    cands = [(Candidate(rule, said, "rule:ccomp", False), 0.9),
             (Candidate(nested, praised, "dobj", True), 0.95)]
    # the open relation's cue lies inside the rule relation's content: PolNeAR never nests
    assert select(cands, [rule], 0.2, 0.5) == [rule]
    # a rule relation below keep_rule goes; the open one is then admitted
    cands[0] = (cands[0][0], 0.1)
    assert select(cands, [rule], 0.2, 0.5) == [nested]
    # nothing passes an add threshold above every probability
    assert select(cands, [rule], 0.2, 1.01) == []


def test_probabilities_follow_the_weights() -> None:
    model = FilterModel(weights={"a": 2.0, "b": -2.0}, bias=0.0, keep_rule=0.2,
                        add_generic=0.5)
    assert model.prob(["a"]) > 0.5 > model.prob(["b"])
    assert model.prob([]) == pytest.approx(0.5)
