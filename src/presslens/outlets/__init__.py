"""Outlet registry: which outlet published an article, and who owns or controls it.

The data lives in ``outlets.json`` (one validated entry per outlet or wire agency, each fact with
its citations); ``README.md`` in this folder explains the fields, the state-affiliation criterion
and how to add an entry. :func:`identify_outlet` is the one call ingest needs.
"""

from __future__ import annotations

from .registry import (
    OWNERSHIP_TYPES,
    OutletEntry,
    Registry,
    agency,
    host_of,
    identify_outlet,
    load_registry,
    load_registry_file,
    normalize_name,
)

__all__ = [
    "OWNERSHIP_TYPES",
    "OutletEntry",
    "Registry",
    "agency",
    "host_of",
    "identify_outlet",
    "load_registry",
    "load_registry_file",
    "normalize_name",
]
