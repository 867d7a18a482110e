"""`newsgraph ingest` and `newsgraph load`: analyses into the knowledge base,
streaming, crash-safe.

Inputs are read lazily (any reader: files, folders, JSON Lines, gzip, stdin);
an article already stored with the same content is skipped *before* it is
analysed; the rest are analysed by ``runs.analyse`` (in this process or in
worker processes) and written ``batch_size`` articles per transaction
(``store.runs.store_batch``). Killed at any moment, a run leaves whole
articles or none; running it again stores what is missing and nothing twice.
Every input that fails is counted, reported through ``on_reject`` and listed
in the report's rejects with its reason.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from newsgraph.model import Analysis
from newsgraph.model.safe import shown
from newsgraph.runs.analyse import Failure, Item, Result, analyse, read_articles
from newsgraph.runs.dates import DateSource
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.store.runs import BATCH_SIZE, RunReport, mark_run, start_run, store_batch
from newsgraph.store.write import article_key, known

__all__ = ["Progress", "ingest", "store_analyses", "write_rejects"]

Progress = Callable[[RunReport], None]


def ingest(
    paths: list[str],
    engine: Engine,
    *,
    date: dt.date | None = None,
    date_of: DateSource | None = None,
    workers: int = 1,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    analyse_articles: bool = True,
    stages: Collection[str] | None = None,
    progress: Progress | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Read, analyse and store everything in ``paths`` (see the module
    docstring). ``on_reject(input, reason)`` is called for each failure."""
    report = RunReport()
    reader = Session(engine)
    written: set[str] = set()  # keys this run met: a later version in the same input is skipped

    def fresh(items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            report.read += 1
            if isinstance(item, Failure):
                yield item
            elif known(reader, item):  # stored before, same content: nothing to do
                report.duplicates += 1
                written.add(article_key(item))
            else:
                yield item

    items = fresh(
        read_articles(
            paths, input_format=input_format, max_bytes=max_bytes, date=date, date_of=date_of
        )
    )
    if analyse_articles:
        results: Iterable[Result] = analyse(items, model=model, workers=workers, stages=stages)
    else:
        results = (i if isinstance(i, Failure) else Analysis(article=i) for i in items)
    try:
        return store_analyses(
            results,
            engine,
            list(paths),
            report=report,
            written=written,
            batch_size=batch_size,
            progress=progress,
            on_reject=on_reject,
        )
    finally:
        reader.close()


def store_analyses(
    results: Iterable[Result],
    engine: Engine,
    inputs: list[str],
    *,
    report: RunReport | None = None,
    written: set[str] | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    on_reject: Callable[[str, str], None] | None = None,
    count_reads: bool = False,
) -> RunReport:
    """Store a stream of analyses (failures counted and reported) as one run:
    a batch per transaction, the run's counters with it, the run marked
    ``interrupted`` if the stream or the database stops it. ``count_reads``:
    every result counts as read (the caller has not counted them)."""
    report = report or RunReport()
    written = written if written is not None else set()
    started = time.perf_counter()
    start_run(engine, inputs, report)
    batch: list[Analysis] = []

    def reject(location: str, reason: str) -> None:
        report.rejects.append((location, reason))
        if on_reject is not None:
            on_reject(location, reason)

    def store(finished: bool = False) -> None:
        for analysis, reason in store_batch(engine, batch, report, started, finished=finished):
            reject(shown(analysis.article.source or analysis.article.id, 1000), reason)

    try:
        for result in results:
            report.read += count_reads
            if isinstance(result, Failure):
                if result.refused:
                    report.refused += 1
                else:
                    report.failed += 1
                reject(result.location, result.reason)
                continue
            key = article_key(result.article)
            if key in written:
                report.duplicates += 1
                continue
            written.add(key)
            batch.append(result)
            if len(batch) >= batch_size:
                store()
                batch = []
            if progress is not None:
                report.seconds = time.perf_counter() - started
                progress(report)
        store(finished=True)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        mark_run(engine, report, "interrupted")
        raise
    except BaseException:  # the database went away, or a bug: this run failed
        mark_run(engine, report, "failed")
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
    return report


def write_rejects(path: Path, rejects: list[tuple[str, str]]) -> None:
    """The rejects file: one failed input per line, tab, its reason."""
    with path.open("w", encoding="utf-8") as out:
        for location, reason in rejects:
            out.write(f"{shown(location, 1000)}\t{shown(reason, 1000)}\n")
