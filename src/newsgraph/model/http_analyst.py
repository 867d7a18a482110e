"""Response bodies of the analyst's endpoints (entity finder, possible
duplicates, trends), beside ``model.http``: read from the typed rows of
``store.read`` by attribute."""

from __future__ import annotations

from newsgraph.model.http import Body


class FoundEntityBody(Body):
    id: int
    name: str
    type: str
    country: str | None
    code: str | None
    aliases: list[str]
    mentions: int
    articles: int


class FacetCount(Body):
    value: str
    count: int


class EntityFinderPage(Body):
    """Entities found by name, alias, code or id, most mentioned first, with
    the type and country facets of the whole answer."""

    items: list[FoundEntityBody]
    total: int
    offset: int
    limit: int
    types: list[FacetCount]
    countries: list[FacetCount]


class DuplicateGroupBody(Body):
    reason: str
    entities: list[FoundEntityBody]


class DuplicateList(Body):
    items: list[DuplicateGroupBody]


class TrendPointBody(Body):
    period: str
    count: int


class MonthCountsBody(Body):
    month: str
    articles: int
    mentions: int
    quotes: int
    events: int


class TrendBody(Body):
    """Counts per period: an entity's mentions or the articles matching a
    query; ``months`` (an entity, by month) adds its articles, quotes and
    events per month."""

    by: str
    points: list[TrendPointBody]
    months: list[MonthCountsBody]
