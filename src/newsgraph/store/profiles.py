"""Entity profiles: names, roles over time, quotes, events, articles and
co-mentioned entities of one knowledge-base entity."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import (
    Engine,
    func,
    select,
)

from newsgraph.store.listing import (
    NEWEST_QUOTES,
    event_dict,
    event_select,
    quote_dict,
    quote_select,
)
from newsgraph.store.query_common import EntityBrief, find_entities, iso
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
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
    id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None


@dataclass
class CoMention:
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
    quotes: list[dict[str, Any]]
    quote_count: int
    events_as_source: list[dict[str, Any]]
    source_event_count: int
    events_as_target: list[dict[str, Any]]
    target_event_count: int
    events_reported: list[dict[str, Any]]
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
            quote_dict(r)
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
            event_dict(r)
            for r in connection.execute(
                event_select().where(as_source).order_by(*newest).limit(limit)
            )
        ]
        targets = [
            event_dict(r)
            for r in connection.execute(
                event_select().where(as_target).order_by(*newest).limit(limit)
            )
        ]
        reported = [
            event_dict(r)
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
    mine = ArticleEntityRow.__table__.alias("mine")
    theirs = ArticleEntityRow.__table__.alias("theirs")
    shared = func.count(func.distinct(theirs.c.article_id)).label("shared")
    top = (
        select(theirs.c.entity_id.label("entity_id"), shared)
        .select_from(mine.join(theirs, theirs.c.article_id == mine.c.article_id))
        .where(mine.c.entity_id == entity_id, theirs.c.entity_id != entity_id)
        .group_by(theirs.c.entity_id)
        .order_by(shared.desc(), theirs.c.entity_id)
        .limit(limit)
        .subquery()
    )
    rows = connection.execute(
        select(EntityRow.id, EntityRow.name, EntityRow.type, top.c.shared)
        .join(top, top.c.entity_id == EntityRow.id)
        .order_by(top.c.shared.desc(), EntityRow.id)
    ).all()
    return [CoMention(r.id, r.name, r.type, r.shared) for r in rows]
