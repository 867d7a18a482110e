"""Where the knowledge base lives and how to open it.

``database_url`` resolves ``--db`` (a SQLAlchemy URL, ``postgresql://...``, or
a path to a SQLite file), then ``NEWSGRAPH_DB``, then ``newsgraph.db`` in the
working directory. ``open_database`` returns an engine whose schema is
migrated to the newest version (Alembic), with SQLite set up for a knowledge
base: foreign keys enforced, write-ahead log, a busy timeout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from newsgraph import settings
from newsgraph.errors import DatabaseError
from newsgraph.settings import redact_url

DEFAULT_FILE = "newsgraph.db"
NO_KB = "no knowledge base here (run `newsgraph ingest` first)"


def database_reason(exc: BaseException) -> str:
    """The first line of what the database driver said, for a one-line error."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(exc).__name__])[0]


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL of the knowledge base to use."""
    value = settings.get("db", db) or DEFAULT_FILE
    if "://" not in value:  # a path to a SQLite file
        return f"sqlite:///{Path(value).expanduser()}"
    if value.startswith(("postgresql://", "postgres://")):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create(url: str) -> Engine:
    """An engine for ``url`` (no schema work)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"{redact_url(url)}: not a database URL ({exc})") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise DatabaseError(f"{redact_url(url)}: newsgraph stores into SQLite or PostgreSQL only")
    if parsed.get_backend_name() == "sqlite" and parsed.database in {None, "", ":memory:"}:
        raise DatabaseError(
            f"{redact_url(url)}: no database file given (an in-memory database keeps nothing)"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).expanduser().parent
        if not folder.is_dir():
            raise DatabaseError(f"{parsed.database}: folder {folder} does not exist")
    # a pooled PostgreSQL connection may have died with its server: tested before each use;
    # a SQLite file's cannot (a test query per checkout would only cost time)
    server = parsed.get_backend_name() != "sqlite"
    engine = create_engine(parsed, pool_pre_ping=server)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_database(db: str | None = None) -> Engine:
    """The knowledge base at ``db`` (see ``database_url``), migrated to the
    newest schema. Raises DatabaseError naming the database and the problem."""
    from newsgraph.store.migrations import upgrade

    url = database_url(db)
    engine = create(url)
    try:
        upgrade(engine)
    except SQLAlchemyError as exc:  # not a database, server down, no rights
        shown = make_url(url).render_as_string(hide_password=True)
        reason = database_reason(exc)
        raise DatabaseError(f"{shown}: cannot open the database: {reason}") from None
    return engine


def open_existing(db: str | None = None) -> Engine:
    """The existing knowledge base at ``db`` (see ``store.db.database_url``),
    migrated to the newest schema. Raises NewsgraphError when there is none:
    a SQLite file that isn't there (nothing is created), or a database
    without the knowledge base's tables."""
    url = database_url(db)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"{redact_url(url)}: not a database URL ({exc})") from None
    shown = parsed.render_as_string(hide_password=True)
    sqlite = parsed.get_backend_name() == "sqlite"
    where = parsed.database if sqlite and parsed.database else shown
    if sqlite and (not parsed.database or not Path(parsed.database).expanduser().is_file()):
        raise DatabaseError(f"{where}: {NO_KB}")
    engine = create(url)
    try:
        has_tables = inspect(engine).has_table("articles")
    except SQLAlchemyError as exc:
        reason = database_reason(exc)
        raise DatabaseError(f"{where}: cannot open the database: {reason}") from None
    finally:
        engine.dispose()
    if not has_tables:
        raise DatabaseError(f"{where}: {NO_KB}")
    return open_database(url)
