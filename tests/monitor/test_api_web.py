"""Alerts and followed sources over HTTP: the API's endpoints (writes
guarded as the other writes are), the Atom feed per alert, the /alerts
page (escaped, same-origin writes); no secret ever leaves."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from newsgraph.runs import ingest
from newsgraph.server import create_app
from newsgraph.store import alerts, feeds
from newsgraph.store.db import open_database

from ..conftest import DATA

ATOM = "{http://www.w3.org/2005/Atom}"
TEST_HOSTS = ["testserver"]  # the TestClient's host name: allowed in the tests only
LOOPBACK = ("127.0.0.1", 50000)  # a client on this machine (writes without a token)
SECRET = "very-secret-value"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = open_database(str(tmp_path_factory.mktemp("alerts-api") / "kb.db"))
    alerts.add_rule(
        engine,
        alerts.RuleSpec(
            "taraghi <b>",
            speaker="Taraghi",
            webhook="https://user:pw@hooks.example/h?token=t0k",
            secret=SECRET,
        ),
    )
    ingest([str(DATA / "nyt-iran-prisoners.txt")], engine, analyse_articles=True)
    feeds.ensure_source(engine, "http://feeds.example/rss", outlet="Example")
    return engine


def test_api_alerts_list_feed_and_matches(kb: Engine) -> None:
    client = TestClient(create_app(kb, allowed_hosts=TEST_HOSTS), client=LOOPBACK)
    listed = client.get("/api/v1/alerts")
    assert listed.status_code == 200
    (rule,) = listed.json()["items"]
    assert rule["matches"] == 1 and rule["has_secret"] is True
    assert rule["webhook"] == "https://user:***@hooks.example/h?…"
    for path in (
        "/api/v1/alerts",
        f"/api/v1/alerts/{rule['id']}/matches",
        f"/api/v1/alerts/{rule['id']}/feed",
        "/alerts",
    ):
        text = client.get(path).text
        assert SECRET not in text and "t0k" not in text and ":pw@" not in text, path
    matches = client.get(f"/api/v1/alerts/{rule['id']}/matches").json()["items"]
    assert matches[0]["headline"].startswith("Iran Plays Down")
    assert any("old news" in f["text"] for f in matches[0]["facts"])
    feed = client.get(f"/api/v1/alerts/{rule['id']}/feed")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "newsgraph alert: taraghi <b>"
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title").startswith("Iran Plays Down")
    assert "old news" in entry.findtext(f"{ATOM}summary")
    assert client.get("/api/v1/alerts/nothing/feed").status_code == 404
    (source,) = client.get("/api/v1/sources").json()["items"]
    assert (source["url"], source["outlet"], source["items"]) == (
        "http://feeds.example/rss",
        "Example",
        0,
    )
    assert "etag" not in source


def test_api_alert_writes_follow_the_write_rules(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "kb.db"))
    body = {
        "name": "evan",
        "entity": "Evan Gershkovich",
        "webhook": "http://127.0.0.1:9/h",
        "secret": SECRET,
    }
    locked = TestClient(create_app(engine, token="t", allowed_hosts=TEST_HOSTS), client=LOOPBACK)
    assert locked.post("/api/v1/alerts", json=body).status_code == 401
    assert (
        TestClient(create_app(engine, local=False, allowed_hosts=TEST_HOSTS), client=LOOPBACK)
        .post("/api/v1/alerts", json=body)
        .status_code
        == 403
    )
    made = locked.post("/api/v1/alerts", json=body, headers={"Authorization": "Bearer t"})
    assert made.status_code == 200 and SECRET not in made.text and made.json()["has_secret"]
    assert (
        locked.post(
            "/api/v1/alerts", json={"name": "bad"}, headers={"Authorization": "Bearer t"}
        ).status_code
        == 400
    )
    assert locked.delete("/api/v1/alerts/evan").status_code == 401
    assert (
        locked.delete("/api/v1/alerts/evan", headers={"Authorization": "Bearer t"}).status_code
        == 200
    )
    assert alerts.list_rules(engine) == []
    engine.dispose()


def test_web_alerts_page_escapes_and_guards_writes(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "kb.db"))
    client = TestClient(
        create_app(engine, allowed_hosts=TEST_HOSTS),
        client=LOOPBACK,
        base_url="http://testserver",
        follow_redirects=False,
    )
    form = {
        "name": "<script>x</script>",
        "query": "sanctions",
        "webhook": "http://127.0.0.1:9/h",
        "secret": SECRET,
    }
    refused = client.post("/alerts", data=form, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and alerts.list_rules(engine) == []
    made = client.post("/alerts", data=form, headers={"Origin": "http://testserver"})
    assert made.status_code == 303
    shown = client.get("/alerts").text
    assert "&lt;script&gt;x&lt;/script&gt;" in shown and "<script>x" not in shown
    assert SECRET not in shown and "(signed)" in shown
    (rule,) = alerts.list_rules(engine)
    assert (
        client.post(
            f"/alerts/{rule.id}/remove", headers={"Referer": "http://evil.example/"}
        ).status_code
        == 403
    )
    gone = client.post(f"/alerts/{rule.id}/remove", headers={"Origin": "http://testserver"})
    assert gone.status_code == 303 and alerts.list_rules(engine) == []
    remote = TestClient(create_app(engine, local=False, allowed_hosts=TEST_HOSTS), client=LOOPBACK)
    assert (
        remote.post("/alerts", data=form, headers={"Origin": "http://testserver"}).status_code
        == 403
    )
    engine.dispose()
