"""``/trends``: mentions over time of an entity (``entity=``), or the
articles matching a search query (``q=``), by month or week (``by=``), as a
server-rendered bar chart; the numbers beside it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsgraph.store.read import (
    Engine,
    MonthCounts,
    Period,
    TrendPoint,
    entity_name,
    entity_trend,
    fill_periods,
    query_trend,
)
from newsgraph.web.charts import BarChart
from newsgraph.web.render import page
from newsgraph.web.trends import TREND_COLOUR, count_chart
from newsgraph.web.views.common import int_id, text_param


def entity_charts(months: list[MonthCounts]) -> dict[str, BarChart | None]:
    """An entity's mentions, quotes and events per month (precomputed:
    ``entity_months``), as charts for its page."""
    points = {m.month: m for m in months}
    every = [p.period for p in _filled(sorted(points))]

    def chart(what: str, colour: str) -> BarChart | None:
        pairs = [(k, getattr(points[k], what) if k in points else 0) for k in every]
        return count_chart(pairs, what=what, colour=colour, height=140)

    return {
        "mentions": chart("mentions", TREND_COLOUR),
        "quotes": chart("quotes", "#8a5a9e"),
        "events": chart("events", "#b5642a"),
    }


def _filled(months: list[str]) -> list[TrendPoint]:
    if not months:
        return []
    return fill_periods(Counter(dict.fromkeys(months, 1)), "month")


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/trends", response_class=HTMLResponse)
    def trends_page(request: Request) -> HTMLResponse:
        params = request.query_params
        by: Period = "week" if params.get("by") == "week" else "month"
        entity = int_id(params.get("entity"))
        q = None if entity else text_param(params, "q", 300)
        filters: dict[str, Any] = {"q": q, "entity": entity, "by": by}
        name = entity_name(engine, entity) if entity else None
        points = []
        if entity and name:
            points = entity_trend(engine, entity, by=by)
            what = "mentions"
        elif q:
            points = query_trend(engine, q, by=by)
            what = "articles"
        else:
            what = "articles"
        pairs = [(p.period, p.count) for p in points]
        return page(
            "trends.html",
            section="trends",
            filters=filters,
            entity_label=name,
            what=what,
            points=pairs,
            chart=count_chart(
                pairs, unit=by, what=what, width=max(720, min(2400, 14 * len(pairs)))
            ),
        )
