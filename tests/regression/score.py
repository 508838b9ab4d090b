"""Scoring presslens on the real-page regression set: predictions against the hand-made gold.

Shared by the benchmark (``benchmarks/regression.py``: full table and
``benchmarks/results/regression.json``) and the CI gate (``tests/test_regression_gate.py``:
pinned floors), so both measure the same thing. The gold and its self-check are in
:mod:`regression.gold`.

Gold texts are located in ``Analysis.article.text`` (the text every offset points into) with
whitespace and typographic quotes normalised, so an HTML page is scored on the text presslens
built from it. A prediction *matches* a gold span when they overlap by at least half of the
shorter of the two and a quarter of the longer.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .gold import PROVENANCE_FIELDS, GoldPage, Span, load_gold, locate, normalise
from .gold import overlap as _overlap

logger = logging.getLogger(__name__)

MATCH_SHARE = 0.5  # overlap needed, as a share of the shorter span ...
MIN_SHARE = 0.25  # ... and of the longer one (a paragraph-wide span matches no short quote)


# --------------------------------------------------------------------------- predictions


@dataclass
class PredAttribution:
    """One predicted attribution, reduced to what the scorer needs."""

    content: list[Span]
    speaker: str | None
    kind: str
    text: str
    statement: bool = True


@dataclass
class PredNoComment:
    actor: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class PredFinding:
    start: int
    end: int
    text: str
    category: str
    term: str | None


@dataclass
class Prediction:
    """What presslens said about one page (plain data; no pydantic, no spaCy)."""

    text: str
    attributions: list[PredAttribution]
    no_comment: list[PredNoComment]
    findings: list[PredFinding]
    provenance: dict[str, Any]


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        v = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if v is not None:
            return v
    return None


def _spans_of(obj: Any) -> list[Span]:
    start, end = _get(obj, "start"), _get(obj, "end")
    if isinstance(start, int) and isinstance(end, int):
        return [(start, end)]
    for key in ("span", "spans", "content", "source"):
        v = _get(obj, key)
        if isinstance(v, (list, tuple)) and v:
            if isinstance(v[0], int) and len(v) == 2:
                return [(int(v[0]), int(v[1]))]
            return [(int(a), int(b)) for a, b in v]
    return []


def prediction_of(analysis: Any) -> Prediction:
    """Reduce a ``presslens.Analysis`` to a :class:`Prediction`. ``no_comment`` records are
    read from ``analysis.no_comment`` (or ``no_comments``) when the schema has them: items with
    an ``actor`` (or ``speaker``/``name``) and, optionally, ``start``/``end`` or spans."""
    art = analysis.article
    atts = [PredAttribution(content=[tuple(s) for s in a.content], speaker=a.speaker,
                            kind=str(a.kind), text=a.content_text,
                            statement=bool(getattr(a, "statement", True)))
            for a in analysis.attributions]
    raw_nc = _get(analysis, "no_comment", "no_comments") or []
    ncs = [PredNoComment(actor=str(_get(n, "actor", "speaker", "name") or ""),
                         spans=_spans_of(n)) for n in raw_nc]
    finds = [PredFinding(f.start, f.end, f.text, f.category, f.term) for f in analysis.findings]
    outlet = art.outlet.name if art.outlet is not None else None
    prov = {"headline": art.headline, "authors": list(art.authors),
            "date": art.published[:10] if art.published else None,
            "outlet": [n for n in (outlet, art.site_name) if n],
            "agency": art.agency, "article_type": str(art.article_type)}
    return Prediction(text=art.text, attributions=atts, no_comment=ncs, findings=finds,
                      provenance=prov)


# --------------------------------------------------------------------------- matching


def _matches(gold: Sequence[Span], pred: Sequence[Span]) -> bool:
    if not gold or not pred:
        return False
    glen = sum(b - a for a, b in gold)
    plen = sum(b - a for a, b in pred)
    ov = sum(_overlap(g, pred) for g in gold)
    return ov > 0 and ov >= MATCH_SHARE * min(glen, plen) and ov >= MIN_SHARE * max(glen, plen)


_TITLE_WORDS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "gen", "general", "lt", "col",
    "colonel", "brig", "admiral", "adm", "maj", "major", "capt", "captain", "sgt", "sergeant",
    "commander", "chief", "sen", "senator", "rep", "gov", "governor", "mayor", "minister",
    "president", "premier", "ambassador", "judge", "justice", "officer", "spokesman",
    "spokeswoman", "spokesperson", "legislator", "villager", "director", "secretary", "deputy",
    "councilman", "councilwoman", "daw", "u", "ko"))
_TITLES = re.compile(r"^(the|a|an|mr|mrs|ms|dr|prof|lt|col|gen|sen|rep|president|minister|"
                     r"spokesman|spokeswoman|spokesperson)\.?\s+")


def norm_name(name: str) -> str:
    """Lower case, quotes folded, punctuation and leading articles/titles dropped."""
    s = normalise(name).lower().replace("'s ", " ")
    s = re.sub(r"[^\w\s-]", " ", s)
    s = " ".join(s.split())
    while True:
        t = _TITLES.sub("", s)
        if t == s:
            return s
        s = t


def speaker_matches(pred: str | None, gold: dict[str, Any], *, key: str = "speaker") -> bool:
    """Lenient name match: equal after normalisation, or an alias; for persons the same
    surname; for other names a multi-word prediction contained in the name or vice versa."""
    if not pred:
        return False
    p = norm_name(pred)
    if not p:
        return False
    names = [norm_name(n) for n in [gold[key], *gold.get("aliases", [])]]
    if p in names:
        return True
    if gold.get("speaker_type", "person") == "person":
        # the same surname, unless a different given name precedes it (two of one family)
        pt, gt = p.split(), names[0].split()
        if pt[-1] != gt[-1]:
            return False
        return len(pt) == 1 or len(gt) == 1 or pt[-2] == gt[-2] or pt[-2] in _TITLE_WORDS
    # a shorter form of any of its names ("Defense Ministry"), or a longer form of the canonical
    # name itself; never a longer name around an alias ("Ukrainian Defense Ministry")
    return names[0] in p or any(len(p.split()) >= 2 and p in n for n in names)


def _norm_title(text: str | None) -> str:
    return " ".join(normalise(text or "").lower().strip(" .:;-|").split())


def provenance_right(fld: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether one provenance field is right (lenient on case, quotes and spacing)."""
    g, p = gold.get(fld), pred.get(fld)
    if fld == "headline":
        return _norm_title(p) in {_norm_title(h) for h in [g, *gold.get("headline_aliases", [])]}
    if fld == "authors":
        return sorted(norm_name(a).split()[-1] for a in g or []) == sorted(
            norm_name(a).split()[-1] for a in p or [] if norm_name(a))
    if fld == "date":
        return g == p
    if fld == "article_type":
        return g == ("report" if p == "wire" else p)
    if fld == "outlet":
        names = [norm_name(n) for n in [g, *gold.get("outlet_aliases", [])] if n]
        return any(norm_name(x) in names for x in p or [])
    if fld == "agency":
        if g is None:
            return p is None
        names = [norm_name(n) for n in [g, *gold.get("agency_aliases", [])]]
        return p is not None and norm_name(p) in names
    raise ValueError(fld)


# --------------------------------------------------------------------------- scoring


@dataclass
class PageScore:
    """Counts for one page, and the errors behind them (for the benchmark's report)."""

    name: str
    statements: int = 0
    found: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    predicted: int = 0
    false: int = 0
    not_statement_predictions: int = 0
    refusals_as_statements: int = 0
    traps_hit: int = 0
    no_comment: int = 0
    no_comment_found: int = 0
    no_comment_predicted: int = 0
    no_comment_false: int = 0
    provenance: dict[str, bool] = field(default_factory=dict)
    expected: list[dict[str, Any]] = field(default_factory=list)
    unexpected_hits: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def score_page(page: GoldPage, pred: Prediction) -> PageScore:
    """Score one page's prediction against its gold."""
    gold = page.gold
    text = pred.text
    sc = PageScore(name=page.name)

    def where(needle: str, *, required: bool = True) -> list[Span]:
        spans = locate(needle, text)
        if not spans and required:
            sc.errors.append(f"gold text not in Article.text: {needle[:60]!r}")
        return spans

    stmts = [(s, where(s["content"])) for s in gold.get("statements", [])]
    refusals = [(n, where(n["text"])) for n in gold.get("no_comment", [])]
    traps = [(t, where(t["text"], required=False)) for t in gold.get("not_statements", [])]
    preds = [a for a in pred.attributions if a.statement]
    sc.not_statement_predictions = len(pred.attributions) - len(preds)
    sc.predicted = len(preds)
    sc.no_comment_predicted = len(pred.no_comment)

    for s, spans in stmts:
        matching = [a for a in preds if any(_matches([g], a.content) for g in spans)]
        if s.get("optional"):
            continue
        sc.statements += 1
        if not matching:
            sc.errors.append(f"missed: {s['speaker']}: {s['content'][:70]!r}")
            continue
        sc.found += 1
        if any(speaker_matches(a.speaker, s) for a in matching):
            sc.speaker_right += 1
        else:
            sc.errors.append(f"speaker: {s['speaker']!r} given as "
                             f"{sorted({str(a.speaker) for a in matching})}: "
                             f"{s['content'][:50]!r}")
        if any(a.kind == s["kind"] for a in matching):
            sc.kind_right += 1

    for a in preds:
        in_gold = any(_matches(spans, a.content) for _, spans in stmts)
        refusal = any(_matches(spans, a.content) or _overlap(spans[0], a.content) > 0
                      for _, spans in refusals if spans)
        if refusal:
            sc.refusals_as_statements += 1
        if any(_overlap(sp, a.content) > 0 for _, spans in traps for sp in spans):
            sc.traps_hit += 1
            sc.errors.append(f"trap: {a.speaker!r}: {a.text[:60]!r}")
        if not in_gold and not refusal:
            sc.false += 1
            sc.errors.append(f"false: {a.speaker!r}: {a.text[:60]!r}")

    for p in pred.no_comment:
        if not any(speaker_matches(p.actor, {**n, "speaker": n["actor"],
                                             "speaker_type": n.get("actor_type", "organisation")})
                   for n, _ in refusals):
            sc.no_comment_false += 1
            sc.errors.append(f"no_comment false: {p.actor!r}")
    for n, spans in refusals:
        sc.no_comment += 1
        gold_actor = {**n, "speaker": n["actor"],
                      "speaker_type": n.get("actor_type", "organisation")}
        # the right actor, at the right place when the record says where it is
        if any(speaker_matches(p.actor, gold_actor)
               and (not p.spans or any(_overlap(s, p.spans) for s in spans))
               for p in pred.no_comment):
            sc.no_comment_found += 1
        else:
            sc.errors.append(f"no_comment missed: {n['actor']!r}")

    prov_gold = gold["provenance"]
    for fld in PROVENANCE_FIELDS:
        ok = provenance_right(fld, prov_gold, pred.provenance)
        sc.provenance[fld] = ok
        if not ok:
            sc.errors.append(f"provenance {fld}: gold {prov_gold.get(fld)!r}, "
                             f"got {pred.provenance.get(fld)!r}")

    for e in gold.get("expected_findings", []):
        spans = where(e["text"])
        hits = [f for f in pred.findings if any(_overlap(s, [(f.start, f.end)]) for s in spans)]
        sc.expected.append({**e, "found": bool(hits),
                            "categories": sorted({f.category for f in hits})})
        if not hits:
            sc.errors.append(f"finding missed: {e['text']!r} ({e.get('side') or 'no side'})")
    for u in gold.get("unexpected_findings", []):
        spans = where(u["text"], required=False)
        for f in pred.findings:
            if any(_overlap(s, [(f.start, f.end)]) for s in spans):
                sc.unexpected_hits.append({**u, "finding": f.text, "category": f.category})
                sc.errors.append(f"unexpected finding: {f.text!r} in {u['text']!r}")
    return sc


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def aggregate(scores: Sequence[PageScore]) -> dict[str, Any]:
    """The set's headline numbers from per-page scores."""
    tot: dict[str, int] = defaultdict(int)
    counts = [f.name for f in fields(PageScore) if f.type in (int, "int")]
    for s in scores:
        for k in counts:
            tot[k] += getattr(s, k)
    prov = {f: _rate(sum(s.provenance[f] for s in scores), len(scores))
            for f in PROVENANCE_FIELDS}
    expected = [e for s in scores for e in s.expected]
    sides: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    # one category per term across pages and sides: the found occurrences of a term must all
    # be filed the same way ("regime" is the same kind of finding whoever it names)
    categories: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for e in expected:
        if e.get("conflict"):
            sides[e["conflict"]][e["side"]].append(e["found"])
        if e["categories"]:
            categories[e.get("term", e["text"]).lower()].add(tuple(e["categories"]))
    per_side = {c: {side: {"terms": len(v), "recall": _rate(sum(v), len(v))}
                    for side, v in sorted(by.items())} for c, by in sorted(sides.items())}
    gaps = {c: round(max(r["recall"] or 0.0 for r in by.values())
                     - min(r["recall"] or 0.0 for r in by.values()), 4)
            for c, by in per_side.items() if len(by) > 1}
    unexpected = [u for s in scores for u in s.unexpected_hits]
    return {
        "pages": len(scores),
        "statements": tot["statements"],
        "statements_found": tot["found"],
        "statement_recall": _rate(tot["found"], tot["statements"]),
        "speaker_right": _rate(tot["speaker_right"], tot["statements"]),
        "speaker_right_of_found": _rate(tot["speaker_right"], tot["found"]),
        "kind_right_of_found": _rate(tot["kind_right"], tot["found"]),
        "predicted_attributions": tot["predicted"],
        "false_attributions": tot["false"],
        "false_attribution_rate": _rate(tot["false"], tot["predicted"]),
        "refusals_as_statements": tot["refusals_as_statements"],
        "traps_hit": tot["traps_hit"],
        "non_statement_relations": tot["not_statement_predictions"],
        "no_comment_gold": tot["no_comment"],
        "no_comment_recall": _rate(tot["no_comment_found"], tot["no_comment"]),
        "no_comment_predicted": tot["no_comment_predicted"],
        "no_comment_false": tot["no_comment_false"],
        "provenance_accuracy": prov,
        "expected_findings": len(expected),
        "expected_finding_recall": _rate(sum(e["found"] for e in expected), len(expected)),
        "contested_recall_by_side": per_side,
        "contested_side_gap": gaps,
        "max_side_gap": max(gaps.values()) if gaps else None,
        "terms_with_several_categories": sorted(t for t, c in categories.items() if len(c) > 1),
        "category_conflicts": sum(len(c) > 1 for c in categories.values()),
        "unexpected_finding_hits": len(unexpected),
        "proper_name_findings": sum(u["why"] == "proper_name" for u in unexpected),
        "legal_term_findings": sum(u["why"] == "legal_term" for u in unexpected),
    }


def run(analyze: Callable[[GoldPage], Any], pages: Sequence[GoldPage] | None = None,
        ) -> tuple[dict[str, Any], list[PageScore]]:
    """Analyse every page with ``analyze`` (page -> ``Analysis``) and score the set."""
    pages = list(pages) if pages is not None else load_gold()
    scores = [score_page(p, prediction_of(analyze(p))) for p in pages]
    return aggregate(scores), scores


def analyze_page(page: GoldPage) -> Any:
    """The production path: ``presslens.analyze_text`` on the page as read from disk, with
    the page's ``url`` from the gold when it has one (as a fetch would)."""
    import presslens

    return presslens.analyze_text(page.raw, kind=page.kind, url=page.gold.get("url"))


def page_rows(scores: Sequence[PageScore]) -> list[dict[str, Any]]:
    """Per-page rows for the results file."""
    return [{**asdict(s), "expected": [
        {k: e[k] for k in ("text", "side", "found", "categories") if k in e}
        for e in s.expected]} for s in scores]
