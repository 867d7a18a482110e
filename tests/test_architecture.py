"""The boxes keep to their places (DESIGN.md): ``store`` imports no pipeline
package; ``web`` and ``api`` share ``model.http`` and never import each other;
the pages ask ``store.read`` for data and hold no SQL (no SQLAlchemy import at
all); no module is over 600 lines; no two classes share a name; the command's
``--help`` and ``--version`` load no heavy library."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
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
        ("store", "newsgraph.sources"),
        ("store", "newsgraph.article"),
        ("store", "newsgraph.extract"),
        ("store", "newsgraph.runs"),
        ("extract", "newsgraph.store"),
        ("gazetteer", "newsgraph.extract"),
        ("gazetteer", "newsgraph.store"),
    ],
)
def test_box_does_not_import(box: str, forbidden: str) -> None:
    assert importers(box, forbidden) == []


def test_the_scan_sees_imports() -> None:
    """The scan finds what the server module imports (so an empty answer
    above means something)."""
    found = set(imported_modules(PACKAGE / "server.py"))
    assert {"newsgraph.api", "newsgraph.web", "sqlalchemy"} <= found


def test_no_module_is_over_600_lines() -> None:
    long = [
        f"{path.relative_to(PACKAGE.parent)}: {n} lines"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert long == []


def test_no_two_classes_share_a_name() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(str(path.relative_to(PACKAGE.parent)))
    assert {name: paths for name, paths in where.items() if len(paths) > 1} == {}


HEAVY = ("spacy", "trafilatura", "dateparser", "sqlalchemy", "fastapi", "pyspark")


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_help_and_version_load_no_heavy_library(flag: str) -> None:
    probe = (
        "import sys\n"
        "from newsgraph.cli import main\n"
        f"sys.argv = ['newsgraph', {flag!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"loaded = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
    assert "newsgraph" in done.stdout


def test_every_verb_is_registered_once() -> None:
    from newsgraph.cli.app import ALERT_VERBS, DICTIONARIES_VERBS, EVAL_VERBS, VERBS, app

    names = [name for name, _ in VERBS]
    assert len(names) == len(set(names))
    registered = [c.name for c in app.registered_commands]
    assert registered == names
    groups = {g.name: g.typer_instance for g in app.registered_groups}
    assert list(groups) == ["eval", "dictionaries", "alert"]
    assert [c.name for c in groups["alert"].registered_commands] == [n for n, _ in ALERT_VERBS]
    assert [c.name for c in groups["eval"].registered_commands] == [n for n, _ in EVAL_VERBS]
    assert [c.name for c in groups["dictionaries"].registered_commands] == [
        n for n, _ in DICTIONARIES_VERBS
    ]
