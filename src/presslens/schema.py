"""Pydantic models of every presslens output, and the JSON Schema generated from them.

Offsets convention (one for the whole project): every ``start``/``end`` and every ``[start, end]``
span is a Python ``str`` index (end exclusive) into ``Article.text``. For plain-text input
``Article.text`` *is* the decoded input, so spans can be scored against the input directly;
for HTML input it is the text presslens built from the page (headline, then body paragraphs).
``Article.body`` (the body blocks joined by blank lines, as the HTML report shows the article) is
a convenience copy for readers: no offset points into it.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

__all__ = [
    "OUTLET_VOICE",
    "SCHEMA_VERSION",
    "ActorLabel",
    "Analysis",
    "Article",
    "ArticleType",
    "Attribution",
    "AttributionKind",
    "Block",
    "BlockKind",
    "Citation",
    "Evidence",
    "LanguageFinding",
    "LanguageSummary",
    "OutletClaim",
    "OutletInfo",
    "Span",
    "TechniqueSpan",
    "Voice",
    "VoiceType",
    "json_schema",
]

SCHEMA_VERSION = "1.0"

Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


# --------------------------------------------------------------------------- provenance


class BlockKind(StrEnum):
    """What a block of the page text is."""

    SECTION = "section"
    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    BYLINE = "byline"
    DATELINE = "dateline"
    BODY = "body"
    BOILERPLATE = "boilerplate"


class Block(_Model):
    """One line/paragraph of ``Article.text``; boilerplate is kept and marked, never dropped."""

    kind: BlockKind
    start: int
    end: int
    text: str
    reason: str | None = Field(None, description="Why the block got this kind (rule name).")


class Citation(_Model):
    """Where a fact about an outlet comes from."""

    url: str
    title: str | None = None


class OutletInfo(_Model):
    """An outlet from the registry, and how this article was matched to it."""

    id: str
    name: str
    country: str | None = None
    owner: str | None = None
    ownership_type: str | None = Field(
        None, description="public_service | private | state_controlled | nonprofit | cooperative"
    )
    state_affiliated: bool = False
    controlling_state: str | None = None
    domains: list[str] = []
    citations: list[Citation] = []
    matched_by: str | None = Field(
        None, description="url_domain | site_name | self_reference | copyright | name"
    )
    matched_value: str | None = None


class ArticleType(StrEnum):
    """Genre of the piece."""

    REPORT = "report"
    INTERVIEW = "interview"
    OPINION = "opinion"
    ANALYSIS = "analysis"
    PRESS_RELEASE = "press_release"
    WIRE = "wire"
    UNKNOWN = "unknown"


class Evidence(_Model):
    """Why a provenance field has its value: the rule and the text it read."""

    field: str
    value: str
    rule: str
    text: str | None = None


class Article(_Model):
    """An ingested article: text, provenance, and the page's blocks with boilerplate marked."""

    text: str = Field(description="Canonical text every offset points into.")
    source_type: Literal["text", "html"] = "text"
    url: str | None = Field(
        None, description="Where the article was read from; for a saved page, its own canonical "
        "URL (evidence rule `canonical_link`).")
    headline: str | None = None
    authors: list[str] = Field([], description="People only; agencies go in `agency`.")
    agency: str | None = Field(None, description="Wire agency credited (Reuters, AFP, AP ...).")
    published: str | None = Field(None, description="Publication date, ISO 8601.")
    date_text: str | None = Field(None, description="The date as shown on the page.")
    section_path: list[str] = []
    site_name: str | None = None
    outlet: OutletInfo | None = None
    article_type: ArticleType = ArticleType.UNKNOWN
    type_alternatives: list[ArticleType] = Field(
        [], description="Other genres the evidence also supports (e.g. interview and analysis)."
    )
    language: str = "en"
    blocks: list[Block] = []
    evidence: list[Evidence] = []
    warnings: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _drop_derived(cls, data: Any) -> Any:
        """``body`` is derived from ``blocks``: accepted in input (a JSON round trip), dropped."""
        if isinstance(data, dict) and "body" in data:
            data = {k: v for k, v in data.items() if k != "body"}
        return data

    def body_blocks(self) -> list[Block]:
        """Body paragraphs in order."""
        return [b for b in self.blocks if b.kind == BlockKind.BODY]

    @computed_field(  # type: ignore[prop-decorator]  # pydantic's documented pattern
        description="The body blocks' text joined by blank lines (boilerplate, headline and "
        "byline excluded), as the HTML report shows the article. No offset refers to this "
        "string: every span points into `text`."
    )
    @property
    def body(self) -> str:
        """Body paragraphs joined by blank lines (boilerplate, headline and byline excluded)."""
        return "\n\n".join(b.text for b in self.body_blocks())


# --------------------------------------------------------------------------- voices


class AttributionKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class VoiceType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    AUTHOR = "author"  # the writer narrating in the first person (named by the byline if any)
    UNKNOWN = "unknown"


class Attribution(_Model):
    """Who said what: content, cue and source spans (each possibly discontinuous)."""

    kind: AttributionKind
    content: list[Span]
    cue: list[Span] = []
    source: list[Span] = []
    speaker: str | None = Field(None, description="Canonical voice name, or null if unresolved.")
    voice_id: str | None = None
    description: str | None = Field(
        None, description="Role/description of the source (e.g. 'a senior official')."
    )
    content_text: str = ""
    cue_text: str = ""
    source_text: str = ""
    in_headline: bool = False
    rule: str | None = Field(None, description="Which rule or model produced it.")
    statement: bool = Field(
        True,
        description="False for a relation that only describes an unnamed source ('experiences "
        "that show …'): kept for completeness, but its words remain the outlet's.",
    )


class Voice(_Model):
    """A canonical speaker and what the article gives them."""

    id: str
    name: str
    type: VoiceType = VoiceType.UNKNOWN
    descriptions: list[str] = []
    mentions: list[Span] = []
    statements: int = 0
    words_quoted: int = 0
    share: float = Field(0.0, description="Words attributed to this voice / body words.")


class OutletClaim(_Model):
    """A body sentence asserted in the outlet's own voice (no attribution covers it)."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- language


# LanguageFinding.voice of words in the outlet's own (unattributed) voice.
OUTLET_VOICE = "outlet"


class LanguageFinding(_Model):
    """A language choice with its evidence, explanation and neutral alternatives."""

    start: int
    end: int
    text: str
    category: str = Field(
        description="loaded | intensifier | hedge | certainty | contested_label | scare_quote "
        "| headline_framing"
    )
    term: str | None = Field(None, description="Lexicon entry that matched.")
    group: str | None = Field(None, description="Contested-label set, e.g. 'captives/hostages'.")
    explanation: str = ""
    alternatives: list[str] = []
    voice: str = Field(OUTLET_VOICE, description="'outlet' or the speaker's canonical name.")
    voice_id: str | None = None


class ActorLabel(_Model):
    """A word the article attaches to an actor, and who attaches it."""

    actor: str
    label: str
    start: int
    end: int
    attached_by: str = "outlet"
    contested: bool = False
    alternatives: list[str] = []


class TechniqueSpan(_Model):
    """A persuasion-technique span (SemEval-2020 Task 11 names)."""

    start: int
    end: int
    technique: str
    score: float | None = None
    source: str = Field("model", description="model | lexicon | rule")
    text: str = ""


class LanguageSummary(_Model):
    """Counts and densities of language findings, split by voice."""

    words: int = 0
    counts: dict[str, int] = {}
    per_1000_words: dict[str, float] = {}
    outlet_counts: dict[str, int] = {}
    quoted_counts: dict[str, int] = {}

    @classmethod
    def of(cls, findings: list[LanguageFinding], words: int) -> LanguageSummary:
        """Counts of ``findings`` by category, per 1,000 of ``words``, outlet vs quoted."""
        counts = Counter(f.category for f in findings)
        return cls(
            words=words,
            counts=dict(counts),
            per_1000_words={c: round(1000 * n / words, 2) for c, n in counts.items()}
            if words else {},
            outlet_counts=dict(Counter(f.category for f in findings if f.voice == OUTLET_VOICE)),
            quoted_counts=dict(Counter(f.category for f in findings if f.voice != OUTLET_VOICE)),
        )


# --------------------------------------------------------------------------- analysis


class Analysis(_Model):
    """Everything presslens says about one article."""

    schema_version: str = SCHEMA_VERSION
    presslens_version: str = ""
    model: str | None = Field(None, description="spaCy pipeline used.")
    article: Article
    attributions: list[Attribution] = []
    voices: list[Voice] = []
    named_sources: int = Field(0, description="Distinct named (non-anonymous) voices.")
    outlet_voice: list[OutletClaim] = []
    findings: list[LanguageFinding] = []
    actor_labels: list[ActorLabel] = []
    techniques: list[TechniqueSpan] = []
    language_summary: LanguageSummary | None = None
    warnings: list[str] = []


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every presslens output, keyed by model name."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "presslens outputs",
        "version": SCHEMA_VERSION,
        "outputs": {
            "Analysis": Analysis.model_json_schema(mode="serialization"),
            "Article": Article.model_json_schema(mode="serialization"),
        },
    }
