"""``/alerts``: the saved alerts, what each looks for, where it sends, its
counts, its newest matches (with the sentences that matched) and a link to
its Atom feed; a form to add one and a button to remove one.

Adding and removing are writes and follow the API's rule: with
``NEWSGRAPH_TOKEN`` set the form must carry that token; without it, only a
server bound to localhost accepts them. Every write must come from a page of
this site (its ``Origin``, else ``Referer``, is this server), so another
site can't make a visitor's browser add a webhook. Secrets are never shown.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsgraph.errors import NewsgraphError
from newsgraph.store import alerts
from newsgraph.store.read import Engine
from newsgraph.web.render import page
from newsgraph.web.views.common import form_write_refusal, needs_token

FIELDS = (
    "name",
    "entity",
    "query",
    "source",
    "target",
    "type",
    "min_confidence",
    "speaker",
    "webhook",
    "secret",
    "email",
)
SHOWN_MATCHES = 5


def _text(form: FormData, name: str, limit: int = 2000) -> str | None:
    value = form.get(name)
    return " ".join(value.split())[:limit] or None if isinstance(value, str) else None


def add_routes(router: APIRouter, engine: Engine) -> None:
    def alerts_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        rules = alerts.list_rules(engine)
        matches = {
            rule.id: alerts.rule_matches(engine, str(rule.id), limit=SHOWN_MATCHES)
            for rule in rules
            if rule.matches
        }
        values: dict[str, Any] = {
            "section": "alerts",
            "rules": rules,
            "matches": matches,
            "problem": None,
            "form": {},
            "needs_token": needs_token(request),
        }
        return page("alerts.html", status, **(values | context))

    async def read_form(request: Request) -> FormData:
        try:
            return await request.form(max_files=0, max_fields=20, max_part_size=10_000)
        except StarletteHTTPException as exc:
            raise StarletteHTTPException(400, f"The form could not be read: {exc.detail}") from None

    @router.get("/alerts", response_class=HTMLResponse)
    def alerts_list(request: Request) -> HTMLResponse:
        return alerts_page(request)

    @router.post("/alerts", response_class=HTMLResponse)
    async def alerts_add(request: Request) -> Response:
        form = await read_form(request)
        given = {name: _text(form, name) for name in FIELDS}
        shown = {k: v for k, v in given.items() if k not in {"secret"}}
        problem = form_write_refusal(request, form)
        if problem:
            return alerts_page(request, 403, problem=problem, form=shown)
        confidence = None
        if given["min_confidence"]:
            try:
                confidence = float(given["min_confidence"] or "")
            except ValueError:
                return alerts_page(
                    request, 400, problem="The minimum confidence is a number.", form=shown
                )
        spec = alerts.RuleSpec(
            name=given["name"] or "",
            entity=given["entity"],
            query=given["query"],
            event_source=given["source"],
            event_target=given["target"],
            event_type=given["type"],
            min_confidence=confidence,
            speaker=given["speaker"],
            webhook=given["webhook"],
            secret=given["secret"],
            email=given["email"],
        )
        try:
            alerts.add_rule(engine, spec)
        except NewsgraphError as exc:
            return alerts_page(request, 400, problem=str(exc), form=shown)
        return RedirectResponse("/alerts", status_code=303)

    @router.post("/alerts/{rule_id}/remove", response_class=HTMLResponse)
    async def alerts_remove(rule_id: int, request: Request) -> Response:
        form = await read_form(request)
        problem = form_write_refusal(request, form)
        if problem:
            return alerts_page(request, 403, problem=problem)
        try:
            alerts.remove_rule(engine, str(rule_id))
        except NewsgraphError as exc:
            return alerts_page(request, 404, problem=str(exc))
        return RedirectResponse("/alerts", status_code=303)
