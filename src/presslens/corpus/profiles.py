"""An outlet's profile over the corpus: its typical voices and terms, month by month.

Owns :func:`outlet_profile` (what the web UI's outlet page shows): aggregate SQL over the stored
voices and findings of one outlet's articles — never a re-read of the analyses — so it answers
fast however many articles the outlet has. Articles count once each; months come from the
articles' publication dates (articles without a date are counted under ``undated``).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Select, case, func, literal, or_, select

from ..schema import OUTLET_VOICE
from . import tables as t
from .corpus import Corpus

__all__ = ["MonthProfile", "OutletProfile", "TermCount", "VoiceCount", "outlet_profile"]

logger = logging.getLogger(__name__)

UNDATED = "undated"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VoiceCount(_Model):
    """A voice the outlet quotes: in how many of its articles, how many statements."""

    name: str
    role: str
    type: str
    articles: int
    statements: int


class TermCount(_Model):
    """A language finding's term and how often the outlet's articles use it."""

    term: str
    category: str
    count: int
    articles: int
    outlet_voice: int  # occurrences in the outlet's own (unattributed) words


class MonthProfile(_Model):
    """One month of the outlet: articles, voices by role, its own voice, its top terms."""

    month: str
    articles: int
    words: int
    named_sources: int
    outlet_voice_share: float
    roles: dict[str, int]
    top_terms: list[str]


class OutletProfile(_Model):
    """Typical voices and terms of one outlet, overall and month by month."""

    outlet_id: str
    voices: list[VoiceCount]
    terms: list[TermCount]
    months: list[MonthProfile]


def _mine(outlet_id: str) -> Select[tuple[int]]:
    a = t.articles
    return select(a.c.id).where(or_(a.c.outlet_id == outlet_id, a.c.domain == outlet_id.lower()))


def outlet_profile(corpus: Corpus, outlet_id: str, *, top: int = 20) -> OutletProfile:
    """The profile of ``outlet_id`` (an outlet id or registrable domain) in ``corpus``."""
    a, v, f = t.articles, t.voices, t.findings
    ids = _mine(outlet_id).scalar_subquery()
    month = func.coalesce(func.substr(a.c.published, 1, 7), literal(UNDATED)).label("month")
    term = func.lower(func.coalesce(f.c.term, f.c.text)).label("term")
    with corpus.engine.connect() as conn:
        voices = [VoiceCount(name=r.name, role=r.role, type=r.type, articles=r.articles,
                             statements=int(r.statements or 0))
                  for r in conn.execute(
                      select(func.min(v.c.name).label("name"), func.min(v.c.role).label("role"),
                             func.min(v.c.type).label("type"),
                             func.count(func.distinct(v.c.article_id)).label("articles"),
                             func.sum(v.c.statements).label("statements"))
                      .where(v.c.article_id.in_(ids))
                      .group_by(func.lower(v.c.name))
                      .order_by(func.count(func.distinct(v.c.article_id)).desc(),
                                func.sum(v.c.statements).desc(), func.min(v.c.name))
                      .limit(top))]
        terms = [TermCount(term=r.term, category=r.category, count=r.n, articles=r.articles,
                           outlet_voice=int(r.own or 0))
                 for r in conn.execute(
                     select(term, f.c.category, func.count().label("n"),
                            func.count(func.distinct(f.c.article_id)).label("articles"),
                            func.sum(case((f.c.voice == OUTLET_VOICE, 1), else_=0)).label("own"))
                     .where(f.c.article_id.in_(ids))
                     .where(f.c.category.notin_(["headline_framing", "scare_quote"]))
                     .group_by(term, f.c.category)
                     .order_by(func.count().desc(), term).limit(top))]
        per_month = conn.execute(
            select(month, func.count().label("n"), func.sum(a.c.words).label("words"),
                   func.sum(a.c.named_sources).label("named"),
                   func.sum(a.c.outlet_voice_words).label("own"))
            .where(a.c.id.in_(ids)).group_by(month).order_by(month)).all()
        roles: dict[str, dict[str, int]] = defaultdict(dict)
        for r in conn.execute(
                select(month, v.c.role, func.count().label("n"))
                .select_from(v.join(a, a.c.id == v.c.article_id))
                .where(a.c.id.in_(ids)).group_by(month, v.c.role)):
            roles[r.month][r.role] = r.n
        month_terms: dict[str, list[str]] = defaultdict(list)
        for r in conn.execute(
                select(month, term, func.count().label("n"))
                .select_from(f.join(a, a.c.id == f.c.article_id))
                .where(a.c.id.in_(ids))
                .where(f.c.category.notin_(["headline_framing", "scare_quote"]))
                .group_by(month, term).order_by(month, func.count().desc(), term)):
            if len(month_terms[r.month]) < 3:
                month_terms[r.month].append(r.term)
    months = [MonthProfile(month=r.month, articles=r.n, words=int(r.words or 0),
                           named_sources=int(r.named or 0),
                           outlet_voice_share=round((r.own or 0) / r.words, 4) if r.words else 0.0,
                           roles=roles.get(r.month, {}), top_terms=month_terms.get(r.month, []))
              for r in per_month]
    return OutletProfile(outlet_id=outlet_id, voices=voices, terms=terms, months=months)
