"""Plain data passed between presslens spaCy components (kept off the Doc as Python objects).

``RawAttribution`` is what the quote finders produce and the speaker resolver completes; the
analysis stage turns it into :class:`presslens.schema.Attribution`. Offsets are ``doc.text``
character indices, end exclusive; a part may be discontinuous (several fragments).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CharSpan", "RawAttribution", "RawRefusal", "VoiceCluster", "doc_text"]

CharSpan = tuple[int, int]

_TEXT_KEY = "presslens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    spaCy rebuilds ``doc.text`` from every token on each access, so reading it inside a loop
    over quotes or matches turns linear work quadratic (minutes on a page of quote marks).
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if isinstance(cached, str):
        return cached
    text = doc.text
    doc.user_data[_TEXT_KEY] = text
    return text


@dataclass
class RawAttribution:
    """One attribution relation found in a Doc: content, cue and source fragments."""

    kind: str  # "direct" | "indirect" | "mixed"
    content: list[CharSpan]
    cue: list[CharSpan] = field(default_factory=list)
    source: list[CharSpan] = field(default_factory=list)
    rule: str = ""
    description: str | None = None  # role/description of the source ("a senior official")
    speaker: str | None = None  # canonical voice name, set by the speaker resolver
    voice_id: str | None = None
    in_headline: bool = False


@dataclass
class VoiceCluster:
    """One speaker (or actor) as resolved across a Doc: every mention, one canonical name."""

    id: str  # stable within the Doc: "v1", "v2", ... in order of first mention
    name: str  # canonical name ("Hossein Kana'ani Moghaddam"), or the description if anonymous
    type: str  # "person" | "organisation" | "anonymous" | "author" | "unknown"
    descriptions: list[str] = field(default_factory=list)  # "the Iranian analyst", roles
    mentions: list[CharSpan] = field(default_factory=list)  # every resolved mention, doc offsets


@dataclass
class RawRefusal:
    """A silence: an actor who declined to comment, did not respond or could not be reached."""

    kind: str  # "declined" | "no_response" | "unreachable" | "no_statement" | "not_disclosed"
    cue: list[CharSpan]  # "declined to comment", "did not respond"
    source: list[CharSpan]  # who stayed silent, as written ("The ministry", "he")
    sentence: CharSpan
    actor: str | None = None  # set by the speaker resolver: the canonical name
    voice_id: str | None = None  # the voice, when the actor also speaks in the article
