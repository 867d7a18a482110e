"""The analyst's endpoints: the entity finder and possible duplicates,
trends (mentions over time), and the networks as GraphML or GEXF."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from newsgraph.api.deps import PREFIX, Database, DateParam, Limit, Offset
from newsgraph.model import http_analyst as body
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["analysis"])

Text = Annotated[str | None, Query(max_length=300)]


@router.get("/entity-finder", response_model=body.EntityFinderPage)
def entity_finder(
    engine: Database,
    q: Annotated[str | None, Query(max_length=300, description="Name, alias, code or id.")] = None,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE...")] = None,
    country: Annotated[
        str | None, Query(max_length=3, description="ISO alpha-3 country; - for none.")
    ] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> body.EntityFinderPage:
    """Entities whose name or an alias contains ``q`` (or whose code or id
    it is), most mentioned first, with type and country facets."""
    found = read.find(engine, q, type=type, country=country, limit=limit, offset=offset)
    return body.EntityFinderPage(
        items=[body.FoundEntityBody.model_validate(e) for e in found.items],
        total=found.total,
        offset=offset,
        limit=limit,
        types=[body.FacetCount(value=v, count=n) for v, n in found.types],
        countries=[body.FacetCount(value=v, count=n) for v, n in found.countries],
    )


@router.get("/entity-duplicates", response_model=body.DuplicateList)
def entity_duplicates(engine: Database, limit: Limit = 100) -> body.DuplicateList:
    """Entities that may be one: the same name with different countries, a
    bare surname beside full names (merge or split them with the write
    endpoints of ``/entities/{id}``)."""
    groups = read.possible_duplicates(engine, limit=limit)
    return body.DuplicateList(items=[body.DuplicateGroupBody.model_validate(g) for g in groups])


@router.get("/trends", response_model=body.TrendBody)
def trends(
    engine: Database,
    entity: Annotated[int | None, Query(ge=1, description="An entity's id.")] = None,
    q: Text = None,
    by: Literal["month", "week"] = "month",
) -> body.TrendBody:
    """Mentions of an entity per month or week (``entity``), or the
    articles matching a search query per month or week (``q``)."""
    if entity is not None:
        if read.entity_name(engine, entity) is None:
            raise HTTPException(404, f"no entity {entity}")
        points = read.entity_trend(engine, entity, by=by)
        months = read.entity_months(engine, entity) if by == "month" else []
    elif q:
        points, months = read.query_trend(engine, q, by=by), []
    else:
        raise HTTPException(422, "entity or q: give one")
    return body.TrendBody(
        by=by,
        points=[body.TrendPointBody.model_validate(p) for p in points],
        months=[body.MonthCountsBody.model_validate(m) for m in months],
    )


@router.get(
    "/network",
    response_class=Response,
    responses={200: {"content": {t: {} for t in read.MEDIA_TYPES.values()}}},
)
def network(
    engine: Database,
    what: Literal["comentions", "events"] = "comentions",
    format: Literal["graphml", "gexf"] = "graphml",
    source: Text = None,
    target: Text = None,
    type: Text = None,
    since: DateParam = None,
    until: DateParam = None,
) -> Response:
    """The co-mention network (the 500 most mentioned entities, linked by
    the articles they share) or the actor-to-actor event network (filtered
    like ``/events``) as GraphML or GEXF, for Gephi or networkx."""
    filters = (
        {"source": source, "target": target, "type": type, "since": since, "until": until}
        if what == "events"
        else {}
    )
    out = io.BytesIO()
    read.write_graph(read.network(engine, what, **filters), format, out)
    return Response(
        out.getvalue(),
        media_type=read.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{what}.{format}"'},
    )
