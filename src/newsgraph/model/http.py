"""The HTTP API's request and response bodies (``/api/v1/``), shared by the
API (``newsgraph.api``) and the web pages (``newsgraph.web``), which do not
import each other.

Response models mirror the typed rows of ``newsgraph.store.read`` field for
field and in the same order (``tests/api/test_models.py`` holds them to it):
they only describe and check the JSON the API has always sent. They are
built from those rows by attribute (``from_attributes``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.model.records import Analysis

__all__ = [
    "MAX_BODY",
    "AnalyzeRequest",
    "AnalyzeResponse",
    "ArticleBrief",
    "ArticleDetail",
    "ArticleEntity",
    "ArticleEvent",
    "ArticlePage",
    "ArticleQuote",
    "ArticleSummary",
    "ArticleTime",
    "ArticleView",
    "CoMention",
    "Deleted",
    "EntityBrief",
    "EntityList",
    "EntityProfile",
    "ErrorBody",
    "ErrorDetail",
    "EventActor",
    "EventItem",
    "EventPage",
    "Health",
    "MentionSpan",
    "MergeRequest",
    "Merged",
    "QuoteItem",
    "QuotePage",
    "RoleSpan",
    "SearchHit",
    "SearchPage",
    "Split",
    "SplitRequest",
    "StoreOutcome",
    "StoryCopy",
    "StoryList",
    "StoryRow",
]

MAX_BODY = 5 * 1024 * 1024
"""Largest request body in bytes (API and the web's upload form): 413 above."""

StoreOutcome = Literal["stored", "replaced", "duplicate"]
"""What storing an analysis did (``store.write.store_analysis``)."""


class Body(BaseModel):
    """Base of the response bodies: read from typed rows by attribute."""

    model_config = ConfigDict(from_attributes=True)


# -- requests ------------------------------------------------------------------------


class AnalyzeRequest(BaseModel):
    """Text or HTML to analyse."""

    text: str | None = Field(default=None, description="Plain text of an article.")
    html: str | None = Field(default=None, description="HTML of an article page.")
    date: dt.date | None = Field(
        default=None, description="Publication date, if the input gives none."
    )
    url: str | None = Field(
        default=None, description="The article's URL (identifies it when stored)."
    )
    store: bool = Field(default=False, description="Also store it in the knowledge base.")


class MergeRequest(BaseModel):
    gone: int = Field(description="Entity id to fold into this one.")


class SplitRequest(BaseModel):
    alias: str = Field(min_length=1, description="The name whose mentions become a new entity.")


# -- errors --------------------------------------------------------------------------


class ErrorDetail(Body):
    status: int
    message: str


class ErrorBody(Body):
    """Every error answer: ``{"error": {"status": 404, "message": "..."}}``."""

    error: ErrorDetail


# -- articles ------------------------------------------------------------------------


class ArticleSummary(Body):
    """An article in a list (``id``: the knowledge base's article id)."""

    id: int
    key: str
    url: str | None
    outlet: str | None
    section: str | None
    headline: str | None
    published: str | None = Field(description="YYYY-MM-DD.")
    story_id: int | None


class ArticlePage(Body):
    """A page of articles, newest first; ``next_offset`` is null on the last page."""

    items: list[ArticleSummary]
    total: int
    offset: int
    limit: int
    next_offset: int | None


class ArticleDetail(ArticleSummary):
    description: str | None
    authors: list[str]
    dateline: str | None
    copyright: str | None
    paragraphs: list[str]
    text: str


class MentionSpan(Body):
    text: str
    start: int
    end: int
    field: str = Field(description="text or headline: where the offsets point.")


class ArticleEntity(Body):
    """An entity as the article gives it (``id``: the knowledge base's id)."""

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


class ArticleQuote(Body):
    id: str
    text: str
    kind: str
    speaker: int | None = Field(description="Entity id of the speaker.")
    speaker_name: str | None
    speakers: list[int]
    cue: str | None
    start: int
    end: int


class ArticleTime(Body):
    text: str
    value: str | None
    kind: str
    start: int
    end: int


class EventActor(Body):
    name: str | None
    code: str | None
    entity: int | None = Field(description="Entity id.")


class ArticleEvent(Body):
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


class ArticleView(Body):
    """One article with its analysis and the other copies of its story."""

    article: ArticleDetail
    entities: list[ArticleEntity]
    quotes: list[ArticleQuote]
    times: list[ArticleTime]
    events: list[ArticleEvent]
    copies: list[ArticleSummary]


class Deleted(Body):
    deleted: int = Field(description="The id of the article deleted.")


# -- search --------------------------------------------------------------------------


class SearchHit(Body):
    """An article found: ``rank`` higher is better; ``snippet`` marks the
    matched words in [brackets]."""

    article_id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None
    rank: float
    snippet: str


class SearchPage(Body):
    items: list[SearchHit]
    offset: int
    limit: int


# -- entities ------------------------------------------------------------------------


class EntityBrief(Body):
    id: int
    name: str
    type: str
    mentions: int


class EntityList(Body):
    items: list[EntityBrief]


class RoleSpan(Body):
    kind: Literal["title", "role"]
    value: str
    first_seen: str | None
    last_seen: str | None
    articles: int


class ArticleBrief(Body):
    id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None


class CoMention(Body):
    id: int
    name: str
    type: str
    shared_articles: int


class QuoteItem(Body):
    """A quote with its speaker and article (``article_id``: the knowledge
    base's article id)."""

    quote_id: int
    speaker_id: int | None
    speaker: str | None
    kind: str
    cue: str | None
    text: str
    article_id: int
    published: str | None
    outlet: str | None
    headline: str | None
    url: str | None


class EventItem(Body):
    """An event as a GDELT-like row (the columns of ``newsgraph events``;
    ``article_id`` is the article's own id)."""

    date: str | None
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
    event_id: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str


class EntityProfile(Body):
    """What the knowledge base knows of one entity (lists: the newest;
    ``*_count``: the full numbers; ``others``: the other entities the name
    could have meant)."""

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


class Merged(Body):
    kept: int
    merged: int


class Split(Body):
    entity: int
    new: int = Field(description="The id of the new entity.")


# -- quotes, events, stories ---------------------------------------------------------


class QuotePage(Body):
    items: list[QuoteItem]
    offset: int
    limit: int


class EventPage(Body):
    items: list[EventItem]
    offset: int
    limit: int


class StoryCopy(Body):
    article_id: int
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None


class StoryRow(Body):
    """A story (syndicated copies of one article) and its copies, oldest first."""

    id: int
    headline: str | None
    first_published: str | None
    size: int
    copies: list[StoryCopy]


class StoryList(Body):
    items: list[StoryRow]


# -- analysis, health ----------------------------------------------------------------


class AnalyzeResponse(Analysis):
    """The analysis document (see ``newsgraph schema``); with ``stored``
    ("stored", "replaced", "duplicate") when it was asked to be stored."""

    stored: StoreOutcome | None = Field(
        default=None,
        description="What storing did, when asked for.",
        exclude_if=lambda value: value is None,
    )


class Health(Body):
    status: Literal["ok"]
    version: str
    database: str = Field(description="The database's dialect: sqlite or postgresql.")
