"""The monitoring verbs as a user runs them: `watch --once` stores a feed's
items and sends an alert exactly once; `alert add|list|remove`; `sources`;
feed files and http(s) URLs as inputs of `parse` and `ingest`; SIGTERM
finishes cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from newsgraph.cli.app import app
from newsgraph.store.db import open_database
from newsgraph.store.schema import ArticleRow

from ..cli.run import newsgraph
from .site import Site, posted, publish, rss, verify


class Ran:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def inproc(*args: str, cwd: Path) -> Ran:
    """A verb run in this process (the spaCy pipeline loaded once for all)."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(here)
    return Ran(result.exit_code, result.stdout, result.stderr)


def keys(db: Path) -> set[str]:
    engine = open_database(str(db))
    with Session(engine) as session:
        found = set(session.execute(select(ArticleRow.key)).scalars())
    engine.dispose()
    return found


def test_cli_watch_once_stores_the_feed_and_alerts_exactly_once(
    site: Site, hooks: Site, tmp_path: Path
) -> None:
    db = tmp_path / "kb.db"
    feed = site.url("/feed.xml")
    publish(site, "/feed.xml", ["gershkovich", "rates"])
    added = inproc(
        "alert",
        "add",
        "evan",
        "--entity",
        "Evan Gershkovich",
        "--webhook",
        hooks.url("/hook"),
        "--secret",
        "k3y",
        "--db",
        str(db),
        cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    first = newsgraph("watch", feed, "--db", str(db), "--once", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert keys(db) == {site.url("/news/gershkovich"), site.url("/news/rates")}
    assert "new 2, seen 0, failed 0" in first.stderr
    (body,) = posted(hooks, "/hook")
    assert body["article"]["url"] == site.url("/news/gershkovich")
    assert verify("k3y", hooks.requests("/hook", "POST")[0])

    publish(site, "/feed.xml", ["gershkovich", "rates", "harvest"])
    second = inproc("watch", feed, "--db", str(db), "--once", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "new 1, seen 2, failed 0" in second.stderr
    assert len(posted(hooks, "/hook")) == 1  # exactly once

    listed = inproc("alert", "list", "--db", str(db), "--format", "json", cwd=tmp_path)
    (rule,) = json.loads(listed.stdout)
    assert (rule["name"], rule["matches"], rule["delivered"], rule["has_secret"]) == (
        "evan",
        1,
        1,
        True,
    )
    assert "k3y" not in listed.stdout
    shown = inproc("sources", "--db", str(db), "--format", "json", cwd=tmp_path)
    (source,) = json.loads(shown.stdout)
    assert (source["url"], source["items"], source["last_status"]) == (feed, 3, 200)
    removed = inproc("alert", "remove", "evan", "--db", str(db), cwd=tmp_path)
    assert removed.returncode == 0
    again = inproc("alert", "remove", "evan", "--db", str(db), cwd=tmp_path)
    assert again.returncode == 1 and "no alert called 'evan'" in again.stderr


def test_cli_watch_names_bad_sources(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("- url: gopher://x\n", encoding="utf-8")
    done = newsgraph("watch", "sources.yaml", "--db", "kb.db", "--once", cwd=tmp_path)
    assert done.returncode == 2
    assert "sources.yaml: source 1: url 'gopher://x' is not an http(s) URL" in done.stderr
    assert not (tmp_path / "kb.db").exists()


def test_cli_parse_and_ingest_read_feed_files_and_urls(site: Site, tmp_path: Path) -> None:
    publish(site, "/feed.xml", ["election"])
    site.set(
        "/local.xml",
        rss([{"title": "Local", "link": "http://x.example/1", "summary": "A short item."}]),
    )
    (tmp_path / "feed.xml").write_text(
        rss(
            [
                {
                    "title": "Harvest",
                    "link": "http://x.example/h",
                    "summary": "Farmers in central Ukraine expect a record wheat harvest.",
                }
            ]
        ),
        encoding="utf-8",
    )
    parsed = inproc("parse", "feed.xml", "--format", "jsonl", cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    article = json.loads(parsed.stdout)
    assert (article["headline"], article["url"]) == ("Harvest", "http://x.example/h")
    fetched = inproc("parse", site.url("/news/election"), "--format", "jsonl", cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stderr
    assert json.loads(fetched.stdout)["headline"] == "Voters head to the polls in Lagos"
    missing = inproc("parse", site.url("/nothing"), cwd=tmp_path)
    assert missing.returncode == 2 and f"{site.url('/nothing')}: HTTP 404" in missing.stderr
    db = tmp_path / "kb.db"
    stored = inproc(
        "ingest", site.url("/feed.xml"), "feed.xml", "--db", str(db), "--no-analyse", cwd=tmp_path
    )
    assert stored.returncode == 0, stored.stderr
    assert keys(db) == {site.url("/news/election"), "http://x.example/h"}


def test_cli_watch_stops_cleanly_on_sigterm(site: Site, tmp_path: Path) -> None:
    publish(site, "/feed.xml", ["rates"])
    env = dict(os.environ, NEWSGRAPH_FETCH_DELAY="0")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "watch",
            site.url("/feed.xml"),
            "--db",
            "kb.db",
            "--interval",
            "1h",
        ],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "cycle 1" in line:
            break
    process.send_signal(signal.SIGTERM)
    rest = process.communicate(timeout=30)[1]
    assert process.returncode == 0, "".join(lines) + rest
    assert "SIGTERM: finishing the article in hand, then stopping" in rest
    assert "stopped" in rest
    assert keys(tmp_path / "kb.db") == {site.url("/news/rates")}
