"""``/download/{list}?...&format=csv|jsonl``: what a list page shows, under
the same filters, as CSV or JSON Lines, streamed (``web.downloads``):
search results, quotes, events, entities found, an entity's articles."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import asdict, fields
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from newsgraph.store.read import (
    FINDER_COLUMNS,
    MAX_PAGE,
    QUOTE_COLUMNS,
    Engine,
    LinkedEvent,
    SearchHit,
    find,
    linked_events,
    list_articles,
    matching_ids,
    quotes,
    search,
)
from newsgraph.web.downloads import MAX_ROWS, download, wanted_format
from newsgraph.web.render import error_page
from newsgraph.web.views.common import date_problems, int_id, text_param
from newsgraph.web.views.search import SEARCH_CAP

SEARCH_COLUMNS = tuple(f.name for f in fields(SearchHit))
EVENT_COLUMNS = tuple(f.name for f in fields(LinkedEvent))
ARTICLE_COLUMNS = ("id", "key", "url", "outlet", "section", "headline", "published", "story_id")


def _entity_articles(engine: Engine, entity: int) -> Iterator[dict[str, Any]]:
    """Every article mentioning the entity, newest first, a page at a time."""
    for offset in range(0, MAX_ROWS, MAX_PAGE):
        listing = list_articles(engine, entity_id=entity, offset=offset, limit=MAX_PAGE)
        yield from (asdict(a) for a in listing.items)
        if offset + MAX_PAGE >= listing.total:
            return


def _bad(message: str) -> Response:
    return error_page(400, "Cannot download", message)


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/download/{kind}")
    def download_list(kind: str, request: Request) -> Response:
        params = request.query_params
        fmt = wanted_format(params.get("format"))
        if fmt is None:
            return _bad("Ask for format=csv or format=jsonl.")
        since, until = text_param(params, "since", 10), text_param(params, "until", 10)
        problems = date_problems(since=since, until=until)
        if problems:
            return _bad(" ".join(problems))
        rows: Any
        if kind == "search":
            q = text_param(params, "q", 500)
            options: dict[str, Any] = {
                "since": since,
                "until": until,
                "outlet": text_param(params, "outlet"),
                "type": (text_param(params, "type", 30) or "").upper() or None,
                "entity": int_id(params.get("entity")),
            }
            if not q:
                return _bad("A search download needs a query (q=).")
            hits = search(engine, q, limit=SEARCH_CAP)
            keep = matching_ids(engine, [h.article for h in hits], **options)
            rows, columns = (h.to_dict() for h in hits if h.article in keep), SEARCH_COLUMNS
        elif kind == "quotes":
            rows = (
                q.to_dict()
                for q in quotes(
                    engine,
                    speaker=text_param(params, "speaker", 100),
                    text=text_param(params, "text", 300),
                    kind=text_param(params, "kind", 10),
                    since=since,
                    until=until,
                    limit=MAX_ROWS,
                )
            )
            columns = QUOTE_COLUMNS
        elif kind == "events":
            found = linked_events(
                engine,
                source=text_param(params, "source", 100),
                target=text_param(params, "target", 100),
                type=(text_param(params, "type", 30) or "").upper() or None,
                since=since,
                until=until,
            )
            rows, columns = (asdict(e) for e in itertools.islice(found, MAX_ROWS)), EVENT_COLUMNS
        elif kind == "entities":
            finding = find(
                engine,
                text_param(params, "q"),
                type=text_param(params, "type", 20),
                country=text_param(params, "country", 3),
                limit=MAX_ROWS,
            )
            rows, columns = (e.to_dict() for e in finding.items), FINDER_COLUMNS
        elif kind == "entity-articles":
            entity = int_id(params.get("entity"))
            if entity is None:
                return _bad("An entity's articles need its number (entity=).")
            rows, columns = _entity_articles(engine, entity), ARTICLE_COLUMNS
        else:
            return error_page(404, "Not found", "There is no such list to download.")
        return download(rows, columns, fmt, kind)
