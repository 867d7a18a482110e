"""``newsgraph load``: a batch output into the knowledge base, idempotently.

Reads the Parquet tables with pyarrow, one publication date (one partition)
at a time so that memory stays bounded by the largest day, rebuilds each
article's ``Analysis`` from the ``record`` columns, and stores the analyses
with the ingest's own writer (``runs.store_analyses``: one transaction per
batch, a run row with its counters). An article already in
the knowledge base with the same content is a duplicate: loading the same
output twice adds nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsgraph.batch.rows import PARTITION
from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, Article, Entity, Event, Quote, TimeExpression
from newsgraph.runs import store_analyses
from newsgraph.runs.analyse import Failure
from newsgraph.store.runs import BATCH_SIZE, RunReport

_PARTS: dict[str, type[Any]] = {
    "entities": Entity,
    "quotes": Quote,
    "times": TimeExpression,
    "events": Event,
}


def _dataset(output: Path, table: str) -> Any:
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = output / table
    if not path.is_dir() or not any(path.rglob("*.parquet")):
        return None
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=partitioning)


def _rows(dataset: Any, date: str, columns: list[str]) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    if dataset is None:
        return []
    table = dataset.to_table(columns=columns, filter=ds.field(PARTITION) == date)
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def read_analyses(output: Path) -> Iterator[Analysis | Failure]:
    """The analyses of a batch output, by publication date then article id;
    a record that can't be read is a Failure in its article's place (the
    others are loaded)."""
    articles = _dataset(output, "articles")
    if articles is None:
        if not (output / "articles").is_dir():
            raise NewsgraphError(f"{output}: not a batch output (no articles/ table)")
        return
    dates = sorted(set(articles.to_table(columns=[PARTITION]).column(PARTITION).to_pylist()))
    parts = {table: _dataset(output, table) for table in _PARTS}
    for date in dates:
        found: dict[str, dict[str, list[tuple[int, Any]]]] = defaultdict(lambda: defaultdict(list))
        broken: dict[str, str] = {}
        for table, model in _PARTS.items():
            for row in _rows(parts[table], date, ["article_id", "idx", "record"]):
                try:
                    record = model.model_validate(json.loads(row["record"]))
                except (ValueError, TypeError, RecursionError) as exc:
                    broken[row["article_id"]] = f"{table} record {row['idx']}: {_why(exc)}"
                    continue
                found[row["article_id"]][table].append((row["idx"], record))
        seen: set[str] = set()
        for row in sorted(
            _rows(articles, date, ["article_id", "record"]), key=lambda r: r["article_id"]
        ):
            if row["article_id"] in seen:  # the same article in two inputs
                continue
            seen.add(row["article_id"])
            where = f"{output}/articles@{row['article_id']}"
            try:
                article = Article.model_validate(json.loads(row["record"]))
            except (ValueError, TypeError, RecursionError) as exc:
                yield Failure(where, f"unreadable article record: {_why(exc)}", "read")
                continue
            if row["article_id"] in broken:
                yield Failure(where, f"unreadable {broken[row['article_id']]}", "read")
                continue
            own = found.get(row["article_id"], {})
            yield Analysis(
                article=article,
                **{t: [r for _, r in sorted(own.get(t, []), key=lambda x: x[0])] for t in _PARTS},
            )


def _why(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()
    return first[0] if first else type(exc).__name__


def load(
    output: Path,
    engine: Engine,
    *,
    batch_size: int = BATCH_SIZE,
    on_reject: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Store every analysis of the batch output ``output`` (see the module
    docstring); ``on_reject(where, why)`` for each record that fails."""
    return store_analyses(
        read_analyses(Path(output)),
        engine,
        [str(output)],
        batch_size=batch_size,
        count_reads=True,
        on_reject=on_reject,
    )
