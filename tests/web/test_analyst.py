"""The analyst's pages and endpoints, in process (httpx over the ASGI app)
on a knowledge base of the example articles: quote search (page, API,
download), the entity finder and possible duplicates (with the write rules
of merge and split), downloads of every list page, trends, network exports
and the cache keyed on the knowledge base's version."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from newsgraph.runs import ingest
from newsgraph.server import create_app
from newsgraph.store.db import open_database
from newsgraph.store.read import QUOTE_COLUMNS, find, quotes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEST_HOSTS = ["testserver"]  # the test client's host name: allowed in the tests only


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    opened = open_database(str(tmp_path_factory.mktemp("analyst") / "kb.db"))
    paths = ["nyt-iran-prisoners.txt", "reuters-ukraine-grain.txt", "ap-senate-vote.txt"]
    report = ingest([str(EXAMPLES / p) for p in paths], opened, date=dt.date(2018, 1, 11))
    assert report.failed == 0, report.rejects
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def app(engine: Engine) -> Any:
    return create_app(engine, allowed_hosts=TEST_HOSTS)


def call(app: Any, method: str, path: str, **options: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, path, **options)

    return asyncio.run(go())


def ok(app: Any, path: str) -> httpx.Response:
    response = call(app, "GET", path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response


HAND_COUNT = 2
"""What Taraghi said about talks in examples/nyt-iran-prisoners.txt, counted
by hand: paragraph 3 (he said he had given interviews about attempts "to
arrange secret talks on prisoners") and paragraph 5 ("so what is the use of
new talks anyway?" he said). His other quotes (paragraphs 4, 8, 9) do not
speak of talks; the headline's "Talks" and other people's words are no
quotes of his."""


def test_quote_search_by_speaker_and_topic_matches_a_hand_count(app: Any, engine: Engine) -> None:
    found = list(quotes(engine, speaker="Taraghi", text="talks", limit=None))
    assert len(found) == HAND_COUNT, [q.text for q in found]
    assert {q.speaker for q in found} == {"Hamidreza Taraghi"}
    assert all("talks" in q.text for q in found)
    assert len(list(quotes(engine, speaker="Taraghi", limit=None))) > HAND_COUNT
    body = ok(app, "/api/v1/quotes?speaker=Taraghi&text=talks").json()
    assert [q["quote_id"] for q in body["items"]] == [q.quote_id for q in found]
    html = ok(app, "/quotes?speaker=Taraghi&text=talks").text
    assert f'<span class="count" id="quote-total">{HAND_COUNT}</span>' in html
    assert f"/articles/{found[0].article}#quote-{found[0].local_id}" in html
    article = ok(app, f"/articles/{found[0].article}").text
    assert f'id="quote-{found[0].local_id}"' in article


def test_quotes_api_refuses_a_bad_kind(app: Any) -> None:
    assert call(app, "GET", "/api/v1/quotes?kind=shouted").status_code == 422
    assert ok(app, "/api/v1/quotes?kind=direct").json()["items"]


def test_quotes_page_groups_by_speaker_and_escapes(app: Any) -> None:
    html = ok(app, "/quotes?text=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert" not in html
    html = ok(app, "/quotes").text
    assert 'class="speaker-group"' in html and "/download/quotes?format=csv" in html


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize(
    ("path", "column"),
    [
        ("/download/quotes?", "quote_id"),
        ("/download/search?q=talks&", "article_id"),
        ("/download/events?", "event_id"),
        ("/download/entities?q=a&", "name"),
    ],
)
def test_downloads_read_back(app: Any, path: str, column: str, fmt: str) -> None:
    response = ok(app, f"{path}format={fmt}")
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
    assert rows and column in rows[0]


def test_quote_download_is_exactly_the_quote_list(app: Any, engine: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(app, "/download/quotes?format=csv").text)))
    assert list(rows[0]) == list(QUOTE_COLUMNS)
    assert [int(r["quote_id"]) for r in rows] == [q.quote_id for q in quotes(engine, limit=None)]


def test_entity_articles_download(app: Any, engine: Engine) -> None:
    entity = find(engine, None, type="GPE").items[0]
    rows = [
        json.loads(line)
        for line in ok(
            app, f"/download/entity-articles?entity={entity.id}&format=jsonl"
        ).text.splitlines()
    ]
    assert len(rows) == entity.articles
    assert call(app, "GET", "/download/nothing?format=csv").status_code == 404
    assert call(app, "GET", "/download/quotes?format=xls").status_code == 400


def test_entity_finder_page_and_api(app: Any, engine: Engine) -> None:
    body = ok(app, "/api/v1/entity-finder?q=ukr").json()
    assert body["total"] >= 1 and all(
        "ukr" in (e["name"] + " ".join(e["aliases"]) + (e["code"] or "")).lower()
        or e["code"] == "UKR"
        for e in body["items"]
    )
    assert {f["value"] for f in body["types"]} >= {body["items"][0]["type"]}
    people = ok(app, "/api/v1/entity-finder?type=PERSON").json()
    assert people["items"] and {e["type"] for e in people["items"]} == {"PERSON"}
    mentions = [e["mentions"] for e in people["items"]]
    assert mentions == sorted(mentions, reverse=True)
    html = ok(app, "/entities?q=ukr").text
    assert 'class="facets"' in html and "/download/entities?q=ukr&amp;format=csv" in html
    ok(app, "/duplicates")
    assert "items" in ok(app, "/api/v1/entity-duplicates").json()


def test_merge_and_split_buttons_follow_the_write_rules(engine: Engine, tmp_path: Path) -> None:
    entity = find(engine, None, type="PERSON").items[0]
    token_app = create_app(engine, token="s3cret", allowed_hosts=TEST_HOSTS)
    form = {"entity": str(entity.id), "alias": "nobody"}
    assert call(token_app, "POST", "/duplicates/split", data=form).status_code == 403
    remote = create_app(engine, local=False, allowed_hosts=TEST_HOSTS)
    assert call(remote, "POST", "/duplicates/split", data=form).status_code == 403
    local = create_app(engine, allowed_hosts=TEST_HOSTS)
    crossed = call(
        local, "POST", "/duplicates/split", data=form, headers={"origin": "http://evil.example"}
    )
    assert crossed.status_code == 403
    refused = call(token_app, "POST", "/duplicates/split", data={**form, "token": "s3cret"})
    assert refused.status_code == 400  # allowed, but no article calls it "nobody"


def test_trends_and_entity_page_charts(app: Any, engine: Engine) -> None:
    entity = find(engine, None).items[0]
    body = ok(app, f"/api/v1/trends?entity={entity.id}").json()
    assert sum(p["count"] for p in body["points"]) == entity.mentions
    assert sum(m["articles"] for m in body["months"]) == entity.articles
    weekly = ok(app, f"/api/v1/trends?entity={entity.id}&by=week").json()
    assert sum(p["count"] for p in weekly["points"]) == entity.mentions
    assert ok(app, "/api/v1/trends?q=talks").json()["points"]
    assert call(app, "GET", "/api/v1/trends").status_code == 422
    assert call(app, "GET", "/api/v1/trends?entity=999999").status_code == 404
    assert "<svg" in ok(app, f"/trends?entity={entity.id}").text
    assert "<svg" in ok(app, "/trends?q=talks&by=week").text
    page = ok(app, f"/entities/{entity.id}").text
    assert 'id="trends"' in page and "Mentions of" in page
    assert "/download/entity-articles?entity=" in page


@pytest.mark.parametrize("what", ["comentions", "events"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networks_export_for_networkx(app: Any, what: str, fmt: str) -> None:
    import networkx as nx

    response = ok(app, f"/api/v1/network?what={what}&format={fmt}")
    data = io.BytesIO(response.content)
    graph = nx.read_graphml(data) if fmt == "graphml" else nx.read_gexf(data)
    assert graph.number_of_nodes() > 0
    if what == "events":
        assert graph.is_directed()


def test_pages_are_cached_per_version_and_writes_clear_them(engine: Engine) -> None:
    app = create_app(engine, allowed_hosts=TEST_HOSTS)
    first = ok(app, "/quotes?text=talks")
    assert first.headers["x-newsgraph-cache"] == "miss"
    again = ok(app, "/quotes?text=talks")
    assert again.headers["x-newsgraph-cache"] == "hit" and again.text == first.text
    assert "x-newsgraph-cache" not in ok(app, "/api/v1/health").headers
    assert ok(app, "/api/v1/quotes").headers["x-newsgraph-cache"] == "miss"
    entity = find(engine, None, type="PERSON").items[-1]
    other = find(engine, None, type="PERSON").items[-2]
    merged = call(app, "POST", f"/api/v1/entities/{other.id}/merge", json={"gone": entity.id})
    assert merged.status_code == 200
    assert ok(app, "/quotes?text=talks").headers["x-newsgraph-cache"] == "miss"
