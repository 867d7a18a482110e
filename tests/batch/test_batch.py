"""Batch mode on Spark (local mode): the Parquet tables equal, record for
record, what ``analyze_articles`` gives for the same documents; errors are
rows; a second run replaces the first; ``newsgraph load`` is idempotent."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.article import parse_paths
from newsgraph.batch import TABLES, read_analyses, run_batch
from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.extract import analyze_articles
from newsgraph.model import Analysis

from ..conftest import DATA
from ..sources.test_warc import URL_A, URL_B, build_warc

pytestmark = pytest.mark.spark

SCRAPES = DATA / "scrapes"


def _table(output: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = output / name
    if not any(path.rglob("*.parquet")):
        return []
    part = ds.partitioning(pa.schema([("published", pa.string())]), flavor="hive")
    rows: list[dict[str, Any]] = (
        ds.dataset(str(path), format="parquet", partitioning=part).to_table().to_pylist()
    )
    return rows


def _snapshot(output: Path) -> dict[str, list[str]]:
    return {
        name: sorted(json.dumps(r, sort_keys=True) for r in _table(output, name)) for name in TABLES
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch-in")
    records = [
        {
            "url": "https://example.test/afp-paris",
            "published": "2024-03-04",
            "text": (SCRAPES / "afp-paris-slug.txt").read_text("utf-8"),
        },
        {
            "url": "https://example.test/nyt-iran",
            "published": "2023-09-18",
            "text": (DATA / "nyt-iran-prisoners.txt").read_text("utf-8"),
        },
        {
            "url": "https://example.test/ap-senate",
            "text": (SCRAPES / "ap-senate-stopgap.txt").read_text("utf-8"),
        },
    ]
    lines = [
        json.dumps(records[0]),
        json.dumps(records[1]),
        "{not json at all",
        json.dumps(records[2]),
    ]
    jsonl = folder / "articles.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = folder / "ap-court.txt"
    text.write_text((SCRAPES / "ap-court-obrien-mcdonald.txt").read_text("utf-8"), encoding="utf-8")
    # a crawl: 2 HTML pages, a redirect, a PDF (skipped), then a gzip member cut short
    crawl, _ = build_warc(gzip=True)
    one = io.BytesIO()
    writer = WARCWriter(one, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = b"<html><body><p>" + b"A page cut short. " * 200 + b"</p></body></html>"
    record = writer.create_warc_record(
        "https://news.example.org/cut", "response", payload=io.BytesIO(page), http_headers=http
    )
    writer.write_record(record)
    record.raw_stream.close()
    warc = folder / "crawl.warc.gz"
    warc.write_bytes(crawl + one.getvalue()[: len(one.getvalue()) // 2])
    (folder / "crawl.offset").write_text(str(len(crawl)))
    return [jsonl, text, warc]


@pytest.fixture(scope="module")
def runs(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One output folder, written twice (the second run over the first)."""
    output = tmp_path_factory.mktemp("batch-out") / "out"
    args = [str(p) for p in inputs[:2]] + [str(inputs[0].parent / "*.warc.gz")]
    first = run_batch(args, output, master="local[2]", partitions=2)
    snapshot = _snapshot(output)
    second = run_batch(args, output, master="local[2]", partitions=2)
    return {"output": output, "first": first, "second": second, "snapshot": snapshot}


@pytest.fixture(scope="module")
def expected(inputs: list[Path]) -> list[Analysis]:
    articles = (a for a in parse_paths([str(p) for p in inputs]) if not isinstance(a, InputError))
    return list(analyze_articles(articles))


def test_report(runs: dict[str, Any]) -> None:
    report = runs["first"]
    assert (report.files, report.articles, report.errors) == (3, 6, 2)
    assert report.rows["articles"] == 6


def test_tables_equal_analyze_articles(runs: dict[str, Any], expected: list[Analysis]) -> None:
    output = runs["output"]
    assert sorted(r["article_id"] for r in _table(output, "articles")) == sorted(
        a.article.id for a in expected
    )
    entities: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _table(output, "entities"):
        entities[row["article_id"]].append((row["name"], row["type"]))
    quotes: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for row in _table(output, "quotes"):
        quotes[row["article_id"]].append((row["text"], row["speaker"]))
    events: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _table(output, "events"):
        events[row["article_id"]].append((row["type"], row["cameo_code"]))
    times: dict[str, list[str]] = defaultdict(list)
    for row in _table(output, "times"):
        times[row["article_id"]].append(row["text"])
    mentions: dict[str, int] = defaultdict(int)
    for row in _table(output, "mentions"):
        mentions[row["article_id"]] += 1
    for analysis in expected:
        aid = analysis.article.id
        assert sorted(entities[aid]) == sorted((e.name, e.type) for e in analysis.entities)
        assert sorted(quotes[aid]) == sorted((q.text, q.speaker_name) for q in analysis.quotes)
        assert sorted(events[aid]) == sorted(
            (e.type, e.cameo_code or e.cameo) for e in analysis.events
        )
        assert sorted(times[aid]) == sorted(t.text for t in analysis.times)
        assert mentions[aid] == sum(len(e.mentions) for e in analysis.entities)
    assert sum(len(a.quotes) for a in expected) > 0
    assert sum(len(a.events) for a in expected) > 0


def test_records_rebuild_the_analyses(runs: dict[str, Any], expected: list[Analysis]) -> None:
    rebuilt = {a.article.id: a for a in read_analyses(runs["output"])}
    for analysis in expected:
        mine = rebuilt[analysis.article.id]
        mine_data = mine.model_dump(mode="json")
        theirs = analysis.model_dump(mode="json")
        for data in (mine_data, theirs):  # where it was read from: a path either way
            data["article"].pop("source")
        assert mine_data == theirs


def test_partitioned_by_publication_date(runs: dict[str, Any]) -> None:
    output = runs["output"]
    dates = {p.name for p in (output / "articles").iterdir() if p.is_dir()}
    assert {"published=2024-03-04", "published=2023-09-18"} <= dates
    rows = _table(output, "articles")
    assert all(r["published"] for r in rows)


def test_warc_pages_are_articles(runs: dict[str, Any]) -> None:
    rows = _table(runs["output"], "articles")
    assert {URL_A, URL_B} <= {r["url"] for r in rows}
    assert "https://news.example.org/report.pdf" not in {r["url"] for r in rows}


def test_bad_record_is_an_error_row(runs: dict[str, Any], inputs: list[Path]) -> None:
    errors = {Path(r["input"]).suffix: r for r in _table(runs["output"], "errors")}
    assert len(errors) == 2
    warc = errors[".gz"]
    offset = (inputs[2].parent / "crawl.offset").read_text()
    assert warc["location"] == f"{inputs[2].resolve()}@{offset}"
    assert "broken WARC record" in warc["reason"]
    error = errors[".jsonl"]
    assert error["location"] == f"{inputs[0].resolve()}:3"
    assert error["input"] == str(inputs[0].resolve())
    assert "malformed JSON" in error["reason"]
    assert error["stage"] == "read"


def test_second_run_same_rows(runs: dict[str, Any]) -> None:
    assert _snapshot(runs["output"]) == runs["snapshot"]
    assert runs["second"].rows == runs["first"].rows


def test_load_twice(runs: dict[str, Any], tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    first = runner.invoke(app, ["load", str(runs["output"]), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 6" in first.output
    second = runner.invoke(app, ["load", str(runs["output"]), "--db", db])
    assert second.exit_code == 0, second.output
    assert "stored 0" in second.output and "duplicates 6" in second.output


def test_cli_no_input_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "nothing-here.jsonl"), "--output", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "no input files" in result.output


def test_a_retried_task_writes_no_duplicates(
    runs: dict[str, Any], inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write task fails once mid-way (after its first row) and Spark
    retries it (local[2,3]: three attempts): the output equals a clean run's."""
    from newsgraph.batch.job import FAULT_ENV

    monkeypatch.setenv(FAULT_ENV, "write")
    output = tmp_path / "out"
    args = [str(p) for p in inputs[:2]] + [str(inputs[0].parent / "*.warc.gz")]
    report = run_batch(args, output, master="local[2,3]", partitions=2)
    assert report.rows == runs["first"].rows
    assert _snapshot(output) == runs["snapshot"]


def test_load_skips_a_corrupt_record_and_stores_the_rest(
    runs: dict[str, Any], tmp_path: Path
) -> None:
    """A batch output with one article record spoiled (issue 16, item 4):
    `load` reports it in one line, stores the other five, exit 1."""
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    output = tmp_path / "out"
    shutil.copytree(runs["output"], output)
    target = sorted((output / "articles").rglob("*.parquet"))[0]
    table = pq.read_table(target)
    records = table.column("record").to_pylist()
    records[0] = "[" * 100_000  # nested past what JSON can read
    spoiled = table.set_column(
        table.schema.get_field_index("record"), "record", pa.array(records, pa.string())
    )
    pq.write_table(spoiled, target)
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(app, ["load", str(output), "--db", db])
    assert result.exit_code == 1, result.output
    assert "stored 5" in result.output and "failed 1" in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("newsgraph: error:")]
    assert len(errors) == 1 and "unreadable article record" in errors[0]
