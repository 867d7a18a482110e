"""One bad record never stops an ingest (issue 16): poison pills between good
records, on SQLite and PostgreSQL. The good records are stored, each bad one
is reported in one line (file:line) and the run ends with exit 1; values the
schema can't hold are made to fit, the same way on both backends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from newsgraph.model.safe import TRUNCATED
from tests.cli.run import newsgraph


def _good(n: int) -> dict[str, Any]:
    return {
        "url": f"http://example.com/good/{n}",
        "title": f"Minister backs plan {n}",
        "text": f"Prime Minister Tony Blair said on Monday that plan {n} would work. "
        '"It is good for Britain," he said. The Conservatives criticised the plan.',
    }


def _jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored_urls(db_url: str) -> list[str]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(sa.text("SELECT url FROM articles")).scalars())
    finally:
        engine.dispose()


def _rows(db_url: str, sql: str) -> list[Any]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text(sql)).all())
    finally:
        engine.dispose()


def test_deep_json_is_one_bad_line_between_good_ones(tmp_path: Path, db_url: str) -> None:
    source = _jsonl(tmp_path / "deep.jsonl", [_good(1), "[" * 100_000, _good(2)])
    done = newsgraph("ingest", str(source), "--db", db_url, "--date", "2005-03-01", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert _stored_urls(db_url) == ["http://example.com/good/1", "http://example.com/good/2"]
    bad = [line for line in done.stderr.splitlines() if "deep.jsonl:2" in line]
    assert len(bad) == 1 and "nested too deeply" in bad[0]
    assert "Traceback" not in done.stderr
    rejects = (tmp_path / "newsgraph-rejects.tsv").read_text(encoding="utf-8").splitlines()
    assert [r.split("\t")[0] for r in rejects] == [f"{source}:2"]


def test_values_the_schema_cannot_hold_are_made_to_fit(tmp_path: Path, db_url: str) -> None:
    """A 2,500-character URL, 400-character outlet and section, NUL bytes,
    a lone surrogate, a 60,000-character name, a date in the year 9999: all
    stored, identically on both backends."""
    name = "Qwertyuiop" * 6000
    records: list[dict[str, Any] | str] = [
        _good(1),
        {"url": "http://example.com/" + "u" * 2500, "title": "Long URL", "text": _good(9)["text"]},
        {
            "url": "http://example.com/outlet",
            "outlet": "O" * 400,
            "section": "S" * 400,
            "title": "Long outlet",
            "text": _good(8)["text"],
        },
        {
            "url": "http://example.com/nul",
            "title": "NUL\u0000 in the title",
            "text": "Tony Blair\u0000 said the plan\u0000 would work for Britain.",
            "authors": ["Jane\u0000 Doe"],
            "published": "9999-12-31",
        },
        '{"url": "http://example.com/surrogate", "text": "Tony Blair \\ud800 said it would work."}',
        {"url": "http://example.com/name", "title": "Name", "text": f"Mr {name} said it works."},
        _good(2),
    ]
    source = _jsonl(tmp_path / "odd.jsonl", records)
    done = newsgraph("ingest", str(source), "--db", db_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(_stored_urls(db_url)) == 7
    [(url, key)] = _rows(db_url, "SELECT url, key FROM articles WHERE headline = 'Long URL'")
    assert len(url) == 2000 and url.endswith(TRUNCATED) and len(key) <= 2000
    [(outlet, section)] = _rows(
        db_url, "SELECT outlet, section FROM articles WHERE url = 'http://example.com/outlet'"
    )
    assert len(outlet) == 300 and outlet.endswith(TRUNCATED) and len(section) == 300
    [(headline, text, published)] = _rows(
        db_url, "SELECT headline, text, published FROM articles WHERE url LIKE '%/nul'"
    )
    assert "\x00" not in headline + text and published is None
    assert "\ufffd" in _rows(db_url, "SELECT text FROM articles WHERE url LIKE '%surrogate'")[0][0]
    longest = _rows(db_url, "SELECT max(length(name)), max(length(key)) FROM entities")[0]
    assert longest[0] <= 500 and longest[1] <= 600
    assert "outside the years 1-9998" in done.stderr


def test_a_record_the_database_refuses_is_reported_and_the_rest_stored(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article that fails while being stored (here: made to) is a failure
    of its own: the batch around it is stored one by one."""
    from newsgraph.runs import ingest
    from newsgraph.store import runs, write
    from newsgraph.store.db import open_database

    real = write.store_analysis

    def poisoned(session: Any, analysis: Any, **kwargs: Any) -> Any:
        if analysis.article.url.endswith("/2"):
            raise ValueError("cannot store this one")
        return real(session, analysis, **kwargs)

    monkeypatch.setattr(runs, "store_analysis", poisoned)
    source = _jsonl(tmp_path / "three.jsonl", [_good(1), _good(2), _good(3)])
    seen: list[tuple[str, str]] = []
    engine = open_database(db_url)
    try:
        report = ingest(
            [str(source)],
            engine,
            analyse_articles=False,
            on_reject=lambda where, why: seen.append((where, why)),
        )
    finally:
        engine.dispose()
    assert (report.stored, report.failed) == (2, 1)
    assert _stored_urls(db_url) == ["http://example.com/good/1", "http://example.com/good/3"]
    assert len(seen) == 1 and "cannot store this one" in seen[0][1]
    assert _rows(db_url, "SELECT status, failed FROM runs") == [("finished", 1)]


def test_a_killed_run_is_marked_interrupted_by_the_next(tmp_path: Path) -> None:
    """kill -9 leaves a run 'running'; the next run on this host finds its
    process gone and marks it interrupted."""
    db = tmp_path / "kb.db"
    source = _jsonl(tmp_path / "many.jsonl", [_good(n) for n in range(400)])
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-m", "newsgraph", "ingest", str(source), "--db", str(db)]
    process = subprocess.Popen(
        [*args, "--no-analyse", "--batch-size", "1"],
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        engine = sa.create_engine(f"sqlite:///{db}")
        for _ in range(600):  # wait for the run to commit something
            process.poll()
            if db.exists():
                try:
                    with engine.connect() as connection:
                        if connection.execute(sa.text("SELECT count(*) FROM articles")).scalar():
                            break
                except sa.exc.OperationalError:
                    pass
            import time

            time.sleep(0.05)
        process.kill()
        process.wait()
    finally:
        if process.stderr:
            process.stderr.close()
    assert _rows(f"sqlite:///{db}", "SELECT status FROM runs") == [("running",)]
    again = newsgraph("ingest", str(source), "--db", str(db), "--no-analyse", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    statuses = _rows(f"sqlite:///{db}", "SELECT status FROM runs ORDER BY id")
    assert statuses == [("interrupted",), ("finished",)]
    assert len(_stored_urls(f"sqlite:///{db}")) == 400


def test_special_files_and_link_loops_are_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", [_good(1)])
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    done = newsgraph("parse", str(folder), "--format", "jsonl", cwd=tmp_path)
    assert done.returncode == 1  # the loop is a failure; the FIFO is skipped
    assert len(done.stdout.splitlines()) == 1
    lines = done.stderr.splitlines()
    assert any("pipe.txt: a FIFO (named pipe), not a file; skipped" in line for line in lines)
    assert any("loop.txt: a symbolic link loop" in line for line in lines)


def test_escape_sequences_in_inputs_are_shown_not_obeyed(tmp_path: Path) -> None:
    evil = tmp_path / "bad\x1b]0;owned\x07name.jsonl"
    evil.write_text('{"text": 5}\n', encoding="utf-8")
    done = newsgraph("ingest", str(evil), "--db", str(tmp_path / "kb.db"), cwd=tmp_path)
    assert done.returncode != 0
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "\\x1b]0;owned\\x07name.jsonl" in done.stderr
    rejects = (tmp_path / "newsgraph-rejects.tsv").read_text(encoding="utf-8")
    assert "\x1b" not in rejects and "\\x1b" in rejects
