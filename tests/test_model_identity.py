"""No shipped model carries an actor's identity: no feature is a name, country or demonym.

The attribution filter ships named features (``feature -> weight``); every word in a feature
name must be a common word or a class (``<name>``, ``<num>``, ``<role>``). The techniques model
ships hashed weights; there the test hashes the features the production featuriser would make
for each listed name and requires them to carry no weight at all.

The lists below are the test's own inputs, not rules: they name countries, capitals, demonyms,
armed groups and leaders of many conflicts, so that a leak shows up whichever side it favours.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import numpy as np
import pytest


def _words(block: str) -> list[str]:
    return block.split()


COUNTRIES = _words("""
afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh
belarus belgium bolivia bosnia brazil britain bulgaria burma cambodia cameroon canada chad
chile china colombia congo croatia cuba cyprus denmark egypt eritrea estonia ethiopia finland
france gaza georgia germany ghana greece guatemala haiti hungary india indonesia iran iraq
ireland israel italy japan jordan kashmir kazakhstan kenya korea kosovo kurdistan kuwait
lebanon libya lithuania mali mexico moldova morocco mozambique myanmar nepal netherlands
nicaragua niger nigeria norway oman pakistan palestine panama peru philippines poland portugal
qatar romania russia rwanda serbia somalia spain sudan sweden switzerland syria taiwan
tajikistan tanzania thailand tibet tunisia turkey uganda ukraine uzbekistan venezuela vietnam
xinjiang yemen zimbabwe crimea donbas donetsk luhansk israel palestine britain usa uk america
""")
CAPITALS = _words("""
moscow kyiv kiev beijing taipei tehran washington jerusalem ramallah riyadh ankara damascus
baghdad beirut cairo khartoum islamabad delhi kabul sanaa caracas havana pyongyang seoul tokyo
london paris berlin brussels minsk tbilisi yerevan baku doha kremlin pentagon
""")
DEMONYMS = _words("""
afghan albanian algerian american armenian azerbaijani azeri bangladeshi belarusian british
burmese chinese colombian cuban egyptian emirati ethiopian european french georgian german
indian iranian iraqi irish israeli italian japanese jewish jordanian kashmiri korean kurdish
kurd lebanese libyan mexican moroccan nigerian pakistani palestinian persian qatari
russian saudi serbian somali sudanese syrian taiwanese tibetan turkish ukrainian uyghur
venezuelan vietnamese yemeni zionist arab arabs israelis palestinians russians ukrainians
americans iranians houthi houthis baloch pashtun tamil sikh hindu muslim christian sunni shia
shiite catalan basque chechen tatar crimean
""")
GROUPS = _words("""
hamas hezbollah hizbollah pkk ypg sdf isis isil daesh taliban houthis wagner rsf idf irgc fatah
plo nato kgb fsb cia mossad al-qaeda qaeda shabaab hts jnim tpl ira eta farc eln
""")
LEADERS = _words("""
putin zelensky zelenskyy netanyahu gallant sinwar haniyeh nasrallah khamenei raisi rouhani
trump biden obama clinton bush xi jinping modi khan sharif erdogan ocalan assad mbs salman
burhan hemedti hamdan kim lukashenko lavrov blinken sanders pelosi mccain ayotte rubio cruz
romney kerry merkel macron sunak starmer orban tsai lai abbas arafat kadyrov navalny
""")
# ("polish" is left out: the verb is a common word; the demonym is capitalised and masked)
IDENTITY = frozenset(COUNTRIES + CAPITALS + DEMONYMS + GROUPS + LEADERS)
# feature values that are structural labels, not words (spaCy tags, dependencies, booleans)
_WORD = re.compile(r"[a-z][a-z'\-]*")


def _attribution_weights() -> dict[str, float]:
    raw = json.loads(resources.files("presslens.nlp").joinpath(
        "models", "attribution_filter.json").read_text("utf-8"))
    return dict(raw["weights"])


def _values(feature: str) -> list[str]:
    """The words of a feature's value: ``lemma_dep=say|ROOT`` -> ["say", "ROOT"]."""
    _, _, value = feature.partition("=")
    return [v for v in re.split(r"[|:]", value) if v]


def test_the_lists_are_wide() -> None:
    assert len(IDENTITY) > 300


def test_attribution_model_has_no_identity_feature() -> None:
    weights = _attribution_weights()
    assert len(weights) > 1000  # the check reads a real model
    bad = sorted(f for f in weights for v in _values(f) if v.lower() in IDENTITY)
    assert not bad, f"features naming an actor: {bad[:20]}"


def test_attribution_model_features_are_words_or_classes() -> None:
    from presslens.nlp.pipeline import load_pipeline

    pipe = load_pipeline()
    labels = {"True", "False", "?", "<name>", "<num>", "<role>"}
    for name in pipe.pipe_names:
        comp = pipe.get_pipe(name)
        labels |= set(getattr(comp, "labels", ()) or ())
    labels |= {"ROOT", "PROPN", "NOUN", "VERB", "AUX", "ADJ", "ADV", "ADP", "PRON", "DET",
               "NUM", "PART", "CCONJ", "SCONJ", "PUNCT", "SYM", "INTJ", "X", "SPACE"}
    bad = []
    for f in _attribution_weights():
        for v in _values(f):
            if v in labels or v.startswith(("pos", "pron", "rule")):
                continue
            if any(ch.isupper() for ch in v):
                bad.append(f)  # a capitalised word is a name that escaped its class
    assert not bad, f"capitalised feature words: {bad[:20]}"


def test_no_subject_lemma_feature_family() -> None:
    families = {f.partition("=")[0] for f in _attribution_weights()}
    assert "subj_lemma" not in families
    assert "subj_word" in families


@pytest.fixture(scope="module")
def name_docs():
    from presslens.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    words = sorted(w for w in IDENTITY if "-" not in w)
    texts = [_sentence_with(w.upper() if w in GROUPS and len(w) <= 4 else w.capitalize())
             for w in words]
    return list(zip(words, nlp.pipe(texts), strict=True))


def _sentence_with(word: str) -> str:
    return f"The brutal statement by {word} was read out on Monday, and the talks went on."


def _feature_words(feature: str) -> set[str]:
    return {w for w in re.split(r"[=|: ]", feature.lower()) if w}


def test_techniques_features_never_hold_a_name(name_docs) -> None:
    from presslens.nlp.techniques import span_features, token_features

    leaks: list[str] = []
    for word, doc in name_docs:
        feats = [f for fs in token_features(doc) for f in fs]
        feats += [f for fs in span_features(doc, [(0, len(doc.text) - 1), (4, 30)]) for f in fs]
        leaks += [f for f in feats if word in _feature_words(f)]
    assert not leaks, f"technique features holding a name: {sorted(set(leaks))[:20]}"


def test_techniques_scores_do_not_depend_on_the_name(name_docs) -> None:
    """Swapping one name for another leaves every token's score unchanged (where the tagger
    reads the two sentences alike: same tags, entity labels and lexicon hits)."""
    from presslens.nlp.techniques import lexicon_tags, load_model

    model = load_model()
    by_shape: dict[tuple[object, ...], list[tuple[str, np.ndarray]]] = {}
    for word, doc in name_docs:
        # a name that is itself a lexicon entry ("Burma", a contested name) is a finding, the
        # same for every side, and is compared only with names that are entries too
        shape = tuple((t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
                       t.text.isupper(), lex) for t, lex in zip(doc, lexicon_tags(doc),
                                                                  strict=True))
        by_shape.setdefault(shape, []).append((word, model.token_proba(doc)))
    groups = [g for g in by_shape.values() if len(g) > 1]
    assert sum(len(g) for g in groups) > 100  # most names parse alike: the check has teeth
    for g in groups:
        w0, p0 = g[0]
        for w, p in g[1:]:
            assert np.allclose(p, p0, atol=1e-9), f"{w0} vs {w}: technique scores differ"


_RULE_MODULES = ("cues", "actors", "indirect", "speakers", "coref", "quotes", "quotes_direct",
                 "headline_source", "refusals", "attribution_model", "identity")


def _code_strings(source: str) -> list[str]:
    """String constants of a module's code, docstrings excluded (they cite examples)."""
    import ast

    tree = ast.parse(source)
    docs: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("module", _RULE_MODULES)
def test_attribution_and_speaker_rules_never_name_an_actor(module: str) -> None:
    source = resources.files("presslens.nlp").joinpath(f"{module}.py").read_text("utf-8")
    words = {w for s in _code_strings(source) for w in re.findall(r"[a-z][a-z\-]+", s.lower())}
    assert not words & IDENTITY, f"{module}.py keys on {sorted(words & IDENTITY)}"


def test_cue_lexicon_never_names_an_actor() -> None:
    raw = resources.files("presslens.nlp").joinpath("lexicons", "cues.json").read_text("utf-8")
    words = set(re.findall(r"[a-z][a-z\-]+", raw.lower()))
    assert not words & IDENTITY, sorted(words & IDENTITY)
