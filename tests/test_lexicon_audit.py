"""Lexicon audit: every side of every audited conflict is covered alike, and no entry is a name.

The audit reads the ``kind``/``used_by`` tags of the lexicon files (lexicons/README.md). These
tests fail when one side's list is much thinner than the other's, when the README table is stale,
when a term sits in two categories, or when an entry or guard contains an actor's name, place
or demonym.
"""

from __future__ import annotations

import re

import pytest

from presslens.nlp import lexicon_audit as la
from presslens.nlp.language import load_entries

REQUIRED = ("israel-palestine", "russia-ukraine", "china", "iran-us", "india-pakistan",
            "turkey-kurds", "syria", "yemen", "sudan", "myanmar", "left-right")

# Stems of names, places and demonyms from the audited conflicts and beyond: no lexicon surface
# or guard word may start with one (a word about a conflict must not name its parties).
NAME_STEMS = (
    "israel", "palestin", "gaza", "zionis", "jerusalem", "quds", "judea", "samaria", "russia",
    "ukrain", "kyiv", "kiev", "crimea", "donbas", "donetsk", "luhansk", "china", "chinese",
    "beijing", "taiwan", "taipei", "xinjiang", "uyghur", "tibet", "hong kong", "iran", "persian",
    "tehran", "america", "washington", "india", "pakistan", "kashmir", "azad", "turk", "kurd",
    "rojava", "syria", "assad", "yemen", "houthi", "saudi", "arabian", "sudan", "darfur",
    "janjaweed", "myanmar", "burm", "rohingya", "bengali", "tatmadaw", "derry", "ulster",
    "ireland", "cyprus", "trnc", "sahara", "moroc", "sahrawi", "falkland", "malvinas", "artsakh",
    "karabakh", "armenia", "azerbaijan", "hamas", "hezbollah", "pkk", "ypg", "rsf", "idf",
    "moscow", "catalan", "spain", "spanish", "mexic", "democrat", "republican",
)


@pytest.fixture(scope="module")
def audit():
    return la.audit()


def test_every_required_conflict_is_audited(audit):
    ids = {c.id for c in audit}
    assert set(REQUIRED) <= ids
    for c in audit:
        assert len(c.sides) >= 2, c.id


def test_no_side_is_much_thinner(audit):
    assert la.balance_problems(audit) == []


def test_balance_check_catches_a_thin_side(audit):
    # The check itself must be able to fail: drop most of one side's words.
    c = next(c for c in audit if c.id == "israel-palestine")
    thin = la.SideAudit(side=c.sides[1].side, description="")
    thin.terms["dysphemism"] = c.sides[1].terms["dysphemism"][:2]
    thinned = [la.ConflictAudit(id=c.id, title=c.title, sides=[c.sides[0], thin])]
    problems = la.balance_problems(thinned)
    assert any("lists 2 words" in p for p in problems)
    assert any("no euphemism or label" in p for p in problems)


def test_readme_table_is_current():
    text = la.readme_path().read_text("utf-8")
    assert la.refreshed_readme(text) == text, "run python -m presslens.nlp.lexicon_audit --write"


def test_tags_are_valid():
    tagged = [e for e in load_entries() if e.used_by]
    assert len(tagged) >= 100
    for e in tagged:
        assert e.kind in la.KINDS, e.term
    assert {e.kind for e in tagged} == set(la.KINDS)


def test_euphemisms_are_findings_with_neutral_alternatives():
    euphemisms = [e for e in load_entries() if e.kind == "euphemism"]
    assert len(euphemisms) >= 30
    for e in euphemisms:
        assert e.alternatives, e.term


def test_one_category_per_term():
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for e in load_entries():
        if e.category not in ("loaded", "contested_label"):
            continue
        for s in (e.term.lower(), *e.surfaces):
            seen.setdefault(s, set()).add((e.category, e.group))
    twice = {s: cats for s, cats in seen.items() if len(cats) > 1}
    assert twice == {}


def test_no_entry_or_guard_is_a_name():
    bad = []
    for e in load_entries():
        texts = [e.term, *e.surfaces, *e.only_with, *e.heads, *e.not_before]
        if e.pattern:
            texts += [str(v) for tok in e.pattern for v in tok.values()]
        for t in texts:
            words = re.findall(r"[a-z]+", t.lower())
            joined = " ".join(words)
            if any(w.startswith(stem) for w in words for stem in NAME_STEMS if " " not in stem) \
                    or any(stem in joined for stem in NAME_STEMS if " " in stem):
                bad.append((e.term, t))
    assert bad == []
