"""The published JSON Schema of newsgraph's records."""

from __future__ import annotations

from typing import Any

from newsgraph.model.records import Analysis, Article, RawDocument, Record

SCHEMAS: dict[str, type[Record]] = {
    "analysis": Analysis,
    "article": Article,
    "raw": RawDocument,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the record called ``name``."""
    try:
        model = SCHEMAS[name]
    except KeyError:
        raise ValueError(
            f"unknown record {name!r}; choose from {', '.join(sorted(SCHEMAS))}"
        ) from None
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsgraph.dev/schema/{name}.json"
    return schema
