"""Language symmetry: every lexicon-driven finding is the same whichever actor a sentence names.

Each template is filled with every actor of its class — demonyms, states, armed and political
groups, leaders — at least 24 per class, from all sides of the audited conflicts (lexicons/
README.md). The findings (category, term, group, matched words), except any on the name itself,
must be identical for all of them. The sentences are ours, written for this test.
"""

from __future__ import annotations

import pytest

from presslens.language import fill_language
from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis, Article

DEMONYMS = ("Israeli", "Palestinian", "Russian", "Ukrainian", "Chinese", "Taiwanese", "Uyghur",
            "Tibetan", "Iranian", "American", "Indian", "Pakistani", "Kashmiri", "Turkish",
            "Kurdish", "Syrian", "Saudi", "Yemeni", "Sudanese", "Burmese", "Rohingya", "British",
            "French", "Armenian", "Azerbaijani", "Ethiopian", "Egyptian", "Venezuelan")
STATES = ("Israel", "Palestine", "Russia", "Ukraine", "China", "Taiwan", "Iran",
          "the United States", "India", "Pakistan", "Turkey", "Syria", "Saudi Arabia", "Yemen",
          "Sudan", "Myanmar", "Britain", "France", "Egypt", "Ethiopia", "Armenia", "Azerbaijan",
          "Venezuela", "Qatar", "the UAE", "Morocco")
GROUPS = ("Hamas", "Hezbollah", "the IDF", "the Houthis", "the RSF", "the SAF", "the PKK",
          "the YPG", "the SDF", "the Taliban", "ISIS", "Wagner", "the Arakan Army", "Fatah",
          "the Proud Boys", "Antifa", "the Muslim Brotherhood", "al-Shabab", "Islamic Jihad",
          "the Polisario Front", "the Baloch Liberation Army", "the National Guard",
          "the Azov brigade", "the Kachin Independence Army", "Hayat Tahrir al-Sham")
LEADERS = ("Netanyahu", "Putin", "Zelensky", "Xi Jinping", "Khamenei", "Trump", "Biden", "Modi",
           "Erdogan", "Assad", "Burhan", "Hemedti", "Min Aung Hlaing", "Maduro", "Sinwar",
           "Nasrallah", "Ocalan", "Lai Ching-te", "Sharif", "Pezeshkian", "Lukashenko", "Orban",
           "Meloni", "Sanders", "Milei", "Abbas")

TEMPLATES: dict[str, tuple[str, ...]] = {
    "demonym": (
        "{X} terrorists attacked the village at dawn.",
        "{X} militants fired rockets across the border.",
        "The {X} resistance claimed the attack on the convoy.",
        "{X} occupation forces raided the town overnight.",
        "The {X} regime jailed dozens of journalists.",
        "The {X} junta arrested the president.",
        "{X} separatists shelled the city.",
        "{X} rebels seized the airport.",
        "The {X} invasion began at dawn.",
        "The {X} aggression against the region continued.",
        "{X} forces neutralised two gunmen near the crossing.",
        "{X} troops were restoring order in the occupied territories.",
        "The {X} army called it a counter-terrorism operation.",
        "{X} settlers moved into the occupied north.",
        "{X} mercenaries looted the market.",
        "The {X} crackdown on dissent intensified.",
        "{X} martyrs were buried on Friday.",
        "{X} hostages and detainees were released on Sunday.",
        "Thousands of {X} illegal immigrants were deported.",
        "The {X} army carried out a massacre in the village.",
        "{X} jihadists and insurgents took the hill.",
        "The so-called {X} entity lost ground.",
        "{X} officials spoke of collateral damage after the surgical strikes.",
        "{X} strikes amounted to genocide and ethnic cleansing, the report argued.",
    ),
    "state": (
        "The regime in {X} jailed dozens of journalists.",
        "{X} launched a special military operation.",
        "{X} celebrated the reunification as a historic day.",
        "The annexation of the region by {X} was condemned.",
        "Troops from {X} entered the occupied territories.",
        "{X} was labelled a rogue state and a terrorist state.",
        "Forces loyal to {X} carried out a brutal crackdown.",
        "Critics say {X} runs re-education camps that officials call vocational training centres.",
        "{X} built a security fence that critics call an apartheid wall.",
        "{X} said its forces had eliminated the commander in a targeted killing.",
        "The puppet government backed by {X} collapsed.",
        "Rioters and looters clashed with police in {X}.",
        "{X} accused its rival of cross-border terrorism and of sending infiltrators.",
        "Officials in {X} denounced the provocation by foreign forces.",
        "{X} declared a safe zone along the border.",
        "The draconian law passed by {X} took effect.",
        "{X} denied holding political prisoners.",
        "Settlements built by {X} were called colonies by the colonists' critics.",
    ),
    "group": (
        "{X} fighters were called terrorists by the government.",
        "The militia allied with {X} looted the market.",
        "Militants from {X} took the hill, and insurgents blew up a bridge.",
        "{X} claimed the massacre was a provocation.",
        "{X} mourned its martyrs.",
        "The rebels allied with {X} seized the airport.",
        "{X} said the collaborators had been liquidated.",
        "Supporters of {X} called the raid a heroic operation.",
        "{X} held hostages in tunnels, officials said.",
        "{X} was accused of using human shields.",
        "{X} denounced the invasion and the occupation forces.",
        "The separatists backed by {X} shelled the city.",
    ),
    "leader": (
        "The embattled {X} faces a vote of confidence.",
        "{X} was called a dictator and a tyrant by critics.",
        "The far-right government of {X} passed the bill.",
        "The far-left allies of {X} won the seat.",
        "Cronies of {X} were accused of spreading propaganda.",
        "{X} slammed the draconian measures.",
        "The regime of {X} jailed journalists.",
        "{X} denounced the woke globalist elite.",
        "{X} called the protesters thugs and rioters.",
        "Supporters of {X} are extremists, a rival claimed.",
        "{X} was branded a war criminal by protesters.",
        "{X} warned of a flood of migrants and open borders.",
    ),
}
ACTORS = {"demonym": DEMONYMS, "state": STATES, "group": GROUPS, "leader": LEADERS}
CASES = [(cls, t) for cls, ts in TEMPLATES.items() for t in ts]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _findings(nlp, template: str, names: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    texts = [template.format(X=n) for n in names]
    ns = template.index("{X}")
    out: dict[str, list[tuple[str, ...]]] = {}
    for name, text, doc in zip(names, texts, nlp.pipe(texts), strict=True):
        ne = ns + len(name)
        analysis = Analysis(article=Article(text=text))
        fill_language(doc, analysis)
        out[name] = sorted((f.category, f.term or "", f.group or "", f.text.lower(), f.voice)
                           for f in analysis.findings if f.end <= ns or f.start >= ne)
    return out


def test_actor_lists_are_broad():
    for cls, names in ACTORS.items():
        assert len(set(names)) >= 24, cls
    assert len(CASES) >= 60


@pytest.mark.parametrize(("cls", "template"), CASES, ids=[t for _, t in CASES])
def test_same_findings_for_every_actor(nlp, cls, template):
    found = _findings(nlp, template, ACTORS[cls])
    first = ACTORS[cls][0]
    assert found[first], f"no finding in {template.format(X=first)!r}: the case tests nothing"
    differ = {n: f for n, f in found.items() if f != found[first]}
    assert differ == {}, f"{first}: {found[first]}"
