"""Plain data passed between presslens spaCy components (kept off the Doc as Python objects).

``RawAttribution`` is what the quote finders produce and the speaker resolver completes; the
analysis stage turns it into :class:`presslens.schema.Attribution`. Offsets are ``doc.text``
character indices, end exclusive; a part may be discontinuous (several fragments).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CharSpan", "RawAttribution", "VoiceCluster"]

CharSpan = tuple[int, int]


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
    type: str  # "person" | "organisation" | "anonymous" | "unknown"
    descriptions: list[str] = field(default_factory=list)  # "the Iranian analyst", roles
    mentions: list[CharSpan] = field(default_factory=list)  # every resolved mention, doc offsets
