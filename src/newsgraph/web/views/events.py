"""``/events``: events filtered by source, target (code prefix such as IRN,
or an entity name or id), type and dates; their counts by month and type
(stacked bars); the actors linked by them (country-level codes, a
network); and the events themselves, newest first, 20 a page."""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsgraph.store.read import Engine, event_types, linked_events
from newsgraph.web.charts import newest_first, stacked_counts
from newsgraph.web.colours import PLOVER_TYPES, type_order
from newsgraph.web.links import href
from newsgraph.web.networks import actor_network
from newsgraph.web.paging import PER_PAGE, Pager, page_number
from newsgraph.web.render import page
from newsgraph.web.views.common import date_problems, text_param

SCAN_LIMIT = 20_000
"""Events read for the charts and the table (the oldest, when there are more)."""


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/events", response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        params = request.query_params
        filters: dict[str, Any] = {
            "source": text_param(params, "source", 100),
            "target": text_param(params, "target", 100),
            "type": (text_param(params, "type", 30) or "").upper() or None,
            "since": text_param(params, "since", 10),
            "until": text_param(params, "until", 10),
        }
        types = sorted(set(PLOVER_TYPES) | set(event_types(engine)), key=type_order)
        context: dict[str, Any] = {
            "section": "events",
            "filters": filters,
            "types": types,
            "problems": date_problems(since=filters["since"], until=filters["until"]),
            "rows": [],
            "pager": None,
            "chart": None,
            "network": None,
            "capped": False,
        }
        if context["problems"]:
            return page("events.html", 400, **context)
        found = list(itertools.islice(linked_events(engine, **filters), SCAN_LIMIT + 1))
        context["capped"] = len(found) > SCAN_LIMIT
        found = found[:SCAN_LIMIT]

        def link(n: int) -> str:
            return href("/events", filters, page=n) + "#table"

        pager = Pager(page_number(params.get("page")), len(found), link)
        newest = newest_first(found)
        context["rows"] = newest[pager.offset : pager.offset + PER_PAGE]
        context["pager"] = pager
        context["chart"] = stacked_counts(found)
        context["network"] = actor_network(
            found, link=lambda code: href("/events", filters, source=code, page=None)
        )
        return page("events.html", **context)
