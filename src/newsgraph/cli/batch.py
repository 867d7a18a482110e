"""`newsgraph batch` (analyse on Apache Spark into Parquet) and `newsgraph
load` (a batch output into the knowledge base)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.options import (
    DateOpt,
    DbOpt,
    DictionariesOpt,
    InputFormat,
    InputFormatOpt,
    MaxBytesOpt,
    ModelOpt,
    PathsArg,
    byte_limit,
    exit_code,
    fail,
    report,
)
from newsgraph.errors import NewsgraphError


def batch(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the Parquet tables (replaced on each run).",
            show_default=False,
        ),
    ],
    master: Annotated[
        str,
        typer.Option("--master", help="Spark master: local[*], local[N], or a cluster URL."),
    ] = "local[*]",
    partitions: Annotated[
        int | None,
        typer.Option(
            "--partitions",
            min=1,
            help="Spark tasks to split the files into (default: up to 4 per core).",
            show_default=False,
        ),
    ] = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    dictionaries: DictionariesOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Analyse the articles in PATHS on Apache Spark into Parquet tables.

    Writes articles, entities, mentions, quotes, times, events and errors
    under --output, each partitioned by publication date
    (published=YYYY-MM-DD, or unknown). Inputs that can't be read and
    articles that fail are rows of the errors table, not failures: exit 0
    when the job ran, 2 when there is no input or Spark can't start. Load
    the output into the knowledge base with `newsgraph load`.
    """
    from newsgraph.batch import run_batch

    try:
        result = run_batch(
            paths,
            output,
            master=master,
            partitions=partitions,
            date=date.date() if date else None,
            model=model,
            input_format=input_format.value,
            max_bytes=byte_limit(max_bytes),
        )
    except NewsgraphError as exc:
        fail(exc)
    typer.echo(f"newsgraph: batch: done: {result.summary()}", err=True)


def load(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A `newsgraph batch` output folder.",
            exists=True,
            file_okay=False,
            metavar="DIR",
        ),
    ],
    db: DbOpt = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per committed transaction.")
    ] = 50,
) -> None:
    """Load a `newsgraph batch` output into the knowledge base.

    Idempotent, as `newsgraph ingest` is: an article already stored with the
    same content is counted as a duplicate, so loading twice adds nothing.
    A record that can't be read or stored is reported in one line and
    skipped; the others are loaded. Exit 0 when all were loaded, 1 when some
    failed, 2 when the folder or the database can't be read.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.batch import load as run_load
    from newsgraph.store.db import database_reason, open_database

    try:
        engine = open_database(db)
        result = run_load(
            directory,
            engine,
            batch_size=batch_size,
            on_reject=lambda where, why: report(f"{where}: {why}"),
        )
    except NewsgraphError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(NewsgraphError(f"{engine.url.render_as_string()}: {database_reason(exc)}"))
    typer.echo(f"newsgraph: load: done: {result.summary()}", err=True)
    from newsgraph.cli.monitor import deliver_alerts

    deliver_alerts(engine)  # the saved alerts' matches among what was loaded
    raise typer.Exit(exit_code(result.stored + result.duplicates, result.failed))
