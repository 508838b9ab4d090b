"""Genre of an ingested article: report, editorial, opinion, interview, Q&A, press release, review,
analysis or wire.

Owns :func:`classify_article` for every ingest path. Each general rule that fires adds a weight to
one or more genres and leaves an :class:`Evidence` (field ``article_type``) saying what it read:
section words ("Opinion", "Conversations", "Press releases"; :func:`section_genres`, which the
HTML path also applies to URL path words), headline kickers ("Analysis:", "Q&A:") and expert
attributions ("…: Analyst", "… says expert"), byline roles ("Columnist"), a wire-agency credit,
and body structure (Q:/A: and named speaker turns, "in an interview with" near the top,
press-conference wording, first-person density outside quotations, star ratings, press-release
furniture). An editorial is the outlet's unsigned institutional opinion (an "Editorial Board"
byline, an "Editorial" section or kicker); a Q&A is a question-and-answer transcript (a
briefing's speaker turns, a "Q&A:" piece), an interview a conversation with one person told in
prose or turns; a review judges a work (a "Review:" kicker, a critic's byline, a star rating).
The best-scoring genre wins; others with real support are returned as alternatives (an expert
interview is also analysis).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..schema import Article, ArticleType, BlockKind, Evidence
from .breadcrumb import clean_spaces
from .byline import parse_byline

__all__ = ["classify_article", "section_genres"]

T = ArticleType
# Tie-break order: the more specific genre first.
_PRIORITY = (T.PRESS_RELEASE, T.EDITORIAL, T.QA, T.INTERVIEW, T.REVIEW, T.OPINION, T.ANALYSIS,
             T.WIRE, T.REPORT)
_MIN_ALTERNATIVE = 1.0
_MENU_ITEMS = 5

# Section words of each genre, read by section_genres from a section label ("Op-Ed", "Press
# releases") or a URL path word ("op-ed", "q-and-a"), hyphens and underscores standing for spaces.
# The first group names the genre in both; the second only as a label: as URL directories those
# words are a site's furniture, not its genres (The Hill files news reports under /blogs/,
# PolitiFact its fact checks under /statements/).
_SECTION_WORDS: dict[ArticleType, tuple[str, str]] = {
    T.EDITORIAL: (r"editorials?", r"our view|the board's view|editorial board|leaders?"),
    T.OPINION: (r"opinions?|comment(?:ary)?|op ?eds?|columns?|columnists?|views|"
                r"letters",
                r"comments|voices|letters to the editor|perspectives?|blogs?|debate|ideas"),
    T.ANALYSIS: (r"analysis|explainers?|explained|fact ?checks?",
                 r"news analysis|analyses|in depth|insights?|long reads?|deep dives?|big picture"),
    T.INTERVIEW: (r"interviews?|conversations?",
                  r"in conversation|talks? with|one on one"),
    T.QA: (r"q ?and ?a|transcripts?|press ?conferences?|briefings?",
           r"q ?& ?a|regular press conferences?|press briefings?|daily briefings?"),
    T.REVIEW: (r"reviews?", r"(?:film|book|music|theatre|theater|tv|game|product|restaurant) "
               r"reviews?|critics'? picks?"),
    T.PRESS_RELEASE: (r"(?:press|news) ?releases?",
                      r"media ?releases?|press room|newsroom releases|announcements|news ?wire|"
                      r"statements?"),
}
_LABEL_WORDS = {g: re.compile(rf"^(?:{both}|{label})$", re.I)
                for g, (both, label) in _SECTION_WORDS.items()}
_URL_WORDS = {g: re.compile(rf"^(?:{both})$", re.I) for g, (both, _) in _SECTION_WORDS.items()}
_WORD_GAPS = re.compile(r"[\s_-]+")
_KICKERS: tuple[tuple[ArticleType, re.Pattern[str]], ...] = (
    (T.EDITORIAL, re.compile(r"^(?:editorial|our view|the \w+ view)\s*[|:\-–—]", re.I)),
    (T.OPINION, re.compile(r"^(?:opinion|comment|op-?ed|column|view(?:point)?)"
                           r"\s*[|:\-–—]", re.I)),
    (T.REVIEW, re.compile(r"^(?:(?:film|book|album|music|theatre|theater|tv|game|product)\s+)?"
                          r"review\s*[|:\-–—]|\S\s+review\s+[|:\-–—]\s", re.I)),
    (T.QA, re.compile(r"^(?:q\s*&\s*a|transcript)\s*[|:\-–—]|\b(?:regular|daily|weekly)\s+"
                      r"(?:press|news)\s+(?:conference|briefing)\b|\banswers?\b.{0,80}\bto "
                      r"(?:media|journalists'?|reporters'?|press) questions\b", re.I)),
    (T.ANALYSIS, re.compile(r"^(?:(?:news )?analysis|explainer|explained|fact ?check|factbox|"
                            r"insight)\s*[|:\-–—]", re.I)),
    (T.INTERVIEW, re.compile(r"^(?:(?:exclusive )?interview|in conversation)"
                             r"\s*[|:\-–—]|\b(?:exclusive|wide-ranging) interview\b", re.I)),
)
_EXPERT = (
    r"(?:analyst|expert|scholar|professor|academic|commentator|researcher|economist|observer|"
    r"specialist|pundit|strategist)s?"
)
# "…: Analyst", "… — expert", "…, says analyst", "analyst says …", "experts warn …"
_EXPERT_HEADLINE = re.compile(
    rf"[:\-–—]\s*(?:(?:an?|the|top|leading|senior|\w+-based)\s+)?(?:[\w-]+\s+){{0,2}}{_EXPERT}"
    rf"\s*$|\b(?:says?|warns?|tells?|argues?)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}{_EXPERT}"
    rf"\b|\b{_EXPERT}\s+(?:says?|warns?|argues?|believes?|predicts?|explains?)\b",
    re.I,
)
_OPINION_ROLE = re.compile(
    r"\b(?:columnist|opinion|op-?ed|guest (?:writer|author)|contributor|commentator)\b", re.I)
_EDITORIAL_ROLE = re.compile(r"\b(?:editorial board|editorial staff|editors)\b", re.I)
_REVIEW_ROLE = re.compile(r"\b(?:critic|reviewer)\b", re.I)
_ANALYSIS_ROLE = re.compile(r"\b(?:analyst|analysis|fellow|researcher|professor)\b", re.I)
_QUESTION = re.compile(r"^(?:q|question)\s*[:.)\-–—]\s*\S", re.I)
_ANSWER = re.compile(r"^(?:a|answer)\s*[:)\-–—]\s*\S", re.I)
_INTERVIEW_PHRASE = re.compile(
    r"\b(?:in|during)\s+an?\s+(?:(?:exclusive|wide-ranging|recent|rare|phone|telephone|video|"
    r"online|email|written|lengthy|extensive)\s+){0,2}interview\b|\btold\b.{0,80}\bin an?\s+"
    r"(?:\w+\s+)?interview\b|\bspeaking to\b.{0,60}\bin an?\s+(?:\w+\s+)?interview\b",
    re.I,
)
# "Reporter: …", "Lin Hua: …", "Moderator: …": a transcript's speaker turns
_TURN = re.compile(r"^(?P<who>(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,2})\s*:\s+\S")
_TURN_NOT = frozenset({"A", "Answer", "Source", "Editor", "Note", "Photo", "Update", "Updated",
                       "Read", "Watch", "Related", "Warning", "Image"})
# a generic questioner marks a briefing or press conference, not a one-to-one interview
_QUESTIONERS = frozenset({"q", "question", "questions", "reporter", "journalist", "moderator",
                          "participant", "audience"})
_BRIEFING = re.compile(r"\b(?:press|news) (?:conference|briefing)|\bbriefing\b|\btranscript\b",
                       re.I)
_RATING = re.compile(r"^(?:[★☆]{3,5}|(?:rating|verdict|score)\s*:?\s*\d(?:\.\d)?\s*(?:/|out of)"
                     r"\s*(?:5|10)|\d(?:\.\d)?\s*/\s*5\s*stars?)\b", re.I)
_QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"]{0,2000}\"")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself)\b")
_RELEASE_MARKERS: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("for_immediate_release", 4.0, re.compile(r"\bfor immediate release\b", re.I)),
    ("media_contact", 2.0, re.compile(
        r"^(?:media|press|investor)\s+(?:contacts?|inquiries|enquiries|relations)\b", re.I)),
    ("about_company", 2.0, re.compile(r"^about\s+[A-Z][\w&.,'’ -]{1,60}$")),
    ("end_marker", 1.0, re.compile(r"^#{3}$")),
    ("forward_looking", 2.0, re.compile(r"\bforward-looking statements?\b", re.I)),
    ("stock_ticker", 1.0, re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX)\s*:\s*[A-Z.]{1,6}\)")),
    ("press_release_label", 3.0, re.compile(r"^(?:press|news|media)\s+releases?$", re.I)),
    ("document_symbol", 1.0, re.compile(r"^[A-Z]{2,5}(?:/[A-Z]{1,5}){0,2}/\d{3,6}$")),
    ("not_official_record", 2.0, re.compile(r"\bnot an official record\b", re.I)),
)


class _Scores:
    def __init__(self) -> None:
        self.score: dict[ArticleType, float] = defaultdict(float)
        self.evidence: list[Evidence] = []

    def fire(self, genre: ArticleType, weight: float, rule: str, text: str | None) -> None:
        self.score[genre] += weight
        self.evidence.append(Evidence(field="article_type", value=genre.value, rule=rule,
                                      text=text[:200] if text else text))


def section_genres(label: str, *, url_path: bool = False) -> list[ArticleType]:
    """The genres a section label ("Op-Ed") or, with ``url_path``, a URL path word ("q-and-a")
    names, in table order."""
    words = _WORD_GAPS.sub(" ", label).strip()
    table = _URL_WORDS if url_path else _LABEL_WORDS
    return [genre for genre, pattern in table.items() if pattern.match(words)]


def _sections(article: Article, s: _Scores) -> None:
    # a trail of five or more items is a site menu read as a trail ("Home | Local | Politics |
    # Opinion | Sports | Arts"): it names every section of the site, not this piece's
    if len(article.section_path) >= _MENU_ITEMS:
        return
    for item in article.section_path:
        for genre in section_genres(item):
            s.fire(genre, 3.0, "section_word", item)


def _headline(article: Article, s: _Scores) -> None:
    headline = clean_spaces(article.headline or "")
    if not headline:
        return
    for genre, pattern in _KICKERS:
        if pattern.search(headline):
            s.fire(genre, 3.0, "headline_kicker", headline)
    if _EXPERT_HEADLINE.search(headline):
        # An expert's view carried in the headline: the piece interviews an expert and
        # relays their analysis, so both genres get (equal) support.
        s.fire(T.INTERVIEW, 1.5, "headline_expert_attribution", headline)
        s.fire(T.ANALYSIS, 1.5, "headline_expert_attribution", headline)


def _roles(article: Article, s: _Scores) -> None:
    roles = {e.value for e in article.evidence if e.field == "byline_role"}
    for block in article.blocks:
        if block.kind == BlockKind.BYLINE:
            parsed = parse_byline(block.text, bare_names=True)
            if parsed and parsed.role:
                roles.add(parsed.role)
    for role in sorted(roles):
        if _EDITORIAL_ROLE.search(role):
            s.fire(T.EDITORIAL, 4.0, "byline_role", role)
        elif _REVIEW_ROLE.search(role):
            s.fire(T.REVIEW, 2.0, "byline_role", role)
        elif _OPINION_ROLE.search(role):
            s.fire(T.OPINION, 3.0, "byline_role", role)
        elif _ANALYSIS_ROLE.search(role):
            s.fire(T.ANALYSIS, 1.0, "byline_role", role)


def _structure(article: Article, s: _Scores) -> None:
    body = [clean_spaces(b.text[:5000]) for b in article.body_blocks()]
    questions = sum(bool(_QUESTION.match(p)) for p in body)
    answers = sum(bool(_ANSWER.match(p)) for p in body)
    if questions >= 2 and answers >= 1:
        s.fire(T.INTERVIEW, 4.0, "question_answer_turns", f"{questions} Q / {answers} A turns")
        s.fire(T.QA, 2.0, "question_answer_turns", f"{questions} Q / {answers} A turns")
    turns = [m["who"] for p in body if (m := _TURN.match(p)) and m["who"] not in _TURN_NOT
             and not m["who"].lower().startswith("dear ")]
    # a dialogue: two or more speakers, one of them speaking again (a list of "Group A:",
    # "Group B:" items, or letters "DEAR ABBY:", is no transcript). Two named people is an
    # interview; a generic questioner ("QUESTION:", "Reporter:") or three or more speakers,
    # a briefing transcript.
    speakers = {t.lower() for t in turns}
    if len(turns) >= 3 and len(speakers) >= 2 and len(speakers) < len(turns):
        what = f"{len(turns)} turns by {len(speakers)} speakers"
        if speakers & _QUESTIONERS or len(speakers) >= 3:
            s.fire(T.QA, 3.0, "speaker_turns", what)
        else:
            s.fire(T.INTERVIEW, 3.0, "speaker_turns", what)
    opening = " ".join([article.headline or "", *body[:2]])
    if (m := _BRIEFING.search(opening)) is not None and (questions or len(turns) >= 3):
        s.fire(T.QA, 2.0, "briefing_with_turns", m.group(0))
    for b in article.blocks[:12]:
        if (m := _RATING.match(clean_spaces(b.text[:80]))) is not None:
            s.fire(T.REVIEW, 3.0, "star_rating", m.group(0))
            break
    for p in body[:3]:
        m = _INTERVIEW_PHRASE.search(p)
        if m:
            s.fire(T.INTERVIEW, 2.0, "interview_phrase_in_opening", m.group(0))
            break
    prose = _QUOTED.sub(" ", "\n".join(body)[:200_000])
    words = len(prose.split())
    first_person = len(_FIRST_PERSON.findall(prose))
    if words >= 80 and first_person >= 5 and first_person / words >= 0.012:
        s.fire(T.OPINION, 2.0, "first_person_density",
               f"{first_person} first-person words in {words} words outside quotes")
    lines = [clean_spaces(b.text[:300]) for b in article.blocks]
    head = "\n".join(clean_spaces(b.text[:500]) for b in article.blocks[:6])
    for rule, weight, pattern in _RELEASE_MARKERS:
        where = [head] if rule == "for_immediate_release" else lines
        hit = next((m for x in where if (m := pattern.search(x))), None)
        if hit is not None:
            s.fire(T.PRESS_RELEASE, weight, rule, hit.group(0))


def classify_article(article: Article) -> tuple[ArticleType, list[ArticleType], list[Evidence]]:
    """Best genre, other supported genres (strongest first), and the evidence of every rule."""
    s = _Scores()
    _sections(article, s)
    _headline(article, s)
    _roles(article, s)
    if article.agency:
        s.fire(T.WIRE, 3.0, "agency_credit", article.agency)
    _structure(article, s)
    if not s.score:
        s.fire(T.REPORT, 0.5, "default_no_genre_signal", None)
    ranked = sorted(s.score, key=lambda g: (-s.score[g], _PRIORITY.index(g)))
    best = ranked[0]
    alternatives = [g for g in ranked[1:] if s.score[g] >= _MIN_ALTERNATIVE]
    if best == T.WIRE and T.REPORT not in alternatives:
        alternatives.append(T.REPORT)  # a wire story is a report distributed by an agency
    return best, alternatives, s.evidence
