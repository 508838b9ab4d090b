"""The JSON API: the Python API over HTTP, answering with the same pydantic models.

Owns the ``/api`` routes. ``POST /api/analyze`` answers with an
:class:`~presslens.schema.Analysis` — exactly what ``presslens analyze --format json`` prints —
and stores it (``Location`` names the stored article). The read routes return the corpus query
API's models (:mod:`presslens.corpus.models`): ``GET /api/articles`` searches with the same
filters as ``presslens search`` and :meth:`Corpus.search`, ``GET /api/stories`` lists stories,
``GET /api/compare`` compares outlets on a story. The OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from ..corpus import (
    ArticleDetail,
    OutletSummary,
    SearchFilters,
    SearchHit,
    StoryDetail,
    StorySummary,
)
from ..corpus.compare import Comparison
from ..schema import Analysis
from .app import WebState, state
from .params import MAX_ID, TextParam, search_filters
from .submit import SubmitError, analyse_and_store, job_from_input

__all__ = ["AnalyzeRequest", "router"]

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["api"])

_T = TypeVar("_T")

_Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class AnalyzeRequest(BaseModel):
    """One article to analyse: its text (plain text or HTML) or a URL to fetch — not both."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article: a scraped page's text, or HTML.")
    url: str | None = Field(None, max_length=4000,
                            description="An http(s) URL to fetch (public addresses only).")
    kind: Literal["auto", "text", "html"] = Field("auto", description="What `text` is.")


class ValidationIssue(BaseModel):
    """One problem with a request's parameters or body."""

    loc: list[str]
    msg: str
    type: str


class ApiError(BaseModel):
    """An error answer: one message, or the list of invalid parameters."""

    detail: str | list[ValidationIssue]


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError, "description": "Not in the corpus"},
    422: {"model": ApiError, "description": "Invalid parameters"},
}


def _found(value: _T | None, missing: str) -> _T:
    """``value``, or a 404 answer saying what is missing."""
    if value is None:
        raise HTTPException(404, missing)
    return value


@router.post("/analyze", response_model=Analysis, responses={
    400: {"model": ApiError, "description": "The body is not JSON"},
    401: {"model": ApiError, "description": "A token is needed (server on a public address)"},
    403: {"model": ApiError, "description": "A cross-site request, or a read-only server"},
    413: {"model": ApiError, "description": "Request body over the server's limit"},
    422: {"model": ApiError, "description": "Invalid input or an article that cannot be read"},
    503: {"model": ApiError, "description": "Analysis timed out or every worker is busy"},
})
def analyze(body: AnalyzeRequest, response: Response,
            web: Annotated[WebState, Depends(state)]) -> Analysis:
    """Analyse one article and store it; the stored article is at the ``Location`` header."""
    try:
        job = job_from_input(text=body.text, url=body.url, data=None, filename=None,
                             content_type=None, kind=body.kind)
        stored = analyse_and_store(web, job)
    except SubmitError as exc:
        raise HTTPException(exc.status, exc.message) from None
    response.headers["location"] = f"/api/articles/{stored.article_id}"
    response.headers["x-presslens-article-id"] = str(stored.article_id)
    return stored.analysis


@router.get("/articles", response_model=list[SearchHit])
def articles(web: Annotated[WebState, Depends(state)],
             filters: Annotated[SearchFilters, Depends(search_filters)]) -> list[SearchHit]:
    """Search stored articles: full text ``q`` and filters, all combined (AND)."""
    return web.corpus.search(filters)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=_ERRORS)
def article(article_id: _Id, web: Annotated[WebState, Depends(state)]) -> ArticleDetail:
    """One stored article with its full analysis and duplicate links."""
    return _found(web.corpus.get_article(article_id), f"no article {article_id}")


@router.get("/stories", response_model=list[StorySummary])
def stories(
    web: Annotated[WebState, Depends(state)],
    min_articles: Annotated[int, Query(ge=1, le=100_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[StorySummary]:
    """Stories (articles about the same event), the largest first."""
    return web.corpus.stories(min_articles=min_articles, limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=_ERRORS)
def story(story_id: _Id, web: Annotated[WebState, Depends(state)]) -> StoryDetail:
    """One story with its articles."""
    return _found(web.corpus.story(story_id), f"no story {story_id}")


@router.get("/compare", response_model=Comparison, responses={
    404: {"model": ApiError, "description": "No such story"},
    422: {"model": ApiError, "description": "Neither a story nor a query given, or invalid"},
})
def compare(
    web: Annotated[WebState, Depends(state)],
    story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    q: TextParam = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Comparison:
    """Outlets side by side on a story (``story``) or on the articles a search ``q`` finds."""
    if story is None and not (q and q.strip()):
        raise HTTPException(422, "give a story id (story=…) or a query (q=…)")
    if story is not None:
        _found(web.corpus.story(story), f"no story {story}")
        return web.corpus.compare(story)
    return web.corpus.compare(query=q, limit=limit)


@router.get("/outlets", response_model=list[OutletSummary])
def outlets(web: Annotated[WebState, Depends(state)]) -> list[OutletSummary]:
    """Outlets in the corpus with their article counts."""
    return web.corpus.outlets()


@router.get("/outlets/{outlet_id}", response_model=OutletSummary, responses=_ERRORS)
def outlet(outlet_id: Annotated[str, Path(max_length=200)],
           web: Annotated[WebState, Depends(state)]) -> OutletSummary:
    """One outlet."""
    return _found(web.corpus.outlet(outlet_id), f"no outlet {outlet_id!r}")
