"""Direct quotations: quote-mark pairing over ``doc.text`` and cue/source finding around them.

Owns two steps of the ``presslens_quotes`` component:

* :func:`scan_quotes` — one regex pass over the text finds the double quote marks
  (``" “ ” « » „``, and two apostrophes ``''`` as in PTB-style wire text); each line
  (paragraph) is paired on its own. A mark's role (opening or closing) comes from its
  context (space before and a word after opens; a word before and space/punctuation after
  closes), the glyph decides only when the context does not, so ``“…"`` and ``"…”`` pair,
  and a quote left open at the end of a line runs to the line end (the newspaper convention
  for a quotation running over several paragraphs). A single apostrophe is never paired:
  it is an apostrophe far more often than a quote mark (``it's``).
* :func:`find_direct` — groups the quotes of a line into attributions (``"A," he said, "B."``
  is one attribution with two content fragments, as PolNeAR annotates it), joins
  multi-paragraph quotations, and finds each group's cue verb in the clause right after or
  right before the quotation (``"…," the analyst said`` / ``He said: "…"``), its source being
  the cue's subject; a source-naming preposition right after the quotation or leading into it
  (``"…," according to X`` / ``According to X, "…"``) is the cue too, X being the source.
  Quotes embedded in running text (``the plan was "a disgrace"``) are
  returned separately: they are part of an indirect (mixed) attribution or scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.symbols import IDX
from spacy.tokens import Doc, Token

from .cues import is_cue_token, is_strong_cue
from .indirect import (
    SOURCE_PREP_CUES,
    cue_tokens,
    merge_adjacent,
    prep_object,
    source_of,
    source_range,
)
from .types import CharSpan, RawAttribution, doc_text

__all__ = ["Quote", "find_direct", "scan_quotes"]

# two apostrophes are a double quote mark in PTB-style wire text (''Yes,'' she said)
_MARK_RE = re.compile("''|[\"“”«»„]")
_LINE_RE = re.compile(r"[^\n]+")
_OPENERS = frozenset("“«„")
_MARK_TOKENS = frozenset({'"', "“", "”", "«", "»", "„", "(", "''", "``"})
_CLOSERS = frozenset("”»")
_OPEN_BEFORE = frozenset("([{—–-/'‘\"“”«»„")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…'’\"“”«»„")
_MAX_DEPTH = 3
_TERMINAL = frozenset({".", "!", "?", "…"})
# the quotation itself ends so that its sentence goes on: '"…," he said' / '"…?" she asked'
_CONTINUING_END = frozenset(",?!—–-…:;")
_LEAD_IN_END = frozenset({":", ",", "—", "–", "-"})
_AFTER_CUE_WINDOW = 25  # tokens after a quotation in which its cue must start
_CLAUSE_MAX = 40
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_BYLINE_MAX = 6
_SHORT_WORDS = 4  # a quotation this short right after a verb is part of the verb's clause


@dataclass
class Quote:
    """One quotation: ``start``/``end`` cover the marks (end exclusive); ``closed`` is False when
    the line ended before a closing mark."""

    start: int
    end: int
    line: int  # index into the line list of :func:`scan_quotes`
    closed: bool = True
    embedded: bool = False  # starts inside running text ("was a "disgrace"")
    at_line_start: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].strip("\"“”«»„' ").split())


@dataclass
class _Group:
    quotes: list[Quote] = field(default_factory=list)
    cue: Token | None = None
    open_end: bool = False  # the last quote ran to its line end unclosed


def lines_of(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines of ``text``."""
    return [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group(0).strip()]


def _role(text: str, i: int, j: int, ls: int, le: int) -> int:
    """+1 opening, -1 closing, 0 undecided, for the mark ``[i, j)`` in line ``[ls, le)``."""
    before = text[i - 1] if i > ls else " "
    after = text[j] if j < le else " "
    open_ctx = before.isspace() or before in _OPEN_BEFORE
    close_ctx = after.isspace() or after in _CLOSE_AFTER
    if open_ctx and not close_ctx:
        return 1
    if close_ctx and not open_ctx:
        return -1
    ch = text[i]
    if ch in _OPENERS:
        return 1
    if ch in _CLOSERS:
        return -1
    return 0


def scan_quotes(text: str) -> tuple[list[Quote], list[tuple[int, int]]]:
    """Outermost quotations of ``text`` in order, and the line ranges they index."""
    lines = lines_of(text)
    out: list[Quote] = []
    for li, (ls, le) in enumerate(lines):
        stack: list[int] = []
        inner: list[Quote] = []  # quotes closed inside a still-open one
        for m in _MARK_RE.finditer(text, ls, le):
            i, j = m.start(), m.end()
            role = _role(text, i, j, ls, le)
            if role == 0:
                role = -1 if stack else 1
            if role > 0:
                if stack and text[stack[0]] == text[i] and len(stack) == 1 and text[i] != "«":
                    # the same glyph again at depth 1: the earlier one was never closed
                    # (typography nests the other kind of mark), so start afresh
                    stack = [i]
                    inner = []
                elif len(stack) < _MAX_DEPTH:
                    stack.append(i)
            elif stack:
                s = stack.pop()
                if not stack:
                    out.append(Quote(s, j, li))
                    inner = []
                elif len(stack) == 1:
                    inner.append(Quote(s, j, li))
            # a closing mark with nothing open is a stray mark: ignored
        if stack:
            nxt = text[lines[li + 1][0]:lines[li + 1][1]].lstrip()[:1] if li + 1 < len(lines) \
                else ""
            if inner and not (nxt and _MARK_RE.match(nxt)):
                # a stray opening mark before complete quotations: keep those
                out.extend(inner)
                continue
            s = stack[0]
            e = le
            while e > s and text[e - 1].isspace():
                e -= 1
            out.append(Quote(s, e, li, closed=False))
    # drop quotes with no word inside (a lone mark, '""')
    kept = [q for q in out if any(c.isalnum() for c in text[q.start:q.end])]
    for q in kept:
        ls = lines[q.line][0]
        q.at_line_start = not text[ls:q.start].strip()
    return kept, lines


class _TokenIndex:
    """Character offset -> token index, and "inside a quotation" per token."""

    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist()  # no Token object per word
        self.quoted = bytearray(len(doc))
        for q in quotes:
            a, b = self.first_at(q.start), self.first_at(q.end)
            self.quoted[a:b] = b"\x01" * (b - a)

    def first_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        from bisect import bisect_left

        return bisect_left(self.starts, char)

    def words(self, start_char: int, end_char: int) -> list[Token]:
        """Non-space tokens outside quotations within ``[start_char, end_char)``."""
        a, b = self.first_at(start_char), self.first_at(end_char)
        return [self.doc[k] for k in range(a, b)
                if not self.quoted[k] and not self.doc[k].is_space]


def _mark_embedded(text: str, quotes: list[Quote], idx: _TokenIndex) -> None:
    """A quote is embedded when running text leads into it: ``was a "x"``, ``said that, in
    2015, "…"``, or a short phrase right after a verb (``to speak "directly to voters"``)."""
    doc = idx.doc
    for q in quotes:
        if q.at_line_start:
            continue
        k = idx.first_at(q.start) - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k < 0:
            continue
        prev = doc[k]
        if prev.text in _TERMINAL or prev.text in _MARK_TOKENS:
            continue
        if prev.text in _LEAD_IN_END:
            # "He said on Tuesday that, under Obama, "…"": the quote sits in a that-clause
            lo = k
            while lo > 0 and doc[lo - 1].text not in _TERMINAL and "\n" not in doc[lo - 1].text \
                    and k - lo < _CLAUSE_MAX:
                lo -= 1
            q.embedded = any(t.dep_ == "mark" and t.lower_ in ("that", "whether")
                             for t in doc[lo:k])
            continue
        # 'He said "…"' (a speech verb of its own clause); 'said the study showed "…"' is
        # a quotation inside indirect speech
        nested = prev.dep_ in ("ccomp", "xcomp") and is_cue_token(prev.head)
        q.embedded = not (is_strong_cue(prev) and not nested and q.words(text) > _SHORT_WORDS)


def _last_inner_char(text: str, q: Quote) -> str:
    e = q.end - 1 if q.closed else q.end
    while e > q.start and (text[e - 1].isspace() or text[e - 1] in "\"“”«»'’"):
        e -= 1
    return text[e - 1] if e > q.start else ""


def _prep_cue_last(tok: Token) -> Token | None:
    """Last word of a source-naming preposition starting at ``tok`` (``according to``, ``in the
    words of``), or None: the preposition's object is the source, as in
    :func:`presslens.nlp.indirect.find_indirect`'s ``according_to`` rule."""
    doc = tok.doc
    for phrase in SOURCE_PREP_CUES:
        k, last = tok.i, None
        for word in phrase:
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k >= len(doc) or doc[k].lower_ != word:
                break
            last, k = doc[k], k + 1
        else:
            return last
    return None


def _after_cue(text: str, q: Quote, limit: int, idx: _TokenIndex) -> Token | None:
    """Cue verb of the clause right after ``q`` (``"…," the analyst said, …``), or the first
    word of a source-naming preposition right after it (``"…," according to X``)."""
    toks = idx.words(q.end, limit)
    if not toks:
        return None
    if toks[0].text in _DASHES and len(toks) > 1 and _is_byline(toks[1:]):
        return toks[0]  # '"…" ― Jorge Falcon': a signature line
    first_word = next((t for t in toks if t.is_alpha), None)
    continuing = _last_inner_char(text, q) in _CONTINUING_END
    if not continuing and not (first_word is not None and first_word.text[:1].islower()):
        return None
    if first_word is toks[0] and _prep_cue_last(toks[0]) is not None:
        return toks[0]
    for n, t in enumerate(toks[:_CLAUSE_MAX]):
        if t.text in _TERMINAL:
            return None
        if n < _AFTER_CUE_WINDOW and is_cue_token(t):
            return t
    return None


def _is_byline(toks: list[Token]) -> bool:
    """A short name (a proper noun, up to ``_BYLINE_MAX`` words) ending its line."""
    words = [t for t in toks if not t.is_punct]
    if not words or len(words) > _BYLINE_MAX or any(t.text in _TERMINAL for t in toks[:-1]):
        return False
    return words[0].text[:1].isupper() and any(t.pos_ == "PROPN" for t in words)


def _before_cue(text: str, q: Quote, lo: int, idx: _TokenIndex) -> Token | None:
    """Cue verb of the lead-in clause right before ``q`` (``He said: "…"``)."""
    toks = idx.words(lo, q.start)
    # the lead-in clause starts after the last sentence end
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in _TERMINAL:
            toks = toks[k + 1:]
            break
    toks = toks[-_CLAUSE_MAX:]
    if not toks:
        return None
    last = toks[-1]
    if not (last.text in _LEAD_IN_END or is_cue_token(last)):
        return None
    for t in reversed(toks):
        if is_cue_token(t):
            return t
    # no verb: "According to X, "…"" (the preposition's object is the source)
    for t in reversed(toks):
        if _prep_cue_last(t) is not None:
            return t
    return None


def _line_lead_in(doc: Doc, idx: _TokenIndex, line: tuple[int, int]) -> Token | None:
    """A line ending with a colon after a cue introduces the next line's quotation
    (``Caddell continued:`` then the quotation as its own paragraph)."""
    ls, le = line
    toks = idx.words(ls, le)
    if not toks or toks[-1].text != ":" or len(toks) > _CLAUSE_MAX:
        return None
    for t in reversed(toks):
        if is_cue_token(t):
            return t
    return None


def _same(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.i == b.i


def _to_attribution(doc: Doc, g: _Group, rule: str) -> RawAttribution:
    content: list[CharSpan] = [(q.start, q.end) for q in g.quotes]
    cue: list[CharSpan] = []
    source: list[CharSpan] = []
    if g.cue is not None and g.cue.text in _DASHES:
        cue = [(g.cue.idx, g.cue.idx + len(g.cue.text))]
        line_end = doc_text(doc).find("\n", g.cue.idx)
        line_end = len(doc_text(doc)) if line_end < 0 else line_end
        name = doc_text(doc)[g.cue.idx + len(g.cue.text):line_end]
        s = g.cue.idx + len(g.cue.text) + (len(name) - len(name.lstrip()))
        e = g.cue.idx + len(g.cue.text) + len(name.rstrip().rstrip("."))
        source = [(s, e)] if s < e else []
    elif g.cue is not None and (last := _prep_cue_last(g.cue)) is not None:
        cue = [(g.cue.idx, last.idx + len(last.text))]
        found = prep_object(last)
        if found is not None:
            s, e = found[1]
            if s < e:
                source = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))]
    elif g.cue is not None:
        cue = merge_adjacent(doc, [(t.idx, t.idx + len(t.text)) for t in cue_tokens(g.cue)])
        subj = source_of(g.cue)
        if subj is not None:
            s, e = source_range(doc, subj)
            if s < e:
                source = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))]
    return RawAttribution(kind="direct", content=content, cue=cue, source=source, rule=rule)


def find_direct(
    doc: Doc,
) -> tuple[list[RawAttribution], list[list[Quote]], list[Quote], list[tuple[int, int]]]:
    """Direct attributions, the cue-less quote groups, the embedded quotes, the lines.

    Cue-less quotes are left to the caller (continuation of the previous speaker, or scare
    quotes); each returned attribution lists its quotations' spans as content.
    """
    text = doc_text(doc)
    quotes, lines = scan_quotes(text)
    if not quotes:
        return [], [], [], lines
    idx = _TokenIndex(doc, quotes)
    _mark_embedded(text, quotes, idx)
    free = [q for q in quotes if not q.embedded]
    embedded = [q for q in quotes if q.embedded]

    groups: list[_Group] = []
    pending: _Group | None = None  # an unclosed quotation that may go on in the next line
    by_line: dict[int, list[Quote]] = {}
    for q in free:
        by_line.setdefault(q.line, []).append(q)
    for li in sorted(by_line):
        qs = by_line[li]
        ls, le = lines[li]
        if pending is not None and not (qs[0].at_line_start and pending.quotes[-1].line == li - 1):
            pending = None
        current: _Group | None = None
        prev_end = ls
        for n, q in enumerate(qs):
            limit = qs[n + 1].start if n + 1 < len(qs) else le
            after = _after_cue(text, q, limit, idx)
            before = _before_cue(text, q, prev_end, idx)
            if before is None and n == 0 and q.at_line_start and li > 0 and pending is None:
                before = _line_lead_in(doc, idx, lines[li - 1])
            own = before if before is not None else after
            if n == 0 and pending is not None:
                current = pending
                current.quotes.append(q)
                if current.cue is None:
                    current.cue = own
            elif current is not None and (own is None or _same(own, current.cue)):
                current.quotes.append(q)  # '"A," he said, "B."': one attribution
                if current.cue is None:
                    current.cue = after
            else:
                current = _Group(quotes=[q], cue=own)
                groups.append(current)
            prev_end = q.end
        pending = current if (current is not None and not qs[-1].closed) else None

    atts: list[RawAttribution] = []
    cueless: list[list[Quote]] = []
    for g in groups:
        if g.cue is None:
            cueless.append(g.quotes)
        else:
            atts.append(_to_attribution(doc, g, "direct"))
    return atts, cueless, embedded, lines
