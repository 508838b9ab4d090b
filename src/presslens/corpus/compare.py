"""Compare outlets on one story (or a search): who covered it, whom each let speak, which words.

Owns :func:`compare_articles` and its result models. Per outlet: headlines, article types,
voices quoted (named, anonymous; by role: officials, experts, citizens, media, other), the share
of the outlet's own voice, no-comment records, contested labels and loaded terms, and the labels
the outlet attaches to the story's main actors — every number with the evidence sentences it
counts. Copies are counted once per outlet (an article linked as a duplicate of another article
of the same outlet in the set is left out), and outlets of the corpus that did not cover the
story are listed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from ..schema import OUTLET_VOICE, Analysis
from .models import ArticleSummary, OutletSummary, StorySummary
from .roles import ROLES, no_comment_spans, voice_role

__all__ = ["Comparison", "EvidenceRef", "Metric", "OutletComparison", "TermUse",
           "compare_articles", "sentence_at"]

logger = logging.getLogger(__name__)

MAX_EVIDENCE = 25
_SENT_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceRef(_Model):
    """A sentence of a stored article that a number counts."""

    article_id: int
    external_id: str | None = None
    start: int
    end: int
    text: str
    note: str | None = None


class Metric(_Model):
    """A count (or share) and its evidence (at most ``MAX_EVIDENCE`` sentences listed)."""

    value: float
    evidence: list[EvidenceRef] = []


class TermUse(_Model):
    """A language finding's term as one outlet used it."""

    term: str
    category: str
    count: int
    in_own_voice: int
    evidence: list[EvidenceRef] = []


class OutletComparison(_Model):
    """One outlet's coverage of the story."""

    outlet_id: str
    outlet_name: str
    articles: list[ArticleSummary]
    copies_left_out: list[int] = []
    headlines: list[str] = []
    article_types: dict[str, int] = {}
    voices_named: Metric
    voices_anonymous: Metric
    voices_by_role: dict[str, Metric]
    own_voice_share: Metric
    no_comment: Metric
    contested_labels: Metric
    loaded_terms: Metric
    terms: list[TermUse] = []
    actor_labels: dict[str, list[TermUse]] = {}


class Comparison(_Model):
    """Outlets side by side on one story or search."""

    story: StorySummary | None = None
    query: str | None = None
    outlets: list[OutletComparison] = []
    silent_outlets: list[OutletSummary] = []
    main_actors: list[str] = []
    coverage: dict[str, dict[str, int]] = {}  # date -> outlet -> articles


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence(s) of ``text`` around ``[start, end)``."""
    s = 0
    for m in _SENT_END.finditer(text, 0, max(start, 0)):
        s = m.end()
    nxt = _SENT_END.search(text, max(end, start))
    e = nxt.start() if nxt else len(text)
    return s, max(e, min(end, len(text)))


class _Collect:
    """Evidence and counts for one outlet."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.evidence: defaultdict[str, list[EvidenceRef]] = defaultdict(list)

    def add(self, key: str, ev: EvidenceRef | None, n: int = 1) -> None:
        self.counts[key] += n
        if ev is not None and len(self.evidence[key]) < MAX_EVIDENCE:
            self.evidence[key].append(ev)

    def metric(self, key: str, value: float | None = None) -> Metric:
        return Metric(value=self.counts[key] if value is None else value,
                      evidence=self.evidence[key])


def _ev(a: ArticleSummary, text: str, start: int, end: int, note: str | None = None,
        whole_sentence: bool = True) -> EvidenceRef:
    s, e = sentence_at(text, start, end) if whole_sentence else (start, end)
    return EvidenceRef(article_id=a.id, external_id=a.external_id, start=s, end=e,
                       text=text[s:e].strip(), note=note)


def _first_span(spans: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    return next(iter(sorted(spans)), None)


def _outlet(rows: list[tuple[ArticleSummary, Analysis]], actors: list[str],
            copies: list[int]) -> OutletComparison:
    c = _Collect()
    terms: dict[tuple[str, str], TermUse] = {}
    labels: dict[str, dict[str, TermUse]] = defaultdict(dict)
    own_words = total_words = 0
    for a, an in rows:
        text = an.article.text
        words_by_voice: dict[str, tuple[int, int] | None] = {}
        for att in an.attributions:
            if att.voice_id and att.voice_id not in words_by_voice:
                words_by_voice[att.voice_id] = _first_span(att.content)
        for start, end in no_comment_spans(text):
            c.add("no_comment", _ev(a, text, start, end))
        for v in an.voices:
            if v.type == "author":
                continue
            span = words_by_voice.get(v.id) or _first_span(v.mentions) or (0, 0)
            ev = _ev(a, text, *span, note=v.name)
            c.add("anonymous" if v.type == "anonymous" else "named", ev)
            c.add(f"role:{voice_role(v)}", ev)
        claim_words = sum(len(x.text.split()) for x in an.outlet_voice)
        own_words += claim_words
        total_words += (an.language_summary.words if an.language_summary
                        else len(an.article.body.split()))
        for x in an.outlet_voice:
            c.add("own", _ev(a, text, x.start, x.end, whole_sentence=False), 0)
        for f in an.findings:
            ev = _ev(a, text, f.start, f.end, note=f.text)
            if f.category == "contested_label":
                c.add("contested", ev)
            elif f.category == "loaded":
                c.add("loaded", ev)
            term = (f.term or f.text).lower()
            use = terms.setdefault((term, f.category), TermUse(
                term=term, category=f.category, count=0, in_own_voice=0))
            use.count += 1
            use.in_own_voice += f.voice == OUTLET_VOICE
            if len(use.evidence) < MAX_EVIDENCE:
                use.evidence.append(ev)
        for lab in an.actor_labels:
            if lab.actor not in actors:
                continue
            use = labels[lab.actor].setdefault(lab.label.lower(), TermUse(
                term=lab.label.lower(), category="contested_label" if lab.contested
                else "label", count=0, in_own_voice=0))
            use.count += 1
            use.in_own_voice += lab.attached_by == OUTLET_VOICE
            if len(use.evidence) < MAX_EVIDENCE:
                use.evidence.append(_ev(a, text, lab.start, lab.end, note=lab.attached_by))
    first = rows[0][0]
    return OutletComparison(
        outlet_id=first.outlet_id or "(unknown)",
        outlet_name=first.outlet_name or first.outlet_id or "(unknown)",
        articles=[a for a, _ in rows], copies_left_out=copies,
        headlines=[a.headline or "" for a, _ in rows],
        article_types=dict(Counter(a.article_type or "unknown" for a, _ in rows)),
        voices_named=c.metric("named"), voices_anonymous=c.metric("anonymous"),
        voices_by_role={r: c.metric(f"role:{r}") for r in ROLES},
        own_voice_share=c.metric("own", round(own_words / total_words, 4)
                                 if total_words else 0.0),
        no_comment=c.metric("no_comment"), contested_labels=c.metric("contested"),
        loaded_terms=c.metric("loaded"),
        terms=sorted(terms.values(), key=lambda u: (-u.count, u.term)),
        actor_labels={k: sorted(v.values(), key=lambda u: (-u.count, u.term))
                      for k, v in labels.items()},
    )


def compare_articles(rows: list[tuple[ArticleSummary, Analysis]],
                     copies_of: dict[int, set[int]], all_outlets: list[OutletSummary], *,
                     story: StorySummary | None = None, query: str | None = None,
                     n_actors: int = 5) -> Comparison:
    """Compare the outlets of ``rows`` (articles with analyses). ``copies_of`` maps an article
    id to the ids it is a duplicate of; ``all_outlets`` are the corpus's outlets."""
    by_outlet: dict[str, list[tuple[ArticleSummary, Analysis]]] = defaultdict(list)
    for a, an in sorted(rows, key=lambda r: (r[0].published or "", r[0].id)):
        by_outlet[a.outlet_id or "(unknown)"].append((a, an))
    actor_counts = Counter(lab.actor for _, an in rows for lab in an.actor_labels)
    actors = [a for a, _ in actor_counts.most_common(n_actors)]
    coverage: dict[str, dict[str, int]] = defaultdict(dict)
    outlets = []
    for oid, items in sorted(by_outlet.items()):
        kept: list[tuple[ArticleSummary, Analysis]] = []
        left_out: list[int] = []
        kept_ids: set[int] = set()
        for a, an in items:
            if copies_of.get(a.id, set()) & kept_ids:
                left_out.append(a.id)  # a copy of an article this outlet already counts
                continue
            kept.append((a, an))
            kept_ids.add(a.id)
            day = (a.published or "")[:10] or "undated"
            coverage[day][oid] = coverage[day].get(oid, 0) + 1
        outlets.append(_outlet(kept, actors, left_out))
    silent = [o for o in all_outlets if o.id not in by_outlet and o.articles]
    return Comparison(story=story, query=query, outlets=outlets, silent_outlets=silent,
                      main_actors=actors, coverage=dict(sorted(coverage.items())))
