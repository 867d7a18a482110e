"""Fuzzing the query verbs (search, entity, entity-merge, entity-split,
quotes, stories, events) with hypothesis: random strings, digits of other
scripts (``²①٣``), huge numbers, NUL bytes and over-long strings as
arguments and options. Every run ends with exit status 0, 1 or 2 and at
most a one-line error: never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.runs import ingest
from newsgraph.store.db import open_database

from ..conftest import DATA

NASTY = [
    "²", "①", "٣", "¹²³", "𝟙", "\x00", "a\x00b", "", " ", "-1", "0", "1", "+1", "1e9",
    str(2**63 - 1), str(2**63), str(2**64), "9" * 30, "9" * 5000, "%", "_", "%_%", "!",
    "' OR 1=1 --", '"', "NEAR(", "*", "[" * 1000, "a" * 1001, "a" * 5_000, "IRN", "Iran",
    "Taraghi", "REJECT", "2018", "2018-13-45", "\u202e", "\n",
]  # fmt: skip

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet="0123456789²³¹①②٣٤۵", min_size=1, max_size=25),
)


@st.composite
def commands(draw: st.DrawFn) -> list[str]:
    """A query verb with fuzzed arguments."""
    one, two = draw(values), draw(values)
    return draw(
        st.sampled_from(
            [
                ["search", one],
                ["search", "Iran", "--outlet", one],
                ["search", "Iran", "--type", one],
                ["search", "Iran", "--since", one],
                ["search", "Iran", "--limit", one],
                ["search", "Iran", "--offset", one],
                ["entity", one],
                ["entity", "Iran", "--limit", one],
                ["entity-merge", one, two],
                ["entity-split", one, two],
                ["quotes", "--speaker", one],
                ["quotes", "--until", one],
                ["quotes", "--limit", one],
                ["quotes", "--text", one],
                ["quotes", "--text", "talks", "--kind", one],
                ["network", "--what", one],
                ["network", "--what", "comentions", "--format", one],
                ["stories", "--min-size", one],
                ["stories", "--limit", one],
                ["events", "--source", one],
                ["events", "--target", one],
                ["events", "--type", one],
                ["events", "--since", one, "--until", two],
            ]
        )
    )


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of the example article (entity-merge and
    entity-split may change it: that is part of the fuzzing)."""
    path = tmp_path_factory.mktemp("fuzz-cli") / "kb.db"
    engine = open_database(str(path))
    ingest([str(DATA / "nyt-iran-prisoners.txt")], engine, date=dt.date(2018, 1, 11))
    engine.dispose()
    return path


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(command=commands())
def test_query_fuzz_verbs_never_raise(kb: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--db", str(kb)])
    assert result.exit_code in {0, 1, 2}, (command, result.output[-500:])
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (command, repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code and not result.stderr.lstrip().startswith(("Usage:", "╭")):
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsgraph: error: "), (command, lines)


@pytest.mark.parametrize(
    ("command", "status", "message"),
    [
        (["entity", "²"], 1, "²: no such entity"),
        (["quotes", "--speaker", "a\x00b"], 2, "speaker: contains a NUL byte"),
        (["events", "--source", "a" * 60_000], 2, "source: over 1000 characters"),
        (["entity-merge", "①", "1"], 2, "①: no such entity"),
        (["entity", str(2**64)], 1, "no such entity"),
        (["entity", "a\x1eb\x1b[2J"], 1, "a\\x1eb\\x1b[2J: no such entity"),  # escaped, one line
    ],
)
def test_query_fuzz_known_cases_are_one_line(
    kb: Path, command: list[str], status: int, message: str
) -> None:
    result = CliRunner().invoke(app, [*command, "--db", str(kb)])
    assert result.exit_code == status, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("newsgraph: error: ") and message in line
