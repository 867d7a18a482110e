"""How the CLI prints records: JSON, JSON Lines, readable text."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

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


def write_event_rows(rows: Iterable[dict[str, Any]], format: str, out: TextIO) -> int:
    """Event rows (``model.rows.EVENT_COLUMNS``) as JSON Lines, CSV or a
    readable table; streamed, one row at a time."""
    import csv
    import json

    from newsgraph.model.rows import EVENT_COLUMNS

    count = 0
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
    if format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    widths = {"date": 10, "source": 14, "target": 14, "type": 9, "cameo": 5, "place": 12}
    out.write("  ".join(f"{c:<{w}}" for c, w in widths.items()) + "  sentence\n")
    for row in rows:
        values = {
            "date": row["date"],
            "source": row["source_code"] or row["source_name"],
            "target": row["target_code"] or row["target_name"],
            "type": row["type"],
            "cameo": row["cameo_code"],
            "place": row["place"],
        }
        cells = [f"{str(values[c] or '—')[:w]:<{w}}" for c, w in widths.items()]
        sentence = textwrap.shorten(row["sentence"], width=70, placeholder=" …")
        out.write("  ".join(cells) + "  " + sentence + "\n")
        count += 1
    if count == 0:
        out.write("(no events)\n")
    return count
