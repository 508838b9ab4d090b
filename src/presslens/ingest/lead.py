"""Is a header line about the story? Content-word overlap with the lead paragraphs.

Owns :func:`lead_overlap`. A headline shares content words with the story's opening ("Ceasefire
talks resume in Cairo" / "Negotiators resumed ceasefire talks in Cairo"); a site tagline, a
language menu, a status line or a byline does not ("Exclusive news, data and analytics for
financial market professionals"). Ingest uses it to refuse a headline that says nothing the lead
says when a header line below it does.
"""

from __future__ import annotations

import logging
import re

__all__ = ["content_words", "lead_overlap"]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset({
    "that", "this", "with", "from", "have", "been", "were", "will", "would", "said", "says",
    "their", "they", "them", "there", "what", "when", "which", "while", "after", "before",
    "about", "into", "over", "also", "more", "than", "some", "other", "just", "your", "ours",
    "news", "today", "latest", "live", "updates", "breaking", "read", "menu", "home",
})
_LEAD_WORDS = 150


def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def content_words(text: str) -> set[str]:
    """Stemmed content words (4+ letters, not function words) of ``text``."""
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP}


def lead_overlap(line: str, lead: str) -> int:
    """How many content words ``line`` shares with the first words of ``lead``."""
    head = " ".join(lead.split()[:_LEAD_WORDS])
    return len(content_words(line) & content_words(head))
