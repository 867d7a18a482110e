"""Entity profiles: names, roles over time, quotes, events, articles and
co-mentioned entities of one knowledge-base entity; the events around an
entity and how often its neighbours share articles (for its page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import BindParameter, Engine, Text, bindparam, cast, exists, func, or_, select

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
    MentionRow,
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
        head = connection.execute(ENTITY_HEAD, {"entity": chosen.id}).one()
        names = reporter_names(head)
        lists = {"entity": chosen.id, "names": names, "limit": limit}
        quote_list = [quote_item(r) for r in connection.execute(_NEWEST_QUOTES, lists)]
        sources, targets, reported = (
            [event_item(r) for r in connection.execute(statement, lists)]
            for statement in _NEWEST_EVENTS
        )
        counts = [connection.execute(s, lists).scalar_one() for s in EVENT_COUNTS]
        return replace(
            profile_of(connection, head, others, limit=limit, co_limit=co_limit),
            quotes=quote_list,
            events_as_source=sources,
            events_as_target=targets,
            events_reported=reported,
            source_event_count=counts[0],
            target_event_count=counts[1],
            reported_event_count=counts[2],
        )


ENTITY: BindParameter[int] = bindparam("entity")
"""The entity a prebuilt statement is about (built once, run with its
parameters: SQLAlchemy neither builds nor compiles them again)."""
ENTITY_HEAD = select(
    EntityRow.id,
    EntityRow.key,
    EntityRow.name,
    EntityRow.type,
    EntityRow.country,
    EntityRow.code,
    EntityRow.aliases,
    EntityRow.titles,
    EntityRow.roles,
    select(func.count())
    .select_from(MentionRow)
    .where(MentionRow.entity_id == ENTITY)
    .scalar_subquery()
    .label("mention_count"),
    select(func.count(func.distinct(ArticleEntityRow.article_id)))
    .where(ArticleEntityRow.entity_id == ENTITY)
    .scalar_subquery()
    .label("article_count"),
    select(func.count())
    .select_from(QuoteRow)
    .where(QuoteRow.speaker_id == ENTITY)
    .scalar_subquery()
    .label("quote_count"),
    select(func.max(ArticleRow.id)).scalar_subquery().label("last_article"),
).where(EntityRow.id == ENTITY)
"""An entity's row with its numbers of mentions, articles and quotes (and
the newest article number: about how many articles there are)."""
_NEWEST = (EventRow.date.desc().nulls_last(), EventRow.id.desc())
EVENT_ROLES = (
    EventRow.source_entity_id == ENTITY,
    EventRow.target_entity_id == ENTITY,
    EventRow.reported_by.in_(bindparam("names", expanding=True)),
)
"""The entity as source, as target, and as reporter (``reported_by`` is
one of ``names``: its name or an alias)."""
EVENT_COUNTS = tuple(select(func.count()).select_from(EventRow).where(r) for r in EVENT_ROLES)
_NEWEST_EVENTS = tuple(
    event_select().where(r).order_by(*_NEWEST).limit(bindparam("limit")) for r in EVENT_ROLES
)
NEWEST_LINKED_EVENTS = tuple(
    linked_event_select().where(r).order_by(*_NEWEST).limit(bindparam("limit")) for r in EVENT_ROLES
)
_NEWEST_QUOTES = (
    quote_select()
    .where(QuoteRow.speaker_id == ENTITY)
    .order_by(*NEWEST_QUOTES)
    .limit(bindparam("limit"))
)
_ARTICLE_BRIEF = select(
    ArticleRow.id,
    ArticleRow.key,
    ArticleRow.url,
    ArticleRow.headline,
    ArticleRow.outlet,
    ArticleRow.published,
)
_NEWEST_FIRST = (ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
_NEWEST_ARTICLES = (
    _ARTICLE_BRIEF.where(
        ArticleRow.id.in_(
            select(ArticleEntityRow.article_id).where(ArticleEntityRow.entity_id == ENTITY)
        )
    )
    .order_by(*_NEWEST_FIRST)
    .limit(bindparam("limit"))
)
"""An entity's newest articles: its articles, then sorted."""
_NEWEST_ARTICLES_SCANNED = (
    _ARTICLE_BRIEF.where(
        exists().where(
            ArticleEntityRow.article_id == ArticleRow.id, ArticleEntityRow.entity_id == ENTITY
        )
    )
    .order_by(*_NEWEST_FIRST)
    .limit(bindparam("limit"))
)
"""The same rows: the newest articles first, until enough are the
entity's; the quicker way for an entity in many articles (SQLite reads
them through ix_articles_published and stops after ``limit``)."""


def _newest_articles(head: Any, limit: int) -> Any:
    """The quicker statement for the entity's newest ``limit`` articles: the
    scan when its articles are many (it then reads about ``limit`` * all /
    its articles, against all of its articles and a sort)."""
    many = head.article_count**2 > max(1, limit) * (head.last_article or 0)
    return _NEWEST_ARTICLES_SCANNED if many else _NEWEST_ARTICLES


_ROLES = (
    select(ArticleEntityRow.titles, ArticleEntityRow.roles, ArticleRow.published)
    .join(ArticleRow, ArticleRow.id == ArticleEntityRow.article_id)
    .where(
        ArticleEntityRow.entity_id == ENTITY,
        # most rows give neither (two empty lists add nothing): not even read
        or_(
            cast(ArticleEntityRow.titles, Text) != "[]",
            cast(ArticleEntityRow.roles, Text) != "[]",
        ),
    )
    .order_by(ArticleEntityRow.id)
)
_CO_MENTIONED = (
    select(EntityRow.id, EntityRow.name, EntityRow.type, CoMentionCount.shared)
    .join(CoMentionCount, CoMentionCount.other_id == EntityRow.id)
    .where(CoMentionCount.entity_id == ENTITY, CoMentionCount.shared > 0)
    .order_by(CoMentionCount.shared.desc(), EntityRow.id)
    .limit(bindparam("limit"))
)


def reporter_names(head: Any) -> list[str]:
    """The names an entity reports events under: its name and aliases."""
    return [head.name, *(a for a in head.aliases or [] if isinstance(a, str))]


def profile_of(
    connection: Any, head: Any, others: list[EntityBrief], *, limit: int, co_limit: int
) -> EntityProfile:
    """The profile of the entity of ``head`` (a row of ``ENTITY_HEAD``)
    without its quotes and events (empty lists, counts of 0): its names,
    counts of mentions, articles and quotes, roles over time, newest
    ``limit`` articles and ``co_limit`` co-mentioned entities."""
    given = {"entity": head.id, "limit": limit}
    articles = [
        ArticleBrief(r.id, r.key, r.url, r.headline, r.outlet, iso(r.published))
        for r in connection.execute(_newest_articles(head, limit), given)
    ]
    return EntityProfile(
        id=head.id,
        key=head.key,
        name=head.name,
        type=head.type,
        country=head.country,
        code=head.code,
        aliases=list(head.aliases or []),
        titles=list(head.titles or []),
        roles=list(head.roles or []),
        mention_count=head.mention_count,
        article_count=head.article_count,
        roles_over_time=_roles_over_time(connection, head.id),
        quotes=[],
        quote_count=head.quote_count,
        events_as_source=[],
        source_event_count=0,
        events_as_target=[],
        target_event_count=0,
        events_reported=[],
        reported_event_count=0,
        articles=articles,
        co_mentioned=_co_mentioned(connection, head.id, co_limit),
        others=others,
    )


def _roles_over_time(connection: Any, entity_id: int) -> list[RoleSpan]:
    """Each title and role the articles give the entity, with the first and
    last publication dates of the articles that give it (oldest first)."""
    rows = connection.execute(_ROLES, {"entity": entity_id}).all()
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
    rows = connection.execute(_CO_MENTIONED, {"entity": entity_id, "limit": limit}).all()
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
    given = {"entity": entity_id, "names": list(names), "limit": limit}
    with engine.connect() as connection:
        return EntityEvents(
            *(
                [linked_event(row) for row in connection.execute(statement, given)]
                for statement in NEWEST_LINKED_EVENTS
            )
        )


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
    with engine.connect() as connection:
        return shared_among(connection, ids)


_SHARED = select(CoMentionCount.entity_id, CoMentionCount.other_id, CoMentionCount.shared).where(
    CoMentionCount.entity_id.in_(bindparam("ids", expanding=True)),
    CoMentionCount.other_id.in_(bindparam("ids", expanding=True)),
    CoMentionCount.entity_id < CoMentionCount.other_id,
)
"""The pairs among ``ids``: looked up by the primary key, pair by pair (with
``shared > 0`` in the query SQLite would read every co-mention of each
entity through ix_co_mentions_entity_shared, thousands for famous ones)."""


def shared_among(connection: Any, ids: Sequence[int]) -> dict[tuple[int, int], int]:
    """``shared_articles`` on an open connection."""
    if len(ids) < 2:
        return {}
    rows = connection.execute(_SHARED, {"ids": list(ids)}).all()
    return {(int(a), int(b)): int(n) for a, b, n in rows if n > 0}
