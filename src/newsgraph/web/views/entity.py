"""``/entities/{id}``: an entity's names, titles and roles over time, its
quotes (pages of 20), its events on a timeline (as source, as target, and
the events it reported), the entities mentioned with it as a network, and
its newest articles."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsgraph.store.read import Engine, EventItem, LinkedEvent, entity_page_data
from newsgraph.web.charts import date_label, newest_first, timeline
from newsgraph.web.links import href
from newsgraph.web.networks import co_mention_network
from newsgraph.web.paging import PER_PAGE, Pager, page_number
from newsgraph.web.render import error_page, page
from newsgraph.web.views.common import int_id
from newsgraph.web.views.trends import entity_charts

TIMELINE_EVENTS = 300
"""Events of each role drawn on the timeline (the newest)."""
LISTED_EVENTS = 50
CO_MENTIONED = 12
ROLES = (("source", "as source"), ("target", "as target"), ("reported", "events it reported"))


@dataclass(frozen=True)
class RoleEvent(LinkedEvent):
    """An event in the entity's list, with the entity's part in it."""

    role: str


def event_label(event: EventItem) -> str:
    parts = [date_label(event.date), str(event.type or "")]
    label = " ".join(parts) + f": {event.source_name or '?'} → {event.target_name or '?'}"
    if event.reported_by:
        label += f" (reported by {event.reported_by})"
    if event.negated:
        label += " [negated]"
    return label


def article_link(event: LinkedEvent) -> str | None:
    return f"/articles/{event.article}" if event.article else None


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str, request: Request) -> HTMLResponse:
        number = int_id(entity_id)
        wanted = page_number(request.query_params.get("page"))
        first = (wanted - 1) * PER_PAGE
        data = (
            entity_page_data(
                engine,
                number,
                limit=20,
                co_limit=CO_MENTIONED,
                events=TIMELINE_EVENTS,
                quote_offset=first,
                quotes=PER_PAGE,
            )
            if number
            else None
        )
        if data is None:
            return error_page(
                404,
                "Entity not found",
                "There is no entity with this number in the knowledge base.",
            )
        profile = data.profile

        def link(n: int) -> str:
            return href(f"/entities/{number}", page=n) + "#quotes"

        pager = Pager(wanted, profile.quote_count, link)
        found = data.events
        by_role = {"source": found.source, "target": found.target, "reported": found.reported}
        chart = timeline(
            [(title, by_role[role]) for role, title in ROLES],
            label=event_label,
            link=article_link,
        )
        listed = newest_first(
            [RoleEvent(**vars(e), role=title) for role, title in ROLES for e in by_role[role]]
        )
        others = [(c.id, c.name, c.type, c.shared_articles) for c in profile.co_mentioned]
        network = co_mention_network((profile.id, profile.name, profile.type), others, data.shared)
        return page(
            "entity.html",
            section="",
            profile=profile,
            quotes=data.quotes,
            pager=pager,
            timeline=chart,
            events=listed[:LISTED_EVENTS],
            network=network,
            trends=entity_charts(data.months),
        )
