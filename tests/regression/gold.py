"""The real-page regression set's gold: loading it, and checking it against its pages.

``pages/`` holds plain-text and HTML pages written for the project (modelled on the shapes of
real pages, never copied from them); ``gold/`` one JSON file per page with the hand-made answer
(format in ``README.md``). :func:`check_gold` and :func:`check_set` find broken gold (a quote
that is not in its page, a speaker never named, uneven sides) so that it fails a test instead of
silently scoring the code against a wrong answer.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
GOLD = HERE / "gold"

KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organisation", "state", "anonymous")
ARTICLE_TYPES = ("report", "interview", "qa", "press_release", "editorial", "opinion",
                 "analysis", "review")
PROVENANCE_FIELDS = ("headline", "authors", "date", "outlet", "agency", "article_type")
UNEXPECTED_WHY = ("proper_name", "legal_term", "neutral_term")
NOT_STATEMENT_WHY = ("action", "related_link", "caption", "credit", "mention", "question")

Span = tuple[int, int]

# one character for one character, so offsets survive normalisation
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2032": "'", "\u00ab": '"', "\u00bb": '"', "\u2013": "-",
                         "\u2014": "-", "\u00a0": " "})


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldPage:
    """One page of the set and its gold answer (the parsed JSON)."""

    name: str
    path: Path
    gold: dict[str, Any]

    @property
    def kind(self) -> str:
        return "html" if self.path.suffix in (".html", ".htm") else "text"

    @property
    def raw(self) -> str:
        return self.path.read_text(encoding="utf-8")


def load_gold(gold_dir: Path = GOLD, pages_dir: Path = PAGES) -> list[GoldPage]:
    """Every gold file with its page, in name order."""
    out = []
    for g in sorted(gold_dir.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        out.append(GoldPage(name=g.stem, path=pages_dir / gold["page"], gold=gold))
    return out


class _Visible(HTMLParser):
    """The visible text of an HTML page, one line per block element (for the gold check)."""

    _BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "br",
                         "tr", "td", "th", "section", "article", "header", "footer", "nav",
                         "figcaption", "figure", "blockquote", "ul", "ol", "main", "aside",
                         "dd", "dt", "time", "span"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS and tag != "span":
            self.parts.append("\n")
        if tag == "meta":
            content = dict(attrs).get("content")
            if content:
                self.parts.append("\n" + content + "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS and tag != "span":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(page: GoldPage) -> str:
    """The page as a reader sees it: the text itself, or the visible text of the HTML
    (plus ``<meta content>`` values, where provenance may legitimately come from)."""
    if page.kind == "text":
        return page.raw
    parser = _Visible()
    parser.feed(page.raw)
    return "".join(parser.parts)


def normalise(text: str) -> str:
    """Typographic quotes, dashes and no-break spaces folded, same length as ``text``."""
    return text.translate(_QUOTES)


def locate(needle: str, haystack: str) -> list[Span]:
    """Every place ``needle`` occurs in ``haystack`` (whitespace runs and quote styles may
    differ); spans index the original ``haystack``."""
    words = [re.escape(w) for w in normalise(needle).split()]
    if not words:
        return []
    pattern = re.compile(r"\s+".join(words))
    return [(m.start(), m.end()) for m in pattern.finditer(normalise(haystack))]


def _gold_texts(gold: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(where, text) for every text the gold says occurs in the page."""
    for i, s in enumerate(gold.get("statements", [])):
        yield f"statements[{i}]", s["content"]
    for key in ("no_comment", "not_statements", "expected_findings", "unexpected_findings"):
        for i, item in enumerate(gold.get(key, [])):
            yield f"{key}[{i}]", item["text"]


def _named(name: str, text: str) -> bool:
    low = normalise(text).lower()
    name = normalise(name).lower()
    return name in low or name.split()[-1] in low


def overlap(span: Span, others: Sequence[Span]) -> int:
    """Characters of ``span`` covered by ``others``."""
    return sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in others)


def check_gold(page: GoldPage) -> list[str]:
    """Problems with one page's gold (empty when it is consistent with its page)."""
    problems: list[str] = []
    gold = page.gold
    if not page.path.is_file():
        return [f"{page.name}: page {gold.get('page')} missing"]
    text = page_text(page)
    spans: dict[str, list[Span]] = {}
    repeatable = {f"unexpected_findings[{i}]" for i in range(len(gold.get(
        "unexpected_findings", [])))} | {f"statements[{i}]" for i, s in enumerate(
            gold.get("statements", [])) if s.get("in_headline")}
    for where, needle in _gold_texts(gold):
        found = locate(needle, text)
        # a name may recur, so may a headline (every occurrence is scored); the rest is unique
        if len(found) != 1 and not (found and where in repeatable):
            problems.append(f"{page.name} {where}: {needle!r} occurs {len(found)} times")
        else:
            spans[where] = found
    prov = gold.get("provenance", {})
    for key in PROVENANCE_FIELDS:
        if key not in prov:
            problems.append(f"{page.name}: provenance.{key} missing")
    if prov.get("article_type") not in ARTICLE_TYPES:
        problems.append(f"{page.name}: article_type {prov.get('article_type')!r}")
    if prov.get("headline") and not locate(prov["headline"], text):
        problems.append(f"{page.name}: headline not in page")
    for author in prov.get("authors", []):
        if not _named(author, text):
            problems.append(f"{page.name}: author {author!r} not in page")
    if prov.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", prov["date"]):
        problems.append(f"{page.name}: date {prov['date']!r} is not YYYY-MM-DD")
    for i, s in enumerate(gold.get("statements", [])):
        if s.get("kind") not in KINDS:
            problems.append(f"{page.name} statements[{i}]: kind {s.get('kind')!r}")
        if s.get("speaker_type") not in SPEAKER_TYPES:
            problems.append(f"{page.name} statements[{i}]: speaker_type {s.get('speaker_type')!r}")
        names = [s["speaker"], *s.get("aliases", [])]
        if not any(_named(n, text) for n in names):
            problems.append(f"{page.name} statements[{i}]: speaker {s['speaker']!r} not named")
    for i, n in enumerate(gold.get("no_comment", [])):
        if not any(_named(a, text) for a in [n["actor"], *n.get("aliases", [])]):
            problems.append(f"{page.name} no_comment[{i}]: actor {n['actor']!r} not named")
    for i, u in enumerate(gold.get("unexpected_findings", [])):
        if u.get("why") not in UNEXPECTED_WHY:
            problems.append(f"{page.name} unexpected_findings[{i}]: why {u.get('why')!r}")
    for i, u in enumerate(gold.get("not_statements", [])):
        if u.get("why") not in NOT_STATEMENT_WHY:
            problems.append(f"{page.name} not_statements[{i}]: why {u.get('why')!r}")
    for i, e in enumerate(gold.get("expected_findings", [])):
        if bool(e.get("conflict")) != bool(e.get("side")):
            problems.append(f"{page.name} expected_findings[{i}]: conflict and side go together")
    # gold statements never overlap each other, traps never overlap statements
    stmt = [v[0] for k, v in spans.items() if k.startswith("statements")]
    for a in range(len(stmt)):
        for b in range(a + 1, len(stmt)):
            if overlap(stmt[a], [stmt[b]]):
                problems.append(f"{page.name}: statements overlap at {stmt[a]} / {stmt[b]}")
    for k, v in spans.items():
        if k.startswith("not_statements") and any(overlap(v[0], [s]) for s in stmt):
            problems.append(f"{page.name} {k}: a trap inside a gold statement")
    return problems


def check_set(pages: Sequence[GoldPage], pages_dir: Path = PAGES) -> list[str]:
    """Problems with the set as a whole: pages without gold, and uneven sides (every conflict
    has exactly two sides with the same number of expected contested terms)."""
    problems: list[str] = []
    with_gold = {p.path.name for p in pages}
    for f in sorted(pages_dir.iterdir()):
        if f.name not in with_gold:
            problems.append(f"page {f.name} has no gold")
    sides: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in pages:
        for e in p.gold.get("expected_findings", []):
            if e.get("conflict"):
                sides[e["conflict"]][e["side"]] += 1
    for conflict, by in sorted(sides.items()):
        if len(by) != 2 or len(set(by.values())) != 1:
            problems.append(f"conflict {conflict}: uneven sides {dict(by)}")
    return problems


