"""``/api/v1/events``: events as GDELT-like rows."""

from __future__ import annotations

import itertools

from fastapi import APIRouter

from newsgraph.api.deps import PREFIX, Database, DateParam, Limit, Offset, TextParam
from newsgraph.model import http
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["events"])


@router.get("/events", response_model=http.EventPage)
def events(
    engine: Database,
    source: TextParam = None,
    target: TextParam = None,
    type: TextParam = None,
    since: DateParam = None,
    until: DateParam = None,
    place: TextParam = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> http.EventPage:
    """Events (GDELT-like rows) by date: filter by actor code prefix or
    name, PLOVER type, time range and place (name or country code)."""
    rows = read.events(engine, source=source, target=target, type=type, since=since, until=until)
    if place:
        wanted = place.strip().casefold()
        rows = (
            r for r in rows if wanted in {(r.place or "").casefold(), (r.country or "").casefold()}
        )
    page = itertools.islice(rows, offset, offset + limit)
    return http.EventPage(
        items=[http.EventItemBody.model_validate(r) for r in page], offset=offset, limit=limit
    )
