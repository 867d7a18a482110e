"""Entity profiles: names, roles over time, quotes, events, articles and
co-mentioned entities of one knowledge-base entity; the events around an
entity and how often its neighbours share articles (for its page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    Engine,
    false,
    func,
    select,
)

from newsgraph.store.read.common import EntityBrief, find_entities, iso
from newsgraph.store.read.listing import (
    NEWEST_QUOTES,
    EventItem,
    LinkedEvent,
    QuoteItem,
    event_item,
    event_select,
    linked_event,
    linked_event_select,
    quote_item,
    quote_select,
)
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    CoMentionCount,
    EntityRow,
    EventRow,
    QuoteRow,
)


@dataclass
class RoleSpan:
    """A title or role of an entity and when articles gave it."""

    kind: Literal["title", "role"]
    value: str
    first_seen: str | None
    last_seen: str | None
    articles: int


@dataclass
class ArticleBrief:
    """An article an entity is mentioned in."""

    id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None


@dataclass
class CoMention:
    """An entity mentioned in the same articles, and in how many."""

    id: int
    name: str
    type: str
    shared_articles: int


@dataclass
class EntityProfile:
    """What the knowledge base knows of one entity. Lists are bounded (newest
    first); the ``*_count`` fields give the full numbers.
    ``events_reported`` are events the entity is the reporter of ("per
    Hamidreza Taraghi": ``reported_by`` is its name or an alias). ``others``
    are the other entities the name could have meant."""

    id: int
    key: str
    name: str
    type: str
    country: str | None
    code: str | None
    aliases: list[str]
    titles: list[str]
    roles: list[str]
    mention_count: int
    article_count: int
    roles_over_time: list[RoleSpan]
    quotes: list[QuoteItem]
    quote_count: int
    events_as_source: list[EventItem]
    source_event_count: int
    events_as_target: list[EventItem]
    target_event_count: int
    events_reported: list[EventItem]
    reported_event_count: int
    articles: list[ArticleBrief]
    co_mentioned: list[CoMention]
    others: list[EntityBrief]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_profile(
    engine: Engine,
    name_or_id: int | str,
    *,
    limit: int = 20,
    co_limit: int = 10,
    others_limit: int = 10,
) -> EntityProfile | None:
    """The profile of the entity ``name_or_id`` means (see ``find_entities``:
    several matches give the most mentioned, the rest in ``others``), or None.
    Quotes, events and articles are the newest ``limit`` of each;
    ``co_mentioned`` the ``co_limit`` entities sharing most articles."""
    found = find_entities(engine, name_or_id)
    if not found:
        return None
    chosen, others = found[0], found[1 : 1 + others_limit]
    with engine.connect() as connection:
        entity = (
            connection.execute(select(EntityRow).where(EntityRow.id == chosen.id)).one()._mapping
        )
        spans = _roles_over_time(connection, chosen.id)
        article_count = connection.execute(
            select(func.count(func.distinct(ArticleEntityRow.article_id))).where(
                ArticleEntityRow.entity_id == chosen.id
            )
        ).scalar_one()
        articles = [
            ArticleBrief(r.id, r.key, r.url, r.headline, r.outlet, iso(r.published))
            for r in connection.execute(
                select(
                    ArticleRow.id,
                    ArticleRow.key,
                    ArticleRow.url,
                    ArticleRow.headline,
                    ArticleRow.outlet,
                    ArticleRow.published,
                )
                .where(
                    ArticleRow.id.in_(
                        select(ArticleEntityRow.article_id).where(
                            ArticleEntityRow.entity_id == chosen.id
                        )
                    )
                )
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
                .limit(limit)
            )
        ]
        speaker = QuoteRow.speaker_id == chosen.id
        quote_list = [
            quote_item(r)
            for r in connection.execute(
                quote_select().where(speaker).order_by(*NEWEST_QUOTES).limit(limit)
            )
        ]
        quote_count = connection.execute(
            select(func.count()).select_from(QuoteRow).where(speaker)
        ).scalar_one()
        as_source = EventRow.source_entity_id == chosen.id
        as_target = EventRow.target_entity_id == chosen.id
        names = [entity["name"], *(a for a in entity["aliases"] or [] if isinstance(a, str))]
        reporter = EventRow.reported_by.in_(names)
        newest = (EventRow.date.desc().nulls_last(), EventRow.id.desc())
        sources = [
            event_item(r)
            for r in connection.execute(
                event_select().where(as_source).order_by(*newest).limit(limit)
            )
        ]
        targets = [
            event_item(r)
            for r in connection.execute(
                event_select().where(as_target).order_by(*newest).limit(limit)
            )
        ]
        reported = [
            event_item(r)
            for r in connection.execute(
                event_select().where(reporter).order_by(*newest).limit(limit)
            )
        ]
        source_count, target_count, reported_count = (
            connection.execute(select(func.count()).select_from(EventRow).where(w)).scalar_one()
            for w in (as_source, as_target, reporter)
        )
        co_mentioned = _co_mentioned(connection, chosen.id, co_limit)
    return EntityProfile(
        id=entity["id"],
        key=entity["key"],
        name=entity["name"],
        type=entity["type"],
        country=entity["country"],
        code=entity["code"],
        aliases=list(entity["aliases"] or []),
        titles=list(entity["titles"] or []),
        roles=list(entity["roles"] or []),
        mention_count=chosen.mentions,
        article_count=article_count,
        roles_over_time=spans,
        quotes=quote_list,
        quote_count=quote_count,
        events_as_source=sources,
        source_event_count=source_count,
        events_as_target=targets,
        target_event_count=target_count,
        events_reported=reported,
        reported_event_count=reported_count,
        articles=articles,
        co_mentioned=co_mentioned,
        others=others,
    )


def _roles_over_time(connection: Any, entity_id: int) -> list[RoleSpan]:
    """Each title and role the articles give the entity, with the first and
    last publication dates of the articles that give it (oldest first)."""
    rows = connection.execute(
        select(ArticleEntityRow.titles, ArticleEntityRow.roles, ArticleRow.published)
        .join(ArticleRow, ArticleRow.id == ArticleEntityRow.article_id)
        .where(ArticleEntityRow.entity_id == entity_id)
    ).all()
    seen: dict[tuple[str, str], list[Any]] = {}
    for titles, roles, published in rows:
        for kind, values in (("title", titles), ("role", roles)):
            for value in dict.fromkeys(v for v in values or [] if isinstance(v, str)):
                span = seen.setdefault((kind, value), [None, None, 0])
                if published is not None:
                    span[0] = published if span[0] is None else min(span[0], published)
                    span[1] = published if span[1] is None else max(span[1], published)
                span[2] += 1
    spans = [
        RoleSpan(kind, value, iso(first), iso(last), count)  # type: ignore[arg-type]
        for (kind, value), (first, last, count) in seen.items()
    ]
    spans.sort(key=lambda s: (s.first_seen is None, s.first_seen or "", -s.articles, s.value))
    return spans


def _co_mentioned(connection: Any, entity_id: int, limit: int) -> list[CoMention]:
    """The entities sharing most articles with ``entity_id`` (precomputed
    at ingest: ``co_mentions``)."""
    rows = connection.execute(
        select(EntityRow.id, EntityRow.name, EntityRow.type, CoMentionCount.shared)
        .join(CoMentionCount, CoMentionCount.other_id == EntityRow.id)
        .where(CoMentionCount.entity_id == entity_id, CoMentionCount.shared > 0)
        .order_by(CoMentionCount.shared.desc(), EntityRow.id)
        .limit(limit)
    ).all()
    return [CoMention(r.id, r.name, r.type, r.shared) for r in rows]


@dataclass
class EntityEvents:
    """The newest events an entity is the source of, the target of, and the
    reporter of (``reported_by`` is its name or an alias)."""

    source: list[LinkedEvent] = field(default_factory=list)
    target: list[LinkedEvent] = field(default_factory=list)
    reported: list[LinkedEvent] = field(default_factory=list)


def entity_events(
    engine: Engine, entity_id: int, names: Sequence[str], *, limit: int
) -> EntityEvents:
    """The newest ``limit`` events an entity is the source of, the target
    of, and the reporter of (``reported_by`` is one of ``names``, as in
    ``entity_profile``), each with the knowledge base's id of its article."""
    newest = (EventRow.date.desc().nulls_last(), EventRow.id.desc())
    conditions = (
        EventRow.source_entity_id == entity_id,
        EventRow.target_entity_id == entity_id,
        EventRow.reported_by.in_(list(names)) if names else false(),
    )
    found: list[list[LinkedEvent]] = []
    with engine.connect() as connection:
        for condition in conditions:
            statement = linked_event_select().where(condition).order_by(*newest).limit(limit)
            found.append([linked_event(row) for row in connection.execute(statement)])
    return EntityEvents(*found)


def shared_articles(
    engine: Engine, ids: Sequence[int], *, among: int | None = None, sample: int = 200
) -> dict[tuple[int, int], int]:
    """For each pair of the entities ``ids`` (smaller id first) that share
    articles, how many (precomputed at ingest: ``co_mentions``, so the
    network around one entity stays cheap however famous its neighbours
    are). ``among`` and ``sample`` are kept for callers of the time when
    this was counted in a sample of articles; they change nothing."""
    if len(ids) < 2:
        return {}
    wanted = list(ids)
    with engine.connect() as connection:
        rows = connection.execute(
            select(CoMentionCount.entity_id, CoMentionCount.other_id, CoMentionCount.shared).where(
                CoMentionCount.entity_id.in_(wanted),
                CoMentionCount.other_id.in_(wanted),
                CoMentionCount.entity_id < CoMentionCount.other_id,
                CoMentionCount.shared > 0,
            )
        ).all()
    return {(int(a), int(b)): int(n) for a, b, n in rows}
