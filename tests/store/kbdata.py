"""A small real knowledge base for the query tests: the NYT example, a
syndicated copy of it (another headline, an editor's note, another
copyright line: the same story), and five wire scrapes, ingested with the
full analysis. Built once per test module; ``clone`` gives a test that
changes the knowledge base a copy of its own."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from newsgraph.runs import ingest
from newsgraph.store.db import open_database

from ..conftest import DATA
from ..pg import PostgresServer, create_database

NYT = DATA / "nyt-iran-prisoners.txt"
NYT_DATE = dt.date(2018, 1, 11)
COPY_DATE = dt.date(2018, 1, 12)
WIRE_DATE = dt.date(2023, 11, 10)  # for the scrapes that give no date of their own
WIRES = [
    DATA / "scrapes" / f"{name}.txt"
    for name in (
        "reuters-byline-sanctions",
        "ap-by-the-ap-united-nations",
        "reuters-kyiv-energy",
        "wapo-tripoli-national-security",
        "afp-geneva-caps-surname",
    )
]
ARTICLES = 2 + len(WIRES)
NYT_HEADLINE = "Iran Plays Down Report That U.S. Secretly Asked for Talks on Prisoners"
COPY_HEADLINE = "Iran dismisses report of secret U.S. outreach on prisoners"


def syndicated_copy(folder: Path) -> Path:
    """The NYT article as another site runs it: its own headline, an
    editor's note, its own copyright line."""
    text = NYT.read_text(encoding="utf-8")
    text = text.replace(NYT_HEADLINE, COPY_HEADLINE).replace(
        "Copyright 2024 New York Times News Service. All rights reserved.",
        "Editor's note: this article first appeared in The New York Times.\n\n"
        "Copyright 2024 International Herald Tribune. All rights reserved.",
    )
    path = folder / "nyt-syndicated-copy.txt"
    path.write_text(text, encoding="utf-8")
    return path


def build(url: str, folder: Path) -> Engine:
    """Ingest the test articles into the empty database at ``url``."""
    engine = open_database(url)
    for paths, date in (
        ([NYT], NYT_DATE),
        ([syndicated_copy(folder)], COPY_DATE),
        (WIRES, WIRE_DATE),
    ):
        report = ingest([str(p) for p in paths], engine, date=date)
        assert report.failed == 0, report.rejects
    return engine


def clone(engine: Engine, folder: Path, server: PostgresServer | None) -> str:
    """A copy of the knowledge base behind ``engine``; returns its URL
    (SQLite: a file in ``folder``; PostgreSQL: a new database made from it
    as a template, which needs every connection to it closed)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        target = folder / f"clone-{uuid.uuid4().hex[:8]}.db"
        assert url.database is not None
        with sqlite3.connect(url.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        return f"sqlite:///{target}"
    assert server is not None and url.database is not None
    engine.dispose()
    name = f"clone_{uuid.uuid4().hex[:8]}"
    import psycopg

    with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"')
    return make_url(server.url_for(name)).render_as_string(hide_password=False)


__all__ = ["build", "clone", "create_database"]
