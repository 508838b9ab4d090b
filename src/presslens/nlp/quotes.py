"""The ``presslens_quotes`` spaCy component: every attribution of a Doc, and its scare quotes.

``find_quotes(doc)`` combines

* direct quotations (:mod:`presslens.nlp.quotes_direct`: mark pairing, interrupted and
  multi-paragraph quotes, cue and source next to the quotation; ``rule="direct"``);
* continuation: a quotation with no cue of its own right after an attribution of the previous
  line (or the same line) continues that speaker (same source, no cue; ``rule="continuation"``);
* indirect and mixed attributions from :func:`presslens.nlp.indirect.find_indirect`, which is
  given the direct quotations so it does not report them again; a quotation embedded in an
  indirect content makes that attribution ``"mixed"``;
* the learned filter (:mod:`presslens.nlp.attribution_model`, trained on PolNeAR train) then
  drops the indirect relations it rejects and adds relations of verbs outside the lexicon
  (``rule="model"``); ``use_model=False`` gives the rules alone;
* scare quotes: an embedded or cue-less quotation of at most ``SCARE_MAX_WORDS`` words that no
  attribution covers (``the “elimination” of Hamas``) goes to ``doc._.presslens_scare_quotes``;
* silences: every refusal of the text ("declined to comment", "could not be reached") goes
  to ``doc._.presslens_refusals`` (:mod:`presslens.nlp.refusals`); a relation whose cue
  reports one, or is negated ("did not say"), stays an attribution but is no statement
  (:func:`presslens.nlp.refusals.is_silent`, read by the speaker resolver);
* the headline's attribution ``Claim: Analyst`` (``rule="headline_colon"``, source = the
  trailing words, no cue, ``in_headline=True``);
* interviews laid out as questions and answers: each answer (``A: …``, ``Name: …``, an
  upper-case label) is a direct statement whose source is the label (``rule="qa_answer"``).
  Questions (``Q:``, ``Question:``, ``Interviewer:``) are the outlet's own words and are
  left out: attributing them to "Q" would create a voice nobody can resolve.

Output: ``doc._.presslens_attributions`` sorted by first content offset, with no two
attributions over the same content (the more specific rule wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .attribution_model import refine
from .cues import is_cue_token, is_strong_cue
from .extensions import register_extensions
from .headline_source import headline_source
from .indirect import (
    find_indirect,
    is_page_label,
    ranges_to_chars,
    verb_spans,
)
from .intervals import Regions, SpanGrid
from .quotes_direct import Quote, find_direct
from .refusals import find_refusals
from .types import CharSpan, RawAttribution, doc_text

__all__ = [
    "HEADLINE_KEY", "QUOTES_COMPONENT", "SCARE_MAX_WORDS", "RuleStages", "find_quotes",
    "headline_span", "register_extensions", "rule_stages",
]

QUOTES_COMPONENT = "presslens_quotes"
SCARE_MAX_WORDS = 4
# a short quotation is a cue's words only when the cue governs it closely ("called it "x"",
# "said the plan was "x"")
_GOVERN_HOPS = 2
_TRAILING_SUBJ_MAX = 7  # tokens of ", the senior analyst said."
_TRAILING_ADJUNCT_MAX = 5  # tokens of "… said late on Monday."
_HEADLINE_LINES = 3  # the headline is among the first lines (after a breadcrumb, say)
_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 30  # a longer first line is a paragraph, not a headline
# ``doc.user_data`` key of the headline's (start, end) when the caller knows it
HEADLINE_KEY = "presslens.headline"
# a speaker label at line start: 1-4 capitalised words (or "Q", "A"), optionally bold, a colon
_QA_LABEL = re.compile(
    r"[ \t\"“]*(?:\*\*)?((?:[A-Z][\w.'’\-]*)(?:[ \t]+[A-Z][\w.'’\-]*){0,3})(?:\*\*)?"
    r"[ \t]*:[ \t]+\S")
_QUESTION_LABELS = frozenset({"q", "q.", "question", "interviewer"})
_PRIORITY = {"qa_answer": 0, "direct": 1, "continuation": 2, "embedded_cue": 3,
             "headline_colon": 4, "trailing_cue": 9}


@Language.component(QUOTES_COMPONENT)
def quotes_component(doc: Doc) -> Doc:
    """spaCy component: set ``doc._.presslens_attributions`` and ``_.presslens_scare_quotes``."""
    register_extensions()
    atts, scare = find_quotes(doc)
    doc._.presslens_attributions = atts
    doc._.presslens_scare_quotes = scare
    doc._.presslens_refusals = find_refusals(doc, atts)
    return doc


def _span_words(text: str, s: int, e: int) -> int:
    return len(text[s:e].strip("\"“”«»„' ").split())


def _line_of(lines: list[tuple[int, int]], char: int) -> int:
    from bisect import bisect_right

    return bisect_right([ls for ls, _ in lines], char) - 1


def _inner(text: str, s: int, e: int) -> CharSpan:
    """The quotation's words: ``[s, e)`` without marks, spaces and edge punctuation."""
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def _governing_cue(doc: Doc, q: Quote) -> tuple[Token, Token, int] | None:
    """A cue verb outside ``q`` that the quotation's words hang from (``called it "a x"``),
    with its child on the way down and the number of hops."""
    s, e = _inner(doc_text(doc), q.start, q.end)
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = range(span.start, span.end)
    tok = next((t for t in span if t.head.i not in inside or t.head.i == t.i), span.root)
    for hops in range(1, 5):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if tok.i not in inside and is_cue_token(tok):
            return tok, child, hops
    return None


def _host(inner: CharSpan, hosts: SpanGrid[RawAttribution]) -> RawAttribution | None:
    """The first attribution (in grid order) whose content holds all of ``inner``."""
    s, e = inner
    # widened by one character each side: an empty ``inner`` at a span's end still meets it
    for att in hosts.near([(max(0, s - 1), e + 1)]):
        if any(cs <= s and e <= ce for cs, ce in att.content):
            return att
    return None


def _headline_colon(doc: Doc, lines: list[tuple[int, int]]) -> list[RawAttribution]:
    """``Hamas' stance … leave Netanyahu in dilemma: Analyst`` — claim, colon, 1-4 words.

    Only the colon form of :func:`headline_source`: ``…, says minister`` is the cue rules'
    (find_indirect), and ``… - X`` is too often the site's name after a pasted title."""
    text = doc_text(doc)
    for ls, le in lines[:_HEADLINE_LINES]:
        if le - ls > _HEADLINE_MAX_CHARS:
            continue
        found = headline_source(text[ls:le])
        if found is None or found.form != "colon":
            continue
        (cs, ce), (ts, te) = found.claim, found.source
        return [RawAttribution(kind="indirect", content=[(ls + cs, ls + ce)], cue=[],
                               source=[(ls + ts, ls + te)], rule="headline_colon",
                               in_headline=True)]
    return []


def headline_span(doc: Doc, lines: list[tuple[int, int]]) -> CharSpan | None:
    """The headline's character span: the one the caller knows
    (``doc.user_data[HEADLINE_KEY]``, set from the article's headline block), else the first
    line of at least 4 words when it is headline-like — at most ``_HEADLINE_MAX_WORDS`` words
    and followed by another line. A text that is one paragraph has no headline: its first
    sentence is body text, not a headline."""
    known = doc.user_data.get(HEADLINE_KEY)
    if known is not None:
        s, e = known
        return (int(s), int(e)) if s < e else None
    text = doc_text(doc)
    for k, (ls, le) in enumerate(lines):
        n = len(text[ls:le].split())
        if n < 4:
            continue
        later = any(text[s2:e2].strip() for s2, e2 in lines[k + 1:])
        return (ls, le) if n <= _HEADLINE_MAX_WORDS and later else None
    return None


def _qa_answers(doc: Doc, lines: list[tuple[int, int]]) -> list[RawAttribution]:
    """Interview layout: label lines ``Q: …`` / ``Name: …``; each answer is a statement."""
    text = doc_text(doc)
    labelled: list[tuple[int, str, int, int, int]] = []  # line, label, label start/end, colon
    for li, (ls, le) in enumerate(lines):
        if li == 0:
            continue  # "Name: claim" as a headline is not an interview turn
        m = _QA_LABEL.match(text, ls, le)
        if m is None or is_page_label(m.group(1)):
            continue
        labelled.append((li, m.group(1), ls + m.start(1) - ls, m.end(1),
                         text.index(":", m.end(1))))
    if len(labelled) < 3:
        return []
    names = [lab.lower() for _, lab, *_ in labelled]
    questions = sum(n in _QUESTION_LABELS for n in names)
    repeated = [n for n in set(names) if names.count(n) >= 2]
    if not ((questions and len(labelled) - questions >= 1) or len(repeated) >= 2):
        return []
    out: list[RawAttribution] = []
    for k, (li, label, s, e, colon) in enumerate(labelled):
        if label.lower() in _QUESTION_LABELS:
            continue
        stop = labelled[k + 1][0] if k + 1 < len(labelled) else len(lines)
        content: list[CharSpan] = []
        first = colon + 1
        while first < lines[li][1] and text[first].isspace():
            first += 1
        content.append((first, lines[li][1]))
        for lj in range(li + 1, stop):
            content.append(lines[lj])
        out.append(RawAttribution(kind="direct", content=content, cue=[(colon, colon + 1)],
                                  source=[(s, e)], rule="qa_answer"))
    return out


def _trailing_cues(doc: Doc) -> list[RawAttribution]:
    """``CLAUSE, Moghaddam elaborated.`` when the parse hangs the clause's pieces on the cue:
    a sentence ending in ``, SUBJECT STRONG-CUE-VERB [ADJUNCT].`` (the clause before is the
    content; the adjunct is a few words the cue governs: "on Monday", "in a statement")."""
    out: list[RawAttribution] = []
    for sent in doc.sents:
        end = sent.end - 1
        while end > sent.start and doc[end].is_space:
            end -= 1
        k = end
        while k > sent.start and (doc[k].is_punct or doc[k].is_space):
            k -= 1
        # the cue may carry a short adjunct after it (", X said on Monday.", "… in a
        # statement."): words it governs, none of them a verb
        for k2 in range(k, max(sent.start, k - _TRAILING_ADJUNCT_MAX) - 1, -1):
            if is_strong_cue(doc[k2]):
                if all(doc[k2].is_ancestor(t) and t.pos_ not in ("VERB", "AUX")
                       for t in doc[k2 + 1:k + 1]):
                    k = k2
                break
        verb = doc[k]
        if k == sent.start or not is_strong_cue(verb) or doc[end].text not in (".", "!"):
            continue
        j = k - 1
        while j > sent.start and doc[j].text != "," and k - j <= _TRAILING_SUBJ_MAX:
            j -= 1
        if doc[j].text != "," or j - sent.start < 4 or not any(
                t.dep_ in ("nsubj", "nsubjpass") for t in doc[j + 1:k]):
            continue
        content = ranges_to_chars(doc, [(sent.start, j)])
        cue, _ = verb_spans(doc, verb)
        ss = j + 1
        source = [(doc[ss].idx, doc[k - 1].idx + len(doc[k - 1].text))] if ss < k else []
        if content:
            out.append(RawAttribution(kind="indirect", content=content, cue=cue, source=source,
                                      rule="trailing_cue"))
    return out


def _overlap(a: RawAttribution, b: RawAttribution) -> float:
    """Shared content characters as a fraction of the smaller content."""
    inter = 0
    for s1, e1 in a.content:
        for s2, e2 in b.content:
            inter += max(0, min(e1, e2) - max(s1, s2))
    la = sum(e - s for s, e in a.content)
    lb = sum(e - s for s, e in b.content)
    small = min(la, lb)
    return inter / small if small else 0.0


def _dedupe(atts: list[RawAttribution]) -> list[RawAttribution]:
    """Drop an attribution whose content mostly repeats a higher-priority one's."""
    ranked = sorted(atts, key=lambda a: (_PRIORITY.get(a.rule, 9), a.content[0][0]))
    kept: list[RawAttribution] = []
    # only a kept attribution sharing a character can overlap: the grid's candidates (a
    # superset of those) replace the pass over every kept one (quadratic on long pages)
    grid: SpanGrid[RawAttribution] = SpanGrid()
    for att in ranked:
        if any(_overlap(att, k) > 0.5 for k in grid.near(att.content)):
            continue
        kept.append(att)
        grid.add(att.content, att)
    kept.sort(key=lambda a: (a.content[0][0], a.content[0][1]))
    return kept


@dataclass
class RuleStages:
    """What the rule finders see before the learned filter (shared with its training)."""

    direct: list[RawAttribution]
    cueless: list[list[Quote]]
    embedded: list[Quote]
    lines: list[tuple[int, int]]
    qa: list[RawAttribution]
    blocked: list[RawAttribution]  # direct, cue-less and interview contents
    indirect: list[RawAttribution]  # find_indirect's relations, unfiltered


def rule_stages(doc: Doc) -> RuleStages:
    """Direct quotations, interview answers and the indirect rules' relations of ``doc``."""
    direct, cueless, embedded, lines = find_direct(doc)
    qa = _qa_answers(doc, lines)
    # cue-less quotations are still quotations: find_indirect must not re-read them
    placeholders = [RawAttribution(kind="direct", content=[(q.start, q.end) for q in g])
                    for g in cueless]
    blocked = [*direct, *placeholders, *qa]
    return RuleStages(direct, cueless, embedded, lines, qa, blocked,
                      find_indirect(doc, direct=blocked))


def find_quotes(
    doc: Doc, *, merge_continuations: bool = False, use_model: bool = True
) -> tuple[list[RawAttribution], list[CharSpan]]:
    """All attributions of ``doc`` (text order) and its scare quotes (see module docstring)."""
    text = doc_text(doc)
    st = rule_stages(doc)
    direct, cueless, embedded, lines, qa = st.direct, st.cueless, st.embedded, st.lines, st.qa
    headline = _headline_colon(doc, lines)
    # the learned filter drops rule relations it rejects and adds open-verb ones it trusts
    indirect = refine(doc, st.indirect, blocked=st.blocked) if use_model else st.indirect
    scare: list[CharSpan] = []

    # quotations inside running text: part of a mixed attribution, a cue's object, or scare
    extra: list[RawAttribution] = []
    # contents indexed once, not scanned per embedded quotation (quadratic on long pages);
    # none of them changes in this loop (only an indirect host's kind does)
    direct_contents = Regions(c for a in direct for c in a.content)
    hosts: SpanGrid[RawAttribution] = SpanGrid()
    for a in indirect:
        hosts.add(a.content, a)
    for q in embedded:
        inner = _inner(text, q.start, q.end)
        if direct_contents.covers(*inner):
            continue  # a quotation nested in a direct one
        gov = _governing_cue(doc, q)
        if q.words(text) <= SCARE_MAX_WORDS and (gov is None or gov[2] > _GOVERN_HOPS):
            scare.append((q.start, q.end))  # the "elimination" of Hamas: nobody says it
            continue
        host = _host(inner, hosts)
        if host is not None:
            host.kind = "mixed"
        elif gov is not None and (q.words(text) > SCARE_MAX_WORDS or gov[2] == 1
                                  or gov[1].dep_ in ("dobj", "attr", "oprd")):
            verb, child, _ = gov
            cue, source = verb_spans(doc, verb)
            # the content is the cue's whole complement, not only its quoted part; a quoted
            # predicate takes its object along ("called it "a disgrace"")
            first = min([child.left_edge.i] + [c.left_edge.i for c in verb.children
                                               if c.dep_ in ("dobj", "dative") and
                                               verb.i < c.i < child.i])
            content = ranges_to_chars(doc, [(first, child.right_edge.i + 1)])
            if child.i < verb.i or not content:
                content = [(q.start, q.end)]
            content = [(min(content[0][0], q.start), max(content[-1][1], q.end))]
            extra.append(RawAttribution(kind="mixed", content=content, cue=cue,
                                        source=source, rule="embedded_cue"))

    # cue-less quotations: continue the speaker of the attribution just before them
    known = sorted([*direct, *indirect, *extra], key=lambda a: a.content[0][0])
    for group in cueless:
        lead = group[0]
        prev = None
        for a in known:
            if a.content[-1][1] > lead.start:
                break
            prev = a
        prev_line = _line_of(lines, prev.content[-1][1] - 1) if prev is not None else -2
        near = prev_line >= lead.line - 1
        if prev is not None and prev_line == lead.line and prev.kind != "indirect":
            # '"A," said X. "B."' in one paragraph: one attribution (PolNeAR)
            prev.content.extend((q.start, q.end) for q in group)
        elif prev is not None and near and merge_continuations and prev.kind == "direct":
            prev.content.extend((q.start, q.end) for q in group)
        elif prev is not None and near and prev.source and (
                lead.at_line_start or sum(q.words(text) for q in group) > SCARE_MAX_WORDS):
            # a short quoted phrase inside the outlet's own sentence ("the “lines”") is no
            # continuation of the previous speaker
            extra.append(RawAttribution(kind="direct", content=[(q.start, q.end) for q in group],
                                        cue=[], source=list(prev.source), rule="continuation"))
        elif len(group) == 1 and lead.words(text) <= SCARE_MAX_WORDS:
            scare.append((lead.start, lead.end))

    # the trailing-cue fallback only where find_indirect found no relation of that cue; the
    # relations nested in its content are not annotated (PolNeAR)
    cue_starts = {c[0] for a in indirect for c in a.cue}
    # the relations are dropped in one pass after the loop (not once per trailing cue: that
    # was quadratic on long pages); cue_starts is fixed, so the result is the same
    cut: list[CharSpan] = []
    for t in _trailing_cues(doc):
        if t.cue[0][0] in cue_starts:
            continue
        cut.append((t.content[0][0], t.content[-1][1]))
        extra.append(t)
    if cut:
        regions = Regions(cut)
        indirect = [a for a in indirect if not (a.cue and regions.contains(a.cue[0][0]))]
    atts = _dedupe([*qa, *direct, *extra, *headline, *indirect])
    head = headline_span(doc, lines)
    if head is not None:
        hs, he = head
        for a in atts:
            if hs <= a.content[0][0] < he:
                a.in_headline = True
    scare.sort()
    return atts, scare
