"""``/api/v1/stories``: syndicated copies grouped into stories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsgraph.api.deps import PREFIX, Database, Limit
from newsgraph.model import http
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["stories"])


@router.get("/stories", response_model=http.StoryList)
def stories(
    engine: Database, min_size: Annotated[int, Query(ge=1, le=1000)] = 2, limit: Limit = 50
) -> http.StoryList:
    """Stories (syndicated copies grouped), largest first."""
    found = read.stories(engine, min_size=min_size, limit=limit)
    return http.StoryList(items=[http.StoryRowBody.model_validate(s) for s in found])
