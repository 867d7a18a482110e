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
import hmac
import ipaddress
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newsgraph.model.records import Analysis

__all__ = [
    "MAX_BODY",
    "MAX_ID",
    "SMALL_BODY",
    "AnalyzeRequest",
    "AnalyzeResponse",
    "ArticleBriefBody",
    "ArticleDetailBody",
    "ArticleEntityBody",
    "ArticleEventBody",
    "ArticlePageBody",
    "ArticleQuoteBody",
    "ArticleSummaryBody",
    "ArticleTimeBody",
    "ArticleViewBody",
    "CoMentionBody",
    "Deleted",
    "EntityBriefBody",
    "EntityList",
    "EntityProfileBody",
    "ErrorBody",
    "ErrorDetail",
    "EventActorBody",
    "EventItemBody",
    "EventPage",
    "Health",
    "MentionSpanBody",
    "MergeRequest",
    "Merged",
    "QuoteItemBody",
    "QuotePage",
    "RoleSpanBody",
    "SearchHitBody",
    "SearchPage",
    "ServerLimits",
    "Split",
    "SplitRequest",
    "StoreOutcome",
    "StoryCopyBody",
    "StoryList",
    "StoryRowBody",
    "WriteRule",
]

MAX_BODY = 5 * 1024 * 1024
"""Largest request body in bytes of the analyses (API and the web's upload
form) unless the ``max_body`` setting says otherwise: 413 above."""

SMALL_BODY = 64 * 1024
"""Largest request body of every other endpoint (merge, split, delete...)."""

MAX_ID = 2**63 - 1
"""The largest id (a database integer); ids in requests are checked against it."""


@dataclass(frozen=True)
class ServerLimits:
    """What one request may ask of the server: ``max_body`` bytes for an
    analysis (counted as they arrive), ``analyze_max_chars`` characters of
    text to analyse, ``analyze_timeout`` seconds of analysis, and
    ``analyze_workers`` analyses at once (the settings of the same names)."""

    max_body: int = MAX_BODY
    analyze_max_chars: int = 100_000
    analyze_timeout: float = 60.0
    analyze_workers: int = 2


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


@dataclass(frozen=True)
class WriteRule:
    """Who may write (store, delete, merge, split) and analyse: with a
    ``token``, whoever sends it; without one, only a client on this machine
    of a server bound to a loopback address (``local``)."""

    token: str | None = None
    local: bool = True

    def refusal(
        self, *, authorization: str | None, client: str | None, token_field: str | None = None
    ) -> tuple[int, str] | None:
        """None when the request may write; else the status and the reason.
        ``authorization``: the request's Authorization header; ``client``:
        its address; ``token_field``: a token typed into a form."""
        if self.token:
            wanted = self.token.encode()
            if authorization is not None and hmac.compare_digest(
                authorization.encode(), b"Bearer " + wanted
            ):
                return None
            if token_field is not None and hmac.compare_digest(token_field.encode(), wanted):
                return None
            return 401, "this endpoint needs 'Authorization: Bearer <token>'"
        if not self.local:
            return 403, "writes are off: set NEWSGRAPH_TOKEN on a server not on localhost"
        if not _is_loopback(client):
            return 403, "without NEWSGRAPH_TOKEN, writes are taken from this machine only"
        return None


StoreOutcome = Literal["stored", "replaced", "duplicate"]
"""What storing an analysis did (``store.write.store_analysis``)."""


class Body(BaseModel):
    """Base of the response bodies: read from typed rows by attribute."""

    model_config = ConfigDict(from_attributes=True)


# -- requests ------------------------------------------------------------------------


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("contains a NUL byte")
    return value


class AnalyzeRequest(BaseModel):
    """Text or HTML to analyse."""

    text: str | None = Field(default=None, description="Plain text of an article.")
    html: str | None = Field(default=None, description="HTML of an article page.")
    date: dt.date | None = Field(
        default=None, description="Publication date, if the input gives none."
    )
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="The article's URL (identifies it when stored).",
    )
    store: bool = Field(default=False, description="Also store it in the knowledge base.")

    _plain = field_validator("text", "html", "url")(_no_nul)


class MergeRequest(BaseModel):
    gone: int = Field(ge=1, le=MAX_ID, description="Entity id to fold into this one.")


class SplitRequest(BaseModel):
    alias: str = Field(
        min_length=1, max_length=300, description="The name whose mentions become a new entity."
    )

    _plain = field_validator("alias")(_no_nul)


# -- errors --------------------------------------------------------------------------


class ErrorDetail(Body):
    status: int
    message: str


class ErrorBody(Body):
    """Every error answer: ``{"error": {"status": 404, "message": "..."}}``."""

    error: ErrorDetail


# -- articles ------------------------------------------------------------------------


class ArticleSummaryBody(Body):
    """An article in a list (``id``: the knowledge base's article id)."""

    id: int
    key: str
    url: str | None
    outlet: str | None
    section: str | None
    headline: str | None
    published: str | None = Field(description="YYYY-MM-DD.")
    story_id: int | None


class ArticlePageBody(Body):
    """A page of articles, newest first; ``next_offset`` is null on the last page."""

    items: list[ArticleSummaryBody]
    total: int
    offset: int
    limit: int
    next_offset: int | None


class ArticleDetailBody(ArticleSummaryBody):
    description: str | None
    authors: list[str]
    dateline: str | None
    copyright: str | None
    paragraphs: list[str]
    text: str


class MentionSpanBody(Body):
    text: str
    start: int
    end: int
    field: str = Field(description="text or headline: where the offsets point.")


class ArticleEntityBody(Body):
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
    mentions: list[MentionSpanBody]


class ArticleQuoteBody(Body):
    id: str
    text: str
    kind: str
    speaker: int | None = Field(description="Entity id of the speaker.")
    speaker_name: str | None
    speakers: list[int]
    cue: str | None
    start: int
    end: int


class ArticleTimeBody(Body):
    text: str
    value: str | None
    kind: str
    start: int
    end: int


class EventActorBody(Body):
    name: str | None
    code: str | None
    entity: int | None = Field(description="Entity id.")


class ArticleEventBody(Body):
    id: str
    type: str
    cameo: str
    cameo_code: str | None
    source: EventActorBody
    target: EventActorBody
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


class ArticleViewBody(Body):
    """One article with its analysis and the other copies of its story."""

    article: ArticleDetailBody
    entities: list[ArticleEntityBody]
    quotes: list[ArticleQuoteBody]
    times: list[ArticleTimeBody]
    events: list[ArticleEventBody]
    copies: list[ArticleSummaryBody]


class Deleted(Body):
    deleted: int = Field(description="The id of the article deleted.")


# -- search --------------------------------------------------------------------------


class SearchHitBody(Body):
    """An article found: ``rank`` higher is better; ``snippet`` marks the
    matched words in [brackets]. ``article_id`` is the article's own id (as
    in every export and event); ``article`` its number in this knowledge base
    (``/api/v1/articles/{article}``; the own id works there too)."""

    article_id: str
    article: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None
    rank: float
    snippet: str


class SearchPage(Body):
    items: list[SearchHitBody]
    offset: int
    limit: int


# -- entities ------------------------------------------------------------------------


class EntityBriefBody(Body):
    id: int
    name: str
    type: str
    mentions: int


class EntityList(Body):
    items: list[EntityBriefBody]


class RoleSpanBody(Body):
    kind: Literal["title", "role"]
    value: str
    first_seen: str | None
    last_seen: str | None
    articles: int


class ArticleBriefBody(Body):
    id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None


class CoMentionBody(Body):
    id: int
    name: str
    type: str
    shared_articles: int


class QuoteItemBody(Body):
    """A quote with its speaker and article (``article_id``: the article's
    own id; ``article``: its number in this knowledge base)."""

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
    local_id: str


class EventItemBody(Body):
    """An event as a GDELT-like row (the columns of ``newsgraph events``;
    ``article_id`` is the article's own id)."""

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


class EntityProfileBody(Body):
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
    roles_over_time: list[RoleSpanBody]
    quotes: list[QuoteItemBody]
    quote_count: int
    events_as_source: list[EventItemBody]
    source_event_count: int
    events_as_target: list[EventItemBody]
    target_event_count: int
    events_reported: list[EventItemBody]
    reported_event_count: int
    articles: list[ArticleBriefBody]
    co_mentioned: list[CoMentionBody]
    others: list[EntityBriefBody]


class Merged(Body):
    kept: int
    merged: int


class Split(Body):
    entity: int
    new: int = Field(description="The id of the new entity.")


# -- quotes, events, stories ---------------------------------------------------------


class QuotePage(Body):
    items: list[QuoteItemBody]
    offset: int
    limit: int


class EventPage(Body):
    items: list[EventItemBody]
    offset: int
    limit: int


class StoryCopyBody(Body):
    article_id: str
    article: int
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None


class StoryRowBody(Body):
    """A story (syndicated copies of one article) and its copies, oldest first."""

    id: int
    headline: str | None
    first_published: str | None
    size: int
    copies: list[StoryCopyBody]


class StoryList(Body):
    items: list[StoryRowBody]


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
