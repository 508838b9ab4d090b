"""What counts as an actor's identity in a token, so that no model feature can carry it.

Owns :func:`is_name` and :data:`NAME`. A proper name (an entity of a naming type, a proper
noun, a capitalised word inside a sentence, an acronym) is replaced by the class ``NAME``
before any learned feature is built from it: a model may learn that *a name* is the subject of
"said", never *which* name. Both the attribution filter (``attribution_model.py``) and the
techniques model (``techniques.py``) build their word features through this module, and
``tests/test_model_identity.py`` checks the shipped weights.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["NAME", "NAME_ENTS", "is_name"]

NAME = "<name>"
# entity types that name an actor, a place, a people or a thing with a proper name
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW",
                       "EVENT", "PRODUCT", "LANGUAGE"})


def is_name(tok: Token) -> bool:
    """Is ``tok`` (part of) a proper name: a naming entity, a proper noun (or its tag), an
    all-capitals word ("PKK"), or a capitalised word that does not start its sentence?"""
    if tok.ent_type_ in NAME_ENTS or tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS"):
        return True
    if tok.pos_ == "PRON" or not any(ch.isupper() for ch in tok.text):
        return False
    return not tok.is_sent_start or (tok.text.isupper() and len(tok.text) > 1)
