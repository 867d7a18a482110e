"""Fetching politely (monitor.fetch) from a real local server: robots.txt,
one request at a time per host with a delay, conditional GETs, retries,
timeouts, size limits, the User-Agent."""

from __future__ import annotations

import threading
import time

import pytest

from newsgraph.errors import FetchError
from newsgraph.monitor.fetch import Fetcher

from .site import Route, Site


def test_fetch_conditional_get_gives_not_modified(site: Site) -> None:
    site.set("/feed.xml", "<rss version='2.0'><channel/></rss>")
    with Fetcher() as fetcher:
        first = fetcher.get(site.url("/feed.xml"))
        assert first.status == 200 and first.etag
        second = fetcher.get(site.url("/feed.xml"), etag=first.etag)
    assert second.not_modified and second.content == b""
    assert site.requests("/feed.xml")[1].headers["If-None-Match"] == first.etag


def test_fetch_obeys_robots_txt(site: Site) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/private/a", "<html><body>secret</body></html>")
    site.set("/public/a", "<html><body>open</body></html>")
    with Fetcher() as fetcher:
        with pytest.raises(FetchError, match="robots.txt disallows"):
            fetcher.get(site.url("/private/a"))
        assert fetcher.get(site.url("/public/a")).status == 200
    assert site.requests("/private/a") == []
    assert len(site.requests("/robots.txt")) == 1  # read once per host


def test_fetch_robots_txt_server_error_fetches_nothing(site: Site) -> None:
    site.set("/robots.txt", "down", status=503)
    site.set("/a", "<html><body>a</body></html>")
    with Fetcher() as fetcher, pytest.raises(FetchError, match="robots.txt could not be read"):
        fetcher.get(site.url("/a"))
    assert site.requests("/a") == []


def test_fetch_one_request_at_a_time_per_host_with_a_delay(site: Site) -> None:
    for n in range(4):
        site.set(f"/p{n}", "<html><body>x</body></html>", delay=0.05)
    with Fetcher(delay=0.3, contact="ops@example.org") as fetcher:
        threads = [
            threading.Thread(target=fetcher.get, args=(site.url(f"/p{n}"),)) for n in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    pages = sorted(h.at for h in site.hits if h.path.startswith("/p"))
    assert len(pages) == 4
    gaps = [b - a for a, b in zip(pages, pages[1:], strict=False)]
    assert min(gaps) >= 0.3  # the delay after each answer, never two at once
    agent = site.hits[0].headers["User-Agent"]
    assert agent.startswith("newsgraph/") and "+ops@example.org" in agent


def test_fetch_robots_crawl_delay_wins_when_longer(site: Site) -> None:
    site.set("/robots.txt", "User-agent: newsgraph\nCrawl-delay: 1\n", content_type="text/plain")
    site.set("/a", "a")
    site.set("/b", "b")
    with Fetcher(delay=0) as fetcher:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/b"))
    a, b = site.requests("/a")[0].at, site.requests("/b")[0].at
    assert b - a >= 0.95


def test_fetch_retries_a_server_error_with_back_off(site: Site) -> None:
    site.set("/flaky", "<html><body>ok</body></html>")
    site.fail_next["/flaky"] = 2
    with Fetcher(retries=2, backoff=0.05) as fetcher:
        assert fetcher.get(site.url("/flaky")).status == 200
    assert len(site.requests("/flaky")) == 3
    site.fail_next["/flaky"] = 5
    with Fetcher(retries=1, backoff=0.05) as fetcher:
        with pytest.raises(FetchError, match=r"HTTP 500 \(tried 2 times\)"):
            fetcher.get(site.url("/flaky"))


def test_fetch_a_missing_page_is_not_retried(site: Site) -> None:
    with Fetcher(retries=3, backoff=0.05) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(site.url("/nothing"))
    assert len(site.requests("/nothing")) == 1


def test_fetch_times_out(site: Site) -> None:
    site.set("/slow", "late", delay=1.5)
    started = time.monotonic()
    with Fetcher(timeout=0.3) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.get(site.url("/slow"))
    assert time.monotonic() - started < 1.4


def test_fetch_size_limit(site: Site) -> None:
    site.set("/big", "x" * 5000)
    with Fetcher(max_bytes=1000) as fetcher, pytest.raises(FetchError, match="over the limit"):
        fetcher.get(site.url("/big"))


def test_fetch_only_http(site: Site) -> None:
    with Fetcher() as fetcher, pytest.raises(FetchError, match="not an http"):
        fetcher.get("file:///etc/passwd")


def test_fetch_stop_ends_a_back_off(site: Site) -> None:
    site.set("/down", "x")
    site.fail_next["/down"] = 10
    stop = threading.Event()
    with Fetcher(retries=5, backoff=5.0, stop=stop) as fetcher:
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        with pytest.raises(FetchError, match="stopped"):
            fetcher.get(site.url("/down"))
    assert time.monotonic() - started < 2


def test_fetch_headers_with_unicode_digits_are_no_numbers() -> None:
    """A server's Retry-After of '²' (a digit to str.isdigit, not to int) is
    no delay, not a crash."""
    import httpx

    from newsgraph.monitor.fetch import _retry_after

    sent = httpx.Headers([(b"retry-after", "²".encode("latin-1"))])  # as the wire gives it
    assert sent["retry-after"] == "²"
    assert _retry_after(sent) is None
    assert _retry_after(httpx.Headers({"retry-after": "7"})) == 7.0


def test_fetch_a_redirect_is_a_polite_request_of_its_own(site: Site) -> None:
    """A redirect into a part robots.txt disallows is not followed; an
    allowed one is, and the answer names the final URL."""
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/private/a", "<html><body>secret</body></html>")
    site.set("/public/b", "<html><body>open</body></html>")
    site.routes["/go/private"] = Route(b"", status=302, headers={"Location": "/private/a"})
    site.routes["/go/public"] = Route(b"", status=301, headers={"Location": "/public/b"})
    site.routes["/loop"] = Route(b"", status=302, headers={"Location": "/loop"})
    with Fetcher(delay=0) as fetcher:
        with pytest.raises(FetchError, match="robots.txt disallows"):
            fetcher.get(site.url("/go/private"))
        found = fetcher.get(site.url("/go/public"))
        assert found.status == 200 and found.url == site.url("/public/b")
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.get(site.url("/loop"))
    assert site.requests("/private/a") == []
    assert len(site.requests("/loop")) == 6  # the first answer and five hops
