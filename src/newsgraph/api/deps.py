"""What the API's routes share: the database, the guard of the write
endpoints and the common query parameters. The app (``api.app``) keeps the
engine, the token and the exposure on ``app.state``; routes ask for them
through these dependencies."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy import Engine

PREFIX = "/api/v1"

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
DateParam = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD."),
]


def database(request: Request) -> Engine:
    """The knowledge base the app serves."""
    engine: Engine = request.app.state.engine
    return engine


Database = Annotated[Engine, Depends(database)]


def require_writer(request: Request) -> None:
    """Write endpoints: the token when one is set; else localhost only."""
    token: str | None = request.app.state.token
    if token:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'")
        return
    if not request.app.state.local:
        raise HTTPException(403, "writes are off: set NEWSGRAPH_TOKEN on a server not on localhost")


Writer = Depends(require_writer)
