"""A page's name for itself, read from its own boilerplate — for outlets not in the registry.

The registry recognises known outlets; an unknown outlet still names itself in lines such as
"© 2026 The Example Post. All rights reserved.", "Copyright 2024 Example Media Group",
"Follow The Example Post on social media" or "Example TV's website can also be accessed at…".
:func:`self_name` returns that name so provenance shows *who published the page* even when we
know nothing else about them. Only boilerplate-shaped lines are read (short, with the marker);
body sentences that mention other outlets never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["SelfName", "self_name"]

# A name: 1-6 capitalised words (case-sensitive on purpose: "Follow X on social media" must stop
# at "on"), allowing "of/the/and/&" inside; markers around it are case-insensitive.
_WORD = r"[A-Z0-9][\w'’&-]*(?:\.[A-Z][\w-]*)*"
_NAME = rf"(?P<name>(?:The\s+)?{_WORD}(?:\s+(?:of|the|and|&|{_WORD})){{0,5}}?)"
_MARK = r"(?i:©|\(c\)|copyright)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright_line", re.compile(
        rf"^\s*{_MARK}\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?{_NAME}"
        r"\s*(?:[.,|]|$|(?i:all rights))")),
    ("copyright_trailing", re.compile(rf"^\s*{_NAME}\s*{_MARK}\s*\d{{4}}")),
    ("follow_line", re.compile(rf"^\s*(?i:follow)\s+{_NAME}\s+(?i:on)\b")),
    ("alternate_addresses", re.compile(
        rf"^\s*{_NAME}(?:['’]s)?\s+(?i:(?:web\s*)?site\s+)?(?i:can\s+(?:also\s+)?be\s+"
        r"(?:accessed|reached|found)\s+at)\b")),
)
_MAX_LINE = 160  # boilerplate lines are short; a long line is body text quoting a notice
_GENERIC = frozenset({"all", "rights", "reserved", "us", "our", "this", "site", "website"})


@dataclass(frozen=True)
class SelfName:
    """The name a page gives itself, the rule that read it and the line it came from."""

    name: str
    rule: str
    line: str


def _clean(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .,'’")
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"\s+\d{4}$", "", name)  # "© Reuters 2024"
    words = [w for w in name.split() if w != "The"]
    # "© 2026 All rights reserved" has no name; neither has a lone generic word.
    if not words or words[0].lower() in _GENERIC or not words[0][0].isupper():
        return None
    return name


def self_name(lines: Iterable[str]) -> SelfName | None:
    """The first self-reference found in ``lines`` (give boilerplate lines first)."""
    for line in lines:
        if len(line) > _MAX_LINE:
            continue
        for rule, pattern in _PATTERNS:
            m = pattern.search(line)
            if m and (name := _clean(m.group("name"))):
                return SelfName(name=name, rule=rule, line=line.strip())
    return None
