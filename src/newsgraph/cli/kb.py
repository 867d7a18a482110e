"""The knowledge-base verbs: search, entity (with entity-merge and
entity-split), quotes, stories, export. Thin functions over
``newsgraph.store.read`` (and ``store.curation`` for merging and
splitting); importing this module registers them on ``app``.

Every verb reads an existing knowledge base (``--db``: a SQLite path, a
SQLAlchemy URL or ``postgresql://...``; default NEWSGRAPH_DB, else
./newsgraph.db) and never creates one. Errors are one line on stderr; exit
status 0 when the query ran (even with nothing found), 1 when the entity
asked for is not there, 2 when the arguments are wrong or the knowledge base
can't be opened.
"""

from __future__ import annotations

import contextlib
import json
import sys
import textwrap
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from newsgraph.cli.app import EXIT_ALL_FAILED, EXIT_SOME_FAILED, app, report
from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.store.db import database_reason, open_existing

if TYPE_CHECKING:
    from newsgraph.store.read import (
        Engine,
        EntityProfile,
        EventItem,
        QuoteItem,
        SearchHit,
        StoryRow,
    )


KbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Knowledge base: a SQLite file path, sqlite:///..., or postgresql://... "
        "(default NEWSGRAPH_DB, else ./newsgraph.db).",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="On or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
]


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """A NewsgraphError (no knowledge base, a bad date, a bad merge...) or a
    refusal of the database (no rights, server gone) ends the verb with one
    line on stderr and exit status 2."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except NewsgraphError as exc:
        report(exc)
        raise typer.Exit(EXIT_ALL_FAILED) from None
    except SQLAlchemyError as exc:
        reason = database_reason(exc)
        report(NewsgraphError(f"the database refused: {reason}"))
        raise typer.Exit(EXIT_ALL_FAILED) from None


def _cell(value: Any, width: int) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "—"
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"{text:<{width}}"


def _short(text: str | None, width: int) -> str:
    return textwrap.shorten(" ".join((text or "").split()), width=width, placeholder=" …")


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> int:
    from newsgraph.store.read import write_rows

    return write_rows(rows, columns, "csv", out)


# -- search --------------------------------------------------------------------------


class SearchFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def search(
    text: Annotated[
        str,
        typer.Argument(
            help='What to look for: words, "a phrase", OR between terms, -word to leave out.',
            show_default=False,
        ),
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only this outlet (any case).")
    ] = None,
    type: Annotated[
        str | None,
        typer.Option("--type", help="Only articles with an event of this PLOVER type (REJECT)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many articles.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip the first N.")] = 0,
    db: KbOpt = None,
    format: Annotated[
        SearchFormat,
        typer.Option("--format", "-f", help="table (readable), json or csv."),
    ] = SearchFormat.table,
) -> None:
    """Search the articles of the knowledge base, best matches first.

    Words are stemmed (English); headline matches weigh more than body
    matches; the snippet marks the matched words in \\[brackets]. --since and
    --until bound the publication date.
    """
    from newsgraph.store.read import search as run_search

    with _errors():
        engine = open_existing(db)
        hits = run_search(
            engine,
            text,
            since=since,
            until=until,
            outlet=outlet,
            type=type,
            limit=limit,
            offset=offset,
        )
    if format is SearchFormat.json:
        sys.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    elif format is SearchFormat.csv:
        columns = list(hits[0].to_dict()) if hits else _SEARCH_COLUMNS
        _write_csv((h.to_dict() for h in hits), columns, sys.stdout)
    else:
        write_search_table(hits, sys.stdout)


_SEARCH_COLUMNS = [
    "article_id",
    "key",
    "url",
    "headline",
    "outlet",
    "published",
    "rank",
    "snippet",
]


def write_search_table(hits: list[SearchHit], out: TextIO) -> None:
    if not hits:
        out.write("(no articles found)\n")
        return
    out.write(f"{'published':<10}  {'outlet':<18}  {'rank':>6}  {'id':>6}  headline\n")
    for hit in hits:
        out.write(
            f"{_cell(hit.published, 10)}  {_cell(hit.outlet, 18)}  {hit.rank:>6.2f}  "
            f"{hit.article_id:>6}  {' '.join((hit.headline or '(no headline)').split())}\n"
        )
        if hit.snippet:
            for line in textwrap.wrap(hit.snippet, width=84):
                out.write(f"{'':<10}  {line}\n")


# -- entities ------------------------------------------------------------------------


class EntityFormat(StrEnum):
    text = "text"
    json = "json"


NameOrIdArg = Annotated[
    str,
    typer.Argument(
        help="An entity id, or a name or alias (any case).",
        metavar="NAME_OR_ID",
        show_default=False,
    ),
]


@app.command()
def entity(
    name_or_id: NameOrIdArg,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Newest quotes, events, articles to show.")
    ] = 20,
    db: KbOpt = None,
    format: Annotated[
        EntityFormat, typer.Option("--format", "-f", help="text (readable) or json.")
    ] = EntityFormat.text,
) -> None:
    """Show what the knowledge base knows of an entity.

    By id, else by exact name, alias, or name in any case; when several
    entities answer, the most mentioned is shown and the others are listed.
    Shows aliases, titles and roles over time, quotes, events as source,
    target and reporter, articles and the entities mentioned with it. Exit
    status 1 when no entity answers.
    """
    from newsgraph.store.read import entity_profile

    with _errors():
        engine = open_existing(db)
        profile = entity_profile(engine, name_or_id, limit=limit)
    if profile is None:
        typer.echo(
            f"newsgraph: error: {name_or_id}: no such entity in the knowledge base", err=True
        )
        raise typer.Exit(EXIT_SOME_FAILED)
    if format is EntityFormat.json:
        sys.stdout.write(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(profile_lines(profile)) + "\n")


def _when(first: str | None, last: str | None) -> str:
    if first is None:
        return "undated"
    return first if first == last else f"{first} … {last}"


def _event_line(row: EventItem) -> str:
    arrow = "<->" if row.mutual else "->"
    kind = f"{'NOT ' if row.negated else ''}{row.type} ({row.cameo_code})"
    source = row.source_name or "?"
    target = row.target_name or "?"
    return (
        f"{_cell(row.date, 10)}  {kind}: {source} [{row.source_code or '?'}] {arrow} "
        f"{target} [{row.target_code or '?'}]"
    )


def profile_lines(profile: EntityProfile, width: int = 88) -> Iterator[str]:
    """A readable profile of one entity."""
    facts = [profile.type, f"id {profile.id}"]
    facts += [f"{k} {v}" for k, v in (("country", profile.country), ("code", profile.code)) if v]
    yield f"{profile.name}  ({'; '.join(facts)})"
    if profile.aliases:
        yield f"aliases: {', '.join(profile.aliases)}"
    yield (
        f"{profile.mention_count} mention{'s' * (profile.mention_count != 1)} in "
        f"{profile.article_count} article{'s' * (profile.article_count != 1)}"
    )
    if profile.roles_over_time:
        yield ""
        yield "titles and roles"
        for span in profile.roles_over_time:
            yield (
                f"  {span.kind:<5}  {span.value}  ({_when(span.first_seen, span.last_seen)}; "
                f"{span.articles} article{'s' * (span.articles != 1)})"
            )
    sections: list[tuple[str, int, list[str]]] = [
        (
            "quotes",
            profile.quote_count,
            [
                f"  {_cell(q.published, 10)}  [{q.kind}] "
                + _short(q.text, width - 28).join("“”" if q.kind != "indirect" else "‹›")
                for q in profile.quotes
            ],
        ),
        (
            "events as source",
            profile.source_event_count,
            ["  " + _event_line(r) for r in profile.events_as_source],
        ),
        (
            "events as target",
            profile.target_event_count,
            ["  " + _event_line(r) for r in profile.events_as_target],
        ),
        (
            "events it reported",
            profile.reported_event_count,
            ["  " + _event_line(r) for r in profile.events_reported],
        ),
        (
            "articles",
            profile.article_count,
            [
                f"  {_cell(a.published, 10)}  {_cell(a.outlet, 18)}  "
                f"{_short(a.headline or '(no headline)', width - 34)}"
                for a in profile.articles
            ],
        ),
    ]
    for title, total, lines in sections:
        if not total:
            continue
        yield ""
        shown = f"; newest {len(lines)}" if len(lines) < total else ""
        yield f"{title} ({total}{shown})"
        yield from lines
    if profile.co_mentioned:
        yield ""
        yield "mentioned with"
        for other in profile.co_mentioned:
            shared = other.shared_articles
            yield (
                f"  {other.name} ({other.type}; id {other.id}): "
                f"{shared} article{'s' * (shared != 1)}"
            )
    if profile.others:
        yield ""
        yield "also answering to that name (use the id)"
        for brief in profile.others:
            yield f"  {brief.id}  {brief.name} ({brief.type}; {brief.mentions} mentions)"


def _one_entity(engine: Engine, name_or_id: str) -> tuple[int, str]:
    """The id and name of the one entity ``name_or_id`` means; an error when
    it means none or (given as a name) several of the same standing."""
    from newsgraph.store.read import find_entities

    found = find_entities(engine, name_or_id)
    if not found:
        raise QueryError(f"{name_or_id}: no such entity in the knowledge base")
    if len(found) > 1 and not name_or_id.strip().isdigit():
        ids = ", ".join(f"{b.id} ({b.name}, {b.type})" for b in found[:5])
        raise QueryError(f"{name_or_id}: several entities answer to this name ({ids}); give an id")
    return found[0].id, found[0].name


@app.command("entity-merge")
def entity_merge(
    keep: Annotated[
        str, typer.Argument(help="The entity to keep (id or name).", show_default=False)
    ],
    gone: Annotated[
        str,
        typer.Argument(
            help="The entity to merge into it and delete (id or name).", show_default=False
        ),
    ],
    db: KbOpt = None,
) -> None:
    """Merge entity GONE into KEEP: its mentions, quotes and events move to
    KEEP, its name and aliases become KEEP's aliases, and GONE is deleted."""
    from newsgraph.store.curation import merge_entities

    with _errors():
        engine = open_existing(db)
        keep_id, keep_name = _one_entity(engine, keep)
        gone_id, gone_name = _one_entity(engine, gone)
        merge_entities(engine, keep_id, gone_id)
    typer.echo(f"newsgraph: merged entity {gone_id} ({gone_name}) into {keep_id} ({keep_name})")


@app.command("entity-split")
def entity_split(
    entity_id: Annotated[int, typer.Argument(help="The entity to split.", metavar="ID")],
    alias: Annotated[
        str,
        typer.Argument(
            help="The name or alias that becomes an entity of its own.", show_default=False
        ),
    ],
    db: KbOpt = None,
) -> None:
    """Split ALIAS off entity ID: the articles' mentions under that name,
    with their quotes and events, move to a new entity called ALIAS."""
    from newsgraph.store.curation import split_entity

    with _errors():
        engine = open_existing(db)
        new_id = split_entity(engine, entity_id, alias)
    typer.echo(f"newsgraph: split {alias!r} off entity {entity_id} as entity {new_id}")


# -- quotes --------------------------------------------------------------------------


class RowFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def quotes(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Entity id, name or alias of the speaker."),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many quotes.")] = 100,
    db: KbOpt = None,
    format: Annotated[
        RowFormat, typer.Option("--format", "-f", help="table (readable), jsonl or csv.")
    ] = RowFormat.table,
) -> None:
    """Print the quotes of the knowledge base, newest articles first, with
    their speakers; --since/--until bound the articles' publication date."""
    from newsgraph.store.read import QUOTE_COLUMNS, write_rows
    from newsgraph.store.read import quotes as find_quotes

    with _errors():
        engine = open_existing(db)
        rows = find_quotes(engine, speaker=speaker, since=since, until=until, limit=limit)
        if format is RowFormat.table:
            write_quote_table(rows, sys.stdout)
        else:
            write_rows((q.to_dict() for q in rows), QUOTE_COLUMNS, format.value, sys.stdout)


def write_quote_table(rows: Iterable[QuoteItem], out: TextIO) -> int:
    count = 0
    out.write(f"{'published':<10}  {'speaker':<22}  {'kind':<8}  quote\n")
    for row in rows:
        marks = "“”" if row.kind != "indirect" else "‹›"
        text = _short(row.text, 70).join(marks)
        out.write(
            f"{_cell(row.published, 10)}  {_cell(row.speaker, 22)}  {_cell(row.kind, 8)}  {text}\n"
        )
        count += 1
    if count == 0:
        out.write("(no quotes)\n")
    return count


# -- stories -------------------------------------------------------------------------


class StoryFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
def stories(
    min_size: Annotated[
        int, typer.Option("--min-size", min=1, help="Only stories with this many copies.")
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many stories.")] = 50,
    db: KbOpt = None,
    format: Annotated[
        StoryFormat, typer.Option("--format", "-f", help="table (readable), json or jsonl.")
    ] = StoryFormat.table,
) -> None:
    """Print the stories of the knowledge base (an article and its
    near-duplicate copies), largest first, with each copy."""
    from newsgraph.store.read import stories as find_stories

    with _errors():
        engine = open_existing(db)
        found = find_stories(engine, min_size=min_size, limit=limit)
    if format is StoryFormat.json:
        sys.stdout.write(
            json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n"
        )
    elif format is StoryFormat.jsonl:
        for story in found:
            sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
    else:
        write_story_table(found, sys.stdout)


def write_story_table(found: list[StoryRow], out: TextIO) -> None:
    if not found:
        out.write("(no stories)\n")
        return
    for story in found:
        out.write(
            f"story {story.id}: {story.size} {'copy' if story.size == 1 else 'copies'}, "
            f"first {story.first_published or 'undated'}"
            f"  {' '.join((story.headline or '(no headline)').split())}\n"
        )
        for copy in story.copies:
            out.write(
                f"  {_cell(copy.published, 10)}  {_cell(copy.outlet, 18)}  "
                f"{copy.article_id:>6}  {_short(copy.headline or '(no headline)', 60)}\n"
            )


# -- export --------------------------------------------------------------------------


class ExportWhat(StrEnum):
    articles = "articles"
    entities = "entities"
    quotes = "quotes"
    events = "events"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Option("--what", help="What to export.", show_default=False)],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="File to write; - for standard output (not for parquet)."
        ),
    ] = "-",
    db: KbOpt = None,
) -> None:
    """Export every article, entity, quote or event of the knowledge base.

    Streams from the database; events have the columns `newsgraph events`
    prints. Lists (authors, aliases) are JSON text in CSV cells.
    """
    from newsgraph.store.read import export as run_export

    with _errors():
        if format is ExportFormat.parquet and output == "-":
            raise QueryError("parquet needs a file to write to (--output PATH)")
        engine = open_existing(db)
        count = run_export(engine, what.value, format.value, output)
    if output != "-":
        typer.echo(f"newsgraph: export: {count} {what.value} to {output}", err=True)
