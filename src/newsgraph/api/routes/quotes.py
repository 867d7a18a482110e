"""``/api/v1/quotes``: quotes with their speakers."""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from newsgraph.api.deps import PREFIX, Database, DateParam, Limit, Offset, TextParam
from newsgraph.model import http
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["quotes"])


@router.get("/quotes", response_model=http.QuotePage)
def quotes(
    engine: Database,
    speaker: TextParam = None,
    since: DateParam = None,
    until: DateParam = None,
    offset: Offset = 0,
    limit: Limit = 50,
    text: Annotated[
        str | None,
        Query(max_length=300, description="Words the quote itself says (full-text)."),
    ] = None,
    kind: Literal["direct", "partial", "indirect"] | None = None,
) -> http.QuotePage:
    """Quotes with their speakers, newest articles first; ``text`` searches
    the quotes' own text, ``speaker`` is the quote's resolved speaker."""
    rows = read.quotes(
        engine,
        speaker=speaker,
        since=since,
        until=until,
        limit=offset + limit,
        text=text,
        kind=kind,
    )
    return http.QuotePage(
        items=[http.QuoteItemBody.model_validate(r) for r in itertools.islice(rows, offset, None)],
        offset=offset,
        limit=limit,
    )
