"""Flat rows of the analysis records, for tables, CSV and other exports.

``event_row`` gives an event GDELT-like columns: the date, the actors' codes
and names, the PLOVER type and CAMEO codes, the place with its country and
coordinates, the article's URL and the sentence that states the event.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.model.records import Analysis, Event

EVENT_COLUMNS = (
    "date",
    "time",
    "date_precision",
    "source_code",
    "source_name",
    "target_code",
    "target_name",
    "type",
    "cameo",
    "cameo_code",
    "negated",
    "mutual",
    "place",
    "country",
    "lat",
    "lon",
    "reported_by",
    "confidence",
    "article_id",
    "story_id",
    "event_id",
    "url",
    "outlet",
    "published",
    "sentence",
)


_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(W\d{2}|SP|SU|FA|AU|WI|Q[1-4]|H[12])\b")
_PARTS = {"W": "week", "S": "season", "F": "season", "A": "season", "Q": "quarter", "H": "half"}


def event_date(time: str | None, published: str | None) -> tuple[str | None, str | None]:
    """(ISO date, its precision) of an event's TIMEX value: ``YYYY-MM-DD``
    (day), ``YYYY-MM`` (month), ``YYYY`` (year; also for a week, season,
    quarter or half of that year, the precision saying which); the
    publication date for no time or ``PRESENT_REF``; no date for what has no
    calendar place (``PAST_REF``, ``FUTURE_REF``, a decade, ``XXXX-...``)."""
    value = time or None
    if value is None or value == "PRESENT_REF":
        return (published, "day") if published else (None, None)
    if found := _DAY.match(value):
        return found[1], "day"
    if _MONTH.match(value):
        return value, "month"
    if _YEAR.match(value):
        return value, "year"
    if found := _PART_OF_YEAR.match(value):
        return found[1], _PARTS.get(found[2][0], "year")
    return None, "other"


def event_row(analysis: Analysis, event: Event) -> dict[str, Any]:
    """One event as a flat row (keys: ``EVENT_COLUMNS``): ``date`` is ISO or
    empty, ``time`` the TIMEX value it came from."""
    article = analysis.article
    published = article.published.isoformat() if article.published else None
    date, precision = event_date(event.time, published)
    return {
        "date": date,
        "time": event.time or published,
        "date_precision": precision,
        "source_code": event.source.code,
        "source_name": event.source.name,
        "target_code": event.target.code,
        "target_name": event.target.name,
        "type": event.type,
        "cameo": event.cameo,
        "cameo_code": event.cameo_code or event.cameo,
        "negated": event.negated,
        "mutual": event.mutual,
        "place": event.place,
        "country": event.place_country,
        "lat": event.lat,
        "lon": event.lon,
        "reported_by": event.reported_by,
        "confidence": event.confidence,
        "article_id": article.id,
        "story_id": None,  # a story is known once stored (the knowledge base's exports)
        "event_id": event.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": published,
        "sentence": " ".join(event.text.split()),
    }
