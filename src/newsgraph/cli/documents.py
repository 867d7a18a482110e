"""The verbs over files: `parse`, `analyze`, `events` (files, or the
knowledge base without PATHs) and `schema`. Reading and analysing go through
``newsgraph.runs``; this module only turns options into calls and results
into output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.options import (
    DateFromPathOpt,
    DateOpt,
    DatesOpt,
    DbOpt,
    DictionariesOpt,
    DocumentFormat,
    DocumentFormatOpt,
    InputFormat,
    InputFormatOpt,
    MaxBytesOpt,
    ModelOpt,
    PathsArg,
    RowFormat,
    RowFormatOpt,
    StagesOpt,
    byte_limit,
    date_source,
    exit_code,
    fail,
    report,
    stage_names,
)

if TYPE_CHECKING:
    import datetime as dt

    from newsgraph.model import Analysis, Article
    from newsgraph.runs.analyse import Item
    from newsgraph.runs.dates import DateSource


class InputTally:
    """Counts a run's inputs, reports each failure in one line, and ends the
    command with the documented exit status."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.ok = 0
        self.failed = 0

    def read(
        self,
        paths: list[str],
        input_format: InputFormat,
        limit: int | None,
        date: dt.datetime | None,
        date_of: DateSource | None = None,
    ) -> Iterator[Item]:
        """The articles and failures of ``paths`` (``runs.read_articles``)."""
        from newsgraph.runs import read_articles

        return read_articles(
            paths,
            input_format=input_format.value,
            max_bytes=byte_limit(limit),
            date=date.date() if date else None,
            date_of=date_of,
        )

    def articles(self, items: Iterator[Item]) -> Iterator[Article]:
        from newsgraph.runs import Failure

        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
            else:
                self.ok += 1
                yield item

    def fail(self, failure: object) -> None:
        line = str(getattr(failure, "as_input_error", lambda: failure)())
        if getattr(failure, "refused", False):  # a readme or a listing is no failure
            typer.echo(f"newsgraph: {line}", err=True)
            return
        self.failed += 1
        report(line)

    def finish(self) -> None:
        sys.stdout.flush()
        if self.failed:
            total = self.ok + self.failed
            typer.echo(
                f"newsgraph: {self.verb} {self.ok} of {total} inputs; {self.failed} failed",
                err=True,
            )
        raise typer.Exit(exit_code(self.ok, self.failed))


def parse(
    paths: PathsArg,
    date: DateOpt = None,
    format: DocumentFormatOpt = DocumentFormat.text,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = None,
    dates: DatesOpt = None,
    date_from_path: DateFromPathOpt = False,
) -> None:
    """Print the clean articles found in PATHS.

    Each input that can't be read is named on stderr with the problem, and
    the others are still parsed. Exit status: 0 when every input parsed, 1 when
    some failed, 2 when none parsed or the arguments are wrong.
    """
    from newsgraph.cli.render import WRITERS

    tally = InputTally("parsed")
    date_of = date_source(dates, date_from_path)
    articles = tally.articles(tally.read(paths, input_format, max_bytes, date, date_of))
    WRITERS[format.value](articles, sys.stdout)
    tally.finish()


def analyze(
    paths: PathsArg,
    date: DateOpt = None,
    format: DocumentFormatOpt = DocumentFormat.text,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = None,
    model: ModelOpt = None,
    dictionaries: DictionariesOpt = None,
    stages: StagesOpt = None,
    dates: DatesOpt = None,
    date_from_path: DateFromPathOpt = False,
) -> None:
    """Analyse the articles in PATHS: entities, quotes with speakers, times, events.

    Prints the analysis document of each article (see `newsgraph schema`).
    Inputs are read as `parse` reads them; exit status as for `parse`.
    --stages runs only some stages (and what they need).
    """
    from newsgraph.cli.render import ANALYSIS_WRITERS

    tally = InputTally("analysed")
    date_of = date_source(dates, date_from_path)
    analyses = _analyses(
        tally, paths, input_format, max_bytes, date, model, stage_names(stages), date_of
    )
    ANALYSIS_WRITERS[format.value](analyses, sys.stdout)
    tally.finish()


def _analyses(
    tally: InputTally,
    paths: list[str],
    input_format: InputFormat,
    limit: int | None,
    date: dt.datetime | None,
    model: str | None,
    stages: list[str] | None = None,
    date_of: DateSource | None = None,
) -> Iterator[Analysis]:
    """The analyses of the articles in ``paths`` (``runs.analyse``); each
    input or article that fails is reported through ``tally`` and skipped."""
    from newsgraph.extract import load_pipeline, resolve_stages
    from newsgraph.runs import Failure, analyse

    nlp = load_pipeline(model)
    resolve_stages(stages)  # an unknown stage fails before anything is read
    items = tally.read(paths, input_format, limit, date, date_of)
    for result in analyse(items, nlp=nlp, stages=stages):
        if isinstance(result, Failure):
            tally.fail(result)
        else:
            tally.ok += 1
            yield result


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
    format: RowFormatOpt = RowFormat.table,
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
    max_bytes: MaxBytesOpt = None,
    model: ModelOpt = None,
    dictionaries: DictionariesOpt = None,
    dates: DatesOpt = None,
    date_from_path: DateFromPathOpt = False,
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
        from newsgraph.cli.kb import knowledge_base

        with knowledge_base(db) as engine:
            from newsgraph.store.read import event_rows

            found = event_rows(
                engine, source=source, target=target, type=type, since=since, until=until
            )
            kept = (r for r in found if r["confidence"] >= min_confidence)
            write_event_rows(kept, format.value, sys.stdout)
        return
    tally = InputTally("analysed")
    rows = (
        event_row(analysis, event)
        for analysis in _analyses(
            tally,
            paths,
            input_format,
            max_bytes,
            date,
            model,
            None,
            date_source(dates, date_from_path),
        )
        for event in analysis.events
        if event.confidence >= min_confidence
    )
    write_event_rows(rows, format.value, sys.stdout)
    tally.finish()


class RecordName(StrEnum):
    analysis = "analysis"
    article = "article"
    raw = "raw"


def schema(
    record: Annotated[
        str, typer.Argument(help="Which record: analysis, article or raw.")
    ] = "analysis",
) -> None:
    """Print the JSON Schema of a record (default: the analysis document)."""
    from newsgraph.model import json_schema

    try:
        typer.echo(json.dumps(json_schema(record), indent=2))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="RECORD") from None


__all__ = ["InputTally", "analyze", "events", "fail", "parse", "schema"]
