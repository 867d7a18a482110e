"""How the CLI prints: records as JSON, JSON Lines or readable text; lists of
rows as a table (drawn with rich), JSON, JSON Lines or CSV, streamed."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from newsgraph.model import Actor, Analysis, Article, Event, Record


def write_json(records: Iterable[Record], out: TextIO) -> int:
    """One record as a JSON object; several as a JSON array, streamed."""
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        out.write("[]\n")
        return 0
    second = next(iterator, None)
    if second is None:
        out.write(first.to_json(indent=2) + "\n")
        return 1
    out.write("[\n" + _indent(first.to_json(indent=2)))
    count = 1
    for record in itertools.chain([second], iterator):
        out.write(",\n" + _indent(record.to_json(indent=2)))
        count += 1
    out.write("\n]\n")
    return count


def _indent(text: str) -> str:
    return textwrap.indent(text, "  ")


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(record.to_json() + "\n")
        count += 1
    return count


def text_lines(article: Article, width: int = 88) -> Iterator[str]:
    """A readable summary of one article."""
    title = article.headline or "(no headline)"
    yield "═" * min(width, max(len(title), 20))
    yield title
    yield "═" * min(width, max(len(title), 20))
    fields = [
        ("section", article.section),
        ("authors", ", ".join(article.authors) or None),
        ("outlet", article.outlet),
        ("dateline", article.dateline),
        ("published", article.published.isoformat() if article.published else None),
        ("url", article.url),
        ("source", article.source),
        ("copyright", article.copyright),
        ("paragraphs", str(len(article.paragraphs))),
    ]
    for name, value in fields:
        yield f"{name + ':':<12}{value if value is not None else '—'}"
    for paragraph in article.paragraphs:
        yield ""
        yield from textwrap.wrap(
            paragraph, width=width, initial_indent="  ", subsequent_indent="  "
        )
    yield ""


def analysis_lines(analysis: Analysis, width: int = 88) -> Iterator[str]:
    """A readable report: the article's header, its entities with what the
    text says of them, the quotes with their speakers, and the timeline."""
    lines = list(text_lines(analysis.article, width))
    yield from lines[: lines.index("") if "" in lines else len(lines)]
    names = {e.id: e.name for e in analysis.entities}
    yield ""
    yield f"entities ({len(analysis.entities)})"
    for entity in analysis.entities:
        facts = [entity.type]
        facts += [f"title {t}" for t in entity.titles]
        facts += [f"role {r}" for r in entity.roles]
        if entity.code:
            facts.append(f"code {entity.code}")
        for key in ("age", "relation", "nationality", "country"):
            if key in entity.attributes and not (
                key == "country" and "nationality" in entity.attributes
            ):
                facts.append(f"{key} {entity.attributes[key]}")
        mentions = len(entity.mentions)
        yield f"  {entity.name}  ({'; '.join(facts)}; {mentions} mention{'s' * (mentions != 1)})"
    if analysis.quotes:
        yield ""
        yield f"quotes ({len(analysis.quotes)})"
        for quote in analysis.quotes:
            speaker = names.get(quote.speaker or "", quote.speaker_name or "unknown speaker")
            mark = "“”" if quote.kind != "indirect" else "‹›"
            body = textwrap.shorten(quote.text, width=width - 20, placeholder=" …")
            yield f"  {speaker} [{quote.kind}, {quote.cue or 'no cue'}]: {mark[0]}{body}{mark[1]}"
    if analysis.times:
        yield ""
        yield f"times ({len(analysis.times)})"
        for time in sorted(analysis.times, key=lambda t: (t.value is None, t.value or "", t.start)):
            yield f"  {time.value or '(unresolved)':<14} {time.kind:<9} {time.text}"
    if analysis.events:
        yield ""
        yield f"events ({len(analysis.events)})"
        for event in analysis.events:
            yield "  " + event_summary(event)
            sentence = textwrap.shorten(event.text, width=width - 6, placeholder=" …")
            yield f"      “{sentence}”"
    yield ""


def _actor(actor: Actor) -> str:
    if actor.name is None and actor.code is None:
        return "—"
    return f"{actor.name or '?'} [{actor.code or '?'}]"


def event_summary(event: Event) -> str:
    """One line: who did what to whom, when, where, per whom."""
    arrow = "<->" if event.mutual else "->"
    kind = f"{'NOT ' if event.negated else ''}{event.type} ({event.cameo_code or event.cameo})"
    facts = [f"{kind}: {_actor(event.source)} {arrow} {_actor(event.target)}"]
    if event.time:
        facts.append(f"when {event.time}")
    if event.place:
        facts.append(
            f"at {event.place}" + (f", {event.place_country}" if event.place_country else "")
        )
    if event.reported_by:
        facts.append(f"per {event.reported_by}")
    facts.append(f"confidence {event.confidence:.2f}")
    return "; ".join(facts)


def _writer(lines: Callable[[Any], Iterator[str]]) -> Callable[[Iterable[Any], TextIO], int]:
    def write(records: Iterable[Any], out: TextIO) -> int:
        count = 0
        for record in records:
            out.write("\n".join(lines(record)) + "\n")
            count += 1
        return count

    return write


write_text = _writer(text_lines)
write_analysis_text = _writer(analysis_lines)
WRITERS = {"json": write_json, "jsonl": write_jsonl, "text": write_text}
ANALYSIS_WRITERS = {"json": write_json, "jsonl": write_jsonl, "text": write_analysis_text}


@dataclass(frozen=True)
class Column:
    """A column of a readable table: its heading, the row key it shows, its
    width (None: the rest of the line) and alignment."""

    heading: str
    key: str
    width: int | None = None
    right: bool = False


TABLE_WIDTH = 160
"""Width of a table written to a file or a pipe (a terminal gives its own)."""
CHUNK = 200
"""Rows drawn at a time: a long table streams, its columns fixed in width."""


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value)


def write_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[Column], out: TextIO, *, empty: str
) -> int:
    """Rows as a readable table drawn with rich, ``CHUNK`` rows at a time
    (fixed column widths, so the chunks line up); ``empty`` is printed when
    there are no rows. Cell text is never read as rich markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    terminal = out.isatty()
    console = Console(
        file=out,
        width=None if terminal else TABLE_WIDTH,
        color_system="auto" if terminal else None,
        markup=False,
        highlight=False,
        emoji=False,
    )
    count = 0

    def draw(chunk: list[dict[str, Any]], header: bool) -> None:
        table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 2, 0, 0))
        table.show_header = header
        table.header_style = "bold" if terminal else ""
        for column in columns:
            table.add_column(
                column.heading,
                width=column.width,
                min_width=column.width,
                no_wrap=column.width is not None,
                overflow="ellipsis" if column.width is not None else "fold",
                justify="right" if column.right else "left",
            )
        for row in chunk:
            table.add_row(*(Text(_cell(row.get(c.key))) for c in columns))
        with console.capture() as captured:
            console.print(table)
        for line in captured.get().splitlines():
            out.write(line.rstrip() + "\n")

    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        count += 1
        if len(chunk) == CHUNK:
            draw(chunk, header=count == CHUNK)
            chunk = []
    if chunk:
        draw(chunk, header=count <= CHUNK)
    if count == 0:
        out.write(empty + "\n")
    return count


def write_rows(
    rows: Iterable[dict[str, Any]],
    format: str,
    out: TextIO,
    *,
    columns: Sequence[str],
    table: Sequence[Column],
    empty: str,
) -> int:
    """Rows in one of the row formats: ``table`` (readable, ``table``'s
    columns), ``json`` (an array), ``jsonl`` or ``csv`` (every column of
    ``columns``); lists in CSV cells are JSON text. Streamed."""
    import csv
    import json

    count = 0
    if format == "table":
        return write_table(rows, table, out, empty=empty)
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                 for k, v in row.items()}
            )  # fmt: skip
            count += 1
        return count
    if format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    out.write("[")
    for row in rows:
        out.write(("," if count else "") + "\n  " + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


EVENT_TABLE = (
    Column("date", "date", 10),
    Column("source", "source", 14),
    Column("target", "target", 14),
    Column("type", "type", 9),
    Column("cameo", "cameo_code", 5),
    Column("place", "place", 12),
    Column("sentence", "sentence"),
)


def _readable_event(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "source": row["source_code"] or row["source_name"],
        "target": row["target_code"] or row["target_name"],
        "sentence": textwrap.shorten(row["sentence"] or "", width=80, placeholder=" …"),
    }


def write_event_rows(rows: Iterable[dict[str, Any]], format: str, out: TextIO) -> int:
    """Event rows (``model.rows.EVENT_COLUMNS``) in a row format."""
    from newsgraph.model.rows import EVENT_COLUMNS

    if format == "table":
        rows = (_readable_event(r) for r in rows)
    return write_rows(
        rows, format, out, columns=EVENT_COLUMNS, table=EVENT_TABLE, empty="(no events)"
    )
