"""Fixtures of the knowledge-base tests: a migrated, empty database on each
backend (``db_url`` from tests/conftest.py), closed after the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from newsgraph.store.db import open_database


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    opened = open_database(db_url)
    yield opened
    opened.dispose()
