"""The server's guard and the analysis gate, in process: hosts (DNS
rebinding), origins, who may write and analyse, body and text limits,
analyses at once and their time limit, ids in ASCII digits, NUL bytes and
over-long parameters, and a database that fails (HTML pages, health)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import HTTPException
from sqlalchemy import Engine

from newsgraph.api.analysis import AnalysisGate
from newsgraph.api.guard import HostCheck, default_hosts, host_name, same_origin
from newsgraph.model import Analysis
from newsgraph.model.http import AnalyzeRequest, ServerLimits
from newsgraph.store.db import open_database

from .test_api import engine, error, make  # noqa: F401  (the module's knowledge base)

TEXT = "Iran rejected talks with the United States, officials said on Monday."


# -- hosts and origins ---------------------------------------------------------------


def test_guard_host_names_and_origins() -> None:
    assert host_name("[::1]:8000") == ("::1", 8000)
    assert host_name("Example.ORG.:443") == ("example.org", 443)
    assert host_name("::1") == ("::1", None)
    hosts = HostCheck(default_hosts("192.0.2.7"))
    assert "127.0.0.1:8000" in hosts and "localhost" in hosts and "[::1]:8000" in hosts
    assert "192.0.2.7:8000" in hosts
    assert "rebind.attacker.example" not in hosts and "" not in hosts
    assert "0.0.0.0" not in default_hosts("0.0.0.0")
    wild = HostCheck(["*.example.org"])
    assert "news.example.org" in wild and "example.org.evil" not in wild
    assert "anything" in HostCheck(["*"])
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert same_origin("https://news.example.org", "news.example.org")  # behind a TLS proxy
    assert same_origin("https://news.example.org", "news.example.org:443")
    assert not same_origin("http://rebind.attacker.example", "127.0.0.1:8000")
    assert not same_origin("http://127.0.0.1:9999", "127.0.0.1:8000")
    assert not same_origin("http://127.0.0.1", "127.0.0.1:8000")
    assert not same_origin("null", "127.0.0.1:8000")


def test_guard_refuses_other_hosts_and_foreign_origins(engine: Engine) -> None:  # noqa: F811
    api = make(engine)
    rebind = {"Host": "rebind.attacker.example"}
    assert "rebind.attacker.example" in error(api.delete("/api/v1/articles/1", headers=rebind), 400)
    assert error(api.get("/api/v1/articles", headers=rebind), 400)
    page = api.get("/", headers=rebind)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in page.headers
    foreign = {"Origin": "http://rebind.attacker.example"}
    assert "another site" in error(api.delete("/api/v1/articles/99999", headers=foreign), 403)
    merge = api.post("/api/v1/entities/1/merge", json={"gone": 2}, headers=foreign)
    assert error(merge, 403)
    stored = api.post("/api/v1/analyze", json={"text": TEXT, "store": True}, headers=foreign)
    assert error(stored, 403)
    assert api.get("/api/v1/articles").json()["total"] == 2  # nothing was written
    assert api.get("/api/v1/articles", headers=foreign).status_code == 200  # reads are fine
    same = {"Origin": "http://testserver"}
    assert error(api.delete("/api/v1/articles/99999", headers=same), 404)


def test_guard_default_hosts_do_not_include_the_test_client(engine: Engine) -> None:  # noqa: F811
    api = make(engine, allowed_hosts=None)
    assert error(api.get("/api/v1/health"), 400)
    assert api.get("/api/v1/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200


# -- who may analyse and write -------------------------------------------------------


def test_analyze_follows_the_write_rules(engine: Engine) -> None:  # noqa: F811
    body = {"text": TEXT}
    elsewhere = make(engine, client=("203.0.113.9", 40000))
    assert "this machine" in error(elsewhere.post("/api/v1/analyze", json=body), 403)
    exposed = make(engine, local=False)
    assert "NEWSGRAPH_TOKEN" in error(exposed.post("/api/v1/analyze", json=body), 403)
    guarded = make(engine, token="s3cret", local=False, client=("203.0.113.9", 40000))
    answer = guarded.post("/api/v1/analyze", json=body)
    assert "Bearer" in error(answer, 401)
    assert answer.headers["www-authenticate"].startswith("Bearer")
    good = guarded.post("/api/v1/analyze", json=body, headers={"Authorization": "Bearer s3cret"})
    assert good.status_code == 200 and good.json()["events"]
    page = elsewhere.post("/analyze", data=body)
    assert page.status_code == 403 and "this machine" in page.text


def test_the_analyze_page_asks_for_the_token(engine: Engine) -> None:  # noqa: F811
    guarded = make(engine, token="s3cret", local=False)
    assert 'name="token"' in guarded.get("/analyze").text
    refused = guarded.post("/analyze", data={"text": TEXT})
    assert refused.status_code == 401 and "token" in refused.text
    shown = guarded.post("/analyze", data={"text": TEXT, "token": "s3cret"})
    assert shown.status_code == 200 and "Analysis of pasted text" in shown.text
    wrong = guarded.post("/analyze", data={"text": TEXT, "token": "nope"})
    assert wrong.status_code == 401
    assert 'name="token"' not in make(engine).get("/analyze").text


# -- limits --------------------------------------------------------------------------


def test_analyze_over_the_length_limit_is_413_naming_it(engine: Engine) -> None:  # noqa: F811
    api = make(engine, limits=ServerLimits(analyze_max_chars=1000))
    message = error(api.post("/api/v1/analyze", json={"text": "Iran said no. " * 100}), 413)
    assert "1,000 characters" in message and "analyze_max_chars" in message
    html = "<html><body><article><p>" + "Iran said no. " * 100 + "</p></article></body></html>"
    assert "1,000 characters" in error(api.post("/api/v1/analyze", json={"html": html}), 413)
    upload = api.post(
        "/analyze", files={"file": ("long.txt", ("Iran said no. " * 100).encode(), "text/plain")}
    )
    assert upload.status_code == 413 and "1,000 characters" in upload.text
    assert upload.headers["content-type"].startswith("text/html")
    pasted = api.post("/analyze", data={"text": "Iran said no. " * 100})
    assert pasted.status_code == 413 and "1,000 characters" in pasted.text
    assert "Iran said no. Iran said no." not in pasted.text  # the long text is not echoed


def test_texts_over_spacys_limit_are_413_by_default(engine: Engine) -> None:  # noqa: F811
    api = make(engine)  # the default limits
    long = "Iran said no. " * 75_000  # 1,050,000 characters: spaCy's E088 was a 500
    message = error(api.post("/api/v1/analyze", json={"text": long}), 413)
    assert "100,000 characters" in message
    upload = api.post("/analyze", files={"file": ("long.txt", long.encode(), "text/plain")})
    assert upload.status_code == 413 and "100,000 characters" in upload.text


def test_bodies_are_limited_per_endpoint(engine: Engine) -> None:  # noqa: F811
    api = make(engine, limits=ServerLimits(max_body=100_000))
    big = {"text": "x" * 120_000}
    assert "over the limit" in error(api.post("/api/v1/analyze", json=big), 413)

    def chunks(size: int, count: int) -> Iterator[bytes]:
        yield from (b"[" * size for _ in range(count))

    streamed = api.post("/api/v1/analyze", content=chunks(10_000, 20))  # chunked, 200 KB
    assert "100000 bytes" in error(streamed, 413)
    merge = api.post("/api/v1/entities/1/merge", content=chunks(10_000, 10))  # over 64 KiB
    assert error(merge, 413)
    deep = api.post("/api/v1/entities/1/merge", content=b"[" * 60_000)
    assert deep.status_code in {400, 422}
    assert error(api.get("/api/v1/articles", headers={"Content-Length": "x"}), 400)
    form = {"content-type": "application/x-www-form-urlencoded"}
    page = api.post("/analyze", content=chunks(10_000, 20), headers=form)
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")


class SlowAnalyses:
    """An analysis that waits until it is let go (or 5 s)."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.started = threading.Event()

    def __call__(self, body: AnalyzeRequest) -> Analysis:
        self.started.set()
        self.go.wait(5)
        raise HTTPException(422, "done")


def test_analyses_have_a_time_limit_and_a_number_at_once() -> None:
    gate = AnalysisGate(ServerLimits(analyze_workers=1, analyze_timeout=0.2))
    slow = SlowAnalyses()
    gate._analyse = slow  # type: ignore[method-assign]
    body = AnalyzeRequest(text=TEXT)

    async def ask() -> HTTPException:
        try:
            await gate.analyse(body)
        except HTTPException as exc:
            return exc
        raise AssertionError("no refusal")

    started = time.monotonic()
    late = asyncio.run(ask())
    assert late.status_code == 504 and "0.2 seconds" in str(late.detail)
    assert time.monotonic() - started < 2
    busy = asyncio.run(ask())  # the first analysis still holds the one place
    assert busy.status_code == 503 and busy.headers == {"Retry-After": "5"}
    slow.go.set()
    for _ in range(100):
        if gate._places.acquire(blocking=False):
            gate._places.release()
            break
        time.sleep(0.02)
    assert asyncio.run(ask()).status_code == 422  # the place is free again
    gate.close()


def test_busy_is_503_with_retry_after_through_the_api(engine: Engine) -> None:  # noqa: F811
    api = make(engine, limits=ServerLimits(analyze_workers=1, analyze_timeout=0.2))
    gate = api.app.state.analysis  # type: ignore[attr-defined]
    slow = SlowAnalyses()
    gate._analyse = slow
    try:
        assert "0.2 seconds" in error(api.post("/api/v1/analyze", json={"text": TEXT}), 504)
        busy = api.post("/api/v1/analyze", json={"text": TEXT})
        assert "busy" in error(busy, 503) and busy.headers["retry-after"] == "5"
        page = api.post("/analyze", data={"text": TEXT})
        assert page.status_code == 503 and "busy" in page.text
    finally:
        slow.go.set()


# -- ids, numbers and strings --------------------------------------------------------


@pytest.mark.parametrize("ident", ["%C2%B2", "%E2%91%A0", "%D9%A3", "9223372036854775808", "1x"])
def test_ids_are_ascii_digits_in_range(engine: Engine, ident: str) -> None:  # noqa: F811
    api = make(engine)
    assert error(api.get(f"/api/v1/entities/{ident}"), 404)
    assert error(api.post(f"/api/v1/entities/{ident}/merge", json={"gone": 1}), 404)
    assert error(
        api.get(f"/api/v1/articles/{ident}"), 422 if ident != "9223372036854775808" else 404
    )
    assert api.get(f"/entities/{ident}").status_code == 404
    assert api.get(f"/search?entity={ident}").status_code == 200
    assert api.get(f"/search?page={ident}").status_code == 200


def test_huge_numbers_are_422(engine: Engine) -> None:  # noqa: F811
    api = make(engine)
    huge = str(2**64)
    assert "entity" in error(api.get("/api/v1/articles", params={"entity": huge}), 422)
    assert "gone" in error(api.post("/api/v1/entities/1/merge", json={"gone": 2**64}), 422)
    assert "offset" in error(api.get("/api/v1/quotes", params={"offset": huge}), 422)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/events", "source"),
        ("/api/v1/events", "place"),
        ("/api/v1/quotes", "speaker"),
        ("/api/v1/search", "q"),
        ("/api/v1/entities", "q"),
        ("/api/v1/articles", "outlet"),
    ],
)
def test_nul_bytes_and_long_strings_are_422_naming_the_parameter(
    engine: Engine,  # noqa: F811
    url: str,
    name: str,
) -> None:
    api = make(engine)
    assert name in error(api.get(url, params={name: "Iran\x00"}), 422)
    assert name in error(api.get(url, params={name: "a" * 60_000}), 422)
    split = api.post("/api/v1/entities/1/split", json={"alias": "a\x00b"})
    assert "NUL" in error(split, 422)
    assert "NUL" in error(api.post("/api/v1/analyze", json={"text": "a\x00b"}), 422)


# -- a database that fails -----------------------------------------------------------


def test_a_corrupt_database_is_an_html_page_and_health_says_so(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    opened = open_database(str(path))
    api = make(opened)
    assert api.get("/api/v1/health").json()["status"] == "ok"
    opened.dispose()
    path.write_bytes(b"this is not a database at all " * 200)
    for leftover in tmp_path.glob("kb.db-*"):
        leftover.unlink()
    assert error(api.get("/api/v1/health"), 503)
    assert error(api.get("/api/v1/articles"), 503)
    for page in ("/", "/events", "/entities/1", "/search?q=Iran"):
        answer: Any = api.get(page)
        assert answer.status_code == 503, page
        assert answer.headers["content-type"].startswith("text/html"), page
        assert "content-security-policy" in answer.headers
        assert "knowledge base is unavailable" in answer.text
    opened.dispose()
