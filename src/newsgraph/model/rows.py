"""Flat rows of the analysis records, for tables, CSV and other exports.

``event_row`` gives an event GDELT-like columns: the date, the actors' codes
and names, the PLOVER type and CAMEO codes, the place with its country and
coordinates, the article's URL and the sentence that states the event.
"""

from __future__ import annotations

from typing import Any

from newsgraph.model.records import Analysis, Event

EVENT_COLUMNS = (
    "date",
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
    "event_id",
    "url",
    "outlet",
    "published",
    "sentence",
)


def event_row(analysis: Analysis, event: Event) -> dict[str, Any]:
    """One event as a flat row (keys: ``EVENT_COLUMNS``)."""
    article = analysis.article
    published = article.published.isoformat() if article.published else None
    return {
        "date": event.time or published,
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
        "event_id": event.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": published,
        "sentence": " ".join(event.text.split()),
    }
