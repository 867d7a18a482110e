"""Articles as the API and the web pages show them: a page of articles with
stable ordering, and one article with its whole analysis (entities linked to
the knowledge base, mentions, quotes, times, events) and its story's copies."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import BindParameter, Engine, and_, bindparam, exists, func, select
from sqlalchemy.orm import Session

from newsgraph.store.read.common import (
    DateBound,
    checked_text,
    date_bound,
    iso,
    parse_id,
    valid_id,
)
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    TimeRow,
)

MAX_PAGE = 200


@dataclass
class ArticleSummary:
    """An article in a list (``id``: the knowledge base's article id)."""

    id: int
    key: str
    url: str | None
    outlet: str | None
    section: str | None
    headline: str | None
    published: str | None
    story_id: int | None


@dataclass
class ArticleDetail(ArticleSummary):
    """A stored article: its summary, then its whole text and metadata."""

    description: str | None
    authors: list[str]
    dateline: str | None
    copyright: str | None
    paragraphs: list[str]
    text: str


@dataclass
class MentionSpan:
    """Where an article names an entity (offsets into ``field``)."""

    text: str
    start: int
    end: int
    field: str


@dataclass
class ArticleEntity:
    """An entity as one article gives it (``id``: the knowledge base's
    entity id; ``local_id``: the analysis' own)."""

    id: int
    local_id: str
    name: str
    type: str
    code: str | None
    aliases: list[str]
    titles: list[str]
    roles: list[str]
    attributes: dict[str, Any]
    mentions: list[MentionSpan]


@dataclass
class ArticleQuote:
    """A quote of one article (``speaker``, ``speakers``: entity ids)."""

    id: str
    text: str
    kind: str
    speaker: int | None
    speaker_name: str | None
    speakers: list[int]
    cue: str | None
    start: int
    end: int


@dataclass
class ArticleTime:
    """A time expression of one article."""

    text: str
    value: str | None
    kind: str
    start: int
    end: int


@dataclass
class EventActor:
    """One side of an event (``entity``: the knowledge base's entity id)."""

    name: str | None
    code: str | None
    entity: int | None


@dataclass
class ArticleEvent:
    """An event of one article, as the analysis gives it."""

    id: str
    type: str
    cameo: str
    cameo_code: str | None
    source: EventActor
    target: EventActor
    mutual: bool
    negated: bool
    date: str | None
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    reported_by: str | None
    confidence: float
    text: str
    start: int
    end: int


@dataclass
class ArticlePage:
    """One page of articles, newest first (ties by id, newest first): the same
    request gives the same page; ``total`` counts every match."""

    items: list[ArticleSummary]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None


@dataclass
class ArticleView:
    """One stored article with its analysis and the other copies of its story."""

    article: ArticleDetail
    entities: list[ArticleEntity] = field(default_factory=list)
    quotes: list[ArticleQuote] = field(default_factory=list)
    times: list[ArticleTime] = field(default_factory=list)
    events: list[ArticleEvent] = field(default_factory=list)
    copies: list[ArticleSummary] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _summary(row: Any) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        key=row.key,
        url=row.url,
        outlet=row.outlet,
        section=row.section,
        headline=row.headline,
        published=iso(row.published),
        story_id=row.story_id,
    )


def list_articles(
    engine: Engine,
    *,
    since: DateBound = None,
    until: DateBound = None,
    outlet: str | None = None,
    entity_id: int | None = None,
    event_type: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> ArticlePage:
    """A page of articles matching the filters, newest first."""
    limit = max(1, min(limit, MAX_PAGE))
    offset = max(0, offset)
    conditions = []
    if (start := date_bound(since)) is not None:
        conditions.append(ArticleRow.published >= start)
    if (end := date_bound(until, end=True)) is not None:
        conditions.append(ArticleRow.published <= end)
    checked_text("outlet", outlet)
    checked_text("type", event_type)
    if outlet:
        conditions.append(func.lower(ArticleRow.outlet) == outlet.strip().lower())
    if entity_id is not None and not valid_id(entity_id):
        return ArticlePage([], 0, offset, limit, None)
    if entity_id is not None:
        conditions.append(
            exists().where(
                and_(
                    ArticleEntityRow.article_id == ArticleRow.id,
                    ArticleEntityRow.entity_id == entity_id,
                )
            )
        )
    if event_type:
        conditions.append(
            exists().where(
                and_(EventRow.article_id == ArticleRow.id, EventRow.type == event_type.upper())
            )
        )
    where = and_(*conditions) if conditions else and_(True)
    order = (ArticleRow.published.is_(None), ArticleRow.published.desc(), ArticleRow.id.desc())
    with Session(engine) as session:
        total = session.execute(
            select(func.count()).select_from(ArticleRow).where(where)
        ).scalar_one()
        rows = session.execute(
            select(ArticleRow).where(where).order_by(*order).offset(offset).limit(limit)
        ).scalars()
        items = [_summary(r) for r in rows]
    following = offset + limit if offset + limit < total else None
    return ArticlePage(items, total, offset, limit, following)


_OWN_ID = re.compile(r"^[0-9a-f]{16}$")


def article_number(engine: Engine, ident: str | int) -> int | None:
    """The knowledge-base number of the article ``ident`` names: its number
    ("12"), or its own id ("73c10f661f811d0f", as every export gives it);
    None when no stored article has it."""
    text = str(ident).strip().lower()
    if text.isascii() and text.isdigit():
        return parse_id(text)
    if not _OWN_ID.match(text):
        return None
    with Session(engine) as session:
        return session.scalar(
            select(ArticleRow.id).where(ArticleRow.uid == text).order_by(ArticleRow.id).limit(1)
        )


ARTICLE: BindParameter[int] = bindparam("article")
_ARTICLE = select(ArticleRow.__table__).where(ArticleRow.id == ARTICLE)
_MENTIONS = select(MentionRow.__table__).where(MentionRow.article_id == ARTICLE)
_ENTITIES = (
    select(ArticleEntityRow.__table__)
    .where(ArticleEntityRow.article_id == ARTICLE)
    .order_by(ArticleEntityRow.id)
)
_QUOTES = select(QuoteRow.__table__).where(QuoteRow.article_id == ARTICLE).order_by(QuoteRow.start)
_TIMES = select(TimeRow.__table__).where(TimeRow.article_id == ARTICLE).order_by(TimeRow.start)
_EVENTS = select(EventRow.__table__).where(EventRow.article_id == ARTICLE).order_by(EventRow.start)
_COPIES = (
    select(
        ArticleRow.id,
        ArticleRow.key,
        ArticleRow.url,
        ArticleRow.outlet,
        ArticleRow.section,
        ArticleRow.headline,
        ArticleRow.published,
        ArticleRow.story_id,
    )
    .where(ArticleRow.story_id == bindparam("story"), ArticleRow.id != ARTICLE)
    .order_by(ArticleRow.published, ArticleRow.id)
)
"""The statements of ``article_view``, built once (run with parameters)."""


def article_view(engine: Engine, article_id: int) -> ArticleView | None:
    """One stored article with its analysis, or None."""
    given = {"article": article_id}
    with engine.connect() as connection:
        row = connection.execute(_ARTICLE, given).one_or_none()
        if row is None:
            return None
        article = ArticleDetail(
            **asdict(_summary(row)),
            description=row.description,
            authors=row.authors,
            dateline=row.dateline,
            copyright=row.copyright,
            paragraphs=row.paragraphs,
            text=row.text,
        )
        mentions: dict[int, list[MentionSpan]] = {}
        for m in connection.execute(_MENTIONS, given):
            mentions.setdefault(m.article_entity_id, []).append(
                MentionSpan(m.text, m.start, m.end, m.field)
            )
        entities = [
            ArticleEntity(
                id=e.entity_id,
                local_id=e.local_id,
                name=e.name,
                type=e.type,
                code=e.code,
                aliases=e.aliases,
                titles=e.titles,
                roles=e.roles,
                attributes=e.attributes,
                mentions=sorted(mentions.get(e.id, []), key=lambda m: m.start),
            )
            for e in connection.execute(_ENTITIES, given)
        ]
        quotes = [
            ArticleQuote(
                id=q.local_id,
                text=q.text,
                kind=q.kind,
                speaker=q.speaker_id,
                speaker_name=q.speaker_name,
                speakers=q.speakers,
                cue=q.cue,
                start=q.start,
                end=q.end,
            )
            for q in connection.execute(_QUOTES, given)
        ]
        times = [
            ArticleTime(t.text, t.value, t.kind, t.start, t.end)
            for t in connection.execute(_TIMES, given)
        ]
        events = [
            ArticleEvent(
                id=e.local_id,
                type=e.type,
                cameo=e.cameo,
                cameo_code=e.cameo_code,
                source=EventActor(e.source_name, e.source_code, e.source_entity_id),
                target=EventActor(e.target_name, e.target_code, e.target_entity_id),
                mutual=e.mutual,
                negated=e.negated,
                date=e.date,
                place=e.place,
                place_country=e.place_country,
                lat=e.lat,
                lon=e.lon,
                reported_by=e.reported_by,
                confidence=e.confidence,
                text=e.text,
                start=e.start,
                end=e.end,
            )
            for e in connection.execute(_EVENTS, given)
        ]
        copies = []
        if row.story_id is not None:
            copies = [
                _summary(c) for c in connection.execute(_COPIES, {**given, "story": row.story_id})
            ]
    return ArticleView(article, entities, quotes, times, events, copies)
