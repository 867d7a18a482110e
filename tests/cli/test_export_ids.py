"""One article id everywhere: the articles, mentions, quotes and events
exports give every row the article's own id (``article_id``, the same type
and value in each) and its ``story_id``; two reprints of one story with
different headlines are two articles; ``--one-per-story`` keeps one copy."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .run import newsgraph

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "nyt-iran-prisoners.txt"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ids")
    text = EXAMPLE.read_text(encoding="utf-8")
    records = [  # one wire story under two headlines: a reprint
        {"headline": "Iran says jailed Americans may be freed", "text": text.split("\n", 1)[1]},
        {"headline": "Tehran hints at a prisoner deal", "text": text.split("\n", 1)[1]},
    ]
    (folder / "wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    done = newsgraph("ingest", "wire.jsonl", "--db", "kb.db", "--date", "2018-01-11", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def rows(kb: Path, what: str, *extra: str) -> list[dict]:
    done = newsgraph("export", "--what", what, "--format", "jsonl", "--db", "kb.db", *extra, cwd=kb)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_reprints_with_other_headlines_are_two_articles_of_one_story(kb):
    articles = rows(kb, "articles")
    ids = [a["article_id"] for a in articles]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(isinstance(i, str) and len(i) == 16 for i in ids)
    assert len({a["story_id"] for a in articles}) == 1 and articles[0]["story_id"]


@pytest.mark.parametrize("what", ["mentions", "quotes", "events"])
def test_every_row_carries_the_articles_own_id_and_story(kb, what):
    articles = {a["article_id"]: a["story_id"] for a in rows(kb, "articles")}
    found = rows(kb, what)
    assert found, what
    for row in found:
        assert row["article_id"] in articles  # same type, same value
        assert row["story_id"] == articles[row["article_id"]]


def test_csv_and_parquet_give_the_same_ids(kb):
    done = newsgraph("export", "--what", "quotes", "-f", "csv", "--db", "kb.db", cwd=kb)
    in_csv = {r["article_id"] for r in csv.DictReader(io.StringIO(done.stdout))}
    assert in_csv == {a["article_id"] for a in rows(kb, "articles")}
    out = kb / "events.parquet"
    assert (
        newsgraph(
            "export", "--what", "events", "-f", "parquet", "-o", str(out), "--db", "kb.db", cwd=kb
        ).returncode
        == 0
    )
    table = pq.read_table(out)
    assert str(table.schema.field("article_id").type) == "string"
    assert set(table.column("article_id").to_pylist()) <= set(in_csv)


def test_one_per_story_counts_reprints_once(kb):
    for what in ("articles", "quotes", "events", "mentions"):
        every = rows(kb, what)
        once = rows(kb, what, "--one-per-story")
        assert len({r["article_id"] for r in once}) == 1, what
        assert 0 < len(once) < len(every), what
