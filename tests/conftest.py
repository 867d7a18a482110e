"""Shared test fixtures and paths."""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .pg import PostgresServer, PostgresUnavailable, create_database, drop_database, start_postgres

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
EVAL_DEV = SHARED / "eval-dev"

SKIP_POSTGRES_ENV = "NEWSGRAPH_SKIP_POSTGRES"
_POSTGRES_FIXTURES = {"postgres_server", "postgres_url"}


@pytest.fixture
def shared_example() -> Path:
    """The example article (a copy of ../shared/examples/nyt-iran-prisoners.txt);
    its analyst's expectations sit beside it as ``.expected.yaml``."""
    return DATA / "nyt-iran-prisoners.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the PostgreSQL server directly get the ``postgres``
    marker too (``db_url``'s postgresql parameter carries it already), so
    ``-m 'not postgres'`` leaves them all out."""
    for item in items:
        if _POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole session (see tests/pg.py).
    If it cannot start, the tests using it fail with the reason, unless
    NEWSGRAPH_SKIP_POSTGRES=1, when they are skipped."""
    skip = os.environ.get(SKIP_POSTGRES_ENV) == "1"
    if skip:
        pytest.skip(f"{SKIP_POSTGRES_ENV}=1")
    try:
        server = start_postgres(Path(tempfile.gettempdir()))
    except PostgresUnavailable as exc:
        reason = str(exc)
    else:
        reason = ""
    if reason:
        pytest.fail(
            f"{reason}\n(set {SKIP_POSTGRES_ENV}=1 to skip the PostgreSQL tests instead)",
            pytrace=False,
        )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL (postgresql+psycopg://...) of the session server's
    database ``newsgraph``, shared by every test that uses it."""
    return postgres_server.url


def _database_name(node_name: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "_", node_name.lower()).strip("_")[:40]
    return f"t_{stem}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database for this test alone: a
    SQLite file in ``tmp_path``, or a new database on the session PostgreSQL
    server (dropped afterwards, open connections and all)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = _database_name(request.node.name)
    url = create_database(server, name)
    try:
        yield url
    finally:
        drop_database(server, name)
