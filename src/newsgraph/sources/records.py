"""JSON Lines and JSON records -> RawDocument.

A record is an object with the article's text or HTML and whatever metadata
the producer had. Field names of common producers are accepted
(news-please's ``maintext``/``date_publish``, feeds' ``link``/``pubDate``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.errors import InputError, RecordError
from newsgraph.model import RawDocument

log = logging.getLogger("newsgraph")

FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url", "uri"),
    "title": ("title", "headline"),
    "html": ("html", "raw_html", "content_html"),
    "text": ("text", "body", "maintext", "content", "article", "articleBody"),
    "published": (
        "published",
        "date",
        "date_publish",
        "publish_date",
        "published_at",
        "pubDate",
        "datePublished",
        "publication_date",
    ),
    "outlet": ("outlet", "source", "sitename", "site_name", "source_domain", "publisher"),
    "authors": ("authors", "author", "byline"),
    "section": ("section", "category"),
}


_TEXT_FIELDS = ("text", "html")
TOO_DEEP = "malformed JSON: nested too deeply (arrays or objects inside one another)"


def _first(record: dict[str, Any], field: str, where: str, line: int | None) -> Any:
    """The first usable value of ``field`` under any of its names. A metadata
    value of the wrong type is dropped with a warning (the article is kept); a
    text field of the wrong type is an error."""
    for key in FIELDS[field]:
        value = record.get(key)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, dict) and isinstance(value.get("name"), str):  # {"name": ...}
            value = value["name"]
        if field == "authors":
            if isinstance(value, str):
                return [value]
            if isinstance(value, list):
                names = [a.get("name") if isinstance(a, dict) else a for a in value]
                return [n for n in names if isinstance(n, str) and n.strip()]
        if field == "published" and isinstance(value, int | float) and 0 < value < 4e9:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date().isoformat()  # Unix time
        if isinstance(value, str):
            return value
        problem = f"field {key!r} should be a string, not {type(value).__name__}"
        if field in _TEXT_FIELDS:
            raise RecordError(where, problem, line=line)
        log.warning("%s: %s; ignored", f"{where}:{line}" if line else where, problem)
    return None


def record_to_document(record: Any, source: str, line: int | None) -> RawDocument:
    """One record as a RawDocument; RecordError names the line and the problem."""
    if not isinstance(record, dict):
        raise RecordError(
            source, f"expected a JSON object, found {type(record).__name__}", line=line
        )
    html = _first(record, "html", source, line)
    text = _first(record, "text", source, line)
    if not (html or text):
        names = ", ".join(repr(k) for k in FIELDS["text"][:3] + FIELDS["html"][:1])
        raise RecordError(source, f"record has no article text (no {names} field)", line=line)
    return RawDocument(
        source=source,
        location=f"line {line}" if line is not None else None,
        format="html" if html else "text",
        content=html or text,
        encoding="utf-8",
        url=_first(record, "url", source, line),
        title=_first(record, "title", source, line),
        published=_first(record, "published", source, line),
        outlet=_first(record, "outlet", source, line),
        authors=_first(record, "authors", source, line) or [],
        section=_first(record, "section", source, line),
        explicit=not html,
    )


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes; None in place of a longer one, which is
    skipped without being held in memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


def read_json_lines(
    stream: BinaryIO, source: str, *, max_bytes: int
) -> Iterator[RawDocument | InputError]:
    """Documents from JSON Lines, one line at a time; a bad line comes back as
    a RecordError in its place and the rest are still read."""
    for number, raw in enumerate(_bounded_lines(stream, max_bytes), 1):
        if raw is None:
            yield RecordError(
                source, f"record is over the limit of {max_bytes:,} bytes", line=number
            )
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield RecordError(source, "line is not valid UTF-8", line=number)
            continue
        except ValueError as exc:
            yield RecordError(source, f"malformed JSON: {exc}", line=number)
            continue
        except RecursionError:
            yield RecordError(source, TOO_DEEP, line=number)
            continue
        try:
            yield record_to_document(record, source, number)
        except RecordError as exc:
            yield exc


def read_json(text: str, source: str) -> Iterator[RawDocument | InputError]:
    """Documents from a JSON file holding one record or an array of records."""

    try:
        data = json.loads(text)
    except ValueError as exc:
        yield InputError(source, f"malformed JSON: {exc}")
        return
    except RecursionError:
        yield InputError(source, TOO_DEEP)
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        try:
            doc = record_to_document(record, source, None)
        except RecordError as exc:
            yield RecordError(source, f"record {index}: {exc.reason}")
            continue
        if isinstance(data, list):
            doc.location = f"record {index}"
        yield doc
