"""The Spark job of ``newsgraph batch``.

The driver expands the inputs into a list of files (``sources.files.expand``)
and parallelises that list; each task reads, parses and analyses its files
with exactly the CLI's code path (``runs.read_articles`` then
``runs.analyse``), one spaCy pipeline per Python worker process,
loaded on first use and kept in a module global (Spark reuses its Python
workers). The rows (``batch.rows``) are cached, counted, then written table
by table as Parquet under ``output/<table>/published=<date>/``, each table
overwritten whole: a run replaces the previous run's output, and a task that
Spark retries leaves no duplicates (its own output committer discards the
failed attempt's files).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph import settings
from newsgraph.batch.rows import (
    PARTITION,
    TABLES,
    TYPES,
    analysis_rows,
    as_tuple,
    error_row,
    location,
)
from newsgraph.errors import BatchError, InputError, NewsgraphError
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.sources.files import STDIN, expand

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType
    from spacy.language import Language

    from newsgraph.runs import Failure


@dataclass
class BatchReport:
    """What a run did: files given to Spark, articles analysed, error rows,
    rows per table, and the wall-clock seconds (Spark's start-up included)."""

    output: Path
    files: int = 0
    articles: int = 0
    errors: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    startup_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"files {self.files}, articles {self.articles}, errors {self.errors} "
            f"in {self.seconds:.1f} s ({self.rate:.1f} articles/s; "
            f"Spark start-up {self.startup_seconds:.1f} s) -> {self.output}"
        )


# -- on the executors ----------------------------------------------------------

_NLP: dict[str | None, Language] = {}
"""This Python worker's spaCy pipelines, by model name: loaded once, on first use."""


def _pipeline(model: str | None) -> Language:
    if model not in _NLP:
        from newsgraph.extract import load_pipeline

        _NLP[model] = load_pipeline(model)
    return _NLP[model]


def process_files(
    files: Iterable[str],
    *,
    date: dt.date | None = None,
    model: str | None = None,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row tuple) for every article and every error in ``files``:
    ``runs.read_articles`` then ``runs.analyse``, as ``newsgraph analyze`` runs
    them. A file whose reading or parsing fails, and an article that makes a
    stage raise, give an ``errors`` row; the rest go on."""
    for file in files:
        yield from _process_file(file, date, model, input_format, max_bytes)


def _process_file(
    file: str, date: dt.date | None, model: str | None, input_format: str, max_bytes: int
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    from newsgraph.runs import Failure, analyse, read_articles

    items = read_articles([file], input_format=input_format, max_bytes=max_bytes, date=date)
    for result in analyse(items, nlp=_pipeline(model)):
        if isinstance(result, Failure):
            yield "errors", as_tuple("errors", _error_row(file, result))
        else:
            yield from ((t, as_tuple(t, r)) for t, r in analysis_rows(result))


def _error_row(file: str, failure: Failure) -> dict[str, Any]:
    """The ``errors`` row of a failure: a read failure names its input and
    line or offset; an analysis failure its article and date."""
    if failure.article is None:
        where = location(failure.source, failure.line, failure.reason)
        return error_row(file, where, "read", failure.reason)[1]
    article = failure.article
    published = article.published.isoformat() if article.published else "unknown"
    where = location(article.source or file)
    return error_row(file, where, "analyse", failure.reason, article.id, published)[1]


# -- on the driver -------------------------------------------------------------


def input_files(inputs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(files to read, as absolute paths; (input, reason) of those that name nothing)."""
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    for item in expand(inputs):
        if isinstance(item, InputError):
            missing.append((item.source, item.reason))
        elif item == STDIN:
            missing.append(("-", "batch mode reads files, not standard input"))
        else:
            files.append(os.path.abspath(item))
    return files, missing


def spark_schema(table: str) -> StructType:
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    types = {
        "long": LongType(),
        "double": DoubleType(),
        "bool": BooleanType(),
        "strings": ArrayType(StringType()),
    }
    return StructType(
        [StructField(c, types.get(TYPES.get(c, ""), StringType()), True) for c in TABLES[table]]
    )


def start_spark(master: str | None) -> SparkSession:
    """A Spark session for ``master`` (None: the one spark-submit was given),
    quiet (WARN), with the workers running this Python unless PYSPARK_PYTHON
    names another."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        from pyspark.sql import SparkSession

        builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
        spark = (
            builder.appName("newsgraph-batch")
            .config("spark.driver.memory", settings.get("spark_driver_memory"))
            .config("spark.executor.memory", settings.get("spark_executor_memory"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.python.worker.reuse", "true")
            .config("spark.sql.sources.partitionOverwriteMode", "static")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate()
        )
    except Exception as exc:  # no Java, a bad master URL, ...
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise BatchError(f"Spark could not start on {master or 'its master'}: {reason}") from None
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run_batch(
    inputs: list[str],
    output: Path,
    *,
    master: str | None = "local[*]",
    partitions: int | None = None,
    date: dt.date | None = None,
    model: str | None = None,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> BatchReport:
    """Analyse every article in ``inputs`` on Spark into Parquet tables under
    ``output`` (see the module docstring and ``batch.rows``); ``master`` None
    takes the one spark-submit was given. Inputs that name
    nothing become ``errors`` rows. Raises BatchError when no file is left to
    read or Spark can't start or run the job."""
    started = time.perf_counter()
    output = Path(output)
    files, missing = input_files(inputs)
    if not files:
        reasons = "; ".join(f"{i}: {r}" for i, r in missing) or "no inputs given"
        raise BatchError(f"no input files to read ({reasons})")
    spark = start_spark(master)
    report = BatchReport(output=output, files=len(files))
    report.startup_seconds = time.perf_counter() - started
    try:
        sc = spark.sparkContext
        slices = partitions or max(1, min(len(files), 4 * sc.defaultParallelism))

        def task(part: Iterable[str]) -> Iterator[tuple[str, tuple[Any, ...]]]:
            return process_files(
                part, date=date, model=model, input_format=input_format, max_bytes=max_bytes
            )

        rows = sc.parallelize(files, slices).mapPartitions(task)
        if missing:
            extra = [error_row(i, i, "read", r) for i, r in missing]
            rows = rows.union(sc.parallelize([(t, as_tuple(t, r)) for t, r in extra], 1))
        from pyspark import StorageLevel

        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
        counts = rows.map(lambda row: row[0]).countByValue()
        report.rows = {table: int(counts.get(table, 0)) for table in TABLES}
        report.articles = report.rows["articles"]
        report.errors = report.rows["errors"]
        output.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            _write_table(spark, rows, table, output / table)
        rows.unpersist()
    except NewsgraphError:
        raise
    except Exception as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise BatchError(f"the Spark job failed: {reason}") from exc
    finally:
        spark.stop()
    report.seconds = time.perf_counter() - started
    return report


FAULT_ENV = settings.SETTINGS["batch_fault"].env
"""Fault injection for tests: ``write`` makes every write task's first
attempt fail after its first row, so that Spark retries it."""


def _fail_first_attempt(rows: Iterable[Any]) -> Iterator[Any]:
    from pyspark import TaskContext

    context = TaskContext.get()
    first = context is not None and context.attemptNumber() == 0
    for number, row in enumerate(rows):
        if first and number == 1:
            raise RuntimeError(f"{FAULT_ENV}=write: this attempt fails on purpose")
        yield row


def _write_table(spark: SparkSession, rows: Any, table: str, path: Path) -> None:
    """One table, overwritten whole, partitioned by ``published``, sorted
    within each file (same input, same files)."""
    selected = rows.filter(lambda row, t=table: row[0] == t).map(lambda row: row[1])
    if settings.get("batch_fault") == "write":
        selected = selected.mapPartitions(_fail_first_attempt)
    frame = spark.createDataFrame(selected, spark_schema(table))
    order = [c for c in ("article_id", "idx", "input", "location") if c in TABLES[table]]
    (
        frame.repartition(PARTITION)
        .sortWithinPartitions(PARTITION, *order)
        .write.mode("overwrite")
        .partitionBy(PARTITION)
        .parquet(str(path))
    )
