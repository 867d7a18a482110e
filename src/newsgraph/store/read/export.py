"""Exports of the knowledge base to JSON Lines, CSV or Parquet, streamed."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Engine,
    func,
    select,
)

from newsgraph.errors import QueryError
from newsgraph.model.rows import EVENT_COLUMNS
from newsgraph.store.read.common import iso, stream
from newsgraph.store.read.listing import (
    QUOTE_COLUMNS,
    event_item,
    event_select,
    quote_item,
    quote_select,
)
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)

PARQUET_BATCH = 1000
"""Rows per Parquet record batch in ``export``."""


ARTICLE_COLUMNS = (
    "article_id",
    "story_id",
    "url",
    "outlet",
    "section",
    "headline",
    "description",
    "authors",
    "dateline",
    "published",
    "copyright",
    "language",
    "text",
)
"""An article's columns: ``article_id`` is the article's own id (from its URL,
else its outlet, headline and body), the one id of every export."""


ENTITY_COLUMNS = (
    "id",
    "key",
    "name",
    "type",
    "country",
    "code",
    "aliases",
    "titles",
    "roles",
    "mentions",
    "articles",
)


QUOTE_EXPORT_COLUMNS = tuple(
    c
    for name in QUOTE_COLUMNS
    if name != "article"  # the knowledge base's own number stays inside it
    for c in ((name, "story_id") if name == "article_id" else (name,))
)
"""A quote row of an export: ``article_id`` is the article's own id, then its story."""


MENTION_COLUMNS = (
    "entity_id",
    "entity",
    "type",
    "text",
    "start",
    "end",
    "field",
    "article_id",
    "story_id",
)
"""Where an entity is named: each mention with its article and story."""


EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "quotes": QUOTE_EXPORT_COLUMNS,
    "events": EVENT_COLUMNS,
}


EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def _first_of_each_story() -> Any:
    """The knowledge-base ids of one article per story (its first stored copy;
    an article of no story is its own)."""
    return select(func.min(ArticleRow.id)).group_by(
        func.coalesce(ArticleRow.story_id, -ArticleRow.id)
    )


def _export_rows(
    engine: Engine, what: str, one_per_story: bool = False
) -> Iterator[dict[str, Any]]:
    kept = ArticleRow.id.in_(_first_of_each_story()) if one_per_story else None
    if what == "events":
        statement = event_select().order_by(EventRow.id)
        for row in stream(engine, statement if kept is None else statement.where(kept)):
            yield event_item(row).to_dict()
    elif what == "quotes":
        statement = quote_select().add_columns(ArticleRow.story_id).order_by(QuoteRow.id)
        for row in stream(engine, statement if kept is None else statement.where(kept)):
            values = quote_item(row).to_dict()
            values["story_id"] = row.story_id
            yield {c: values[c] for c in QUOTE_EXPORT_COLUMNS}
    elif what == "mentions":
        statement = (
            select(
                MentionRow.entity_id,
                EntityRow.name.label("entity"),
                EntityRow.type,
                MentionRow.text,
                MentionRow.start,
                MentionRow.end,
                MentionRow.field,
                ArticleRow.uid.label("article_id"),
                ArticleRow.story_id,
            )
            .join(EntityRow, EntityRow.id == MentionRow.entity_id)
            .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
            .order_by(MentionRow.id)
        )
        for row in stream(engine, statement if kept is None else statement.where(kept)):
            yield dict(row._mapping)
    elif what == "articles":
        statement = select(
            ArticleRow.uid.label("article_id"),
            *(getattr(ArticleRow, c) for c in ARTICLE_COLUMNS[1:]),
        ).order_by(ArticleRow.id)
        for row in stream(engine, statement if kept is None else statement.where(kept)):
            values = dict(row._mapping)
            values["published"] = iso(values["published"])
            values["authors"] = list(values["authors"] or [])
            yield values
    elif what == "entities":
        mentions = (
            select(func.count())
            .where(MentionRow.entity_id == EntityRow.id)
            .scalar_subquery()
            .label("mentions")
        )
        articles = (
            select(func.count(func.distinct(ArticleEntityRow.article_id)))
            .where(ArticleEntityRow.entity_id == EntityRow.id)
            .scalar_subquery()
            .label("articles")
        )
        statement = select(
            *(getattr(EntityRow, c) for c in ENTITY_COLUMNS[:-2]), mentions, articles
        ).order_by(EntityRow.id)
        for row in stream(engine, statement):
            values = dict(row._mapping)
            for key in ("aliases", "titles", "roles"):
                values[key] = list(values[key] or [])
            yield values
    else:
        raise QueryError(f"{what!r}: export one of {', '.join(EXPORT_COLUMNS)}")


def _arrow_schema(what: str) -> Any:
    import pyarrow as pa

    strings = pa.list_(pa.string())
    types: dict[str, Any] = {
        "id": pa.int64(),
        "entity_id": pa.int64(),
        "start": pa.int64(),
        "end": pa.int64(),
        "story_id": pa.int64(),
        "quote_id": pa.int64(),
        "speaker_id": pa.int64(),
        "mentions": pa.int64(),
        "articles": pa.int64(),
        "authors": strings,
        "aliases": strings,
        "titles": strings,
        "roles": strings,
        "negated": pa.bool_(),
        "mutual": pa.bool_(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "confidence": pa.float64(),
    }
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS[what]])


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], format: str, out: IO[str]
) -> int:
    """Rows as JSON Lines or CSV (lists as JSON text in a cell) on ``out``."""
    count = 0
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
            count += 1
    elif format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=iso) + "\n")
            count += 1
    else:
        raise QueryError(f"{format!r}: write jsonl or csv")
    return count


def export(
    engine: Engine,
    what: str,
    format: str,
    out: str | Path | IO[str],
    *,
    one_per_story: bool = False,
) -> int:
    """Write every row of ``what`` (articles, entities, mentions, quotes or
    events; columns ``EXPORT_COLUMNS[what]``) as ``format`` (jsonl, csv or
    parquet) to ``out``: a path, ``"-"`` for standard output (not parquet),
    or an open text stream (not parquet). ``one_per_story``: the rows of one
    article per story (its first stored copy), so that reprints count once
    (entities are not per article: unchanged). Streams from the database;
    Parquet is written PARQUET_BATCH rows per record batch. Returns the
    number of rows."""
    if what not in EXPORT_COLUMNS:
        raise QueryError(f"{what!r}: export one of {', '.join(EXPORT_COLUMNS)}")
    if format not in EXPORT_FORMATS:
        raise QueryError(f"{format!r}: export as one of {', '.join(EXPORT_FORMATS)}")
    columns = EXPORT_COLUMNS[what]
    if format == "parquet":
        if not isinstance(out, str | Path) or str(out) == "-":
            raise QueryError("parquet needs a file to write to (--output PATH)")
        rows = _export_rows(engine, what, one_per_story)
        return _write_parquet(rows, _arrow_schema(what), Path(out))
    rows = _export_rows(engine, what, one_per_story)
    if not isinstance(out, str | Path):
        return write_rows(rows, columns, format, out)
    if str(out) == "-":
        return write_rows(rows, columns, format, sys.stdout)
    try:
        with Path(out).open("w", encoding="utf-8", newline="") as stream:
            return write_rows(rows, columns, format, stream)
    except OSError as exc:
        raise QueryError(f"{out}: cannot write ({exc.strerror})") from None


def _write_parquet(rows: Iterable[dict[str, Any]], schema: Any, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    try:
        with pq.ParquetWriter(str(path), schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= PARQUET_BATCH:
                    writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            if batch:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                count += len(batch)
    except OSError as exc:
        raise QueryError(f"{path}: cannot write ({exc})") from None
    return count
