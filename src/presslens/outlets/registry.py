"""Outlet registry: URL hosts, site names and a page's own self-references → outlet facts.

Owns loading and validating ``outlets.json`` (shipped package data; see ``README.md`` beside it
for the fields and the state-affiliation criterion) and the ways an outlet is recognised:

* :meth:`Registry.by_domain` — the URL host, longest registered suffix wins (so any subdomain,
  ``www.``/``m.``/``amp.`` and mirror domains work); AMP-cache and Wayback Machine URLs are
  unwrapped first.
* :meth:`Registry.by_name` — a site name or alias, compared case-, space- and
  punctuation-insensitively ("Press TV" == "PressTV" == "press-tv").
* :meth:`Registry.find_in_text` — the page's plain-text self-references, ranked by how
  boilerplate-like the line is (rules and scores in the "self-references" section below).
* :meth:`Registry.agency` — the canonical name of a wire agency named in a credit.

Every lookup returns a *copy* of the cached :class:`~presslens.schema.OutletInfo` with
``matched_by``/``matched_value`` set, so callers can never alter the shared registry.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ConfigError
from ..schema import Citation, Evidence, OutletInfo

__all__ = [
    "OWNERSHIP_TYPES", "OutletEntry", "Registry", "agency", "host_of", "identify_outlet",
    "load_registry", "load_registry_file", "normalize_name",
]

OwnershipType = Literal["public_service", "private", "state_controlled", "nonprofit", "cooperative"]
OWNERSHIP_TYPES: frozenset[str] = frozenset(OwnershipType.__args__)  # type: ignore[attr-defined]

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})")
_WAYBACK_PATH = re.compile(r"^/web/[0-9a-z_*]+/(?P<url>.+)$", re.I)
_AMP_CACHE_SUFFIX = ".cdn.ampproject.org"


# --------------------------------------------------------------------------- data model


class OutletEntry(BaseModel):
    """One registry entry exactly as stored in ``outlets.json`` (all fields, validated)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: Literal["outlet", "agency"] = "outlet"
    domains: tuple[str, ...] = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")
    country_name: str = Field(min_length=2)
    owner: str = Field(min_length=2)
    ownership_type: OwnershipType
    state_affiliated: bool
    controlling_state: str | None = None
    funding_state: str | None = None
    notes: str | None = None
    citations: tuple[Citation, ...] = Field(min_length=1)

    @field_validator("domains")
    @classmethod
    def _domains_are_bare_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for domain in value:
            if host_of(domain) != domain or domain.startswith("www."):
                raise ValueError(f"domain {domain!r} must be a bare lowercase ASCII host")
        return value

    @field_validator("citations")
    @classmethod
    def _citations_are_https(cls, value: tuple[Citation, ...]) -> tuple[Citation, ...]:
        for citation in value:
            if not citation.url.startswith("https://"):
                raise ValueError(f"citation URL must be https: {citation.url!r}")
        return value

    @model_validator(mode="after")
    def _state_fields_agree(self) -> OutletEntry:
        if self.state_affiliated and not self.controlling_state:
            raise ValueError("state_affiliated entries need controlling_state")
        if not self.state_affiliated and self.controlling_state:
            raise ValueError("controlling_state is set but state_affiliated is false")
        if self.ownership_type == "state_controlled" and not self.state_affiliated:
            raise ValueError("state_controlled ownership implies state_affiliated")
        return self

    def to_info(self) -> OutletInfo:
        """The output model (``OutletInfo.country`` carries the country's name)."""
        return OutletInfo(
            id=self.id, name=self.name, country=self.country_name, owner=self.owner,
            ownership_type=self.ownership_type, state_affiliated=self.state_affiliated,
            controlling_state=self.controlling_state, domains=list(self.domains),
            citations=[c.model_copy() for c in self.citations], matched_by=None,
            matched_value=None,
        )


class _RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str | None = None
    version: Literal[1]
    outlets: list[OutletEntry]


# --------------------------------------------------------------------------- normalisation


def _fold(text: str) -> str:
    """Strip diacritics (NFKD, combining marks dropped) but keep case and punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(name: str) -> str:
    """Comparison key of a name: case, spacing, punctuation, diacritics and a leading "the"
    are ignored; "&" reads as "and" and "+" as "plus" (so "AJ+" stays distinct from "AJ")."""
    text = _fold(name).casefold().replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’]s\b", "", text)  # possessive: "Press TV's" → "Press TV"
    tokens = re.findall(r"[^\W_]+", text)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return "".join(tokens)


_NAME_SUFFIXES = ("website", "site", "online", "web", "homepage", "com")


def host_of(url_or_host: str) -> str | None:
    """The lowercase ASCII (IDNA) host of a URL or bare host, or ``None`` if there is none.

    Never raises on junk: malformed URLs, IP addresses and hosts without a dot give ``None``.
    """
    text = url_or_host.strip()
    if not text:
        return None
    if "://" not in text:
        text = "//" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:  # e.g. "http://[::1" — an unbalanced IPv6 bracket
        return None
    if not host:
        return None
    try:
        host = host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:  # empty or over-long label, characters IDNA forbids
        return None
    return host if _HOST.fullmatch(host) else None


def _unwrap(url_or_host: str, host: str) -> str | None:
    """The publisher host hidden inside an AMP-cache or Wayback Machine URL, if any."""
    if host.endswith(_AMP_CACHE_SUFFIX):
        label = host[: -len(_AMP_CACHE_SUFFIX)]
        # AMP cache encoding: "-" stands for ".", "--" for a literal "-".
        return host_of(label.replace("--", "\0").replace("-", ".").replace("\0", "-"))
    if host == "web.archive.org":
        try:
            path = urlsplit(url_or_host.strip()).path
        except ValueError:
            return None
        match = _WAYBACK_PATH.match(path)
        return host_of(match["url"]) if match else None
    return None


# --------------------------------------------------------------------------- registry


class Registry:
    """Validated, indexed outlet entries. Build with :func:`load_registry` (shipped file)."""

    def __init__(self, entries: Iterable[OutletEntry]) -> None:
        """Index ``entries``; :class:`ConfigError` if ids, domains or names collide."""
        self._entries: dict[str, OutletEntry] = {}
        self._by_domain: dict[str, OutletEntry] = {}
        self._by_name: dict[str, tuple[OutletEntry, str]] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise ConfigError(f"outlet registry: duplicate id {entry.id!r}")
            self._entries[entry.id] = entry
            for domain in entry.domains:
                other = self._by_domain.setdefault(domain, entry)
                if other is not entry:
                    raise ConfigError(f"outlet registry: domain {domain!r} claimed by "
                                      f"{other.id!r} and {entry.id!r}")
            for name in (entry.name, *entry.aliases):
                key = normalize_name(name)
                if not key:
                    raise ConfigError(f"outlet registry: {entry.id!r} has an empty name {name!r}")
                other, _ = self._by_name.setdefault(key, (entry, name))
                if other is not entry:
                    raise ConfigError(f"outlet registry: name {name!r} is ambiguous "
                                      f"({other.id!r} and {entry.id!r})")
        self._infos = {e.id: e.to_info() for e in self._entries.values()}

    # ----------------------------------------------------------------- collection access

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[OutletEntry]:
        return iter(self._entries.values())

    def get(self, outlet_id: str) -> OutletEntry | None:
        """The full stored entry (aliases, kind, funding_state, notes …) by id."""
        return self._entries.get(outlet_id)

    def info(self, entry: OutletEntry, *, matched_by: str, matched_value: str) -> OutletInfo:
        """A fresh :class:`OutletInfo` copy of ``entry`` with how it was matched."""
        return self._infos[entry.id].model_copy(
            deep=True, update={"matched_by": matched_by, "matched_value": matched_value}
        )

    # ----------------------------------------------------------------- lookups

    def entry_by_domain(self, url_or_host: str) -> tuple[OutletEntry, str] | None:
        """(entry, registered domain that matched) for a URL or host, else ``None``."""
        host = host_of(url_or_host)
        if host is None:
            return None
        inner = _unwrap(url_or_host, host)
        if inner is not None:
            host = inner
        labels = host.split(".")
        for i in range(len(labels) - 1):  # longest suffix first; never a bare TLD
            suffix = ".".join(labels[i:])
            entry = self._by_domain.get(suffix)
            if entry is not None:
                return entry, suffix
        return None

    def by_domain(self, url_or_host: str) -> OutletInfo | None:
        """Outlet whose registered domain (or a parent of it) hosts ``url_or_host``."""
        if (found := self.entry_by_domain(url_or_host)) is None:
            return None
        return self.info(found[0], matched_by="url_domain", matched_value=found[1])

    def entry_by_name(self, name: str) -> tuple[OutletEntry, str] | None:
        """(entry, registered name or domain that matched) for a site name, else ``None``."""
        key = normalize_name(name)
        if not key:
            return None
        found = self._by_name.get(key)
        if found is not None:
            return found
        stripped = name.strip()
        if "." in stripped and " " not in stripped:  # og:site_name is sometimes a domain
            by_domain = self.entry_by_domain(stripped)
            if by_domain is not None:
                return by_domain
        for suffix in _NAME_SUFFIXES:  # "Example News Online", "Example News website"
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                found = self._by_name.get(key[: -len(suffix)])
                if found is not None:
                    return found
        return None

    def by_name(self, name: str) -> OutletInfo | None:
        """Outlet called ``name`` (its name or an alias; case/space/punctuation-insensitive)."""
        found = self.entry_by_name(name)
        return self.info(found[0], matched_by="name", matched_value=found[1]) if found else None

    def find_in_text(self, lines: Sequence[str]) -> tuple[OutletInfo, Evidence] | None:
        """The outlet a page names as itself in its plain-text lines, with the rule used.

        Boilerplate lines (copyright, alternate addresses, "Follow X on", a bare domain) beat
        mentions inside body sentences ("told the X website", "in an interview with X").
        """
        hit = _best_self_reference(self, lines)
        if hit is None:
            return None
        matched_by = "copyright" if hit.rule == "copyright_line" else "self_reference"
        info = self.info(hit.entry, matched_by=matched_by, matched_value=hit.matched)
        return info, Evidence(field="outlet", value=hit.entry.name, rule=hit.rule, text=hit.line)

    def agency(self, text: str) -> str | None:
        """Canonical name of the wire agency ``text`` credits ("AFP" → "Agence France-Presse")."""
        entry = _find_agency(self, text)
        return entry.name if entry is not None else None

    def _entry_for_name(self, name: str) -> OutletEntry | None:
        # Exact normalised lookup for text matches (no domain/suffix fallbacks).
        found = self._by_name.get(normalize_name(name))
        return found[0] if found is not None else None

    @functools.cached_property
    def _matcher(self) -> _NameMatcher:
        return _NameMatcher(self._entries.values())


# --------------------------------------------------------------------------- self-references

# Separator allowed between the words of a multi-word name: "Press TV", "PressTV", "Press-TV".
_SEP = r"[\s\-'’.]{0,3}"
# A capitalised word after a one-word name usually means a longer, different proper noun
# ("The National Geographic", "DR Congo"); company suffixes and "News"/"on" do not.
_NOT_LONGER_NAME = (
    r"(?!\s+(?!(?:Ltd|Limited|LLC|Inc|Corp|Corporation|Company|Co|Group|Media|Network|Plc|PLC|"
    r"SA|GmbH|AG|Holdings|News|Online|Website|All|Copyright)\b)[A-Z][a-z])"
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
_ALTERNATE = re.compile(
    r"\b(?:alternate|alternative|mirror)\s+(?:web\s*)?(?:address(?:es)?|domains?|sites?|links?|"
    r"urls?)\b|\bcan\s+(?:also\s+)?be\s+(?:accessed|reached|found)\s+at\b",
    re.I,
)
_PROMO_LEFT = re.compile(
    r"\b(?:follow|subscribe\s+to|download|install|sign\s+up\s+for|support)\s+(?:the\s+)?$", re.I
)
_PROMO_RIGHT = re.compile(
    r"^(?:['’]s)?\s+(?:on\s+(?:twitter|x|facebook|instagram|telegram|youtube|tiktok|whatsapp|"
    r"linkedin|threads|bluesky|mastodon|google\s+news)\b|(?:mobile\s+)?apps?\b|newsletters?\b|"
    r"is\s+not\s+responsible\s+for\s+the\s+content\s+of\s+external)",
    re.I,
)
_WEBSITE_RIGHT = re.compile(r"^(?:['’]s)?\s+(?:web\s*site|site|online\s+edition)\b", re.I)
_INTERVIEW_LEFT = re.compile(
    r"\b(?:(?:an?\s+)?(?:exclusive\s+)?interview\s+with|told|speaking\s+(?:to|with)|"
    r"spoke\s+(?:to|with)|talking\s+to|in\s+comments\s+to)\s+(?:the\s+)?$",
    re.I,
)
_DOMAIN_IN_TEXT = re.compile(
    r"(?<![\w@.\-/])(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
    r"(?![\w\-])(?::\d+)?(?:/\S*)?",
    re.I,
)
_YEAR_ONLY = re.compile(r"^\s*,?\s*(?:19|20)\d{2}\s*\.?\s*$")
_LONG_LINE_WORDS = 30  # longer lines read as body sentences, not boilerplate
# Rule → score. Boilerplate-looking lines first; body-sentence mentions are weaker evidence.
_SCORES = {
    "alternate_addresses": 0.95, "copyright_line": 0.9, "bare_domain_line": 0.9,
    "name_year_line": 0.85,
    "self_promotion_line": 0.85, "own_website_mention": 0.6, "domain_mention": 0.5,
    "interview_mention": 0.4,
}
# A bare "example.com" line is often a source credit for a linked story; "www.example.com" or a
# full URL on a line of its own reads as the page's own address (alternate-address lists).
_BARE_DOMAIN_NO_WWW = 0.6
_LONG_LINE_PENALTY = 0.2  # for promotion patterns found inside a long sentence
# A copyright/alternate-address marker counts for a name this close: "© 2024 Example News",
# "Example News © 2024", "Example TV's website can also be accessed at …".
_NEAR_BEFORE, _NEAR_AFTER = 80, 40
_AGENCY_PENALTY = 0.05  # an agency credit on a page usually names the source, not the publisher


_WORD_START = re.compile(r"(?<!\w)\w")


class _NameMatcher:
    """Finds registry names in text: multi-word names case-insensitively, one-word names
    (e.g. "Dawn", "Stuff", "The National", "BBC") only as capitalised or all-caps."""

    def __init__(self, entries: Iterable[OutletEntry]) -> None:
        loose: set[str] = set()
        strict: set[str] = set()
        # Every match starts at a word of the text that is a name's first word (after an
        # optional "the"): find() tries the regex only at such words (by their first one or
        # two letters), not at every character of every line.
        self._first: dict[str, set[str]] = {}
        self._always = False
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                words = [w for w in re.split(r"[\s\-'’]+", _fold(name).strip()) if w]
                lead_the = len(words) > 1 and words[0].lower() == "the"
                rest = words[1:] if lead_the else words
                if rest:
                    first = rest[0].lower()
                    if not first.isascii() or not _WORD_START.match(first):
                        self._always = True  # no cheap test for it: scan every position
                    self._first.setdefault(first[:2], set()).add(first)
                if len(rest) == 1 and rest[0].isalpha():
                    variants = {rest[0], rest[0].upper()}
                    the = r"(?:[Tt]he|THE)\s+" if lead_the else ""
                    strict.update(the + re.escape(v) for v in variants)
                else:
                    # "The National News" needs its "The"; "New York Times" may take one.
                    the = r"the\s+" if lead_the else r"(?:the\s+)?"
                    loose.add(the + _SEP.join(re.escape(w) for w in rest))
        self._loose = self._compile(loose, re.I, "")
        self._strict = self._compile(strict, 0, _NOT_LONGER_NAME)

    @staticmethod
    def _compile(patterns: set[str], flags: int, tail: str) -> re.Pattern[str]:
        body = "|".join(sorted(patterns, key=lambda p: (-len(p), p))) or r"(?!x)x"
        return re.compile(rf"(?<![\w@])(?:{body})(?![\w+]){tail}", flags)

    def _starts(self, text: str) -> list[int]:
        """Positions where a match may start: word starts that begin with "the" or with a
        name's first word (ASCII compared case-insensitively; a non-ASCII letter always counts,
        as re.I folds some of them to ASCII ones)."""
        first = self._first
        out: list[int] = []
        for m in _WORD_START.finditer(text):
            p = m.start()
            head = text[p:p + 3]
            if not head.isascii() or head.lower() == "the":
                out.append(p)
                continue
            if any(word == text[p:p + len(word)].lower() or not text[p:p + len(word)].isascii()
                   for key in (head[:2].lower(), head[:1].lower())
                   for word in first.get(key, ())):
                out.append(p)
        return out

    @staticmethod
    def _scan(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
        # finditer() restricted to the possible starts: the same matches, as a match found at
        # one start skips the starts it covers
        out: list[re.Match[str]] = []
        end = 0
        for p in starts:
            if p < end:
                continue
            m = pattern.match(text, p)
            if m is not None and m.end() > m.start():
                out.append(m)
                end = m.end()
        return out

    def find(self, text: str) -> list[re.Match[str]]:
        """Non-overlapping name matches, leftmost-longest."""
        if self._always:
            found = [*self._loose.finditer(text), *self._strict.finditer(text)]
        else:
            starts = self._starts(text)
            found = [*self._scan(self._loose, text, starts), *self._scan(self._strict, text,
                                                                          starts)]
        found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        kept: list[re.Match[str]] = []
        for match in found:
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return kept


@dataclass(slots=True)
class _Hit:
    entry: OutletEntry
    rule: str
    score: float
    line: str
    index: int
    matched: str


class _Markers:
    """Marker matches of one line ("©", "alternate addresses"), in text order.

    Matches from one ``finditer`` never overlap, so their starts and ends are both sorted and
    :meth:`near` is two binary searches: a scraped page can be one line holding thousands of
    outlet names, and testing each name against every marker was quadratic.
    """

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        spans = [m.span() for m in matches]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def near(self, match: re.Match[str]) -> bool:
        """A marker shortly before the name or just after it."""
        last = bisect_right(self._starts, match.start() + _NEAR_AFTER) - 1
        first = bisect_left(self._ends, match.end() - _NEAR_BEFORE)
        return first <= last


def _near(match: re.Match[str], markers: _Markers) -> bool:
    return markers.near(match)


def _name_rule(line: str, match: re.Match[str], entry: OutletEntry, *,
               copyright_: _Markers, alternate: _Markers,
               long_line: bool) -> tuple[str, float] | None:
    left, right = line[max(0, match.start() - 60): match.start()], line[match.end():]
    penalty = _LONG_LINE_PENALTY if long_line else 0.0
    if _near(match, alternate):
        return "alternate_addresses", _SCORES["alternate_addresses"]
    if _near(match, copyright_):
        return "copyright_line", _SCORES["copyright_line"]
    if not left.strip() and _YEAR_ONLY.match(right):
        return "name_year_line", _SCORES["name_year_line"]  # a footer signature: "TASS, 2026"
    if _PROMO_LEFT.search(left) or _PROMO_RIGHT.match(right):
        return "self_promotion_line", _SCORES["self_promotion_line"] - penalty
    if _WEBSITE_RIGHT.match(right):
        return "own_website_mention", _SCORES["own_website_mention"]
    if entry.kind == "agency":  # "told Reuters" names a source, not the publisher
        return None
    if _INTERVIEW_LEFT.search(left):
        return "interview_mention", _SCORES["interview_mention"]
    # A line that is only a name is not counted: on real pages it is far more often a link to
    # another outlet ("Related: CBS News") than a masthead.
    return None


def _line_hits(registry: Registry, raw: str, index: int) -> Iterator[_Hit]:
    line = _fold(raw).strip()
    shown = raw.strip()[:500]
    copyright_ = _Markers(_COPYRIGHT.finditer(line))
    alternate = _Markers(_ALTERNATE.finditer(line))
    long_line = len(line.split()) > _LONG_LINE_WORDS
    for match in registry._matcher.find(line):
        entry = registry._entry_for_name(match.group())
        if entry is None:
            continue
        rule = _name_rule(line, match, entry, copyright_=copyright_, alternate=alternate,
                          long_line=long_line)
        if rule is not None:
            yield _Hit(entry, rule[0], rule[1], shown, index, match.group())
    domains = list(_DOMAIN_IN_TEXT.finditer(line))
    if not domains:
        return
    rest = _DOMAIN_IN_TEXT.sub(" ", line)
    bare = not re.sub(r"\b(?:and|or)\b|[\W_]", "", rest, flags=re.I)
    for match in domains:
        found = registry.entry_by_domain(match.group())
        if found is None:
            continue
        if _near(match, alternate):
            domain_rule = "alternate_addresses"
        elif bare:
            domain_rule = "bare_domain_line"
        elif _near(match, copyright_):
            domain_rule = "copyright_line"
        else:
            domain_rule = "domain_mention"
        score = _SCORES[domain_rule]
        if domain_rule == "bare_domain_line" and not re.match(r"(?i)(?:https?://|www\.)",
                                                               match.group()):
            score = _BARE_DOMAIN_NO_WWW
        yield _Hit(found[0], domain_rule, score, shown, index, match.group())


_STRONG = 0.7  # boilerplate rules score above this; body-sentence mentions below
_TOPIC_LINES = 3
_TOPIC_CHECKS = 3  # weak candidates examined, best first


def _mention_lines(lines: Sequence[str], names: Iterable[str]) -> int:
    """Lines of ``lines`` that mention one of ``names`` (case-insensitive, whole words)."""
    alts = sorted({n.strip() for n in names if len(n.strip()) > 1}, key=len, reverse=True)
    if not alts:
        return 0
    body = "|".join(re.escape(n) for n in alts)
    pattern = re.compile(rf"(?<![\w@])(?:{body})(?![\w])", re.I)
    return sum(1 for line in lines if line and pattern.search(line))


def _best_self_reference(registry: Registry, lines: Sequence[str]) -> _Hit | None:
    best: dict[str, _Hit] = {}
    support: dict[str, set[int]] = {}
    for index, raw in enumerate(lines):
        if not raw or not raw.strip():
            continue
        for hit in _line_hits(registry, raw, index):
            if hit.entry.kind == "agency":
                hit.score -= _AGENCY_PENALTY
            support.setdefault(hit.entry.id, set()).add(index)
            current = best.get(hit.entry.id)
            if current is None or hit.score > current.score:
                best[hit.entry.id] = hit
    def rank(hit: _Hit) -> tuple[float, int]:
        # Several supporting lines add a little, never enough to beat a stronger rule.
        bonus = 0.02 * min(len(support[hit.entry.id]) - 1, 2)
        return hit.score + bonus, -hit.index

    # A name the body keeps talking about is the page's topic, not its publisher: weak
    # body-sentence evidence ("told X", "the X website", "x.com") for a name mentioned on
    # _TOPIC_LINES or more lines does not make X the outlet ("Regulator fines Press TV").
    for hit in sorted(best.values(), key=rank, reverse=True)[:_TOPIC_CHECKS]:
        names = (hit.matched, hit.entry.name, *hit.entry.aliases)
        if hit.score >= _STRONG or _mention_lines(lines, names) < _TOPIC_LINES:
            return hit
    return None


_CREDIT_SPLIT = re.compile(r"\s*(?:[|/;,()\[\]•·]|\s[—–-]\s|—|–|\band\b)\s*")
_CREDIT_PREFIX = re.compile(
    r"^(?:by|via|from|with|source|sources|photo|photos|image|credit|courtesy\s+of|copyright|"
    r"©|\(c\))(?![\w])[:\s]*",
    re.I,
)


def _find_agency(registry: Registry, text: str) -> OutletEntry | None:
    folded = _fold(text).strip()
    if not folded:
        return None
    # 1. A credit segment that is exactly an agency name ("AFP/Getty", "(AP) —", "Jo Lee, Reuters").
    for segment in _CREDIT_SPLIT.split(folded):
        segment = segment.strip(" .:-")
        while (stripped := _CREDIT_PREFIX.sub("", segment)) != segment:
            segment = stripped.strip(" .:-")
        found = registry._by_name.get(normalize_name(segment)) if segment else None
        if found is None or found[0].kind != "agency":
            continue
        key = normalize_name(segment)
        registered = _fold(found[1])
        # Short acronyms must keep their casing: "AP" or "dpa", never "ap" or "Dpa".
        if len(key) <= 5 and segment not in (registered, registered.upper()):
            continue
        return found[0]
    # 2. A distinctive agency name anywhere ("Reporting by Reuters"); bare acronyms are too
    #    ambiguous in running text ("MENA region", "AA batteries") to count here.
    for match in registry._matcher.find(folded):
        entry = registry._entry_for_name(match.group())
        word = match.group()
        if entry is not None and entry.kind == "agency" and not (
            word.isupper() and len(normalize_name(word)) <= 5
        ):
            return entry
    return None


# --------------------------------------------------------------------------- loading


def load_registry_file(path: str | Path) -> Registry:
    """Load and validate a registry JSON file (uncached); :class:`ConfigError` if it is bad."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read outlet registry {p}: {exc.strerror or exc}") from exc
    return _parse(text, source=str(p))


def _parse(text: str, *, source: str) -> Registry:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"outlet registry {source} is not valid JSON: {exc}") from exc
    try:
        parsed = _RegistryFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(
            f"outlet registry {source}: {exc.error_count()} invalid value(s); "
            f"first at {where}: {first['msg']}"
        ) from exc
    return Registry(parsed.outlets)


@functools.cache
def load_registry() -> Registry:
    """The shipped registry (``presslens/outlets/outlets.json``), loaded once and cached."""
    resource = resources.files(__package__ or "presslens.outlets").joinpath("outlets.json")
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"shipped outlet registry is missing: {exc}") from exc
    return _parse(text, source="outlets.json")


# --------------------------------------------------------------------------- conveniences


def agency(text: str) -> str | None:
    """:meth:`Registry.agency` on the shipped registry."""
    return load_registry().agency(text)


def identify_outlet(
    *, url: str | None = None, site_name: str | None = None, lines: Sequence[str] = ()
) -> tuple[OutletInfo, Evidence] | None:
    """The article's outlet: by URL domain, else by site name, else by the page's own text."""
    registry = load_registry()
    if url:
        found = registry.entry_by_domain(url)
        if found is not None:
            entry, domain = found
            info = registry.info(entry, matched_by="url_domain", matched_value=domain)
            return info, Evidence(field="outlet", value=entry.name, rule="url_domain",
                                  text=host_of(url) or url)
    if site_name:
        found = registry.entry_by_name(site_name)
        if found is not None:
            entry, value = found
            info = registry.info(entry, matched_by="site_name", matched_value=value)
            return info, Evidence(field="outlet", value=entry.name, rule="site_name",
                                  text=site_name)
    if lines:
        return registry.find_in_text(lines)
    return None
