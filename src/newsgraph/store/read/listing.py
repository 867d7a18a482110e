"""Quotes, events (the GDELT-like rows of ``newsgraph events``) and
stories, streamed from the knowledge base as typed rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    false,
    func,
    or_,
    select,
)

from newsgraph.model.rows import event_date
from newsgraph.store.read.common import (
    DateBound,
    Rows,
    checked_text,
    date_bound,
    entity_ids,
    iso,
    like_escape,
    stream,
)
from newsgraph.store.read.search import article_filters, quote_text_filter
from newsgraph.store.schema import (
    ArticleRow,
    EntityRow,
    EventRow,
    QuoteRow,
    Story,
)


@dataclass(frozen=True)
class QuoteItem:
    """A quote in a list, with its speaker and its article (``article_id``:
    the article's own id, as in every export; ``article``: its number in this
    knowledge base, for links)."""

    quote_id: int
    speaker_id: int | None
    speaker: str | None
    kind: str
    cue: str | None
    text: str
    article_id: str
    article: int
    published: str | None
    outlet: str | None
    headline: str | None
    url: str | None
    local_id: str  # the quote's id in its article's analysis ("q3"): /articles/N#quote-q3

    def to_dict(self) -> dict[str, Any]:
        """The row as a dict, keys in field order (flat: a copy of its fields)."""
        return dict(vars(self))


QUOTE_COLUMNS = tuple(f.name for f in fields(QuoteItem))
"""The keys of a quote row."""


@dataclass(frozen=True)
class EventItem:
    """An event as a GDELT-like row: the fields are ``model.rows.EVENT_COLUMNS``
    in that order (``article_id`` is the article's own id, as in
    ``model.rows.event_row``)."""

    date: str | None
    time: str | None
    date_precision: str | None
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    type: str
    cameo: str
    cameo_code: str | None
    negated: bool
    mutual: bool
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    reported_by: str | None
    confidence: float
    article_id: str
    story_id: int | None
    event_id: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """The row as a dict, keys in field order (flat: a copy of its fields)."""
        return dict(vars(self))


@dataclass(frozen=True)
class LinkedEvent(EventItem):
    """An event with ``article``: the knowledge base's id of its article
    (for links; ``article_id`` is the article's own id)."""

    article: int


NEWEST_QUOTES = (
    ArticleRow.published.desc().nulls_last(),
    QuoteRow.article_id.desc(),
    QuoteRow.start,
)


def quote_select() -> Rows:
    return (
        select(
            QuoteRow.id.label("quote_id"),
            QuoteRow.speaker_id,
            func.coalesce(EntityRow.name, QuoteRow.speaker_name).label("speaker"),
            QuoteRow.kind,
            QuoteRow.cue,
            QuoteRow.text,
            ArticleRow.uid.label("article_id"),
            QuoteRow.article_id.label("article"),
            ArticleRow.published,
            ArticleRow.outlet,
            ArticleRow.headline,
            ArticleRow.url,
            QuoteRow.local_id,
        )
        .select_from(QuoteRow)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .outerjoin(EntityRow, EntityRow.id == QuoteRow.speaker_id)
    )


def quote_item(row: Any) -> QuoteItem:
    """A row of ``quote_select`` as a QuoteItem."""
    values = dict(row._mapping)
    values["published"] = iso(values["published"])
    return QuoteItem(**{key: values[key] for key in QUOTE_COLUMNS})


def quotes(
    engine: Engine,
    *,
    speaker: int | str | None = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: int | None = 100,
    text: str | None = None,
    kind: str | None = None,
) -> Iterator[QuoteItem]:
    """Quotes, newest article first, streamed.
    ``speaker`` is an entity id, name or alias (every namesake called
    exactly that), or a speaker name no entity has: the quote's resolved
    speaker, not whoever else the sentence names; ``since``/``until``
    bound the article's publication date; ``text`` searches the quotes'
    own text (full-text, read as ``search`` reads a query, never the rest
    of the article); ``kind`` is direct, partial or indirect."""
    statement = quote_select()
    if isinstance(speaker, str):
        checked_text("speaker", speaker)
    if speaker is not None and str(speaker).strip():
        ids = entity_ids(engine, speaker)
        by_name = func.lower(QuoteRow.speaker_name) == str(speaker).strip().lower()
        statement = statement.where(QuoteRow.speaker_id.in_(ids) if ids else by_name)
    if text is not None and text.strip():
        statement = statement.where(quote_text_filter(engine, text))
    if kind is not None and kind.strip():
        statement = statement.where(QuoteRow.kind == kind.strip().lower())
    statement = statement.where(*article_filters(since, until, None, None))
    statement = statement.order_by(*NEWEST_QUOTES, QuoteRow.id)
    if limit is not None:
        statement = statement.limit(max(0, limit))
    return (quote_item(row) for row in stream(engine, statement))


def event_select() -> Rows:
    return (
        select(
            EventRow.date,
            EventRow.source_code,
            EventRow.source_name,
            EventRow.target_code,
            EventRow.target_name,
            EventRow.type,
            EventRow.cameo,
            func.coalesce(EventRow.cameo_code, EventRow.cameo).label("cameo_code"),
            EventRow.negated,
            EventRow.mutual,
            EventRow.place,
            EventRow.place_country.label("country"),
            EventRow.lat,
            EventRow.lon,
            EventRow.reported_by,
            EventRow.confidence,
            ArticleRow.uid.label("article_id"),
            ArticleRow.story_id,
            EventRow.local_id.label("event_id"),
            ArticleRow.url,
            ArticleRow.outlet,
            ArticleRow.published,
            EventRow.text.label("sentence"),
        )
        .select_from(EventRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
    )


def linked_event_select() -> Rows:
    """``event_select`` with the knowledge base's article id (``article_pk``)."""
    return event_select().add_columns(ArticleRow.id.label("article_pk"))


_EVENT_FIELDS = tuple(f.name for f in fields(EventItem))


def _event_values(row: Any) -> dict[str, Any]:
    values = dict(row._mapping)
    values["published"] = iso(values["published"])
    values["time"] = values["date"]  # as stored: the TIMEX value, else the publication date
    values["date"], values["date_precision"] = event_date(values["time"], values["published"])
    values["negated"] = bool(values["negated"])
    values["mutual"] = bool(values["mutual"])
    values["sentence"] = " ".join((values["sentence"] or "").split())
    return {key: values[key] for key in _EVENT_FIELDS}


def event_item(row: Any) -> EventItem:
    """A row of ``event_select`` as an EventItem."""
    return EventItem(**_event_values(row))


def linked_event(row: Any) -> LinkedEvent:
    """A row of ``linked_event_select`` as a LinkedEvent."""
    return LinkedEvent(**_event_values(row), article=row.article_pk)


_CODE = re.compile(r"^[A-Za-z0-9-]{1,30}$")


def _actor_filter(
    engine: Engine, value: str, code: Any, name: Any, entity_id: Any
) -> ColumnElement[bool]:
    """An actor given as a code prefix ("IRN" matches IRNGOV) or as an
    entity's name (or id, or alias), or as the name the event gives it."""
    value = value.strip()
    options: list[ColumnElement[bool]] = [func.lower(name) == value.lower()]
    if _CODE.match(value):
        options.append(code.like(like_escape(value.upper()) + "%", escape="!"))
    ids = entity_ids(engine, value)
    if ids:
        options.append(entity_id.in_(ids))
    return or_(*options) if options else false()


def _event_date_filters(since: DateBound, until: DateBound) -> list[ColumnElement[bool]]:
    """An event counts when its date (a day, month or year, the event's own
    precision) overlaps [since, until]: "2017-05" is in May 2017."""
    filters: list[ColumnElement[bool]] = []
    first, last = date_bound(since), date_bound(until, end=True)
    if first is not None:
        start = first.isoformat()
        filters.append(EventRow.date >= start[:4])  # uses the index
        filters.append(EventRow.date >= func.substr(start, 1, func.length(EventRow.date)))
    if last is not None:
        filters.append(EventRow.date <= last.isoformat())
    return filters


def event_filters(
    engine: Engine,
    source: str | None,
    target: str | None,
    type: str | None,
    since: DateBound,
    until: DateBound,
) -> list[ColumnElement[bool]]:
    for name, value in (("source", source), ("target", target), ("type", type)):
        checked_text(name, value)
    filters = _event_date_filters(since, until)
    if source and source.strip():
        filters.append(
            _actor_filter(
                engine,
                source,
                EventRow.source_code,
                EventRow.source_name,
                EventRow.source_entity_id,
            )
        )
    if target and target.strip():
        filters.append(
            _actor_filter(
                engine,
                target,
                EventRow.target_code,
                EventRow.target_name,
                EventRow.target_entity_id,
            )
        )
    if type and type.strip():
        filters.append(EventRow.type == type.strip().upper())
    return filters


def events(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: int | None = None,
) -> Iterator[EventItem]:
    """Stored events by date then storage order, streamed.
    ``source``/``target``: a code prefix ("IRN" matches IRNGOV) or an
    entity name, alias or id; ``type``: a PLOVER type; ``since``/``until``:
    the event's date overlaps them (see ``_event_date_filters``)."""
    statement = (
        event_select()
        .where(*event_filters(engine, source, target, type, since, until))
        .order_by(EventRow.date, EventRow.id)
    )
    if limit is not None:
        statement = statement.limit(max(0, limit))
    return (event_item(row) for row in stream(engine, statement))


def event_rows(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """``events`` as flat rows for writing out (JSON Lines, CSV), with
    exactly the keys ``EVENT_COLUMNS``, as ``model.rows.event_row`` makes
    them for a fresh analysis."""
    found = events(
        engine, source=source, target=target, type=type, since=since, until=until, limit=limit
    )
    return (event.to_dict() for event in found)


def linked_events(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
) -> Iterator[LinkedEvent]:
    """``events`` with the knowledge base's id of each event's article."""
    statement = (
        linked_event_select()
        .where(*event_filters(engine, source, target, type, since, until))
        .order_by(EventRow.date, EventRow.id)
    )
    return (linked_event(row) for row in stream(engine, statement))


def event_types(engine: Engine) -> list[str]:
    """The event types the knowledge base holds."""
    with engine.connect() as connection:
        return [
            str(t)
            for t in connection.execute(
                select(EventRow.type).distinct().order_by(EventRow.type)
            ).scalars()
        ]


@dataclass
class StoryCopy:
    """One copy of a story: an article (``article_id`` its own id,
    ``article`` its number in this knowledge base)."""

    article_id: str
    article: int
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None


@dataclass
class StoryRow:
    """A story and its copies (oldest first)."""

    id: int
    headline: str | None
    first_published: str | None
    size: int
    copies: list[StoryCopy]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stories(engine: Engine, *, min_size: int = 2, limit: int = 50) -> list[StoryRow]:
    """Stories of at least ``min_size`` copies, largest first (then newest)."""
    size = func.count(ArticleRow.id).label("size")
    top = (
        select(ArticleRow.story_id.label("story_id"), size)
        .where(ArticleRow.story_id.is_not(None))
        .group_by(ArticleRow.story_id)
        .having(size >= max(1, min_size))
        .subquery()
    )
    with engine.connect() as connection:
        heads = connection.execute(
            select(Story.id, Story.headline, Story.first_published, top.c.size)
            .join(top, top.c.story_id == Story.id)
            .order_by(top.c.size.desc(), Story.first_published.desc().nulls_last(), Story.id)
            .limit(max(0, limit))
        ).all()
        copies: dict[int, list[StoryCopy]] = {}
        if heads:
            for r in connection.execute(
                select(
                    ArticleRow.story_id,
                    ArticleRow.id,
                    ArticleRow.uid,
                    ArticleRow.outlet,
                    ArticleRow.headline,
                    ArticleRow.published,
                    ArticleRow.url,
                )
                .where(ArticleRow.story_id.in_([h.id for h in heads]))
                .order_by(ArticleRow.published.nulls_last(), ArticleRow.id)
            ):
                copies.setdefault(r.story_id, []).append(
                    StoryCopy(r.uid, r.id, r.outlet, r.headline, iso(r.published), r.url)
                )
    return [
        StoryRow(h.id, h.headline, iso(h.first_published), h.size, copies.get(h.id, []))
        for h in heads
    ]
