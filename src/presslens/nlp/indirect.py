"""Indirect (reported) speech and belief: dependency rules over the spaCy parse.

``find_indirect(doc, direct=...)`` returns :class:`RawAttribution` objects for

* ``X said (that) CLAUSE`` / ``CLAUSE, X said.`` — the clausal complement of a cue verb,
  before or after it (``rule="ccomp"``); ``X told reporters … that …`` likewise;
* parenthetical cues ``Such a mistake, he warned, would …`` — content is the host clause
  minus the parenthetical, so it is discontinuous (``rule="parenthetical"``);
* ``according to X, CLAUSE`` and ``in the view of X`` (``rule="according_to"``);
* passives ``it was reported that …`` (``rule="passive"``, no source);
* paraphrase cues: multiword ``X drew parallels between …`` (``rule="phrase"``), verbs whose
  object is the content ``X criticized the decision`` (``rule="object"``), intentions
  ``X vowed to …`` (``rule="xcomp"``), ``the plan seemed to …`` (``rule="raising"``);
* headline attributions ``Graham: Trump's rhetoric destroying GOP`` (``rule="colon_headline"``).

Span conventions follow PolNeAR (Newell et al., 2018), checked on its train split: the content
includes a leading complementiser ("that", "whether") and excludes the sentence's final
punctuation; the source is the whole subject noun phrase (with apposition); the cue is the verb
with its auxiliaries, "also", negation and particles ("has also said", "pointed out") but not
the recipient ("told", not "told reporters"), plus a following "in a statement"-type phrase.
PolNeAR does not annotate attributions nested in another's content or inside a quotation, so
neither do we. Candidates whose content is mostly (> 50 %) inside a direct quotation already
found are dropped: the direct finder owns those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from spacy.symbols import AUX, IS_SPACE, NOUN, POS, VERB
from spacy.tokens import Doc, Token

from .cues import (
    OBJECT_CUES,
    STRONG_LEMMAS,
    XCOMP_CUES,
    cue_particles,
    is_cue_noun,
    is_cue_token,
    match_multiword_cues,
)
from .intervals import SpanGrid
from .types import CharSpan, RawAttribution, doc_text

__all__ = [
    # shared with quotes_direct / attribution_model: one definition of cue words, source
    # phrases and token-range trimming for every attribution rule
    "PAGE_LABELS",
    "SOURCE_PREP_CUES",
    "cue_tokens",
    "find_indirect",
    "is_page_label",
    "merge_adjacent",
    "object_range",
    "prep_object",
    "quoted_mask",
    "ranges_to_chars",
    "source_of",
    "source_range",
    "subtree_range",
    "trim_span",
]

_CLAUSE = frozenset({"ccomp"})
_PARENTHETICAL = frozenset({"parataxis", "advcl", "ccomp", "conj"})
_OBJ = frozenset({"dobj", "attr", "oprd"})
_QUOTES = frozenset("\"“”«»")
_QUOTE_OR_NL = re.compile('[\n"“”]')
_QUOTED_KEY = "presslens.in_quote"
_CUE_POS = np.array([NOUN, VERB, AUX], dtype=np.uint64)
_EDGE_PUNCT = frozenset(".,;:!?—–-…")
_OPEN_Q = frozenset("\"“«‘'")
_CLOSE_Q = frozenset("\"”»’'")
# Preposition-headed sources: "according to X", "in the view of X".
SOURCE_PREP_CUES = {("according", "to"), ("in", "the", "view", "of"), ("in", "the", "words", "of"),
                     ("in", "the", "opinion", "of")}
# Multiword cues that extend a neighbouring verb cue ("said in a statement").
_EXTENDERS = frozenset({"in"})
_RECIPIENTS = frozenset({"reporters", "journalists", "audience", "crowd", "supporters",
                         "viewers", "listeners", "interviewer", "host"})
_CUE_ADVS = frozenset({"also", "further", "later", "again", "previously", "repeatedly"})
_HEADLINE_MAX_TOKENS = 30
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"})
_RAISING = frozenset({"seem", "appear"})
_SCARE_MAX_WORDS = 3  # a quoted fragment longer than this makes the attribution "mixed"


def _tok_chars(a: Token, b: Token) -> CharSpan:
    return (a.idx, b.idx + len(b.text))


def trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation (keeps quote marks balanced with their text)."""
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT
                           or doc[start].text == ","):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT
                           or doc[end - 1].text in {",", "(", "["}):
        end -= 1
    return start, end


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def ranges_to_chars(doc: Doc, ranges: list[tuple[int, int]]) -> list[CharSpan]:
    out: list[CharSpan] = []
    for s, e in ranges:
        s, e = trim_span(doc, s, e)
        if s < e:
            out.append(_tok_chars(doc[s], doc[e - 1]))
    return out


def _minus(rng: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token range ``rng`` with ``holes`` cut out (holes sorted, inside rng)."""
    out: list[tuple[int, int]] = []
    s, e = rng
    for hs, he in sorted(holes):
        if he <= s or hs >= e:
            continue
        if hs > s:
            out.append((s, hs))
        s = max(s, he)
    if s < e:
        out.append((s, e))
    return out


def source_of(verb: Token) -> Token | None:
    """Subject of ``verb``, inherited along conj/advcl/xcomp chains ("…, adding that")."""
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            return None
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
            if c.dep_ == "agent":  # passive "by X"
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if cur.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl") and cur.head.i != cur.i:
            if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return cur.head
            cur = cur.head
        else:
            return None
    return None


def source_range(doc: Doc, subj: Token) -> tuple[int, int]:
    s, e = subtree_range(subj)
    if subj.dep_ == "relcl" or subj.head.dep_ == "relcl":
        s, e = subj.i, subj.i + 1
        # keep the noun phrase up to the noun itself ("the senator, who said …")
        s = min([subj.i] + [c.left_edge.i for c in subj.lefts])
    return trim_span(doc, s, e)


def cue_tokens(verb: Token) -> list[Token]:
    """The cue: verb plus negation, phrasal particles and a recipient like "reporters"."""
    toks = [verb]
    parts = cue_particles(verb.lemma_.lower())
    for c in verb.children:
        particle = c.dep_ in ("prt", "prep") and c.lower_ in parts
        # PolNeAR cues keep auxiliaries and "also" next to the verb ("has also said"), not
        # the recipient ("told reporters" -> "told")
        helper = c.dep_ in ("aux", "auxpass") or (c.dep_ == "advmod" and c.lower_ in _CUE_ADVS)
        if c.dep_ == "neg" or particle or (helper and c.i < verb.i):
            toks.append(c)
    return sorted(toks, key=lambda t: t.i)


def _quoted_chars(text: str) -> list[bool]:
    """Per character: is it inside a double-quoted passage? (Quotes never span paragraphs.)"""
    out = [False] * (len(text) + 1)
    inside = False
    start = 0
    # two apostrophes are one double mark (PTB-style wire text): read them as '"'
    if "''" in text:
        text = text.replace("''", '" ')
    for m in _QUOTE_OR_NL.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if inside:
                # unbalanced quote: a multi-paragraph quotation (no closing mark until its
                # last paragraph); the paragraph is quoted up to here, the next starts afresh
                inside = False
                out[start:i] = [True] * (i - start)
        elif ch == "“" or (ch == '"' and not inside):
            inside, start = True, i
        elif inside:
            inside = False
            out[start:i + 1] = [True] * (i + 1 - start)
    return out


def quoted_mask(doc: Doc) -> list[bool]:
    """:func:`_quoted_chars` of the Doc's text, computed once per Doc."""
    cached = doc.user_data.get(_QUOTED_KEY)
    if isinstance(cached, list):
        return cached
    out = _quoted_chars(doc_text(doc))
    doc.user_data[_QUOTED_KEY] = out
    return out


def _kind(doc: Doc, content: list[CharSpan], in_quote: list[bool]) -> str:
    """indirect, or mixed when the content holds a quoted passage longer than a scare quote."""
    text = doc_text(doc)
    for s, e in content:
        run: list[str] = []
        for i in range(s, e + 1):
            if i < e and in_quote[i]:
                run.append(text[i])
            elif run:
                if len("".join(run).split()) > _SCARE_MAX_WORDS:
                    return "mixed"
                run = []
    return "indirect"


class _Covered:
    """Characters already inside direct-quote contents, for the > 50 % overlap test."""

    def __init__(self, doc: Doc, direct: Sequence[RawAttribution]) -> None:
        self.mask: bytearray | None = None
        if direct:
            n = len(doc_text(doc))
            self.mask = bytearray(n)
            for d in direct:
                for s, e in d.content:
                    self.mask[s:e] = b"\x01" * (min(e, n) - s)

    def fraction(self, doc: Doc, spans: list[CharSpan]) -> float:
        if self.mask is None:
            return 0.0
        text = doc_text(doc)
        total = cov = 0
        for s, e in spans:
            for i in range(s, e):
                if not text[i].isspace():
                    total += 1
                    cov += self.mask[i]
        return cov / total if total else 0.0


def _clause_content(doc: Doc, verb: Token, comp: Token) -> list[tuple[int, int]]:
    """Token ranges of the complement ``comp`` of cue ``verb``."""
    s, e = subtree_range(comp)
    # '"We had better days," Bill Eastland, wearing a hat, said': the clause ends at the
    # closing quote even when the parse hangs the speaker's description on it
    if doc[s].text in _OPEN_Q or (s > 0 and doc[s - 1].text in _OPEN_Q):
        for k in range(s + 1, e):
            if doc[k].text in _CLOSE_Q and doc[k].text != "'":
                return [(s, k + 1)]
    return [(s, e)]


def _host_content(doc: Doc, host: Token, cut: tuple[int, int]) -> list[tuple[int, int]]:
    """Host clause ``host`` minus the token range ``cut`` (a parenthetical or trailing cue)."""
    s, e = subtree_range(host)
    return _minus((s, e), [cut])


def verb_spans(doc: Doc, verb: Token) -> tuple[list[CharSpan], list[CharSpan]]:
    """Cue and source character spans of cue verb ``verb`` (shared by the rules and the
    learned filter, so a relation is spelled the same whoever finds it)."""
    cue = merge_adjacent(doc, [(t.idx, t.idx + len(t.text)) for t in cue_tokens(verb)])
    source: list[CharSpan] = []
    subj = source_of(verb)
    if subj is not None:
        s, e = source_range(doc, subj)
        if s < e:
            source = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))]
    return cue, source


def find_indirect(doc: Doc, *, direct: Sequence[RawAttribution] = ()) -> list[RawAttribution]:
    """Indirect and mixed attributions in ``doc`` (see the module docstring for the rules)."""
    covered = _Covered(doc, direct)
    out: list[RawAttribution] = []
    used_verbs: set[int] = set()
    # token index -> extra cue tokens ("in a statement") found by the multiword matcher
    extend: dict[int, tuple[int, int]] = {}
    phrasal: dict[int, int] = {}  # verb index -> end of its multiword cue

    for ms, me in match_multiword_cues(doc):
        words = tuple(t.lower_ for t in doc[ms:me])
        if words in SOURCE_PREP_CUES:
            att = _according_to(doc, ms, me)
            if att is not None:
                out.append(att)
        elif doc[ms].pos_ == "VERB" and me - ms > 1 and not all(
                t.lower_ in _RECIPIENTS for t in doc[ms + 1:me]):
            # verb-headed phrase ("drew parallels between", "made clear", "took aim at")
            phrasal[ms] = me
        elif words[0] in _EXTENDERS and ms > 0:
            head = doc[ms].head
            if head.i < ms and head.i not in extend and is_cue_token(head):
                extend[head.i] = (ms, me)

    in_quote = quoted_mask(doc)
    out.extend(_colon_headlines(doc, in_quote))
    # only nouns and verbs can be cues: skip building a Token for every other word
    pos = doc.to_array(POS)
    for i in np.flatnonzero(np.isin(pos, _CUE_POS)).tolist():
        tok = doc[i]
        if tok.pos_ == "NOUN" and is_cue_noun(tok) and not in_quote[tok.idx]:
            att = _noun_attribution(doc, tok)
            if att is not None:
                out.append(att)
            continue
        if tok.i in phrasal and not in_quote[tok.idx]:
            att = _phrase_attribution(doc, tok, phrasal[tok.i])
            if att is not None:
                used_verbs.add(tok.i)
                out.append(att)
                continue
        if tok.i in used_verbs:
            continue
        if not is_cue_token(tok) and not _that_clause_verb(tok):
            continue
        # PolNeAR does not annotate attributions nested inside a quotation ("I think …")
        if in_quote[tok.idx]:
            continue
        lemma = tok.lemma_.lower()
        att = _verb_attribution(doc, tok, lemma)
        if att is None:
            continue
        used_verbs.add(tok.i)
        if tok.i in extend:
            es, ee = extend[tok.i]
            att.cue.append(_tok_chars(doc[es], doc[ee - 1]))
            att.cue = merge_adjacent(doc, att.cue)
        out.append(att)

    # PolNeAR convention: an attribution nested in another's content is not annotated
    # ("… told reporters that Carter believes his use … was a mistake" is one relation).
    # (a span index: testing every relation against every content span was quadratic)
    contents: SpanGrid[CharSpan] = SpanGrid()
    for a in out:
        for sp in a.content:
            contents.add([sp], sp)
    # a cue that introduces a direct quotation has no second, indirect relation: the clause
    # the parse hangs on it is the quotation's sentence run together with the one before
    direct_cues = {d.cue[0][0] for d in direct if d.cue}
    kept: list[RawAttribution] = []
    for att in out:
        if not att.content or (att.cue and att.cue[0][0] in direct_cues):
            continue
        cs = att.cue[0][0] if att.cue else att.content[0][0]
        if any(s <= cs < e for s, e in contents.near([(cs, cs + 1)])
               if (s, e) not in att.content):
            continue
        if covered.fraction(doc, att.content) > 0.5:
            continue
        att.kind = _kind(doc, att.content, in_quote)
        kept.append(att)
    kept.sort(key=lambda a: a.content[0][0])
    return kept


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the text's lines (spaCy puts every newline in a whitespace token)."""
    out: list[tuple[int, int]] = []
    start = 0
    # one array read instead of a Token object per token: this runs on every Doc
    for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if start < i:
            out.append((start, i))
        start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


# Labels of page furniture before a colon ("Photo: Reuters", "Editor: …", "Read more: …"):
# captions, credits and links, never a speaker.
PAGE_LABELS = frozenset({
    "photo", "photos", "image", "images", "picture", "caption", "credit", "credits", "source",
    "sources", "editor", "editors", "read more", "read also", "also read", "related", "see also",
    "watch", "listen", "video", "file photo", "tags", "topics", "updated", "published", "share",
    "follow", "subscribe", "advertisement", "more", "recommended", "trending",
})


def is_page_label(label: str) -> bool:
    """Is ``label`` (the words before a colon) page furniture rather than a speaker?"""
    return " ".join(label.lower().strip(" []()*").split()) in PAGE_LABELS


def _colon_headlines(doc: Doc, in_quote: list[bool]) -> list[RawAttribution]:
    """``Graham: Trump's rhetoric destroying GOP's chance`` — a short line, a name, a colon."""
    out: list[RawAttribution] = []
    for ls, le in _lines(doc):
        if le - ls > _HEADLINE_MAX_TOKENS or in_quote[doc[ls].idx]:
            continue
        colon = next((k for k in range(ls + 1, min(le, ls + 7)) if doc[k].text == ":"), None)
        if colon is None or le - colon < 4:
            continue
        left = doc[ls:colon]
        if is_page_label(left.text):
            continue  # "Photo: …", "Source: …", "Read more: …" label the page, nobody speaks
        if not all(t.pos_ in _NAME_POS or t.text in ".-'’" for t in left) or not any(
                t.pos_ in ("PROPN", "NOUN") for t in left) or left.text.isupper():
            continue
        if doc[colon + 1].text in _OPEN_Q - {"‘", "'"}:
            continue  # a quoted headline belongs to the direct-quote finder
        content = ranges_to_chars(doc, [(colon + 1, le)])
        if content:
            out.append(RawAttribution(kind="indirect", content=content,
                                      cue=[_tok_chars(doc[colon], doc[colon])],
                                      source=[_tok_chars(doc[ls], doc[colon - 1])],
                                      rule="colon_headline"))
    return out


def _noun_attribution(doc: Doc, noun: Token) -> RawAttribution | None:
    """``his claim that …`` / ``the warning by officials that …``: a statement noun + clause."""
    comp = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if comp is None:
        return None
    content = ranges_to_chars(doc, [subtree_range(comp)])
    if not content:
        return None
    src: Token | None = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of") and c.i < comp.i:
                src = next((g for g in c.children if g.dep_ == "pobj"), None)
                break
    source: list[CharSpan] = []
    if src is not None:
        s, e = trim_span(doc, *subtree_range(src))
        if s < e:
            source = [_tok_chars(doc[s], doc[e - 1])]
    return RawAttribution(kind="indirect", content=content, cue=[_tok_chars(noun, noun)],
                          source=source, rule="noun")


def _that_clause_verb(tok: Token) -> bool:
    """A verb outside the lexicon with a subject and a ``that``-clause ("X hinted that …")."""
    if tok.pos_ != "VERB":
        return False
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if comp is None or not any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children):
        return False
    return any(c.dep_ == "nsubj" for c in tok.children)


def merge_adjacent(doc: Doc, spans: list[CharSpan]) -> list[CharSpan]:
    spans = sorted(spans)
    out: list[CharSpan] = []
    for s, e in spans:
        if out and not doc_text(doc)[out[-1][1]:s].strip():
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def prep_object(prep: Token) -> tuple[Token, tuple[int, int]] | None:
    """The object of a source-naming preposition (the "to" of "according to X") and X's
    trimmed token range, or None when the parse gives the preposition no object."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return pobj, trim_span(prep.doc, *subtree_range(pobj))


def _according_to(doc: Doc, ms: int, me: int) -> RawAttribution | None:
    """``according to X, CLAUSE`` / ``CLAUSE, according to X``."""
    found = prep_object(doc[me - 1])
    if found is None:
        return None
    pobj, src = found
    first = doc[ms]
    host = first.head if first.head.i != first.i else None
    sent = first.sent
    cut = (ms, max(me, pobj.right_edge.i + 1))
    # the parenthetical's commas go with it
    if host is None or host.i == first.i:
        rng = [(sent.start, sent.end)]
    else:
        # content is the whole host clause; climb to the sentence root when the cue hangs
        # off a noun ("the deal, according to X, …")
        while (host.pos_ not in ("VERB", "AUX") or host.dep_ in ("amod", "acl", "conj")) \
                and host.head.i != host.i:
            host = host.head
        rng = [subtree_range(host)]
    ranges: list[tuple[int, int]] = []
    for r in rng:
        ranges.extend(_minus(r, [cut]))
    content = ranges_to_chars(doc, ranges)
    if not content:
        return None
    return RawAttribution(
        kind="indirect",
        content=content,
        cue=[_tok_chars(doc[ms], doc[me - 1])],
        source=ranges_to_chars(doc, [src]),
        rule="according_to",
    )


def object_range(obj: Token) -> tuple[int, int]:
    """The object's subtree without a comma-set relative clause or apposition, plus a
    following "for …" ("endorsed Bush for president", "criticized voters for opposing …")."""
    doc = obj.doc
    s, e = subtree_range(obj)
    for c in obj.children:
        if c.dep_ in ("relcl", "appos") and c.i > obj.i and doc[c.left_edge.i - 1].text == ",":
            e = min(e, c.left_edge.i - 1)
    verb = obj.head
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for" and c.i >= e and c.i - e <= 1:
            e = c.right_edge.i + 1
    return s, e


def _phrase_attribution(doc: Doc, verb: Token, end: int) -> RawAttribution | None:
    """A verb-headed multiword cue: content is its clause, else the last preposition's object."""
    comp = next((c for c in verb.children if c.dep_ in _CLAUSE), None)
    last = doc[end - 1]
    if comp is not None:
        rng = subtree_range(comp)
    else:
        pobj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            tail = [c for c in verb.children if c.i >= end and c.dep_ in _OBJ | {"prep"}]
            if not tail:
                return None
            pobj = tail[0]
        rng = subtree_range(pobj)
        # "called on Snyder to resign": the infinitive belongs to what was called for
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp") and c.i >= rng[1]:
                rng = (rng[0], c.right_edge.i + 1)
    content = ranges_to_chars(doc, [rng])
    if not content:
        return None
    subj = source_of(verb)
    source = []
    if subj is not None:
        s, e = source_range(doc, subj)
        if s < e:
            source = [_tok_chars(doc[s], doc[e - 1])]
    return RawAttribution(kind="indirect", content=content, cue=[_tok_chars(verb, last)],
                          source=source, rule="phrase")


def _is_parenthetical(doc: Doc, verb: Token, lemma: str, subj: Token | None) -> bool:
    """``…, he warned, …`` / ``…, he said.``: a short subject+cue set off by a comma."""
    if verb.dep_ not in _PARENTHETICAL or lemma not in STRONG_LEMMAS or verb.head.i == verb.i:
        return False
    if verb.head.pos_ not in ("VERB", "AUX") or subj is None or subj.head.i != verb.i:
        return False
    s, e = subtree_range(verb)
    while s < e and doc[s].is_punct:
        s += 1
    if e - s > 8 or s == 0 or doc[s - 1].text != ",":
        return False
    # nothing but the subject, the cue and adverbs/particles ("he added later")
    return all(c.dep_ in ("nsubj", "advmod", "prt", "punct", "npadvmod", "neg")
               for c in verb.children)


def _verb_attribution(doc: Doc, verb: Token, lemma: str) -> RawAttribution | None:
    comp = next((c for c in verb.children if c.dep_ in _CLAUSE), None)
    ranges: list[tuple[int, int]] | None = None
    rule = ""
    subj = source_of(verb)
    if comp is not None:
        ranges = _clause_content(doc, verb, comp)
        rule = "ccomp"
    elif _is_parenthetical(doc, verb, lemma, subj):
        # "Such a mistake, he warned, would …" / "The plan fails, he said, and …"
        host = verb.head
        cut = subtree_range(verb)
        # swallow the commas around the parenthetical
        cs, ce = cut
        if cs > 0 and doc[cs - 1].text == ",":
            cs -= 1
        if ce < len(doc) and doc[ce].text == ",":
            ce += 1
        ranges = _host_content(doc, host, (cs, ce))
        rule = "parenthetical"
    else:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        obj = next((c for c in verb.children if c.dep_ in _OBJ
                    and c.lower_ not in _RECIPIENTS), None)
        if xcomp is not None and lemma in _RAISING and subj is not None and subj.head.i == verb.i:
            # "the politician seemed to be shrinking": nobody speaks; the subject is content
            ranges = [(subtree_range(subj)[0], subtree_range(xcomp)[1])]
            subj = None
            rule = "raising"
        elif xcomp is not None and lemma in XCOMP_CUES:
            ranges = [subtree_range(xcomp)]
            if obj is not None and obj.i < xcomp.i:  # "urged Congress to act"
                ranges = [(subtree_range(obj)[0], ranges[0][1])]
            rule = "xcomp"
        elif obj is not None and lemma in OBJECT_CUES and (
                obj.pos_ != "PRON" or any(c.dep_ == "oprd" for c in verb.children)):
            ranges = [object_range(obj)]
            # "called him divisive": the predicate belongs to the content
            for c in verb.children:
                if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > obj.i:
                    ranges = [(ranges[0][0], c.right_edge.i + 1)]
            rule = "object"
    if ranges is None:
        return None
    content = ranges_to_chars(doc, ranges)
    if not content:
        return None
    source: list[CharSpan] = []
    if subj is not None and not (subj.lower_ == "it" and subj.dep_ == "nsubjpass"):
        s, e = source_range(doc, subj)
        if s < e:
            source = [_tok_chars(doc[s], doc[e - 1])]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        rule = "passive" if rule == "ccomp" else rule
    return RawAttribution(
        kind="indirect",
        content=content,
        cue=merge_adjacent(doc, [_tok_chars(t, t) for t in cue_tokens(verb)]),
        source=source,
        rule=rule,
    )
