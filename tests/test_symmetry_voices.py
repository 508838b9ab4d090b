"""Symmetry of attributions and voices: which actor is named never changes a decision.

Every sentence shape below is filled with every actor of a class (states, armed groups,
ministries and armies, leaders named by their office, and people with invented names), from
every side of many conflicts. Within a class the decisions must be identical: whether an
attribution is found, its kind, its cue, whether the speaker resolved is the actor, whether
it is a statement (a voice with words), and the silences (``no_comment``) recorded. Each shape
also states what the decision must be (a statement, a silence, or nothing), so the suite fails
if all actors are treated alike but wrongly.

The sentences and the invented people are ours; the country and group names are only the
test's inputs (no rule may key on them). All documents go through one ``nlp.pipe`` call.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis, Article, Block, BlockKind
from presslens.voices import fill_voices


@dataclass(frozen=True)
class Actor:
    text: str  # as written mid-sentence
    key: str  # a word the resolved speaker's name must contain
    pron: str  # the subject pronoun that refers back to it
    poss: str  # its possessive


def _org(text: str, key: str) -> Actor:
    return Actor(text, key, "it", "its")


STATES = [_org(t, k) for t, k in [
    ("Israel", "Israel"), ("Russia", "Russia"), ("Ukraine", "Ukraine"), ("China", "China"),
    ("Taiwan", "Taiwan"), ("Iran", "Iran"), ("the United States", "United States"),
    ("India", "India"), ("Pakistan", "Pakistan"), ("Turkey", "Turkey"),
    ("Saudi Arabia", "Saudi Arabia"), ("Sudan", "Sudan"), ("Myanmar", "Myanmar"),
    ("Azerbaijan", "Azerbaijan"), ("Armenia", "Armenia"), ("Ethiopia", "Ethiopia"),
]]
GROUPS = [_org(t, k) for t, k in [
    ("Hamas", "Hamas"), ("Hezbollah", "Hezbollah"), ("the PKK", "PKK"),
    ("the RSF", "RSF"), ("the Houthi movement", "Houthi"), ("Islamic Jihad", "Islamic Jihad"),
    ("the Taliban movement", "Taliban"), ("the Arakan Army", "Arakan Army"),
]]
INSTITUTIONS = [_org(t, k) for t, k in [
    ("the Israeli defence ministry", "ministry"), ("the Russian defence ministry", "ministry"),
    ("the Ukrainian foreign ministry", "ministry"), ("the Chinese foreign ministry", "ministry"),
    ("the Iranian foreign ministry", "ministry"), ("the US State Department", "Department"),
    ("the Indian foreign ministry", "ministry"), ("the Pakistani foreign ministry", "ministry"),
    ("the Turkish defence ministry", "ministry"), ("the Saudi interior ministry", "ministry"),
    ("the Palestinian health ministry", "ministry"), ("the Sudanese army", "army"),
    ("the Myanmar military", "military"), ("the Kurdish administration", "administration"),
]]
LEADERS = [Actor(t, k, "he", "his") for t, k in [
    ("Israel's prime minister", "prime minister"), ("Russia's president", "president"),
    ("Ukraine's president", "president"), ("China's premier", "premier"),
    ("Iran's foreign minister", "foreign minister"), ("Pakistan's prime minister",
                                                      "prime minister"),
    ("India's defence minister", "defence minister"), ("Turkey's president", "president"),
    ("Sudan's army chief", "army chief"), ("Taiwan's president", "president"),
]]
PEOPLE = [Actor(t, t.split()[-1], p, "his" if p == "he" else "her") for t, p in [
    ("Amina Yusuf", "she"), ("Dmitri Orlov", "he"), ("Olena Kovalenko", "she"),
    ("Yossi Katz", "he"), ("Omar Haddad", "he"), ("Rahul Mehta", "he"),
    ("Ayesha Siddiqui", "she"), ("Mehmet Yilmaz", "he"), ("Chen Jianguo", "he"),
    ("Lin Yu-ting", "she"), ("Hassan Nasrallahi", "he"), ("Maria Lopez", "she"),
    ("John Miller", "he"), ("Aung Kyaw", "he"), ("Fatima Zahra", "she"),
    ("Nguyen Thi Lan", "she"),
]]
CLASSES: dict[str, list[Actor]] = {
    "state": STATES, "group": GROUPS, "institution": INSTITUTIONS, "leader": LEADERS,
    "person": PEOPLE,
}

# shape -> what every actor must get: "says" (a statement by the actor), "silent" (a
# no_comment record for the actor, no statement), "nothing" (no statement, no silence)
SHAPES: list[tuple[str, str]] = [
    ("{X} said the talks had failed.", "says"),
    ("{X} denied that {poss} forces had crossed the border.", "says"),
    ("{X} warned that the ceasefire could collapse within days.", "says"),
    ("{X} claimed that the convoy had carried weapons.", "says"),
    ("According to {x}, the convoy carried weapons.", "says"),
    ("\u201cThe convoy carried weapons,\u201d {x} said.", "says"),
    ("{X} said: \u201cThe convoy carried weapons and we stopped it.\u201d", "says"),
    ("The convoy carried weapons, {x} said on Monday.", "says"),
    ("{X} told reporters that the blockade would continue.", "says"),
    ("In a statement, {x} said the prisoners would be freed.", "says"),
    ("{X} insisted that the vote had been fair.", "says"),
    ("{X} announced that the talks would resume on Friday.", "says"),
    ("{X} said the strikes were justified. {P} added that more would follow.", "says"),
    ("{X} declined to comment.", "silent"),
    ("{X} declined to comment on the report.", "silent"),
    ("{X} did not respond to a request for comment.", "silent"),
    ("{X} has not issued a statement on the incident.", "silent"),
    ("{X} could not be reached for comment.", "silent"),
    ("{X} fired rockets at the border town on Monday.", "nothing"),
    ("{X} launched strikes on the port overnight.", "nothing"),
    ("{X} seized the airport after heavy fighting.", "nothing"),
    ("{X} deployed troops to the disputed region.", "nothing"),
    ("Witnesses said {x} had fired rockets at the town.", "nothing"),
]
_LEAD = "Regional roundup\n\n"


def _fill(shape: str, a: Actor) -> str:
    cap = a.text[0].upper() + a.text[1:]
    return shape.format(X=cap, x=a.text, P=a.pron.capitalize(), poss=a.poss)


def _signature(analysis: Analysis, actor: Actor) -> tuple[object, ...]:
    """The decisions of one document, with the actor's own words abstracted away."""
    key = actor.key.lower()
    atts = tuple(sorted(
        (str(a.kind), a.cue_text.lower(), bool(a.speaker and key in a.speaker.lower()),
         a.statement, bool(a.voice_id)) for a in analysis.attributions))
    voices = tuple(sorted((key in v.name.lower(), v.statements) for v in analysis.voices))
    silent = tuple(sorted((n.kind, key in n.actor.lower()) for n in analysis.no_comment))
    return atts, voices, silent


@pytest.fixture(scope="module")
def decisions() -> dict[tuple[str, str], dict[str, tuple[object, ...]]]:
    nlp = load_pipeline()
    jobs = [(shape, cls, a) for shape, _ in SHAPES for cls, actors in CLASSES.items()
            for a in actors]
    texts = [_LEAD + _fill(shape, a) for shape, _, a in jobs]
    out: dict[tuple[str, str], dict[str, tuple[object, ...]]] = {}
    for (shape, cls, a), text, doc in zip(jobs, texts, nlp.pipe(texts, batch_size=64),
                                          strict=True):
        body = len(_LEAD)
        article = Article(text=text, blocks=[
            Block(kind=BlockKind.HEADLINE, start=0, end=body - 2, text=text[:body - 2]),
            Block(kind=BlockKind.BODY, start=body, end=len(text), text=text[body:])])
        analysis = Analysis(article=article)
        fill_voices(doc, analysis)
        out.setdefault((shape, cls), {})[a.text] = _signature(analysis, a)
    return out


def test_the_suite_is_wide_enough() -> None:
    assert len(SHAPES) >= 20
    assert sum(len(v) for v in CLASSES.values()) >= 24
    assert {e for _, e in SHAPES} == {"says", "silent", "nothing"}


@pytest.mark.parametrize(("shape", "expect"), SHAPES, ids=[s for s, _ in SHAPES])
@pytest.mark.parametrize("cls", list(CLASSES))
def test_same_decision_for_every_actor_of_a_class(
        decisions: dict[tuple[str, str], dict[str, tuple[object, ...]]],
        shape: str, expect: str, cls: str) -> None:
    got = decisions[(shape, cls)]
    distinct: dict[tuple[object, ...], list[str]] = {}
    for name, sig in got.items():
        distinct.setdefault(sig, []).append(name)
    assert len(distinct) == 1, "actors of one class decided differently:\n" + "\n".join(
        f"{names}: {sig}" for sig, names in distinct.items())
    atts, voices, silent = next(iter(distinct))
    statements_by_actor = [a for a in atts if a[2] and a[3]]  # type: ignore[index]
    if expect == "says":
        assert statements_by_actor, f"no statement by the actor: {atts}"
        assert not silent
    elif expect == "silent":
        assert not statements_by_actor and not voices, (atts, voices)
        assert [s for s in silent if s[1]], f"no no_comment record for the actor: {silent}"  # type: ignore[index]
    else:
        assert not statements_by_actor and not silent, (atts, silent)
