"""``/api/v1/search``: ranked full-text search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsgraph.api.deps import PREFIX, Database, DateParam, Limit, Offset, TextParam
from newsgraph.model import http
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["search"])


@router.get("/search", response_model=http.SearchPage)
def search(
    q: Annotated[
        str, Query(min_length=1, max_length=500, description='Words, "phrases", OR, -word.')
    ],
    engine: Database,
    since: DateParam = None,
    until: DateParam = None,
    outlet: TextParam = None,
    type: TextParam = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> http.SearchPage:
    """Ranked full-text search with snippets (hits in [brackets])."""
    hits = read.search(
        engine, q, since=since, until=until, outlet=outlet, type=type, limit=limit, offset=offset
    )
    return http.SearchPage(
        items=[http.SearchHitBody.model_validate(h) for h in hits], offset=offset, limit=limit
    )
