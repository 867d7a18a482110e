"""``/api/v1/articles``: a page of articles, one article with its analysis,
deleting one (a write)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api.deps import (
    PREFIX,
    Database,
    DateParam,
    EntityIdParam,
    Limit,
    Offset,
    TextParam,
    Writer,
)
from newsgraph.model import http
from newsgraph.store import read
from newsgraph.store.curation import delete_article

router = APIRouter(prefix=PREFIX, tags=["articles"])


@router.get("/articles", response_model=http.ArticlePageBody)
def articles(
    engine: Database,
    since: DateParam = None,
    until: DateParam = None,
    outlet: TextParam = None,
    entity: EntityIdParam = None,
    type: Annotated[
        str | None, Query(max_length=300, description="An event type present, e.g. REJECT.")
    ] = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> http.ArticlePageBody:
    """Articles, newest first, with stable paging (``next_offset``)."""
    page = read.list_articles(
        engine, since=since, until=until, outlet=outlet, entity_id=entity,
        event_type=type, offset=offset, limit=limit,
    )  # fmt: skip
    return http.ArticlePageBody.model_validate(page)


def _number(engine: Any, article_id: str) -> int:
    """The article's number from its number or its own id; 422 for neither."""
    text = article_id.strip().lower()
    if not ((text.isascii() and text.isdigit()) or re.fullmatch(r"[0-9a-f]{16}", text)):
        raise HTTPException(422, "article_id: an article's number or its own id (16 hex digits)")
    number = read.article_number(engine, text)
    if number is None:
        raise HTTPException(404, f"no article {article_id}")
    return number


@router.get("/articles/{article_id}", response_model=http.ArticleViewBody)
def article(article_id: str, engine: Database) -> http.ArticleViewBody:
    """One article with its analysis and the other copies of its story;
    ``article_id`` is its number or its own id (as exports give it)."""
    view = read.article_view(engine, _number(engine, article_id))
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    return http.ArticleViewBody.model_validate(view)


@router.delete("/articles/{article_id}", response_model=http.Deleted, dependencies=[Writer])
def remove_article(article_id: str, engine: Database) -> http.Deleted:
    """Delete an article and its analysis (write); by number or own id."""
    number = _number(engine, article_id)
    if not delete_article(engine, number):
        raise HTTPException(404, f"no article {article_id}")
    return http.Deleted(deleted=number)
