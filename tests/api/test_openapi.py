"""The OpenAPI description: every endpoint's answer is described by a
model from ``model.http``, not left as an empty schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.server import create_app
from newsgraph.store.db import open_database


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    path: Path = tmp_path_factory.mktemp("openapi") / "kb.db"
    engine = open_database(str(path))
    try:
        answer = TestClient(create_app(engine, allowed_hosts=["testserver"])).get("/openapi.json")
        assert answer.status_code == 200
        yield answer.json()
    finally:
        engine.dispose()


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not ref:
        return schema
    resolved: dict[str, Any] = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return resolved


def test_openapi_every_200_response_has_a_schema(spec: dict[str, Any]) -> None:
    operations = [
        (method.upper(), path, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) == 22
    for method, path, operation in operations:
        answer = operation["responses"]["200"]
        if path == "/api/v1/network":  # a file for Gephi or networkx, not JSON
            assert set(answer["content"]) >= {"application/graphml+xml", "application/gexf+xml"}
            continue
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        assert schema, f"{method} {path}: no schema for its 200 response"
        body = _resolve(schema, spec)
        assert body.get("properties"), f"{method} {path}: the 200 response schema is empty"


def test_openapi_names_the_fields_of_nested_rows(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    events = schemas["EventPage"]["properties"]["items"]
    assert _resolve(events["items"], spec) is schemas["EventItemBody"]
    assert list(schemas["EventItemBody"]["properties"])[:4] == [
        "date",
        "time",
        "date_precision",
        "source_code",
    ]
    assert "stored" in schemas["AnalyzeResponse"]["properties"]
    assert "article" in schemas["AnalyzeResponse"]["properties"]


def test_openapi_errors_have_the_one_error_body(spec: dict[str, Any]) -> None:
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status in ("400", "404", "422", "503"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorBody"}, (
                    method,
                    path,
                    status,
                )
