"""``/api/v1/entities``: entities by name, an entity's profile, merging and
splitting entities (writes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api.deps import PREFIX, Database, Limit, Writer, entity_number
from newsgraph.model import http
from newsgraph.store import read
from newsgraph.store.curation import merge_entities, split_entity

router = APIRouter(prefix=PREFIX, tags=["entities"])


@router.get("/entities", response_model=http.EntityList)
def entities(
    q: Annotated[str, Query(min_length=1, max_length=300, description="Name, alias or id.")],
    engine: Database,
) -> http.EntityList:
    """Entities answering to a name (most mentioned first)."""
    found = read.find_entities(engine, q)
    return http.EntityList(items=[http.EntityBriefBody.model_validate(e) for e in found])


@router.get("/entities/{entity_id}", response_model=http.EntityProfileBody)
def entity(entity_id: str, engine: Database, limit: Limit = 20) -> http.EntityProfileBody:
    """An entity's profile: names, roles over time, quotes, events,
    articles, co-mentioned entities (``entity_id``: ASCII digits)."""
    number = entity_number(entity_id)
    profile = read.entity_profile(engine, number, limit=limit)
    if profile is None or profile.id != number:
        raise HTTPException(404, f"no entity {entity_id}")
    return http.EntityProfileBody.model_validate(profile)


@router.post("/entities/{entity_id}/merge", response_model=http.Merged, dependencies=[Writer])
def merge(entity_id: str, body: http.MergeRequest, engine: Database) -> http.Merged:
    """Fold another entity into this one (write)."""
    kept = entity_number(entity_id)
    merge_entities(engine, kept, body.gone)
    return http.Merged(kept=kept, merged=body.gone)


@router.post("/entities/{entity_id}/split", response_model=http.Split, dependencies=[Writer])
def split(entity_id: str, body: http.SplitRequest, engine: Database) -> http.Split:
    """Make the mentions under one alias a new entity (write)."""
    number = entity_number(entity_id)
    return http.Split(entity=number, new=split_entity(engine, number, body.alias))
