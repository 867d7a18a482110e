"""The batch tables: one flat row per record of an ``Analysis``.

Every table is keyed by the article's own id (``Article.id``) and carries the
publication date as a string column ``published`` ("unknown" when the
article has none), by which the tables are partitioned. The columns follow
the knowledge base's export (``newsgraph export``) where it has the table;
ids are the analysis ids (strings), not the knowledge base's numbers, which
exist only once the rows are loaded. Each row of ``articles``, ``entities``,
``quotes``, ``times`` and ``events`` also holds ``idx`` (its place in the
analysis) and ``record``: the record itself as JSON, as
``analysis.model_dump(mode="json")`` gives it, from which ``newsgraph load``
rebuilds the ``Analysis`` losslessly.

Pure Python: the Spark job and the loader both use these definitions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from newsgraph.model import Analysis, attached_country
from newsgraph.model.rows import EVENT_COLUMNS, event_row
from newsgraph.store.read import ARTICLE_COLUMNS, ENTITY_COLUMNS, QUOTE_COLUMNS

UNKNOWN_DATE = "unknown"
"""The ``published`` partition of articles without a publication date."""

_KEY = ("article_id", "published")
_RECORD = ("idx", "record")

TABLES: dict[str, tuple[str, ...]] = {
    "articles": (
        *(c for c in ARTICLE_COLUMNS if c != "published"),
        "source",
        "published",
        *_RECORD,
    ),
    "entities": (
        "article_id",
        *ENTITY_COLUMNS,
        "published",
        *_RECORD,
    ),
    "mentions": (
        "article_id",
        "entity_id",
        "entity_name",
        "entity_type",
        "text",
        "start",
        "end",
        "field",
        "published",
        "idx",
    ),
    "quotes": (
        *(c for c in QUOTE_COLUMNS if c not in ("published", "article")),
        "speakers",
        "start",
        "end",
        "published",
        *_RECORD,
    ),
    "times": ("article_id", "text", "value", "kind", "start", "end", "published", *_RECORD),
    "events": (
        *(c for c in EVENT_COLUMNS if c not in ("published", "story_id")),
        "trigger",
        "start",
        "end",
        "published",
        *_RECORD,
    ),
    "errors": ("input", "location", "stage", "reason", "article_id", "published"),
}
"""Each table's columns, in order."""

TYPES: dict[str, str] = {
    "idx": "long",
    "mentions": "long",
    "articles": "long",
    "start": "long",
    "end": "long",
    "authors": "strings",
    "aliases": "strings",
    "titles": "strings",
    "roles": "strings",
    "speakers": "strings",
    "negated": "bool",
    "mutual": "bool",
    "lat": "double",
    "lon": "double",
    "confidence": "double",
}
"""Column types other than string: long, double, bool, strings (a list)."""

PARTITION = "published"


def published_key(analysis: Analysis) -> str:
    published = analysis.article.published
    return published.isoformat() if published else UNKNOWN_DATE


def _record(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def analysis_rows(analysis: Analysis) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every record of one analysis."""
    data = analysis.model_dump(mode="json")
    article = analysis.article
    aid = article.id
    published = published_key(analysis)
    yield (
        "articles",
        {
            "article_id": aid,
            "url": article.url,
            "outlet": article.outlet,
            "section": article.section,
            "headline": article.headline,
            "description": article.description,
            "authors": list(article.authors),
            "dateline": article.dateline,
            "copyright": article.copyright,
            "story_id": None,  # stories are joined when loaded into the knowledge base
            "language": article.language,
            "text": article.text,
            "source": article.source,
            "published": published,
            "idx": 0,
            "record": _record(data["article"]),
        },
    )
    for i, (entity, raw) in enumerate(zip(analysis.entities, data["entities"], strict=True)):
        attributes = entity.attributes
        yield (
            "entities",
            {
                "article_id": aid,
                "id": entity.id,
                "key": None,  # the knowledge base's key is given when loaded
                "name": entity.name,
                "type": entity.type,
                "country": attached_country(attributes),
                "code": entity.code,
                "aliases": list(entity.aliases),
                "titles": list(entity.titles),
                "roles": list(entity.roles),
                "mentions": len(entity.mentions),
                "articles": 1,
                "published": published,
                "idx": i,
                "record": _record(raw),
            },
        )
        for j, mention in enumerate(entity.mentions):
            yield (
                "mentions",
                {
                    "article_id": aid,
                    "entity_id": entity.id,
                    "entity_name": entity.name,
                    "entity_type": entity.type,
                    "text": mention.text,
                    "start": mention.start,
                    "end": mention.end,
                    "field": mention.field,
                    "published": published,
                    "idx": j,
                },
            )
    for i, (quote, raw) in enumerate(zip(analysis.quotes, data["quotes"], strict=True)):
        yield (
            "quotes",
            {
                "quote_id": quote.id,
                "speaker_id": quote.speaker,
                "speaker": quote.speaker_name,
                "kind": quote.kind,
                "cue": quote.cue,
                "text": quote.text,
                "article_id": aid,
                "outlet": article.outlet,
                "headline": article.headline,
                "url": article.url,
                "speakers": list(quote.speakers),
                "start": quote.start,
                "end": quote.end,
                "published": published,
                "idx": i,
                "record": _record(raw),
            },
        )
    for i, (time, raw) in enumerate(zip(analysis.times, data["times"], strict=True)):
        yield (
            "times",
            {
                "article_id": aid,
                "text": time.text,
                "value": time.value,
                "kind": time.kind,
                "start": time.start,
                "end": time.end,
                "published": published,
                "idx": i,
                "record": _record(raw),
            },
        )
    for i, (event, raw) in enumerate(zip(analysis.events, data["events"], strict=True)):
        row = event_row(analysis, event)
        row.update(
            trigger=event.trigger,
            start=event.start,
            end=event.end,
            published=published,
            idx=i,
            record=_record(raw),
        )
        yield "events", row


_WHERE = re.compile(r"^(?P<source>.*) \((?P<kind>line|offset|record) (?P<n>\d+)\)$")


_OFFSET = re.compile(r"\bbyte offset (\d+)\b")


def location(where: str, line: int | None = None, reason: str = "") -> str:
    """An input's place as the errors table gives it: ``file:line`` for a
    JSON Lines record, ``file@offset`` for a WARC record (the offset from
    ``where``, else from a reason naming a "byte offset"), else the file."""
    if line is not None:
        return f"{where}:{line}"
    found = _WHERE.match(where)
    if not found:
        offset = _OFFSET.search(reason)
        return f"{where}@{offset[1]}" if offset else where
    sep = ":" if found["kind"] == "line" else "@"
    return f"{found['source']}{sep}{found['n']}"


def error_row(
    input: str,
    where: str,
    stage: str,
    reason: str,
    article_id: str | None = None,
    published: str = UNKNOWN_DATE,
) -> tuple[str, dict[str, Any]]:
    return (
        "errors",
        {
            "input": input,
            "location": where,
            "stage": stage,
            "reason": reason,
            "article_id": article_id,
            "published": published,
        },
    )


def as_tuple(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """A row as a tuple in its table's column order."""
    return tuple(row.get(c) for c in TABLES[table])
