"""Articles as the API and the web pages show them: a page of articles with
stable ordering, and one article with its whole analysis (entities linked to
the knowledge base, mentions, quotes, times, events) and its story's copies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from newsgraph.store.query_common import DateBound, date_bound, iso
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
class ArticlePage:
    """One page of articles, newest first (ties by id, newest first): the same
    request gives the same page; ``total`` counts every match."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None


@dataclass
class ArticleView:
    article: dict[str, Any]
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    copies: list[dict[str, Any]] = field(default_factory=list)


def _brief(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": row.key,
        "url": row.url,
        "outlet": row.outlet,
        "section": row.section,
        "headline": row.headline,
        "published": iso(row.published),
        "story_id": row.story_id,
    }


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
    if outlet:
        conditions.append(func.lower(ArticleRow.outlet) == outlet.strip().lower())
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
        items = [_brief(r) for r in rows]
    following = offset + limit if offset + limit < total else None
    return ArticlePage(items, total, offset, limit, following)


def article_view(engine: Engine, article_id: int) -> ArticleView | None:
    """One stored article with its analysis, or None."""
    with Session(engine) as session:
        row = session.get(ArticleRow, article_id)
        if row is None:
            return None
        article = _brief(row) | {
            "description": row.description,
            "authors": row.authors,
            "dateline": row.dateline,
            "copyright": row.copyright,
            "paragraphs": row.paragraphs,
            "text": row.text,
        }
        mentions: dict[int, list[dict[str, Any]]] = {}
        for m in session.execute(
            select(MentionRow).where(MentionRow.article_id == row.id)
        ).scalars():
            mentions.setdefault(m.article_entity_id, []).append(
                {"text": m.text, "start": m.start, "end": m.end, "field": m.field}
            )
        entities = [
            {
                "id": e.entity_id,
                "local_id": e.local_id,
                "name": e.name,
                "type": e.type,
                "code": e.code,
                "aliases": e.aliases,
                "titles": e.titles,
                "roles": e.roles,
                "attributes": e.attributes,
                "mentions": sorted(mentions.get(e.id, []), key=lambda m: m["start"]),
            }
            for e in session.execute(
                select(ArticleEntityRow)
                .where(ArticleEntityRow.article_id == row.id)
                .order_by(ArticleEntityRow.id)
            ).scalars()
        ]
        quotes = [
            {
                "id": q.local_id,
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker_id,
                "speaker_name": q.speaker_name,
                "speakers": q.speakers,
                "cue": q.cue,
                "start": q.start,
                "end": q.end,
            }
            for q in session.execute(
                select(QuoteRow).where(QuoteRow.article_id == row.id).order_by(QuoteRow.start)
            ).scalars()
        ]
        times = [
            {"text": t.text, "value": t.value, "kind": t.kind, "start": t.start, "end": t.end}
            for t in session.execute(
                select(TimeRow).where(TimeRow.article_id == row.id).order_by(TimeRow.start)
            ).scalars()
        ]
        events = [
            {
                "id": e.local_id,
                "type": e.type,
                "cameo": e.cameo,
                "cameo_code": e.cameo_code,
                "source": {
                    "name": e.source_name,
                    "code": e.source_code,
                    "entity": e.source_entity_id,
                },
                "target": {
                    "name": e.target_name,
                    "code": e.target_code,
                    "entity": e.target_entity_id,
                },
                "mutual": e.mutual,
                "negated": e.negated,
                "date": e.date,
                "place": e.place,
                "place_country": e.place_country,
                "lat": e.lat,
                "lon": e.lon,
                "reported_by": e.reported_by,
                "confidence": e.confidence,
                "text": e.text,
                "start": e.start,
                "end": e.end,
            }
            for e in session.execute(
                select(EventRow).where(EventRow.article_id == row.id).order_by(EventRow.start)
            ).scalars()
        ]
        copies = []
        if row.story_id is not None:
            copies = [
                _brief(c)
                for c in session.execute(
                    select(ArticleRow)
                    .where(or_(ArticleRow.story_id == row.story_id))
                    .where(ArticleRow.id != row.id)
                    .order_by(ArticleRow.published, ArticleRow.id)
                ).scalars()
            ]
    return ArticleView(article, entities, quotes, times, events, copies)


def delete_article(engine: Engine, article_id: int) -> bool:
    """Remove a stored article and its analysis; False if there was none."""
    with Session(engine) as session, session.begin():
        row = session.get(ArticleRow, article_id)
        if row is None:
            return False
        session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        return True
