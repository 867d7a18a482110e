"""``/quotes``: who said what about X. Quotes whose own text matches
``text`` (full-text), by ``speaker`` (the quote's resolved speaker), kind
and dates, grouped by speaker (the most quoted first), each quote linked
to its place in the article."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsgraph.store.read import Engine, QuoteItem, quotes
from newsgraph.web.links import href
from newsgraph.web.paging import Pager, page_number
from newsgraph.web.render import page
from newsgraph.web.views.common import date_problems, text_param

SCAN_LIMIT = 5000
"""Quotes read for one page (the newest, when more match)."""
SPEAKERS_PER_PAGE = 10
KINDS = ("direct", "partial", "indirect")


@dataclass
class SpeakerGroup:
    """One speaker's quotes (``id`` None: a speaker no entity stands for)."""

    id: int | None
    name: str
    quotes: list[QuoteItem] = field(default_factory=list)


def group_by_speaker(found: list[QuoteItem]) -> list[SpeakerGroup]:
    groups: dict[Any, SpeakerGroup] = {}
    for quote in found:
        key = quote.speaker_id if quote.speaker_id is not None else (quote.speaker or "").lower()
        group = groups.setdefault(
            key, SpeakerGroup(quote.speaker_id, quote.speaker or "unknown speaker")
        )
        group.quotes.append(quote)
    return sorted(groups.values(), key=lambda g: (-len(g.quotes), g.name.casefold()))


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/quotes", response_class=HTMLResponse)
    def quotes_page(request: Request) -> HTMLResponse:
        params = request.query_params
        kind = (text_param(params, "kind", 10) or "").lower() or None
        filters: dict[str, Any] = {
            "text": text_param(params, "text", 300),
            "speaker": text_param(params, "speaker", 100),
            "kind": kind if kind in KINDS else None,
            "since": text_param(params, "since", 10),
            "until": text_param(params, "until", 10),
        }
        context: dict[str, Any] = {
            "section": "quotes",
            "filters": filters,
            "kinds": KINDS,
            "problems": date_problems(since=filters["since"], until=filters["until"]),
            "groups": [],
            "pager": None,
            "total": 0,
            "capped": False,
        }
        if context["problems"]:
            return page("quotes.html", 400, **context)
        found = list(
            itertools.islice(quotes(engine, limit=SCAN_LIMIT + 1, **filters), SCAN_LIMIT + 1)
        )
        context["capped"] = len(found) > SCAN_LIMIT
        found = found[:SCAN_LIMIT]
        groups = group_by_speaker(found)

        def link(n: int) -> str:
            return href("/quotes", filters, page=n)

        pager = Pager(page_number(params.get("page")), len(groups), link, SPEAKERS_PER_PAGE)
        context["groups"] = groups[pager.offset : pager.offset + SPEAKERS_PER_PAGE]
        context["pager"] = pager
        context["total"] = len(found)
        return page("quotes.html", **context)
