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
splitting entities, adding and removing alerts) and analyses need the token
set by ``NEWSGRAPH_TOKEN`` as ``Authorization: Bearer <token>``; without a
token configured they are open only to this machine, on a server bound to localhost. Every error has
the same body: ``{"error": {"status": 404, "message": "..."}}``; invalid
parameters (a NUL byte, an over-long string included) give 422 with the
parameter named. Hosts, origins, writers and body sizes are checked before
any route runs by ``api.guard`` (``newsgraph.server`` puts it in front of
the API and the pages; ``body_rules`` are the API's body limits). Nothing
here fetches URLs given by users.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import __version__
from newsgraph.api.analysis import AnalysisGate
from newsgraph.api.deps import PREFIX, plain_parameters
from newsgraph.api.guard import BodyRule
from newsgraph.api.routes import ROUTERS
from newsgraph.errors import NewsgraphError
from newsgraph.model.http import SMALL_BODY, ErrorBody, ServerLimits, WriteRule
from newsgraph.store.db import database_reason

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "The query can't be answered as asked (a bad merge, an unknown entity...)."),
        (401, "A write or an analysis without the right token."),
        (403, "A write from elsewhere than this machine, or from another site's page."),
        (404, "No such article or entity."),
        (413, "The request body, or the text to analyse, is over its limit (named)."),
        (422, "A parameter or the body is invalid (named in the message)."),
        (503, "The database refused or is gone, or every analysis place is taken."),
        (504, "The analysis took longer than its time limit."),
    )
}
"""The error answers every endpoint may give, all with the same body."""


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "message": message}}, status_code=status, headers=headers
    )


def body_rules(limits: ServerLimits) -> list[BodyRule]:
    """The API's endpoints that take a body, with their limits; every
    other request takes at most ``SMALL_BODY`` bytes."""
    return [
        BodyRule("POST", f"{PREFIX}/analyze", limits.max_body, write=True),
        BodyRule("POST", f"{PREFIX}/entities/[^/]+/(merge|split)", SMALL_BODY, write=True),
        BodyRule("DELETE", f"{PREFIX}/articles/[^/]+", SMALL_BODY, write=True),
    ]


def create_api(
    engine: Engine,
    *,
    token: str | None = None,
    local: bool = True,
    limits: ServerLimits | None = None,
) -> FastAPI:
    """The API over the knowledge base behind ``engine``, without the web
    pages and the guard (``newsgraph.server.create_app`` serves all three).
    ``token``: the secret writes and analyses need; ``local``: the server
    listens on localhost only (then, without a token, this machine may
    write); ``limits``: the analyses' limits."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who said what, who did what to whom, when and where: the knowledge base.",
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.engine = engine
    app.state.writers = WriteRule(token=token or None, local=local)
    app.state.analysis = AnalysisGate(limits or ServerLimits())

    @app.exception_handler(StarletteHTTPException)  # ours and unknown routes alike
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            where = ".".join(
                str(part) for part in error.get("loc", ()) if part not in {"query", "body", "path"}
            )
            problems.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
        return _error(422, "; ".join(problems)[:2000])

    @app.exception_handler(SQLAlchemyError)  # the database refused or is gone
    async def database_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        reason = database_reason(exc)
        return _error(503, f"the database refused: {reason}")

    @app.exception_handler(NewsgraphError)  # QueryError and other clear refusals
    async def bad_request(_request: Request, exc: NewsgraphError) -> JSONResponse:
        return _error(400, str(exc))

    for router in ROUTERS:
        app.include_router(router, dependencies=[Depends(plain_parameters)])
    return app
