"""What kind of voice a source is (official, expert, citizen, media, other) and no-comment replies.

Owns the role words used to sort voices for outlet comparisons. The words describe roles, never
particular people, parties or countries, so the same rule applies to every side of a story.
"""

from __future__ import annotations

import logging
import re

from ..schema import Voice

__all__ = ["ROLES", "is_no_comment", "no_comment_spans", "voice_role"]

logger = logging.getLogger(__name__)

ROLES = ("official", "expert", "citizen", "media", "other")

_OFFICIAL = re.compile(
    r"\b(officials?|ministers?|ministry|spokes(?:man|woman|person|people)|secretary|president|"
    r"prime minister|governor|mayor|senator|congress(?:man|woman)|lawmakers?|legislators?|"
    r"representative|rep\.|sen\.|gov\.|ambassador|diplomats?|chair(?:man|woman)?|commissioner|"
    r"department|agency|police|prosecutors?|attorney general|judge|court|military|army|"
    r"general|campaign|party|aides?|adviser|advisor|candidate|nominee|white house|government|"
    r"administration|council|committee|authorit(?:y|ies)|cabinet|parliament|deputy)\b", re.I)
_EXPERT = re.compile(
    r"\b(professor|analysts?|experts?|researchers?|economists?|scientists?|scholars?|"
    r"historians?|fellow|think tank|institute|university|pollsters?|strategists?|consultants?|"
    r"doctors?|physicians?|lawyers?|attorneys?|specialists?|director of research)\b", re.I)
_CITIZEN = re.compile(
    r"\b(residents?|voters?|citizens?|workers?|parents?|mothers?|fathers?|students?|"
    r"neighbou?rs?|protesters?|demonstrators?|witness(?:es)?|shoppers?|farmers?|supporters?|"
    r"retirees?|locals?|villagers?|passengers?|customers?|patients?|victims?|survivors?|"
    r"relatives?|families|volunteers?)\b", re.I)
_MEDIA = re.compile(
    r"\b(newspaper|news agency|reporters?|journalists?|correspondents?|editors?|columnists?|"
    r"broadcaster|news|times|post|journal|tribune|herald|gazette|press|magazine|network|"
    r"television|tv|radio|wire|reuters|associated press|agence france-presse)\b", re.I)

_NO_COMMENT = re.compile(
    r"\b(declined to comment|no comment|did not (?:immediately )?respond|did not return|"
    r"could not be reached|would not comment|refused to comment|did not comment|"
    r"declined to (?:say|elaborate|discuss|answer))\b", re.I)


def voice_role(voice: Voice) -> str:
    """The role of ``voice`` from its name and the descriptions the article gives it."""
    words = " ".join([*voice.descriptions, voice.name if voice.type == "organisation" else ""])
    for role, pattern in (("official", _OFFICIAL), ("expert", _EXPERT), ("media", _MEDIA),
                          ("citizen", _CITIZEN)):
        if pattern.search(words):
            return role
    return "other"


def no_comment_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` reports a refusal or absence of comment ("declined to comment" …)."""
    return [m.span() for m in _NO_COMMENT.finditer(text)]


def is_no_comment(text: str) -> bool:
    """True when a reported statement is a refusal or absence of comment."""
    return bool(_NO_COMMENT.search(text))
