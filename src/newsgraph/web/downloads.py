"""Downloads of what a list page shows, as CSV or JSON Lines, streamed:
the rows of the page's list under the same filters (every page of it, up
to ``MAX_ROWS``), with the columns of the CLI and the API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from starlette.responses import StreamingResponse

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
MAX_ROWS = 100_000


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _csv_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(columns)
    yield flush()
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        yield flush()


def _jsonl_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n"


def download(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, name: str
) -> StreamingResponse:
    """``rows`` (dicts) streamed as ``fmt`` (csv or jsonl), as a file called
    ``name``.csv or .jsonl."""
    lines = _csv_lines(rows, columns) if fmt == "csv" else _jsonl_lines(rows, columns)
    return StreamingResponse(
        (line.encode("utf-8") for line in lines),
        media_type=FORMATS[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def wanted_format(value: str | None) -> str | None:
    """``download=`` as csv or jsonl, else None (the page itself)."""
    text = (value or "").strip().lower()
    return text if text in FORMATS else None
