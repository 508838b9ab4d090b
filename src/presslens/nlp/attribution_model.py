"""Learned attribution filter: scores candidate (cue, content, source) relations.

The rules of :mod:`presslens.nlp.indirect` find indirect attributions from a lexicon; PolNeAR
shows two gaps they cannot close by hand: a long tail of cue verbs ("unleashed a flurry of
tweets", "likened", "rated") and cue words that report in one construction but not another
("which have supported …", "protests demanding …"). This module owns

* candidate generation beyond the lexicon: every verb with a subject and a complement (a
  clause, a to-infinitive, an object, a prepositional object) becomes a candidate whose
  content is that complement, with the spans built by the same helpers as the rules;
* features (:func:`features`) shared by training (``training/train_attributions.py``) and
  production, so the two cannot drift;
* a logistic-regression scorer whose weights ship as JSON
  (``models/attribution_filter.json``: feature -> weight, bias, thresholds). No pickle and
  no scikit-learn at run time: scoring is a sparse dot product.

:func:`refine` keeps a rule candidate unless the model is confident it is not an attribution,
and adds a generic candidate only when the model is confident it is one (two thresholds, set
on PolNeAR train by the training script). Direct quotations never pass through here.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.symbols import POS, VERB
from spacy.tokens import Doc, Token

from .coref import is_speaker_like
from .cues import OBJECT_CUES, RELATIVE_PRONOUNS, STRONG_LEMMAS, XCOMP_CUES, cue_category
from .indirect import (
    object_range,
    quoted_mask,
    ranges_to_chars,
    source_of,
    subtree_range,
    verb_spans,
)
from .intervals import SpanGrid
from .types import CharSpan, RawAttribution, doc_text

logger = logging.getLogger(__name__)

__all__ = [
    "Candidate", "FilterModel", "candidates", "features", "load_model", "refine", "select",
]

MODEL_FILE = "attribution_filter.json"
# rules whose output is kept as is: quotations, interviews, headlines
_UNFILTERED = frozenset({"direct", "continuation", "qa_answer", "headline_colon"})
_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you", "it"})
_MAX_CONTENT_TOKENS = 120
_SKIP_LEMMAS = frozenset({"be", "have", "do", "get", "go", "make", "take", "give", "come", "let"})


@dataclass
class Candidate:
    """One candidate relation and the tokens its features are read from."""

    att: RawAttribution
    verb: Token | None  # the cue's head token (None for colon/noun-less rules)
    comp: str  # how the content hangs from the cue: ccomp, xcomp, dobj, prep:of, rule:<name>
    generic: bool  # from the open generator (not a lexicon rule)


def _length_bucket(n: int) -> str:
    for b in (2, 4, 8, 16, 32, 64):
        if n <= b:
            return str(b)
    return "more"


def _subject_kind(subj: Token | None) -> str:
    if subj is None:
        return "none"
    low = subj.lower_
    if low in RELATIVE_PRONOUNS:
        return "relative"
    if low in _PERSONAL:
        return "pron:" + low
    if subj.ent_type_:
        return "ent:" + subj.ent_type_
    return "pos:" + subj.pos_


def features(doc: Doc, cand: Candidate, in_quote: Sequence[bool]) -> list[str]:
    """Binary features of a candidate (names only; the model holds their weights)."""
    att, verb = cand.att, cand.verb
    f = ["bias_rule=" + (att.rule or "?"), "comp=" + cand.comp,
         "generic=" + str(cand.generic)]
    text = doc_text(doc)
    clen = sum(len(text[s:e].split()) for s, e in att.content)
    f.append("clen=" + _length_bucket(clen))
    f.append("frags=" + str(min(len(att.content), 3)))
    f.append("has_source=" + str(bool(att.source)))
    cue_text = " ".join(text[s:e] for s, e in att.cue).lower()
    f.append("cue_words=" + str(min(len(cue_text.split()), 4)))
    first = att.content[0][0]
    f.append("starts_that=" + str(text[first:first + 5].lower() == "that "))
    f.append("content_quoted=" + str(any(in_quote[s] for s, _ in att.content)))
    if verb is None:
        f.append("cue_text=" + cue_text)
        return f
    lemma = verb.lemma_.lower()
    cat = cue_category(verb) or "none"
    subj = source_of(verb)
    sk = _subject_kind(subj)
    f += [
        "lemma=" + lemma, "cat=" + cat, "tag=" + verb.tag_, "dep=" + verb.dep_,
        "strong=" + str(lemma in STRONG_LEMMAS), "objcue=" + str(lemma in OBJECT_CUES),
        "xcue=" + str(lemma in XCOMP_CUES), "subj=" + sk,
        "lemma_comp=" + lemma + "|" + cand.comp, "cat_comp=" + cat + "|" + cand.comp,
        "dep_comp=" + verb.dep_ + "|" + cand.comp, "subj_comp=" + sk + "|" + cand.comp,
        "lemma_dep=" + lemma + "|" + verb.dep_, "cat_dep=" + cat + "|" + verb.dep_,
        "cat_subj=" + cat + "|" + sk, "rule_dep=" + (att.rule or "?") + "|" + verb.dep_,
        "head_pos=" + verb.head.pos_ + "|" + verb.dep_,
        "verb_quoted=" + str(in_quote[verb.idx]),
    ]
    if subj is not None:
        ante = subj.head.head if sk == "relative" and subj.head.dep_ == "relcl" else subj
        speakerish = is_speaker_like(ante, ante.lemma_.lower()) or ante.pos_ == "PRON"
        f += ["subj_lemma=" + ante.lemma_.lower(), "subj_dep=" + subj.dep_,
              "subj_speaker=" + str(speakerish), "lemma_subjsp=" + lemma + "|" + str(speakerish),
              "comp_subjsp=" + cand.comp + "|" + str(speakerish)]
    for c in verb.children:
        if c.dep_ in ("neg", "aux", "auxpass", "dative", "advmod", "mark", "prt"):
            f.append("child=" + c.dep_ + ":" + c.lower_)
        if c.dep_ == "prep":
            f.append("prep=" + c.lower_)
            f.append("lemma_prep=" + lemma + "|" + c.lower_)
    if verb.head.i != verb.i:
        f.append("head_lemma=" + verb.head.lemma_.lower())
    return f


def _generic(doc: Doc, verb: Token) -> list[Candidate]:
    """Open candidates of ``verb``: one per complement it has."""
    out: list[Candidate] = []
    cue, source = verb_spans(doc, verb)
    seen: set[str] = set()
    for c in verb.children:
        rng: tuple[int, int] | None = None
        comp = ""
        if c.dep_ == "ccomp":
            rng, comp = subtree_range(c), "ccomp"
        elif c.dep_ == "xcomp" and c.i > verb.i:
            rng, comp = subtree_range(c), "xcomp"
        elif c.dep_ in ("dobj", "attr", "oprd") and c.i > verb.i and c.pos_ != "PRON":
            rng, comp = object_range(c), "dobj"
            for o in verb.children:  # "called the charges unsubstantiated"
                if o.dep_ in ("oprd", "ccomp", "xcomp") and o.i > c.i:
                    rng = (rng[0], o.right_edge.i + 1)
        elif c.dep_ == "prep" and c.i > verb.i:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                rng, comp = subtree_range(pobj), "prep:" + c.lower_
        if rng is None or comp in seen or rng[1] - rng[0] > _MAX_CONTENT_TOKENS:
            continue
        seen.add(comp)
        ranges = [rng]
        if comp == "dobj":
            # "accused the GOP of stoking …", "likened RT to the BBC": the object and the
            # preposition right after it, as a second reading the model can prefer
            nxt = next((o for o in verb.children if o.dep_ == "prep" and o.i == rng[1]), None)
            if nxt is not None:
                ranges.append((rng[0], nxt.right_edge.i + 1))
        for k, r in enumerate(ranges):
            content = ranges_to_chars(doc, [r])
            if content:
                out.append(Candidate(RawAttribution(kind="indirect", content=content,
                                                    cue=list(cue), source=list(source),
                                                    rule="model"),
                                     verb, comp + ("+prep" if k else ""), True))
    return out


def _rule_candidate(doc: Doc, att: RawAttribution) -> Candidate:
    """A rule relation as a candidate: its verb is the cue's main verb ("said" in "has also
    said", "drew" in "drew parallels between"), an auxiliary failing that, or none (":")."""
    verb: Token | None = None
    if att.cue:
        span = doc.char_span(att.cue[0][0], att.cue[-1][1], alignment_mode="expand")
        toks = list(span or ())
        verb = next((t for t in toks if t.pos_ == "VERB"), None) or \
            next((t for t in toks if t.pos_ == "AUX"), None)
    return Candidate(att, verb, "rule:" + att.rule, False)


def candidates(doc: Doc, rule_atts: Sequence[RawAttribution],
               blocked: Sequence[RawAttribution] = ()) -> list[Candidate]:
    """Rule attributions (to be filtered) and open candidates (to be admitted) of ``doc``.

    ``blocked`` are the direct quotations: an open candidate whose cue sits inside one, or
    whose content is mostly one, is not generated (PolNeAR never nests attributions).
    """
    text = doc_text(doc)
    mask = bytearray(len(text) + 1)
    for a in [*rule_atts, *blocked]:
        for s, e in a.content:
            mask[s:e] = b"\x01" * (e - s)
    used = {c[0] for a in [*rule_atts, *blocked] for c in a.cue}
    out = [_rule_candidate(doc, a) for a in rule_atts if a.rule not in _UNFILTERED]
    used_tokens = {c.verb.i for c in out if c.verb is not None}
    # verbs only, found in one array read (a Token object per word costs more than the rest)
    for i in np.flatnonzero(doc.to_array(POS) == VERB).tolist():
        tok = doc[i]
        if i in used_tokens or tok.idx in used or mask[tok.idx]:
            continue
        if tok.lemma_.lower() in _SKIP_LEMMAS:
            continue
        for cand in _generic(doc, tok):
            spans = cand.att.content
            total = sum(e - s for s, e in spans)
            cov = sum(mask.count(1, s, e) for s, e in spans)
            if total and cov / total <= 0.5:
                out.append(cand)
    return out


@dataclass(frozen=True)
class FilterModel:
    """Weights of the logistic model and the two decision thresholds."""

    weights: dict[str, float]
    bias: float
    keep_rule: float  # a rule candidate is dropped below this probability
    add_generic: float  # an open candidate is added at or above this probability

    def prob(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> FilterModel | None:
    """The shipped model, or None when the artefact is absent or unusable (rules only; logged,
    and :func:`presslens.nlp.pipeline.fallbacks` reports it in every analysis's warnings)."""
    try:
        raw = json.loads(resources.files("presslens.nlp").joinpath("models", MODEL_FILE)
                         .read_text("utf-8"))
        return FilterModel(weights=dict(raw["weights"]), bias=float(raw["bias"]),
                           keep_rule=float(raw["thresholds"]["keep_rule"]),
                           add_generic=float(raw["thresholds"]["add_generic"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.warning("attribution filter model %s unusable (%s): using the rules alone",
                       MODEL_FILE, exc)
        return None


def select(scored: Sequence[tuple[Candidate, float]], rule_atts: Sequence[RawAttribution],
           keep_rule: float, add_generic: float) -> list[RawAttribution]:
    """Apply the thresholds: rule relations kept unless rejected, open ones added if trusted
    (the best complement per verb), never one nested in another's content (PolNeAR)."""
    drop: set[int] = set()
    best: dict[int, tuple[float, Candidate]] = {}  # verb index -> best open candidate
    for cand, p in scored:
        if not cand.generic:
            if p < keep_rule:
                drop.add(id(cand.att))
        elif p >= add_generic and cand.verb is not None:
            cur = best.get(cand.verb.i)
            if cur is None or p > cur[0]:
                best[cand.verb.i] = (p, cand)
    out = [a for a in rule_atts if id(a) not in drop]
    # the kept relations' contents and cue starts, indexed as they are added: each candidate
    # tests only its neighbours, not every kept relation (quadratic on long pages)
    contents: SpanGrid[CharSpan] = SpanGrid()
    cues: SpanGrid[int] = SpanGrid()

    def keep(a: RawAttribution) -> None:
        for sp in a.content:
            contents.add([sp], sp)
        if a.cue:
            cues.add([(a.cue[0][0], a.cue[0][0] + 1)], a.cue[0][0])

    for a in out:
        keep(a)
    for _, cand in sorted(best.values(), key=lambda x: -x[0]):
        att = cand.att
        cs = att.cue[0][0]
        if any(s <= cs < e for s, e in contents.near([(cs, cs + 1)])):
            continue
        if any(s <= c < e for c in cues.near(att.content) for s, e in att.content):
            continue
        out.append(att)
        keep(att)
    out.sort(key=lambda a: a.content[0][0])
    return out


def refine(doc: Doc, rule_atts: list[RawAttribution],
           blocked: Sequence[RawAttribution] = (),
           model: FilterModel | None = None) -> list[RawAttribution]:
    """``rule_atts`` minus the ones the model rejects, plus the open candidates it accepts."""
    model = model or load_model()
    if model is None:
        return rule_atts
    in_quote = quoted_mask(doc)
    scored = [(c, model.prob(features(doc, c, in_quote)))
              for c in candidates(doc, rule_atts, blocked)]
    return select(scored, rule_atts, model.keep_rule, model.add_generic)
