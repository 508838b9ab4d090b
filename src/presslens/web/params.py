"""Request parameters shared by the pages and the JSON API: ids, text, dates, search filters.

Owns the parameter types (bounded text without NUL, ISO dates, 64-bit-safe ids) and
:func:`search_filters`, the one dependency that turns a request's query string into the corpus's
:class:`~presslens.corpus.SearchFilters` — for ``/search`` and ``GET /api/articles`` alike.
Empty values (an HTML form's untouched fields) mean "no filter".
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Query

from ..corpus import SearchFilters

__all__ = ["MAX_ID", "DateParam", "IdParam", "TextParam", "search_filters"]

logger = logging.getLogger(__name__)

MAX_ID = 2**62  # store ids are 64-bit integers; larger numbers are no id
# Query text: no NUL (PostgreSQL text cannot hold it), bounded length.
TextParam = Annotated[str | None, Query(max_length=500, pattern=r"^[^\x00]*$")]
DateParam = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                        description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD.")]
IdParam = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def search_filters(
    q: TextParam = None,
    outlet: TextParam = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    voice: TextParam = None,
    term: TextParam = None,
    type: TextParam = None,
    story: IdParam = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SearchFilters:
    """Full-text ``q`` and filters, all combined (AND), as the corpus's search filters."""
    return SearchFilters(query=q or None, outlet=outlet or None, date_from=date_from or None,
                         date_to=date_to or None, voice=voice or None, term=term or None,
                         article_type=type or None, story_id=story, limit=limit, offset=offset)
