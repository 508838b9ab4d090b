"""The HTML pages: analyse, article permalink, search, stories, story comparison, outlets.

Owns the page routes and their CSV twins (``….csv`` next to every page with tables, one file
per table: ``?table=NAME``). Pages render the shared templates (the article page includes the
report's partials); every value from an article reaches the page autoescaped.
"""

from __future__ import annotations

import hmac
import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..corpus import SearchFilters
from ..report.html import report_context
from .app import WebState, state
from .compare_view import story_view
from .params import MAX_ID, TextParam, search_filters
from .security import TOKEN_COOKIE
from .submit import SubmitError, analyse_and_store, job_from_input
from .tables import to_csv
from .views import PageTables, outlet_view, outlets_view, search_view, stories_view

__all__ = ["router"]

logger = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

Web = Annotated[WebState, Depends(state)]
_KINDS = ("auto", "text", "html")


def _not_found(web: WebState, what: str) -> HTMLResponse:
    return web.render("error.html.j2", status=404, status_code=404, detail=f"{what} not found")


def _csv(page: PageTables, table: str, filename: str) -> Response:
    t = page.tables.get(table)
    if t is None:
        return Response(f"no table {table!r}; tables: {', '.join(page.tables)}\n",
                        status_code=404, media_type="text/plain")
    return Response(to_csv(t), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{filename}-{t.name}.csv"'})


# --------------------------------------------------------------------------- analyse


@router.get("/", response_class=HTMLResponse)
def home(web: Web) -> HTMLResponse:
    """The analyse form, with the corpus at a glance."""
    return web.render("analyse.html.j2", form={}, error=None, kinds=_KINDS,
                      count=web.corpus.count(), stories=web.corpus.stories(min_articles=2,
                                                                           limit=8))


@router.post("/analyze", response_class=HTMLResponse)
def analyse(
    web: Web,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    kind: Annotated[Literal["auto", "text", "html"], Form()] = "auto",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Analyse pasted text, an uploaded file or a URL; store it and go to its permalink."""
    data = None
    if file is not None and file.filename:
        data = file.file.read(web.config.max_body + 1) or None
    try:
        job = job_from_input(text=text, url=url, data=data,
                             filename=file.filename if file is not None else None,
                             content_type=file.content_type if file is not None else None,
                             kind=kind)
        stored = analyse_and_store(web, job)
    except SubmitError as exc:
        return web.render("analyse.html.j2", status=exc.status, error=exc.message,
                          form={"text": text, "url": url, "kind": kind}, kinds=_KINDS,
                          count=web.corpus.count(), stories=[])
    return RedirectResponse(f"/articles/{stored.article_id}", status_code=303)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: int, web: Web) -> HTMLResponse:
    """An article's permalink: the annotated article and its panels, as in the report."""
    detail = web.corpus.get_article(article_id) if 1 <= article_id <= MAX_ID else None
    if detail is None:
        return _not_found(web, f"article {article_id}")
    story = web.corpus.story(detail.story_id) if detail.story_id else None
    return web.render("article.html.j2", detail=detail, story=story,
                      **report_context(detail.analysis))


# --------------------------------------------------------------------------- corpus


@router.get("/search", response_class=HTMLResponse)
@router.get("/search.csv")
def search(request: Request, web: Web,
           f: Annotated[SearchFilters, Depends(search_filters)],
           table: TextParam = "results") -> Response:
    """Search with filters (outlet, dates, voice, term, type, story); results as a table."""
    page = search_view(web.corpus, f)
    if request.url.path.endswith(".csv"):
        return _csv(page, table or "results", "search")
    searched = f != SearchFilters(limit=f.limit, offset=f.offset)
    return web.render("search.html.j2", page=page, f=f, searched=searched,
                      outlets=web.corpus.outlets(), csv_query=request.url.query)


@router.get("/stories", response_class=HTMLResponse)
@router.get("/stories.csv")
def stories(request: Request, web: Web,
            min_articles: Annotated[int, Query(ge=1, le=100_000)] = 1,
            table: TextParam = "stories") -> Response:
    """Stories, the largest first."""
    page = stories_view(web.corpus, min_articles=min_articles)
    if request.url.path.endswith(".csv"):
        return _csv(page, table or "stories", "stories")
    return web.render("stories.html.j2", page=page, min_articles=min_articles,
                      csv_query=request.url.query)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
@router.get("/stories/{story_id}.csv")
def story(request: Request, story_id: int, web: Web, table: TextParam = None) -> Response:
    """A story compared outlet by outlet: headlines, voices, labels, timeline, who was silent."""
    view = story_view(web.corpus, story_id) if 1 <= story_id <= MAX_ID else None
    if view is None:
        return _not_found(web, f"story {story_id}")
    if request.url.path.endswith(".csv"):
        return _csv(view, table or "outlets", f"story-{story_id}")
    return web.render("story.html.j2", view=view, page=view)


@router.get("/outlets", response_class=HTMLResponse)
@router.get("/outlets.csv")
def outlets(request: Request, web: Web, table: TextParam = "outlets") -> Response:
    """Every outlet in the corpus."""
    page = outlets_view(web.corpus)
    if request.url.path.endswith(".csv"):
        return _csv(page, table or "outlets", "outlets")
    return web.render("outlets.html.j2", page=page)


@router.get("/outlets/{outlet_id}", response_class=HTMLResponse)
@router.get("/outlets/{outlet_id}.csv")
def outlet(request: Request, outlet_id: str, web: Web, table: TextParam = None) -> Response:
    """An outlet: its articles, typical voices and terms, month by month."""
    csv = request.url.path.endswith(".csv")
    view = outlet_view(web.corpus, outlet_id[:200])
    if view is None:
        return _not_found(web, "outlet")
    if csv:
        return _csv(view, table or "articles", "outlet")
    return web.render("outlet.html.j2", view=view, page=view)


# --------------------------------------------------------------------------- token, docs


@router.get("/login", response_class=HTMLResponse)
def login_form(web: Web) -> HTMLResponse:
    """Where a user of a server bound to a public address gives the write token."""
    return web.render("login.html.j2", error=None)


@router.post("/login", response_class=HTMLResponse)
def login(web: Web, token: Annotated[str, Form(max_length=500)] = "") -> Response:
    """Check the token and keep it in an HttpOnly, same-site cookie for the analyse form."""
    expected = web.config.token
    if expected is None:
        return RedirectResponse("/", status_code=303)
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return web.render("login.html.j2", status=401, error="That token is not this server's.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                        secure=False, max_age=7 * 24 * 3600)
    return response


@router.get("/api", response_class=HTMLResponse)
def api_help(web: Web) -> HTMLResponse:
    """The JSON API's endpoints (the schema itself is /openapi.json)."""
    return web.render("api.html.j2")
