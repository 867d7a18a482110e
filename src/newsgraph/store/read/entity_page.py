"""Everything an entity's web page shows, read in one go on one connection
with prebuilt statements: its profile (names, counts, roles over time,
newest articles, co-mentioned entities), its newest events in each role,
one page of its quotes, how often its neighbours share articles and its
counts per month. Each is read once (the profile's own lists of quotes and
events, which the page does not show, are not read at all)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, bindparam

from newsgraph.store.read.common import valid_id
from newsgraph.store.read.listing import (
    NEWEST_QUOTES,
    QuoteItem,
    linked_event,
    quote_item,
    quote_select,
)
from newsgraph.store.read.profiles import (
    ENTITY,
    ENTITY_HEAD,
    EVENT_COUNTS,
    NEWEST_LINKED_EVENTS,
    EntityEvents,
    EntityProfile,
    profile_of,
    reporter_names,
    shared_among,
)
from newsgraph.store.read.trends import MonthCounts, months_of
from newsgraph.store.schema import QuoteRow

_QUOTE_PAGE = (
    quote_select()
    .where(QuoteRow.speaker_id == ENTITY)
    .order_by(*NEWEST_QUOTES, QuoteRow.id)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
"""A page of an entity's quotes, in the order of ``listing.quotes``."""


@dataclass
class EntityPage:
    """What the page of one entity shows. ``profile`` is ``entity_profile``'s
    without its lists of quotes and events (left empty; their counts are
    set); ``events`` are the newest of each role; ``quotes`` the asked page
    of its quotes (newest first); ``shared``: for each pair of its
    co-mentioned entities, the articles they share; ``months``: its counts
    per month (``entity_months``)."""

    profile: EntityProfile
    events: EntityEvents
    quotes: list[QuoteItem] = field(default_factory=list)
    shared: dict[tuple[int, int], int] = field(default_factory=dict)
    months: list[MonthCounts] = field(default_factory=list)


def entity_page_data(
    engine: Engine,
    entity_id: int,
    *,
    limit: int = 20,
    co_limit: int = 10,
    events: int = 300,
    quote_offset: int = 0,
    quotes: int = 20,
) -> EntityPage | None:
    """The page of the entity numbered ``entity_id`` (None when there is no
    such entity): its profile with the newest ``limit`` articles and
    ``co_limit`` co-mentioned entities, its newest ``events`` events as
    source, as target and as reporter (each with the counts of all), and
    ``quotes`` of its quotes from ``quote_offset`` on."""
    if not valid_id(entity_id):
        return None
    with engine.connect() as connection:
        head = connection.execute(ENTITY_HEAD, {"entity": entity_id}).one_or_none()
        if head is None:
            return None
        profile = profile_of(connection, head, [], limit=limit, co_limit=co_limit)
        given = {"entity": entity_id, "names": reporter_names(head), "limit": events}
        found = EntityEvents(
            *(
                [linked_event(row) for row in connection.execute(statement, given)]
                for statement in NEWEST_LINKED_EVENTS
            )
        )
        roles = (found.source, found.target, found.reported)
        counts = [  # all of them read: no need to count
            len(newest) if len(newest) < events else connection.execute(count, given).scalar_one()
            for newest, count in zip(roles, EVENT_COUNTS, strict=True)
        ]
        profile.source_event_count, profile.target_event_count = counts[0], counts[1]
        profile.reported_event_count = counts[2]
        page = {"entity": entity_id, "limit": max(0, quotes), "offset": max(0, quote_offset)}
        quote_page = [quote_item(row) for row in connection.execute(_QUOTE_PAGE, page)]
        shared = shared_among(connection, [c.id for c in profile.co_mentioned])
        months = months_of(connection, entity_id)
    return EntityPage(profile, found, quote_page, shared, months)
