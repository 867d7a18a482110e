"""The JSON API of the knowledge base, under ``/api/v1/`` (OpenAPI at ``/docs``).

Read endpoints: articles (list with filters, one with its whole analysis),
full-text search, entities (search, profile), quotes, events, stories.
``POST /api/v1/analyze`` analyses text or HTML sent to it and returns the
analysis document; nothing is stored unless ``store`` is asked for.

Write endpoints (storing an analysis, deleting an article, merging and
splitting entities) need the token set by ``NEWSGRAPH_TOKEN`` as
``Authorization: Bearer <token>``; without a token configured they are open
only on a server bound to localhost. Every error has the same body:
``{"error": {"status": 404, "message": "..."}}``; invalid parameters give
422 with the parameter named. Request bodies over ``MAX_BODY`` bytes are
refused (413). Nothing here fetches URLs given by users.
"""

from __future__ import annotations

import datetime as dt
import hmac
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.store.db import database_reason

MAX_BODY = 5 * 1024 * 1024
PREFIX = "/api/v1"
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
DateParam = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD."),
]


class AnalyzeRequest(BaseModel):
    """Text or HTML to analyse."""

    text: str | None = Field(default=None, description="Plain text of an article.")
    html: str | None = Field(default=None, description="HTML of an article page.")
    date: dt.date | None = Field(
        default=None, description="Publication date, if the input gives none."
    )
    url: str | None = Field(
        default=None, description="The article's URL (identifies it when stored)."
    )
    store: bool = Field(default=False, description="Also store it in the knowledge base.")


class MergeRequest(BaseModel):
    gone: int = Field(description="Entity id to fold into this one.")


class SplitRequest(BaseModel):
    alias: str = Field(min_length=1, description="The name whose mentions become a new entity.")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def create_app(engine: Engine, *, token: str | None = None, local: bool = True) -> FastAPI:
    """The API over the knowledge base behind ``engine``. ``token``: the
    secret write endpoints need; ``local``: the server listens on localhost
    only (then, without a token, writes are allowed)."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who said what, who did what to whom, when and where: the knowledge base.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine

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

    def writer(request: Request) -> None:
        """Write endpoints: the token when one is set; else localhost only."""
        given = request.headers.get("authorization", "")
        if token:
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'")
            return
        if not local:
            raise HTTPException(
                403, "writes are off: set NEWSGRAPH_TOKEN on a server not on localhost"
            )

    Writer = Depends(writer)

    @app.get(f"{PREFIX}/articles", tags=["articles"])
    def articles(
        since: DateParam = None,
        until: DateParam = None,
        outlet: str | None = None,
        entity: Annotated[int | None, Query(ge=1, description="Entity id mentioned.")] = None,
        type: Annotated[
            str | None, Query(description="An event type present, e.g. REJECT.")
        ] = None,
        offset: Offset = 0,
        limit: Limit = 20,
    ) -> dict[str, Any]:
        """Articles, newest first, with stable paging (``next_offset``)."""
        from newsgraph.store.articles import list_articles

        page = list_articles(
            engine, since=since, until=until, outlet=outlet, entity_id=entity,
            event_type=type, offset=offset, limit=limit,
        )  # fmt: skip
        return asdict(page)

    @app.get(f"{PREFIX}/articles/{{article_id}}", tags=["articles"])
    def article(article_id: int) -> dict[str, Any]:
        """One article with its analysis and the other copies of its story."""
        from newsgraph.store.articles import article_view

        view = article_view(engine, article_id)
        if view is None:
            raise HTTPException(404, f"no article {article_id}")
        return asdict(view)

    @app.delete(f"{PREFIX}/articles/{{article_id}}", tags=["articles"], dependencies=[Writer])
    def remove_article(article_id: int) -> dict[str, Any]:
        """Delete an article and its analysis (write)."""
        from newsgraph.store.articles import delete_article

        if not delete_article(engine, article_id):
            raise HTTPException(404, f"no article {article_id}")
        return {"deleted": article_id}

    @app.get(f"{PREFIX}/search", tags=["search"])
    def search(
        q: Annotated[
            str, Query(min_length=1, max_length=500, description='Words, "phrases", OR, -word.')
        ],
        since: DateParam = None,
        until: DateParam = None,
        outlet: str | None = None,
        type: str | None = None,
        offset: Offset = 0,
        limit: Limit = 20,
    ) -> dict[str, Any]:
        """Ranked full-text search with snippets (hits in [brackets])."""
        from newsgraph.store.search import search as run_search

        hits = run_search(
            engine,
            q,
            since=since,
            until=until,
            outlet=outlet,
            type=type,
            limit=limit,
            offset=offset,
        )
        return {"items": [asdict(h) for h in hits], "offset": offset, "limit": limit}

    @app.get(f"{PREFIX}/entities", tags=["entities"])
    def entities(
        q: Annotated[str, Query(min_length=1, max_length=300, description="Name, alias or id.")],
    ) -> dict[str, Any]:
        """Entities answering to a name (most mentioned first)."""
        from newsgraph.store.query_common import find_entities

        return {"items": [asdict(e) for e in find_entities(engine, q)]}

    @app.get(f"{PREFIX}/entities/{{entity_id}}", tags=["entities"])
    def entity(entity_id: int, limit: Limit = 20) -> dict[str, Any]:
        """An entity's profile: names, roles over time, quotes, events,
        articles, co-mentioned entities."""
        from newsgraph.store.profiles import entity_profile

        profile = entity_profile(engine, entity_id, limit=limit)
        if profile is None or profile.id != entity_id:
            raise HTTPException(404, f"no entity {entity_id}")
        return asdict(profile)

    @app.post(f"{PREFIX}/entities/{{entity_id}}/merge", tags=["entities"], dependencies=[Writer])
    def merge(entity_id: int, body: MergeRequest) -> dict[str, Any]:
        """Fold another entity into this one (write)."""
        from newsgraph.store.curation import merge_entities

        merge_entities(engine, entity_id, body.gone)
        return {"kept": entity_id, "merged": body.gone}

    @app.post(f"{PREFIX}/entities/{{entity_id}}/split", tags=["entities"], dependencies=[Writer])
    def split(entity_id: int, body: SplitRequest) -> dict[str, Any]:
        """Make the mentions under one alias a new entity (write)."""
        from newsgraph.store.curation import split_entity

        return {"entity": entity_id, "new": split_entity(engine, entity_id, body.alias)}

    @app.get(f"{PREFIX}/quotes", tags=["quotes"])
    def quotes(
        speaker: str | None = None,
        since: DateParam = None,
        until: DateParam = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> dict[str, Any]:
        """Quotes with their speakers, newest articles first."""
        from newsgraph.store.listing import quotes as find_quotes

        rows = find_quotes(engine, speaker=speaker, since=since, until=until, limit=offset + limit)
        return {
            "items": list(itertools.islice(rows, offset, None)),
            "offset": offset,
            "limit": limit,
        }

    @app.get(f"{PREFIX}/events", tags=["events"])
    def events(
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        since: DateParam = None,
        until: DateParam = None,
        place: str | None = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> dict[str, Any]:
        """Events (GDELT-like rows) by date: filter by actor code prefix or
        name, PLOVER type, time range and place (name or country code)."""
        from newsgraph.store.listing import event_rows

        rows = event_rows(engine, source=source, target=target, type=type, since=since, until=until)
        if place:
            wanted = place.strip().casefold()
            rows = (
                r for r in rows
                if wanted in {(r["place"] or "").casefold(), (r["country"] or "").casefold()}
            )  # fmt: skip
        page = list(itertools.islice(rows, offset, offset + limit))
        return {"items": page, "offset": offset, "limit": limit}

    @app.get(f"{PREFIX}/stories", tags=["stories"])
    def stories(
        min_size: Annotated[int, Query(ge=1, le=1000)] = 2, limit: Limit = 50
    ) -> dict[str, Any]:
        """Stories (syndicated copies grouped), largest first."""
        from newsgraph.store.listing import stories as find_stories

        return {"items": [asdict(s) for s in find_stories(engine, min_size=min_size, limit=limit)]}

    @app.post(f"{PREFIX}/analyze", tags=["analyze"])
    def analyze(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
        """The analysis of a text or an HTML page (nothing is stored unless
        ``store`` is true, which is a write)."""
        return analyze_and_maybe_store(body, request)

    def analyze_and_maybe_store(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
        from newsgraph.article import build_article
        from newsgraph.extract import analyze as run_analysis
        from newsgraph.model import RawDocument

        if bool(body.text) == bool(body.html):
            raise HTTPException(422, "text or html: give exactly one")
        if body.store:
            writer(request)
        raw = RawDocument(
            source=body.url or "<api>",
            format="html" if body.html else "text",
            content=body.html or body.text or "",
            url=body.url,
        )
        try:
            result = run_analysis(build_article(raw, default_date=body.date), date=body.date)
        except NewsgraphError as exc:
            raise HTTPException(422, str(exc)) from None
        document: dict[str, Any] = result.model_dump(mode="json")
        if body.store:
            from newsgraph.store.write import store_analysis

            with Session(engine) as session:
                document["stored"] = store_analysis(session, result)
                session.commit()
        return document

    app.state.analyze = analyze_and_maybe_store

    @app.get(f"{PREFIX}/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """The server is up and the knowledge base answers."""
        from sqlalchemy import text

        with engine.connect() as connection:
            connection.execute(text("select 1"))
        return {"status": "ok", "version": __version__, "database": engine.dialect.name}

    from newsgraph.web import mount

    mount(app, engine)  # the web UI: pages and /static
    return app


def app_from_environment() -> FastAPI:
    """The app for ``newsgraph serve --workers N`` (uvicorn's factory in each
    worker process): database, token and exposure from NEWSGRAPH_DB,
    NEWSGRAPH_TOKEN and NEWSGRAPH_LOCAL."""
    import os

    from newsgraph.store.db import open_existing

    return create_app(
        open_existing(os.environ.get("NEWSGRAPH_DB")),
        token=os.environ.get("NEWSGRAPH_TOKEN") or None,
        local=os.environ.get("NEWSGRAPH_LOCAL", "1") == "1",
    )
