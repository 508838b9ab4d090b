"""Registers presslens's spaCy factories and Doc/Span extensions, explicitly, in one place.

Import this module (or call :func:`register`) before ``nlp.add_pipe("presslens_...")``.
Each component module defines its factory; this module only imports them so the registration
happens when a caller asks for it, never as a side effect of ``import presslens``.
"""

from __future__ import annotations

import importlib

__all__ = ["COMPONENT_MODULES", "register"]

# Modules whose import registers a factory (and, via their ``register_extensions``, extensions).
COMPONENT_MODULES: tuple[str, ...] = ("presslens.nlp.quotes", "presslens.nlp.speakers")


def register() -> None:
    """Import every component module and register its extensions (idempotent)."""
    for name in COMPONENT_MODULES:
        mod = importlib.import_module(name)
        reg = getattr(mod, "register_extensions", None)
        if reg is not None:
            reg()


register()
