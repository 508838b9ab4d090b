"""Byline lines → authors (people only), credited organisation, role and the rule that matched.

Owns byline recognition for every ingest path. Forms read: "By A", "By A and B", "By A, B and C",
"By A | Reuters", "By A (AFP)", "A | Reuters", "A, Staff Writer", "By A, Middle East
Correspondent", "By Staff", "Reporting by A in Cairo; Editing by B", each optionally with a date
segment ("By A | 12 May 2024"). Names must be name-shaped (capitalised tokens, initials,
particles such as "al-", "van", "de"), so a sentence that merely starts with "By" ("By the end of
the year, …") is rejected rather than guessed at.

The credited organisation is returned as written: whether it is a wire agency is the outlet
registry's call (``presslens.outlets.registry.agency``), not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .breadcrumb import clean_spaces
from .dates import find_date

__all__ = ["Byline", "is_person_name", "parse_byline"]

_MAX_CHARS = 200
_PREFIX = re.compile(
    r"^(?:(?:written|words|story|text|article|report(?:ed)?)\s+by|by|author(?:s)?\s*:|"
    r"reporters?\s*:)\s*:?\s+",
    re.I,
)
_CREDIT = re.compile(
    r"^(?P<what>(?:additional\s+|further\s+)?(?:reporting|writing|written|editing|edited|"
    r"compiled|compilation|research|photos?|photography|graphics|video|production|"
    r"fact[- ]checking)(?:\s+and\s+\w+)?)\s+by\s+(?P<who>.+)$",
    re.I,
)
# "Source: Xinhua", "Editor: Zhou Lan", "Editors: A, B": labelled credit lines of agency pages
_LABELLED = re.compile(r"^(?P<label>source|agency|editors?|writer|reporter)\s*:\s*(?P<who>\S.*)$",
                       re.I)
# "The Editorial Board", "Editorial Board", "The Editors": the outlet's collective voice
_BOARD = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.'’&-]*\s+){0,3}(?:editorial\s+board|editors|"
                    r"editorial\s+staff)$", re.I)
_SPEAKER_ROLE = re.compile(r"\bspokes(?:person|man|woman)\b", re.I)
_EDITING = re.compile(r"\bedit", re.I)
_NON_TEXT = re.compile(r"\b(?:photo|graphic|video|production)", re.I)
_SEGMENT_SPLIT = re.compile(r"\s*(?:\||·|•|\s[—–-]\s|—|–)\s*")
_AND = re.compile(r"\s*(?:,\s*and\s+|\band\s+|&\s*)", re.I)
_PAREN_TAIL = re.compile(r"\s*\((?P<org>[^()]{2,60})\)\s*$")
_LOCATION_TAIL = re.compile(r"\s+(?:in|from)\s+(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})$")
_FOR_TAIL = re.compile(r"\s+for\s+(?P<org>(?:the\s+)?[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4})$")

# Last word of a role ("Staff Writer", "Middle East Correspondent", "Opinion contributor").
_ROLE_HEADS = {
    "writer", "reporter", "correspondent", "editor", "columnist", "contributor", "journalist",
    "staff", "desk", "bureau", "chief", "producer", "critic", "commentator", "reviewer",
    "fellow", "intern", "team", "newsroom", "stringer", "blogger", "photographer",
    "analyst", "researcher", "professor", "director", "lecturer", "scholar",
}
_ROLE_STARTS = {"staff", "senior", "chief", "special", "our", "guest", "contributing", "associate",
                "deputy", "managing", "executive", "political", "foreign", "diplomatic",
                "opinion", "investigations", "news", "web", "digital", "online"}
# Name particles that may be lower-case inside a name ("Ursula von der Leyen", "Ali al-Hassan").
_PARTICLES = {
    "de", "da", "di", "del", "della", "der", "den", "des", "du", "dos", "das", "do", "van", "von",
    "la", "le", "bin", "ibn", "bint", "al", "el", "ul", "ter", "ten", "y", "e", "zu", "af", "abu",
}
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"}
# Capitalised words that start sentences or name times, never people.
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "with", "as",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "then", "now", "using", "doing", "far", "contrast", "comparison",
    "its", "his", "her", "their", "our", "my", "your", "all", "some", "no", "not", "it",
    "staff", "news", "agencies", "agency", "editorial", "breaking", "live", "latest", "update",
    "updates", "exclusive", "watch", "video", "photos", "world", "east", "west", "north", "south",
    "release", "edition", "e-edition", "briefing", "times", "post", "herald", "tribune", "daily",
    "journal", "gazette", "monitor", "telegraph", "chronicle",
}
# Degrees and professional credentials written after a name ("Jane Doe, MS, RD").
_CREDENTIALS = {
    "phd", "md", "ms", "msc", "ma", "mba", "mph", "rd", "rdn", "rn", "bsc", "ba", "apd", "jd",
    "llm", "np", "ldn", "cde", "dds", "cscs", "mfa", "dphil",
}
_DATE_TAIL_SEP = re.compile(r"[\s,|·•\-–—]*(?:\bon|\bupdated?|\bpublished)?[\s,:|·•\-–—]*$",
                            re.I)
_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]{1,9}$")


@dataclass(frozen=True)
class Byline:
    """What a byline line credits: people, an organisation, a role, and the rule that read it."""

    authors: list[str]
    agency: str | None = None  # credited organisation as written; the registry says if it is wire
    role: str | None = None
    rule: str = ""
    editors: list[str] = field(default_factory=list)
    date_text: str | None = None


def _token_ok(tok: str, first: bool) -> bool:
    if tok.lower() in _NAME_SUFFIXES and not first:
        return True
    if not _TOKEN.match(tok):
        return False
    head = tok[0]
    if head.isupper() or (head.isalpha() and not head.islower()):
        # Initial ("J." / "J.K.") or a capitalised word; reject ALLCAPS words longer than 3
        # unless the whole line is shouting (handled by the caller normalising case).
        return True
    low = tok.lower()
    if first:
        return False
    return low in _PARTICLES or any(low.startswith(p + "-") for p in _PARTICLES)


def is_person_name(s: str) -> bool:
    """True when ``s`` is shaped like a personal name: 2–5 capitalised tokens (particles allowed).

    >>> is_person_name("Alireza Hashemi"), is_person_name("the end of the year")
    (True, False)
    """
    if s.isupper():
        s = s.title()  # shouted bylines: judge "MARTA LINDQVIST" as "Marta Lindqvist"
    tokens = s.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0].lower().strip(".") in _NOT_NAMES or tokens[-1].lower() in _NOT_NAMES:
        return False
    if any(t.lower() in {"and", "or", "of", "the"} for t in tokens):
        return False
    if not all(_token_ok(t, n == 0) for n, t in enumerate(tokens)):
        return False
    last = tokens[-1]
    if last.lower() in _NAME_SUFFIXES:
        last = tokens[-2]
    if last.lower() in _PARTICLES:
        return False
    return find_date(s) is None


def _is_role(s: str) -> bool:
    words = s.split()
    if not 1 <= len(words) <= 6 or any(c.isdigit() for c in s):
        return False
    if s[-1] in ".!?" and not s.endswith(("Jr.", "Sr.")):
        return False
    last = words[-1].lower().rstrip("s")
    if last in _ROLE_HEADS or words[-1].lower() in _ROLE_HEADS:
        return True
    return words[0].lower() in _ROLE_STARTS and len(words) >= 2 and all(
        w[0].isupper() or w.lower() in {"and", "of", "the", "for", "on", "at"} for w in words
    )


def _is_org(s: str) -> bool:
    """A credited organisation: an acronym, one capitalised word, or a short 'The …' name."""
    words = s.split()
    if not 1 <= len(words) <= 6 or s[-1] in ".!?,;:" or find_date(s):
        return False
    if words[0].lower() in _NOT_NAMES - {"the", "news", "agencies", "agency"}:
        return False
    if len(words) == 1:
        w = words[0]
        return bool(_ACRONYM.match(w)) or (w[0].isupper() and w.isalpha() and len(w) > 2)
    return all(w[0].isupper() or w.lower() in {"the", "of", "and", "&", "de", "la", "el"}
               for w in words)


def _display(name: str) -> str:
    """'JANE DOE' → 'Jane Doe' (shouted bylines); mixed-case names are kept as written."""
    return name.title() if name.isupper() else name


def _split_names(s: str) -> list[str] | None:
    """'A, B and C' → [A, B, C] when every part is name-shaped, else None."""
    parts = [p.strip() for chunk in s.split(",") for p in _AND.split(chunk)]
    parts = [p for p in parts if p]
    if not parts or not all(is_person_name(p) for p in parts):
        return None
    return [_display(p) for p in parts]


def _strip_location(s: str) -> str:
    m = _LOCATION_TAIL.search(s)
    return s[: m.start()] if m else s


def _credits(line: str) -> Byline | None:
    """'Reporting by A in Cairo; Additional reporting by B; Editing by C and D'."""
    authors: list[str] = []
    editors: list[str] = []
    for seg in filter(None, (p.strip() for p in re.split(r"[;|]", line))):
        m = _CREDIT.match(seg)
        if not m:
            return None
        names: list[str] = []
        for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", m["who"].strip().rstrip(".")):
            part = _strip_location(part.strip())
            if part.lower().startswith(("in ", "from ")):
                continue  # "… and C in Cairo, and D in Beirut": the place already went
            if not part or (names and part.lower().strip(".") in _CREDENTIALS):
                continue
            if not is_person_name(part):
                return None
            names.append(_display(part))
        if _EDITING.search(m["what"]):
            editors += names
        elif not _NON_TEXT.search(m["what"]):
            authors += names
    if not authors and not editors:
        return None
    return Byline(authors=authors, rule="credit_line", editors=editors)


def _people_and_credits(rest: str) -> tuple[list[str], str | None, str | None, str | None] | None:
    """Parse what follows 'By': names, then optional role / organisation / date segments."""
    authors: list[str] = []
    org: str | None = None
    role: str | None = None
    date_text: str | None = None
    segments = [s.strip() for s in _SEGMENT_SPLIT.split(rest) if s.strip()]
    for n, seg in enumerate(segments):
        paren = _PAREN_TAIL.search(seg)
        if paren:
            inner = paren["org"].strip()
            if _is_org(inner) and org is None:
                org, seg = inner, seg[: paren.start()].strip()
            elif _is_role(inner) and role is None:
                role, seg = inner, seg[: paren.start()].strip()
        if n > 0:
            d = find_date(seg)
            if d and len(seg) - len(d.text) <= 30:
                date_text = date_text or d.text
                continue
            if _is_role(seg):
                role = role or seg
                continue
            if _is_org(seg) or is_person_name(seg):  # "A | Middle East Eye": a credit, not a
                org = org or seg  # second author (co-authors are joined by "and" or commas)
                continue
            return None
        for_org = _FOR_TAIL.search(seg)
        if for_org and _is_org(for_org["org"]):
            org, seg = org or for_org["org"], seg[: for_org.start()]
        items = [i.strip() for i in seg.split(",") if i.strip()]
        credited = False  # names come before the role/organisation items, never after
        for k, item in enumerate(items):
            if k > 0 and authors and item.lower().strip(".") in _CREDENTIALS:
                continue
            # Later items are checked for a role first: "Staff Writer" is name-shaped too.
            if k > 0 and _is_role(item):
                role, credited = role or item, True
                continue
            names = None if credited else _split_names(_strip_location(item))
            if names:
                authors += names
            elif _is_role(item):
                role, credited = role or item, True
            elif re.search(r"\band\b|&", item):
                # "By Jane Doe and AFP": people and one organisation joined by "and"
                parts = [p.strip() for p in _AND.split(item) if p.strip()]
                people = [p for p in parts if is_person_name(p)]
                orgs = [p for p in parts if p not in people and _is_org(p)]
                if not people or len(people) + len(orgs) != len(parts) or len(orgs) > 1:
                    if len(items) == 1 and _is_org(item):
                        org = org or item  # "By Procter and Gamble"
                        continue
                    return None
                authors += people
                org = org or (orgs[0] if orgs else None)
            elif _is_org(item) and ((len(item.split()) == 1 and authors) or len(items) == 1):
                org, credited = org or item, True
            else:
                return None
    if not authors and org is None and role is None:
        return None
    return authors, org, role, date_text


def _labelled(s: str) -> Byline | None:
    """'Source: Xinhua' (a credited organisation), 'Editor: Zhou Lan' (editors), or a line of
    such credits and dates: 'Source: Xinhua | 2026-06-18 21:05:11 | Editor: Li'."""
    parts = [p.strip() for p in s.split("|") if p.strip()]
    if len(parts) > 1:
        found = [_labelled(p) for p in parts]
        dates = [find_date(p) for p in parts]
        if not any(found) or not all(f or d for f, d in zip(found, dates, strict=True)):
            return None
        got = [f for f in found if f is not None]
        return Byline(authors=[a for f in got for a in f.authors],
                      agency=next((f.agency for f in got if f.agency), None),
                      editors=[e for f in got for e in f.editors], rule="labelled_credits",
                      date_text=next((d.text for d in dates if d is not None), None))
    m = _LABELLED.match(s)
    if m is None:
        return None
    label, who = m["label"].lower(), m["who"].strip()
    if label in ("source", "agency"):
        return Byline(authors=[], agency=who, rule="labelled_source") if _is_org(who) else None
    names = _split_names(who)
    if label.startswith("editor"):  # editors sign with handles too ("Editor: huaxia")
        if not names and not re.fullmatch(r"[^\W\d_][\w.-]{1,30}", who):
            return None
        return Byline(authors=[], editors=names or [who], rule="labelled_editor")
    if not names:
        return None
    return Byline(authors=names, rule="labelled_author")


def parse_byline(line: str, *, bare_names: bool = False) -> Byline | None:
    """Read a byline; None when ``line`` is not one.

    ``bare_names`` also accepts a line holding only names ("Jane Doe and John Roe"): callers
    set it for the short lines right under a headline, where such a line is a byline.

    >>> parse_byline("By Jane Doe and John Roe").authors
    ['Jane Doe', 'John Roe']
    >>> parse_byline("By the end of the year, the dam will be full.") is None
    True
    """
    if len(line) > _MAX_CHARS * 2:
        return None
    s = clean_spaces(line)
    if not s or len(s) > _MAX_CHARS:
        return None
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    tail_date = find_date(s)
    if tail_date is not None and tail_date.end == len(s) and tail_date.start > 0:
        # "Written by A on 14 November 2019": the date is not part of the credit
        head = _DATE_TAIL_SEP.sub("", s[: tail_date.start])
        found = parse_byline(head, bare_names=bare_names) if head else None
        if found is not None:
            return replace(found, date_text=found.date_text or tail_date.text)
    if _CREDIT.match(s):
        return _credits(s)
    labelled = _labelled(s)
    if labelled is not None:
        return labelled
    parts = [p.strip() for p in s.split("|") if p.strip()]
    if bare_names and len(parts) >= 2 and all(find_date(p) for p in parts[1:]):
        names = _split_names(parts[0])  # "Zehra Kaya | 05.09.2026 - Update : 05.09.2026"
        if names:
            return Byline(authors=names, rule="name_date", date_text=parts[1])
    if _BOARD.match(s):
        return Byline(authors=[], role=s, rule="editorial_board")
    m = _PREFIX.match(s)
    if m:
        parsed = _people_and_credits(s[m.end():].strip())
        if parsed is None:
            return None
        authors, org, role, date_text = parsed
        return Byline(authors=authors, agency=org, role=role, rule="by_prefix",
                      date_text=date_text)
    # No "By": only accept a name list followed by a role (comma) or a credit (| or dash).
    segments = [p for p in _SEGMENT_SPLIT.split(s) if p.strip()]
    items = [i.strip() for i in s.split(",")]
    if len(segments) >= 2 and _split_names(segments[0]):
        parsed = _people_and_credits(s)
        if parsed and parsed[0] and (parsed[1] or parsed[2]):
            authors, org, role, date_text = parsed
            return Byline(authors=authors, agency=org, role=role, rule="name_credit",
                          date_text=date_text)
    if len(items) >= 2 and _SPEAKER_ROLE.search(items[-1]) and _split_names(items[0]):
        # "Thomas Halversen, Department Spokesperson" over a briefing: the speaker, not an author
        return Byline(authors=[], role=items[-1], rule="speaker_credit")
    if len(items) >= 2 and _is_role(items[-1]):
        names = _split_names(", ".join(items[:-1]))
        if names:
            return Byline(authors=names, role=items[-1], rule="name_role")
    if bare_names:
        names = _split_names(s)
        if names:
            return Byline(authors=names, rule="bare_names")
    return None
