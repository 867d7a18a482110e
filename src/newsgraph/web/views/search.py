"""``/`` and ``/search``: full-text search (ranked, with snippets) or, with
no query, the newest articles; facets by outlet, year and event type; an
entity filter (``entity=<id>``); pages of 20."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from newsgraph.store.read import (
    Engine,
    entity_name,
    facets,
    list_articles,
    matching_ids,
    parse_query,
    search,
    snippets,
)
from newsgraph.web.links import href
from newsgraph.web.paging import PER_PAGE, Pager, page_number
from newsgraph.web.render import page
from newsgraph.web.views.common import date_problems, int_id, text_param

SEARCH_CAP = 500
"""Search hits read for one query: the filters, facets and pages work on these."""

_BRACKETED = re.compile(r"\[([^\[\]\n]{1,200})\]")


def mark_snippet(snippet: str, query: str) -> Markup:
    """The snippet with the search's ``[hits]`` as ``<mark>``: the text
    is escaped piece by piece; brackets around words the query does not
    ask for (brackets in the article itself) stay as they are."""
    words = {
        w.casefold()
        for clause in parse_query(query).clauses
        for term in clause
        for w in re.findall(r"\w+", term)
    }

    def asked(inner: str) -> bool:
        found = inner.casefold()
        return any(found.startswith(w[:4]) or w.startswith(found[:4]) for w in words if found)

    out: list[Markup] = []
    position = 0
    for match in _BRACKETED.finditer(snippet):
        out.append(escape(snippet[position : match.start()]))
        if asked(match.group(1)):
            out.append(Markup("<mark>{}</mark>").format(match.group(1)))
        else:
            out.append(escape(match.group(0)))
        position = match.end()
    out.append(escape(snippet[position:]))
    return Markup("").join(out)


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/", response_class=HTMLResponse)
    @router.get("/search", response_class=HTMLResponse)
    def search_page(request: Request) -> HTMLResponse:
        params = request.query_params
        q = text_param(params, "q", 500)
        outlet = text_param(params, "outlet")
        since, until = text_param(params, "since", 10), text_param(params, "until", 10)
        event_type = (text_param(params, "type", 30) or "").upper() or None
        entity = int_id(params.get("entity"))
        number = page_number(params.get("page"))
        filters: dict[str, Any] = {
            "q": q, "outlet": outlet, "since": since, "until": until,
            "type": event_type, "entity": entity,
        }  # fmt: skip
        context: dict[str, Any] = {
            "section": "search",
            "filters": filters,
            "entity_name": entity_name(engine, entity) if entity else None,
            "problems": date_problems(since=since, until=until),
            "items": [],
            "pager": None,
            "facets": None,
            "capped": False,
            "kb_empty": False,
        }
        if context["problems"]:
            return page("search.html", 400, **context)

        def link(n: int) -> str:
            return href("/search", filters, page=n)

        options: dict[str, Any] = {
            "since": since, "until": until, "outlet": outlet, "type": event_type, "entity": entity,
        }  # fmt: skip
        if q:
            hits = search(engine, q, limit=SEARCH_CAP, snippets=False)  # the ranking, cheaply
            found = [h.article for h in hits]
            if any(value is not None for value in options.values()):
                keep = matching_ids(engine, found, **options)
                results = [h for h in hits if h.article in keep]
            else:  # no filter: every hit passes
                results = hits
            pager = Pager(number, len(results), link)
            shown = results[pager.offset : pager.offset + PER_PAGE]
            found_snippets = snippets(engine, q, [h.article for h in shown])
            context["items"] = [
                {
                    "id": h.article,
                    "headline": h.headline,
                    "outlet": h.outlet,
                    "published": h.published,
                    "url": h.url,
                    "snippet": mark_snippet(found_snippets.get(h.article, ""), q),
                }
                for h in shown
            ]
            context["capped"] = len(hits) >= SEARCH_CAP
            context["facets"] = facets(engine, within=found, hits=hits, **options)
        else:
            pager = Pager(number, 0, link)
            listing = list_articles(
                engine, since=since, until=until, outlet=outlet, entity_id=entity,
                event_type=event_type, offset=pager.offset, limit=PER_PAGE,
            )  # fmt: skip
            pager.total = listing.total
            context["items"] = [asdict(item) | {"snippet": None} for item in listing.items]
            context["facets"] = facets(engine, **options)
            context["kb_empty"] = listing.total == 0 and not any(filters.values())
        context["pager"] = pager
        return page("search.html", **context)
