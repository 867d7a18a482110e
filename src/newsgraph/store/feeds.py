"""What ``newsgraph watch`` follows and has seen, kept in the knowledge base
so that a restart resumes where it stopped without fetching anything twice.

``feed_sources``: one row per feed or sitemap URL, with the validators of
its last answer (ETag, Last-Modified: the next fetch is a conditional GET),
when it was last fetched, its last status and error, how many articles came
from it, and how many fetches failed in a row. ``feed_items``: one row per
item URL (canonical) a source listed, with how it went: ``stored``,
``refused`` (not an article) or ``failed`` (tried again up to
``MAX_ITEM_ATTEMPTS`` times). An item whose URL is an article key already
is seen too, even without its row (a crash between the two writes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsgraph.store.schema import ArticleRow, FeedItem, FeedSource

__all__ = [
    "MAX_ITEM_ATTEMPTS",
    "SourceState",
    "count_stored",
    "ensure_source",
    "list_sources",
    "mark_items",
    "record_fetch",
    "unseen",
]

MAX_ITEM_ATTEMPTS = 3
"""Fetches of an item that failed before it is no longer tried."""
_CHUNK = 400


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


@dataclass
class SourceState:
    """A followed source as stored: settings, validators and last results."""

    id: int
    url: str
    outlet: str | None
    language: str | None
    interval: int | None
    kind: str | None
    etag: str | None
    last_modified: str | None
    last_fetch_at: str | None
    last_ok_at: str | None
    last_status: int | None
    last_error: str | None
    items: int
    failures: int
    seen: int = 0

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values.pop("etag")
        values.pop("last_modified")
        return values


def _state(row: FeedSource, seen: int = 0) -> SourceState:
    return SourceState(
        id=row.id,
        url=row.url,
        outlet=row.outlet,
        language=row.language,
        interval=row.interval,
        kind=row.kind,
        etag=row.etag,
        last_modified=row.last_modified,
        last_fetch_at=_iso(row.last_fetch_at),
        last_ok_at=_iso(row.last_ok_at),
        last_status=row.last_status,
        last_error=row.last_error,
        items=row.items,
        failures=row.failures,
        seen=seen,
    )


def ensure_source(
    engine: Engine,
    url: str,
    *,
    outlet: str | None = None,
    language: str | None = None,
    interval: int | None = None,
) -> SourceState:
    """The stored state of the source at ``url``, made when new; settings
    given here replace stored ones."""
    with Session(engine) as session:
        row = session.execute(select(FeedSource).where(FeedSource.url == url)).scalar_one_or_none()
        if row is None:
            row = FeedSource(url=url, items=0, failures=0)
            session.add(row)
        row.outlet = outlet or row.outlet
        row.language = language or row.language
        row.interval = interval or row.interval
        session.commit()
        return _state(row)


def record_fetch(
    engine: Engine,
    source_id: int,
    *,
    status: int | None,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    kind: str | None = None,
) -> None:
    """What one fetch of a source found. A failed fetch keeps the old
    validators; a successful one (200 or 304) resets the failure count."""
    with Session(engine) as session:
        row = session.get(FeedSource, source_id)
        if row is None:
            return
        now = _now()
        row.last_fetch_at, row.last_status, row.last_error = now, status, error
        if error is None:
            row.last_ok_at, row.failures = now, 0
            if status == 200:
                row.etag, row.last_modified = etag, last_modified
            row.kind = kind or row.kind
        else:
            row.failures += 1
        session.commit()


def count_stored(engine: Engine, source_id: int, stored: int) -> None:
    """Add ``stored`` articles to a source's count."""
    if stored:
        with Session(engine) as session:
            row = session.get(FeedSource, source_id)
            if row is not None:
                row.items += stored
                session.commit()


def unseen(engine: Engine, urls: Iterable[str]) -> list[str]:
    """The URLs (in their order, each once) not seen before: no item row that
    is done with (stored, refused, or failed too often), no article under
    that key."""
    wanted = list(dict.fromkeys(u for u in urls if u))
    done: set[str] = set()
    with Session(engine) as session:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            done.update(
                session.execute(
                    select(FeedItem.url).where(
                        FeedItem.url.in_(chunk),
                        (FeedItem.status != "failed") | (FeedItem.attempts >= MAX_ITEM_ATTEMPTS),
                    )
                ).scalars()
            )
            done.update(
                session.execute(select(ArticleRow.key).where(ArticleRow.key.in_(chunk))).scalars()
            )
    return [u for u in wanted if u not in done]


def mark_items(
    engine: Engine, source_id: int, outcomes: Iterable[tuple[str, str, str | None]]
) -> None:
    """Record (url, status, error) for items of a source: ``stored``,
    ``refused`` or ``failed`` (one more attempt)."""
    with Session(engine) as session:
        for url, status, error in outcomes:
            row = session.execute(select(FeedItem).where(FeedItem.url == url)).scalar_one_or_none()
            if row is None:
                row = FeedItem(url=url, source_id=source_id, attempts=0, status=status)
                session.add(row)
            row.status, row.last_error, row.updated_at = status, error, _now()
            row.attempts += 1
        session.commit()


def list_sources(engine: Engine) -> list[SourceState]:
    """Every followed source, in the order they were added, with the number
    of its items seen."""
    with Session(engine) as session:
        counts = dict(
            session.execute(
                select(FeedItem.source_id, func.count()).group_by(FeedItem.source_id)
            ).all()
        )
        rows = session.execute(select(FeedSource).order_by(FeedSource.id)).scalars().all()
        return [_state(row, counts.get(row.id, 0)) for row in rows]
