"""Speaker resolution (``presslens.nlp.speakers``) on small hand-written articles.

Attributions are built by hand from the fixture text so these tests exercise the resolver
alone, whatever the quote finder does; one test checks the spaCy component in the pipeline.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from presslens.nlp.coref import collect_entities, roles_match
from presslens.nlp.pipeline import load_pipeline
from presslens.nlp.speakers import (
    AUTHOR_TYPE,
    BYLINE_KEY,
    SPEAKERS_COMPONENT,
    UNNAMED_AUTHOR,
    resolve_speakers,
)
from presslens.nlp.types import RawAttribution


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _at(text: str, needle: str, n: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(n):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def att(text: str, source: str | None, cue: str | None, content: str, *, sn: int = 1,
        cn: int = 1, kind: str = "indirect", headline: bool = False) -> RawAttribution:
    """An attribution: the ``sn``-th occurrence of ``source``, the ``cn``-th of ``cue``."""
    c = _at(text, content)
    src = [_at(text, source, sn)] if source else []
    cu = [_at(text, cue, cn)] if cue else []
    return RawAttribution(kind=kind, content=[c], cue=cu, source=src, in_headline=headline)


def resolve(nlp: Language, text: str, specs: list[tuple]) -> tuple[Doc, list[RawAttribution]]:
    with nlp.select_pipes(disable=["presslens_quotes", SPEAKERS_COMPONENT]):
        doc = nlp(text)
    atts = [att(text, *s[:3], **(s[3] if len(s) > 3 else {})) for s in specs]
    voices = resolve_speakers(doc, atts)
    doc._.presslens_voices = voices
    return doc, atts


def test_component_is_registered_after_quotes(nlp: Language) -> None:
    names = nlp.pipe_names
    assert SPEAKERS_COMPONENT in names
    assert names.index("presslens_quotes") < names.index(SPEAKERS_COMPONENT)
    doc = nlp("Maria Lopez said on Monday that the bridge would reopen in May.")
    assert isinstance(doc._.presslens_voices, list)


def test_pronoun_chain_and_surname_resolve_to_full_name(nlp: Language) -> None:
    text = ("Maria Lopez, a housing economist at the central bank, said prices would fall "
            "next year. She added that rents had been stable since March. Lopez said the "
            "bank would publish its forecast in June.")
    doc, atts = resolve(nlp, text, [
        ("Maria Lopez, a housing economist at the central bank", "said",
         "prices would fall next year"),
        ("She", "added", "that rents had been stable since March"),
        ("Lopez", "said", "the bank would publish its forecast in June", {"sn": 2, "cn": 2}),
    ])
    assert [a.speaker for a in atts] == ["Maria Lopez"] * 3
    assert len({a.voice_id for a in atts}) == 1
    (voice,) = doc._.presslens_voices
    assert voice.type == "person"
    assert "a housing economist at the central bank" in voice.descriptions


def test_she_does_not_bind_to_a_he_cluster(nlp: Language) -> None:
    text = ("Jane Moss said the budget was late. Tom Reed said the delay was normal. "
            "He added that the council would vote soon. She said the vote would fail.")
    _, atts = resolve(nlp, text, [
        ("Jane Moss", "said", "the budget was late"),
        ("Tom Reed", "said", "the delay was normal", {"cn": 2}),
        ("He", "added", "that the council would vote soon"),
        ("She", "said", "the vote would fail", {"cn": 3}),
    ])
    assert [a.speaker for a in atts] == ["Jane Moss", "Tom Reed", "Tom Reed", "Jane Moss"]


def test_apostrophe_name_and_mis_tagged_surname_merge(nlp: Language) -> None:
    text = ("In a phone call, Hassan Kana'ani Rahimi, a Cairo-based Middle East affairs "
            "analyst, said the talks had stalled.\n\nRahimi said both sides wanted a deal.")
    doc = nlp(text)
    people, _ = collect_entities(doc)
    full = [p for p in people if p.name == "Hassan Kana'ani Rahimi"]
    assert len(full) == 1
    assert len(full[0].mentions) == 2
    assert "analyst" in full[0].roles


def _mentioned(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("later", [
    "Moreau-Vasquez said that the budget was a mistake.",
    "According to Moreau-Vasquez, the budget was a mistake.",
])
def test_a_hyphenated_surname_alone_is_the_person_not_an_organisation(
        nlp: Language, later: str) -> None:
    # the small model tags a bare hyphenated surname as ORG
    text = f"Its leader, Lena Moreau-Vasquez, spoke on Monday. {later}"
    people, orgs = collect_entities(nlp(text))
    lena = next(p for p in people if p.name == "Lena Moreau-Vasquez")
    assert _mentioned(text, lena.mentions) == ["Lena Moreau-Vasquez", "Moreau-Vasquez"]
    assert not any("Moreau" in o.name for o in orgs)


def test_a_company_sharing_a_surname_stays_an_organisation(nlp: Language) -> None:
    text = ("Prime Minister Boris Johnson visited the plant on Monday. "
            "Johnson & Johnson said that the vaccine was safe.")
    people, orgs = collect_entities(nlp(text))
    johnson = next(p for p in people if p.name == "Boris Johnson")
    assert _mentioned(text, johnson.mentions) == ["Boris Johnson"]
    assert "Johnson & Johnson" in [o.name for o in orgs]


def test_a_surname_followed_by_a_corporate_word_stays_an_organisation(nlp: Language) -> None:
    text = ("Its leader, Lena Moreau-Vasquez, spoke on Monday. "
            "Moreau-Vasquez Holdings said that the budget was a mistake.")
    people, orgs = collect_entities(nlp(text))
    lena = next(p for p in people if p.name == "Lena Moreau-Vasquez")
    assert _mentioned(text, lena.mentions) == ["Lena Moreau-Vasquez"]
    assert any(o.name.startswith("Moreau-Vasquez") for o in orgs)


def test_a_surname_before_anyone_bears_it_is_not_merged(nlp: Language) -> None:
    # the rule needs the person introduced first; an earlier bare name is left as tagged
    text = ("Moreau-Vasquez said that the budget was a mistake. "
            "Its leader, Lena Moreau-Vasquez, spoke on Monday.")
    people, _ = collect_entities(nlp(text))
    lena = next(p for p in people if p.name == "Lena Moreau-Vasquez")
    assert _mentioned(text, lena.mentions) == ["Lena Moreau-Vasquez"]


def test_definite_description_resolves_to_apposition_role(nlp: Language) -> None:
    text = ("Paul Grant, a London-based energy analyst, said oil prices would rise. "
            "Fuel demand fell in the spring. The British analyst said the trend would "
            "reverse by winter.")
    _, atts = resolve(nlp, text, [
        ("Paul Grant, a London-based energy analyst", "said", "oil prices would rise"),
        ("The British analyst", "said", "the trend would reverse by winter", {"cn": 2}),
    ])
    assert atts[1].speaker == "Paul Grant"
    assert atts[1].description == "The British analyst"


def test_lead_indefinite_resolves_forward_to_the_next_person_with_that_role(
        nlp: Language) -> None:
    text = ("Drought has pushed grain prices to a record, says an analyst.\n\n"
            "Speaking to reporters, Paul Grant, a London-based commodities analyst, said "
            "exports had halved.\n\nHe said prices would stay high.")
    _, atts = resolve(nlp, text, [
        ("an analyst", "says", "Drought has pushed grain prices to a record"),
        ("Paul Grant, a London-based commodities analyst", "said", "exports had halved"),
        ("He", "said", "prices would stay high", {"cn": 2}),
    ])
    assert [a.speaker for a in atts] == ["Paul Grant"] * 3


def test_headline_source_resolves_like_an_indefinite(nlp: Language) -> None:
    text = ("Grain prices will stay high: Analyst\n\n"
            "Paul Grant, a commodities analyst in London, said exports had halved.")
    _, atts = resolve(nlp, text, [
        ("Analyst", None, "Grain prices will stay high", {"headline": True}),
        ("Paul Grant, a commodities analyst in London", "said", "exports had halved"),
    ])
    assert atts[0].speaker == "Paul Grant"


def test_role_named_before_the_person_resolves_forward(nlp: Language) -> None:
    text = ("The chief executive of Northwind said profits rose sharply. Jane Doe, the "
            "chief executive, told reporters that hiring would continue.")
    _, atts = resolve(nlp, text, [
        ("The chief executive of Northwind", "said", "profits rose sharply"),
        ("Jane Doe, the chief executive", "told", "that hiring would continue"),
    ])
    assert [a.speaker for a in atts] == ["Jane Doe", "Jane Doe"]


def test_anonymous_sources_stay_anonymous(nlp: Language) -> None:
    text = ("A senior official said the talks had collapsed. Another official said a new "
            "round was planned. Sources said the envoy had left the city.")
    doc, atts = resolve(nlp, text, [
        ("A senior official", "said", "the talks had collapsed"),
        ("Another official", "said", "a new round was planned", {"cn": 2}),
        ("Sources", "said", "the envoy had left the city", {"cn": 3}),
    ])
    voices = {v.id: v for v in doc._.presslens_voices}
    assert len({a.voice_id for a in atts}) == 3
    assert all(voices[a.voice_id].type == "anonymous" for a in atts)
    assert atts[0].description == "A senior official"
    assert atts[0].speaker == "A senior official"


@pytest.mark.parametrize(("text", "source"), [
    ("A spokesperson for Mayor Anna Berg said the bridge would reopen in May.",
     "A spokesperson for Mayor Anna Berg"),
    ("A lawyer representing Tom Harris said the charges would be dropped.",
     "A lawyer representing Tom Harris"),
    ("An aide to Senator Anna Berg said the vote had been delayed.",
     "An aide to Senator Anna Berg"),
    ("A person close to Tom Harris said the talks had stalled.",
     "A person close to Tom Harris"),
])
def test_a_name_in_the_sources_modifier_is_not_the_speaker(
        nlp: Language, text: str, source: str) -> None:
    content = text[text.index(" said ") + 6:-1]
    doc, atts = resolve(nlp, text, [(source, "said", content)])
    # the head noun speaks ("a spokesperson"), for the person named in its modifier
    assert atts[0].speaker == source
    assert [v.type for v in doc._.presslens_voices] == ["anonymous"]


@pytest.mark.parametrize(("text", "source", "speaker"), [
    ("Anna Berg, a spokesperson for the mayor, said the bridge would reopen in May.",
     "Anna Berg, a spokesperson for the mayor", "Anna Berg"),
    ("Mayor Anna Berg said the bridge would reopen in May.", "Mayor Anna Berg", "Anna Berg"),
    ("Secretary of State Tom Harris said the talks would resume in May.",
     "Secretary of State Tom Harris", "Tom Harris"),
    # a name in apposition to the source, a document's author, an example of a group
    ("A lawyer for Tom Harris, Anna Berg, said the charges would be dropped.",
     "A lawyer for Tom Harris, Anna Berg", "Anna Berg"),
    ("A statement from Anna Berg said the bridge would reopen in May.",
     "A statement from Anna Berg", "Anna Berg"),
    ("Several lawmakers, including Tom Harris, said the vote had been delayed.",
     "Several lawmakers, including Tom Harris", "Tom Harris"),
])
def test_a_name_heading_or_naming_the_source_is_the_speaker(
        nlp: Language, text: str, source: str, speaker: str) -> None:
    content = text[text.index(" said ") + 6:-1]
    doc, atts = resolve(nlp, text, [(source, "said", content)])
    assert atts[0].speaker == speaker
    assert [v.type for v in doc._.presslens_voices] == ["person"]


def test_definite_description_binds_back_to_an_anonymous_source(nlp: Language) -> None:
    text = ("A senior diplomat said the embassy would close. The diplomat added that staff "
            "had already left.")
    _, atts = resolve(nlp, text, [
        ("A senior diplomat", "said", "the embassy would close"),
        ("The diplomat", "added", "that staff had already left"),
    ])
    assert atts[0].voice_id == atts[1].voice_id


def test_organisation_speakers(nlp: Language) -> None:
    text = ("The Foreign Ministry said the ambassador had been recalled. The ministry added "
            "that talks would resume. Hamas said it would study the proposal.")
    doc, atts = resolve(nlp, text, [
        ("The Foreign Ministry", "said", "the ambassador had been recalled"),
        ("The ministry", "added", "that talks would resume"),
        ("Hamas", "said", "it would study the proposal", {"cn": 2}),
    ])
    assert atts[0].voice_id == atts[1].voice_id
    assert atts[0].speaker == "Foreign Ministry"
    assert atts[2].speaker == "Hamas"
    voices = {v.id: v for v in doc._.presslens_voices}
    assert {voices[a.voice_id].type for a in atts} == {"organisation"}


def test_missing_source_is_taken_from_the_name_before_the_cue(nlp: Language) -> None:
    text = ("In an interview with the local radio station, Omar Haddad, a Beirut-based "
            "political analyst, said the government would fall.")
    _, atts = resolve(nlp, text, [(None, "said", "the government would fall")])
    assert atts[0].speaker == "Omar Haddad"
    assert text[slice(*atts[0].source[0])].startswith("Omar Haddad")


def test_continuation_without_cue_keeps_the_previous_speaker(nlp: Language) -> None:
    text = ('"The bridge is safe," said Maria Lopez.\n\n"We will reopen it in May."')
    _, atts = resolve(nlp, text, [
        ("Maria Lopez", "said", "The bridge is safe", {"kind": "direct"}),
        (None, None, "We will reopen it in May.", {"kind": "direct"}),
    ])
    assert atts[1].speaker == "Maria Lopez"


def test_unresolvable_sources_give_no_speaker(nlp: Language) -> None:
    text = "The report relies on experiences that show the policy does not work."
    _, atts = resolve(nlp, text, [("that", "show", "the policy does not work")])
    assert atts[0].speaker is None and atts[0].voice_id is None


def test_role_matching_uses_synonyms_and_hyponyms() -> None:
    assert roles_match({"prime minister"}, {"prime minister"})
    assert roles_match({"official"}, {"spokesperson"})
    assert not roles_match({"analyst"}, {"spokesperson"})


def test_relative_pronoun_source_is_described_by_its_antecedent(nlp: Language) -> None:
    text = "The report relies on experiences that show the policy does not work."
    _, atts = resolve(nlp, text, [("that", "show", "the policy does not work")])
    # no voice "that": the relation carries its antecedent's words instead
    assert atts[0].speaker is None
    assert atts[0].description == "experiences"


def test_a_relation_describing_an_unnamed_source_creates_no_voice(nlp: Language) -> None:
    text = ("Unions in the north, which have long backed the strike, face protests demanding "
            "a return to work. A senior official said the talks had collapsed.")
    doc, atts = resolve(nlp, text, [
        ("which", "backed", "the strike"),
        ("protests", "demanding", "a return to work"),
        ("A senior official", "said", "the talks had collapsed"),
    ])
    assert atts[0].voice_id is None and atts[1].voice_id is None
    assert [v.name for v in doc._.presslens_voices] == ["A senior official"]


def test_a_named_source_keeps_its_relative_clause_relation(nlp: Language) -> None:
    text = ("Maria Lopez, who has long backed the tram line, spoke on Monday. Lopez said the "
            "line would open in May.")
    _, atts = resolve(nlp, text, [
        ("who", "backed", "the tram line"),
        ("Lopez", "said", "the line would open in May", {"sn": 2}),
    ])
    assert atts[0].speaker == "Maria Lopez" and atts[0].voice_id == atts[1].voice_id


def test_officials_who_said_are_a_voice(nlp: Language) -> None:
    text = "Officials who said the bridge was unsafe were overruled by the council."
    _, atts = resolve(nlp, text, [("who", "said", "the bridge was unsafe")])
    assert atts[0].voice_id is not None


def test_a_learned_relation_joins_a_named_voice_only(nlp: Language) -> None:
    text = ("Maria Lopez likened the tram plan to a runaway train. Residents complained about "
            "the noise.")
    with nlp.select_pipes(disable=["presslens_quotes", SPEAKERS_COMPONENT]):
        doc = nlp(text)
    atts = [att(text, "Maria Lopez", "likened", "the tram plan to a runaway train"),
            att(text, "Residents", "complained", "the noise")]
    for a in atts:
        a.rule = "model"  # added by the learned filter, not by a lexicon rule
    voices = resolve_speakers(doc, atts)
    assert atts[0].speaker == "Maria Lopez"
    assert atts[1].voice_id is None and atts[1].description == "Residents"
    assert [v.name for v in voices] == ["Maria Lopez"]


HEADLINE_ROLE = (
    "Harbour strike halts grain exports: Economist\n\n"
    "By Ann Writer\n\n"
    "Published: 2 May 2026\n\n"
    "Updated: 3 May 2026\n\n"
    "Grain exports from the port have stopped for a week, leaving farmers without buyers, "
    "says a labour economist.\n\n"
    "Speaking to reporters, Dr. Tomas Keller, a Vienna-based labour economist, said the "
    "strike could last a month.\n\n"
    "The economist said the unions had refused every offer.\n"
)


def test_headline_and_lede_roles_resolve_to_the_one_person_with_that_role(
        nlp: Language) -> None:
    # the named economist comes four lines after the headline (byline and date lines
    # between) and is written with a title: the headline's role noun and the lede's
    # indefinite description are still that person
    doc, atts = resolve(nlp, HEADLINE_ROLE, [
        ("Economist", None, "Harbour strike halts grain exports", {"headline": True}),
        ("a labour economist", "says", "Grain exports from the port have stopped"),
        ("Dr. Tomas Keller, a Vienna-based labour economist", "said",
         "the strike could last a month"),
        ("The economist", "said", "the unions had refused every offer", {"cn": 2}),
    ])
    assert [a.speaker for a in atts] == ["Tomas Keller"] * 4
    (voice,) = doc._.presslens_voices
    assert voice.type == "person"


def test_headline_role_stays_anonymous_without_a_matching_person(nlp: Language) -> None:
    text = ("Harbour strike halts grain exports: Economist\n\n"
            "By Ann Writer\n\n"
            "Grain exports from the port have stopped for a week.\n\n"
            "Tomas Keller, a union organiser, said the strike could last a month.\n")
    _, atts = resolve(nlp, text, [
        ("Economist", None, "Harbour strike halts grain exports", {"headline": True}),
        ("Tomas Keller, a union organiser", "said", "the strike could last a month"),
    ])
    assert atts[0].speaker == "Economist"
    assert atts[1].speaker == "Tomas Keller"


def test_lede_description_stays_apart_when_two_people_share_the_role(nlp: Language) -> None:
    text = ("Grain exports from the port have stopped for a week, says an economist.\n\n"
            "The port is the country's largest.\n\n"
            "Ships have been waiting offshore since Monday.\n\n"
            "Tomas Keller, a labour economist, said the strike could last a month.\n\n"
            "Maria Lopez, a trade economist, said prices would rise.\n")
    _, atts = resolve(nlp, text, [
        ("an economist", "says", "Grain exports from the port have stopped"),
        ("Tomas Keller, a labour economist", "said", "the strike could last a month"),
        ("Maria Lopez, a trade economist", "said", "prices would rise", {"cn": 2}),
    ])
    assert atts[0].speaker == "an economist"
    assert [a.speaker for a in atts[1:]] == ["Tomas Keller", "Maria Lopez"]


def test_anonymous_name_is_the_noun_phrase_without_its_comment(nlp: Language) -> None:
    text = ("A senior official at the port authority, speaking on condition of anonymity, "
            "said the strike could last a month.")
    src = "A senior official at the port authority, speaking on condition of anonymity"
    doc, atts = resolve(nlp, text, [(src, "said", "the strike could last a month")])
    (voice,) = doc._.presslens_voices
    assert atts[0].speaker == voice.name == "A senior official at the port authority"
    assert voice.type == "anonymous"
    assert src in voice.descriptions


def test_unnamed_institution_is_an_organisation(nlp: Language) -> None:
    text = ("According to the agency, exports fell by a third in April. "
            "A dock worker said the ships were leaving empty.")
    doc, _ = resolve(nlp, text, [
        ("the agency", "According to", "exports fell by a third in April"),
        ("A dock worker", "said", "the ships were leaving empty"),
    ])
    types = {v.name: v.type for v in doc._.presslens_voices}
    assert types == {"the agency": "organisation", "A dock worker": "anonymous"}


def test_pronoun_continues_an_anonymous_singular_speaker(nlp: Language) -> None:
    text = ('"We will not retreat," the minister said. She added that talks would go on. '
            '"We are ready," the officials said. She said nothing more.')
    _, atts = resolve(nlp, text, [
        ("the minister", "said", "We will not retreat", {"kind": "direct"}),
        ("She", "added", "that talks would go on"),
        ("the officials", "said", "We are ready", {"kind": "direct", "cn": 2}),
        ("She", "said", "nothing more", {"sn": 2, "cn": 3}),
    ])
    assert atts[1].speaker == "the minister"
    assert atts[1].voice_id == atts[0].voice_id
    # a plural description is no antecedent of "she": the last singular speaker is
    assert atts[3].voice_id == atts[0].voice_id


def test_pronoun_skips_an_anonymous_speaker_of_the_other_gender_or_before_a_name(
        nlp: Language) -> None:
    text = ('"We will not retreat," the spokeswoman said. He added that talks would go on. '
            '"We are ready," the minister said. Maria Lopez, the opposition leader, took the '
            'floor. She said the talks had failed.')
    _, atts = resolve(nlp, text, [
        ("the spokeswoman", "said", "We will not retreat", {"kind": "direct"}),
        ("He", "added", "that talks would go on"),
        ("the minister", "said", "We are ready", {"kind": "direct", "cn": 2}),
        ("She", "said", "the talks had failed", {"cn": 3}),
    ])
    assert atts[1].voice_id != atts[0].voice_id  # a spokeswoman is no "he"
    assert atts[3].speaker == "Maria Lopez"  # named after the minister spoke


def test_headline_role_with_two_holders_goes_to_the_main_person_only(nlp: Language) -> None:
    body = ("Tomas Keller, a labour economist, said the strike could last a month.\n\n"
            "Maria Lopez, a trade economist, said prices would rise.\n\n")
    spec = [("Economist", None, "Harbour strike halts grain exports", {"headline": True}),
            ("Tomas Keller, a labour economist", "said", "the strike could last a month")]
    # far below the headline (the nearest-person rule does not apply)
    even = ("Harbour strike halts grain exports: Economist\n\nBy Ann Writer\n\n"
            "Published: 2 May 2026\n\nUpdated: 3 May 2026\n\n"
            "Grain exports from the port have stopped for a week.\n\n" + body)
    _, atts = resolve(nlp, even, spec)
    assert atts[0].speaker == "Economist"  # two economists, neither the main voice
    main = even + "Keller said the unions had refused every offer.\n"
    _, atts = resolve(nlp, main, spec)
    assert atts[0].speaker == "Tomas Keller"


# ---------------------------------------------------------------- first-person narration

_COLUMN = ("Mayor Tom Ridley said on Monday that the harbour tunnel would create jobs. "
           "I believe the tunnel will cost far more than the council admits. I argue that "
           "the money should go to buses instead.")


def resolve_with_byline(nlp: Language, text: str, specs: list[tuple],
                        byline: tuple[str, ...] = ()) -> tuple[Doc, list[RawAttribution]]:
    """:func:`resolve` with the article's byline handed to the resolver as the pipeline does."""
    with nlp.select_pipes(disable=["presslens_quotes", SPEAKERS_COMPONENT]):
        doc = nlp(text)
    if byline:
        doc.user_data[BYLINE_KEY] = byline
    atts = [att(text, *s[:3], **(s[3] if len(s) > 3 else {})) for s in specs]
    doc._.presslens_voices = resolve_speakers(doc, atts)
    return doc, atts


def test_first_person_narration_is_the_bylined_author_not_the_last_speaker(
        nlp: Language) -> None:
    text = "By Clara Whitfield\n\n" + _COLUMN
    doc, atts = resolve_with_byline(nlp, text, [
        ("Mayor Tom Ridley", "said", "that the harbour tunnel would create jobs"),
        ("I", "believe", "the tunnel will cost far more than the council admits"),
        ("I", "argue", "the money should go to buses instead", {"sn": 2}),
    ], byline=("Clara Whitfield",))
    assert [a.speaker for a in atts] == ["Tom Ridley", "Clara Whitfield", "Clara Whitfield"]
    voices = {v.id: v for v in doc._.presslens_voices}
    author = voices[atts[1].voice_id]
    assert author.type == AUTHOR_TYPE
    assert atts[2].voice_id == author.id
    assert voices[atts[0].voice_id].type == "person"
    # the byline's mention and each "I" are the author's mentions
    assert _at(text, "Clara Whitfield") in author.mentions
    assert _at(text, "I") in author.mentions


def test_first_person_narration_without_byline_is_an_unnamed_author(nlp: Language) -> None:
    text = _COLUMN + " We have heard such promises before, Ridley knows."
    doc, atts = resolve_with_byline(nlp, text, [
        ("Mayor Tom Ridley", "said", "that the harbour tunnel would create jobs"),
        ("I", "believe", "the tunnel will cost far more than the council admits"),
        ("We", "have heard", "such promises before"),
    ])
    assert [a.speaker for a in atts] == ["Tom Ridley", UNNAMED_AUTHOR, UNNAMED_AUTHOR]
    assert atts[1].voice_id == atts[2].voice_id
    voices = {v.id: v for v in doc._.presslens_voices}
    assert voices[atts[1].voice_id].type == AUTHOR_TYPE


def test_two_bylined_authors_are_one_voice(nlp: Language) -> None:
    text = "By Clara Whitfield and Omar Haddad\n\n" + _COLUMN
    _, atts = resolve_with_byline(nlp, text, [
        ("I", "believe", "the tunnel will cost far more than the council admits"),
    ], byline=("Clara Whitfield", "Omar Haddad"))
    assert atts[0].speaker == "Clara Whitfield and Omar Haddad"


def test_first_person_inside_a_quote_is_the_quotes_speaker_not_the_author(
        nlp: Language) -> None:
    text = ("By Clara Whitfield\n\n"
            '"Ana Ortiz told me I was wrong, but I think the tunnel is safe," Tom Ridley said.')
    doc, atts = resolve_with_byline(nlp, text, [
        ("Tom Ridley", "said",
         "Ana Ortiz told me I was wrong, but I think the tunnel is safe", {"kind": "direct"}),
        ("I", "think", "the tunnel is safe", {"sn": 2}),
    ], byline=("Clara Whitfield",))
    assert [a.speaker for a in atts] == ["Tom Ridley", "Tom Ridley"]
    assert all(v.type != AUTHOR_TYPE for v in doc._.presslens_voices)


def test_quoted_first_person_no_attribution_covers_is_not_the_author(nlp: Language) -> None:
    text = ("By Clara Whitfield\n\n"
            "I argue that the tunnel is a mistake. Tom Ridley said the plan was ready.\n\n"
            '"I believe it will pay for itself."')
    _, atts = resolve_with_byline(nlp, text, [
        ("I", "argue", "that the tunnel is a mistake"),
        ("Tom Ridley", "said", "the plan was ready"),
        ("I", "believe", "it will pay for itself", {"sn": 2}),
    ], byline=("Clara Whitfield",))
    assert [a.speaker for a in atts] == ["Clara Whitfield", "Tom Ridley", "Tom Ridley"]


def test_cueless_quotation_after_the_authors_sentence_is_not_the_author(
        nlp: Language) -> None:
    text = ("I argue that the tunnel is a mistake.\n\n"
            '"Nobody has costed the second tube."')
    _, atts = resolve_with_byline(nlp, text, [
        ("I", "argue", "that the tunnel is a mistake"),
        ("I", None, "Nobody has costed the second tube.", {"kind": "direct"}),
    ])
    assert atts[0].speaker == UNNAMED_AUTHOR
    assert atts[1].speaker is None and atts[1].voice_id is None


def test_opinion_piece_end_to_end_names_the_author_from_the_byline() -> None:
    import presslens

    text = ("Why the harbour tunnel is a mistake\n\nBy Clara Whitfield\n\n"
            "The city council will vote on the harbour tunnel next week. Mayor Tom Ridley "
            "said on Monday that the project would create thousands of jobs.\n\n"
            "I believe the tunnel will cost far more than the council admits.\n\n"
            '"I have never seen a plan this rushed," said Ana Ortiz, an engineer who '
            "studied the proposal.")
    analysis = presslens.analyze_text(text)
    assert analysis.article.authors == ["Clara Whitfield"]
    by_content = {a.content_text.strip('"“”,. '): a for a in analysis.attributions}
    mine = by_content["the tunnel will cost far more than the council admits"]
    assert mine.speaker == "Clara Whitfield"
    quoted = next(a for a in analysis.attributions if "never seen a plan" in a.content_text)
    assert quoted.speaker == "Ana Ortiz"
    voices = {v.name: v for v in analysis.voices}
    assert voices["Clara Whitfield"].type == AUTHOR_TYPE
    # the writer is not one of the article's sources
    assert analysis.named_sources == 2


def test_author_mention_is_a_whole_word_match_of_the_byline(nlp: Language) -> None:
    text = "Annual budgets rose. By Ann\n\nI believe the tunnel will cost far more than planned."
    doc, atts = resolve_with_byline(nlp, text, [
        ("I", "believe", "the tunnel will cost far more than planned"),
    ], byline=("Ann",))
    author = next(v for v in doc._.presslens_voices if v.id == atts[0].voice_id)
    assert author.name == "Ann"
    at = text.index("By Ann") + 3
    assert (at, at + 3) in author.mentions
    assert (0, 3) not in author.mentions  # not the "Ann" inside "Annual"
