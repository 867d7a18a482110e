"""The JSON API, in process (Starlette's TestClient: httpx over the ASGI
app), on a real knowledge base: the example article and a malicious one."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from newsgraph.model.http import MAX_BODY
from newsgraph.runs import ingest
from newsgraph.server import create_app
from newsgraph.store.db import open_database

from ..conftest import DATA

EVIL = {
    "url": "https://evil.example/x",
    "title": "Evil <script>alert(1)</script> headline",
    "text": "Iran rejected talks with the United States on Monday. <script>alert(1)</script> "
    "<img src=x onerror=alert(2)> [click](javascript:alert(3))",
    "published": "2020-01-02",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("api")
    feed = folder / "evil.jsonl"
    feed.write_text(json.dumps(EVIL) + "\n")
    opened = open_database(str(folder / "kb.db"))
    ingest([str(DATA / "nyt-iran-prisoners.txt")], opened, date=dt.date(2018, 1, 11))
    ingest([str(feed)], opened)
    yield opened
    opened.dispose()


TEST_HOSTS = ["testserver"]
"""The TestClient's host name: allowed in the tests only, never by default."""
LOOPBACK = ("127.0.0.1", 50000)


def make(engine: Engine, *, client: tuple[str, int] = LOOPBACK, **options: Any) -> TestClient:
    """A client of the whole app, from this machine unless ``client`` says
    otherwise."""
    options.setdefault("allowed_hosts", TEST_HOSTS)
    return TestClient(create_app(engine, **options), raise_server_exceptions=True, client=client)


@pytest.fixture(scope="module")
def api(engine: Engine) -> TestClient:
    return make(engine)


def error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return str(body["error"]["message"])


def nyt_id(api: TestClient) -> int:
    [hit] = [h for h in api.get("/api/v1/search", params={"q": "back-channel"}).json()["items"]]
    return int(hit["article"])


def test_health_and_openapi(api):
    assert api.get("/api/v1/health").json()["status"] == "ok"
    spec = api.get("/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/events", "/api/v1/analyze"} <= set(spec["paths"])
    docs = api.get("/docs")
    assert docs.status_code == 200 and "GET /api/v1/events" in docs.text
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()


def test_articles_page_with_stable_paging(api):
    first = api.get("/api/v1/articles", params={"limit": 1}).json()
    assert first["total"] == 2 and first["next_offset"] == 1
    second = api.get("/api/v1/articles", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert first["items"][0]["published"] >= second["items"][0]["published"]  # newest first
    assert api.get("/api/v1/articles", params={"limit": 1}).json() == first  # stable
    beyond = api.get("/api/v1/articles", params={"offset": 50}).json()
    assert beyond["items"] == [] and beyond["total"] == 2
    only = api.get("/api/v1/articles", params={"since": "2019", "outlet": "evil"}).json()
    assert only["total"] == 0
    typed = api.get("/api/v1/articles", params={"type": "REJECT"}).json()
    assert typed["total"] == 2


def test_article_with_its_analysis(api):
    article = api.get(f"/api/v1/articles/{nyt_id(api)}").json()
    text = article["article"]["text"]
    taraghi = [e for e in article["entities"] if e["name"] == "Hamidreza Taraghi"]
    assert taraghi and all(text[m["start"] : m["end"]] == m["text"] for m in taraghi[0]["mentions"])
    assert {q["speaker"] for q in article["quotes"] if q["kind"] == "direct"} == {taraghi[0]["id"]}
    assert {e["type"] for e in article["events"]} >= {"REJECT", "CONSULT", "COERCE"}
    assert any(t["value"] == "2017-05" for t in article["times"])
    assert error(api.get("/api/v1/articles/99999"), 404) == "no article 99999"


def test_search_entities_quotes_events_stories(api):
    hits = api.get("/api/v1/search", params={"q": "back-channel talks"}).json()["items"]
    assert hits and "[" in hits[0]["snippet"]
    [found] = api.get("/api/v1/entities", params={"q": "Taraghi"}).json()["items"]
    profile = api.get(f"/api/v1/entities/{found['id']}").json()
    assert profile["name"] == "Hamidreza Taraghi" and profile["quotes"]
    assert error(api.get("/api/v1/entities/99999"), 404) == "no entity 99999"
    quotes = api.get("/api/v1/quotes", params={"speaker": "Taraghi", "limit": 2}).json()["items"]
    assert len(quotes) == 2
    events = api.get("/api/v1/events", params={"source": "IRN", "target": "USA", "type": "REJECT"})
    rows = events.json()["items"]
    assert {(r["source_code"], r["type"]) for r in rows} == {("IRN", "REJECT")}
    vienna = api.get("/api/v1/events", params={"place": "Vienna"}).json()["items"]
    assert [r["type"] for r in vienna] == ["CONSULT"]
    assert api.get("/api/v1/stories", params={"min_size": 1}).json()["items"]


@pytest.mark.parametrize(
    ("url", "params", "problem"),
    [
        ("/api/v1/articles", {"since": "last week"}, "since"),
        ("/api/v1/articles", {"limit": 0}, "limit"),
        ("/api/v1/articles", {"limit": 1000}, "limit"),
        ("/api/v1/articles", {"offset": -1}, "offset"),
        ("/api/v1/search", {}, "q"),
        ("/api/v1/events", {"until": "2017-13-45x"}, "until"),
        ("/api/v1/articles/abc", {}, "article_id"),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(api, url, params, problem):
    assert problem in error(api.get(url, params=params), 422)


def test_search_with_hostile_text_is_safe(api):
    for text in ['"; DROP TABLE articles; --', "NEAR(", '"unbalanced', "<script>"]:
        assert api.get("/api/v1/search", params={"q": text}).status_code == 200
    assert api.get("/api/v1/articles").json()["total"] == 2


def test_untrusted_content_is_data_not_markup(api):
    hits = api.get("/api/v1/search", params={"q": "alert"}).json()["items"]
    article = api.get(f"/api/v1/articles/{hits[0]['article_id']}").json()["article"]
    assert "<script>alert(1)</script>" in article["text"]  # kept as text; the web UI escapes it
    assert (
        api.get(f"/api/v1/articles/{hits[0]['article_id']}")
        .headers["content-type"]
        .startswith("application/json")
    )


def test_analyze_without_storing(api):
    body = {"text": "Iran rejected talks with the United States, officials said on Monday."}
    result = api.post("/api/v1/analyze", json=body | {"date": "2024-03-14"}).json()
    assert [(e["type"], e["source"]["code"]) for e in result["events"]] == [("REJECT", "IRN")]
    assert "stored" not in result
    assert api.get("/api/v1/articles").json()["total"] == 2
    assert "exactly one" in error(api.post("/api/v1/analyze", json={}), 422)
    html = "<html><body><article><p>" + body["text"] + "</p></article></body></html>"
    assert api.post("/api/v1/analyze", json={"html": html}).json()["events"]
    assert "date" in error(api.post("/api/v1/analyze", json=body | {"date": "soon"}), 422)


def test_request_size_limit(api):
    huge = {"text": "x" * (MAX_BODY + 10)}
    assert "over" in error(api.post("/api/v1/analyze", json=huge), 413)


def test_writes_need_the_token_or_localhost(engine, tmp_path):
    body = {"text": "Chile protested against Peru on Friday.", "store": True}
    exposed = make(engine, local=False)
    assert "NEWSGRAPH_TOKEN" in error(exposed.post("/api/v1/analyze", json=body), 403)
    assert error(exposed.delete("/api/v1/articles/1"), 403)
    guarded = make(engine, token="s3cret", local=False)
    assert "Bearer" in error(guarded.delete("/api/v1/articles/99999"), 401)
    wrong = {"Authorization": "Bearer nope"}
    assert error(guarded.post("/api/v1/entities/1/merge", json={"gone": 2}, headers=wrong), 401)
    good = {"Authorization": "Bearer s3cret"}
    assert error(guarded.delete("/api/v1/articles/99999", headers=good), 404)


def test_store_merge_split_delete_on_localhost(tmp_path):
    engine = open_database(str(tmp_path / "kb.db"))
    api = make(engine)
    text = "Hamidreza Taraghi said Iran rejected talks. H. Taraghi, an adviser, spoke in Tehran."
    stored = api.post(
        "/api/v1/analyze", json={"text": text, "store": True, "url": "https://a.example/1"}
    )
    assert stored.json()["stored"] == "stored"
    assert (
        api.post(
            "/api/v1/analyze", json={"text": text, "store": True, "url": "https://a.example/1"}
        ).json()["stored"]
        == "duplicate"
    )
    [article] = api.get("/api/v1/articles").json()["items"]
    people = [
        e
        for e in api.get(f"/api/v1/articles/{article['id']}").json()["entities"]
        if e["type"] == "PERSON"
    ]
    if len(people) == 2:
        keep, gone = people[0]["id"], people[1]["id"]
        assert (
            api.post(f"/api/v1/entities/{keep}/merge", json={"gone": gone}).json()["merged"] == gone
        )
        assert "no such entity" in error(
            api.post(f"/api/v1/entities/{keep}/merge", json={"gone": gone}), 400
        )
    assert api.delete(f"/api/v1/articles/{article['id']}").json() == {"deleted": article["id"]}
    assert api.get("/api/v1/articles").json()["total"] == 0
    engine.dispose()


def test_a_database_that_goes_away_is_a_503_not_a_crash(tmp_path):
    engine = open_database(str(tmp_path / "kb.db"))
    api = make(engine)
    (tmp_path / "kb.db").unlink()
    for leftover in tmp_path.glob("kb.db-*"):
        leftover.unlink()
    engine.dispose()
    assert "no such table" in error(api.get("/api/v1/articles"), 503)
