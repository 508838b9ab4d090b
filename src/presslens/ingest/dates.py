"""Publication dates as printed on news pages → ISO 8601, with the exact text that was matched.

Owns date *recognition* for every ingest path (plain text and HTML bylines): English month names
("12 May 2024", "May 12th, 2024", "Tuesday 12 May 2024 10:31 BST"), ISO dates and datetimes,
dotted day-first dates and unambiguous slashed dates, each optionally with a time of day and a
time zone written next to it. Relative dates ("2 hours ago", "yesterday") and dates without a
year are deliberately not resolved: we cannot know the page's fetch time, so we return nothing
rather than a guess.

Regexes rather than ``dateutil.parser``: its fuzzy mode happily reads a date out of any sentence
containing a month word or a number, and it is only a transitive dependency of trafilatura.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

__all__ = ["DateMatch", "date_line", "find_date", "parse_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
)
_SP = r"[\s\u00a0\u202f]+"  # pages put no-break spaces inside dates

# One pattern per layout: Python forbids reusing group names across alternatives.
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:[T ](?P<h>[0-2]\d):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?"
            r"(?P<tz>Z|[+-][0-2]\d:?[0-5]\d)?)?(?![\d-])"
        ),
    ),
    ("day_month_year", re.compile(
        rf"\b{_WEEKDAY}{_DAY}{_SP}(?:of{_SP})?{_MON},?{_SP}{_YEAR}\b", re.I)),
    ("month_day_year", re.compile(
        rf"\b{_WEEKDAY}{_MON}{_SP}{_DAY},?{_SP}{_YEAR}\b", re.I)),
    ("year_month_day_slashed", re.compile(
        r"(?<![\d/])(?P<year>(?:19|20)\d\d)/(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])")),
    ("day_month_year_dotted", re.compile(
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.])")),
    ("numeric_slashed", re.compile(
        r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")),
)

# Zone abbreviations with one unambiguous offset; ET, PT, CST, IST, AST … are left naive.
_YEARISH = re.compile(r"(?:19|20)\d\d")  # every layout needs a full year: cheap pre-check

_ZONES = {
    "Z": 0, "UTC": 0, "GMT": 0, "BST": 60, "WET": 0, "WEST": 60, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "MDT": -360, "MST": -420,
    "PDT": -420, "PST": -480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "IRST": 210,
    "PKT": 300, "SAST": 120, "WIB": 420, "HKT": 480, "SGT": 480,
}
_TIME = (
    r"(?P<h>[0-2]?\d)(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"(?:[\s\u00a0]*(?P<ampm>[aApP]\.?\s?[mM]\.?)(?![A-Za-z]))?"
    r"(?:[\s\u00a0]*\(?(?P<tz>(?:GMT|UTC)[+-]\d{1,2}(?::?\d\d)?|[+-][01]\d:?[0-5]\d"
    r"|[A-Z]{2,5}(?![A-Za-z]))\)?)?"
)
_TIME_AFTER = re.compile(r"[\s\u00a0]*(?:(?:[,|·•@\-–—T]|at\b)[\s\u00a0]*)?" + _TIME)
_TIME_BEFORE = re.compile(
    r"(?<![\d.:])" + _TIME + r"[\s\u00a0]*(?:(?:[,|·•\-–—]|on\b)[\s\u00a0]*)?$"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: ISO value, the matched text and where it sits in the string."""

    iso: str
    text: str
    start: int
    end: int
    rule: str


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value[:3].lower()]


def _ymd(rule: str, m: re.Match[str]) -> date | None:
    try:
        year = int(m["year"])
        if rule == "numeric_slashed":
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:  # day first
                return date(year, b, a)
            if b > 12 >= a:  # month first
                return date(year, a, b)
            return None  # 05/06/2024: day-first or month-first is a coin toss
        return date(year, _month(m["mon"]), int(m["day"]))
    except ValueError:  # 31 February and the like
        return None


def _zone(tz: str | None) -> timezone | None:
    if not tz:
        return None
    t = tz.upper()
    if t in _ZONES:
        return timezone(timedelta(minutes=_ZONES[t]))
    num = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d\d)?", t)
    if num:
        minutes = int(num[2]) * 60 + int(num[3] or 0)
        if minutes > 14 * 60:
            return None
        return timezone(timedelta(minutes=minutes if num[1] == "+" else -minutes))
    return None


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    h, mi, s = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if m["sep"] == "." and not ampm and not m["tz"]:
        return None  # "1.50" next to a date is a number, not ten to two; "06.00 GMT" is a time
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "pm" else 0)
    return (h, mi, s) if h < 24 else None


def _with_time(day: date, m: re.Match[str]) -> str | None:
    clock = _clock(m)
    if clock is None:
        return None
    value = datetime(day.year, day.month, day.day, *clock, tzinfo=_zone(m["tz"]))
    return value.isoformat()


def _first_valid(
    rule: str, pattern: re.Pattern[str], text: str
) -> tuple[re.Match[str], date] | None:
    for m in pattern.finditer(text):
        d = _ymd(rule, m)
        if d is not None:
            return m, d
    return None


def find_date(text: str) -> DateMatch | None:
    """The earliest full date (with year) in ``text``, with an adjacent time of day if any."""
    if not _YEARISH.search(text):
        return None
    best: tuple[str, re.Match[str], date] | None = None
    for rule, pattern in _DATE_PATTERNS:
        found = _first_valid(rule, pattern, text)
        if found and (best is None or found[0].start() < best[1].start()):
            best = (rule, *found)
    if best is None:
        return None
    rule, m, day = best
    start, end = m.start(), m.end()
    iso = day.isoformat()
    if rule == "iso" and m["h"] is not None:
        stamp = datetime(day.year, day.month, day.day, int(m["h"]), int(m["m"]),
                         int(m["s"] or 0), tzinfo=_zone(m["tz"]))
        iso = stamp.isoformat()
    else:
        after = _TIME_AFTER.match(text, end)
        before = _TIME_BEFORE.search(text, max(0, start - 40), start)
        if after and (value := _with_time(day, after)):
            iso, end = value, after.end()
        elif before and (value := _with_time(day, before)):
            iso, start = value, before.start()
    return DateMatch(iso=iso, text=text[start:end].strip(), start=start, end=end, rule=rule)


def parse_date(text: str) -> tuple[str, str] | None:
    """``(iso, matched_text)`` for the first full date in ``text``; None when there is none.

    >>> parse_date("Published: 12 May 2024")
    ('2024-05-12', '12 May 2024')
    >>> parse_date("2 hours ago") is None
    True
    """
    m = find_date(text)
    return (m.iso, m.text) if m else None


# --------------------------------------------------------------------------- date lines

_DATE_LABEL = re.compile(
    r"\b(?:first |last )?(?:published|updated?|posted|modified|released|date|time|on|at|"
    r"and|gmt|utc|\d+\s*min(?:ute)?s?\s*read)\b|[:|·•,\-–—()\[\]]",
    re.I,
)
_RELATIVE = re.compile(
    r"^(?:(?:published|updated|posted)\s*:?\s*)?(?:\d+|an?|one)\s+(?:second|minute|min|hour|"
    r"hr|day|week|month|year)s?\s+ago$|^(?:published|updated|posted)?\s*:?\s*(?:today|"
    r"yesterday|just now)$",
    re.I,
)
_RELATIVE_TAIL = re.compile(
    r"\b(?:(?:updated|published|posted)\s*:?\s*)?(?:\d+|an?|one)\s+(?:second|minute|min|hour|"
    r"hr|day|week|month|year)s?\s+ago\b|\b[AP]\.?M\.?\b|[+-]\d{1,2}(?::?\d{2})?\b", re.I)
_UPDATED = re.compile(r"^(?:last )?(?:updated|modified)\b", re.I)


def date_line(s: str, words: int) -> tuple[DateMatch | None, str] | None:
    """(date, or None for a relative date, and the rule) when the whole line ``s`` (of
    ``words`` words) is a date line: "Published 12 May 2024 · Updated 13 May 2024 10:31 BST",
    "December 5, 2026 11:42 AM GMT+1 Updated 2 hours ago", "3 hours ago"."""
    if words > 16:
        return None
    if _RELATIVE.match(s):
        return None, "relative_date"
    first = find_date(s)
    if first is None:
        return None
    rest = s
    for _ in range(3):
        d = find_date(rest)
        if d is None:
            break
        rest = rest[: d.start] + " " + rest[d.end:]
    rest = _RELATIVE_TAIL.sub(" ", rest)
    if len(_DATE_LABEL.sub(" ", rest).split()) > 2:
        return None
    return first, "updated_line" if _UPDATED.match(s) else "date_line"
