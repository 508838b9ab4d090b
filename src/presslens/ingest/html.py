"""HTML pages → :class:`Article`: trafilatura for the main text, page metadata for provenance.

Owns the HTML ingest path. ``Article.text`` is built from the page: the headline, the visible
byline and date (when the page shows them), then the paragraphs trafilatura extracts, joined by
blank lines; every Block's offsets point into it. Paragraphs that are page furniture (the
shared line rules in :mod:`.boilerplate`, a repeat of the headline, a byline or date line) are
kept as blocks of their own kind, never part of ``Article.body``.

Extraction runs trafilatura in precision mode without comments; when that finds little text a
second, default-mode extraction is tried and kept if it finds much more (precision mode
sometimes prunes the article container of unusual layouts). Provenance comes from
:mod:`.html_meta`; outlet, genre and agency then go through the same registry and genre rules
as the plain-text path.

Hostile input is bounded: the input size is capped by ``settings.max_input_bytes``, control
characters are removed before parsing, and a page lxml cannot parse, or one with neither a
headline nor any text, is an :class:`InputError`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..config import Settings
from ..errors import InputError
from ..outlets.registry import agency as registry_agency
from ..outlets.registry import identify_outlet
from ..outlets.selfref import self_name
from ..schema import Article, ArticleType, Block, BlockKind, Evidence, OutletInfo
from .boilerplate import line_rule
from .breadcrumb import clean_spaces, section_from_address
from .byline import parse_byline
from .dateline import first_dateline
from .dates import find_date
from .decode import clean_char_refs
from .genre import classify_article, section_genres
from .html_meta import PageMeta, read_page_meta, title_similarity

__all__ = ["cap_attributes", "extract_main_text", "parse_html"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# A start tag with thousands of attributes: libxml2 compares each attribute with every earlier
# one (one tag with 200k attributes parsed for minutes), so tags longer than _LONG_TAG characters
# keep their first _MAX_ATTRIBUTES attributes. No real page comes near that count.
_LONG_TAG = re.compile(r"<([A-Za-z][\w:.-]{0,63})([^<>]{4096,})>")
_ATTRIBUTE = re.compile(r"""\s*[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_MAX_ATTRIBUTES = 256
_SHORT_TEXT = 1500  # characters under which precision mode may have cut the article
_FALLBACK_GAIN = 2.0  # the default-mode text must be this many times longer to be preferred
_HEADER_PARAS = 4  # paragraphs at the top of the text where bylines and dates are looked for
# Genre signals only HTML has: schema.org article types, and URL path words (read with the
# section-word table of :func:`.genre.section_genres`).
_SCHEMA_GENRE = {
    "opinionnewsarticle": ArticleType.OPINION,
    "analysisnewsarticle": ArticleType.ANALYSIS,
    "backgroundnewsarticle": ArticleType.ANALYSIS,
    "reviewnewsarticle": ArticleType.REVIEW,
    "review": ArticleType.REVIEW,
}


def _fewer_attributes(m: re.Match[str]) -> str:
    attrs = m.group(2)
    kept = 0
    pos = 0
    for a in _ATTRIBUTE.finditer(attrs):
        if kept == _MAX_ATTRIBUTES:
            break
        kept += 1
        pos = a.end()
    if kept < _MAX_ATTRIBUTES:
        return m.group(0)
    return f"<{m.group(1)}{attrs[:pos]}{'/' if attrs.rstrip().endswith('/') else ''}>"


def cap_attributes(html: str) -> str:
    """``html`` with every start tag cut to its first 256 attributes (see ``_LONG_TAG``)."""
    return _LONG_TAG.sub(_fewer_attributes, html)


def _parse_tree(html: str) -> HtmlElement:
    """The page's tree, parsed once for metadata and extraction alike: with trafilatura's own
    loader (its parser settings) when it accepts the page, else with lxml directly."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is not None:
        return tree
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    if tree is None:
        raise InputError("HTML could not be parsed: the document is empty")
    return tree


def extract_main_text(html: str | HtmlElement, *, url: str | None = None) -> str:
    """The article's main text as trafilatura finds it, one paragraph per line.

    ``html`` may be the page already parsed: trafilatura then works on a copy of the tree
    instead of parsing the page again for each of its (up to two) runs."""
    from trafilatura import bare_extraction

    def run(*, favor_precision: bool) -> str:
        doc = bare_extraction(html, url=url, include_comments=False, with_metadata=False,
                              favor_precision=favor_precision)
        text = getattr(doc, "text", None) if doc is not None else None
        return text if isinstance(text, str) else ""

    text = run(favor_precision=True)
    if len(text) < _SHORT_TEXT:
        wider = run(favor_precision=False)
        if len(wider) > _FALLBACK_GAIN * max(len(text), 1):
            text = wider
    return text


def _date_only(s: str, words: int) -> bool:
    d = find_date(s)
    return d is not None and words <= 12 and len(s) - len(d.text) <= 40


def _classify(paras: list[str], headline: str | None) -> list[tuple[BlockKind, str]]:
    kinds: list[tuple[BlockKind, str]] = []
    for i, p in enumerate(paras):
        words = len(p.split())
        rule = line_rule(p, words)
        if i < _HEADER_PARAS and headline and words <= 40 and title_similarity(
                p, headline) >= 0.9 and abs(len(p) - len(headline)) <= 0.2 * len(headline):
            kinds.append((BlockKind.BOILERPLATE, "repeated_headline"))
        elif rule is not None:
            kinds.append((BlockKind.BOILERPLATE, rule))
        elif i < _HEADER_PARAS and words <= 30 and (b := parse_byline(p)) is not None and (
                b.authors or b.agency):
            kinds.append((BlockKind.BYLINE, "byline_" + b.rule))
        elif i < _HEADER_PARAS and _date_only(p, words):
            kinds.append((BlockKind.DATELINE, "date_line"))
        else:
            kinds.append((BlockKind.BODY, "paragraph"))
    return kinds


def _build(meta: PageMeta, paras: list[str]) -> tuple[str, list[Block]]:
    parts: list[tuple[BlockKind, str, str]] = []
    if meta.headline:
        parts.append((BlockKind.HEADLINE, meta.headline, "page_headline"))
    body_kinds = _classify(paras, meta.headline)
    in_body = " ".join(p for p, (k, _) in zip(paras, body_kinds, strict=True)
                       if k in (BlockKind.BYLINE, BlockKind.DATELINE))
    if meta.byline_text and meta.byline_text not in in_body:
        parts.append((BlockKind.BYLINE, meta.byline_text, "visible_byline"))
    if meta.date_text and meta.date_text not in in_body and meta.date_text not in (
            meta.byline_text or ""):
        parts.append((BlockKind.DATELINE, meta.date_text, "visible_date"))
    parts += [(k, p, r) for p, (k, r) in zip(paras, body_kinds, strict=True)]
    text = ""
    blocks: list[Block] = []
    for kind, s, reason in parts:
        if text:
            text += "\n\n"
        start = len(text)
        text += s
        blocks.append(Block(kind=kind, start=start, end=len(text), text=s, reason=reason))
    return text, blocks


def _host_names(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return re.sub(r"[^a-z0-9]", "", host.lower())


def _outlet(article: Article, meta: PageMeta, url: str | None) -> None:
    ev = article.evidence
    page_url = url or meta.canonical_url
    names = list(meta.site_names)
    host = _host_names(page_url)
    # A site name the page's own address spells ("MSN" on msn.com) is the page's outlet, even
    # when the article inside credits another publisher; other names are tried only otherwise.
    own = [n for n in names if (k := re.sub(r"[^a-z0-9]", "", n.lower())) and k in host]
    trusted = own[:1] or names
    found: tuple[OutletInfo, Evidence] | None = identify_outlet(url=page_url)
    for name in trusted:
        if found is not None:
            break
        found = identify_outlet(site_name=name)
    if found is None and meta.copyright_lines:
        found = identify_outlet(lines=meta.copyright_lines)
    if found is not None:
        article.outlet, outlet_ev = found
        ev.append(outlet_ev)
    if trusted:
        article.site_name = trusted[0]
        ev.append(Evidence(field="site_name", value=trusted[0], rule="page_metadata",
                           text=", ".join(names)[:300]))
    elif article.outlet is None:
        own_name = self_name(meta.copyright_lines)
        if own_name is not None and not re.search(r"\d", own_name.name):
            article.site_name = own_name.name
            ev.append(Evidence(field="site_name", value=own_name.name, rule=own_name.rule,
                               text=own_name.line))


def _fields_from_body(article: Article) -> None:
    """Byline, date and agency written inside the extracted text, when metadata had none."""
    for block in article.blocks:
        if block.kind == BlockKind.BYLINE:
            b = parse_byline(block.text)
            if b is None:
                continue
            if b.authors and not article.authors:
                article.authors = list(b.authors)
                article.evidence.append(Evidence(field="authors", value=", ".join(b.authors),
                                                 rule="text_byline_" + b.rule, text=block.text))
            if b.role:
                article.evidence.append(Evidence(field="byline_role", value=b.role, rule=b.rule,
                                                 text=block.text))
            if b.agency and article.agency is None and (a := registry_agency(b.agency)):
                article.agency = a
                article.evidence.append(Evidence(field="agency", value=a,
                                                 rule="text_byline+registry", text=block.text))
        elif block.kind == BlockKind.DATELINE and article.published is None:
            d = find_date(block.text)
            if d is not None:
                article.published, article.date_text = d.iso, d.text
                article.evidence.append(Evidence(field="published", value=d.iso,
                                                 rule="text_date_line", text=block.text))
    found = first_dateline(article) if article.agency is None else None
    if found is not None and found[1] is not None:
        dl, a = found
        article.agency = a
        article.evidence.append(Evidence(field="agency", value=a,
                                         rule="dateline_credit+registry", text=dl.text))


def _genre(article: Article, meta: PageMeta, url: str | None) -> None:
    best, alternatives, evidence = classify_article(article)
    article.evidence.extend(evidence)
    signals: list[tuple[ArticleType, str, str]] = []
    for t in meta.schema_types:
        if t in _SCHEMA_GENRE:
            signals.append((_SCHEMA_GENRE[t], "schema_org_type", t))
    if meta.opinion_flag:
        signals.append((ArticleType.OPINION, "meta_article_opinion", "article:opinion=true"))
    page_url = url or meta.canonical_url
    if page_url:
        segments = [s for s in urlsplit(page_url).path.split("/") if s][:-1]
        for seg in segments[:4]:
            for genre in section_genres(seg, url_path=True):
                signals.append((genre, "url_path_word", seg))
    for genre, rule, text in signals:
        article.evidence.append(Evidence(field="article_type", value=genre.value, rule=rule,
                                         text=text))
    only_default = all(e.rule == "default_no_genre_signal" for e in evidence)
    if signals and (only_default or best in (ArticleType.REPORT, ArticleType.UNKNOWN)):
        new = signals[0][0]
        if new != best:
            alternatives = [best, *[a for a in alternatives if a != new]]
            if only_default:
                alternatives = [a for a in alternatives if a != ArticleType.REPORT]
            best = new
    article.article_type, article.type_alternatives = best, alternatives


def parse_html(html: str, *, url: str | None = None, settings: Settings) -> Article:
    """Parse an HTML news page into an Article with provenance and evidence."""
    if len(html) > settings.max_input_bytes:
        raise InputError(
            f"HTML has {len(html):,} characters, over the limit of {settings.max_input_bytes:,}")
    sample = html[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise InputError("input looks like binary data, not an HTML page")
    html = cap_attributes(clean_char_refs(_XML_DECL.sub("", _CONTROL.sub("", html), count=1)))
    if not html.strip():
        raise InputError("input is empty")
    tree = _parse_tree(html)
    meta = read_page_meta(tree, url=url)  # reads the tree, never changes it
    try:
        main = extract_main_text(tree, url=url)
    except RecursionError as exc:  # pathologically nested markup
        raise InputError("HTML is nested too deeply to extract its text") from exc
    paras = [p for raw in main.split("\n") if (p := clean_spaces(raw))]
    if not paras and not meta.headline:
        raise InputError("no article text found in the HTML page")
    text, blocks = _build(meta, paras)
    article = Article(text=text, source_type="html", url=url, blocks=blocks,
                      headline=meta.headline, authors=meta.authors, agency=meta.agency,
                      published=meta.published, date_text=meta.date_text,
                      section_path=meta.section_path, evidence=list(meta.evidence))
    for role in meta.roles:
        article.evidence.append(Evidence(field="byline_role", value=role, rule="page_byline",
                                         text=meta.byline_text))
    if url is None and meta.canonical_url:
        # A saved page still says where it lives; the evidence says the address is the page's
        # own claim, not where it was read from.
        article.url = meta.canonical_url
        article.evidence.append(Evidence(field="url", value=meta.canonical_url,
                                         rule="canonical_link", text=meta.canonical_url))
    _fields_from_body(article)
    _outlet(article, meta, url)
    if not article.body_blocks():
        article.warnings.append("no main text found")
    if not article.headline:
        article.warnings.append("no headline found")
    _genre(article, meta, url)
    if url is not None:  # after the genre: a section read from the path is not a page label
        section_from_address(article, url)
    return article
