"""``newsgraph.server``: the API and the pages in one app, and the factory
that ``newsgraph serve --workers N`` hands uvicorn."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from uvicorn.importer import import_from_string

from newsgraph.cli import serve
from newsgraph.server import app_from_environment
from newsgraph.store.db import open_database


def test_serve_workers_factory_builds_the_app_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory = "newsgraph.server:app_from_environment"
    assert f'"{factory}"' in inspect.getsource(serve)  # what `serve --workers N` runs
    assert import_from_string(factory) is app_from_environment
    path = tmp_path / "kb.db"
    open_database(str(path)).dispose()
    monkeypatch.setenv("NEWSGRAPH_DB", str(path))
    monkeypatch.setenv("NEWSGRAPH_TOKEN", "s3cret")
    monkeypatch.setenv("NEWSGRAPH_LOCAL", "0")
    monkeypatch.setenv("NEWSGRAPH_ALLOWED_HOSTS", "testserver")
    app = app_from_environment()
    try:
        client = TestClient(app)
        assert client.get("/api/v1/health").json()["database"] == "sqlite"
        assert client.get("/").status_code == 200  # the pages too
        assert client.delete("/api/v1/articles/1").status_code == 401  # the token is asked for
        local = client.get("/api/v1/health", headers={"Host": "127.0.0.1:8000"})
        assert local.status_code == 200  # this machine's names are always allowed
        assert client.get("/", headers={"Host": "rebind.attacker.example"}).status_code == 400
    finally:
        app.state.engine.dispose()
