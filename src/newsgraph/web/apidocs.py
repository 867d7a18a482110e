"""``/docs``: the API reference as a plain server-rendered page, built from
the app's own OpenAPI description (no JavaScript, nothing from a CDN: it
works air-gapped)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from newsgraph.web.render import page

WRITES = {("DELETE", "/api/v1/articles/{article_id}")}


def _type(schema: dict[str, Any], spec: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [_type(s, spec) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds) or "null"
    kind = str(schema.get("type", "any"))
    if kind == "array" and isinstance(schema.get("items"), dict):
        return f"list of {_type(schema['items'], spec)}"
    if "pattern" in schema:
        return f"{kind} ({schema['pattern']})"
    return kind


def _body(operation: dict[str, Any], spec: dict[str, Any]) -> list[dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref")
    if not ref:
        return []
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type(field, spec),
            "required": name in required,
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every endpoint of an OpenAPI description, in path order."""
    found = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            verb = method.upper()
            found.append(
                {
                    "method": verb,
                    "path": path,
                    "anchor": f"{verb}-{path}".replace("/", "-").strip("-"),
                    "summary": operation.get("summary", ""),
                    "description": " ".join(operation.get("description", "").split()),
                    "write": verb in {"POST", "DELETE"}
                    and not path.endswith("/analyze")
                    or (verb, path) in WRITES,
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": _type(p.get("schema", {}), spec),
                            "required": p.get("required", False),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _body(operation, spec),
                }
            )
    return found


def add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return page("docs.html", section="", operations=operations(app.openapi()))
