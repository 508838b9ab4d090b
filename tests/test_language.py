"""Language stage: lexicon integrity, matching, voice assignment, scare quotes, headline framing,
actor labels, summary, and the seed article end to end."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

import pytest
from spacy.tokens import Doc

from _shared import SEED
from presslens.analysis import STAGES, analyze_article
from presslens.config import Settings
from presslens.ingest import load_text
from presslens.language import fill_language
from presslens.nlp.extensions import register_extensions
from presslens.nlp.language import find_quoted_phrases, load_entries, match_lexicons
from presslens.nlp.pipeline import load_pipeline
from presslens.schema import Analysis, Article, Attribution, Block, Voice

CATEGORIES = {"loaded", "intensifier", "hedge", "certainty", "contested_label"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _lex(name: str) -> dict:
    raw = resources.files("presslens.nlp").joinpath("lexicons", name).read_text("utf-8")
    return json.loads(raw)


def _span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return (i, i + len(sub))


def _run(nlp, text: str, **kw) -> Analysis:
    analysis = Analysis(article=Article(text=text, blocks=kw.pop("blocks", [])), **kw)
    fill_language(nlp(text), analysis)
    return analysis


# --------------------------------------------------------------------------- lexicons


@pytest.mark.parametrize("name", ["loaded.json", "intensifiers.json", "hedges.json"])
def test_lexicon_entries_complete(name):
    entries = _lex(name)["entries"]
    assert len(entries) >= 20
    for e in entries:
        assert e["term"] and e["category"] in CATEGORIES, e
        assert e["reason"].strip() and e["alternatives"], e


def test_contested_groups_complete_and_broad():
    groups = _lex("contested_labels.json")["groups"]
    assert len(groups) >= 20
    contexts = {c for g in groups for c in g["contexts"]}
    for place in ("Israel/Palestine", "Russia/Ukraine", "Kashmir", "Taiwan/China",
                  "Northern Ireland", "Western Sahara", "Cyprus", "Iran/US", "Sudan",
                  "Myanmar", "Catalonia"):
        assert any(place in c for c in contexts), place
    for g in groups:
        assert "/" in g["group"] or "naming" in g["group"] or g["group"].endswith("terms") \
            or " " in g["group"], g["group"]
        assert len(g["members"]) >= 2 and g["neutral"], g["group"]
        for m in g["members"]:
            assert m["term"] and m["framing"].strip() and isinstance(m["flag"], bool)


def test_every_loaded_entry_matches_its_own_term(nlp):
    # Each single-word or phrase entry must be findable (catches tokenisation mismatches).
    for e in load_entries():
        if e.pattern or not e.surfaces or e.only_with or e.after_tags or e.needs_actor \
                or e.after_title or e.attributive or e.after_name_hyphen:
            continue
        s = e.surfaces[0]
        text = f"They saw {s} there."
        hits = [m for m in match_lexicons(nlp(text)) if text[m.start:m.end].lower() == s]
        if e.pos is None and e.category != "hedge":
            assert hits, (e.term, s)


# --------------------------------------------------------------------------- matching


def test_lemma_phrase_and_pattern_matching(nlp):
    text = ("Troops slaughtered villagers in the Turkish-occupied north. "
            "Settlers entered the occupied territories. He may go in May.")
    found = {(text[m.start:m.end], m.entry.term) for m in match_lexicons(nlp(text))}
    assert ("slaughtered", "slaughter") in found
    assert ("occupied", "occupied") in found  # "<X>-occupied": the word, not the name
    assert ("occupied territories", "occupied territories") in found
    assert ("may", "may") in found
    assert ("May", "may") not in found  # the month is not a hedge


def test_proper_name_not_flagged_but_lower_case_is(nlp):
    text = "The Israel Defense Forces said defence forces were sent."
    found = [text[m.start:m.end] for m in match_lexicons(nlp(text))]
    assert found == ["defence forces"]


def test_descriptive_members_are_alternatives_not_findings(nlp):
    a = _run(nlp, "The government said protesters and rioters clashed with the army.")
    terms = [f.term for f in a.findings]
    assert terms == ["rioters"]
    assert "protesters" in a.findings[0].alternatives
    assert a.findings[0].group.startswith("protesters/rioters")


def test_boilerplate_is_skipped(nlp):
    text = "Headline\n\nThe regime fell.\n\nThe regime of cookies: accept."
    blocks = [Block(kind="headline", start=0, end=8, text="Headline"),
              Block(kind="body", start=10, end=26, text="The regime fell."),
              Block(kind="boilerplate", start=28, end=len(text), text=text[28:])]
    a = _run(nlp, text, blocks=blocks)
    assert [(f.start, f.term) for f in a.findings] == [(14, "regime")]


# --------------------------------------------------------------------------- voices


def test_finding_belongs_to_speaker_inside_content(nlp):
    text = ('The regime collapsed. "The regime is finished," said Ali Reza. '
            "Ali Reza called it a massacre.")
    att = [Attribution(kind="direct", content=[_span(text, "The regime is finished")],
                       speaker="Ali Reza", voice_id="v1"),
           Attribution(kind="indirect", content=[_span(text, "it a massacre")],
                       speaker="Ali Reza", voice_id="v1")]
    a = _run(nlp, text, attributions=att)
    got = [(f.text, f.voice, f.voice_id) for f in a.findings]
    assert got == [("regime", "outlet", None), ("regime", "Ali Reza", "v1"),
                   ("massacre", "Ali Reza", "v1")]
    s = a.language_summary
    assert s.outlet_counts == {"contested_label": 1}
    assert s.quoted_counts == {"contested_label": 2}
    assert s.words == 16
    assert s.per_1000_words["contested_label"] == round(3000 / 16, 2)


def test_relation_that_is_no_statement_leaves_words_to_the_outlet(nlp):
    text = "Past experiences that show the regime cannot win were ignored."
    att = [Attribution(kind="indirect", content=[_span(text, "the regime cannot win")],
                       source_text="Past experiences", statement=False)]
    a = _run(nlp, text, attributions=att)
    assert [(f.term, f.voice) for f in a.findings] == [("regime", "outlet")]
    att[0].statement = True
    a = _run(nlp, text, attributions=att)
    assert [(f.term, f.voice) for f in a.findings] == [("regime", "Past experiences")]


# --------------------------------------------------------------------------- scare quotes


def test_scare_quote_fallback(nlp):
    text = ('The “moderate” rebels took the town. "We will win," he said. '
            "Officials called it 'a success'.")
    att = [Attribution(kind="direct", content=[_span(text, "We will win")], speaker="Omar"),
           Attribution(kind="indirect", content=[_span(text, "it 'a success'")],
                       speaker="Officials")]
    a = _run(nlp, text, attributions=att)
    sq = [(f.text, f.voice) for f in a.findings if f.category == "scare_quote"]
    assert sq == [("“moderate”", "outlet")]


def test_fragments_of_a_mixed_quotation_are_the_speakers_words(nlp):
    text = ('An official said the cabinet was "studying every option" and would not accept '
            '"ultimatums". The "reform" went ahead.')
    content = _span(text, 'the cabinet was "studying every option" and would not accept '
                          '"ultimatums')
    att = [Attribution(kind="mixed", content=[content], speaker="An official")]
    a = _run(nlp, text, attributions=att)
    assert [f.text for f in a.findings if f.category == "scare_quote"] == ['"reform"']


def test_scare_quotes_from_component_are_used(nlp):
    register_extensions()
    text = "The talks were a success, and the ceasefire held."
    doc = nlp(text)
    doc._.presslens_scare_quotes = [_span(text, "success")]
    a = Analysis(article=Article(text=text))
    fill_language(doc, a)
    assert [f.text for f in a.findings if f.category == "scare_quote"] == ["success"]
    assert Doc.has_extension("presslens_scare_quotes")


def test_quoted_phrase_detector():
    text = "He said “this is a long sentence quoted here” and the ‘peace’ plan, Hamas’ stance."
    spans = [text[s:e] for s, e in find_quoted_phrases(text)]
    assert spans == ["‘peace’"]


# --------------------------------------------------------------------------- headline


def _headline_case(nlp, headline: str, extra: Sequence[Attribution] = ()):
    body = ("Talks stalled on Monday. The ceasefire demands by the militia have trapped the "
            "prime minister in a deep dilemma, according to Sara Lind.")
    text = f"{headline}\n\n{body}"
    hs = len(headline)
    blocks = [Block(kind="headline", start=0, end=hs, text=headline),
              Block(kind="body", start=hs + 2, end=len(text), text=body)]
    att = [Attribution(kind="indirect", content=[_span(text, "The ceasefire demands by the "
                       "militia have trapped the prime minister in a deep dilemma")],
                       speaker="Sara Lind"), *extra]
    return _run(nlp, text, blocks=blocks, attributions=att)


def test_headline_framing_unattributed(nlp):
    a = _headline_case(nlp, "Ceasefire demands trap prime minister in dilemma")
    hf = [f for f in a.findings if f.category == "headline_framing"]
    assert len(hf) == 1 and "own framing" in hf[0].explanation and "Sara Lind" in hf[0].explanation


def test_headline_framing_attributed(nlp):
    a = _headline_case(nlp, "Ceasefire demands trap prime minister in dilemma: Analyst")
    hf = [f for f in a.findings if f.category == "headline_framing"]
    assert len(hf) == 1 and "': Analyst'" in hf[0].explanation
    assert hf[0].text == "Ceasefire demands trap prime minister in dilemma"


def test_headline_framing_attributed_by_cue(nlp):
    a = _headline_case(nlp, "Ceasefire demands trap prime minister in dilemma, says analyst")
    hf = [f for f in a.findings if f.category == "headline_framing"]
    # the explanation quotes the headline's own wording of the attribution
    assert len(hf) == 1 and "', says analyst'" in hf[0].explanation
    assert hf[0].text == "Ceasefire demands trap prime minister in dilemma"


def test_site_name_after_a_bar_is_no_headline_source(nlp):
    a = _headline_case(nlp, "Ceasefire demands trap prime minister in dilemma | Daily Planet")
    hf = [f for f in a.findings if f.category == "headline_framing"]
    assert len(hf) == 1 and "own framing" in hf[0].explanation


def test_headline_naming_its_source_first_is_not_own_framing(nlp):
    headline = "Sara Lind: ceasefire demands trap prime minister in dilemma"
    in_head = Attribution(kind="indirect", in_headline=True, speaker="Sara Lind",
                          source=[(0, len("Sara Lind"))],
                          content=[(len("Sara Lind: "), len(headline))])
    framed = _headline_case(nlp, headline)
    named = _headline_case(nlp, headline, [in_head])
    # without the headline's own attribution the claim reads as the outlet's framing ...
    assert [f for f in framed.findings if f.category == "headline_framing"]
    # ... with it, the headline says who claims it
    assert not [f for f in named.findings if f.category == "headline_framing"]


def test_headline_not_flagged_when_outlet_says_it(nlp):
    a = _headline_case(nlp, "Talks stalled on Monday in Cairo")
    assert not [f for f in a.findings if f.category == "headline_framing"]


# --------------------------------------------------------------------------- actor labels


def test_actor_labels_and_who_attaches_them(nlp):
    text = ("The embattled Israeli premier met Hamas terrorists' envoys. "
            "The far-right cabinet of Netanyahu met. "
            '"The Iranian regime lies," said Dana Cohen.')
    att = [Attribution(kind="direct", content=[_span(text, "The Iranian regime lies")],
                       speaker="Dana Cohen")]
    voices = [Voice(id="v1", name="Dana Cohen", type="person",
                    mentions=[_span(text, "Dana Cohen")])]
    a = _run(nlp, text, attributions=att, voices=voices)
    labels = {(x.label, x.attached_by, x.contested) for x in a.actor_labels}
    assert ("embattled Israeli premier", "outlet", False) in labels
    assert ("far-right cabinet", "outlet", False) in labels
    assert ("Iranian regime", "Dana Cohen", True) in labels
    regime = next(x for x in a.actor_labels if x.label == "Iranian regime")
    assert "government" in regime.alternatives


# --------------------------------------------------------------------------- seed (end to end)


def test_language_stage_registered():
    assert fill_language in STAGES


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_end_to_end():
    settings = Settings()
    article = load_text(SEED.read_text("utf-8"), settings=settings)
    analysis = analyze_article(article, settings=settings)
    findings = analysis.findings
    words = {f.text.lower() for f in findings}
    for term in ("regime", "captives", "resistance group", "genocidal", "genocide", "onslaught",
                 "embattled", "far-right", "occupied territories", "settlers", "massacres"):
        assert term in words, term
    assert all(f.alternatives for f in findings)
    assert any(f.category == "scare_quote" and "elimination" in f.text for f in findings)
    assert any(f.category == "headline_framing" for f in findings)

    def voices_of(term: str) -> set[str]:
        return {f.voice for f in findings if f.text.lower() == term}

    # Outlet's own voice: narration sentences with no attribution.
    assert "outlet" in voices_of("far-right")
    assert "outlet" in voices_of("settlers")
    assert "outlet" in voices_of("regime")
    # The analyst's words: inside his quotations or reported speech.
    analyst = voices_of("definitely") | voices_of("embattled") | voices_of("onslaught")
    assert analyst and "outlet" not in analyst
    assert voices_of("occupied territories") - {"outlet"}
    assert analysis.language_summary.quoted_counts


@pytest.mark.parametrize(("text", "term"), [
    ("Police were restoring order in the city.", "restoring order"),
    ("The army restored order overnight.", "restoring order"),
    ("Occupation troops left the village.", "occupation forces"),
    ("They visited vocational training centers last year.", "vocational training centres"),
    ("Officials denied the use of human shield tactics.", "human shields"),
    ("The surgical strikes hit launch pads.", "surgical strike"),
])
def test_phrases_match_every_word_form(nlp, text, term):
    # Multi-word entries match inflections and British/American spellings of each word.
    assert term in {m.entry.term for m in match_lexicons(nlp(text))}
