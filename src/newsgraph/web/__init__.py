"""The web UI: server-rendered pages over the knowledge base, next to the
JSON API (``mount`` adds them to an app; ``newsgraph.server`` puts the two
together).

Pages (one module each in ``views/``): ``/`` and ``/search`` (full-text
search with facets, or the newest articles), ``/articles/{id}`` (the
article with its entities, quotes and times highlighted, its events and
speakers), ``/entities/{id}`` (profile, quotes, timeline of events,
network of co-mentioned entities), ``/events`` (filters, counts by month
and type, actor-to-actor network, the events), ``/analyze`` (paste or
upload an article and see its analysis; nothing is stored), ``/alerts``
(saved alerts, their matches; adding and removing them). ``/static``
serves the CSS (no JavaScript: the charts are inline SVG made on the
server, tooltips are SVG ``<title>`` and ``title`` attributes).

Every page escapes all data (Jinja autoescape; highlighted text is built
from escaped pieces, see ``highlight``), links outside only to http(s)
URLs, and carries a Content-Security-Policy allowing nothing but our own
static files. A database that refuses or is gone is an HTML error page
(503), never the API's JSON. ``/analyze`` follows the API's rules for
analyses (the token, or this machine only; the same limits), and the
server's guard checks hosts, origins and body sizes before any page runs
(``error_body`` is its HTML answer).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI, Request
from starlette.datastructures import URL, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.model.http import ServerLimits, WriteRule
from newsgraph.store.read import DatabaseFailure, Engine, database_reason
from newsgraph.web.render import SECURITY_HEADERS, error_body, error_page

if TYPE_CHECKING:
    from newsgraph.web.views.analyze import Analyzer

STATIC = Path(__file__).parent / "static"
NOT_PAGES = ("/api/", "/docs", "/redoc", "/openapi.json")
"""Paths that are the API's: no page headers, JSON errors."""

__all__ = ["error_body", "mount"]


class PageHeaders:
    """ASGI middleware: the security headers on every answer outside the
    API's paths that does not set them itself (static files, redirects,
    errors), added to its start message (no streaming wrapper, no task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or URL(scope=scope).path.startswith(NOT_PAGES):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, sending)


def mount(
    app: FastAPI,
    engine: Engine,
    *,
    analyze: Analyzer,
    writers: WriteRule,
    limits: ServerLimits,
) -> None:
    """Add the pages, ``/docs``, ``/static``, the security headers of the
    pages and HTML error pages (the API's paths keep their JSON errors).
    ``analyze``: what the ``/analyze`` page calls to analyse a text (the
    API's analysis, never stored); ``writers``: who may analyse;
    ``limits``: the analyses' limits, shown on the page."""
    from newsgraph.web.apidocs import add_docs
    from newsgraph.web.views import (
        alerts,
        article,
        downloads,
        entity,
        events,
        finder,
        quotes,
        search,
    )
    from newsgraph.web.views import analyze as analyze_page
    from newsgraph.web.views import trends as trends_page

    router = APIRouter(include_in_schema=False)
    for view in (search, article, entity, events, alerts, quotes, finder, trends_page, downloads):
        view.add_routes(router, engine)
    analyze_page.add_routes(router, analyze, writers, limits)
    app.include_router(router)
    add_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(PageHeaders)

    api_handler = app.exception_handlers.get(StarletteHTTPException)

    async def html_errors(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(NOT_PAGES) and api_handler is not None:
            answer = api_handler(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        if status == 404:
            return error_page(404, "Not found", "There is no page at this address.")
        if status == 405:
            return error_page(405, "Not allowed", "This page does not take that kind of request.")
        detail = exc.detail if isinstance(exc, StarletteHTTPException) else "error"
        return error_page(status, "Error", str(detail))

    app.add_exception_handler(StarletteHTTPException, html_errors)
    api_database_handler = app.exception_handlers.get(DatabaseFailure)

    async def database_page(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(NOT_PAGES) and api_database_handler is not None:
            answer = api_database_handler(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        return error_page(
            503,
            "The knowledge base is unavailable",
            f"The database refused: {database_reason(exc)}. Try again later.",
        )

    app.add_exception_handler(DatabaseFailure, database_page)
