"""Provenance read from an HTML page: JSON-LD, OpenGraph/meta tags, microdata and visible markup.

Owns :func:`read_page_meta`, which collects every candidate value for headline, authors, date,
section path and site name from a parsed page, and picks one per field with the rule (and the
text) that produced it. Sources, strongest first for each field:

* JSON-LD ``NewsArticle``/``Article``/``ReportageNewsArticle``/… (also inside ``@graph``, lists
  and ``mainEntity``) and ``BreadcrumbList``;
* OpenGraph and ``article:*`` properties, ``author``/``parsely-*``/``sailthru.*``/Dublin Core
  meta tags, microdata ``itemprop`` values;
* the visible page: ``<h1>``, byline and ``<time>`` elements, breadcrumb navigation.

Values that are not what the field promises are refused rather than guessed at: organisation
"authors" are not people (a wire agency among them goes to ``agency``), ``og:title`` loses its
" | Site" suffix, a breadcrumb loses the page's own title as its last element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from ..outlets.registry import agency as registry_agency
from ..outlets.registry import load_registry
from ..schema import Evidence
from .breadcrumb import clean_spaces, parse_breadcrumb
from .byline import Byline, is_person_name, parse_byline
from .dates import DateMatch, find_date

__all__ = ["PageMeta", "read_page_meta", "strip_title_suffix", "title_similarity"]

_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "reportagenews", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
    "liveblogposting", "askpublicnewsarticle", "satiricalarticle", "report", "techarticle",
    "socialmediaposting", "scholarlyarticle", "creativework", "webpage",
}
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "ngo",
              "governmentorganization"}
_MAX_JSONLD_CHARS = 2_000_000  # all ld+json scripts of one page together
_MAX_DEPTH = 12  # JSON-LD nesting we follow
_MAX_ELEMENTS = 400  # visible byline/date/breadcrumb candidates looked at
_WORD = re.compile(r"\w+")
_TITLE_SEPS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+|\s*\|\s*")
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_HANDLE = re.compile(r"^@\w+$")
_ROOTS = {"home", "homepage", "start", "front page", "main", "index"}
_BYLINE_HINT = "byline|author|writer|contributor|reporter"
_DATE_HINT = "date|time|publish|posted|stamp|updated|dateline"
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|first published)\b", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|"
                        r"\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d)?", re.I)
_NOT_KICKER = re.compile(
    r"(?i)^(?:published|updated|posted|advertisement|sponsored|menu|search|home|share|by|close|"
    r"video|live|breaking|continue reading.*|supported by)$|^(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$|\d")
_MENU_TAGS = {"nav", "ul", "ol", "li", "menu", "footer", "aside", "button", "select", "form"}
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|$|-)")


@dataclass
class PageMeta:
    """Chosen provenance values of one page and the evidence for each."""

    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    roles: list[str] = field(default_factory=list)
    byline_text: str | None = None
    published: str | None = None
    date_text: str | None = None
    section_path: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    schema_types: list[str] = field(default_factory=list)
    opinion_flag: bool = False
    copyright_lines: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def note(self, field_name: str, value: str, rule: str, text: str | None = None) -> None:
        self.evidence.append(Evidence(field=field_name, value=value[:300], rule=rule,
                                      text=text[:300] if text else text))


# --------------------------------------------------------------------------- helpers


def _text(el: HtmlElement, limit: int = 2000) -> str:
    try:
        raw = el.text_content()
    except (ValueError, TypeError):
        return ""
    return clean_spaces(raw[:limit])


def _parts(el: HtmlElement, limit: int = 400) -> list[str]:
    """The element's text nodes, cleaned: "By", "Jane Doe", "Reuters", "5 min read" …"""
    out: list[str] = []
    total = 0
    for t in el.itertext():
        t = clean_spaces(t)
        if t:
            out.append(t)
            total += len(t)
            if total > limit:
                break
    return out


def _byline_in(el: HtmlElement) -> tuple[str, Byline] | None:
    """A byline held by one element, whose names and credits sit in separate child nodes."""
    parts = _parts(el)
    joined: list[str] = []
    for part in parts:  # "By" + "Jane Doe" is one credit; other nodes are separate segments
        if joined and re.fullmatch(r"(?i)(?:by|written by|words by|posted by):?", joined[-1]):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    candidates = [" | ".join(joined), *joined] if len(joined) > 1 else joined
    for cand in candidates:
        if len(cand) > 200:
            continue
        b = parse_byline(cand, bare_names=True)
        if b is not None and (b.authors or b.agency):
            return cand, b
    return None


def _tokens(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def title_similarity(a: str, b: str) -> float:
    """Share of the shorter title's words found in the longer (0 … 1)."""
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _norm_site(s: str) -> str:
    s = s.lower().removeprefix("www.")
    s = re.sub(r"\.(?:com|co\.uk|org|net|co|in|news|uk|us|ca|au|de|fr)$", "", s)
    return re.sub(r"[^a-z0-9]", "", s.removeprefix("the "))


def strip_title_suffix(title: str, site_names: list[str] | tuple[str, ...] = ()) -> str:
    """``"Dam talks fail | The Harbour Gazette"`` → ``"Dam talks fail"``.

    A trailing (or leading) part is dropped when it names the site or is a short label that is
    much shorter than the rest; the headline itself may contain " - ", so only one part at each
    end is dropped and only when what remains still reads as a title.
    """
    title = clean_spaces(title)
    parts = _TITLE_SEPS.split(title)
    if len(parts) < 2:
        return title
    sites = {_norm_site(s) for s in site_names if s}

    def is_label(part: str, rest: str) -> bool:
        n = _norm_site(part)
        if n and (n in sites or any(n and s and (n in s or s in n) for s in sites)):
            return True
        return len(part.split()) <= 4 and len(rest.split()) >= 2 * len(part.split()) + 2 and (
            "." in part or part[:1].isupper())

    while len(parts) >= 2 and is_label(parts[-1], " ".join(parts[:-1])):
        parts = parts[:-1]
    if len(parts) >= 2 and _norm_site(parts[0]) in sites:
        parts = parts[1:]
    kept = title
    if parts:
        # Cut the original string (keeping its own separators inside the headline).
        first, last = parts[0], parts[-1]
        start = title.find(first)
        end = title.rfind(last) + len(last)
        if 0 <= start < end:
            kept = title[start:end]
    return kept.strip() or title


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> list[str]:
    return [str(t).lower().rsplit("/", 1)[-1] for t in _as_list(obj.get("@type"))
            if isinstance(t, str)]


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        s = clean_spaces(value)
        return s or None
    if isinstance(value, dict):
        return _str(value.get("name"))
    if isinstance(value, list) and value:
        return _str(value[0])
    return None


# --------------------------------------------------------------------------- JSON-LD


def _jsonld_roots(tree: HtmlElement) -> list[Any]:
    roots: list[Any] = []
    budget = _MAX_JSONLD_CHARS
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > budget:
            continue
        budget -= len(raw)
        raw = re.sub(r"^\s*<!--|-->\s*$|^\s*//\s*<!\[CDATA\[|//\s*\]\]>\s*$", "", raw).strip()
        raw = raw.rstrip(";")
        try:
            roots.append(json.loads(raw, strict=False))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the page's other sources still count
    return roots


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node[:200]:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            if key in node and not isinstance(node[key], str):
                yield from _walk(node[key], depth + 1)


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    return [obj for root in _jsonld_roots(tree) for obj in _walk(root)]


def _breadcrumb_items(obj: dict[str, Any]) -> list[str]:
    items = [x for x in _as_list(obj.get("itemListElement")) if isinstance(x, dict)]

    def pos(x: dict[str, Any]) -> float:
        try:
            return float(x.get("position", 0))
        except (TypeError, ValueError):
            return 0.0

    names: list[str] = []
    for x in sorted(items, key=pos):
        name = _str(x.get("name")) or (_str(x.get("item")) if isinstance(x.get("item"), dict)
                                       else None)
        if name:
            names.append(name)
    return names


# --------------------------------------------------------------------------- people


def _people(value: str) -> tuple[list[str], str | None, str | None]:
    """Names credited by one author string: (people, organisation, role)."""
    s = clean_spaces(value)
    if not s or _URL.match(s) or _HANDLE.match(s) or len(s) > 200:
        return [], None, None
    if registry_agency(s):
        return [], s, None  # "Associated Press" is name-shaped, but it is an agency
    b = parse_byline(s if re.match(r"(?i)^by\b", s) else "By " + s)
    if b is not None:
        return list(b.authors), b.agency, b.role
    if is_person_name(s):
        return [s], None, None
    return [], s, None


def _jsonld_authors(obj: dict[str, Any]) -> tuple[list[str], list[str]]:
    people: list[str] = []
    orgs: list[str] = []
    for a in _as_list(obj.get("author")) + _as_list(obj.get("creator")):
        if isinstance(a, str):
            found, org, _role = _people(a)
            people += found
            orgs += [org] if org else []
        elif isinstance(a, dict):
            name = _str(a.get("name"))
            if not name:
                continue
            if set(_types(a)) & _ORG_TYPES:
                orgs.append(name)
                continue
            found, org, _role = _people(name)
            people += found
            orgs += [org] if org else []
    return people, orgs


_ORG_LAST_WORDS = {"news", "business", "staff", "desk", "media", "press", "online", "digital",
                   "wire", "services", "agency", "team", "editors", "reporters", "network", "tv",
                   "radio", "newsroom", "bureau"}


def _split_people(names: list[str]) -> tuple[list[str], list[str]]:
    """Names that are people, and the organisations among them ("CNN Business", "AP")."""
    people: list[str] = []
    orgs: list[str] = []
    registry = load_registry()
    for n in names:
        last = n.split()[-1].lower() if n.split() else ""
        if registry_agency(n) or last in _ORG_LAST_WORDS or registry.entry_by_name(n):
            orgs.append(n)
        else:
            people.append(n)
    return people, orgs


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        key = n.lower()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


# --------------------------------------------------------------------------- meta tags


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if not key or content is None:
            continue
        value = clean_spaces(content[:1000])
        if value:
            tags.setdefault(key.strip().lower(), []).append(value)
    return tags


def _first(tags: dict[str, list[str]], *keys: str) -> tuple[str, str] | None:
    for k in keys:
        if tags.get(k):
            return tags[k][0], k
    return None


_HINT_ATTRS = ("class", "id", "rel", "itemprop", "data-testid")
_SKIP_TAGS = {"script", "style", "meta", "link", "head", "noscript", "template", "html", "body"}
Hints = list[tuple[HtmlElement, str]]


def _hint_index(tree: HtmlElement) -> Hints:
    """Every element with a class/id/rel/itemprop/data-testid, with those values lower-cased."""
    index: Hints = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        attrs = " ".join(v for a in _HINT_ATTRS if (v := el.get(a)))
        if attrs:
            index.append((el, attrs.lower()))
    return index


def _hinted(index: Hints, hint: str) -> Iterator[HtmlElement]:
    """Elements whose class, id, rel, itemprop or data-testid carries one of ``hint``'s words."""
    words = hint.split("|")
    n = 0
    for el, attrs in index:
        if any(w in attrs for w in words):
            yield el
            n += 1
            if n >= _MAX_ELEMENTS:
                return


# --------------------------------------------------------------------------- fields


def _pick_headline(meta: PageMeta, tree: HtmlElement, article: dict[str, Any] | None,
                   tags: dict[str, list[str]]) -> None:
    titles: list[tuple[str, str]] = []
    if article is not None and (h := _str(article.get("headline"))):
        titles.append((h, "jsonld_headline"))
    for key in ("og:title", "twitter:title", "parsely-title", "sailthru.title", "headline",
                "title", "dc.title"):
        if tags.get(key):
            titles.append((tags[key][0], "meta_" + key))
    title_el = tree.find(".//title")
    if title_el is not None and (t := _text(title_el, 500)):
        titles.append((t, "title_element"))
    h1s = [t for el in list(tree.iter("h1"))[:8] if (t := _text(el, 600))]
    for h1 in h1s:
        if 2 <= len(h1.split()) <= 60 and any(
                title_similarity(h1, t) >= 0.6 for t, _ in titles):
            meta.headline = h1
            meta.note("headline", h1, "h1_matching_metadata_title", h1)
            return
    if len(h1s) == 1 and 3 <= len(h1s[0].split()) <= 40 and not any(
            _norm_site(h1s[0]) == _norm_site(s) for s in meta.site_names):
        meta.headline = h1s[0]
        meta.note("headline", h1s[0], "only_h1", h1s[0])
        return
    for title, rule in titles:
        cleaned = strip_title_suffix(title, meta.site_names)
        if cleaned and len(cleaned.split()) >= 2:
            meta.headline = cleaned
            meta.note("headline", cleaned, rule + ("_suffix_stripped" if cleaned != title
                                                   else ""), title)
            return


def _pick_authors(meta: PageMeta, hints: Hints, article: dict[str, Any] | None,
                  tags: dict[str, list[str]]) -> None:
    orgs: list[str] = []
    people: list[str] = []
    rule = text = ""
    if article is not None:
        people, orgs = _jsonld_authors(article)
        rule, text = "jsonld_author", ", ".join(people)
    # The visible byline: what the reader sees, and where roles and agencies are written.
    for el in _hinted(hints, _BYLINE_HINT):
        found = _byline_in(el)
        if found is None:
            continue
        s, b = found
        meta.byline_text = meta.byline_text or s
        if b.role:
            meta.roles.append(b.role)
        if b.agency:
            orgs.append(b.agency)
        if not people and b.authors:
            people, rule, text = list(b.authors), "visible_byline_" + b.rule, s
        if people:
            break
    if not people:
        for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                    "dcterms.creator", "byl", "cxenseparse:author", "citation_author"):
            for value in tags.get(key, []):
                names, org, role = _people(value)
                people += names
                orgs += [org] if org else []
                if role:
                    meta.roles.append(role)
            if people:
                rule, text = "meta_" + key, ", ".join(tags[key])
                break
    people, more_orgs = _split_people(_dedupe(people))
    orgs += more_orgs
    if people:
        meta.authors = people
        meta.note("authors", ", ".join(people), rule, text)
    for org in orgs:
        confirmed = registry_agency(org)
        if confirmed:
            meta.agency = confirmed
            meta.note("agency", confirmed, "organisation_author+registry", org)
            break


def _visible_dates(tree: HtmlElement, hints: Hints) -> list[tuple[DateMatch, str, bool]]:
    """(date, element text, labelled 'updated') for <time> and date-classed elements."""
    found: list[tuple[DateMatch, str, bool]] = []
    seen: set[int] = set()
    elements = list(tree.iter("time"))[:_MAX_ELEMENTS] + list(_hinted(hints, _DATE_HINT))
    for el in elements:
        if id(el) in seen:
            continue
        seen.add(id(el))
        s = _text(el, 300)
        if not s or len(s) > 160:
            continue
        d = find_date(s)
        if d is None:
            continue
        updated = bool(_UPDATED.search(s[: d.start] + " " + (el.get("class") or ""))) and not (
            _PUBLISHED.search(s[: d.start]))
        found.append((d, s, updated))
    return found


def _meta_date(tree: HtmlElement, article: dict[str, Any] | None,
               tags: dict[str, list[str]]) -> tuple[DateMatch, str, str] | None:
    cands: list[tuple[str, str]] = []
    if article is not None:
        for key in ("datePublished", "dateCreated"):
            if (v := _str(article.get(key))):
                cands.append((v, "jsonld_" + key))
    for key in ("article:published_time", "og:article:published_time", "datepublished",
                "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
                "dc.date", "dcterms.date", "pubdate", "publishdate", "publish-date", "date",
                "og:published_time", "article.published", "citation_publication_date"):
        if tags.get(key):
            cands.append((tags[key][0], "meta_" + key))
    for el in tree.iter("time"):
        if el.get("datetime") and (el.get("pubdate") is not None
                                   or "publish" in (el.get("itemprop") or "").lower()):
            cands.append((el.get("datetime") or "", "time_datetime"))
            break
    for value, rule in cands:
        d = find_date(value)
        if d is not None:
            return d, rule, value
    return None


def _pick_date(meta: PageMeta, tree: HtmlElement, hints: Hints, article: dict[str, Any] | None,
               tags: dict[str, list[str]], url: str | None) -> None:
    md = _meta_date(tree, article, tags)
    visible = _visible_dates(tree, hints)
    if md is not None:
        d, rule, raw = md
        day = d.iso[:10]
        shown = next((v for v in visible if v[0].iso[:10] == day), None)
        if shown is None:
            # A UTC timestamp may show as the previous/next local day on the page.
            shown = next((v for v in visible if not v[2] and _days_apart(v[0].iso, d.iso) == 1
                          and "T" in d.iso), None)
        meta.published = d.iso if shown is None or shown[0].iso[:10] == day else shown[0].iso
        meta.date_text = shown[0].text if shown else None
        meta.note("published", meta.published, rule + ("+visible" if shown else ""),
                  shown[1] if shown else raw)
        return
    first = next((v for v in visible if not v[2]), visible[0] if visible else None)
    if first is not None:
        meta.published, meta.date_text = first[0].iso, first[0].text
        meta.note("published", first[0].iso, "visible_date", first[1])
        return
    if url and (m := _URL_DATE.search(urlsplit(url).path)):
        d2 = find_date(f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}")
        if d2 is not None:
            meta.published = d2.iso
            meta.note("published", d2.iso, "url_path_date", url)


def _days_apart(a: str, b: str) -> int:
    from datetime import date

    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 99


def _clean_trail(items: list[str], headline: str | None) -> list[str]:
    out = [clean_spaces(i) for i in items if clean_spaces(i)]
    while out and out[0].lower() in _ROOTS:
        out = out[1:]
    # The page's own title as the last crumb is not a section.
    if out and (len(out[-1].split()) > 6 or (headline and title_similarity(out[-1], headline)
                                              >= 0.6 and len(out[-1].split()) >= 3)):
        out = out[:-1]
    return [i for i in out if len(i) <= 60]


def _visible_breadcrumb(tree: HtmlElement, hints: Hints) -> tuple[list[str], str] | None:
    for el in _hinted(hints, "breadcrumb"):
        links = [t for a in list(el.iter("a", "li", "span"))[:30]
                 if (t := _text(a, 100)) and len(t) <= 60]
        # An <li> holds its <a>: keep each name once, in order.
        items = _dedupe([t for t in links if not re.fullmatch(r"[/›>»|→\s]+", t)])
        if items:
            return items, _text(el, 300)
        s = _text(el, 300)
        if (trail := parse_breadcrumb(s)):
            return trail, s
    for el in tree.iter("nav", "ol", "ul"):
        label = (el.get("aria-label") or "").lower()
        if "breadcrumb" in label:
            items = [t for a in list(el.iter("a"))[:30] if (t := _text(a, 100))]
            if items:
                return items, _text(el, 300)
    return None


def _pick_section(meta: PageMeta, tree: HtmlElement, hints: Hints, objects: list[dict[str, Any]],
                  article: dict[str, Any] | None, tags: dict[str, list[str]], *,
                  kicker_first: bool) -> None:
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            trail = _clean_trail(_breadcrumb_items(obj), meta.headline)
            if trail:
                meta.section_path = trail
                meta.note("section_path", " / ".join(trail), "jsonld_breadcrumblist")
                return
    vis = _visible_breadcrumb(tree, hints)
    if vis is not None:
        trail = _clean_trail(vis[0], meta.headline)
        if trail:
            meta.section_path = trail
            meta.note("section_path", " / ".join(trail), "visible_breadcrumb", vis[1])
            return
    if kicker_first and _kicker(meta, tree):
        return
    cands: list[tuple[str, str]] = []
    if article is not None and (s := _str(article.get("articleSection"))):
        cands.append((s, "jsonld_articleSection"))
    for key in ("article:section", "parsely-section", "section", "articlesection",
                "sailthru.section", "category", "dc.subject"):
        if tags.get(key):
            cands.insert(0 if key == "article:section" else len(cands),
                         (tags[key][0], "meta_" + key))
    for value, rule in cands:
        if _URL.match(value) or len(value) > 60:
            continue
        trail = parse_breadcrumb(value) or [value]
        trail = _clean_trail(trail, None)
        if trail:
            meta.section_path = trail
            meta.note("section_path", " / ".join(trail), rule, value)
            return



def _usable_url(url: str) -> bool:
    """An absolute http(s) URL that parses: the page controls it, and "http://[::1/a" makes
    ``urlsplit`` raise, which must not escape as a traceback."""
    if not url.startswith(("http://", "https://")):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False

def _pick_site(meta: PageMeta, tree: HtmlElement, hints: Hints, objects: list[dict[str, Any]],
               article: dict[str, Any] | None, tags: dict[str, list[str]]) -> None:
    names: list[str] = []
    if tags.get("og:site_name"):
        names.append(tags["og:site_name"][0])
    if article is not None and (p := _str(article.get("publisher"))):
        names.append(p)
    credited = {_str(a) for a in _as_list((article or {}).get("author"))}
    for obj in objects:
        types = set(_types(obj))
        # The site's own organisation or website, not an organisation credited as author.
        if types & (_ORG_TYPES | {"website"}) and (n := _str(obj.get("name"))) and (
                n not in credited and not registry_agency(n)):
            names.append(n)
    for key in ("application-name", "apple-mobile-web-app-title", "al:ios:app_name",
                "twitter:app:name:iphone", "copyright", "dc.publisher", "publisher"):
        names += tags.get(key, [])[:1]
    cleaned = [_COPYRIGHT.sub(" ", n).strip(" .,|-") for n in names]
    meta.site_names = [n for n in _dedupe(cleaned) if n and len(n) <= 80 and not _URL.match(n)
                       and any(c.isalpha() for c in n)]
    for key in ("og:url", "twitter:url"):
        if tags.get(key) and _usable_url(tags[key][0]):
            meta.canonical_url = tags[key][0]
            break
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and _usable_url(
                href := link.get("href") or ""):
            meta.canonical_url = href
            break
    # Copyright lines in the page furniture name the outlet when nothing else does.
    for el in _hinted(hints, "copyright|footer|legal"):
        s = _text(el, 400)
        if ("©" in s or "copyright" in s.lower()) and len(s) <= 300:
            meta.copyright_lines.append(s)
        if len(meta.copyright_lines) >= 5:
            break


def _text_nodes(h1: HtmlElement, axis: str, n: int) -> list[tuple[str, HtmlElement]]:
    """Visible text nodes next to the headline element (``following`` or ``preceding``)."""
    try:
        nodes = h1.xpath(f"{axis}::text()[not(ancestor::script) and not(ancestor::style)"
                         " and not(ancestor::noscript)]")
    except (etree.XPathError, ValueError):
        return []
    if axis == "preceding":
        nodes = nodes[::-1]
    out: list[tuple[str, HtmlElement]] = []
    for node in nodes:
        t = clean_spaces(str(node))
        if t:
            out.append((t, node.getparent()))
            if len(out) >= n:
                break
    return out


def _headline_zone(meta: PageMeta, tree: HtmlElement) -> None:
    """Byline, date and section label written right around the <h1>, when nothing else had them.

    News pages put the kicker/section label just above the headline and the byline and date
    just under it, often in elements with no telling class names.
    """
    h1 = _headline_element(meta, tree)
    if h1 is None:
        return
    after = _text_nodes(h1, "following", 20)
    texts = [t for t, _ in after]
    merged: list[str] = []
    for t in texts:
        if merged and re.fullmatch(r"(?i)(?:by|written by|words by|posted by|reported by):?",
                                   merged[-1]):
            merged[-1] = f"{merged[-1]} {t}"
        else:
            merged.append(t)
    if not meta.authors:
        for t in merged[:10]:
            b = parse_byline(t) if len(t) <= 200 else None
            if b is not None and b.authors:
                people, _orgs = _split_people(list(b.authors))
                if people:
                    meta.authors = people
                    meta.byline_text = meta.byline_text or t
                    meta.note("authors", ", ".join(people), "under_headline_" + b.rule, t)
                    break
    if meta.published is None:
        for t in merged[:12]:
            d = find_date(t) if len(t) <= 120 else None
            if d is not None and not _UPDATED.search(t[: d.start]):
                meta.published, meta.date_text = d.iso, d.text
                meta.note("published", d.iso, "under_headline_date", t)
                break


def _headline_element(meta: PageMeta, tree: HtmlElement) -> HtmlElement | None:
    return next((el for el in list(tree.iter("h1"))[:8] if meta.headline and _text(el, 600)
                 == meta.headline), None)


def _kicker(meta: PageMeta, tree: HtmlElement) -> bool:
    """A short section label just above the headline, in the headline's own container."""
    h1 = _headline_element(meta, tree)
    if h1 is None:
        return False
    container = h1.getparent()
    for _ in range(2):
        if container is not None and container.getparent() is not None:
            container = container.getparent()
    for t, parent in _text_nodes(h1, "preceding", 4):
        if parent is None or container is None or not _inside(parent, container):
            break
        if parent.tag in _MENU_TAGS or any(a.tag in _MENU_TAGS for a in parent.iterancestors()):
            break
        if _NOT_KICKER.match(t) or find_date(t) or re.search(r"\bago$", t):
            continue
        if 1 <= len(t.split()) <= 4 and len(t) <= 40 and t[0].isalpha() and not t.endswith(
                (".", ":", "!", "?")):
            meta.section_path = [t]
            meta.note("section_path", t, "label_above_headline", t)
            return True
        break
    return False


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in el.iterancestors()) or el is container


def read_page_meta(tree: HtmlElement, *, url: str | None) -> PageMeta:
    """Every provenance field of the page, chosen by the rules in this module's docstring."""
    meta = PageMeta()
    objects = _jsonld_objects(tree)
    articles = [o for o in objects if set(_types(o)) & (_ARTICLE_TYPES - {"webpage"})]
    article = next((o for o in articles if o.get("headline")), articles[0] if articles else None)
    if article is not None:
        meta.schema_types = _types(article)
    tags = _meta_tags(tree)
    meta.opinion_flag = any(v.lower() == "true" for v in tags.get("article:opinion", []))
    hints = _hint_index(tree)
    _pick_site(meta, tree, hints, objects, article, tags)
    _pick_headline(meta, tree, article, tags)
    _pick_authors(meta, hints, article, tags)
    _pick_date(meta, tree, hints, article, tags, url or meta.canonical_url)
    _headline_zone(meta, tree)
    _pick_section(meta, tree, hints, objects, article, tags, kicker_first=True)
    return meta
