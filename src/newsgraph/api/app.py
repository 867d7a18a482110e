"""The JSON API of the knowledge base, under ``/api/v1/`` (OpenAPI at
``/openapi.json``; the web pages add ``/docs``).

Read endpoints: articles (list with filters, one with its whole analysis),
full-text search, entities (search, profile), quotes, events, stories.
``POST /api/v1/analyze`` analyses text or HTML sent to it and returns the
analysis document; nothing is stored unless ``store`` is asked for. The
routes are in ``api.routes`` (one module per resource); their request and
response bodies in ``model.http``.

Alerts (``/api/v1/alerts``: list, add, remove, matches, an Atom feed per
alert) and the sources `watch` follows (``/api/v1/sources``).

Write endpoints (storing an analysis, deleting an article, merging and
splitting entities, adding and removing alerts) need the token set by ``NEWSGRAPH_TOKEN`` as
``Authorization: Bearer <token>``; without a token configured they are open
only on a server bound to localhost. Every error has the same body:
``{"error": {"status": 404, "message": "..."}}``; invalid parameters give
422 with the parameter named. Request bodies over ``MAX_BODY`` bytes are
refused (413). Nothing here fetches URLs given by users.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import __version__
from newsgraph.api.routes import ROUTERS
from newsgraph.errors import NewsgraphError
from newsgraph.model.http import MAX_BODY, ErrorBody
from newsgraph.store.db import database_reason

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "The query can't be answered as asked (a bad merge, an unknown entity...)."),
        (401, "A write without the right token."),
        (403, "A write on a server that allows none."),
        (404, "No such article or entity."),
        (413, f"The request body is over {MAX_BODY} bytes."),
        (422, "A parameter or the body is invalid (named in the message)."),
        (503, "The database refused or is gone."),
    )
}
"""The error answers every endpoint may give, all with the same body."""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def create_api(engine: Engine, *, token: str | None = None, local: bool = True) -> FastAPI:
    """The API over the knowledge base behind ``engine``, without the web
    pages (``newsgraph.server.create_app`` serves both). ``token``: the
    secret write endpoints need; ``local``: the server listens on localhost
    only (then, without a token, writes are allowed)."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who said what, who did what to whom, when and where: the knowledge base.",
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.engine = engine
    app.state.token = token or None
    app.state.local = local

    @app.middleware("http")
    async def limit_body(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return _error(413, f"request body over {MAX_BODY} bytes")
        if request.method in {"POST", "PUT", "PATCH"} and length is None:
            body = await request.body()
            if len(body) > MAX_BODY:
                return _error(413, f"request body over {MAX_BODY} bytes")
        return await call_next(request)

    @app.exception_handler(StarletteHTTPException)  # ours and unknown routes alike
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            where = ".".join(
                str(part) for part in error.get("loc", ()) if part not in {"query", "body", "path"}
            )
            problems.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
        return _error(422, "; ".join(problems))

    @app.exception_handler(SQLAlchemyError)  # the database refused or is gone
    async def database_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        reason = database_reason(exc)
        return _error(503, f"the database refused: {reason}")

    @app.exception_handler(NewsgraphError)  # QueryError and other clear refusals
    async def bad_request(_request: Request, exc: NewsgraphError) -> JSONResponse:
        return _error(400, str(exc))

    for router in ROUTERS:
        app.include_router(router)
    return app
