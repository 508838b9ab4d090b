"""Hand-built Analyses for corpus tests (no spaCy needed): articles with voices and findings."""

from __future__ import annotations

from presslens.schema import (
    Analysis,
    Article,
    Attribution,
    Block,
    LanguageFinding,
    LanguageSummary,
    OutletInfo,
    Voice,
)


def make_analysis(
    body: str,
    *,
    headline: str = "A headline",
    outlet: str | None = "ledger",
    published: str | None = "2026-03-14",
    url: str | None = None,
    voices: list[Voice] | None = None,
    findings: list[LanguageFinding] | None = None,
    attributions: list[Attribution] | None = None,
    article_type: str = "report",
) -> Analysis:
    """An Analysis of an article with this headline and body (blocks and offsets consistent)."""
    text = headline + "\n\n" + body
    start = len(headline) + 2
    article = Article(
        text=text, url=url, headline=headline, published=published,
        outlet=OutletInfo(id=outlet, name=outlet.title()) if outlet else None,
        article_type=article_type,
        blocks=[Block(kind="headline", start=0, end=len(headline), text=headline),
                Block(kind="body", start=start, end=len(text), text=body)],
    )
    fs = findings or []
    return Analysis(article=article, voices=voices or [], findings=fs,
                    attributions=attributions or [],
                    named_sources=len([v for v in voices or [] if v.type == "person"]),
                    language_summary=LanguageSummary.of(fs, len(body.split())))


def finding(text: str, body_text: str, category: str = "loaded",
            voice: str = "outlet") -> LanguageFinding:
    """A finding on the first occurrence of ``body_text`` inside ``text``."""
    i = text.index(body_text)
    return LanguageFinding(start=i, end=i + len(body_text), text=body_text, category=category,
                           term=body_text.lower(), voice=voice)
