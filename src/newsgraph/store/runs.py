"""The runs table and batch writes: how ``ingest`` and ``load`` store
analyses, a batch per transaction together with the run's counters.

``start_run`` makes the run row; ``store_batch`` writes a batch of analyses
and the counters in one transaction (retrying one article at a time when
another process wrote the same articles concurrently); ``mark_run`` records
how a run ended when it did not finish.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from newsgraph.errors import internal_error
from newsgraph.model import Analysis
from newsgraph.model.safe import printable
from newsgraph.store.schema import Run
from newsgraph.store.write import Outcome, store_analysis

__all__ = ["BATCH_SIZE", "RunReport", "mark_run", "settle_runs", "start_run", "store_batch"]

log = logging.getLogger(__name__)
BATCH_SIZE = 50


@dataclass
class RunReport:
    """What a run did; ``rejects`` are (input, reason) pairs."""

    run_id: int = 0
    read: int = 0
    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    failed: int = 0
    refused: int = 0  # inputs that are not articles (readmes, listings): not failures
    seconds: float = 0.0
    rejects: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"read {self.read}, stored {self.stored} (replaced {self.replaced}), "
            f"duplicates {self.duplicates}, failed {self.failed}"
            + (f", refused {self.refused}" if self.refused else "")
            + " "
            f"in {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )


def start_run(engine: Engine, inputs: list[str], report: RunReport) -> None:
    """The run's row (status ``running``, with this process's id and host);
    its id goes into ``report``. Runs of this host left ``running`` by a
    process that is gone are marked ``interrupted`` first."""
    settle_runs(engine)
    with Session(engine) as session:
        run = Run(
            inputs=[printable(i) for i in inputs],
            pid=os.getpid(),
            host=socket.gethostname(),
            updated_at=_now(),
        )
        session.add(run)
        session.commit()
        report.run_id = run.id


def settle_runs(engine: Engine) -> int:
    """Mark ``interrupted`` the runs still ``running`` whose process, on this
    host, no longer exists (killed with no chance to say so). Returns how
    many. Runs of other hosts are left: their processes can't be seen here."""
    settled = 0
    with Session(engine) as session:
        running = session.execute(
            select(Run).where(Run.status == "running", Run.host == socket.gethostname())
        ).scalars()
        for run in running:
            if run.pid is not None and run.pid != os.getpid() and not _alive(run.pid):
                run.status = "interrupted"
                settled += 1
        session.commit()
    return settled


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or not ours to ask: assume alive
    return True


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


RETRIES = 5


def store_batch(
    engine: Engine,
    batch: list[Analysis],
    report: RunReport,
    started: float,
    finished: bool = False,
) -> list[tuple[Analysis, str]]:
    """Store a batch in one transaction together with the run's counters.
    When that fails, the batch goes again one article at a time, each in its
    own transaction, retried: another ingest writing the same articles at the
    same time (a unique key taken, a deadlock) makes what it stored a
    duplicate here; an article that still fails is counted failed and
    returned with its reason, and the others are stored. When the database
    itself is gone, the error goes up (the run is interrupted, to resume)."""
    failures: list[tuple[Analysis, str]] = []
    try:
        with Session(engine) as session:
            outcomes = [store_analysis(session, a, run_id=report.run_id) for a in batch]
            _counters(session, _tallied(report, outcomes), started, finished)
            session.commit()
    except Exception:
        outcomes = []
        for analysis in batch:
            try:
                outcomes.append(_store_one(engine, analysis, report.run_id))
            except Exception as exc:
                _check_alive(engine)
                log.debug("could not store %s", analysis.article.source, exc_info=True)
                failures.append((analysis, _store_error(exc)))
        report.failed += len(failures)
        with Session(engine) as session:
            _counters(session, _tallied(report, outcomes), started, finished)
            session.commit()
    tallied = _tallied(report, outcomes)
    report.stored, report.replaced, report.duplicates = (
        tallied.stored,
        tallied.replaced,
        tallied.duplicates,
    )
    return failures


def _store_error(exc: Exception) -> str:
    """One line on why an article could not be stored."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        return f"the database refused this article: {first or type(exc.orig).__name__}"
    return internal_error("storing", exc)


def _check_alive(engine: Engine) -> None:
    """Raise when the database does not answer (then no article is to blame)."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def _tallied(report: RunReport, outcomes: list[Outcome]) -> RunReport:
    """The report as it will be once these outcomes are committed."""
    after = RunReport(**{k: v for k, v in vars(report).items() if k != "rejects"})
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
        except (IntegrityError, OperationalError):  # a concurrent writer, a lock: go again
            time.sleep(0.05 * (attempt + 1))
    with Session(engine) as session:  # a last try; its error goes up
        outcome = store_analysis(session, analysis, run_id=run_id)
        session.commit()
        return outcome


def _counters(session: Session, report: RunReport, started: float, finished: bool) -> None:
    report.seconds = time.perf_counter() - started
    run = session.get(Run, report.run_id)
    if run is not None:
        run.updated_at = _now()
        run.read, run.stored, run.replaced = report.read, report.stored, report.replaced
        run.duplicates, run.failed = report.duplicates, report.failed
        if finished:
            run.finished_at = _now()
            run.status = "finished"


def mark_run(engine: Engine, report: RunReport, status: str) -> None:
    """Record how a run ended when it did not finish (best effort)."""
    try:
        with Session(engine) as session:
            run = session.get(Run, report.run_id)
            if run is not None and run.status == "running":
                run.status = status
                session.commit()
    except Exception:  # the database itself may be what failed
        log.debug("could not mark run %s %s", report.run_id, status)
