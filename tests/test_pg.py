"""The throwaway PostgreSQL server (tests/pg.py) and the database fixtures."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from .pg import PostgresServer

# Filled by test_tables_do_not_leak_a and read by test_tables_do_not_leak_b.
_SEEN: dict[str, str] = {}


@pytest.mark.postgres
def test_server_answers_select_version(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://newsgraph@127.0.0.1:")
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("select version()")).scalar_one()
            settings: dict[str, str] = dict(
                conn.execute(
                    text(
                        "select name, setting from pg_settings where name in "
                        "('fsync', 'synchronous_commit', 'full_page_writes', 'server_encoding')"
                    )
                ).all()
            )
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL ")
    assert settings == {
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "server_encoding": "UTF8",
    }


@pytest.mark.postgres
def test_server_runs_unprivileged(postgres_server: PostgresServer) -> None:
    engine = create_engine(postgres_server.url)
    try:
        with engine.connect() as conn:
            data_dir = conn.execute(text("show data_directory")).scalar_one()
    finally:
        engine.dispose()
    assert data_dir == str(postgres_server.datadir)
    # The cluster's files belong to whoever runs the server: never root.
    assert postgres_server.datadir.stat().st_uid != 0


def _table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "select table_name from information_schema.tables where table_schema = 'public'"
                )
            )
            return {row[0] for row in rows}
    finally:
        engine.dispose()


# Only the PostgreSQL parameter of db_url (indirect parametrization replaces
# the fixture's own parameters, and their marks with them).
POSTGRES_ONLY = pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@POSTGRES_ONLY
def test_tables_do_not_leak_a(db_url: str) -> None:
    assert _table_names(db_url) == set()
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("create table leak_probe (id integer primary key)"))
    finally:
        engine.dispose()
    assert _table_names(db_url) == {"leak_probe"}
    _SEEN["a"] = db_url


@POSTGRES_ONLY
def test_tables_do_not_leak_b(db_url: str) -> None:
    # Runs after test_tables_do_not_leak_a (file order) in a database of its own.
    assert _table_names(db_url) == set()
    if "a" in _SEEN:
        assert _SEEN["a"] != db_url


def test_db_url_gives_both_backends(db_url: str) -> None:
    backend = db_url.split(":", 1)[0]
    assert backend in {"sqlite", "postgresql+psycopg"}
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("create table items (id integer primary key, name varchar(40))"))
            conn.execute(
                text("insert into items (id, name) values (:id, :name)"),
                [{"id": 1, "name": "Teheran"}, {"id": 2, "name": "Zürich"}],
            )
        with engine.connect() as conn:
            rows = conn.execute(text("select id, name from items order by id")).all()
            assert engine.dialect.name == ("sqlite" if backend == "sqlite" else "postgresql")
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "Teheran"), (2, "Zürich")]
