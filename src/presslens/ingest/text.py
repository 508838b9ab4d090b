"""Scraped plain-text pages → :class:`Article` with provenance: every line becomes a Block.

Owns the plain-text ingest path. ``Article.text`` is the input string itself, unchanged, so every
block offset indexes the input; odd whitespace (CRLF, no-break and zero-width spaces) is dealt
with while *classifying* lines, never by rewriting the text.

A page is read top-down in three zones:

* header — navigation/boilerplate, breadcrumb or section label, headline, standfirst, byline and
  date lines, until the first line that reads as body text;
* body — paragraphs (hard-wrapped lines of one paragraph are merged), with in-body boilerplate
  ("Advertisement", "Read more: …", "Related:" lists) and credit lines marked;
* tail — a trailing run of boilerplate and short title-like lines (link lists, app/store and
  alternate-address notices, copyright) read bottom-up.

Boilerplate is kept as blocks of kind ``boilerplate`` with the rule that fired, never dropped, and
never part of ``Article.body``. Every rule is general: none names an outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..config import Settings
from ..outlets.registry import agency as registry_agency
from ..outlets.registry import identify_outlet, load_registry
from ..outlets.selfref import self_name
from ..schema import Article, Block, BlockKind, Evidence
from .boilerplate import TERMINAL as _TERMINAL
from .boilerplate import is_comments_opener, is_platform_line, line_rule
from .breadcrumb import clean_spaces, parse_breadcrumb, section_from_address
from .byline import Byline, parse_byline
from .dateline import first_dateline
from .dates import DateMatch, date_line, find_date
from .genre import classify_article
from .lead import lead_overlap

__all__ = ["parse_text"]

_LINE = re.compile(r"[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_EDGE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\u00ad]+")
_HEADER_LIMIT = 60  # lines searched for headline/byline/date before giving up on a header
_WORD = re.compile(r"\S+")
_OUTLET_LINES = 400  # most lines of each group handed to the outlet registry
_WRAP_MIN_CHARS = 40  # a hard-wrapped line is long; short unstopped lines are menus or titles
_MIN_PROSE_WORDS = 20  # below this a page has no main text to prefer over its other lines

# Lines worth handing to the byline parser inside the body (cheap pre-check on long pages).
_BYLINE_START = re.compile(
    r"^\(?(?:by|written|words|story|text|article|reporting|additional|further|writing|editing|"
    r"edited|compiled|research|authors?|reporters?)\b",
    re.I,
)
_COMMENTS_MIN_WORDS = 60  # article prose needed above an opener before we trust it


@dataclass
class _Line:
    start: int
    end: int
    s: str  # cleaned copy for classification only
    words: int
    gap_before: bool  # a blank line separates it from the previous line
    kind: BlockKind | None = None
    reason: str | None = None


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        lead = _EDGE.match(text, start, end)
        if lead:
            start = lead.end()
        while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200b\u200c\u200d"
                               "\u2060\ufeff\u00ad"):
            end -= 1
        if start >= end:
            continue
        s = clean_spaces(text[start:end])
        if not s:
            continue
        gap = len(_BREAK.findall(text, prev_end, start)) >= 2
        lines.append(_Line(start, end, s, len(_WORD.findall(s)) if len(s) < 4000 else 999, gap))
        prev_end = end
    return lines


def _title_like(line: _Line, max_words: int = 15) -> bool:
    s = line.s
    return (line.words <= max_words and len(s) <= 160 and not s.endswith((*_TERMINAL, ":", ";"))
            and any(c.isalpha() for c in s) and not s[0].islower())


def _date_line(line: _Line) -> tuple[DateMatch | None, str] | None:
    """(date or None for relative dates, rule) when the whole line is a date line."""
    return date_line(line.s, line.words)


def _headline_shaped(line: _Line) -> bool:
    s = line.s
    if not 3 <= line.words <= 30 or len(s) > 250 or s.endswith((":", ";", ",")):
        return False
    return not (s.endswith(".") and line.words > 10)


def _short_label(line: _Line) -> bool:
    return line.words <= 3 and _title_like(line, 3)


def _mark(line: _Line, kind: BlockKind, reason: str) -> None:
    line.kind, line.reason = kind, reason


def _continuations(lines: list[_Line]) -> None:
    """Lines listed under a notice that ends in ':' (addresses, apps, platforms)."""
    for i, line in enumerate(lines):
        if line.kind != BlockKind.BOILERPLATE or not line.s.endswith(":"):
            continue
        for nxt in lines[i + 1 : i + 12]:
            if nxt.kind is not None and nxt.kind != BlockKind.BOILERPLATE:
                break
            if nxt.kind is None:
                listed = nxt.words <= 3 or is_platform_line(nxt.s, nxt.words)
                if not (_title_like(nxt, 8) and listed):
                    break
                _mark(nxt, BlockKind.BOILERPLATE, "notice_continuation")


@dataclass
class _Header:
    headline: int | None = None
    headline_rule: str = ""
    body_start: int = 0
    site_name: int | None = None


def _read_header(lines: list[_Line]) -> _Header:
    h = _Header()
    labels: list[int] = []
    byline_seen = False
    i = 0
    limit = min(len(lines), _HEADER_LIMIT)
    while i < limit:
        line = lines[i]
        if line.kind is not None:
            i += 1
            continue
        under_headline = h.headline is not None and i - h.headline <= 3
        # Above the headline a "A | B" line is a trail; under it, a name and a credit.
        b = parse_byline(line.s, bare_names=under_headline and not byline_seen) if (
            h.headline is not None) else None
        if b is None and parse_breadcrumb(line.s):
            _mark(line, BlockKind.SECTION, "breadcrumb")
            if h.headline is not None and all(ln.kind is not None
                                              for ln in lines[h.headline + 1:i]):
                # a line above the site menu is the masthead ("The Lakeshore Tribune"), not
                # the headline: headlines sit under the menus
                _mark(lines[h.headline], BlockKind.BOILERPLATE, "masthead_above_menu")
                h.site_name = h.headline if h.site_name is None else h.site_name
                h.headline = None
        elif (dl := _date_line(line)) is not None and not (
                (b := b or parse_byline(line.s)) is not None and b.authors):
            _mark(line, BlockKind.DATELINE, dl[1])  # "Zehra Kaya | 05.09.2026" is a byline
        elif b is not None or (b := parse_byline(line.s)) is not None:
            _mark(line, BlockKind.BYLINE, "byline_" + b.rule)
            byline_seen = True
        elif h.headline is None and line.words <= 6 and load_registry().entry_by_name(line.s):
            # The page's masthead ("The Harbour Gazette") above the headline: a registry name.
            _mark(line, BlockKind.BOILERPLATE, "site_name_line")
            h.site_name = i if h.site_name is None else h.site_name
        elif h.headline is None and _headline_shaped(line):
            h.headline, h.headline_rule = i, "first_substantial_line"
        elif h.headline is None and _short_label(line):
            labels.append(i)
        elif h.headline is not None and h.headline != i and _standfirst(lines, i):
            _mark(line, BlockKind.STANDFIRST, "before_byline_or_date")
        elif h.headline is None and line.words <= 25 and _byline_follows(lines, i):
            # a headline written as a sentence ("The bill is a compromise. Extremists want to
            # kill it anyway.") is still the line right above the byline
            h.headline, h.headline_rule = i, "sentence_above_byline"
        else:
            break
        i += 1
    h.body_start = i
    if h.headline is None and labels:
        # The last short line above the byline/body is a terse headline ("Talks stall").
        last = labels.pop()
        if last == i - 1 or all(ln.kind is not None for ln in lines[last + 1 : i]):
            h.headline, h.headline_rule = last, "short_line_before_body"
        else:
            labels.append(last)
    if h.headline is not None:
        _mark(lines[h.headline], BlockKind.HEADLINE, h.headline_rule)
    above = [k for k in labels if h.headline is not None and k < h.headline
             and all(ln.kind is not None or j in labels
                     for j, ln in enumerate(lines[k + 1:h.headline], start=k + 1))]
    for idx in labels:
        # One or two short labels just above the headline are its section ("OPINION",
        # "Columnists"); a longer run is a menu.
        if h.headline is not None and idx < h.headline and len(labels) <= 2 \
                and len(above) == len(labels):
            _mark(lines[idx], BlockKind.SECTION, "section_label")
        else:
            _mark(lines[idx], BlockKind.BOILERPLATE, "navigation_run")
    return h


def _byline_follows(lines: list[_Line], i: int) -> bool:
    """The next line is a byline (a bare name counts) or a date line."""
    nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.kind != BlockKind.BOILERPLATE), None)
    return nxt is not None and nxt.kind is None and (
        parse_byline(nxt.s, bare_names=True) is not None or _date_line(nxt) is not None)


def _standfirst(lines: list[_Line], i: int) -> bool:
    line = lines[i]
    if line.words > 80 or any(ln.kind == BlockKind.STANDFIRST for ln in lines[:i]):
        return False
    for nxt in lines[i + 1 : i + 5]:
        if nxt.kind == BlockKind.BOILERPLATE:
            continue
        if nxt.kind is None and (parse_byline(nxt.s) or _date_line(nxt)):
            return True
        if nxt.kind is None:
            return False
    return False


def _read_body(lines: list[_Line], start: int) -> None:
    after_list_notice = False
    for line in lines[start:]:
        if line.kind == BlockKind.BOILERPLATE:
            after_list_notice = line.reason == "read_more" and (
                line.s.endswith(":") or line.words <= 3)
            continue
        if line.kind is not None:
            continue
        if after_list_notice and _title_like(line):
            _mark(line, BlockKind.BOILERPLATE, "link_list")
            continue
        after_list_notice = False
        if (line.words <= 40 and _BYLINE_START.match(line.s) and (b := parse_byline(line.s))
                and b.rule in {"by_prefix", "credit_line"}):
            _mark(line, BlockKind.BYLINE, "byline_" + b.rule)
        elif (dl := _date_line(line)) is not None:
            _mark(line, BlockKind.DATELINE, dl[1])
        else:
            _mark(line, BlockKind.BODY, "paragraph")


def _continues(prev: _Line, line: _Line) -> bool:
    """``line`` carries on ``prev``'s paragraph (hard-wrapped text: no blank line, no stop)."""
    return (prev.kind == BlockKind.BODY and line.kind == BlockKind.BODY and not line.gap_before
            and not prev.s.endswith((*_TERMINAL, ":")) and len(prev.s) >= _WRAP_MIN_CHARS)


def _prose_score(words: int, last: _Line) -> int:
    """How much a paragraph looks like article prose (+) or page furniture (-)."""
    if words >= 25 or (words >= 4 and last.s.endswith(_TERMINAL)):
        return words
    return -3 if words <= 4 else -2 - words // 3


def _with_introduced_list(lines: list[_Line], first: int, last: int) -> tuple[int, int]:
    """Extend the main text over a list its last paragraph introduces ("Tour dates:")."""
    nxt = next((k for k in range(last + 1, len(lines)) if lines[k].kind == BlockKind.BODY), None)
    if nxt is None or not (lines[nxt].s.endswith(":") and lines[nxt].words >= 3):
        return first, last
    if any(lines[k].kind == BlockKind.BOILERPLATE for k in range(last + 1, nxt)):
        return first, last
    end = nxt
    while (end + 1 < len(lines) and lines[end + 1].kind == BlockKind.BODY
           and lines[end + 1].words >= 3):
        end += 1
    return first, end


def _main_text(lines: list[_Line], start: int) -> int | None:
    """Keep body only in the densest run of prose; mark menus and teasers around it.

    Whole-page text dumps wrap the article in menus, teaser lists and footers. The article is
    the contiguous stretch with the highest prose score (maximum-sum subarray over paragraphs);
    body lines outside it become boilerplate, and inside it runs of four or more short
    title-like lines (link lists between paragraphs) do too. Pages with no prose at all are
    left as they are. Marked boilerplate, bylines and dates score 0: they neither extend nor
    break the text.
    """
    units: list[tuple[int, int, int]] = []  # (first line, last line, score) per paragraph
    i = start
    while i < len(lines):
        j, words = i, lines[i].words
        while j + 1 < len(lines) and _continues(lines[j], lines[j + 1]):
            j += 1
            words += lines[j].words
        score = _prose_score(words, lines[j]) if lines[i].kind == BlockKind.BODY else 0
        units.append((i, j, score))
        i = j + 1
    best, best_span = 0, (0, -1)
    run, run_start = 0, start
    for first_line, last_line, score in units:
        if run <= 0:
            run, run_start = score, first_line
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, last_line)
    if best < _MIN_PROSE_WORDS:
        return None
    first, last = _with_introduced_list(lines, *best_span)
    for i in range(start, len(lines)):
        if lines[i].kind == BlockKind.BODY and not first <= i <= last:
            _mark(lines[i], BlockKind.BOILERPLATE, "outside_main_text")
    i = first
    while i <= last:
        j = i
        while j <= last and lines[j].kind == BlockKind.BODY and _title_like(lines[j], 12):
            j += 1
        if j - i >= 4:
            for k in range(i, j):
                _mark(lines[k], BlockKind.BOILERPLATE, "link_run")
        i = max(j, i + 1)
    return first


_FAR = {"outside_main_text", "navigation_run", "link_run", "link_list", "trailing_link_list"}


def _rehead(lines: list[_Line], header: _Header, first: int) -> None:
    """On whole-page dumps, take the headline from just above the article, not the top menu.

    The top-down headline is kept when only header lines separate it from the main text.
    Otherwise the headline is the nearest headline-shaped line above the byline/date nearest
    the text (or above the text itself), and the top-down pick is demoted to boilerplate.
    """
    window = range(first - 1, max(-1, first - 16), -1)
    for k in window:  # bylines and dates the top-down scan never reached
        ln = lines[k]
        if ln.reason in _FAR:
            if (b := parse_byline(ln.s, bare_names=True)) is not None:
                _mark(ln, BlockKind.BYLINE, "byline_" + b.rule)
            elif (dl := _date_line(ln)) is not None:
                _mark(ln, BlockKind.DATELINE, dl[1])
    h = header.headline
    if h is not None and first - h <= 8 and not any(
            ln.reason in _FAR for ln in lines[h + 1:first]):
        return
    anchor = next((k for k in window if lines[k].kind in (BlockKind.BYLINE,
                                                           BlockKind.DATELINE)), None)
    while anchor is not None and anchor > 0 and lines[anchor - 1].kind in (BlockKind.BYLINE,
                                                                          BlockKind.DATELINE):
        anchor -= 1
    top = first if anchor is None else anchor
    cands = [k for k in range(top - 1, max(-1, top - 5), -1)
             if (lines[k].kind in (BlockKind.HEADLINE, BlockKind.STANDFIRST)
                 or lines[k].reason in {"outside_main_text", "link_run"})
             and _headline_shaped(lines[k])]
    cand = cands[0] if cands else None
    if h is not None and h in cands[1:]:
        # the top-down headline is still right above the byline; the line under it is its
        # standfirst ("Army neutralizes 7 … / Terrorists were preparing …, says ministry")
        _mark(lines[cands[0]], BlockKind.STANDFIRST, "above_byline_below_headline")
        cand = h
    elif len(cands) > 1 and cand is not None and (
            lines[cand].words >= 14 or lines[cand].s.endswith(_TERMINAL)):
        # The nearest line reads like a standfirst; the headline sits above it.
        _mark(lines[cand], BlockKind.STANDFIRST, "above_byline_below_headline")
        cand = cands[1]
    if h is not None and h != cand:
        _mark(lines[h], BlockKind.BOILERPLATE, "far_from_main_text")
    header.headline = cand
    if cand is not None:
        header.headline_rule = "above_byline" if anchor is not None else "above_main_text"
        _mark(lines[cand], BlockKind.HEADLINE, header.headline_rule)


def _headline_about_text(lines: list[_Line], header: _Header) -> None:
    """A headline sharing no content word with the lead (a tagline, menu or status line) gives
    way to the next headline-shaped header line that shares two or more."""
    h = header.headline
    body = [ln.s for ln in lines if ln.kind == BlockKind.BODY][:3]
    if h is None or not body or lead_overlap(lines[h].s, " ".join(body)) > 0:
        return
    for k in range(h + 1, min(len(lines), h + 6)):
        ln = lines[k]
        if ln.kind == BlockKind.BODY:
            return
        if ln.kind in (BlockKind.STANDFIRST, BlockKind.BOILERPLATE, None) \
                and _headline_shaped(ln) and not ln.s.endswith(_TERMINAL) \
                and lead_overlap(ln.s, " ".join(body)) >= 2:
            _mark(lines[h], BlockKind.BOILERPLATE, "headline_not_about_text")
            header.headline, header.headline_rule = k, "headline_about_text"
            _mark(ln, BlockKind.HEADLINE, "headline_about_text")
            return


def _comments(lines: list[_Line], start: int) -> None:
    """Reader comments after the article: from an explicit opener to the end of the page."""
    prose = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if prose >= _COMMENTS_MIN_WORDS and is_comments_opener(line.s, line.words):
            _mark(line, BlockKind.BOILERPLATE, "comments_opener")
            for later in lines[i + 1:]:
                if later.kind == BlockKind.BODY:
                    _mark(later, BlockKind.BOILERPLATE, "comments_section")
            return
        if line.kind == BlockKind.BODY and _prose_score(line.words, line) > 0:
            prose += line.words


def _read_tail(lines: list[_Line]) -> None:
    """Trailing link lists: short title-like lines after the last real paragraph.

    A closing credit line ("(Reporting by …; Editing by …)") ends the article, so short lines
    after it are page furniture ("Our standards: …") even when they end with a full stop.
    """
    credit = next((k for k in range(len(lines) - 1, -1, -1)
                   if lines[k].reason == "byline_credit_line"), None)
    if credit is not None and any(ln.kind == BlockKind.BODY for ln in lines[:credit]):
        for line in lines[credit + 1:]:
            if line.kind == BlockKind.BODY and line.words <= 15:
                _mark(line, BlockKind.BOILERPLATE, "after_closing_credit")
    run: list[_Line] = []
    explicit = False
    stop: _Line | None = None
    for line in reversed(lines):
        if line.kind in (BlockKind.BYLINE, BlockKind.DATELINE):
            continue
        if line.kind == BlockKind.BOILERPLATE:
            explicit = True
            continue
        if line.kind == BlockKind.BODY and _title_like(line):
            run.append(line)
            continue
        stop = line
        break
    if stop is not None and stop.kind == BlockKind.BODY and stop.s.endswith(":"):
        # "The commission will meet on these dates:" — the list below it is the article's.
        while run and run[-1].words >= 3:
            run.pop()
    body_left = sum(ln.kind == BlockKind.BODY for ln in lines) - len(run)
    if run and (explicit or len(run) >= 2) and body_left > 0:
        for line in run:
            _mark(line, BlockKind.BOILERPLATE, "trailing_link_list")


def _blocks(text: str, lines: list[_Line]) -> list[Block]:
    """One block per line; hard-wrapped lines of one body paragraph become one block."""
    blocks: list[Block] = []
    prev: _Line | None = None
    for line in lines:
        assert line.kind is not None
        if prev is not None and _continues(prev, line) and blocks[-1].kind == BlockKind.BODY:
            last = blocks[-1]
            blocks[-1] = Block(kind=BlockKind.BODY, start=last.start, end=line.end,
                               text=text[last.start:line.end], reason="wrapped_paragraph")
        else:
            blocks.append(Block(kind=line.kind, start=line.start, end=line.end,
                                text=text[line.start:line.end], reason=line.reason))
        prev = line
    return blocks


def parse_text(text: str, *, url: str | None = None, settings: Settings) -> Article:
    """Parse a scraped plain-text news page; ``Article.text`` is ``text`` itself."""
    del settings  # no tunables for plain-text reading yet; kept for the uniform ingest signature
    lines = _split_lines(text)
    for line in lines:
        if (rule := line_rule(line.s, line.words)) is not None:
            _mark(line, BlockKind.BOILERPLATE, rule)
    _continuations(lines)
    header = _read_header(lines)
    _read_body(lines, header.body_start)
    _comments(lines, header.body_start)
    _read_tail(lines)
    first = _main_text(lines, header.body_start)
    if first is not None:
        _rehead(lines, header, first)
    _headline_about_text(lines, header)
    if header.headline is not None and not any(ln.kind == BlockKind.BODY for ln in lines):
        hl = lines[header.headline]
        if hl.s.endswith(_TERMINAL):  # a lone sentence is the text, not a headline over nothing
            _mark(hl, BlockKind.BODY, "only_paragraph")
            header.headline = None
    for line in lines:  # lines the header scan passed over after its limit
        if line.kind is None:
            _mark(line, BlockKind.BODY, "paragraph")

    article = Article(text=text, source_type="text", url=url, blocks=_blocks(text, lines))
    _fill_fields(article, lines, header)
    return article


def _fill_fields(article: Article, lines: list[_Line], header: _Header) -> None:
    ev = article.evidence
    if header.site_name is not None:
        article.site_name = lines[header.site_name].s
        ev.append(Evidence(field="site_name", value=article.site_name, rule="site_name_line",
                           text=article.site_name))
    if header.headline is not None:
        hl = lines[header.headline]
        article.headline = hl.s
        ev.append(Evidence(field="headline", value=hl.s, rule=header.headline_rule, text=hl.s))
    else:
        article.warnings.append("no headline found")
    if not article.body_blocks():
        article.warnings.append("no body paragraphs found")

    # the section nearest above the headline (a label under the site menu) is the piece's
    head_at = header.headline if header.headline is not None else len(lines)
    sections = [ln for ln in lines[:head_at] if ln.kind == BlockKind.SECTION]
    section = sections[-1] if sections else next(
        (ln for ln in lines if ln.kind == BlockKind.SECTION), None)
    if section is not None:
        article.section_path = parse_breadcrumb(section.s) or [section.s]
        ev.append(Evidence(field="section_path", value=" / ".join(article.section_path),
                           rule=section.reason or "breadcrumb", text=section.s))

    bylines: list[tuple[_Line, Byline]] = []
    for ln in lines:
        if ln.kind == BlockKind.BYLINE:
            parsed = parse_byline(ln.s, bare_names=ln.reason in ("byline_bare_names",
                                                                 "byline_name_date"))
            if parsed is not None:
                bylines.append((ln, parsed))
    for ln, b in bylines:
        if b.authors and all(registry_agency(a) for a in b.authors):
            # "By Associated Press": the credited author is a wire agency, not a person
            b = replace(b, authors=[], agency=b.agency or b.authors[0])
        if b.authors and not article.authors:
            article.authors = list(b.authors)
            ev.append(Evidence(field="authors", value=", ".join(b.authors), rule=b.rule,
                               text=ln.s))
        if b.role:
            ev.append(Evidence(field="byline_role", value=b.role, rule=b.rule, text=ln.s))
        if b.agency and article.agency is None:
            confirmed = registry_agency(b.agency)
            if confirmed:
                article.agency = confirmed
                ev.append(Evidence(field="agency", value=confirmed,
                                   rule=f"{b.rule}+registry", text=ln.s))

    _fill_date(article, lines, bylines)
    _fill_dateline(article)

    # Boilerplate and header lines first: a page names itself there ("© X", "X can also be
    # accessed at …") more reliably than in body sentences that mention other outlets.
    # Body lines are capped so a 100k-line page costs the registry no more than a long article.
    ordered = [ln.s for ln in lines if ln.kind != BlockKind.BODY][:_OUTLET_LINES] + [
        ln.s for ln in lines if ln.kind == BlockKind.BODY][:_OUTLET_LINES]
    found = identify_outlet(url=article.url, site_name=article.site_name, lines=ordered)
    if found is not None:
        article.outlet, outlet_ev = found
        ev.append(outlet_ev)
    elif article.site_name is None:
        # An outlet we do not know still names itself in its own boilerplate ("© 2026 X").
        own = self_name(ln.s for ln in lines if ln.kind != BlockKind.BODY)
        if own is not None:
            article.site_name = own.name
            ev.append(Evidence(field="site_name", value=own.name, rule=own.rule, text=own.line))

    best, alternatives, genre_ev = classify_article(article)
    article.article_type, article.type_alternatives = best, alternatives
    ev.extend(genre_ev)
    if article.url is not None:  # after the genre: a section read from the path is no label
        section_from_address(article, article.url)


def _fill_date(article: Article, lines: list[_Line],
               bylines: list[tuple[_Line, Byline]]) -> None:
    candidates: list[tuple[int, DateMatch, str, str]] = []  # (priority, date, rule, line)
    for ln in lines:
        if ln.kind != BlockKind.DATELINE:
            continue
        d = find_date(ln.s)
        if d is None:
            continue
        updated = ln.reason == "updated_line"
        candidates.append((2 if updated else 0, d, ln.reason or "date_line", ln.s))
    for ln, b in bylines:
        if b.date_text and (d := find_date(b.date_text)):
            candidates.append((1, d, "byline_date", ln.s))
    if not candidates:
        return
    _prio, d, rule, line = min(candidates, key=lambda c: c[0])
    article.published, article.date_text = d.iso, d.text
    article.evidence.append(Evidence(field="published", value=d.iso, rule=rule, text=line))
    if len({c[1].iso[:10] for c in candidates if c[0] != 2}) > 1:
        article.warnings.append("page shows several publication dates; used the first")


def _fill_dateline(article: Article) -> None:
    """Place and agency of a dateline opening one of the first body paragraphs."""
    found = first_dateline(article)
    if found is None:
        return
    dl, agency = found
    article.evidence.append(Evidence(field="dateline", value=dl.place, rule=dl.rule,
                                     text=dl.text))
    if agency and article.agency is None:
        article.agency = agency
        article.evidence.append(Evidence(field="agency", value=agency,
                                         rule="dateline_credit+registry", text=dl.text))
