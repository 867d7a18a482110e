"""The web pages, in process (httpx over the ASGI app), on a real knowledge
base: the example article and malicious articles whose every field tries
to inject markup or a script."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from newsgraph.runs import ingest
from newsgraph.server import create_app
from newsgraph.store.db import open_database
from newsgraph.store.read import find_entities, search

from ..conftest import DATA

PAYLOADS = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))"
EVIL = [
    {
        "url": "https://evil.example/x",
        "title": "Evil <script>alert(1)</script> headline",
        "outlet": "Evil <b>Times</b>",
        "authors": ["Mallory <img src=x onerror=alert(5)>"],
        "published": "2018-01-12",
        "text": "WASHINGTON — Secretary of State Rex Tillerson said on Friday that Iran "
        '<script>alert(1)</script> had rejected the offer. "We will not talk '
        '<img src=x onerror=alert(2)>," said Mohammad Javad Zarif, the foreign minister of '
        "Iran. Read more at [click](javascript:alert(3)) today.\n\nThe United States "
        "threatened Iran with new sanctions <script>alert(1)</script> on Friday, officials said.",
    },
    {
        "url": "javascript:alert(4)",
        "title": "Second <script>alert(1)</script> story",
        "outlet": "Evil <b>Times</b>",
        "published": "2018-01-13",
        "text": "TEHRAN — Iran accused the United States on Saturday of meddling "
        "<img src=x onerror=alert(2)>, said Hassan Rouhani, the president of Iran. "
        '"This is <script>alert(1)</script> unacceptable," Rouhani said. '
        "See [click](javascript:alert(3)).",
    },
]
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'"
)
TEST_HOSTS = ["testserver"]
"""The test client's host name: allowed in the tests only, never by default."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("web")
    feed = folder / "evil.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in EVIL), encoding="utf-8")
    opened = open_database(str(folder / "kb.db"))
    ingest([str(DATA / "nyt-iran-prisoners.txt")], opened, date=dt.date(2018, 1, 11))
    report = ingest([str(feed)], opened)
    assert report.stored == 2, report.rejects
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def app(engine: Engine) -> Any:
    return create_app(engine, allowed_hosts=TEST_HOSTS)


def request(app: Any, method: str, path: str, **options: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, path, **options)

    return asyncio.run(go())


def get(app: Any, path: str, status: int = 200) -> str:
    response = request(app, "GET", path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert_safe(response.text)
    return response.text


class Elements(HTMLParser):
    """Every element's name and attributes, and whether they nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_safe(html: str) -> None:
    """No script element, no event-handler attribute, no javascript: link,
    and every element closed in order."""
    assert "<script" not in html.lower()
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert tag != "script"
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "xlink:href", "formaction"}:
                assert not re.sub(r"\s", "", value or "").lower().startswith("javascript:"), (
                    tag,
                    name,
                    value,
                )
    assert not parsed.problems, parsed.problems[:5]
    assert parsed.stack == [], parsed.stack
    assert 'href="javascript:' not in html


def hrefs(html: str) -> list[str]:
    return [v or "" for tag, attrs in parse(html).tags for n, v in attrs if n == "href"]


def article_id(engine: Engine, words: str) -> int:
    [hit] = search(engine, words, limit=1)
    return hit.article_id


def entity_id(engine: Engine, name: str) -> int:
    return find_entities(engine, name)[0].id


def test_pages_escape_everything_from_the_data(app: Any, engine: Engine) -> None:
    evil = article_id(engine, "Tillerson")
    second = article_id(engine, "meddling")
    pages = [
        "/",
        "/search?q=unacceptable",
        "/search?q=Tillerson",
        f"/articles/{evil}",
        f"/articles/{second}",
        f"/entities/{entity_id(engine, 'Hassan Rouhani')}",
        f"/entities/{entity_id(engine, 'Iran')}",
        "/events",
        "/events?source=USA",
    ]
    for path in pages:
        html = get(app, path)
        assert "&lt;script&gt;" in html, path
    article = get(app, f"/articles/{second}")
    assert "&lt;img src=x onerror=alert(2)&gt;" in article
    assert "[click](javascript:alert(3))" in article
    assert "javascript:alert(4)" in article  # its URL, shown as text
    assert "Evil &lt;b&gt;Times&lt;/b&gt;" in article
    assert "https://evil.example/x" in hrefs(get(app, f"/articles/{evil}"))  # a real link
    assert "Mallory &lt;img src=x onerror=alert(5)&gt;" in get(app, f"/articles/{evil}")


def test_analyze_shows_a_pasted_text_escaped_and_stores_nothing(app: Any, engine: Engine) -> None:
    before = len(search(engine, "Zarif OR Rouhani", limit=50))
    text = "Iran rejected talks with the United States on Monday, said Hassan Rouhani. " + PAYLOADS
    response = request(app, "POST", "/analyze", data={"text": text, "date": "2020-01-02"})
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-security-policy"] == CSP
    assert_safe(response.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "REJECT" in response.text
    assert 'class="ent ent-person"' in response.text  # highlighted, not linked
    assert len(search(engine, "Zarif OR Rouhani", limit=50)) == before


def test_analyze_reads_an_uploaded_file(app: Any) -> None:
    page = b"<html><head><title>Up <b>load</b></title></head><body><article><h1>Uploaded story</h1>"
    page += b"<p>" + b"Iran rejected talks with the United States on Monday, officials said. " * 3
    page += b"</p><script>alert(1)</script><p>&lt;script&gt;alert(2)&lt;/script&gt; the end.</p>"
    page += b"</article></body></html>"
    response = request(
        app,
        "POST",
        "/analyze",
        files={"file": ("story.html", page, "text/html")},
        data={"text": ""},
    )
    assert response.status_code == 200, response.text[:800]
    assert_safe(response.text)
    assert "Analysis of the file story.html" in response.text
    text = request(
        app, "POST", "/analyze", files={"file": ("a.txt", b"Iran rejected talks.", "text/plain")}
    )
    assert text.status_code == 200 and "Analysis of the file a.txt" in text.text


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": "   "}, 400, "Paste an article"),
        ({"text": "Iran rejected talks.", "date": "2018-13-45"}, 400, "is not a date"),
    ],
)
def test_analyze_says_what_is_wrong(
    app: Any, data: dict[str, str], status: int, message: str
) -> None:
    response = request(app, "POST", "/analyze", data=data)
    assert response.status_code == status
    assert message in response.text
    assert_safe(response.text)


def test_analyze_refuses_a_body_over_the_limit(app: Any) -> None:
    from newsgraph.model.http import MAX_BODY

    big = b"x" * (MAX_BODY + 10)
    response = request(app, "POST", "/analyze", files={"file": ("big.txt", big, "text/plain")})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "over the limit" in response.text


def test_the_article_page_highlights_entities_quotes_and_times(app: Any, engine: Engine) -> None:
    nyt = article_id(engine, "back-channel")
    taraghi = entity_id(engine, "Hamidreza Taraghi")
    html = get(app, f"/articles/{nyt}")
    assert f'<a href="/entities/{taraghi}" class="ent ent-person"' in html
    assert re.search(r'<span class="quote quote-partial spk-\d"[^>]*>old news</span>', html)
    assert '<time class="timex" datetime="2017-12" title="2017-12 (date)">December</time>' in html
    assert "Thomas Erdbrink" in html and "TEHRAN, Iran" in html and "New York Times" in html
    assert "People quoted" in html and "Hamidreza Taraghi" in html
    assert "REJECT" in html and "Trump administration" in html
    # a mention inside a quote is nested in it
    quote = re.search(
        r'<span class="quote quote-indirect[^>]*><a href="/entities/\d+"[^>]*>he</a> had given',
        html,
    )
    assert quote


def test_the_entity_page_has_quotes_timeline_and_network(app: Any, engine: Engine) -> None:
    taraghi = entity_id(engine, "Hamidreza Taraghi")
    html = get(app, f"/entities/{taraghi}")
    assert "<h1>Hamidreza Taraghi</h1>" in html
    assert "old news" in html and "Quotes" in html
    assert "events it reported" in html
    assert re.search(r"<title>2018-01-11 REJECT: Iran → Trump administration", html)
    assert '<svg viewBox="0 0 560 400" role="img"' in html  # the co-mention network
    assert "adviser to the hard-liners around the supreme leader" in html
    assert f'href="/search?entity={taraghi}"' in html


def test_the_events_page_filters_and_draws(app: Any) -> None:
    html = get(app, "/events?source=IRN&target=USA")
    assert "rejected the entreaties" in html
    assert "<title>Number of events per month, stacked by type</title>" in html
    assert "IRN → USA: REJECT × 1" in html
    none = get(app, "/events?type=ASSAULT")
    assert "No events match these filters" in none


def test_search_facets_filters_and_snippets(app: Any, engine: Engine) -> None:
    html = get(app, "/search?q=Iran")
    assert "<mark>" in html
    assert "New York Times" in html and "Evil &lt;b&gt;Times&lt;/b&gt;" in html
    only = get(app, "/search?q=Iran&outlet=New+York+Times")
    assert "Iran Plays Down Report" in only and "Second &lt;script&gt;" not in only
    taraghi = entity_id(engine, "Hamidreza Taraghi")
    mentioning = get(app, f"/search?entity={taraghi}")
    assert "Mentioning" in mentioning and "Iran Plays Down Report" in mentioning
    assert "Second &lt;script&gt;" not in mentioning
    assert "No articles match “zzzqqq”" in get(app, "/search?q=zzzqqq")
    assert "No articles match" in get(app, "/search?q=Iran&type=ASSAULT")


def test_snippet_marks_only_the_words_searched_for() -> None:
    from newsgraph.web.views.search import mark_snippet

    marked = mark_snippet("<b>[Talks]</b> and [click](javascript:x) [talk]", "talks")
    assert str(marked) == (
        "&lt;b&gt;<mark>Talks</mark>&lt;/b&gt; and [click](javascript:x) <mark>talk</mark>"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/articles/99999",
        "/articles/abc",
        "/articles/0",
        "/entities/99999",
        "/entities/x",
        "/nope",
        "/static/nope.css",
    ],
)
def test_missing_pages_are_404_pages(app: Any, path: str) -> None:
    html = get(app, path, 404)
    assert "not found" in html.lower()


def test_the_api_keeps_its_json_errors(app: Any) -> None:
    response = request(app, "GET", "/api/v1/articles/99999")
    assert response.status_code == 404 and response.json()["error"]["status"] == 404
    assert (
        request(app, "GET", "/api/v1/nope").headers["content-type"].startswith("application/json")
    )


def test_static_files_carry_the_headers(app: Any) -> None:
    response = request(app, "GET", "/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pagination_edges_are_clear(app: Any, engine: Engine) -> None:
    first = get(app, "/search?q=Iran")
    assert get(app, "/search?q=Iran&page=0").count("<li>") == first.count("<li>")
    assert get(app, "/search?q=Iran&page=-3").count("<li>") == first.count("<li>")
    assert get(app, "/search?q=Iran&page=abc").count("<li>") == first.count("<li>")
    beyond = get(app, "/search?q=Iran&page=99")
    assert "There is no page 99" in beyond and "Go to the last page" in beyond
    assert "There is no page 7" in get(app, "/?page=7")
    assert "There is no page 50" in get(app, "/events?page=50")
    taraghi = entity_id(engine, "Hamidreza Taraghi")
    assert "There is no page 9" in get(app, f"/entities/{taraghi}?page=9")
    assert "old news" in get(app, f"/entities/{taraghi}?page=0")
    assert "There is no page" in get(app, "/search?q=Iran&page=99999999999999999999")


def test_bad_dates_are_explained(app: Any) -> None:
    assert "is not a date" in get(app, "/search?q=Iran&since=2018-13", 400)
    assert "is not a date" in get(app, "/events?until=soon", 400)
    assert "Iran Plays Down Report" in get(app, "/search?since=2018&until=2018-01")


def test_an_empty_knowledge_base_says_so(tmp_path: Any) -> None:
    empty = open_database(str(tmp_path / "empty.db"))
    try:
        app = create_app(empty, allowed_hosts=TEST_HOSTS)
        assert "The knowledge base has no articles yet" in get(app, "/")
        assert "has no events yet" in get(app, "/events")
        assert "No articles match" in get(app, "/search?q=anything")
    finally:
        empty.dispose()


def test_the_pages_work_on_postgresql(postgres_server: Any, tmp_path: Any) -> None:
    """The same pages over PostgreSQL (its full-text search, year facets)."""
    from ..pg import create_database, drop_database

    name = f"t_web_{uuid.uuid4().hex[:8]}"
    feed = tmp_path / "evil.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in EVIL), encoding="utf-8")
    engine = open_database(create_database(postgres_server, name))
    try:
        ingest([str(DATA / "nyt-iran-prisoners.txt")], engine, date=dt.date(2018, 1, 11))
        ingest([str(feed)], engine)
        app = create_app(engine, allowed_hosts=TEST_HOSTS)
        taraghi = entity_id(engine, "Hamidreza Taraghi")
        assert "<mark>" in get(app, "/search?q=prisoners")
        assert "2018" in get(app, "/search?q=Iran&since=2018")
        assert "&lt;script&gt;" in get(app, f"/articles/{article_id(engine, 'meddling')}")
        assert "events it reported" in get(app, f"/entities/{taraghi}")
        assert "rejected the entreaties" in get(app, "/events?source=IRN&target=USA")
        assert "Mentioning" in get(app, f"/search?entity={taraghi}")
    finally:
        engine.dispose()
        drop_database(postgres_server, name)
