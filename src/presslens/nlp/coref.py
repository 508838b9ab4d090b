"""Who is mentioned in a Doc: named people and organisations, their roles, gender cues.

:func:`collect_entities` reads a parsed Doc once and returns the :class:`Entity` clusters the
speaker resolver (``speakers.py``) binds sources to:

* person names from PERSON entities, made robust to the small model: a name is extended over
  adjacent proper nouns and in-word apostrophes/hyphens ("Hossein Kana'ani Moghaddam"), leading
  titles ("President", "Mr.") become roles, a trailing possessive is dropped;
* surname-only and first-name-only mentions merged with the full name (the most recently
  mentioned bearer wins when two people share a surname), including mentions the tagger gave
  another label ("Moghaddam" tagged GPE), and a multi-word or hyphenated surname the tagger
  made an organisation ("Ferreira-Lind said") when it speaks like the person introduced before;
* roles: appositions ("X, a Tehran-based West Asia affairs analyst,"), titles and role nouns
  before the name ("analyst X", "Prime Minister X"), "X, who is …", "X is a …";
* organisations (ORG, GPE, NORP entities) keyed by their name without "the".

Role keys are lemmas of the role's head noun plus the compound before it ("prime minister"),
normalised through a small synonym table, so a later description ("the premier", "the
spokeswoman") can be matched with :func:`roles_match`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import is_cue_token
from .types import CharSpan

__all__ = [
    "DOCUMENT_NOUNS",
    "ORG_NOUNS",
    "ROLE_NOUNS",
    "Entity",
    "collect_entities",
    "gender_of_word",
    "is_acronym",
    "is_speaker_like",
    "list_head",
    "name_like",
    "role_keys",
    "roles_match",
]

ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
# Titles written before a name; they are roles, not part of the name.
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "vice", "sen", "senator",
    "rep", "representative", "gov", "governor", "mayor", "minister", "prime", "premier",
    "secretary", "general", "gen", "col", "lt", "capt", "sgt", "adm", "admiral", "judge",
    "justice", "chancellor", "king", "queen", "prince", "princess", "sheikh", "ayatollah",
    "pope", "rabbi", "imam", "rev", "father", "sir", "lord", "lady", "chairman", "chairwoman",
    "speaker", "ambassador", "commissioner", "director", "chief", "leader", "spokesman",
    "spokeswoman", "spokesperson", "analyst", "officer", "attorney", "candidate", "nominee",
    "congressman", "congresswoman", "councilman", "councilwoman", "deputy", "foreign",
    "defense", "defence", "interior", "finance", "state", "house", "senate",
    "executive", "ceo", "coach", "host", "author", "economist", "journalist", "reporter",
    "sheriff", "detective", "inspector", "superintendent", "commander", "marshal", "emir",
    "crown", "grand", "supreme", "senior", "former", "acting", "interim", "elect",
})
_NAME_JOINERS = frozenset({"'", "’", "-", "‑"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "del",
                             "der", "la", "le", "abu", "bint"})
# Synonym normalisation of role keys (a description and a role match on normalised keys).
_ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "premier": "prime minister", "pm": "prime minister", "ceo": "chief executive",
    "chief executive officer": "chief executive", "executive officer": "chief executive",
    "congressman": "lawmaker", "congresswoman": "lawmaker", "legislator": "lawmaker",
    "mp": "lawmaker", "chairwoman": "chair", "chairman": "chair", "chairperson": "chair",
    "pundit": "commentator", "prof": "professor", "expert": "expert", "gen": "general",
    "sen": "senator", "rep": "representative", "gov": "governor",
}
# Hypernym -> role keys it covers ("the official" may be the spokesperson or the minister).
_HYPONYMS: dict[str, frozenset[str]] = {
    "official": frozenset({"minister", "prime minister", "spokesperson", "secretary", "ambassador",
                           "governor", "mayor", "senator", "diplomat", "commander", "director",
                           "chief", "envoy", "aide", "adviser", "advisor", "officer", "deputy",
                           "commissioner", "administrator", "president", "chair", "lawmaker"}),
    "expert": frozenset({"analyst", "economist", "scientist", "professor", "researcher",
                         "scholar", "specialist", "strategist", "commentator", "academic"}),
    "lawmaker": frozenset({"senator", "representative", "lawmaker", "legislator"}),
    "leader": frozenset({"president", "prime minister", "chancellor", "chair", "king",
                         "chief", "head", "premier"}),
    "politician": frozenset({"senator", "representative", "lawmaker", "minister", "governor",
                             "mayor", "president", "candidate", "nominee", "prime minister"}),
    "diplomat": frozenset({"ambassador", "envoy", "minister"}),
    "executive": frozenset({"chief executive", "director", "chair", "president", "founder"}),
    "candidate": frozenset({"nominee", "candidate"}),
    "nominee": frozenset({"nominee", "candidate"}),
}
_FEMALE = frozenset({"she", "her", "hers", "herself", "mrs", "ms", "miss", "madam", "lady",
                     "queen", "princess", "woman", "mother", "wife", "daughter", "sister",
                     "grandmother", "actress", "girl", "businesswoman", "spokeswoman",
                     "chairwoman", "congresswoman", "councilwoman", "sportswoman", "widow"})
_MALE = frozenset({"he", "him", "his", "himself", "mr", "sir", "lord", "king", "prince",
                   "man", "father", "husband", "son", "brother", "grandfather", "boy",
                   "businessman", "spokesman", "congressman", "councilman", "sportsman",
                   "widower"})
_SEG_STOP = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "!", "?", '"', "“", "”"})
_MAX_APPOS_TOKENS = 16



def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Heads that make a description a speaker: people by role, groups, institutions, documents.
ROLE_NOUNS = _words("""
official source analyst expert spokesman spokeswoman spokesperson minister president premier
secretary ambassador diplomat envoy aide adviser advisor officer commander general director chief
executive chair chairman chairwoman head leader lawmaker legislator senator representative
congressman congresswoman governor mayor politician candidate nominee campaign economist
scientist professor researcher scholar specialist strategist commentator academic witness
resident activist protester demonstrator student teacher doctor nurse lawyer attorney prosecutor
judge police policeman officer soldier militant fighter worker employee manager founder owner
investor banker trader analyst observer critic supporter opponent voter citizen person man woman
journalist reporter correspondent editor columnist author writer historian insider operative
member delegate negotiator mediator representative victim survivor relative father mother
son daughter wife husband friend neighbour neighbor colleague partner pollster consultant
organizer organiser administrator regulator inspector investigator monitor watchdog
government ministry department agency office administration authority authorities council
committee commission parliament congress senate house court military army navy police force
group organisation organization movement party union company firm bank board team embassy
cabinet regime coalition alliance faction network institute university hospital charity
report statement study survey poll document letter memo filing website article book post tweet
release communique communiqué spokesmen officials sources people
""")
ORG_NOUNS = _words("""
government ministry department agency office administration authority authorities council
committee commission parliament congress senate court military army navy police force group
organisation organization movement party union company firm bank board team embassy cabinet
regime coalition alliance faction network institute university hospital charity campaign
""")
DOCUMENT_NOUNS = _words("""
report statement study survey poll document letter memo filing website article book post tweet
release communique communiqué data analysis research paper
""")
_AGENT_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "eer", "ee")


def is_speaker_like(root: Token, head: str) -> bool:
    """Whether a noun phrase headed by ``root`` (lemma ``head``) can be a source of speech."""
    if root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if head in ROLE_NOUNS or root.lower_ in ROLE_NOUNS:
        return True
    return root.pos_ in ("NOUN", "PROPN") and head.endswith(_AGENT_SUFFIXES) and len(head) > 4


_EXAMPLE_PREPS = frozenset({"including", "like", "especially", "particularly", "notably"})


def is_acronym(tok: Token) -> bool:
    """An upper-case proper noun of two to six letters ("RSF", "PKK"): an organisation's name."""
    return tok.pos_ == "PROPN" and tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 6


def name_like(tok: Token) -> bool:
    """A capitalised proper noun, or a capitalised singular noun outside the role lexicon
    (the small model tags headline names like "Trump:" as nouns)."""
    if tok.ent_type_ in ("DATE", "TIME", "LOC", "FAC", "CARDINAL"):
        return False
    if is_acronym(tok):
        return True
    if not tok.is_title:
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.tag_ in ("NN", "NNP") and \
        tok.lemma_.lower() not in ROLE_NOUNS and tok.lower_ not in ROLE_NOUNS


def list_head(tok: Token) -> Token:
    """``Governments in the West, including the US, which …``: a relative clause after an
    example list refers to the listed group, not to the last example."""
    cur = tok
    for _ in range(4):
        if cur.dep_ != "pobj":
            break
        prep = cur.head
        chain = [prep]
        while prep.dep_ == "prep" and prep.head.pos_ in ("ADP", "VERB"):
            prep = prep.head
            chain.append(prep)
        if not any(p.lower_ in _EXAMPLE_PREPS for p in chain) or \
                prep.head.pos_ not in ("NOUN", "PROPN"):
            break
        cur = prep.head
    return cur


@dataclass
class Entity:
    """A named person or organisation mentioned in the Doc, with everything known about it."""

    type: str  # "person" | "organisation"
    name: str  # longest full name seen
    mentions: list[CharSpan] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" | None (never guessed from the name)
    tokens: set[str] = field(default_factory=set)  # lower-case name tokens
    # (char offset, is the main clause's subject) of every subject mention
    subject_at: list[tuple[int, bool]] = field(default_factory=list)
    _sorted: list[int] = field(default_factory=list, repr=False, compare=False)
    _sorted_n: int = field(default=-1, repr=False, compare=False)

    @property
    def first(self) -> int:
        return min(s for s, _ in self.mentions) if self.mentions else 0

    def add_description(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text.lower() not in (d.lower() for d in self.descriptions):
            self.descriptions.append(text)

    def last_before(self, pos: int) -> int | None:
        # a bisection over the starts, sorted again only when the list has grown
        if self._sorted_n != len(self.mentions):
            self._sorted = sorted(s for s, _ in self.mentions)
            self._sorted_n = len(self.mentions)
        k = bisect_left(self._sorted, pos)
        return self._sorted[k - 1] if k else None


def gender_of_word(word: str) -> str | None:
    """"m"/"f" for a gendered pronoun, title or role noun, else None."""
    w = word.lower().strip(".")
    if w in _FEMALE:
        return "f"
    if w in _MALE:
        return "m"
    return None


def _norm_role(key: str) -> str:
    return _ROLE_SYNONYMS.get(key, key)


def role_keys(tokens: list[Token]) -> set[str]:
    """Role keys of a noun phrase: its head noun lemma (before any preposition) and the
    compound ending in it ("prime minister", "chief executive"), synonym-normalised."""
    head_i = None
    for k, t in enumerate(tokens):
        if t.pos_ == "ADP" or t.lower_ in ("who", "which", "that"):
            break
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("GPE", "NORP", "DATE", "LOC"):
            head_i = k
    if head_i is None:
        return set()
    head = tokens[head_i]
    lemma = head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
    keys = {_norm_role(lemma), _norm_role(head.lower_)}
    if head_i > 0:
        prev = tokens[head_i - 1]
        if prev.pos_ in ("NOUN", "PROPN", "ADJ") and prev.ent_type_ not in ("GPE", "NORP"):
            keys.add(_norm_role(f"{prev.lower_} {lemma}"))
    return {k for k in keys if k}


def roles_match(desc: set[str], roles: set[str]) -> bool:
    """Whether a description's role keys fit an entity's roles (same key, or a hyponym)."""
    if desc & roles:
        return True
    return any(roles & _HYPONYMS.get(d, frozenset()) for d in desc)


def _name_range(doc: Doc, ent: Span, title_lines: dict[int, bool]
                ) -> tuple[int, int, list[Token]]:
    """Token range of a person name grown over proper-noun chains; leading titles split off.

    ``title_lines``: whether each sentence (by its first token) is a title-case line, filled
    as sentences are met — one pass per sentence, not one per name and step (quadratic on a
    long sentence of names)."""
    s, e = ent.start, ent.end
    sent = ent.sent
    if sent.start not in title_lines:
        title_lines[sent.start] = _title_case_line(sent)
    title_line = title_lines[sent.start]
    # grow right: "Kana", "'", "ani" / an untagged surname after the tagged part; never in a
    # title-case line ("Ted Cruz Refuses …"), where every word looks like a name
    while e < len(doc) and not title_line:
        t = doc[e]
        prev = doc[e - 1]
        if t.text in _NAME_JOINERS and not prev.whitespace_ and e + 1 < len(doc) \
                and not t.whitespace_ and doc[e + 1].is_alpha:
            e += 2
        elif (prev.whitespace_ == " " and t.pos_ == "PROPN" and t.is_title
              and t.ent_type_ == "" and not t.is_sent_start) or (
                not prev.whitespace_ and t.is_alpha and t.text[:1].islower()
                and prev.text in _NAME_JOINERS):
            e += 1
        else:
            break
    # grow left over untagged given names
    while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].is_title \
            and doc[s - 1].ent_type_ == "" and doc[s - 1].whitespace_ == " " \
            and doc[s - 1].lower_.strip(".") not in TITLES:
        s -= 1
    while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct):
        e -= 1
    titles: list[Token] = []
    while s < e - 1 and doc[s].lower_.strip(".") in TITLES:
        titles.append(doc[s])
        s += 1
    return s, e, titles


def _title_case_line(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= 0.6 * len(words)


def _segment_after(doc: Doc, i: int) -> list[Token]:
    """Tokens of an apposition starting at ``i`` (after a comma), up to the next comma/stop."""
    out: list[Token] = []
    j = i
    while j < len(doc) and len(out) < _MAX_APPOS_TOKENS:
        t = doc[j]
        if t.text in _SEG_STOP or t.is_space or ("\n" in t.whitespace_ and out):
            if "\n" in t.whitespace_ and t.text not in _SEG_STOP:
                out.append(t)
            break
        out.append(t)
        j += 1
    return out


def _appositions(doc: Doc, s: int, e: int) -> list[list[Token]]:
    """``NAME, a … analyst,`` / ``NAME, who is the …`` / ``the analyst, NAME,``."""
    found: list[list[Token]] = []
    if e + 1 < len(doc) and doc[e].text == ",":
        seg = _segment_after(doc, e + 1)
        if (seg and seg[0].lower_ in ("a", "an", "the")) or (seg and seg[0].dep_ == "poss"):
            if any(t.pos_ == "NOUN" for t in seg) and not any(
                    t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound", "acl")
                    for t in seg):
                found.append(seg)
        elif seg and seg[0].lower_ == "who" and len(seg) > 2 and seg[1].lemma_ == "be":
            rest = seg[2:]
            if (rest and rest[0].lower_ in ("a", "an", "the")) or (rest and rest[0].dep_ == "poss"):
                found.append(rest)
    # "X is a …" as the clause's subject
    root = doc[e - 1]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        attr = next((c for c in root.head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.pos_ == "NOUN":
            found.append(list(doc[attr.left_edge.i: attr.i + 1]))
    # "the analyst, NAME," — the name is the apposition of a description
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < s and \
            root.head.lemma_.lower() in ROLE_NOUNS - ORG_NOUNS - DOCUMENT_NOUNS:
        head = root.head
        found.append(list(doc[head.left_edge.i: head.i + 1]))
    return found


def _pre_name_roles(doc: Doc, s: int) -> list[Token]:
    """Role nouns written right before the name: "analyst X", "Israeli premier X"."""
    out: list[Token] = []
    j = s - 1
    while j >= 0 and len(out) < 5:
        t = doc[j]
        if t.is_punct or t.is_space or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON"):
            break
        if t.pos_ == "NOUN" or t.lower_.strip(".") in TITLES or \
                (t.pos_ in ("ADJ", "PROPN") and out):
            out.insert(0, t)
            j -= 1
            continue
        break
    # keep only a phrase that ends in a role noun/title
    while out and not (out[-1].pos_ == "NOUN" or out[-1].lower_.strip(".") in TITLES):
        out.pop()
    return out


def _subject(tok: Token) -> tuple[bool, bool]:
    """(is a subject, is the subject of the sentence's root)."""
    if tok.dep_ == "compound" and tok.head.dep_ in ("nsubj", "nsubjpass"):
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False, False
    return True, tok.head.dep_ == "ROOT"


class _People:
    """Person clusters and the index that merges surname/first-name mentions into them."""

    def __init__(self) -> None:
        self.people: list[Entity] = []
        self.by_token: dict[str, list[Entity]] = {}

    def lookup(self, words: list[str], pos: int) -> Entity | None:
        """The person whose name contains ``words`` (all of them), most recent before ``pos``."""
        low = [w.lower() for w in words]
        cands = [p for p in self.by_token.get(low[-1], []) if set(low) <= p.tokens]
        if not cands:
            return None
        before = [(p.last_before(pos), k, p) for k, p in enumerate(cands)
                  if p.last_before(pos) is not None]
        if before:
            return max(before, key=lambda x: (x[0], x[1]))[2]
        return min(cands, key=lambda p: p.first)

    def add_full(self, words: list[str], name: str) -> Entity:
        low = [w.lower() for w in words]
        for p in self.people:
            if low == [w.lower() for w in p.name.split()] or (
                    len(low) > 1 and set(low) <= p.tokens and low[-1] in p.tokens):
                return p
        ent = Entity(type="person", name=name, tokens=set(low))
        self.people.append(ent)
        for w in low:
            if w not in _NAME_PARTICLES:
                self.by_token.setdefault(w, []).append(ent)
        return ent


def collect_entities(doc: Doc) -> tuple[list[Entity], list[Entity]]:
    """People and organisations of ``doc`` with mentions, roles, descriptions and gender cues."""
    people = _People()
    names: list[tuple[int, int, list[Token]]] = []
    title_lines: dict[int, bool] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names.append(_name_range(doc, ent, title_lines))
    # full names first, so a surname seen before the full name still merges
    for s, e, _ in sorted(names, key=lambda x: -(x[1] - x[0])):
        words = [t.text for t in doc[s:e] if t.text not in _NAME_JOINERS]
        if len(words) > 1:
            people.add_full(words, doc[s:e].text)
    seen_tokens: set[int] = set()
    for s, e, titles in sorted(names):
        if e <= s:
            continue
        words = [t.text for t in doc[s:e] if t.text not in _NAME_JOINERS]
        person = people.lookup(words, doc[s].idx) if len(words) == 1 else None
        if person is None:
            person = people.add_full(words, doc[s:e].text)
        _record_mention(doc, person, s, e, titles)
        seen_tokens.update(range(s, e))
    # surname mentions the tagger labelled otherwise ("Moghaddam" as GPE) or left untagged
    for tok in doc:
        if tok.i in seen_tokens or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        if tok.ent_type_ == "PERSON" or tok.ent_iob_ == "I" or (
                tok.ent_type_ and tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I"):
            continue  # a person already, or part of a longer ORG/GPE name
        person = people.lookup([tok.text], tok.idx)
        if person is not None:
            _record_mention(doc, person, tok.i, tok.i + 1, [])
    _merge_compound_surnames(doc, people, seen_tokens)
    orgs = _collect_orgs(doc, seen_tokens)
    return people.people, orgs


# Words after a name that make it a company or body ("Ferreira-Lind Holdings said").
_CORPORATE_WORDS = frozenset({
    "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "gmbh", "ag", "sa",
    "group", "holdings", "partners", "associates", "foundation", "institute", "bank", "&",
})


def _speaks_like_a_person(ent: Span) -> bool:
    """The span is the subject of a reporting verb ("X said") or the source of "according to X"."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass") and is_cue_token(root.head):
        return True
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "to" and prep.i > 0 and \
        prep.doc[prep.i - 1].lower_ == "according"


def _merge_compound_surnames(doc: Doc, people: _People, seen_tokens: set[int]) -> None:
    """A multi-token surname alone, tagged as an organisation by the small model
    ("Ferreira-Lind said", "Van Dyke told"), is a mention of the person introduced with it.

    Only when the entity is exactly the last words of an earlier full name, consists of
    name words, is not followed by a corporate word, and speaks like a person; anything
    else ("Johnson & Johnson said") stays an organisation. Single-token surnames are
    merged by the token loop in :func:`collect_entities`.
    """
    for ent in doc.ents:
        if ent.label_ not in ORG_LABELS or len(ent) < 2 or \
                seen_tokens & set(range(ent.start, ent.end)):
            continue
        words = [t.text for t in ent if t.text not in _NAME_JOINERS]
        if len(words) < 2 or not all(t.is_title and t.pos_ == "PROPN" for t in ent
                                      if t.text not in _NAME_JOINERS):
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and (nxt.lower_.strip(".") in _CORPORATE_WORDS or
                                (nxt.is_title and nxt.pos_ == "PROPN")):
            continue
        if not _speaks_like_a_person(ent):
            continue
        person = people.lookup(words, ent.start_char)
        if person is None:
            continue
        full = [w.lower() for w in person.name.replace("-", " ").replace("‑", " ").split()]
        low = [w.lower() for w in words]
        # the surname: the last words of the full name, which must be longer than it
        if len(full) <= len(low) or full[-len(low):] != low or \
                person.last_before(ent.start_char) is None:
            continue
        _record_mention(doc, person, ent.start, ent.end, [])
        seen_tokens.update(range(ent.start, ent.end))


def _record_mention(doc: Doc, person: Entity, s: int, e: int, titles: list[Token]) -> None:
    span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
    if span in person.mentions:
        return
    person.mentions.append(span)
    name = doc[s:e].text
    if len(name) > len(person.name):
        person.name = name
    is_subj, main = _subject(doc[e - 1])
    if is_subj:
        person.subject_at.append((span[0], main))
    pre = titles or _pre_name_roles(doc, s)
    if pre:
        person.roles |= role_keys(pre) | {_norm_role(t.lower_.strip(".")) for t in pre
                                          if t.lower_.strip(".") in TITLES}
        person.add_description(" ".join(t.text for t in pre))
    for tok in titles + pre:
        g = gender_of_word(tok.text)
        if g and person.gender is None:
            person.gender = g
    for seg in _appositions(doc, s, e):
        person.roles |= role_keys(seg)
        person.add_description(doc[seg[0].i: seg[-1].i + 1].text)
        for t in seg:
            g = gender_of_word(t.text)
            if g and person.gender is None:
                person.gender = g


def _org_key(text: str) -> str:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words).rstrip("’'").lower()


def _collect_orgs(doc: Doc, person_tokens: set[int]) -> list[Entity]:
    by_key: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in ORG_LABELS or person_tokens & set(range(ent.start, ent.end)):
            continue
        key = _org_key(ent.text)
        if not key:
            continue
        org = by_key.get(key)
        if org is None:
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            org = by_key[key] = Entity(type="organisation", name=name.rstrip("’'"),
                                       tokens=set(key.split()))
            org.roles |= {t.lemma_.lower() for t in ent if t.pos_ in ("NOUN", "PROPN")}
        org.mentions.append((ent.start_char, ent.end_char))
        is_subj, main = _subject(ent.root)
        if is_subj:
            org.subject_at.append((ent.start_char, main))
    return list(by_key.values())
