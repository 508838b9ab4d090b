"""The JSON output as a reader of trafilatura or newspaper expects it: the body as one string."""

from __future__ import annotations

import json

from presslens.analysis import analyze_article
from presslens.cli import Format, render, sample_text
from presslens.config import load_settings
from presslens.ingest import load_bytes
from presslens.schema import Analysis, Article, BlockKind, json_schema

PAGE = """Home | World | Sport
Water talks resume after a week of silence
By Ana Lopez
2 March 2026
The two delegations met again on Monday in a hotel by the lake.

Neither side spoke to reporters afterwards.
Share this article
"""


def _json(text: str) -> str:
    """The CLI's JSON output for a scraped page, provenance stage only (no model load)."""
    settings = load_settings(None)
    article = load_bytes(text.encode(), kind="text", settings=settings)
    return render(analyze_article(article, settings=settings, nlp=False), Format.json)


def _ingested(text: str) -> Analysis:
    return Analysis.model_validate_json(_json(text))


def test_json_carries_the_body_as_the_report_shows_it() -> None:
    raw = _json(PAGE)
    body = json.loads(raw)["article"]["body"]
    assert "two delegations met again" in body and "Neither side spoke" in body
    for furniture in ("Home | World", "By Ana Lopez", "Share this article", "Water talks resume"):
        assert furniture not in body
    article = Analysis.model_validate_json(raw).article
    assert body == "\n\n".join(b.text for b in article.blocks if b.kind == BlockKind.BODY)


def test_body_round_trips_and_follows_the_blocks() -> None:
    article = _ingested(sample_text()).article
    again = Article.model_validate_json(article.model_dump_json())
    assert again == article and again.body == article.body
    shorter = article.model_copy(update={"blocks": article.body_blocks()[:1]})
    assert shorter.body == article.body_blocks()[0].text


def test_schema_documents_body_and_which_string_offsets_refer_to() -> None:
    props = json_schema()["outputs"]["Article"]["properties"]
    assert props["body"]["type"] == "string"
    assert "`text`" in props["body"]["description"]
    assert "offset" in props["text"]["description"].lower() or "offset" in (
        props["body"]["description"].lower()
    )
