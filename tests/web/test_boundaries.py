"""The boxes keep to their places (DESIGN.md): ``web`` and ``api`` share
``model.http`` and never import each other; the pages ask ``store.read``
for data and hold no SQL (no SQLAlchemy import at all)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsgraph

PACKAGE = Path(newsgraph.__file__).resolve().parent


def imported_modules(path: Path) -> Iterator[str]:
    """Every module a source file imports (at any depth, including imports
    inside functions and ``TYPE_CHECKING`` blocks), as absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def sources(box: str) -> list[Path]:
    found = sorted((PACKAGE / box).rglob("*.py"))
    assert found, box
    return found


def importers(box: str, forbidden: str) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in sources(box)
        for name in imported_modules(path)
        if name == forbidden or name.startswith(forbidden + ".")
    ]


@pytest.mark.parametrize(
    ("box", "forbidden"),
    [
        ("web", "newsgraph.api"),
        ("api", "newsgraph.web"),
        ("web", "sqlalchemy"),
        ("web", "newsgraph.server"),
        ("api", "newsgraph.server"),
    ],
)
def test_box_does_not_import(box: str, forbidden: str) -> None:
    assert importers(box, forbidden) == []


def test_the_scan_sees_imports() -> None:
    """The scan finds what the server module imports (so an empty answer
    above means something)."""
    found = set(imported_modules(PACKAGE / "server.py"))
    assert {"newsgraph.api", "newsgraph.web", "sqlalchemy"} <= found
