"""The analyses of ``examples/`` are pinned: a refactor that moves code must
not change a byte of them. When a change *means* to change the output, review
the difference, then regenerate the snapshot (from the repository root):

    .venv/bin/newsgraph analyze examples --date 2018-01-11 --format jsonl \
        > tests/data/snapshots/examples.jsonl
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app

from ..conftest import DATA, ROOT

SNAPSHOT = DATA / "snapshots" / "examples.jsonl"


def test_examples_analyses_equal_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        app, ["analyze", "examples", "--date", "2018-01-11", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    want = [json.loads(line) for line in SNAPSHOT.read_text("utf-8").splitlines()]
    assert [a["article"]["source"] for a in got] == [a["article"]["source"] for a in want]
    for new, old in zip(got, want, strict=True):
        for part in ("article", "entities", "quotes", "times", "events"):
            assert new[part] == old[part], f"{old['article']['source']}: {part} changed"
