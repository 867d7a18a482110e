"""One knowledge base whatever the backend and the number of workers (issue
16, item 6): 200 real BBC politics articles ingested with one worker into
SQLite and with two worker processes into PostgreSQL give identical exports,
row for row (articles, entities, mentions, quotes, events). Entity linking is
decided in the parent process, article by article in input order, with every
lookup ordered: nothing depends on which worker finished first."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest

from newsgraph.runs import ingest
from newsgraph.store.db import open_database
from newsgraph.store.read.export import EXPORT_COLUMNS, export
from tests.conftest import EVAL_DEV
from tests.pg import PostgresServer, create_database, drop_database

BBC = EVAL_DEV / "articles" / "bbc-news-politics" / "politics"

pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason=f"public dev articles not at {BBC}")


def _exports(url: str) -> dict[str, str]:
    engine = open_database(url)
    try:
        out: dict[str, str] = {}
        for what in EXPORT_COLUMNS:
            stream = io.StringIO()
            export(engine, what, "jsonl", stream)
            out[what] = stream.getvalue()
        return out
    finally:
        engine.dispose()


def test_two_workers_on_postgresql_equal_one_on_sqlite(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    import datetime as dt

    files = [str(p) for p in sorted(BBC.glob("*.txt"))[:200]]
    day = dt.date(2005, 1, 1)
    sqlite_url = f"sqlite:///{tmp_path / 'kb.db'}"
    name = f"t_workers_{uuid.uuid4().hex[:8]}"
    postgres_url = create_database(postgres_server, name)
    try:
        for url, workers in ((sqlite_url, 1), (postgres_url, 2)):
            engine = open_database(url)
            try:
                report = ingest(files, engine, date=day, workers=workers)
            finally:
                engine.dispose()
            assert report.stored == 200 and report.failed == 0
        one, two = _exports(sqlite_url), _exports(postgres_url)
    finally:
        drop_database(postgres_server, name)
    for what in EXPORT_COLUMNS:
        assert one[what].count("\n") > 0, what
        assert one[what] == two[what], f"{what} differ between the two knowledge bases"
