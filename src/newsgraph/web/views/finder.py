"""``/entities``: find entities by name, alias, actor code or number, with
type and country facets, most mentioned first; ``/duplicates``: entities
that may be one, with merge and split buttons. The buttons post to
``/duplicates/merge`` and ``/duplicates/split``, which follow the write
rules of the API: the token (a form field) when the server has one, else
only on a server bound to localhost; and a form from another site is
refused (its Origin is not this server)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsgraph.errors import NewsgraphError
from newsgraph.store.curation import merge_entities, split_entity
from newsgraph.store.read import Engine, find, possible_duplicates
from newsgraph.web.links import href
from newsgraph.web.paging import Pager, page_number
from newsgraph.web.render import error_page, page
from newsgraph.web.views.common import form_write_refusal, int_id, needs_token, text_param

PER_PAGE = 50


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/entities", response_class=HTMLResponse)
    def finder_page(request: Request) -> HTMLResponse:
        params = request.query_params
        filters: dict[str, Any] = {
            "q": text_param(params, "q"),
            "type": (text_param(params, "type", 20) or "").upper() or None,
            "country": (text_param(params, "country", 3) or "").upper() or None,
        }
        number = page_number(params.get("page"))
        found = find(engine, limit=PER_PAGE, offset=(number - 1) * PER_PAGE, text=filters["q"],
                     type=filters["type"], country=filters["country"])  # fmt: skip

        def link(n: int) -> str:
            return href("/entities", filters, page=n)

        pager = Pager(number, found.total, link, PER_PAGE)
        return page("entities.html", section="entities", filters=filters, found=found, pager=pager)

    @router.get("/duplicates", response_class=HTMLResponse)
    def duplicates_page(request: Request) -> HTMLResponse:
        message = text_param(request.query_params, "done", 200)
        groups = possible_duplicates(engine, limit=100)
        token = needs_token(request)
        return page(
            "duplicates.html", section="entities", groups=groups, done=message, needs_token=token
        )

    async def _write(request: Request, action: str) -> Response:
        form = await request.form()
        refusal = form_write_refusal(request, form)
        if refusal:
            return error_page(403, "Not allowed", refusal, section="entities")
        try:
            if action == "merge":
                keep, gone = int_id(str(form.get("keep"))), int_id(str(form.get("gone")))
                if keep is None or gone is None:
                    return error_page(400, "Cannot merge", "Give two entity numbers.")
                merge_entities(engine, keep, gone)
                done = f"Merged entity {gone} into {keep}."
            else:
                entity = int_id(str(form.get("entity")))
                alias = " ".join(str(form.get("alias") or "").split())[:300]
                if entity is None or not alias:
                    return error_page(400, "Cannot split", "Give an entity number and a name.")
                new = split_entity(engine, entity, alias)
                done = f"Split {alias!r} off entity {entity} as entity {new}."
        except NewsgraphError as exc:
            return error_page(400, f"Cannot {action}", str(exc), section="entities")
        return RedirectResponse(href("/duplicates", done=done), status_code=303)

    @router.post("/duplicates/merge")
    async def merge_form(request: Request) -> Response:
        return await _write(request, "merge")

    @router.post("/duplicates/split")
    async def split_form(request: Request) -> Response:
        return await _write(request, "split")
