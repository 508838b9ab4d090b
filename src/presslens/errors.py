"""Named errors of presslens: one shared base class, a few subclasses callers can tell apart.

The library raises these; the CLI turns them into one clear line for the user and a non-zero exit.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FetchError",
    "InputError",
    "ModelError",
    "PresslensError",
    "StoreError",
]


class PresslensError(Exception):
    """Base class of every error presslens raises on purpose."""


class InputError(PresslensError):
    """The input cannot be read as an article (empty, binary, undecodable, too large, malformed)."""


class FetchError(PresslensError):
    """A URL could not be fetched, or fetching it was refused (private address, size, timeout)."""


class ConfigError(PresslensError):
    """The settings file or environment holds an invalid value."""


class ModelError(PresslensError):
    """A spaCy pipeline or a shipped model artefact could not be loaded."""


class StoreError(PresslensError):
    """The corpus store could not be opened, read or written."""
