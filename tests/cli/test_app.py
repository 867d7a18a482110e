"""The `newsgraph` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from newsgraph.cli import app

from ..conftest import EXAMPLES, ROOT

VERBS = [
    "parse",
    "analyze",
    "schema",
    "events",
    "ingest",
    "eval",
    "eval events",
    "eval extraction",
    "eval ner",
    "eval quotes",
    "eval timex",
]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("newsgraph ")


@pytest.mark.parametrize("verb", VERBS)
def test_cli_help_on_every_verb(verb):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*verb.split(), "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_cli_parse_help_documents_exit_status():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["parse", "--help"])
    assert "Exit status" in result.output and "2 when none parsed" in result.output


def test_cli_parse_json_is_the_expected_article_block(shared_example):
    result = run("parse", str(shared_example), "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    want = yaml.safe_load(shared_example.with_suffix(".expected.yaml").read_text("utf-8"))[
        "article"
    ]
    for key in ("section", "headline", "authors", "outlet", "dateline", "published", "copyright"):
        assert article[key] == want[key], key
    assert len(article["paragraphs"]) == 10
    assert article["text"] == "\n\n".join(article["paragraphs"])


def test_cli_parse_date_option(shared_example):
    result = run("parse", str(shared_example), "--format", "jsonl", "--date", "2018-01-11")
    assert json.loads(result.stdout)["published"] == "2018-01-11"


def test_cli_parse_examples_all_formats():
    result = run("parse", "examples", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    sources = {a["source"].split("/")[-1].split(" ")[0] for a in articles}
    assert {"nyt-iran-prisoners.txt", "bbc-election.html", "feed.jsonl"} <= sources
    assert len(articles) == len(list(EXAMPLES.glob("*.txt"))) + 1 + 3
    many = json.loads(run("parse", "examples", "--format", "json").stdout)
    assert isinstance(many, list) and len(many) == len(articles)
    text = run("parse", "examples/nyt-iran-prisoners.txt").stdout
    assert "authors:    Thomas Erdbrink" in text and "TEHRAN, Iran — An Iranian" in text


def test_cli_parse_stdin():
    story = (EXAMPLES / "nyt-iran-prisoners.txt").read_bytes()
    result = run("parse", "-", "--format", "jsonl", stdin=story)
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_cli_parse_some_inputs_failed_exit_1(tmp_path):
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"text": "A story that has enough words to be an article."}\n{"text": oops}\n')
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("parse", str(bad), str(empty), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: error:")]
    assert errors == [
        f"newsgraph: error: {bad}:2: malformed JSON: Expecting value: line 1 column 10 (char 9)",
        f"newsgraph: error: {empty}: empty file",
        f"newsgraph: error: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert "parsed 1 of 4 inputs; 3 failed" in result.stderr


def test_cli_parse_nothing_parsed_exit_2(tmp_path):
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = run("parse", str(page))
    assert result.returncode == 2
    assert f"{page}: no article text" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["parse"],
        ["parse", "examples", "--date", "11/01/2018"],
        ["parse", "examples", "--format", "xml"],
        ["parse", "examples", "--input-format", "pdf"],
        ["schema", "nothing"],
        ["frobnicate"],
    ],
)
def test_cli_bad_arguments_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.strip()


def test_cli_schema_is_json_schema_of_the_contract():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) >= {"article", "entities", "quotes", "times", "events"}
    article = json.loads(run("schema", "article").stdout)
    assert set(article["properties"]) >= {
        "id",
        "url",
        "source",
        "outlet",
        "section",
        "headline",
        "authors",
        "dateline",
        "published",
        "copyright",
        "paragraphs",
        "text",
    }


def test_cli_input_formats_are_the_readers():
    from newsgraph.cli.options import InputFormat
    from newsgraph.sources import FORMATS

    assert tuple(f.value for f in InputFormat) == FORMATS


def test_cli_analyze_example_with_and_without_date(shared_example):
    result = run("analyze", str(shared_example), "--format", "json", "--date", "2018-01-11")
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert set(analysis) >= {"article", "entities", "quotes", "times", "events"}
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    direct = [q for q in analysis["quotes"] if q["kind"] in {"direct", "partial"}]
    assert len(direct) == 5 and {names[q["speaker"]] for q in direct} == {"Hamidreza Taraghi"}
    values = {t["text"]: t["value"] for t in analysis["times"]}
    assert values["last summer"] == "2017-SU" and values["last May"] == "2017-05"
    undated = json.loads(run("analyze", str(shared_example), "--format", "json").stdout)
    values = {t["text"]: t["value"] for t in undated["times"]}
    assert values["last summer"] is None and values["October 2016"] == "2016-10"
    text = run("analyze", str(shared_example)).stdout
    assert "Hamidreza Taraghi" in text and "quotes (" in text and "times (" in text
    assert "events (" in text and "diplomats from Oman [OMNGOV] -> Iran [IRN]" in text


def test_cli_analyze_bad_input_and_model(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("analyze", str(empty))
    assert result.returncode == 2 and f"{empty}: empty file" in result.stderr
    result = run("analyze", "examples/nyt-iran-prisoners.txt", "--model", "no_such_model_xyz")
    assert result.returncode == 2
    assert "no_such_model_xyz" in result.stderr and "Traceback" not in result.stderr


def test_cli_events_table_csv_jsonl(shared_example, tmp_path):
    import csv
    import io

    from newsgraph.model.rows import EVENT_COLUMNS

    args = ("events", str(shared_example), "--date", "2018-01-11")
    table = run(*args)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:4] == ["date", "source", "target", "type"]
    assert any("OMNGOV" in line and "Kish" in line for line in table.stdout.splitlines())
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert rows and list(rows[0]) == list(EVENT_COLUMNS)
    vienna = [r for r in rows if r["place"] == "Vienna"]
    assert vienna and vienna[0]["type"] == "CONSULT" and vienna[0]["date"] == "2017-05"
    assert vienna[0]["country"] == "AUT" and abs(float(vienna[0]["lat"]) - 48.21) < 0.1
    lines = run(*args, "--format", "jsonl", "--min-confidence", "0.5").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(rows) - 1  # the inferred-target THREATEN (0.4) left out
    assert all(r["confidence"] >= 0.5 for r in records)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("events", str(empty), str(shared_example))
    assert result.returncode == 1 and f"{empty}: empty file" in result.stderr


def test_cli_ingest_then_query_events(tmp_path):
    db = tmp_path / "kb.db"
    first = run("ingest", "examples", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "duplicates 0, failed 0" in first.stderr
    again = run("ingest", "examples", "--db", str(db))
    assert again.returncode == 0 and "stored 0 (replaced 0)" in again.stderr
    rows = run(
        "events",
        "--db",
        str(db),
        "--source",
        "IRN",
        "--target",
        "USA",
        "--type",
        "REJECT",
        "-f",
        "jsonl",
    )
    assert rows.returncode == 0, rows.stderr
    records = [json.loads(line) for line in rows.stdout.splitlines()]
    assert [(r["source_code"], r["target_code"], r["type"]) for r in records] == [
        ("IRN", "USAGOV", "REJECT")
    ]
    assert "would never enter into discussions" in records[0]["sentence"]


def test_cli_ingest_reports_failures_in_a_rejects_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "nyt-iran-prisoners.txt").read_text("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    rejects = tmp_path / "rejects.tsv"
    result = run("ingest", str(folder), "--db", str(tmp_path / "kb.db"), "--rejects", str(rejects))
    assert result.returncode == 1
    assert f"{folder / 'empty.txt'}: empty file" in result.stderr
    assert rejects.read_text().startswith(f"{folder / 'empty.txt'}\t")


def test_cli_ingest_and_queries_refuse_a_bad_database(tmp_path):
    missing = tmp_path / "no" / "such" / "folder" / "kb.db"
    result = run("ingest", "examples", "--db", str(missing))
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    query = run("events", "--db", str(tmp_path / "absent.db"))
    assert query.returncode == 2 and "no knowledge base here" in query.stderr
    assert not (tmp_path / "absent.db").exists()


def test_cli_serve_with_two_workers_runs_two_server_processes(tmp_path):
    import socket
    import time
    import urllib.request
    from pathlib import Path

    db = tmp_path / "kb.db"
    assert run("ingest", "examples/nyt-iran-prisoners.txt", "--db", str(db)).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as answer:
                    assert json.load(answer)["status"] == "ok"
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("the server did not answer")

        def children(pid: int) -> list[int]:
            found = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    found.append(int(stat.parent.name))
            return found

        workers = [
            c
            for c in children(server.pid)
            if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()
        ]
        assert len(workers) == 2, children(server.pid)
    finally:
        server.terminate()
        server.communicate(timeout=30)
