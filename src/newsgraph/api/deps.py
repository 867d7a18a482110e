"""What the API's routes share: the database, the guard of the write
endpoints and the common query parameters. The app (``api.app``) keeps the
engine, who may write (``WriteRule``) and the analysis gate on
``app.state``; routes ask for them through these dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy import Engine

from newsgraph.model.http import MAX_ID, WriteRule
from newsgraph.store.read import MAX_TEXT, parse_id

PREFIX = "/api/v1"

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
DateParam = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD."),
]
TextParam = Annotated[str | None, Query(max_length=300)]
EntityIdParam = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Entity id mentioned.")]


def database(request: Request) -> Engine:
    """The knowledge base the app serves."""
    engine: Engine = request.app.state.engine
    return engine


Database = Annotated[Engine, Depends(database)]


def plain_parameters(request: Request) -> None:
    """Every query and path parameter: 422 naming it when it holds a NUL
    byte or is over ``MAX_TEXT`` characters (before any route sees it)."""
    given = [*request.query_params.multi_items(), *request.path_params.items()]
    for name, value in given:
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise HTTPException(422, f"{name[:50]}: contains a NUL byte")
        if len(value) > MAX_TEXT:
            raise HTTPException(422, f"{name[:50]}: over {MAX_TEXT} characters")


def require_writer(request: Request) -> None:
    """Write endpoints (and analyses): the token when one is set; else a
    client on this machine of a server on localhost. The guard
    (``api.guard``) has checked this before the body was read; this is the
    same rule, at the route."""
    writers: WriteRule = request.app.state.writers
    client = request.client.host if request.client else None
    refusal = writers.refusal(authorization=request.headers.get("authorization"), client=client)
    if refusal is not None:
        raise HTTPException(*refusal)


Writer = Depends(require_writer)


def entity_number(entity_id: str) -> int:
    """The entity id in a path (ASCII digits); 404 for anything else."""
    number = parse_id(entity_id)
    if number is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return number
