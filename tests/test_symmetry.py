"""Symmetry: the language rules treat every side alike.

Each case is a sentence template and two actors; swapping the actors must leave the findings
(category, term) unchanged. The sentences are ours, written to cover many conflicts and
countries; they are not taken from any corpus.
"""

from __future__ import annotations

import pytest

from presslens.language import fill_language
from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis, Article

PAIRS: list[tuple[str, str, str]] = [
    ("The {X} regime bombed the camp.", "Israeli", "Iranian"),
    ("The {X} regime bombed the camp.", "Syrian", "Saudi"),
    ("The {X} regime jailed dozens of journalists.", "Russian", "Ukrainian"),
    ("The {X} regime is accused of propaganda.", "Venezuelan", "American"),
    ("{X} terrorists attacked the village at dawn.", "Hamas", "Settler"),
    ("{X} terrorists attacked the village at dawn.", "PKK", "Turkish"),
    ("{X} militants fired rockets across the border.", "Hezbollah", "Israeli"),
    ("{X} militants ambushed a convoy.", "Baloch", "Pakistani"),
    ("{X} occupation forces raided the town overnight.", "Russian", "Ukrainian"),
    ("{X} occupation forces raided the town overnight.", "Israeli", "Palestinian"),
    ("{X} occupation forces raided the town overnight.", "Indian", "Pakistani"),
    ("The {X} resistance group claimed the attack.", "Palestinian", "Israeli"),
    ("The {X} resistance movement released a statement.", "Kurdish", "Turkish"),
    ("{X} freedom fighters took the hill.", "Kashmiri", "Indian"),
    ("{X} rebels seized the airport.", "Houthi", "Saudi"),
    ("{X} insurgents blew up a bridge.", "Taliban", "Afghan"),
    ("{X} separatists declared victory.", "Catalan", "Spanish"),
    ("{X} separatists shelled the city.", "Donetsk", "Kharkiv"),
    ("The {X} junta arrested the president.", "Myanmar", "Nigerien"),
    ("The militia loyal to {X} looted the market.", "Hemedti", "Burhan"),
    ("{X} captives were released on Sunday.", "Israeli", "Palestinian"),
    ("{X} hostages were released on Sunday.", "Russian", "Ukrainian"),
    ("{X} detainees were released on Sunday.", "Palestinian", "Israeli"),
    ("The {X} army carried out a massacre in the village.", "Sudanese", "Ethiopian"),
    ("The {X} offensive was a massacre, witnesses said.", "Israeli", "Russian"),
    ("{X} forces slaughtered civilians.", "Burmese", "Sudanese"),
    ("The {X} onslaught on the city continued.", "Russian", "Israeli"),
    ("The embattled {X} premier resigned.", "Israeli", "Pakistani"),
    ("The embattled {X} president faces a vote.", "Ukrainian", "Russian"),
    ("The far-right government of {X} passed the bill.", "Netanyahu", "Meloni"),
    ("The far-left party of {X} won the seat.", "Melenchon", "Sanders"),
    ("{X} thugs beat the protesters.", "Government", "Opposition"),
    ("{X} rioters set cars on fire.", "French", "Kenyan"),
    ("{X} demonstrators were branded agitators.", "Serbian", "Georgian"),
    ("The heinous attack by {X} shocked the region.", "Hamas", "Israel"),
    ("The draconian law passed by {X} took effect.", "China", "Britain"),
    ("{X} settlers moved into the area.", "Israeli", "Moroccan"),
    ("Settlers from {X} moved into the occupied territories.", "Israel", "Turkey"),
    ("{X} called it genocide.", "South Africa", "Ukraine"),
    ("{X} said the strikes amount to genocide.", "Iran", "Israel"),
    ("The annexation of the region by {X} was condemned.", "Russia", "Morocco"),
    ("{X} celebrated the reunification.", "Moscow", "Beijing"),
    ("The {X} invasion began at dawn.", "Russian", "American"),
    ("{X} launched a special military operation.", "Russia", "Belarus"),
    ("{X} mourned its martyrs.", "Iran", "Hezbollah"),
    ("Illegal immigrants from {X} were detained.", "Mexico", "Albania"),
    ("Undocumented immigrants from {X} were detained.", "Guatemala", "Afghanistan"),
    ("{X} reportedly moved troops to the border.", "China", "India"),
    ("{X} allegedly funded the group.", "Qatar", "the UAE"),
    ("{X} may withdraw from the talks.", "Iran", "the United States"),
    ("This is definitely a defeat for {X}.", "Tehran", "Washington"),
    ("The {X} army undeniably lost ground.", "Sudanese", "Congolese"),
    ("{X} clearly violated the truce.", "Azerbaijan", "Armenia"),
    ("The {X} crackdown on dissent intensified.", "Iranian", "Egyptian"),
    ("{X} propaganda flooded social media.", "Russian", "Chinese"),
    ("The brutal {X} campaign killed hundreds.", "Turkish", "Saudi"),
    ("{X} launched a counter-terrorism operation in the north.", "Turkey", "Nigeria"),
    ("The {X} incursion lasted a week.", "Israeli", "Turkish"),
    ("{X} described them as political prisoners.", "Barcelona", "Caracas"),
    ("The so-called {X} government collapsed.", "unity", "transitional"),
    ("{X} built the security fence.", "Israel", "Hungary"),
    ("The extremely violent raid by {X} shocked observers.", "police", "soldiers"),
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _findings(nlp, template: str, name: str) -> list[tuple[str, str | None]]:
    """Findings (category, term) of the filled template, except those on the name itself."""
    text = template.format(X=name)
    ns = template.index("{X}")
    ne = ns + len(name)
    doc = nlp(text)
    analysis = Analysis(article=Article(text=text))
    fill_language(doc, analysis)
    return sorted((f.category, f.term) for f in analysis.findings
                  if f.end <= ns or f.start >= ne)


def test_enough_pairs():
    assert len(PAIRS) >= 50
    assert len({(t, a, b) for t, a, b in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize(("template", "a", "b"), PAIRS, ids=[f"{a}|{b}" for _, a, b in PAIRS])
def test_swapped_actors_same_findings(nlp, template, a, b):
    fa = _findings(nlp, template, a)
    fb = _findings(nlp, template, b)
    assert fa, f"no finding in {template.format(X=a)!r}: the pair tests nothing"
    assert fa == fb
