"""The outlet-name finder tries its regex only at possible starts; it must find exactly what a
scan of every position finds (the regex alone decides every match)."""

from __future__ import annotations

import random

import pytest

from presslens.outlets.registry import _fold, load_registry

LINES = [
    "The New York Times said on Monday", "newyorktimes.com", "Follow BBC News on Twitter",
    "© 2024 The National", "THE NATIONAL", "The National Geographic channel", "bbc", "BBC",
    "Reporting by Reuters; editing by AFP and AP", "AT&T shares fell", "Al Jazeera reported",
    "al-jazeera", "İnfo \u212aommersant ſun", "“The Guardian” wrote", "the   guardian view",
    "", "   ", "x" * 50, "Press TV, PressTV and Press-TV",
]


def _random_lines(n: int) -> list[str]:
    rnd = random.Random(11)
    words = ["the", "The", "THE", "New", "York", "Times", "BBC", "News", "Al", "Jazeera",
             "said", "Press", "TV", "-", "’s", "©", "Reuters", "AFP", "Guardian", "National",
             "Geographic", "ſ", "K", "AP", "dpa", "on", "Twitter", "www.bbc.co.uk"]
    return [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 14))) for _ in range(n)]


@pytest.mark.parametrize("line", LINES + _random_lines(300))
def test_same_matches_as_a_scan_of_every_position(line: str) -> None:
    matcher = load_registry()._matcher
    text = _fold(line)
    fast = [m.span() for m in matcher.find(text)]
    matcher._always = True
    try:
        full = [m.span() for m in matcher.find(text)]
    finally:
        matcher._always = False
    assert fast == full
