"""Fixtures of the monitoring tests: a real local web site, fetch settings
that keep the tests fast (no delay, no retries unless a test asks), and a
migrated knowledge base on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from newsgraph.store.db import open_database

from .site import Site, serve_site


@pytest.fixture(autouse=True)
def quick_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_FETCH_DELAY", "0")
    monkeypatch.setenv("NEWSGRAPH_FETCH_RETRIES", "0")
    monkeypatch.setenv("NEWSGRAPH_FETCH_TIMEOUT", "5")
    monkeypatch.delenv("NEWSGRAPH_CONTACT", raising=False)
    monkeypatch.delenv("NEWSGRAPH_SMTP_HOST", raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


@pytest.fixture
def hooks() -> Iterator[Site]:
    """A second server: the webhook receiver."""
    with serve_site() as served:
        yield served


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    opened = open_database(db_url)
    yield opened
    opened.dispose()
