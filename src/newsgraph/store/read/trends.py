"""Counts over time: an entity's articles, mentions, quotes and events per
month (precomputed at ingest, ``entity_months``), its mentions per week,
and the articles matching a search query per month or week."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import Engine, bindparam, column, func, literal_column, select, table

from newsgraph.store.read.common import iso
from newsgraph.store.read.search import fts5_query, websearch_text
from newsgraph.store.schema import ArticleRow, EntityMonthRow, MentionRow

Period = Literal["month", "week"]
PERIODS: tuple[Period, ...] = ("month", "week")


@dataclass
class MonthCounts:
    """An entity's counts in one month (YYYY-MM) of publication."""

    month: str
    articles: int
    mentions: int
    quotes: int
    events: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TrendPoint:
    """A count in one period: ``period`` is YYYY-MM (a month) or the
    Monday starting an ISO week (YYYY-MM-DD)."""

    period: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_months(engine: Engine, entity_id: int) -> list[MonthCounts]:
    """The entity's precomputed counts per month, oldest first (undated
    articles left out)."""
    with engine.connect() as connection:
        return months_of(connection, entity_id)


_MONTHS = (
    select(
        EntityMonthRow.month,
        EntityMonthRow.articles,
        EntityMonthRow.mentions,
        EntityMonthRow.quotes,
        EntityMonthRow.events,
    )
    .where(EntityMonthRow.entity_id == bindparam("entity"), EntityMonthRow.month != "")
    .order_by(EntityMonthRow.month)
)


def months_of(connection: Any, entity_id: int) -> list[MonthCounts]:
    """``entity_months`` on an open connection."""
    rows = connection.execute(_MONTHS, {"entity": entity_id}).all()
    return [MonthCounts(r.month, r.articles, r.mentions, r.quotes, r.events) for r in rows]


def period_of(day: dt.date, by: Period) -> str:
    """The period a day falls in: its month (YYYY-MM) or the Monday of its week."""
    if by == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()[:7]


def fill_periods(counts: Counter[str], by: Period) -> list[TrendPoint]:
    """Every period from the first to the last, empty ones as 0."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    points: list[TrendPoint] = []
    if by == "week":
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        while day <= end:
            points.append(TrendPoint(day.isoformat(), counts.get(day.isoformat(), 0)))
            day += dt.timedelta(days=7)
        return points
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        points.append(TrendPoint(key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return points


def entity_trend(engine: Engine, entity_id: int, *, by: Period = "month") -> list[TrendPoint]:
    """The entity's mentions per month (precomputed) or week, every period
    from the first to the last (undated articles left out)."""
    if by == "month":
        return fill_periods(
            Counter({m.month: m.mentions for m in entity_months(engine, entity_id)}), by
        )
    counts: Counter[str] = Counter()
    with engine.connect() as connection:
        for published, n in connection.execute(
            select(ArticleRow.published, func.count())
            .join(MentionRow, MentionRow.article_id == ArticleRow.id)
            .where(MentionRow.entity_id == entity_id, ArticleRow.published.is_not(None))
            .group_by(ArticleRow.published)
        ):
            counts[period_of(_day(published), by)] += n
    return fill_periods(counts, by)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(iso(value))[:10])


def query_trend(engine: Engine, text: str, *, by: Period = "month") -> list[TrendPoint]:
    """The articles matching the search ``text`` (read as ``search`` reads
    it) per month or week of publication."""
    dated = ArticleRow.published.is_not(None)
    if engine.dialect.name == "postgresql":
        words = websearch_text(text)
        if words is None:
            return []
        english: Any = literal_column("'english'::regconfig")
        vector: Any = literal_column("articles.search")
        statement = (
            select(ArticleRow.published, func.count())
            .where(vector.op("@@")(func.websearch_to_tsquery(english, words)), dated)
            .group_by(ArticleRow.published)
        )
    else:
        query = fts5_query(text)
        if query is None:
            return []
        fts = table("articles_fts", column("rowid"))
        statement = (
            select(ArticleRow.published, func.count())
            .join(fts, fts.c.rowid == ArticleRow.id)
            .where(literal_column("articles_fts").op("MATCH")(query), dated)
            .group_by(ArticleRow.published)
        )
    counts: Counter[str] = Counter()
    with engine.connect() as connection:
        for published, n in connection.execute(statement):
            counts[period_of(_day(published), by)] += n
    return fill_periods(counts, by)
