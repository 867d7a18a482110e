"""The knowledge base's tables (SQLAlchemy 2), the same on SQLite and PostgreSQL.

One row per article (identified by ``key``: its URL where it has one, else
``sha256:<content hash>``), with the analysis spread over child tables that
go with it (``ON DELETE CASCADE``): the article's own entities
(``article_entities``, linked to one knowledge-base ``entities`` row each),
their ``mentions``, ``quotes``, ``times`` and ``events``. ``stories`` group
near-duplicate copies (``article_bands`` holds each article's MinHash LSH band
hashes); ``sources`` are the inputs read, ``runs`` the ingest runs;
``feed_sources`` and ``feed_items`` are what ``watch`` follows and has seen,
``alert_rules``, ``alert_matches`` and ``alert_deliveries`` the saved alerts,
what they matched and where each match went. Full-text
search lives beside these tables: an FTS5 table on SQLite, a ``tsvector``
column with a GIN index on PostgreSQL (see ``store.migrations``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from newsgraph.model.safe import fitted, fitted_key, printable

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Fitted(TypeDecorator[str]):
    """A VARCHAR(n) whose values are made to fit before they are sent, the
    same on every backend: control characters out (PostgreSQL refuses NUL),
    cut to n characters with a marker (PostgreSQL refuses longer values,
    SQLite would keep them). Unique keys are made to fit before, with a hash
    (``model.safe.fitted_key``)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if not isinstance(value, str):
            return value
        return fitted(printable(value), getattr(self.impl_instance, "length", None) or len(value))


class FittedKey(Fitted):
    """A unique VARCHAR(n) key: a longer value keeps its start and ends with a
    hash of the whole (``model.safe.fitted_key``), in stored values and in
    comparisons alike, so two long URLs stay two."""

    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if not isinstance(value, str):
            return value
        limit = getattr(self.impl_instance, "length", None) or len(value)
        return fitted_key(printable(value), limit)


class CleanText(TypeDecorator[str]):
    """TEXT without control characters (one for one, offsets kept)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return printable(value) if isinstance(value, str) else value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Run(Base):
    """One `newsgraph ingest` (or `load`) run and what it did."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    inputs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    read: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(Fitted(20), default="running")
    pid: Mapped[int | None] = mapped_column(Integer)  # the process running it, on ``host``
    host: Mapped[str | None] = mapped_column(Fitted(255))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # its last commit


class Source(Base):
    """An input an article came from (a file, a record's file:line, a URL)."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location: Mapped[str] = mapped_column(Fitted(2000), unique=True)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))


class Story(Base):
    """A story: one article and its near-duplicate copies (syndication)."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    headline: Mapped[str | None] = mapped_column(CleanText)
    first_published: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Fitted(2000), unique=True)
    uid: Mapped[str] = mapped_column(Fitted(64), index=True)  # Article.id
    url: Mapped[str | None] = mapped_column(Fitted(2000))
    content_hash: Mapped[str] = mapped_column(Fitted(64), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    outlet: Mapped[str | None] = mapped_column(Fitted(300), index=True)
    section: Mapped[str | None] = mapped_column(Fitted(300))
    headline: Mapped[str | None] = mapped_column(CleanText)
    description: Mapped[str | None] = mapped_column(CleanText)
    authors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    dateline: Mapped[str | None] = mapped_column(Fitted(300))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    copyright: Mapped[str | None] = mapped_column(CleanText)
    paragraphs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(CleanText)
    language: Mapped[str | None] = mapped_column(Fitted(8), index=True)  # ISO 639-1
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class EntityRow(Base):
    """A knowledge-base entity: one person, organisation or place across
    articles (``key``: type + normalised name, plus a number for namesakes)."""

    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Fitted(600), unique=True)
    name: Mapped[str] = mapped_column(Fitted(500), index=True)
    type: Mapped[str] = mapped_column(Fitted(20), index=True)
    country: Mapped[str | None] = mapped_column(Fitted(3))
    code: Mapped[str | None] = mapped_column(Fitted(30))
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    titles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)


class EntityRedirect(Base):
    """A name key that a user merged into another entity: later articles
    naming it link to that entity (``newsgraph entity-merge`` keeps)."""

    __tablename__ = "entity_redirects"
    key: Mapped[str] = mapped_column(Fitted(600), primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )


class ArticleEntityRow(Base):
    """An entity as one article has it (its local id "e3", titles, roles and
    attributes there), linked to its knowledge-base entity."""

    __tablename__ = "article_entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    local_id: Mapped[str] = mapped_column(Fitted(20))
    name: Mapped[str] = mapped_column(Fitted(500))
    type: Mapped[str] = mapped_column(Fitted(20))
    code: Mapped[str | None] = mapped_column(Fitted(30))
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    titles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    article_entity_id: Mapped[int] = mapped_column(
        ForeignKey("article_entities.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Fitted(1000))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(Fitted(10), default="text")


class QuoteRow(Base):
    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    local_id: Mapped[str] = mapped_column(Fitted(20))
    text: Mapped[str] = mapped_column(CleanText)
    kind: Mapped[str] = mapped_column(Fitted(10))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    speaker_name: Mapped[str | None] = mapped_column(Fitted(500))
    speakers: Mapped[list[Any]] = mapped_column(JSON, default=list)  # entity ids
    cue: Mapped[str | None] = mapped_column(Fitted(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class TimeRow(Base):
    __tablename__ = "times"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Fitted(500))
    value: Mapped[str | None] = mapped_column(Fitted(50))
    kind: Mapped[str] = mapped_column(Fitted(10))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    local_id: Mapped[str] = mapped_column(Fitted(20))
    type: Mapped[str] = mapped_column(Fitted(20), index=True)
    cameo: Mapped[str] = mapped_column(Fitted(2))
    cameo_code: Mapped[str | None] = mapped_column(Fitted(4))
    source_code: Mapped[str | None] = mapped_column(Fitted(30), index=True)
    source_name: Mapped[str | None] = mapped_column(Fitted(500))
    source_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    target_code: Mapped[str | None] = mapped_column(Fitted(30), index=True)
    target_name: Mapped[str | None] = mapped_column(Fitted(500))
    target_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    mutual: Mapped[bool] = mapped_column(Boolean, default=False)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[str | None] = mapped_column(Fitted(20), index=True)  # event time, else published
    place: Mapped[str | None] = mapped_column(Fitted(500))
    place_country: Mapped[str | None] = mapped_column(Fitted(3))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    reported_by: Mapped[str | None] = mapped_column(Fitted(500), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(CleanText)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ArticleBand(Base):
    """One MinHash LSH band hash of an article, for finding its copies."""

    __tablename__ = "article_bands"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)


class KbVersion(Base):
    """The knowledge base's version: one row, its number bumped in the same
    transaction as every write (an ingest batch, a curation, a stored
    analysis), so that a cache keyed on it never serves stale answers."""

    __tablename__ = "kb_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class EntityMonthRow(Base):
    """Precomputed counts of an entity per month of publication (``month``
    YYYY-MM, "" for undated articles): articles it is in, its mentions,
    quotes it is the speaker of, events it is the source or target of.
    Kept up to date by every write (``store.aggregates``)."""

    __tablename__ = "entity_months"
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    quotes: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)


class CoMentionCount(Base):
    """Precomputed: in how many articles two entities are both mentioned
    (both directions stored, so one entity's neighbours are one index
    range). Kept up to date by every write (``store.aggregates``)."""

    __tablename__ = "co_mentions"
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    shared: Mapped[int] = mapped_column(Integer, default=0)


Index("ix_co_mentions_entity_shared", CoMentionCount.entity_id, CoMentionCount.shared)
Index("ix_article_bands_band_hash", ArticleBand.band, ArticleBand.hash)
Index("ix_article_entities_entity_article", ArticleEntityRow.entity_id, ArticleEntityRow.article_id)
Index("ix_article_entities_article_entity", ArticleEntityRow.article_id, ArticleEntityRow.entity_id)


class FeedSource(Base):
    """A feed or sitemap that ``newsgraph watch`` follows, with what the last
    fetch found (conditional GET validators, status, error) and counters."""

    __tablename__ = "feed_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(FittedKey(2000), unique=True)
    outlet: Mapped[str | None] = mapped_column(Fitted(300))
    language: Mapped[str | None] = mapped_column(Fitted(8))
    interval: Mapped[int | None] = mapped_column(Integer)  # seconds; None: watch's own
    kind: Mapped[str | None] = mapped_column(Fitted(10))  # feed | sitemap
    etag: Mapped[str | None] = mapped_column(Fitted(500))
    last_modified: Mapped[str | None] = mapped_column(Fitted(100))
    last_fetch_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_ok_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(CleanText)
    items: Mapped[int] = mapped_column(Integer, default=0)  # articles stored from it
    failures: Mapped[int] = mapped_column(Integer, default=0)  # fetches failed in a row
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class FeedItem(Base):
    """An item (canonical URL) a followed source listed: stored, refused,
    or failed ``attempts`` times; an item seen before is not fetched again."""

    __tablename__ = "feed_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(FittedKey(2000), unique=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("feed_sources.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(Fitted(10))  # stored | refused | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(CleanText)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class AlertRule(Base):
    """A saved alert: what to look for in each newly stored article (an
    entity, a full-text query, an event pattern or a speaker's quotes) and
    where to send a match (webhook, e-mail; every rule has its Atom feed)."""

    __tablename__ = "alert_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Fitted(200), unique=True)
    kind: Mapped[str] = mapped_column(Fitted(10))  # entity | query | event | quote
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_name: Mapped[str | None] = mapped_column(Fitted(500))
    query: Mapped[str | None] = mapped_column(CleanText)
    event_source: Mapped[str | None] = mapped_column(Fitted(500))
    event_target: Mapped[str | None] = mapped_column(Fitted(500))
    event_type: Mapped[str | None] = mapped_column(Fitted(20))
    min_confidence: Mapped[float | None] = mapped_column(Float)
    speaker: Mapped[str | None] = mapped_column(Fitted(500))
    webhook: Mapped[str | None] = mapped_column(Fitted(2000))
    secret: Mapped[str | None] = mapped_column(Fitted(500))
    email: Mapped[str | None] = mapped_column(Fitted(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class AlertMatch(Base):
    """An article a rule matched, with the matching facts and their sentences."""

    __tablename__ = "alert_matches"
    __table_args__ = (UniqueConstraint("rule_id", "article_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(
        ForeignKey("alert_rules.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    facts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)


class AlertDelivery(Base):
    """One match to one destination (``webhook`` or ``email``): pending until
    sent once, retried with back-off, ``failed`` after the last attempt."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (UniqueConstraint("match_id", "destination"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_id: Mapped[int] = mapped_column(
        ForeignKey("alert_matches.id", ondelete="CASCADE"), index=True
    )
    destination: Mapped[str] = mapped_column(Fitted(10))  # webhook | email
    status: Mapped[str] = mapped_column(Fitted(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(CleanText)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
