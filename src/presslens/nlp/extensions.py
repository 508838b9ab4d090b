"""The Doc extensions presslens components read and write, registered in one explicit call.

* ``doc._.presslens_attributions`` — ``list[RawAttribution]``: set by ``presslens_quotes``
  (direct, indirect and mixed, in text order), completed in place by ``presslens_speakers``
  (``speaker``/``voice_id``).
* ``doc._.presslens_scare_quotes`` — ``list[CharSpan]``: quoted words/short phrases with no
  speaker (distancing quotes), set by ``presslens_quotes``.
* ``doc._.presslens_refusals`` — ``list[RawRefusal]``: silences ("declined to comment"),
  set by ``presslens_quotes``, their ``actor`` filled by ``presslens_speakers``.
* ``doc._.presslens_voices`` — ``list[VoiceCluster]``: speakers resolved across the Doc, set by
  ``presslens_speakers``.

Defaults are ``None`` (not a shared mutable list): a component that has not run is visible as
such, and no list is shared between Docs.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["EXTENSIONS", "register_extensions"]

EXTENSIONS: tuple[str, ...] = (
    "presslens_attributions",
    "presslens_scare_quotes",
    "presslens_voices",
    "presslens_refusals",
)


def register_extensions() -> None:
    """Register every presslens Doc extension (idempotent; safe to call from any component)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
