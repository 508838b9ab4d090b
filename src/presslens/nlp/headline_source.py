"""The source a headline names at its end: ``Claim: Analyst``, ``Claim, says minister``,
``Claim - UN``.

Owns :func:`headline_source`, the one reading of that shape. The quotes component turns the colon
form into the ``headline_colon`` attribution; the language stage uses any form to tell a headline
that attributes its claim from one that presents it as the outlet's own. Plain string work on one
line, no parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .types import CharSpan

__all__ = ["HeadlineSource", "headline_source"]

_MAX_SOURCE_WORDS = 4
_MIN_CLAIM_WORDS = 3
# what parts claim and source: a colon, a lower-case cue verb after a comma, a dash after a space
# (" - UN", " -UN", " -- UN"; a hyphen inside a word is no separator). A bar is none: in
# "Claim | Daily Planet" it parts the headline from the site's name, which is no source.
_SEPARATOR = re.compile(
    r"(?P<colon>:)|(?P<cue>,\s*(?:says?|warns?|claims?)\s+)|(?P<dash>\s(?:--?|[–—]))")
_ROLE_WORDS = frozenset({
    "analyst", "analysts", "expert", "experts", "minister", "official", "officials", "report",
    "study", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "envoy",
    "president", "premier", "commander", "general", "lawmaker", "lawmakers", "senator",
    "diplomat", "ambassador", "poll", "survey", "ministry", "army", "military", "police",
    "activist", "activists", "observers", "scholar", "professor", "economist", "researchers",
    "officer", "chief", "leader", "fm", "pm", "mp", "mps", "un", "us", "eu", "who", "watchdog",
    "group", "rights", "monitor", "media", "insider", "insiders", "aide", "aides", "adviser",
})
_GLUE = frozenset({"of", "the", "for", "on", "to", "'s", "’s", "a", "an", "in", "and"})

Form = Literal["colon", "cue", "dash"]


@dataclass(frozen=True)
class HeadlineSource:
    """Where a headline line's claim and its named source are (offsets into the line, trimmed)."""

    form: Form
    claim: CharSpan
    source: CharSpan


def _names_someone(words: list[str]) -> bool:
    """Words that can be a source after a bare colon or dash: names, roles, and the glue
    between them ("Head of UN rights group") — not a lower-case phrase ("the facts")."""
    return (all(w[:1].isupper() or w.lower() in _ROLE_WORDS or w.lower() in _GLUE
                for w in words)
            and words[-1].lower() not in _GLUE and words[0].lower() not in _GLUE - {"the"})


def headline_source(line: str) -> HeadlineSource | None:
    """The source ``line`` names after its last separator, if the line has that shape: a claim
    of at least 3 words, then 1-4 words of source, no sentence-final mark. After a colon or a
    dash the source must look like a name or role; after ``, says`` the cue is evidence enough.
    """
    line = line.rstrip()
    if line.rstrip("\"'’”»").endswith((".", "?", "!")):
        # a sentence ("WASHINGTON: The vote failed.", "… – Not Indicted, Yet!’"), not a headline
        return None
    seps = list(_SEPARATOR.finditer(line))
    if not seps or seps[-1].start() <= 0:
        return None
    sep = seps[-1]
    form: Form = "colon" if sep["colon"] else "cue" if sep["cue"] else "dash"
    tail = line[sep.end():]
    claim = line[:sep.start()]
    words = tail.split()
    if not 1 <= len(words) <= _MAX_SOURCE_WORDS or len(claim.split()) < _MIN_CLAIM_WORDS:
        return None
    if form != "cue" and not _names_someone(words):
        return None
    return HeadlineSource(
        form=form,
        claim=(len(claim) - len(claim.lstrip()), len(claim.rstrip())),
        source=(sep.end() + len(tail) - len(tail.lstrip()), len(line)),
    )
