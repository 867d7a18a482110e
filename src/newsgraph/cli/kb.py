"""The knowledge-base verbs: search, entity (with entity-merge and
entity-split), quotes, stories, export. Thin functions over
``newsgraph.store.read`` (and ``store.curation`` for merging and splitting).

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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.options import (
    EXIT_SOME_FAILED,
    DbOpt,
    DocumentFormat,
    DocumentFormatOpt,
    ExportFormat,
    RowFormat,
    RowFormatOpt,
    SinceOpt,
    UntilOpt,
    fail,
)
from newsgraph.cli.render import Column, write_rows
from newsgraph.errors import NewsgraphError, QueryError

if TYPE_CHECKING:
    from newsgraph.store.read import Engine, EntityProfile, EventItem, QuoteItem, StoryRow

MOST = 1_000_000_000
"""The largest --limit, --offset or --min-size (larger ones are usage errors,
never numbers the database can't hold)."""
MAX_ID = 2**63 - 1
"""The largest entity id (a database integer)."""


@contextlib.contextmanager
def knowledge_base(db: str | None) -> Iterator[Engine]:
    """The existing knowledge base of ``--db``. A NewsgraphError (no
    knowledge base, a bad date, a bad merge...) or a refusal of the database
    (no rights, server gone) ends the verb with one line on stderr and exit
    status 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.store.db import database_reason, open_existing

    try:
        yield open_existing(db)
    except NewsgraphError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(NewsgraphError(f"the database refused: {database_reason(exc)}"))


def _short(text: str | None, width: int) -> str:
    return textwrap.shorten(" ".join((text or "").split()), width=width, placeholder=" …")


# -- search --------------------------------------------------------------------------

SEARCH_COLUMNS = ["article_id", "key", "url", "headline", "outlet", "published", "rank", "snippet"]
SEARCH_TABLE = (
    Column("published", "published", 10),
    Column("outlet", "outlet", 18),
    Column("rank", "rank", 6, right=True),
    Column("id", "article_id", 6, right=True),
    Column("headline", "shown"),
)


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
    limit: Annotated[int, typer.Option("--limit", min=1, max=MOST, help="How many articles.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, max=MOST, help="Skip the first N.")] = 0,
    db: DbOpt = None,
    format: RowFormatOpt = RowFormat.table,
) -> None:
    """Search the articles of the knowledge base, best matches first.

    Words are stemmed (English); headline matches weigh more than body
    matches; the snippet marks the matched words in \\[brackets]. --since and
    --until bound the publication date.
    """
    from newsgraph.store.read import search as run_search

    with knowledge_base(db) as engine:
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
    rows: Iterable[dict[str, Any]] = (h.to_dict() for h in hits)
    if format is RowFormat.table:
        rows = (
            {
                **r,
                "shown": "\n".join(filter(None, [r["headline"] or "(no headline)", r["snippet"]])),
            }
            for r in rows
        )
    write_rows(
        rows,
        format.value,
        sys.stdout,
        columns=SEARCH_COLUMNS,
        table=SEARCH_TABLE,
        empty="(no articles found)",
    )


# -- entities ------------------------------------------------------------------------

NameOrIdArg = Annotated[
    str,
    typer.Argument(
        help="An entity id, or a name or alias (any case).",
        metavar="NAME_OR_ID",
        show_default=False,
    ),
]


def entity(
    name_or_id: NameOrIdArg,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, max=MOST, help="Newest quotes, events, articles to show."),
    ] = 20,
    db: DbOpt = None,
    format: DocumentFormatOpt = DocumentFormat.text,
) -> None:
    """Show what the knowledge base knows of an entity.

    By id, else by exact name, alias, or name in any case; when several
    entities answer, the most mentioned is shown and the others are listed.
    Shows aliases, titles and roles over time, quotes, events as source,
    target and reporter, articles and the entities mentioned with it. Exit
    status 1 when no entity answers.
    """
    from newsgraph.store.read import entity_profile

    with knowledge_base(db) as engine:
        profile = entity_profile(engine, name_or_id, limit=limit)
    if profile is None:
        fail(f"{name_or_id}: no such entity in the knowledge base", EXIT_SOME_FAILED)
    if format is DocumentFormat.json:
        sys.stdout.write(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif format is DocumentFormat.jsonl:
        sys.stdout.write(json.dumps(profile.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(profile_lines(profile)) + "\n")


def _when(first: str | None, last: str | None) -> str:
    if first is None:
        return "undated"
    return first if first == last else f"{first} … {last}"


def _date(value: str | None) -> str:
    return f"{value or '—':<10}"


def _event_line(row: EventItem) -> str:
    arrow = "<->" if row.mutual else "->"
    kind = f"{'NOT ' if row.negated else ''}{row.type} ({row.cameo_code})"
    source = row.source_name or "?"
    target = row.target_name or "?"
    return (
        f"{_date(row.date)}  {kind}: {source} [{row.source_code or '?'}] {arrow} "
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
                f"  {_date(q.published)}  [{q.kind}] "
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
                f"  {_date(a.published)}  {_short(a.outlet or '—', 18):<18}  "
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
    from newsgraph.store.read import find_entities, parse_id

    found = find_entities(engine, name_or_id)
    if not found:
        raise QueryError(f"{name_or_id}: no such entity in the knowledge base")
    if len(found) > 1 and parse_id(name_or_id) is None:
        ids = ", ".join(f"{b.id} ({b.name}, {b.type})" for b in found[:5])
        raise QueryError(f"{name_or_id}: several entities answer to this name ({ids}); give an id")
    return found[0].id, found[0].name


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
    db: DbOpt = None,
) -> None:
    """Merge entity GONE into KEEP: its mentions, quotes and events move to
    KEEP, its name and aliases become KEEP's aliases, and GONE is deleted."""
    from newsgraph.store.curation import merge_entities

    with knowledge_base(db) as engine:
        keep_id, keep_name = _one_entity(engine, keep)
        gone_id, gone_name = _one_entity(engine, gone)
        merge_entities(engine, keep_id, gone_id)
    typer.echo(f"newsgraph: merged entity {gone_id} ({gone_name}) into {keep_id} ({keep_name})")


def entity_split(
    entity_id: Annotated[
        int, typer.Argument(help="The entity to split.", metavar="ID", min=1, max=MAX_ID)
    ],
    alias: Annotated[
        str,
        typer.Argument(
            help="The name or alias that becomes an entity of its own.", show_default=False
        ),
    ],
    db: DbOpt = None,
) -> None:
    """Split ALIAS off entity ID: the articles' mentions under that name,
    with their quotes and events, move to a new entity called ALIAS."""
    from newsgraph.store.curation import split_entity

    with knowledge_base(db) as engine:
        new_id = split_entity(engine, entity_id, alias)
    typer.echo(f"newsgraph: split {alias!r} off entity {entity_id} as entity {new_id}")


# -- quotes --------------------------------------------------------------------------

QUOTE_TABLE = (
    Column("published", "published", 10),
    Column("speaker", "speaker", 22),
    Column("kind", "kind", 8),
    Column("quote", "shown"),
)


def _shown_quote(row: QuoteItem) -> dict[str, Any]:
    marks = "“”" if row.kind != "indirect" else "‹›"
    return {**row.to_dict(), "shown": _short(row.text, 100).join(marks)}


class QuoteKind(StrEnum):
    direct = "direct"
    partial = "partial"
    indirect = "indirect"


def quotes(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Entity id, name or alias of the speaker."),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MOST, help="How many quotes.")] = 100,
    db: DbOpt = None,
    format: RowFormatOpt = RowFormat.table,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            help='Words the quote itself says (full-text: words, "a phrase", OR, -word).',
        ),
    ] = None,
    kind: Annotated[
        QuoteKind | None, typer.Option("--kind", help="direct, partial or indirect.")
    ] = None,
) -> None:
    """Print the quotes of the knowledge base, newest articles first, with
    their speakers; --since/--until bound the articles' publication date,
    --text searches the quotes' own text (not the rest of the article),
    --speaker is the quote's resolved speaker."""
    from newsgraph.store.read import QUOTE_COLUMNS
    from newsgraph.store.read import quotes as find_quotes

    with knowledge_base(db) as engine:
        rows = find_quotes(
            engine,
            speaker=speaker,
            since=since,
            until=until,
            limit=limit,
            text=text,
            kind=kind.value if kind else None,
        )
        shown = (
            (_shown_quote(q) for q in rows)
            if format is RowFormat.table
            else (q.to_dict() for q in rows)
        )
        write_rows(
            shown,
            format.value,
            sys.stdout,
            columns=QUOTE_COLUMNS,
            table=QUOTE_TABLE,
            empty="(no quotes)",
        )


# -- stories -------------------------------------------------------------------------

STORY_COLUMNS = [
    "story_id",
    "size",
    "first_published",
    "article_id",
    "outlet",
    "published",
    "headline",
    "url",
]
STORY_TABLE = (
    Column("story", "story_id", 6, right=True),
    Column("copies", "size", 6, right=True),
    Column("published", "published", 10),
    Column("outlet", "outlet", 18),
    Column("id", "article_id", 6, right=True),
    Column("headline", "headline"),
)


def _story_rows(found: list[StoryRow]) -> Iterator[dict[str, Any]]:
    """One row per copy (a story's copies, oldest first)."""
    for story in found:
        for copy in story.copies:
            yield {
                "story_id": story.id,
                "size": story.size,
                "first_published": story.first_published,
                "article_id": copy.article_id,
                "outlet": copy.outlet,
                "published": copy.published,
                "headline": copy.headline,
                "url": copy.url,
            }


def stories(
    min_size: Annotated[
        int, typer.Option("--min-size", min=1, max=MOST, help="Only stories with this many copies.")
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MOST, help="How many stories.")] = 50,
    db: DbOpt = None,
    format: RowFormatOpt = RowFormat.table,
) -> None:
    """Print the stories of the knowledge base (an article and its
    near-duplicate copies), largest first: one row per copy (json: one
    object per story with its copies)."""
    from newsgraph.store.read import stories as find_stories

    with knowledge_base(db) as engine:
        found = find_stories(engine, min_size=min_size, limit=limit)
    if format is RowFormat.json:
        sys.stdout.write(
            json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n"
        )
        return
    write_rows(
        _story_rows(found),
        format.value,
        sys.stdout,
        columns=STORY_COLUMNS,
        table=STORY_TABLE,
        empty="(no stories)",
    )


# -- export --------------------------------------------------------------------------


class ExportWhat(StrEnum):
    articles = "articles"
    entities = "entities"
    mentions = "mentions"
    quotes = "quotes"
    events = "events"


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
    one_per_story: Annotated[
        bool,
        typer.Option(
            "--one-per-story",
            help="Keep one copy of each story (its first stored article): reprints count once.",
        ),
    ] = False,
    db: DbOpt = None,
) -> None:
    """Export every article, entity, mention, quote or event of the knowledge base.

    Streams from the database; events have the columns `newsgraph events`
    prints. Every row that belongs to an article has the article's own id,
    `article_id` (from its URL, else its outlet, headline and body), and its
    `story_id`. Lists (authors, aliases) are JSON text in CSV cells.
    """
    from newsgraph.store.read import export as run_export

    if format is ExportFormat.parquet and output == "-":
        fail(QueryError("parquet needs a file to write to (--output PATH)"))
    with knowledge_base(db) as engine:
        count = run_export(engine, what.value, format.value, output, one_per_story=one_per_story)
    if output != "-":
        typer.echo(f"newsgraph: export: {count} {what.value} to {output}", err=True)
