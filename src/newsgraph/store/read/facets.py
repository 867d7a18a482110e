"""What a page of search results needs beside the hits: facet counts of the
matching articles (by outlet, year and event type) and which of the hits
pass the page's filters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, extract, func, select

from newsgraph.store.read.common import DateBound
from newsgraph.store.read.search import SearchHit, article_filters
from newsgraph.store.schema import ArticleEntityRow, ArticleRow, EventRow

FACET_LIMIT = 15
"""Values listed per facet (the most frequent)."""


@dataclass
class Facets:
    """Counts of the matching articles by outlet, year and event type; each
    facet ignores its own filter (so the other values stay reachable)."""

    outlets: list[tuple[str, int]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)


def _mentions(entity_id: int) -> ColumnElement[bool]:
    return exists().where(
        and_(ArticleEntityRow.article_id == ArticleRow.id, ArticleEntityRow.entity_id == entity_id)
    )


def facets(
    engine: Engine,
    *,
    since: DateBound,
    until: DateBound,
    outlet: str | None,
    type: str | None,
    entity: int | None,
    within: Sequence[int] | None = None,
    hits: Sequence[SearchHit] | None = None,
) -> Facets:
    """Facet counts of the articles matching the filters (and among
    ``within``, the article ids a search found, when given). ``hits``: the
    search's hits themselves (``within`` their ids): without filters, on
    SQLite, their outlets and years are counted from them as the database
    would count them (two queries fewer)."""
    unfiltered = not (since or until or outlet or type) and entity is None
    counted = (
        hits is not None
        and unfiltered
        and engine.dialect.name == "sqlite"
        and within is not None
        and [h.article for h in hits] == list(within)
    )
    base: list[ColumnElement[bool]] = []
    if within is not None:
        base.append(ArticleRow.id.in_(list(within)))
    if entity is not None:
        base.append(_mentions(entity))
    count = func.count(func.distinct(ArticleRow.id)).label("n")
    with engine.connect() as connection:
        if counted and hits is not None:
            outlets, years = _outlets_and_years(hits)
        else:
            outlets, years = _outlet_and_year_rows(connection, base, since, until, outlet, type)
        types = connection.execute(
            select(EventRow.type, count)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(*base, *article_filters(since, until, outlet, None))
            .group_by(EventRow.type)
            .order_by(count.desc(), EventRow.type)
            .limit(FACET_LIMIT)
        ).all()
    return Facets(
        outlets=[(str(o), int(n)) for o, n in outlets],
        years=[(int(y), int(n)) for y, n in years if y is not None],
        types=[(str(t), int(n)) for t, n in types],
    )


def _outlets_and_years(hits: Sequence[SearchHit]) -> tuple[list[Any], list[Any]]:
    """The outlet and year facets of distinct articles, in SQLite's order:
    most articles first, then the outlet by code point (BINARY collation);
    years newest first."""
    outlets = Counter(h.outlet for h in hits if h.outlet is not None)
    years = Counter(int(h.published[:4]) for h in hits if h.published is not None)
    return (
        sorted(outlets.items(), key=lambda item: (-item[1], item[0]))[:FACET_LIMIT],
        sorted(years.items(), reverse=True)[:FACET_LIMIT],
    )


def _outlet_and_year_rows(
    connection: Any,
    base: list[ColumnElement[bool]],
    since: DateBound,
    until: DateBound,
    outlet: str | None,
    type: str | None,
) -> tuple[list[Any], list[Any]]:
    count = func.count(func.distinct(ArticleRow.id)).label("n")
    year = extract("year", ArticleRow.published)
    outlets = connection.execute(
        select(ArticleRow.outlet, count)
        .where(*base, *article_filters(since, until, None, type), ArticleRow.outlet.is_not(None))
        .group_by(ArticleRow.outlet)
        .order_by(count.desc(), ArticleRow.outlet)
        .limit(FACET_LIMIT)
    ).all()
    years = connection.execute(
        select(year.label("year"), count)
        .where(*base, *article_filters(None, None, outlet, type), ArticleRow.published.is_not(None))
        .group_by(year)
        .order_by(year.desc())
        .limit(FACET_LIMIT)
    ).all()
    return outlets, years


def matching_ids(
    engine: Engine,
    ids: Sequence[int],
    *,
    since: DateBound,
    until: DateBound,
    outlet: str | None,
    type: str | None,
    entity: int | None,
) -> set[int]:
    """Which of the articles ``ids`` pass the filters."""
    if not ids:
        return set()
    conditions = [ArticleRow.id.in_(list(ids)), *article_filters(since, until, outlet, type)]
    if entity is not None:
        conditions.append(_mentions(entity))
    with engine.connect() as connection:
        return set(connection.execute(select(ArticleRow.id).where(*conditions)).scalars())
