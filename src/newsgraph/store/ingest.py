"""`newsgraph ingest`: read, analyse and store, streaming, crash-safe.

Inputs are read lazily (any reader: files, folders, JSON Lines, gzip, stdin);
an article already stored with the same content is skipped *before* it is
analysed; the rest are analysed in this process (``workers=1``, spaCy batches)
or in worker processes (one spaCy pipeline each), a bounded window of chunks
at a time so that memory stays flat however large the corpus; analyses are
written ``batch_size`` articles per transaction. Killed at any moment, a run
leaves whole articles or none; running it again stores what is missing and
nothing twice. Every input that fails is counted, reported on stderr and
listed in the rejects file with its reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from newsgraph.article import parse_paths
from newsgraph.errors import InputError
from newsgraph.model import Analysis, Article
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.store.schema import Run
from newsgraph.store.write import Outcome, article_key, known, store_analysis

log = logging.getLogger(__name__)
BATCH_SIZE = 50
CHUNK = 16


@dataclass
class IngestReport:
    """What a run did; ``rejects`` are (input, reason) pairs."""

    run_id: int = 0
    read: int = 0
    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    rejects: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"read {self.read}, stored {self.stored} (replaced {self.replaced}), "
            f"duplicates {self.duplicates}, failed {self.failed} "
            f"in {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )


Progress = Callable[[IngestReport], None]


# -- analysis ----------------------------------------------------------------

_worker_nlp = None


def _init_worker(model: str | None) -> None:
    """A worker: loads the pipeline once; leaves Ctrl-C to the parent (which
    stops the pool) and ends itself if the parent dies (kill -9)."""
    global _worker_nlp
    import os
    import signal
    import threading

    from newsgraph.extract import load_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    _worker_nlp = load_pipeline(model)


def _analyse_chunk(articles: list[Article]) -> list[Analysis | tuple[Article, str]]:
    from newsgraph.extract import analyze_articles

    done: list[Analysis | tuple[Article, str]] = []

    def failed(article: Article, exc: Exception) -> None:
        done.append((article, f"internal error while analysing: {exc!r} (please report it)"))

    for analysis in analyze_articles(articles, nlp=_worker_nlp, on_error=failed):
        done.append(analysis)
    return done


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_processes(
    articles: Iterable[Article], workers: int, model: str | None
) -> Iterator[Analysis | tuple[Article, str]]:
    """Analyses from ``workers`` processes, in input order, with at most
    2 x workers chunks in flight (memory does not grow with the corpus)."""
    context = mp.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, _init_worker, (model,))
    pending: list[Future[list[Analysis | tuple[Article, str]]]] = []
    try:
        for chunk in _chunks(articles, CHUNK):
            pending.append(pool.submit(_analyse_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.pop(0).result()
        while pending:
            yield from pending.pop(0).result()
    finally:  # done, interrupted or abandoned: no worker outlives the run
        pool.shutdown(wait=not pending, cancel_futures=True)


def _in_process(
    articles: Iterable[Article], model: str | None
) -> Iterator[Analysis | tuple[Article, str]]:
    from newsgraph.extract import analyze_articles, load_pipeline

    failures: list[tuple[Article, str]] = []

    def failed(article: Article, exc: Exception) -> None:
        failures.append((article, f"internal error while analysing: {exc!r} (please report it)"))

    for analysis in analyze_articles(articles, nlp=load_pipeline(model), on_error=failed):
        yield from failures
        failures.clear()
        yield analysis
    yield from failures


def _unanalysed(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Articles stored without the NLP stage (``analyse=False``)."""
    for article in articles:
        yield Analysis(article=article)


# -- the run -----------------------------------------------------------------


def ingest(
    paths: list[str],
    engine: Engine,
    *,
    date: dt.date | None = None,
    workers: int = 1,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    analyse: bool = True,
    progress: Progress | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Read, analyse and store everything in ``paths`` (see the module
    docstring). ``on_reject(input, reason)`` is called for each failure."""
    report = IngestReport()
    started = time.perf_counter()
    with Session(engine) as session:
        run = Run(inputs=list(paths))
        session.add(run)
        session.commit()
        report.run_id = run.id

    def reject(location: str, reason: str) -> None:
        report.failed += 1
        report.rejects.append((location, reason))
        if on_reject is not None:
            on_reject(location, reason)

    reader = Session(engine)
    written: set[str] = set()  # keys this run met: a later version in the same input is skipped

    def fresh() -> Iterator[Article]:
        for item in parse_paths(
            paths, input_format=input_format, max_bytes=max_bytes, default_date=date
        ):
            if isinstance(item, InputError):
                report.read += 1
                reject(f"{item.source}:{item.line}" if item.line else item.source, item.reason)
                continue
            report.read += 1
            if known(reader, item):  # stored before, same content: nothing to do
                report.duplicates += 1
                written.add(article_key(item))
                continue
            yield item

    if not analyse:
        results: Iterator[Analysis | tuple[Article, str]] = _unanalysed(fresh())
    elif workers > 1:
        results = _in_processes(fresh(), workers, model)
    else:
        results = _in_process(fresh(), model)
    batch: list[Analysis] = []
    try:
        for result in results:
            if isinstance(result, tuple):
                article, reason = result
                reject(article.source or article.id, reason)
                continue
            key = article_key(result.article)
            if key in written:
                report.duplicates += 1
                continue
            written.add(key)
            batch.append(result)
            if len(batch) >= batch_size:
                store_batch(engine, batch, report, started)
                batch = []
            if progress is not None:
                report.seconds = time.perf_counter() - started
                progress(report)
        store_batch(engine, batch, report, started, finished=True)
    except BaseException:
        mark_run(engine, report, "interrupted")
        raise
    finally:
        reader.close()
        results.close() if hasattr(results, "close") else None
    if progress is not None:
        progress(report)
    return report


RETRIES = 5


def store_batch(
    engine: Engine,
    batch: list[Analysis],
    report: IngestReport,
    started: float,
    finished: bool = False,
) -> None:
    """Store a batch in one transaction together with the run's counters.
    Another ingest writing the same articles at the same time (a unique key
    taken, a deadlock) makes the batch go again one article at a time, each
    in its own transaction, retried: what the other run stored counts as a
    duplicate here."""
    try:
        with Session(engine) as session:
            outcomes = [store_analysis(session, a, run_id=report.run_id) for a in batch]
            _counters(session, _tallied(report, outcomes), started, finished)
            session.commit()
    except (IntegrityError, OperationalError, DBAPIError):
        outcomes = [_store_one(engine, analysis, report.run_id) for analysis in batch]
        with Session(engine) as session:
            _counters(session, _tallied(report, outcomes), started, finished)
            session.commit()
    tallied = _tallied(report, outcomes)
    report.stored, report.replaced, report.duplicates = (
        tallied.stored,
        tallied.replaced,
        tallied.duplicates,
    )


def _tallied(report: IngestReport, outcomes: list[Outcome]) -> IngestReport:
    """The report as it will be once these outcomes are committed."""
    after = IngestReport(**{k: v for k, v in vars(report).items() if k != "rejects"})
    after.rejects = report.rejects
    for outcome in outcomes:
        if outcome == "duplicate":
            after.duplicates += 1
        else:
            after.stored += 1
            after.replaced += outcome == "replaced"
    return after


def _store_one(engine: Engine, analysis: Analysis, run_id: int) -> Outcome:
    for attempt in range(RETRIES):
        try:
            with Session(engine) as session:
                outcome = store_analysis(session, analysis, run_id=run_id)
                session.commit()
                return outcome
        except (IntegrityError, OperationalError, DBAPIError):
            time.sleep(0.05 * (attempt + 1))
    with Session(engine) as session:  # a last try; its error goes up
        outcome = store_analysis(session, analysis, run_id=run_id)
        session.commit()
        return outcome


def _counters(session: Session, report: IngestReport, started: float, finished: bool) -> None:
    report.seconds = time.perf_counter() - started
    run = session.get(Run, report.run_id)
    if run is not None:
        run.read, run.stored, run.replaced = report.read, report.stored, report.replaced
        run.duplicates, run.failed = report.duplicates, report.failed
        if finished:
            run.finished_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            run.status = "finished"


def mark_run(engine: Engine, report: IngestReport, status: str) -> None:
    """Record how a run ended when it did not finish (best effort)."""
    try:
        with Session(engine) as session:
            run = session.get(Run, report.run_id)
            if run is not None and run.status == "running":
                run.status = status
                session.commit()
    except Exception:  # the database itself may be what failed
        log.debug("could not mark run %s %s", report.run_id, status)


def write_rejects(path: Path, rejects: list[tuple[str, str]]) -> None:
    """The rejects file: one failed input per line, tab, its reason."""
    with path.open("w", encoding="utf-8") as out:
        for location, reason in rejects:
            out.write(f"{location}\t{reason}\n")
