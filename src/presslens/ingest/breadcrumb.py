"""Breadcrumb / section-path lines ("News / Conversations / Palestine") → list of section names.

Owns the decision "is this line a navigation trail?" for every ingest path. A trail is two or
more short, title-cased items joined by one of ``/ › > » | → ‹ <`` with any spacing (pages put
no-break and zero-width spaces around the separators). Items must look like section names, not
prose: "Video | Floods hit the capital" is a headline with a kicker, not a trail.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..schema import Article, Evidence

__all__ = ["clean_spaces", "parse_breadcrumb", "section_from_address", "section_from_url"]

# Whitespace pages use inside navigation (NBSP, narrow NBSP, thin/figure spaces …) and
# zero-width characters that scrapers leave behind.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_SEPARATORS = re.compile(r"\s*(?:›|»|>|/|\||→|‹|<|::)\s*")
_URLISH = re.compile(r"(?:https?:|www\.|\.(?:com|org|net)\b)", re.I)
# Lower-case words allowed inside a title-cased item ("Science and Technology", "Men's & Women's").
_LINKING = {"and", "of", "the", "in", "for", "on", "to", "at", "a", "an", "&", "-", "–", "de"}
_MAX_ITEM_WORDS = 4
_MAX_ITEM_CHARS = 40
_MAX_LINE_CHARS = 240
# Navigation roots that are not sections.
_ROOTS = {"home", "homepage", "start", "front page", "main", "main page"}


def clean_spaces(s: str) -> str:
    """``s`` with zero-width characters removed and every run of spaces made one ASCII space."""
    if s.isascii() and "  " not in s and "\t" not in s:
        return s.strip()  # fast path: most lines of most pages
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", s)).strip()


def _is_item(item: str, *, sentence_case: bool = False) -> bool:
    if not item or len(item) > _MAX_ITEM_CHARS or not any(c.isalpha() for c in item):
        return False
    if item[-1] in ".!?,;:\"”’'" or item[0] in "\"“‘'(":
        return False
    words = item.split(" ")
    if len(words) > _MAX_ITEM_WORDS:
        return False
    for n, w in enumerate(words):
        first = w[0]
        if first.isupper() or first.isdigit():
            continue
        if n > 0 and (w.lower() in _LINKING or len(words) == 2 or sentence_case):
            continue  # "Science and Tech", and sentence-case items like "Press releases"
        if first.isalpha() and not first.islower():  # scripts without case
            continue
        return False
    return True


def parse_breadcrumb(line: str) -> list[str] | None:
    """Section names of a breadcrumb line, outermost first; None if the line is not one.

    A leading "Home" is dropped (it is the site root, not a section).

    >>> parse_breadcrumb("News \\u00a0/ \\u00a0Conversations \\u00a0/ \\u00a0Palestine")
    ['News', 'Conversations', 'Palestine']
    >>> parse_breadcrumb("Opinion | Why the dam talks failed") is None
    True
    """
    if len(line) > _MAX_LINE_CHARS * 2:
        return None
    s = clean_spaces(line)
    if not s or len(s) > _MAX_LINE_CHARS or _URLISH.search(s):
        return None
    items = [p.strip() for p in _SEPARATORS.split(s)]
    if items and items[0] == "":  # a trail may start with its separator ("› World › Africa")
        items = items[1:]
    if items and items[-1] == "":
        items = items[:-1]
    # "Main / Press center / Comments and briefings": sentence-case items in a "/" or ">"
    # trail (a "|" line may be a kicker and a headline: "Opinion | Talks fail again")
    sentence_case = "|" not in s
    if len(items) < 2 or not all(_is_item(i, sentence_case=sentence_case) for i in items):
        return None
    if all(len(i) <= 2 for i in items):  # "AC/DC", "A > B": too little to call it a trail
        return None
    while items and items[0].lower() in _ROOTS:
        items = items[1:]
    return items or None


# URL path words that are page machinery, not sections.
_NOT_SECTIONS = {"article", "articles", "story", "stories", "amp", "index", "content", "contents",
                 "post", "posts", "www", "html", "item", "items", "node", "page", "pages", "read",
                 "view", "cms", "archive", "archives", "doc", "docs", "detail", "details", "en",
                 "eng", "english", "static", "web", "home"}
_PATH_WORD = re.compile(r"[a-z]{2,20}(?:-[a-z]{2,20}){0,2}")


def section_from_url(url: str) -> list[str]:
    """The section path an article URL spells: ``/world/europe/2024/05/slug`` → World › Europe.

    Leading path segments made of (at most three hyphenated) lower-case words, before the first
    segment holding a digit or anything else, and never the last segment (the article's own
    slug); machinery words ("articles", "amp", "en") are skipped. At most two sections.
    """
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    segments = [seg for seg in path.split("/") if seg][:-1]
    out: list[str] = []
    for seg in segments[:4]:
        if not _PATH_WORD.fullmatch(seg):
            break
        if seg not in _NOT_SECTIONS:
            out.append(seg.replace("-", " ").title())
    return out[:2]


def section_from_address(article: Article, url: str) -> None:
    """Set ``article.section_path`` from ``url`` (evidence ``url_path``) if the page had none."""
    if article.section_path:
        return
    sections = section_from_url(url)
    if sections:
        article.section_path = sections
        article.evidence.append(Evidence(field="section_path", value=" / ".join(sections),
                                         rule="url_path", text=url[:300]))
