"""`newsgraph ingest`: the verb that fills the knowledge base, with its
progress display; the run itself is ``newsgraph.runs.ingest``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.options import (
    DateFromPathOpt,
    DateOpt,
    DatesOpt,
    DbOpt,
    DictionariesOpt,
    InputFormat,
    InputFormatOpt,
    MaxBytesOpt,
    ModelOpt,
    PathsArg,
    StagesOpt,
    byte_limit,
    date_source,
    exit_code,
    fail,
    interrupted_status,
    stage_names,
)
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from newsgraph.store.runs import RunReport


def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    date: DateOpt = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Analysis processes (one spaCy each).")
    ] = 1,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Where to list failed inputs with their reasons "
            "(default newsgraph-rejects.tsv, written only when some fail).",
            show_default=False,
        ),
    ] = None,
    analyse: Annotated[
        bool,
        typer.Option(
            "--analyse/--no-analyse", help="Run the NLP stage (off: store articles only)."
        ),
    ] = True,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per committed transaction.")
    ] = 50,
    input_format: InputFormatOpt = InputFormat.auto,
    max_bytes: MaxBytesOpt = None,
    model: ModelOpt = None,
    dictionaries: DictionariesOpt = None,
    stages: StagesOpt = None,
    dates: DatesOpt = None,
    date_from_path: DateFromPathOpt = False,
) -> None:
    """Read, analyse and store the articles in PATHS into the knowledge base.

    Idempotent: an article is identified by its URL (else its content); the
    same article twice is stored once, a changed version of a URL replaces the
    old one. Crash-safe: batches commit whole; run it again after an
    interruption and it stores what is missing. Near-duplicate copies join one
    story; entities join knowledge-base entities across articles. Prints a
    progress bar on a terminal (log lines otherwise) and a summary; exit 0 when
    everything was stored, 1 when some inputs failed, 2 when nothing could be
    read or the database can't be opened.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.runs import ingest as run_ingest
    from newsgraph.runs import write_rejects
    from newsgraph.sources.files import estimate_documents
    from newsgraph.store.db import database_reason, open_database

    created = _new_sqlite_file(db)  # removed again if this ingest stores nothing
    engine = None
    try:
        engine = open_database(db)
        if analyse:
            from newsgraph.extract import load_pipeline, resolve_stages

            load_pipeline(model)  # a bad --model or --stages fails here, before anything is read
            resolve_stages(stage_names(stages))
    except NewsgraphError as exc:
        _discard_empty(engine, created)
        fail(exc)
    limit = byte_limit(max_bytes)
    date_of = date_source(dates, date_from_path)
    total = estimate_documents(paths) if sys.stderr.isatty() else None
    try:
        with _progress(total) as progress:
            result = run_ingest(
                paths,
                engine,
                date=date.date() if date else None,
                date_of=date_of,
                workers=workers,
                input_format=input_format.value,
                max_bytes=limit,
                model=model,
                analyse_articles=analyse,
                stages=stage_names(stages),
                batch_size=batch_size,
                progress=progress,
                on_reject=lambda where, why: typer.echo(
                    f"newsgraph: {'' if why.endswith('; refused') else 'error: '}{where}: {why}",
                    err=True,
                ),
            )
    except KeyboardInterrupt as stop:
        typer.echo(
            "newsgraph: ingest interrupted: what was committed is kept; "
            "run the same command again to store the rest",
            err=True,
        )
        raise typer.Exit(interrupted_status(stop)) from None
    except SQLAlchemyError as exc:  # the database refused (rights, disk full, server gone)
        _discard_empty(engine, created)
        fail(NewsgraphError(f"{engine.url.render_as_string()}: {database_reason(exc)}"))
    typer.echo(f"newsgraph: ingest: done: {result.summary()}", err=True)
    from newsgraph.cli.monitor import deliver_alerts

    deliver_alerts(engine)  # the saved alerts' matches among what was stored
    if result.rejects:
        where = rejects or Path("newsgraph-rejects.tsv")
        write_rejects(where, result.rejects)
        typer.echo(f"newsgraph: failed inputs and reasons: {where}", err=True)
    ok = result.stored + result.duplicates
    if ok == 0:
        _discard_empty(engine, created)
    raise typer.Exit(exit_code(ok, result.failed))


def _new_sqlite_file(db: str | None) -> Path | None:
    """The SQLite file ``db`` names when it does not exist yet (else None)."""
    from sqlalchemy.engine import make_url

    from newsgraph.store.db import database_url

    try:
        url = make_url(database_url(db))
    except Exception:  # a malformed URL: open_database reports it
        return None
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return None if path.exists() else path


def _discard_empty(engine: Any, created: Path | None) -> None:
    """Remove the SQLite file this ingest created when no article was stored in
    it: a failed ingest leaves no new, empty knowledge base behind."""
    if created is None or not created.exists():
        return
    if engine is not None:
        from sqlalchemy import func, select

        from newsgraph.store.schema import ArticleRow

        try:
            with engine.connect() as connection:
                if connection.execute(select(func.count()).select_from(ArticleRow)).scalar():
                    return
        except Exception:  # no tables at all: empty too
            pass
        engine.dispose()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{created}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def _progress(total: int | None) -> Iterator[Callable[[RunReport], None]]:
    """A rich progress bar (count, rate, ETA) on a terminal; a log line per
    batch otherwise."""
    if not sys.stderr.isatty():
        last = [time.monotonic()]

        def line(report: RunReport) -> None:
            if time.monotonic() - last[0] >= 5:  # a line every 5 seconds
                last[0] = time.monotonic()
                typer.echo(f"newsgraph: ingest: {report.summary()}", err=True)

        yield line
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[counts]}"),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0, counts="")

        def update(report: RunReport) -> None:
            counts = (
                f"stored {report.stored}, duplicates {report.duplicates}, failed {report.failed}"
            )
            bar.update(task, completed=report.read, rate=report.rate, counts=counts)

        yield update
