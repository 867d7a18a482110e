"""The HTTP bodies of live monitoring (``/api/v1/alerts``, ``/api/v1/sources``):
saved alerts, their matches, and the sources `watch` follows
(``store.alerts``, ``store.feeds``). Beside ``model.http``, whose ``Body``
they share."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from newsgraph.model.http import Body

__all__ = [
    "AlertList",
    "AlertMatchBody",
    "AlertMatchList",
    "AlertRequest",
    "AlertRuleBody",
    "FeedSourceBody",
    "FeedSourceList",
]


class AlertRequest(BaseModel):
    """A new alert: one thing to look for (an entity, a query, an event
    pattern, or a speaker's quotes) and where to send its matches."""

    name: str = Field(min_length=1, max_length=200)
    entity: str | None = Field(default=None, description="An entity: name or knowledge-base id.")
    query: str | None = Field(default=None, description="A full-text query, as search reads it.")
    source: str | None = Field(default=None, description="Event pattern: source actor.")
    target: str | None = Field(default=None, description="Event pattern: target actor.")
    type: str | None = Field(default=None, description="Event pattern: PLOVER type.")
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    speaker: str | None = Field(default=None, description="Quotes by this speaker.")
    webhook: str | None = Field(default=None, description="POST each match here (http/https).")
    secret: str | None = Field(
        default=None, description="Sign webhook bodies with HMAC-SHA256 (never sent back)."
    )
    email: str | None = Field(default=None, description="Mail each match here.")


class AlertRuleBody(Body):
    """An alert as listed: never its secret (``has_secret``), the webhook
    without password or query string."""

    id: int
    name: str
    kind: str
    criteria: dict[str, Any]
    webhook: str | None
    has_secret: bool
    email: str | None
    created_at: str
    matches: int
    delivered: int
    pending: int
    failed: int


class AlertList(Body):
    items: list[AlertRuleBody]


class AlertMatchBody(Body):
    """An article an alert matched, with the matching facts and sentences."""

    article: int
    article_id: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None
    matched_at: str
    facts: list[dict[str, Any]]


class AlertMatchList(Body):
    items: list[AlertMatchBody]


class FeedSourceBody(Body):
    """A source `watch` follows and how its last fetch went."""

    id: int
    url: str
    outlet: str | None
    language: str | None
    interval: int | None
    kind: str | None
    last_fetch_at: str | None
    last_ok_at: str | None
    last_status: int | None
    last_error: str | None
    items: int
    failures: int
    seen: int


class FeedSourceList(Body):
    items: list[FeedSourceBody]
