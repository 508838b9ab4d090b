"""Reports render what the analysis holds, and never let article text out unescaped."""

from __future__ import annotations

from presslens.report import render_html, render_markdown, render_text
from presslens.report.html import safe_link
from presslens.report.segments import Mark, runs
from presslens.schema import (
    Analysis,
    Article,
    Attribution,
    Block,
    LanguageFinding,
    OutletInfo,
    Voice,
)

TEXT = (
    "Valley <b>News</b>\n\n"
    'Kim said "we <script>alert(1)</script> will win" today.\n\n'
    "Share this article"
)


def _analysis(url: str | None = "https://example.org/a") -> Analysis:
    head_end = TEXT.index("\n")
    body_start = TEXT.index("Kim")
    body_end = TEXT.index("\n\nShare")
    q0 = TEXT.index('"we')
    q1 = TEXT.index('win"') + 4
    art = Article(
        text=TEXT,
        url=url,
        headline="Valley <b>News</b>",
        blocks=[
            Block(kind="headline", start=0, end=head_end, text=TEXT[:head_end]),
            Block(kind="body", start=body_start, end=body_end, text=TEXT[body_start:body_end]),
            Block(kind="boilerplate", start=body_end + 2, end=len(TEXT),
                  text=TEXT[body_end + 2:], reason="share-line"),
        ],
        outlet=OutletInfo(id="valley", name="Valley <News>", state_affiliated=True,
                          controlling_state="Ruritania"),
    )
    return Analysis(
        article=art,
        attributions=[
            Attribution(kind="direct", content=[(q0, q1)], cue=[(body_start + 4, body_start + 8)],
                        source=[(body_start, body_start + 3)], speaker="Kim", voice_id="v1")
        ],
        voices=[Voice(id="v1", name="Kim <Lee>", type="person", statements=1, share=0.5)],
        findings=[LanguageFinding(start=q0 + 1, end=q0 + 3, text="we", category="loaded",
                                  explanation="test <i>", alternatives=["<they>"])],
    )


def test_html_escapes_untrusted_text_everywhere():
    page = render_html(_analysis())
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>News</b>" not in page
    assert "Valley &lt;News&gt;" in page
    assert "Kim &lt;Lee&gt;" in page


def test_html_marks_boilerplate_removed_and_colours_voice():
    page = render_html(_analysis())
    assert 'class="boilerplate"' in page and "removed: share-line" in page
    assert "voice-0" in page
    assert "state-affiliated (Ruritania)" in page


def test_html_links_only_http_urls():
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("https://example.org") == "https://example.org"
    page = render_html(_analysis(url="javascript:alert(1)"))
    assert 'href="javascript:' not in page


def test_markdown_and_text_carry_the_same_facts():
    md = render_markdown(_analysis())
    assert "| Kim <Lee> | person | 1 |" in md
    txt = render_text(_analysis())
    assert "Kim <Lee>" in txt and "Provenance" in txt


def test_runs_cut_at_every_boundary_and_union_classes():
    text = "abcdefghij"
    out = runs(text, 0, 10, [Mark(2, 6, ("a",), "A"), Mark(4, 8, ("b",), "B")])
    assert [r.text for r in out] == ["ab", "cd", "ef", "gh", "ij"]
    assert out[2].classes == ("a", "b") and out[2].title == "A · B"
    assert "".join(r.text for r in out) == text


def test_runs_clip_marks_outside_the_range():
    out = runs("0123456789", 3, 6, [Mark(0, 4, ("x",)), Mark(8, 9, ("y",))])
    assert [(r.text, r.classes) for r in out] == [("3", ("x",)), ("45", ())]
