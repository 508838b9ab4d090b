"""Datelines at the start of a story: the place and the wire agency that filed it.

Owns :func:`parse_dateline`, read by the plain-text and HTML ingest paths on the first body
paragraphs. The shapes wire services use:

* "GAZA, Dec 5 (Reuters) - …", "MALATYA, Turkey (AP) — …", "BEIJING, Dec. 5 (Xinhua) -- …",
  "Taipei, June 18 (CNA) Taiwan's …" (no dash: only with an agency the registry knows)
* "MOSCOW, December 5. /TASS/. …" (agency between slashes)
* "Tehran, IRNA -- …" (agency after the place, no brackets)
* "GAZA CITY — …" (a place alone, in capitals: a dateline without an agency)

The agency is returned as written; whether it is a wire agency is the outlet registry's call
(:func:`presslens.outlets.registry.agency`). No rule names an agency.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..outlets.registry import agency as registry_agency
from ..schema import Article, BlockKind
from .breadcrumb import clean_spaces

__all__ = ["Dateline", "first_dateline", "parse_dateline"]

logger = logging.getLogger(__name__)

_PLACE = r"(?P<place>[^\W\d_][\w.'’ /-]{1,40}?)"
_DATE = r"(?:\s*,\s*[^\W\d_][\w.]*(?:\s+\d{1,2})?(?:\s*,\s*\d{4})?\.?)?"
_DASH = r"(?:—|–|--|-|:)"
_BRACKETED = re.compile(
    rf"^{_PLACE}(?:\s*,\s*[^\W\d_][\w.]*(?:\s+\d{{1,2}})?(?:\s*,\s*\d{{4}})?){{0,2}}\s*"
    rf"(?:\((?P<agency>[^()]{{2,40}})\)\s*(?:(?P<dash>{_DASH})\s+|(?=[A-Z\"“]))|{_DASH}\s+)\S"
)
_SLASHED = re.compile(rf"^{_PLACE}{_DATE}\s*/(?P<agency>[^/\s][^/]{{0,30}}?)/\s*\.?\s+\S")
_AFTER_PLACE = re.compile(
    rf"^{_PLACE}\s*,\s*(?P<agency>[A-Z][A-Za-z]{{1,12}})\s*{_DASH}{{1,2}}\s*\S"
)


@dataclass(frozen=True)
class Dateline:
    """A story's dateline: the place, the agency as written (or None), and the matched text."""

    place: str
    agency: str | None
    text: str
    rule: str


def _caps(place: str) -> bool:
    return place.upper() == place and sum(c.isalpha() for c in place) >= 3


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph`` (whitespace already normalised), or None.

    A place alone must be in capitals ("OSTRAVA —"); "Ostrava: the talks…" is too weak. With an
    agency credit any case is accepted ("Ostrava (AFP) -").
    """
    head = paragraph[:200]
    m = _SLASHED.match(head)
    if m:
        return Dateline(m["place"].strip(), m["agency"].strip(), m.group(0)[:-1].strip(),
                        "dateline_slashed_agency")
    m = _BRACKETED.match(head)
    if m and (m["agency"] or _caps(m["place"].strip())):
        agency = m["agency"].strip() if m["agency"] else None
        # "Taipei, June 18 (CNA) Taiwan's…": no dash after the credit, a weaker shape
        rule = "dateline_credit_no_dash" if agency and not m["dash"] else "dateline_opening"
        return Dateline(m["place"].strip(), agency, m.group(0)[:-1].strip(), rule)
    m = _AFTER_PLACE.match(head)
    if m:
        return Dateline(m["place"].strip(), m["agency"], m.group(0)[:-1].strip(),
                        "dateline_agency_after_place")
    return None


_PARAGRAPHS = 3  # first body paragraphs searched (a date or status line may come first)


def first_dateline(article: Article) -> tuple[Dateline, str | None] | None:
    """The first dateline among the opening body paragraphs, with the registry's name of its
    agency (None when it credits none, or nothing the registry knows as a wire agency).

    A dateline whose only evidence is a word after the place ("Tehran, IRNA --") counts only
    when the registry confirms that word is an agency ("Paris, France -" is no dateline).
    """
    lead = [b for b in article.blocks if b.kind in (BlockKind.STANDFIRST, BlockKind.BODY)]
    for block in lead[:_PARAGRAPHS]:  # a dateline paragraph read as standfirst counts too
        for line in block.text.splitlines()[:3]:
            dl = parse_dateline(clean_spaces(line))
            if dl is None:
                continue
            agency = registry_agency(dl.agency) if dl.agency else None
            weak = ("dateline_agency_after_place", "dateline_credit_no_dash")
            if agency is None and dl.rule in weak:
                continue  # "Paris, France -", "Jane Doe (pictured) Smith": no dateline
            return dl, agency
    return None
