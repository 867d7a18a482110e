"""The few queries the pages need beyond ``newsgraph.store``: facet counts
for the search page, events with the knowledge-base id of their article,
and how often co-mentioned entities share articles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, extract, false, func, select

from newsgraph.store.listing import event_dict, event_filters, event_select
from newsgraph.store.query_common import DateBound, stream
from newsgraph.store.schema import ArticleEntityRow, ArticleRow, EntityRow, EventRow
from newsgraph.store.search import article_filters

FACET_LIMIT = 15


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
) -> Facets:
    """Facet counts of the articles matching the filters (and among
    ``within``, the article ids a search found, when given)."""
    base: list[ColumnElement[bool]] = []
    if within is not None:
        base.append(ArticleRow.id.in_(list(within)))
    if entity is not None:
        base.append(_mentions(entity))
    count = func.count(func.distinct(ArticleRow.id)).label("n")
    year = extract("year", ArticleRow.published)
    with engine.connect() as connection:
        outlets = connection.execute(
            select(ArticleRow.outlet, count)
            .where(
                *base, *article_filters(since, until, None, type), ArticleRow.outlet.is_not(None)
            )
            .group_by(ArticleRow.outlet)
            .order_by(count.desc(), ArticleRow.outlet)
            .limit(FACET_LIMIT)
        ).all()
        years = connection.execute(
            select(year.label("year"), count)
            .where(
                *base, *article_filters(None, None, outlet, type), ArticleRow.published.is_not(None)
            )
            .group_by(year)
            .order_by(year.desc())
            .limit(FACET_LIMIT)
        ).all()
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


def entity_name(engine: Engine, entity_id: int) -> str | None:
    with engine.connect() as connection:
        name = connection.execute(
            select(EntityRow.name).where(EntityRow.id == entity_id)
        ).scalar_one_or_none()
    return name


def event_types(engine: Engine) -> list[str]:
    """The event types the knowledge base holds."""
    with engine.connect() as connection:
        return [
            str(t)
            for t in connection.execute(
                select(EventRow.type).distinct().order_by(EventRow.type)
            ).scalars()
        ]


def _rows(engine: Engine, statement: Any) -> Iterator[dict[str, Any]]:
    for row in stream(engine, statement):
        values = event_dict(row)
        values["article"] = row.article_pk  # the knowledge-base id, for links
        yield values


def events(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
) -> Iterator[dict[str, Any]]:
    """``store.listing.event_rows`` with one more key, ``article``: the
    knowledge-base id of the event's article (``article_id`` is the
    article's own id)."""
    statement = (
        event_select()
        .add_columns(ArticleRow.id.label("article_pk"))
        .where(*event_filters(engine, source, target, type, since, until))
        .order_by(EventRow.date, EventRow.id)
    )
    return _rows(engine, statement)


def entity_events(
    engine: Engine, entity_id: int, names: Sequence[str], *, limit: int
) -> dict[str, list[dict[str, Any]]]:
    """The newest ``limit`` events an entity is the source of, the target
    of, and the reporter of (``reported_by`` is its name or an alias, as in
    ``store.profiles.entity_profile``), each with ``article`` as in
    ``events``."""
    newest = (EventRow.date.desc().nulls_last(), EventRow.id.desc())
    conditions = {
        "source": EventRow.source_entity_id == entity_id,
        "target": EventRow.target_entity_id == entity_id,
        "reported": EventRow.reported_by.in_(list(names)) if names else false(),
    }
    found = {}
    for role, condition in conditions.items():
        statement = (
            event_select()
            .add_columns(ArticleRow.id.label("article_pk"))
            .where(condition)
            .order_by(*newest)
            .limit(limit)
        )
        found[role] = list(_rows(engine, statement))
    return found


def shared_articles(
    engine: Engine, ids: Sequence[int], *, among: int | None = None, sample: int = 200
) -> dict[tuple[int, int], int]:
    """For each pair of the entities ``ids`` (smaller id first) that share
    articles, how many; with ``among``, counted in that entity's newest
    ``sample`` articles only (the network around one entity stays cheap
    however famous its neighbours are)."""
    if len(ids) < 2:
        return {}
    one = ArticleEntityRow.__table__.alias("one")
    two = ArticleEntityRow.__table__.alias("two")
    wanted = list(ids)
    shared = func.count(func.distinct(one.c.article_id))
    conditions = [
        one.c.entity_id.in_(wanted),
        two.c.entity_id.in_(wanted),
        one.c.entity_id < two.c.entity_id,
    ]
    if among is not None:
        newest = (
            select(ArticleEntityRow.article_id)
            .where(ArticleEntityRow.entity_id == among)
            .order_by(ArticleEntityRow.article_id.desc())
            .limit(sample)
        )
        conditions.append(one.c.article_id.in_(newest.scalar_subquery()))
    with engine.connect() as connection:
        rows = connection.execute(
            select(one.c.entity_id, two.c.entity_id, shared)
            .select_from(one.join(two, two.c.article_id == one.c.article_id))
            .where(*conditions)
            .group_by(one.c.entity_id, two.c.entity_id)
        ).all()
    return {(int(a), int(b)): int(n) for a, b, n in rows}
