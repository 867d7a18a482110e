"""The knowledge-base verbs (search, entity, entity-merge, entity-split,
quotes, stories, export) over a real knowledge base."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsgraph.cli import app
from newsgraph.model.rows import EVENT_COLUMNS
from newsgraph.store.read import QUOTE_COLUMNS

from ..conftest import ROOT
from ..store import kbdata

KB_VERBS = ["search", "entity", "entity-merge", "entity-split", "quotes", "stories", "export"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test knowledge base (tests/store/kbdata.py) in a SQLite file."""
    folder = tmp_path_factory.mktemp("kb-cli")
    path = folder / "kb.db"
    kbdata.build(f"sqlite:///{path}", folder).dispose()
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("verb", KB_VERBS)
def test_help_on_every_kb_verb(verb: str) -> None:
    result = invoke(verb, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and "--db" in result.output


def test_a_missing_sqlite_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    for verb in (["search", "Iran"], ["entity", "Iran"], ["quotes"], ["stories"]):
        result = subprocess.run(
            [sys.executable, "-m", "newsgraph", *verb, "--db", str(missing)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert result.returncode == 2, verb
        assert result.stdout == ""
        assert result.stderr == (
            f"newsgraph: error: {missing}: no knowledge base here (run `newsgraph ingest` first)\n"
        )
        assert not missing.exists()  # a query never creates a database


def test_the_default_database_comes_from_newsgraph_db(
    kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_DB", str(kb))
    assert "Hamidreza Taraghi" in invoke("entity", "Taraghi").output
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "elsewhere.db"))
    result = invoke("stories")
    assert result.exit_code == 2
    assert "no knowledge base here" in result.stderr
    assert not (tmp_path / "elsewhere.db").exists()


def test_a_database_without_a_knowledge_base_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = invoke("search", "Iran", "--db", str(empty))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("no knowledge base here (run `newsgraph ingest` first)")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database at all, just some words\n" * 100)
    result = invoke("search", "Iran", "--db", str(not_sqlite))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot open the database" in result.stderr


def test_search_table(kb: Path) -> None:
    result = invoke("search", "back-channel talks", "--db", str(kb))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["published", "outlet", "rank", "id", "headline"]
    assert lines[1].startswith("2018-01-11  New York Times")
    assert lines[1].endswith(kbdata.NYT_HEADLINE)
    assert "[back-channel] [talks]" in result.stdout
    assert invoke("search", "zzyzx", "--db", str(kb)).stdout == "(no articles found)\n"


def test_search_json_and_csv(kb: Path) -> None:
    found = json.loads(
        invoke("search", "Iran", "--type", "REJECT", "--format", "json", "--db", str(kb)).stdout
    )
    assert {h["headline"] for h in found} == {kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE}
    assert set(found[0]) == {
        "article_id",
        "article",
        "key",
        "url",
        "headline",
        "outlet",
        "published",
        "rank",
        "snippet",
    }
    rows = list(
        csv.DictReader(
            io.StringIO(
                invoke(
                    "search", "prisoners", "--since", "2018-01-12", "-f", "csv", "--db", str(kb)
                ).stdout
            )
        )
    )
    assert [r["headline"] for r in rows] == [kbdata.COPY_HEADLINE]
    assert (
        json.loads(
            invoke("search", "'; DROP TABLE articles; --", "-f", "json", "--db", str(kb)).stdout
        )
        == []
    )


def test_search_bad_date_is_one_line_and_exit_2(kb: Path) -> None:
    result = invoke("search", "Iran", "--since", "last May", "--db", str(kb))
    assert result.exit_code == 2
    assert result.stderr == (
        "newsgraph: error: 'last May': not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )


def test_entity_text_and_json(kb: Path) -> None:
    result = invoke("entity", "Taraghi", "--db", str(kb))
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("Hamidreza Taraghi  (PERSON; id ")
    assert "aliases: Taraghi" in text
    assert "role   official  (2018-01-11 … 2018-01-12; 2 articles)" in text
    assert "quotes (16; newest 10)" not in text and "quotes (16)" in text
    assert "REJECT (125): Iran [IRN] -> Trump administration [USAGOV]" in text
    assert "mentioned with" in text
    profile = json.loads(invoke("entity", "Taraghi", "-f", "json", "--db", str(kb)).stdout)
    assert profile["name"] == "Hamidreza Taraghi" and profile["quote_count"] == 16
    by_id = json.loads(invoke("entity", str(profile["id"]), "-f", "json", "--db", str(kb)).stdout)
    assert by_id == profile
    tehran = invoke("entity", "Tehran", "--db", str(kb)).stdout
    assert "also answering to that name (use the id)" in tehran and "Iran (GPE;" in tehran


def test_entity_not_found_exits_1(kb: Path) -> None:
    result = invoke("entity", "Nobody Atall", "--db", str(kb))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "newsgraph: error: Nobody Atall: no such entity in the knowledge base\n"
    )


def test_entity_merge_and_split(kb: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kb.db"
    shutil.copy(kb, copy)
    db = ["--db", str(copy)]
    result = invoke("entity-merge", "Hamidreza Taraghi", "Ali Khamenei", *db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("newsgraph: merged entity ")
    merged = json.loads(invoke("entity", "Ali Khamenei", "-f", "json", *db).stdout)
    assert merged["name"] == "Hamidreza Taraghi" and "Ali Khamenei" in merged["aliases"]
    result = invoke("entity-split", str(merged["id"]), "Ali Khamenei", *db)
    assert result.exit_code == 0, result.output
    split = json.loads(invoke("entity", "Ali Khamenei", "-f", "json", *db).stdout)
    assert split["name"] == "Ali Khamenei" and split["roles"] == ["supreme leader"]
    again = invoke("entity-merge", "Iran", "Iran", *db)
    assert again.exit_code == 2
    assert "cannot merge an entity into itself" in again.stderr
    ambiguous = invoke("entity-merge", "Tehran", "Iran", *db)
    assert ambiguous.exit_code == 2
    assert "several entities answer to this name" in ambiguous.stderr
    unknown = invoke("entity-split", "1", "Nobody Atall", *db)
    assert unknown.exit_code == 2 and "no article calls it" in unknown.stderr


def test_quotes_table_jsonl_csv(kb: Path) -> None:
    table = invoke("quotes", "--speaker", "Taraghi", "--limit", "3", "--db", str(kb)).stdout
    lines = table.splitlines()
    assert lines[0].split() == ["published", "speaker", "kind", "quote"]
    assert len(lines) == 4
    assert lines[1].startswith("2018-01-12  Hamidreza Taraghi")
    rows = [
        json.loads(line)
        for line in invoke(
            "quotes", "--speaker", "Taraghi", "-f", "jsonl", "--db", str(kb)
        ).stdout.splitlines()
    ]
    assert len(rows) == 16 and list(rows[0]) == list(QUOTE_COLUMNS)
    text = invoke("quotes", "--until", "2018-01-11", "-f", "csv", "--db", str(kb)).stdout
    found = list(csv.DictReader(io.StringIO(text)))
    assert found and {r["published"] for r in found} == {"2018-01-11"}
    assert invoke("quotes", "--speaker", "Nobody", "--db", str(kb)).stdout.endswith("(no quotes)\n")


def test_stories(kb: Path) -> None:
    table = invoke("stories", "--db", str(kb)).stdout.splitlines()
    assert table[0].split() == ["story", "copies", "published", "outlet", "id", "headline"]
    assert len(table) == 3  # the heading and one row per copy
    assert table[1].split()[1:3] == ["2", "2018-01-11"] and table[1].endswith(kbdata.NYT_HEADLINE)
    assert table[2].endswith(kbdata.COPY_HEADLINE)
    rows = list(csv.DictReader(io.StringIO(invoke("stories", "-f", "csv", "--db", str(kb)).stdout)))
    assert [r["headline"] for r in rows] == [kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE]
    assert {r["story_id"] for r in rows} == {table[1].split()[0]}
    found = json.loads(invoke("stories", "-f", "json", "--db", str(kb)).stdout)
    assert [c["headline"] for c in found[0]["copies"]] == [
        kbdata.NYT_HEADLINE,
        kbdata.COPY_HEADLINE,
    ]
    every = invoke("stories", "--min-size", "1", "-f", "jsonl", "--db", str(kb)).stdout
    assert len(every.splitlines()) == kbdata.ARTICLES  # one row per copy
    assert len({json.loads(line)["story_id"] for line in every.splitlines()}) == kbdata.ARTICLES - 1
    assert invoke("stories", "--min-size", "3", "--db", str(kb)).stdout == "(no stories)\n"


def test_export_parquet_file_and_csv_on_stdout(kb: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    result = invoke(
        "export", "--what", "events", "-f", "parquet", "-o", str(target), "--db", str(kb)
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.column_names == list(EVENT_COLUMNS)
    assert result.stderr == f"newsgraph: export: {table.num_rows} events to {target}\n"
    out = invoke("export", "--what", "entities", "-f", "csv", "--db", str(kb)).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["name"] == "Hamidreza Taraghi" for r in rows)
    refused = invoke("export", "--what", "events", "-f", "parquet", "--db", str(kb))
    assert refused.exit_code == 2
    assert refused.stderr == "newsgraph: error: parquet needs a file to write to (--output PATH)\n"
    wrong = invoke("export", "--what", "sentences", "--db", str(kb))
    assert wrong.exit_code == 2
