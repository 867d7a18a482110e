"""``/api/v1/alerts``: saved alerts (list, add and remove: adding and
removing are writes), each alert's matches as JSON and as an Atom feed; and
``/api/v1/sources``: the sources `watch` follows.

Secrets never leave the knowledge base: a rule shows ``has_secret`` and a
webhook URL without password or query string, in JSON and in its feed. The
server fetches nothing: webhooks are called by `watch`, `ingest` and `load`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import PREFIX, Database, Limit, Writer
from newsgraph.errors import QueryError
from newsgraph.model import http_alerts
from newsgraph.store import alerts, feeds

router = APIRouter(prefix=PREFIX, tags=["alerts"])

ATOM = "http://www.w3.org/2005/Atom"


def _rule(engine: Database, name: str) -> alerts.RuleView:
    try:
        return alerts.get_rule(engine, name)
    except QueryError as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/alerts", response_model=http_alerts.AlertList)
def list_alerts(engine: Database) -> http_alerts.AlertList:
    """Every saved alert with its counts (matches, sent, waiting, failed)."""
    return http_alerts.AlertList(
        items=[http_alerts.AlertRuleBody.model_validate(r) for r in alerts.list_rules(engine)]
    )


@router.post("/alerts", response_model=http_alerts.AlertRuleBody, dependencies=[Writer])
def add_alert(body: http_alerts.AlertRequest, engine: Database) -> http_alerts.AlertRuleBody:
    """Save an alert (write): evaluated on every article stored from now on."""
    spec = alerts.RuleSpec(
        name=body.name,
        entity=body.entity,
        query=body.query,
        event_source=body.source,
        event_target=body.target,
        event_type=body.type,
        min_confidence=body.min_confidence,
        speaker=body.speaker,
        webhook=body.webhook,
        secret=body.secret,
        email=body.email,
    )
    try:
        view = alerts.add_rule(engine, spec)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    return http_alerts.AlertRuleBody.model_validate(view)


@router.delete("/alerts/{name}", response_model=http_alerts.AlertRuleBody, dependencies=[Writer])
def remove_alert(name: str, engine: Database) -> http_alerts.AlertRuleBody:
    """Remove an alert (write), by name or id, with its matches."""
    try:
        view = alerts.remove_rule(engine, name)
    except QueryError as exc:
        raise HTTPException(404, str(exc)) from None
    return http_alerts.AlertRuleBody.model_validate(view)


@router.get("/alerts/{name}/matches", response_model=http_alerts.AlertMatchList)
def alert_matches(name: str, engine: Database, limit: Limit = 50) -> http_alerts.AlertMatchList:
    """The newest articles an alert matched, with the matching facts."""
    rule = _rule(engine, name)
    found = alerts.rule_matches(engine, str(rule.id), limit=limit)
    return http_alerts.AlertMatchList(
        items=[http_alerts.AlertMatchBody.model_validate(m) for m in found]
    )


@router.get("/alerts/{name}/feed", include_in_schema=False)
def alert_feed(
    name: str,
    engine: Database,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    """The alert's matches as an Atom feed (application/atom+xml)."""
    rule = _rule(engine, name)
    matches = alerts.rule_matches(engine, str(rule.id), limit=limit)
    return Response(
        atom_feed(rule, matches, str(request.url)),
        media_type="application/atom+xml; charset=utf-8",
    )


def atom_feed(rule: alerts.RuleView, matches: list[alerts.MatchView], self_url: str) -> bytes:
    """An Atom 1.0 document of a rule's matches, newest first (ElementTree
    escapes every value; no secret or destination is in it)."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    add(feed, "id", f"urn:newsgraph:alert:{rule.id}")
    add(feed, "title", f"newsgraph alert: {rule.name}")
    add(feed, "subtitle", f"{rule.kind}: {rule.describe()}")
    add(feed, "link", rel="self", href=self_url)
    newest = matches[0].matched_at if matches else rule.created_at
    add(feed, "updated", _rfc3339(newest))
    add(add(feed, "author"), "name", "newsgraph")
    for match in matches:
        entry = add(feed, "entry")
        add(entry, "id", f"urn:newsgraph:alert:{rule.id}:article:{match.article_id}")
        add(entry, "title", match.headline or match.url or match.article_id)
        if match.url and match.url.startswith(("http://", "https://")):
            add(entry, "link", rel="alternate", href=match.url)
        add(entry, "updated", _rfc3339(match.matched_at))
        if match.published:
            add(entry, "published", _rfc3339(match.published))
        sentences = [str(f.get("sentence") or f.get("text") or "") for f in match.facts]
        add(entry, "summary", "\n".join(s for s in sentences if s), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _rfc3339(value: str) -> str:
    if len(value) == 10:  # a date
        return f"{value}T00:00:00Z"
    try:
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return value


@router.get("/sources", response_model=http_alerts.FeedSourceList, tags=["sources"])
def sources(engine: Database) -> http_alerts.FeedSourceList:
    """The sources `watch` follows: last fetch, last status and error,
    articles stored from each and items seen."""
    return http_alerts.FeedSourceList(
        items=[
            http_alerts.FeedSourceBody.model_validate(s.to_dict())
            for s in feeds.list_sources(engine)
        ]
    )
