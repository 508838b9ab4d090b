"""Reports render what the analysis holds, and never let article text out unescaped."""

from __future__ import annotations

from html.parser import HTMLParser

from presslens.report import render_html, render_markdown, render_text
from presslens.report.html import safe_link
from presslens.report.segments import Mark, nest, runs
from presslens.schema import (
    ActorLabel,
    Analysis,
    Article,
    Attribution,
    Block,
    LanguageFinding,
    LanguageSummary,
    OutletInfo,
    TechniqueSpan,
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
                                  explanation="test <i>", alternatives=["<they>"],
                                  voice="Kim", voice_id="v1")],
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
    # Markdown renders raw HTML: untrusted names appear as entities, never as tags
    assert "| Kim &lt;Lee&gt; | person | 1 |" in md
    assert "<" not in md.replace("&lt;", "")
    txt = render_text(_analysis())
    assert "Kim <Lee>" in txt and "Provenance" in txt


def test_markdown_neutralises_links_and_html_from_article_text():
    from presslens.report.markdown import _cell

    cell = _cell("[click](javascript:alert(1)) <img src=x onerror=y> a|b `c` *d*")
    assert "](" not in cell.replace("\\](", "")
    assert "<img" not in cell and "&lt;img" in cell
    assert "a\\|b" in cell and "\\`c\\`" in cell and "\\*d\\*" in cell


def test_runs_cut_at_every_boundary_and_union_classes():
    text = "abcdefghij"
    out = runs(text, 0, 10, [Mark(2, 6, ("a",), "A"), Mark(4, 8, ("b",), "B")])
    assert [r.text for r in out] == ["ab", "cd", "ef", "gh", "ij"]
    assert out[2].classes == ("a", "b") and out[2].title == "A · B"
    assert "".join(r.text for r in out) == text


def test_runs_clip_marks_outside_the_range():
    out = runs("0123456789", 3, 6, [Mark(0, 4, ("x",)), Mark(8, 9, ("y",))])
    assert [(r.text, r.classes) for r in out] == [("3", ("x",)), ("45", ())]


# --------------------------------------------------------------------------- HTML structure

_VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Tree(HTMLParser):
    """Parses a page, failing on crossed tags; records each text run with its enclosing classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, list[str], list[str]]] = []  # text, class stack, title stack
        self.starts: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, dict(attrs)))
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.texts.append((
                data,
                [a.get("class") or "" for _, a in self.stack],
                # The hover note: a title, or a data-note for marks explained on focus too.
                [a.get("title") or a.get("data-note") or "" for _, a in self.stack
                 if a.get("title") or a.get("data-note")],
            ))


def _parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert [t for t, _ in tree.stack] == [], "unclosed tags"
    return tree


HOSTILE = 'x"><script>alert(1)</script><img src=x onerror="alert(2)">\' onmouseover=\'alert(3)'


def _hostile_analysis() -> Analysis:
    head = f"Head {HOSTILE}"
    body = f'{HOSTILE} said "we {HOSTILE} will win" today.'
    text = f"{head}\n\nBy {HOSTILE}\n\n{body}\n\n{HOSTILE} boilerplate"
    b0 = text.index(body)
    q0 = text.index('"we')
    q1 = text.index('win"') + 4
    bp = text.rindex(HOSTILE)
    blocks = [
        Block(kind="headline", start=0, end=len(head), text=head),
        Block(kind="byline", start=len(head) + 2, end=b0 - 2, text=text[len(head) + 2:b0 - 2]),
        Block(kind="body", start=b0, end=b0 + len(body), text=body),
        Block(kind="boilerplate", start=bp, end=len(text), text=text[bp:], reason=HOSTILE),
    ]
    art = Article(text=text, headline=head, authors=[HOSTILE], blocks=blocks,
                  section_path=[HOSTILE], site_name=HOSTILE, url=HOSTILE, language='en" x="')
    inner = text.index(HOSTILE, q0)
    return Analysis(
        article=art,
        attributions=[Attribution(kind="direct", content=[(q0, q1)], speaker=HOSTILE,
                                  voice_id="v1", source=[(b0, b0 + len(HOSTILE))])],
        voices=[Voice(id="v1", name=HOSTILE, descriptions=[HOSTILE], statements=1, share=0.4)],
        findings=[LanguageFinding(start=inner, end=inner + len(HOSTILE), text=HOSTILE,
                                  category="loaded", explanation=HOSTILE, alternatives=[HOSTILE],
                                  voice=HOSTILE)],
        techniques=[TechniqueSpan(start=b0, end=b0 + len(body), technique=HOSTILE)],
        warnings=[HOSTILE],
    )


def test_hostile_text_in_every_field_stays_text():
    page = render_html(_hostile_analysis())
    tree = _parse(page)
    tags = [t for t, _ in tree.starts]
    assert "script" not in tags and "img" not in tags
    for _, attrs in tree.starts:
        assert not [k for k in attrs if k.startswith("on")], attrs
        # No style attributes: the CSP allows only the page's own stylesheet (bars are SVG).
        assert set(attrs) <= {"class", "title", "href", "rel", "lang", "charset", "name",
                              "content", "http-equiv", "aria-label", "role", "id", "tabindex",
                              "data-note", "aria-describedby", "aria-hidden", "viewbox",
                              "preserveaspectratio", "x", "y", "width", "height", "rx", "fill",
                              "stroke", "stroke-width"}, attrs
    # The hostile string comes back intact as text (escaped, not dropped).
    assert sum(HOSTILE in t for t, _, _ in tree.texts) >= 5


def test_finding_inside_quotation_nests_inside_its_element():
    page = render_html(_analysis())
    tree = _parse(page)
    hits = [(classes, titles) for t, classes, titles in tree.texts if t == "we"]
    assert hits, "finding text missing"
    classes, titles = hits[0]
    q = next(i for i, c in enumerate(classes) if "quote" in c.split())
    f = next(i for i, c in enumerate(classes) if "finding" in c.split())
    assert q < f, "the finding must sit inside the quotation, not beside it"
    # Hover: the finding's note carries its explanation, alternatives and the speaker.
    assert "test <i>" in titles[-1] and "<they>" in titles[-1] and "Kim" in titles[-1]
    # The quotation stays one element around the finding: the text after it shares the parent.
    after = [c for t, c, _ in tree.texts if t.startswith(" <script>")]
    assert after and "quote" in after[0][-1].split()


def test_nest_is_well_formed_for_crossing_and_identical_marks():
    text = "0123456789"
    marks = [Mark(2, 6, ("q",), rank=0), Mark(4, 8, ("t",), rank=3), Mark(2, 6, ("f",), rank=2),
             Mark(0, 10, ("all",)), Mark(5, 5, ("empty",)), Mark(-4, 1, ("clip",))]
    nodes = nest(text, 0, 10, marks)

    def spans(ns, depth=()):  # (classes path, text) of every leaf
        for n in ns:
            if n.mark is None:
                yield depth, n.text
            else:
                yield from spans(n.children, (*depth, n.mark.css))

    leaves = list(spans(nodes))
    assert "".join(t for _, t in leaves) == text
    by_text = dict((t, d) for d, t in leaves)
    assert by_text["45"] == ("all", "q", "f", "t")  # identical range: lower rank outermost
    assert by_text["67"] == ("all", "t")  # the crossing mark continues after the quotation ends
    assert by_text["0"] == ("all", "clip")
    assert all("empty" not in d for d, _ in leaves)


def test_html_shows_language_summary_split_by_voice():
    an = _analysis()
    an.language_summary = LanguageSummary(words=500, counts={"loaded": 3, "hedge": 1},
                                          per_1000_words={"loaded": 6.0, "hedge": 2.0},
                                          outlet_counts={"loaded": 1}, quoted_counts={"loaded": 2,
                                                                                       "hedge": 1})
    tree = _parse(render_html(an))
    rows = [t for t, c, _ in tree.texts]
    joined = " ".join(rows)
    assert "4 finding(s) in 500 words" in joined and "8.0 per 1,000 words" in joined
    # The category table: label, count, density, outlet, quoted.
    i = rows.index("loaded / emotive word")
    assert rows[i + 1:i + 5] == ["3", "6.0", "1", "2"]


def test_html_techniques_listed_or_said_to_be_none():
    an = _analysis()
    assert "No persuasion-technique spans detected." in render_html(an)
    s = an.article.text.index("Kim")
    an.techniques = [TechniqueSpan(start=s, end=s + 20, technique="Name_Calling,Labeling")]
    page = render_html(an)
    assert "Name calling, labeling" in page
    assert 'class="technique"' in page


def test_html_lists_outlet_voice_and_labels_every_removed_line():
    an = _analysis()
    page = render_html(an)
    tree = _parse(page)
    removed = [c for t, c, _ in tree.texts if "Share this article" in t]
    assert removed and "boilerplate" in removed[0][-1]
    assert any(t.startswith("removed: share-line") for t, _, _ in tree.texts)


def test_markdown_and_text_show_the_language_summary():
    an = _analysis()
    an.findings.append(LanguageFinding(start=0, end=6, text="Valley", category="hedge",
                                       explanation="x"))
    md = render_markdown(an)
    # No stored summary: the renderers count the findings themselves, split by voice.
    assert "| loaded / emotive word | 1 |" in md and "| hedge | 1 |" in md
    assert "1 in the outlet's own voice, 1 in quoted voices" in md
    txt = render_text(an)
    assert "2 findings in" in txt and "per 1,000" in txt
    assert "outlet" in txt and "quoted" in txt


def test_actor_labels_are_grouped_with_who_attaches_them():
    an = _analysis()
    an.actor_labels = [
        ActorLabel(actor="Ruritania", label="regime <x>", start=0, end=1, contested=True),
        ActorLabel(actor="Ruritania", label="regime <x>", start=5, end=6, contested=True),
        ActorLabel(actor="Kim", label="veteran", start=2, end=3, attached_by="Lee"),
    ]
    page = render_html(an)
    tree = _parse(page)
    texts = [t for t, _, _ in tree.texts]
    i = texts.index("Ruritania")
    assert texts[i + 1:i + 4] == ["regime <x>", "×2", "(outlet)"]
    assert "(Lee)" in texts
    md = render_markdown(an)
    assert "- Ruritania: **regime &lt;x&gt;** ×2 (outlet)" in md and "- Kim: veteran (Lee)" in md


def test_text_and_markdown_show_each_voices_words_silences_and_outlet_sentences():
    from presslens.schema import NoComment, OutletClaim

    an = _analysis()
    s = TEXT.index("Kim")
    an.outlet_voice = [OutletClaim(start=s, end=s + 8, text="Kim said <u>today</u>")]
    an.no_comment = [NoComment(actor="The <Ministry>", kind="declined", start=s, end=s + 8,
                               text="The ministry declined to comment.")]
    for out in (render_text(an, width=200), render_markdown(an)):
        assert "What each voice said" in out
        assert "will win" in out  # the voice's statement, not only its count
        assert "No comment" in out and "declined to comment" in out
        assert "today" in out  # the outlet-voice sentence itself
    md = render_markdown(an)
    assert "The &lt;Ministry&gt;" in md and "<Ministry>" not in md
    assert "<u>" not in md
    page = render_html(an)
    assert "No comment" in page and "The &lt;Ministry&gt;" in page


def test_long_statements_are_shortened_in_the_evidence():
    from presslens.report.view import shorten

    assert shorten("a  b\nc") == "a b c"
    long = " ".join(f"w{i}" for i in range(50))
    assert shorten(long, 5) == "w0 w1 w2 w3 w4 …"


def test_report_csp_allows_exactly_its_own_stylesheet_and_no_style_attributes():
    import base64
    import hashlib
    import re

    page = render_html(_hostile_analysis())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp and "unsafe-inline" not in csp
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert " style=" not in page and ".voice-0 {" in css


def test_outlet_sentences_are_shaded_and_findings_are_explained_on_focus():
    from presslens.schema import OutletClaim

    an = _analysis()
    s = TEXT.index("Kim")
    an.outlet_voice = [OutletClaim(start=s, end=s + 8, text=TEXT[s:s + 8])]
    tree = _parse(render_html(an))
    shaded = [c for t, c, _ in tree.texts if t.startswith("Kim") and "body" in c]
    assert shaded and any("outlet-voice" in c.split() for c in shaded[0])
    # The finding is focusable and described by a note that carries its alternatives.
    finding = next(a for t, a in tree.starts if "finding" in (a.get("class") or "").split()
                   and a.get("tabindex") == "0")
    note_id = finding["aria-describedby"]
    notes = [a for t, a in tree.starts if a.get("id") == note_id]
    assert len(notes) == 1
    assert "<they>" in finding["data-note"] and "test <i>" in finding["data-note"]
