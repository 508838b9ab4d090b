"""Speaker resolution: every attribution's source bound to one voice of the article.

The ``presslens_speakers`` spaCy component (after ``presslens_quotes``) completes each
:class:`RawAttribution` in ``doc._.presslens_attributions`` in place — ``speaker`` (canonical
name), ``voice_id``, ``description`` — and sets ``doc._.presslens_voices`` to the
:class:`VoiceCluster` list (speakers only, ids in order of first mention). Rules, in text order:

* a name (PERSON, with surname-only mentions merged by ``coref.py``) → that person; an
  ORG/GPE/NORP name heading the source ("Hamas said", "the Foreign Ministry said") → that
  organisation — but not a name inside the head noun's post-modifier ("a spokesperson for
  X", "a lawyer representing X", "an aide to X"): the head is the speaker, resolved as a
  description below;
* he/she/I/we → the most recent speaker of a compatible gender (a cluster once called "he" is
  never "she"), unless a person was the subject of the previous sentence after that speaker's
  last mention; a pronoun inside another attribution's content (a nested report) → the last
  person named before it in the sentence; they/it → the last organisation or group speaker;
  who/which/that → the noun the relative clause hangs on;
* a definite description ("the Iranian analyst", "the spokeswoman", "the ministry") → the most
  recent voice whose role matches (``coref.roles_match``), else forward to a person introduced
  with that role within the next two sentences ("The chief executive of X said …" + "Jane Doe,
  the chief executive, …");
* an indefinite singular description ("says an analyst", the headline's ": Analyst") → the first
  person *introduced* after it with the same role within the next two paragraphs (three from a
  headline), else — from the headline — the article's one person with that role (or the
  main person, if several have it), and — from a lede before anyone is named — the one person
  later introduced with exactly that role; else an anonymous voice named by its noun phrase
  (a comma-set comment, "…, speaking on condition of anonymity", stays a description) and
  typed organisation for an institution ("the ministry"); plural or "another" descriptions
  ("sources said", "another official") stay anonymous; a pronoun right after an anonymous
  singular speaker ("the minister said. She added …") continues it;
* I/me/we outside every quotation and every other attribution's content → the article's
  author (first-person narration: "I believe …", "we have heard such promises before"), one
  voice of type ``"author"`` named by the byline (``doc.user_data[BYLINE_KEY]``, the
  Article's authors) or, without one, ``"the author"``; first person inside another
  attribution's content → that attribution's speaker; first person inside quotation marks no
  attribution covers → the pronoun rules above, never the author (a writer does not quote
  themself without a cue);
* no source and no cue (a quote continuing the previous speaker) → the previous attribution's
  voice; no source but a cue → a name directly before the cue ("X, a … analyst, said"), which
  also fills the missing source span.

Everything is one pass over the attributions with lookups over the Doc's few entities, so the
cost is linear in the number of attributions and mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .coref import (
    DOCUMENT_NOUNS,
    ORG_NOUNS,
    TITLES,
    Entity,
    collect_entities,
    gender_of_word,
    is_acronym,
    is_speaker_like,
    list_head,
    name_like,
    role_keys,
    roles_match,
)
from .cues import RELATIVE_PRONOUNS, is_cue_token
from .extensions import register_extensions
from .indirect import quoted_mask
from .intervals import SpanGrid
from .mentions import MentionIndex
from .speaker_kinds import (
    INSTITUTION_WORDS,
    VoiceDraft,
    bare_single_name,
    describes_source,
    display_name,
    institutional,
    is_action,
    not_a_statement,
    noun_phrase,
    person_shaped,
    silent_or_action,
)
from .types import CharSpan, RawAttribution, RawRefusal, VoiceCluster, doc_text

__all__ = [
    "AUTHOR_TYPE", "BYLINE_KEY", "SPEAKERS_COMPONENT", "UNNAMED_AUTHOR", "SpeakerResolver",
    "describes_source", "is_action", "not_a_statement", "register_extensions", "resolve_speakers",
]

SPEAKERS_COMPONENT = "presslens_speakers"
# ``doc.user_data`` key of the article's author names (its byline) when the caller knows them
BYLINE_KEY = "presslens.byline"
# the voice type and, without a byline, the name of the writer narrating in the first person
AUTHOR_TYPE = "author"
UNNAMED_AUTHOR = "the author"

_PERSONAL = frozenset({"he", "him", "she", "her", "i", "me"})
_GROUP = frozenset({"they", "them", "we", "us", "it"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ourselves"})
_INDEFINITE_DETS = frozenset({"a", "an", "one", "some", "several", "many", "two", "three",
                              "four", "few", "other", "various", "numerous", "multiple"})
_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
_FORWARD_PARAS = 2
# Climbing from a subject-less cue to the clause that has the subject.
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "pcomp", "prep", "dobj", "acomp", "conj", "oprd"})
_CLIMB_STEPS = 4
_MAX_SOURCE_TOKENS = 15
# dependents after a noun that modify it ("for X", "representing X", "close to X")
_POST_MODIFIER_DEPS = frozenset({"prep", "acl", "amod"})
# a modifier listing examples of the noun: the example is one of the sources
_EXAMPLE_WORDS = frozenset({"including", "like", "especially", "particularly", "notably",
                            "such"})
_FORWARD_PARAS_HEADLINE = 3
# nouns that stand for any organisation ("the group said"): resolved to the latest one
_GENERIC_ORG_NOUNS = frozenset({"group", "body", "organisation", "organization", "movement",
                                "militia", "faction", "outfit", "alliance", "coalition"})
_FORWARD_SENTS = 2
_CONTINUATION_PARAS = 2
_GAP_BEFORE_CUE = re.compile(
    r"\s*(?:,[^,;:.!?\"“”\n]{1,160},)?\s*(?:\w+ly\s+)?(?:(?:has|have|had|also|then)\s+)*")


class _Resolver:
    """One Doc's resolution state: entities, voices, the speaker history."""

    def __init__(self, doc: Doc, atts: Sequence[RawAttribution],
                 refusals: Sequence[RawRefusal] = ()) -> None:
        self.doc = doc
        self.atts = atts
        self.refusals = refusals
        people, orgs = collect_entities(doc)
        self.voices: dict[int, VoiceDraft] = {}  # id(entity) -> voice
        self.entities = people + orgs
        self.index = MentionIndex(self.entities)
        self.anon: dict[str, VoiceDraft] = {}
        self.dynamic: dict[str, Entity] = {}  # names the tagger missed, by lower-case text
        self.history: list[tuple[int, VoiceDraft]] = []  # (source offset, voice) in text order
        text = doc_text(doc)
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
        self.sent_starts = [s.start_char for s in doc.sents]
        contents = sorted(c for a in atts for c in a.content)
        # attributions by content (contents do not change here): _nested_in looks at the few
        # sharing the anchor's bucket instead of every attribution
        self.content_grid: SpanGrid[RawAttribution] = SpanGrid()
        for a in atts:
            self.content_grid.add(a.content, a)
        self.contents = contents
        self.content_starts = [c[0] for c in contents]
        subjects = [(pos, e, main) for e in people for pos, main in e.subject_at
                    if not self._in_content(pos)]
        self.subjects = sorted(subjects, key=lambda x: x[0])
        self.org_mentions = sorted(((ms, e) for e in orgs for ms, _ in e.mentions),
                                   key=lambda x: x[0])
        self.org_starts = [ms for ms, _ in self.org_mentions]
        self.subject_pos = [p for p, _, _ in self.subjects]
        self.cue_sents = {self._sent(a.cue[0][0]) for a in atts if a.cue}
        self.headline_end = self._headline_end()
        byline = doc.user_data.get(BYLINE_KEY) or ()
        self.authors = tuple(n for n in byline if isinstance(n, str) and n.strip())
        self.author: VoiceDraft | None = None  # created on the first first-person narration
        self.by_key: dict[str, VoiceDraft] = {}  # provisional voice_id -> voice, during run()

    # ------------------------------------------------------------------ positions

    def _para(self, pos: int) -> int:
        return bisect_right(self.para_starts, pos) - 1

    def _sent(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    def _in_content(self, pos: int, exclude: RawAttribution | None = None) -> bool:
        k = bisect_right(self.content_starts, pos) - 1
        # contents can nest/overlap: look back over a few earlier starts
        for j in range(k, max(-1, k - 8), -1):
            s, e = self.contents[j]
            if s <= pos < e and (exclude is None or (s, e) not in exclude.content):
                return True
        return False

    def _headline_end(self) -> int:
        atts = [a for a in self.atts if a.in_headline and a.content]
        return max((a.content[-1][1] for a in atts), default=-1)

    # ------------------------------------------------------------------ voices

    def _entity_voice(self, ent: Entity) -> VoiceDraft:
        v = self.voices.get(id(ent))
        if v is None:
            # "Press TV", "Al Mayadeen News", "the Revolutionary Guard Corps": an institution's
            # word in the name makes it an organisation whatever the tagger said
            vtype = "organisation" if institutional(ent.name) else ent.type
            v = self.voices[id(ent)] = VoiceDraft(type=vtype, name=ent.name, entity=ent,
                                              roles=set(ent.roles))
            for d in ent.descriptions:
                v.add_description(d)
        return v

    def _anon_voice(self, desc: str, keys: set[str], plural: bool, head: str,
                    name: str | None = None) -> VoiceDraft:
        """The voice of an unnamed description; ``name`` is its noun phrase when ``desc``
        carries more ("…, speaking on condition of anonymity")."""
        name = " ".join((name or desc).split())
        words = name.split()
        if words and words[0].lower() in ("a", "an", "the", "one"):
            words = words[1:]
        key = " ".join(words).lower()
        v = self.anon.get(key)
        if v is None:
            # an institution ("the ministry", "the army") speaks as an organisation; a
            # document ("the report") has no speaker type of its own
            vtype = "unknown" if head in DOCUMENT_NOUNS else \
                "organisation" if head in ORG_NOUNS else "anonymous"
            # "the spokeswoman", "the woman": the description itself may give the gender
            gender = next((gw for gw in map(gender_of_word, words) if gw), None)
            v = self.anon[key] = VoiceDraft(type=vtype, name=name, roles=set(keys), plural=plural,
                                        gender=gender)
        v.add_description(desc)
        return v

    def _all_voices(self) -> list[VoiceDraft]:
        return list(self.voices.values()) + list(self.anon.values())

    def _author_voice(self) -> VoiceDraft:
        """The writer's voice: named by the byline (its mention there included), else
        ``UNNAMED_AUTHOR``. One voice for the whole byline: a co-written piece's "we"."""
        if self.author is None:
            names = list(self.authors)
            if not names:
                name = UNNAMED_AUTHOR
            elif len(names) == 1:
                name = names[0]
            else:
                name = ", ".join(names[:-1]) + " and " + names[-1]
            self.author = VoiceDraft(type=AUTHOR_TYPE, name=name)
            text = doc_text(self.doc)
            for n in names:
                # the byline comes first: its mention is the first whole-word one ("Ann" is
                # not inside "Annual")
                m = re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)
                if m is not None:
                    self.author.mentions.append((m.start(), m.end()))
        return self.author

    # ------------------------------------------------------------------ classification

    def _span(self, cs: CharSpan) -> Span | None:
        return self.doc.char_span(cs[0], cs[1], alignment_mode="expand")

    def _entity_in(self, s: int, e: int, root: Token) -> tuple[Entity, CharSpan] | None:
        """A person mentioned inside [s, e) (not as a possessive: "Carter's press secretary,
        Peter Cook", nor inside a noun's post-modifier: "a spokesperson for Mayor Anna Berg"),
        or an organisation heading it."""
        text = doc_text(self.doc)
        best: tuple[Entity, CharSpan] | None = None
        for ent, (ms, me) in self.index.within(s, e):
            if ent.type == "person":
                if text.startswith(("'s", "’s", "' ", "’ "), me) and not (
                        ms <= root.idx < me):
                    continue
                if self._in_post_modifier(ms, me, s, e):
                    continue
                if best is None or best[0].type != "person" or ms < best[1][0]:
                    best = (ent, (ms, me))
            elif ms <= root.idx < me and best is None:
                best = (ent, (ms, me))
        return best

    def _in_post_modifier(self, ms: int, me: int, s: int, e: int) -> bool:
        """Does the mention ``[ms, me)`` sit in a post-modifier (a prepositional phrase, a
        participle or adjective phrase) of a common noun of the source ``[s, e)``? Then that
        noun heads the source and the mention only says whom it works for or is close to
        ("a lawyer representing X", "an aide to X", "a person close to X"). A capitalised
        head is a title that is part of the name ("Secretary of State John Kerry"); a document
        carries the words of the person it names ("a statement from X"); an example is one of
        the speakers ("companies, including X"); the subject of a clause in the source is the
        author of its noun ("a speech Mrs. Clinton delivered"). A name in apposition to a name
        belongs to the source's head, whatever the parse ("an attorney for X, Y," gives Y)."""
        mention = self.doc.char_span(ms, me, alignment_mode="expand")
        if mention is None or not len(mention):
            return False
        tok = mention.root
        for _ in range(_MAX_SOURCE_TOKENS):
            head = tok.head
            if head.i == tok.i or not s <= head.idx < e:
                return False
            if tok.dep_ == "nsubj" or (tok.dep_ == "appos" and head.pos_ == "PROPN"):
                return False
            if (tok.dep_ in _POST_MODIFIER_DEPS and tok.i > head.i and head.pos_ == "NOUN"
                    and head.is_lower and head.lemma_.lower() not in DOCUMENT_NOUNS
                    and tok.lower_ not in _EXAMPLE_WORDS):
                return True
            tok = head
        return False

    def _person_by_token(self, low: str, pos: int) -> Entity | None:
        """The person (most recently mentioned before ``pos``) with ``low`` in the name."""
        best: tuple[int, Entity] | None = None
        for ent in self.entities:
            if ent.type == "person" and low in ent.tokens and ent.mentions:
                last = ent.last_before(pos)
                key = last if last is not None else -ent.first
                if best is None or key > best[0]:
                    best = (key, ent)
        return best[1] if best is not None else None

    def _proper_noun(self, span: Span, root: Token) -> tuple[Entity, CharSpan] | None:
        """A name the tagger missed ("Trump said"): the proper-noun chain at the root or in
        its apposition, as a new entity shared by later mentions of the same name."""
        tok: Token | None = root if name_like(root) else next(
            (c for c in root.children if c.dep_ == "appos" and name_like(c)), None)
        if tok is None and root.lower_ in INSTITUTION_WORDS and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < root.i
                for c in root.children):
            tok = root  # "Press TV reported": a proper name whose head the tagger left a noun
        if tok is None:
            return None
        known = self._person_by_token(tok.lower_, tok.idx)
        if known is not None:
            cs = (tok.idx, tok.idx + len(tok.text))
            self.index.add(known, cs)
            return known, cs
        s = tok.i
        while s > span.start and self.doc[s - 1].pos_ == "PROPN" and \
                self.doc[s - 1].dep_ == "compound" and self.doc[s - 1].is_title:
            s -= 1
        chunk = self.doc[s: tok.i + 1]
        if chunk[0].lower_.strip(".") in TITLES and len(chunk) > 1:
            chunk = chunk[1:]
        key = chunk.text.lower()
        ent = self.dynamic.get(key)
        if ent is None:
            etype = "organisation" if tok.ent_type_ in ("ORG", "GPE", "NORP") or \
                is_acronym(tok) or institutional(chunk.text) else "person"
            ent = self.dynamic[key] = Entity(type=etype, name=chunk.text,
                                             tokens=set(key.split()))
            self.entities.append(ent)
        cs = (chunk.start_char, chunk.end_char)
        self.index.add(ent, cs)
        return ent, cs

    def classify(self, att: RawAttribution, cs: CharSpan) -> tuple[VoiceDraft | None, str | None]:
        """The voice of the source span ``cs`` and the description it carries, if any."""
        span = self._span(cs)
        if span is None or not len(span):
            return None, None
        root = span.root
        if att.rule == "qa_answer":
            return self._turn(span), None
        found = self._entity_in(span.start_char, span.end_char, root) or \
            self._proper_noun(span, root)
        if found is not None and found[0].type == "organisation" and \
                len(found[0].name.split()) == 1:
            # "PRICE said" after "Ned Price": a case variant of a person's name, not an agency
            person = self._person_by_token(found[0].name.lower(), span.start_char)
            if person is not None and person.last_before(span.start_char) is not None:
                found = (person, found[1])
        if found is not None:
            ent, (ms, me) = found
            voice = self._entity_voice(ent)
            if voice.type == "person" and len(ent.name.split()) == 1 and \
                    doc_text(self.doc)[max(0, ms - 4):ms].lower() == "the ":
                voice.type = "organisation"  # "the Houthis said": a group, not a person
            rest = doc_text(self.doc)[me:span.end_char].strip(" ,")
            desc = rest if rest and not rest.startswith(("'s", "’s")) else None
            if desc:
                voice.add_description(desc)
                voice.roles |= role_keys(list(self.doc.char_span(
                    me, span.end_char, alignment_mode="expand") or []))
            return voice, desc
        low = root.lower_
        if root.pos_ == "PRON" or low in _PERSONAL | _GROUP | RELATIVE_PRONOUNS:
            return self._pronoun(att, root, span.start_char), None
        return self._description(att, span, root)

    def _turn(self, span: Span) -> VoiceDraft | None:
        """The speaker of a transcript turn labelled ``MR PRICE:``, ``Ned Price:``, ``A:``:
        the label without its titles, merged with a person of that name (any case); a bare
        "A"/"Answer" is the interviewee, the article's one other labelled speaker if any."""
        words = [w for w in span.text.replace(".", " ").split()]
        titles = [w for w in words if w.lower() in TITLES]
        rest = [w for w in words if w.lower() not in TITLES]
        if not rest or (len(rest) == 1 and rest[0].lower() in ("a", "answer")):
            return None
        if institutional(" ".join(rest)):
            ent = self.dynamic.get(" ".join(rest).lower())
            if ent is None:
                ent = self.dynamic[" ".join(rest).lower()] = Entity(
                    type="organisation", name=display_name(" ".join(rest)),
                    tokens={w.lower() for w in rest})
                self.entities.append(ent)
            self.index.add(ent, (span.start_char, span.end_char))
            return self._entity_voice(ent)
        known = self._person_by_token(rest[-1].lower(), span.start_char)
        if known is None:
            key = " ".join(rest).lower()
            known = self.dynamic.get(key)
            if known is None:
                known = self.dynamic[key] = Entity(type="person", name=display_name(" ".join(rest)),
                                                   tokens={w.lower() for w in rest})
                self.entities.append(known)
        for t in titles:
            g = gender_of_word(t.lower())
            if g and known.gender is None:
                known.gender = g
        self.index.add(known, (span.start_char, span.end_char))
        voice = self._entity_voice(known)
        voice.type = "person"
        return voice

    def _plain_description(self, att: RawAttribution) -> str | None:
        """The source's words for a relation with no voice: a relative pronoun's antecedent
        ("experiences" for "experiences that show"), else the source text."""
        span = self._span(att.source[0])
        if span is None or not len(span):
            return None
        root = span.root
        if (root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl"
                and root.head.head.i < root.i):
            ante = list_head(root.head.head)
            span = self.doc[ante.left_edge.i: ante.i + 1]
        return span.text.strip(" ,") or None

    # ------------------------------------------------------------------ pronouns

    def _nested_in(self, att: RawAttribution) -> RawAttribution | None:
        anchor = att.cue[0][0] if att.cue else (att.source[0][0] if att.source else None)
        if anchor is None:
            return None
        # the grid yields candidates in self.atts order, so the first hit is the same one
        for other in self.content_grid.near([(anchor, anchor + 1)]):
            if other is not att and any(s <= anchor < e for s, e in other.content):
                return other
        return None

    def _pronoun(self, att: RawAttribution, tok: Token, pos: int) -> VoiceDraft | None:
        low = tok.lower_
        if low in RELATIVE_PRONOUNS:
            head = tok.head
            if head.dep_ == "relcl" and head.head.i < tok.i:
                ante = list_head(head.head)
                rng = (ante.left_edge.idx, ante.idx + len(ante.text))
                return self.classify(att, rng)[0]
            return None
        if low in _FIRST_PERSON:
            first = self._first_person(att, pos)
            if first is not None:
                return first
        g = gender_of_word(low)
        if low in _GROUP:
            return self._group_pronoun(low, pos)
        outer = self._nested_in(att)
        if outer is not None:
            # a report inside someone's statement: the person named last before the pronoun
            best: tuple[int, Entity] | None = None
            for ent, (ms, _) in self.index.within(self.sent_starts[self._sent(pos)], pos):
                if ent.type == "person" and (best is None or ms > best[0]):
                    best = (ms, ent)
            if best is not None:
                v = self._entity_voice(best[1])
                if v.gender_ok(g):
                    return self._bind_gender(v, g)
        speaker = next((v for _, v in reversed(self.history)
                        if v.type == "person" and v.gender_ok(g)), None)
        shaped = self._name_shaped_org(pos)
        if shaped is not None and (speaker is None or (shaped.last_before(pos) or 0) >
                                   (speaker.last_before(pos) or -1)):
            shaped.type = "person"  # the pronoun's agreement settles the tagger's doubt
            speaker = shaped
        anon = self._anonymous_antecedent(pos, g)
        if anon is not None:
            speaker = anon
        if low in ("i", "me"):
            # a quoted "I" is a speaker's, never the writer's own narration
            speaker = next((v for _, v in reversed(self.history) if v is not self.author),
                           None)
        if speaker is None:
            subj = self._recent_subject(pos, g, main_only=False)
            speaker = self._entity_voice(subj[1]) if subj is not None else None
        else:
            # a person who is the main-clause subject of the previous (non-reporting) sentence,
            # after the last speaker's last mention, is more salient than that speaker
            subj = self._recent_subject(pos, g, main_only=True)
            last = speaker.last_before(pos)
            if subj is not None and self._sent(pos) - self._sent(subj[0]) <= 1 and \
                    self._sent(subj[0]) not in self.cue_sents and (last is None or subj[0] > last):
                speaker = self._entity_voice(subj[1])
        if speaker is None:
            return None
        return self._bind_gender(speaker, g)

    def _first_person(self, att: RawAttribution, pos: int) -> VoiceDraft | None:
        """I/we as a source: inside another attribution's content, that attribution's speaker
        ("I think …," Ridley said); outside every content and quotation, the writer narrating
        (the article's author). ``None`` leaves the pronoun to the general rules: inside
        quotation marks no attribution covers, or inside a content whose speaker is
        unresolved."""
        outer = self._nested_in(att)
        if outer is not None:
            return self.by_key.get(outer.voice_id) if outer.voice_id else None
        mask = quoted_mask(self.doc)
        if self._in_content(pos, exclude=att) or (pos < len(mask) and mask[pos]):
            return None
        return self._author_voice()

    def _anonymous_antecedent(self, pos: int, g: str | None) -> VoiceDraft | None:
        """An anonymous singular speaker ("the minister said. She added …") as a pronoun's
        antecedent: only the latest speaker, in the same or the previous sentence, with no
        person named in between (a stale description must not win over a named person)."""
        if not self.history:
            return None
        lpos, v = self.history[-1]
        if v.type != "anonymous" or v.plural or not v.gender_ok(g) or \
                self._sent(pos) - self._sent(lpos) > 1:
            return None
        if self.index.person_between(lpos, pos):
            return None
        return v

    @staticmethod
    def _bind_gender(v: VoiceDraft, g: str | None) -> VoiceDraft:
        if g and v.gender is None and (v.entity is None or v.entity.gender is None):
            v.gender = g
        return v

    def _recent_subject(self, pos: int, g: str | None, *,
                        main_only: bool) -> tuple[int, Entity] | None:
        k = bisect_right(self.subject_pos, pos - 1) - 1
        while k >= 0:
            spos, ent, main = self.subjects[k]
            if (main or not main_only) and self._entity_voice_gender_ok(ent, g):
                return spos, ent
            k -= 1
        return None

    def _entity_voice_gender_ok(self, ent: Entity, g: str | None) -> bool:
        v = self.voices.get(id(ent))
        if v is not None:
            return v.gender_ok(g)
        return g is None or ent.gender is None or ent.gender == g

    def _group_pronoun(self, low: str, pos: int) -> VoiceDraft | None:
        """they/it/we: the latest organisation or group speaker. A person is never "it",
        except a one-word name the tagger typed a person with nothing personal known about
        it ("Azerbaijan said … It added …"): the pronoun's agreement settles its type."""
        if low in ("it", "they"):
            same = self._org_in_sentence(pos)
            if same is not None:
                return self._entity_voice(same)
        para = self._para(pos)
        for spos, v in reversed(self.history):
            if para - self._para(spos) > 3:
                break
            if v is self.author:
                continue  # a quoted "we" is a speaker's group, not the writer
            if low in ("we", "us") or v.type == "organisation" or v.plural or (
                    low == "it" and v.type == "unknown"):
                return v
            if low in ("it", "they") and self._sent(pos) - self._sent(spos) <= 1 and \
                    bare_single_name(v):
                v.type = "organisation"
                return v
        return None

    def _org_in_sentence(self, pos: int) -> Entity | None:
        """An organisation or state named earlier in the pronoun's own sentence, outside any
        quoted content: its subject if one is ("The United States seized domains it said
        …"), else the nearest. A sorted mention list and bisection: no scan per pronoun."""
        start = self.sent_starts[self._sent(pos)]
        lo = bisect_left(self.org_starts, start)
        hi = bisect_left(self.org_starts, pos)
        cands = [(ms, ent) for ms, ent in self.org_mentions[lo:hi]
                 if not self._in_content(ms)]
        if not cands:
            return None
        subj = [c for c in cands if any(sp == c[0] for sp, _ in c[1].subject_at)]
        return (subj or cands)[-1][1]

    def _name_shaped_org(self, pos: int) -> VoiceDraft | None:
        """The latest speaker, in this or the previous sentence, when it is a name the tagger
        typed an organisation but written like a person's ("Dmitri Orlov": capitalised words,
        no institutional word, no acronym). He/she settles it: it becomes a person."""
        if not self.history:
            return None
        spos, v = self.history[-1]
        if v.type != "organisation" or v.entity is None or \
                self._sent(pos) - self._sent(spos) > 1 or not person_shaped(v.entity.name):
            return None
        return v

    # ------------------------------------------------------------------ descriptions

    def _description(self, att: RawAttribution, span: Span,
                     root: Token) -> tuple[VoiceDraft | None, str | None]:
        toks = list(span)
        desc = span.text.strip(" ,")
        head = root.lemma_.lower() if root.pos_ != "PROPN" else root.lower_
        keys = role_keys(toks) or {head}
        if head in _GENERIC_ORG_NOUNS and len(toks) <= 3 and toks[0].lower_ in _DEFINITE_DETS:
            # "the group", "the body", "the organisation": the latest organisation speaker
            # nearby, never a person whatever is nearer
            org = self._latest_org(span.start_char)
            if org is not None:
                org.add_description(desc)
                return org, desc
        if not is_speaker_like(root, head):
            return None, None
        first = toks[0].lower_
        plural = root.tag_ in ("NNS", "NNPS") or head in ("people", "authorities")
        definite = first in _DEFINITE_DETS or toks[0].dep_ == "poss" or toks[0].tag_ == "PRP$"
        pos = span.start_char
        if att.in_headline or pos <= self.headline_end:
            definite = False
        mods = {t.lower_ for t in toks if t.i < root.i and (
            t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE"))}
        if definite:
            voice = self._backward(keys, pos, plural=plural, mods=mods) or (
                None if plural else self._forward(keys, pos, sents=True))
        elif not plural and first != "another":
            headline = att.in_headline or pos <= self.headline_end
            voice = self._forward(keys, pos, sents=False, headline=headline)
            if voice is None and headline:
                voice = self._role_holder(keys)
            elif voice is None and self._before_any_person(pos):
                # the lede's "says an analyst", before anyone is named: the one person
                # later introduced with that very role
                voice = self._role_holder(keys, after=pos, exact=True)
        else:
            voice = None
        if voice is None:
            is_org = head in ORG_NOUNS
            voice = self._anon_voice(desc, keys, plural or is_org, head,
                                     name=noun_phrase(span, root))
        else:
            voice.add_description(desc)
        return voice, desc

    def _latest_org(self, pos: int) -> VoiceDraft | None:
        """The latest organisation (or state, or group) speaker within two paragraphs."""
        para = self._para(pos)
        for spos, v in reversed(self.history):
            if para - self._para(spos) > _FORWARD_PARAS:
                break
            if v.type == "organisation" and v.entity is not None:
                return v
        # none has spoken: the organisation named last before it, nearby ("Hamas fired … The
        # movement said …"), found by bisection over the sorted mentions
        k = bisect_left(self.org_starts, pos) - 1
        while k >= 0:
            ms, ent = self.org_mentions[k]
            if para - self._para(ms) > _FORWARD_PARAS:
                return None
            tok = self.doc.char_span(ms, ms + 1, alignment_mode="expand")
            place = tok is not None and len(tok) and tok[0].ent_type_ in ("GPE", "LOC")
            if not self._in_content(ms) and not place:
                return self._entity_voice(ent)  # a group is not a place
            k -= 1
        return None

    def _backward(self, keys: set[str], pos: int, *, plural: bool,
                  mods: set[str]) -> VoiceDraft | None:
        """The most recent voice with a matching role; one whose descriptions share the
        description's proper modifiers ("the Florida senator") first; never a single person
        for a plural ("the Vermont senators")."""
        best: tuple[bool, int, VoiceDraft] | None = None
        cands = list(self._all_voices())
        seen = {id(v.entity) for v in cands if v.entity is not None}
        cands += [self._peek(e) for e in self.entities if id(e) not in seen]
        for v in cands:
            if plural and v.type == "person":
                continue
            roles = v.roles | (v.entity.roles if v.entity else set())
            if not roles_match(keys, roles):
                continue
            last = v.last_before(pos)
            if last is None:
                continue
            said = " ".join([v.name, *v.descriptions,
                             *(v.entity.descriptions if v.entity else [])]).lower()
            score = (bool(mods) and all(m in said for m in mods), last, v)
            if best is None or score[:2] > best[:2]:
                best = score
        if best is None:
            return None
        v = best[2]
        return self._entity_voice(v.entity) if v.entity is not None else v

    @staticmethod
    def _peek(ent: Entity) -> VoiceDraft:
        return VoiceDraft(type=ent.type, name=ent.name, entity=ent, roles=set(ent.roles))

    def _forward(self, keys: set[str], pos: int, *, sents: bool,
                 headline: bool = False) -> VoiceDraft | None:
        """The first person introduced after ``pos`` with a matching role, nearby."""
        best: Entity | None = None
        for ent in self.entities:
            if ent.type != "person" or not ent.mentions or ent.first <= pos:
                continue
            if not roles_match(keys, ent.roles):
                continue
            if sents:
                if self._sent(ent.first) - self._sent(pos) > _FORWARD_SENTS:
                    continue
            else:
                limit = _FORWARD_PARAS_HEADLINE if headline else _FORWARD_PARAS
                if self._para(ent.first) - self._para(pos) > limit:
                    continue
            if best is None or ent.first < best.first:
                best = ent
        return self._entity_voice(best) if best is not None else None

    def _before_any_person(self, pos: int) -> bool:
        return all(e.first > pos for e in self.entities if e.type == "person" and e.mentions)

    def _role_holder(self, keys: set[str], *, after: int = -1,
                     exact: bool = False) -> VoiceDraft | None:
        """The article's person with a matching role (introduced after ``after``): the
        headline's ": Analyst" is the analyst the article interviews, wherever the body
        introduces them. Of several, the article's main person (strictly the most mentioned
        of all people) if they are one of them; with ``exact``, the role must be the same
        key (no hyponym) and the person unique."""
        people = [e for e in self.entities if e.type == "person" and e.mentions]
        cands = [e for e in people if e.first > after and
                 ((keys & e.roles) if exact else roles_match(keys, e.roles))]
        if len(cands) == 1:
            return self._entity_voice(cands[0])
        if not cands or exact:
            return None
        people.sort(key=lambda e: -len(e.mentions))
        main = people[0]
        if any(c is main for c in cands) and len(main.mentions) > len(people[1].mentions):
            return self._entity_voice(main)
        return None

    # ------------------------------------------------------------------ missing sources

    def _name_before_cue(self, att: RawAttribution) -> CharSpan | None:
        """``X, a … analyst, said`` parsed without a subject: the name right before the cue."""
        cue_start = att.cue[0][0]
        sent_start = self.sent_starts[self._sent(cue_start)]
        text = doc_text(self.doc)
        cands = sorted((cs for _, cs in self.index.within(sent_start, cue_start)),
                       key=lambda m: -m[1])
        for ms, me in cands:
            gap = text[me:cue_start]
            if _GAP_BEFORE_CUE.fullmatch(gap) is None:
                continue
            if self._in_content(ms):
                return None
            appos = gap.rstrip()
            end = me + len(appos) - 1 if appos.startswith(",") and appos.endswith(",") else me
            return (ms, end)
        return None

    def _subject_of_cue(self, att: RawAttribution) -> CharSpan | None:
        """The subject of the clause the cue hangs on: "Obama punctuated his list by saying
        …", "Flea shared the news, writing …", "911 calls saying …" (the modified noun)."""
        span = self._span(att.cue[0])
        if span is None or not len(span):
            return None
        tok = span.root
        for _ in range(_CLIMB_STEPS):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if subj.lower_ in RELATIVE_PRONOUNS:
                    return None
                s, e = subj.left_edge.i, subj.right_edge.i + 1
                if e - s > _MAX_SOURCE_TOKENS:
                    s, e = subj.left_edge.i, subj.i + 1
                return self._trimmed(s, e)
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
                head = tok.head
                return self._trimmed(head.left_edge.i, head.i + 1)
            if tok.dep_ not in _CLIMB_DEPS or tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _trimmed(self, s: int, e: int) -> CharSpan | None:
        doc = self.doc
        while s < e and (doc[s].is_punct or doc[s].is_space):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if s >= e:
            return None
        return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)

    # ------------------------------------------------------------------ driver

    def _trailing_reporters(self) -> list[tuple[int, Entity]]:
        """Sentences ending in ``…, Moghaddam elaborated.``: a cue verb hanging off the main
        clause with a named subject and nothing after it. Even when no finder reported the
        attribution, the sentence is that person's, so they become the latest speaker there
        and no other subject in the sentence is made a source by :meth:`_subject_of_cue`.

        Not ``quotes._trailing_cues``, though both read ``…, X said.``: that one finds
        attributions from the words (a strong cue last, a comma within a few tokens before it,
        any subject between), this one finds the speaker from the parse (any cue verb attached
        as a clause of the sentence, its subject right before it, a person in that subject).
        On PolNeAR dev they flag 158 and 2 sentences, 1 in common; merging them would change
        both stages."""
        self.reported_sents: set[int] = set()
        out: list[tuple[int, Entity]] = []
        starts = {ms: ent for ent in self.entities if ent.type == "person"
                  for ms, _ in ent.mentions}
        for k, sent in enumerate(self.doc.sents):
            end = sent.end - 1
            while end > sent.start and (self.doc[end].is_punct or self.doc[end].is_space):
                end -= 1
            verb = self.doc[end]
            if verb.dep_ not in ("advcl", "parataxis", "ccomp", "conj") or \
                    not is_cue_token(verb):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None or (subj.i != end - 1 and subj.right_edge.i != end - 1):
                continue
            ent = next((starts[t.idx] for t in subj.subtree if t.idx in starts), None)
            if ent is not None:
                self.reported_sents.add(k)
                out.append((subj.idx, ent))
        return out

    def _silence(self, ref: RawRefusal) -> None:
        """Bind a silence's source to its actor, as an attribution's source would be."""
        if not ref.source:
            return
        probe = RawAttribution(kind="indirect", content=[ref.sentence], cue=list(ref.cue),
                               source=list(ref.source))
        voice, _ = self.classify(probe, ref.source[0])
        text = doc_text(self.doc)
        ref.actor = voice.name if voice is not None else \
            " ".join(text[ref.source[0][0]:ref.source[0][1]].split())
        if voice is not None:
            ref.voice_id = str(id(voice))
            self.by_key[ref.voice_id] = voice
            if ref.source[0] not in voice.mentions:
                voice.mentions.append(ref.source[0])
            self.history.append((ref.source[0][0], voice))

    def run(self) -> list[VoiceCluster]:
        order: list[RawAttribution | RawRefusal] = sorted([*self.atts, *self.refusals],
                                                          key=_anchor)
        prev: RawAttribution | None = None
        prev_voice: VoiceDraft | None = None
        reporters = self._trailing_reporters()
        for item in order:
            while reporters and reporters[0][0] < _anchor(item):
                pos, ent = reporters.pop(0)
                self.history.append((pos, self._entity_voice(ent)))
            if isinstance(item, RawRefusal):
                self._silence(item)
                continue
            att = item
            voice: VoiceDraft | None = None
            desc: str | None = None
            if not att.source and att.cue and self._nested_in(att) is None:
                found = self._name_before_cue(att)
                if found is None and self._sent(att.cue[0][0]) not in self.reported_sents:
                    found = self._subject_of_cue(att)
                if found is not None and not self._in_content(found[0]):
                    att.source = [found]
            if att.source:
                voice, desc = self.classify(att, att.source[0])
                if ((voice is None or (voice.entity is None and voice is not self.author))
                        and not_a_statement(self.doc, att)) or silent_or_action(self.doc, att):
                    # "governments which have supported …" describes its source; a relation
                    # the learned filter added is trusted for a named speaker (or the
                    # writer, who exists whatever the filter says) only: neither invents an
                    # anonymous voice
                    voice, desc = None, self._plain_description(att)
                    att.description = desc
            elif not att.cue and prev is not None and prev_voice is not None and \
                    self._para(_anchor(att)) - self._para(_anchor(prev)) <= _CONTINUATION_PARAS:
                voice = prev_voice
            if voice is not None and voice is self.author and att.kind == "direct" and \
                    not att.cue:
                # a cue-less quotation after the writer's own sentence cites someone the
                # text does not name: the writer does not quote themself without a cue
                voice = None
            if voice is None:
                prev, prev_voice = att, None
                continue
            if att.source:
                for cs in att.source:
                    if cs not in voice.mentions:
                        voice.mentions.append(cs)
                self.history.append((att.source[0][0], voice))
            att.speaker = voice.name
            if desc and not att.description:
                att.description = desc
            att.voice_id = str(id(voice))  # replaced by the public id below
            self.by_key[att.voice_id] = voice
            prev, prev_voice = att, voice
        return self._finish()

    def _finish(self) -> list[VoiceCluster]:
        used: dict[str, VoiceDraft] = {}
        for v in self._all_voices() + ([self.author] if self.author is not None else []):
            used[str(id(v))] = v
        speaking = {a.voice_id for a in self.atts if a.voice_id}
        ordered = sorted((v for k, v in used.items() if k in speaking),
                         key=lambda v: (v.all_mentions() or [(0, 0)])[0])
        ids = {str(id(v)): f"v{n}" for n, v in enumerate(ordered, start=1)}
        clusters = [VoiceCluster(
            id=ids[str(id(v))], name=v.entity.name if v.entity else v.name, type=v.type,
            descriptions=list(v.descriptions), mentions=v.all_mentions()) for v in ordered]
        by_id = {c.id: c for c in clusters}
        for a in self.atts:
            if a.voice_id:
                a.voice_id = ids.get(a.voice_id)
                a.speaker = by_id[a.voice_id].name if a.voice_id else None
        for r in self.refusals:
            if r.voice_id:
                r.voice_id = ids.get(r.voice_id)  # a voice only if the actor also speaks
        return clusters


def _anchor(att: RawAttribution | RawRefusal) -> int:
    parts = (att.source, att.cue, att.content) if isinstance(att, RawAttribution) else \
        (att.source, att.cue, [att.sentence])
    starts = [p[0][0] for p in parts if p]
    return min(starts) if starts else 0


def resolve_speakers(doc: Doc, attributions: Sequence[RawAttribution],
                     refusals: Sequence[RawRefusal] = ()) -> list[VoiceCluster]:
    """Bind every attribution's source to a voice and every silence's source to its actor
    (in place) and return the voices."""
    if not attributions and not refusals:
        return []
    return _Resolver(doc, attributions, refusals).run()


class SpeakerResolver:
    """The ``presslens_speakers`` component: resolves ``doc._.presslens_attributions``."""

    def __call__(self, doc: Doc) -> Doc:
        atts = doc._.presslens_attributions
        refusals = doc._.presslens_refusals or ()
        doc._.presslens_voices = resolve_speakers(doc, atts, refusals) \
            if atts is not None else None
        return doc


@Language.factory(SPEAKERS_COMPONENT)
def make_speakers(nlp: Language, name: str) -> SpeakerResolver:
    """spaCy factory: ``nlp.add_pipe("presslens_speakers")`` after ``presslens_quotes``."""
    register_extensions()
    return SpeakerResolver()
