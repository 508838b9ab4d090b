"""Story features of one analysed article: weighted terms, named entities, headline words, date.

Owns what the story clusterer knows of an article. Computed where the analysis is made (a worker
process may do it) and stored with the article, so the clusterer can be rebuilt from the store.
Entities are the article's named voices plus capitalised name sequences inside sentences (a
sentence's first word alone is not taken as a name); they are treated the same whoever they name.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..schema import Analysis

__all__ = ["MAX_TERMS", "entities_of", "story_features", "terms_of"]

logger = logging.getLogger(__name__)

MAX_TERMS = 80
_TOKEN = re.compile(r"[a-z][a-z'’-]+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))*)")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "mr", "ms", "mrs", "just",
                                         "like", "year", "new", "people", "time"}
_NAME_STOP = frozenset({"The", "But", "And", "He", "She", "It", "They", "We", "In", "On", "At",
                        "A", "An", "This", "That", "I", "If", "As", "For", "Mr", "Ms", "Mrs",
                        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                        "Sunday", "January", "February", "March", "April", "May", "June", "July",
                        "August", "September", "October", "November", "December"})


def terms_of(text: str, limit: int = MAX_TERMS) -> dict[str, int]:
    """The ``limit`` most frequent content words of ``text`` (lower-cased, stop words out)."""
    counts = Counter(w.replace("’", "'").strip("'-") for w in _TOKEN.findall(text.lower()))
    kept = [(w, n) for w, n in counts.items() if len(w) > 2 and w not in _STOP]
    kept.sort(key=lambda kv: (-kv[1], kv[0]))
    return dict(kept[:limit])


def entities_of(text: str, voices: list[str]) -> list[str]:
    """Name sequences in ``text`` plus the given voice names, each once, lower-cased."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        for m in _NAME.finditer(line):
            name = m.group(1)
            if name in _NAME_STOP:
                continue
            found[name.lower()] += 1
            last = name.split()[-1]
            if last != name and last not in _NAME_STOP:
                found[last.lower()] += 1  # "Hillary Clinton" … later "Clinton"
    for v in voices:
        found[v.lower()] += 1
    return [e for e, _ in found.most_common(40)]


def story_features(analysis: Analysis) -> dict[str, Any]:
    """The clusterer's view of one article (JSON-serialisable)."""
    art = analysis.article
    body = art.body or art.text
    terms = terms_of(body)
    voices = [v.name for v in analysis.voices if v.type in ("person", "organisation")]
    return {
        "terms": terms,
        "headline": sorted(terms_of(art.headline or "", 20)),
        "entities": entities_of((art.headline or "") + "\n" + body, voices),
        "date": (art.published or "")[:10] or None,
    }
