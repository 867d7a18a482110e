"""Real local HTTP servers for the monitoring tests: a news site whose feeds
and pages change between cycles (ETags and 304s, 500s, slow answers,
robots.txt), and a webhook receiver that records every POST."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    etag: bool = True
    headers: dict[str, str] = field(default_factory=dict)  # e.g. a redirect's Location


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


@dataclass
class Site:
    """What the server serves (change it between cycles) and what it saw."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    fail_next: dict[str, int] = field(default_factory=dict)  # path -> answers of 500 to give

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: str | bytes, **kwargs: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kwargs)

    def requests(self, path: str | None = None, method: str = "GET") -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.method == method and (path is None or h.path == path)]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms stalls)

        def log_message(self, *_args: Any) -> None:  # quiet
            pass

        def _record(self, body: bytes = b"") -> None:
            with site.lock:
                site.hits.append(
                    Hit(self.command, self.path, dict(self.headers.items()), body, time.monotonic())
                )

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._record()
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.delay:
                time.sleep(route.delay)
            if site.fail_next.get(self.path, 0) > 0:
                site.fail_next[self.path] -= 1
                self._send(500, b"oops", {"Content-Type": "text/plain"})
                return
            headers = {"Content-Type": route.content_type, **route.headers}
            if route.status == 200 and route.etag:
                tag = '"' + hashlib.sha1(route.body).hexdigest() + '"'
                headers["ETag"] = tag
                if self.headers.get("If-None-Match") == tag:
                    self._send(304, b"", {"ETag": tag})
                    return
            self._send(route.status, route.body, headers)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            self._record(body)
            route = site.routes.get(self.path)
            if site.fail_next.get(self.path, 0) > 0:
                site.fail_next[self.path] -= 1
                self._send(500, b"try later", {"Content-Type": "text/plain"})
                return
            status = route.status if route else 204
            self._send(status, b"", {"Content-Type": "text/plain"})

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (a timeout test, a stopped loop) is no news


@contextmanager
def serve_site() -> Iterator[Site]:
    """A server on 127.0.0.1 (a free port) for the duration of the block."""
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.port = server.server_address[1]
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[dict[str, str]], title: str = "Local News") -> str:
    """An RSS 2.0 feed of ``items`` (link, title, date?, author?, summary?)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item['title'])}</title>")
        parts.append(f"<link>{escape(item['link'])}</link>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if "author" in item:
            parts.append(f"<author>{escape(item['author'])}</author>")
        if "summary" in item:
            parts.append(f"<description>{escape(item['summary'])}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def rfc822(year: int, month: int, day: int) -> str:
    import datetime as dt

    return format_datetime(dt.datetime(year, month, day, 9, 0, tzinfo=dt.UTC))


def page(headline: str, paragraphs: list[str], *, author: str | None = None) -> str:
    """A tiny article page."""
    byline = f'<p class="byline">By {escape(author)}</p>' if author else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(headline)}</title></head><body><article>"
        f"<h1>{escape(headline)}</h1>{byline}{body}</article></body></html>"
    )


def verify(secret: str, hit: Hit) -> bool:
    """Whether a webhook POST carries the right HMAC-SHA256 signature."""
    given = hit.headers.get("X-Newsgraph-Signature", "")
    expected = "sha256=" + hmac.new(secret.encode(), hit.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(given, expected)


def posted(site: Site, path: str) -> list[dict[str, Any]]:
    return [json.loads(h.body) for h in site.requests(path, "POST")]


STORIES = {
    "gershkovich": (
        "Reporter detained in Russia",
        [
            "MOSCOW — Russia's Federal Security Service said on Thursday that it had detained "
            "Evan Gershkovich, a reporter for The Wall Street Journal, in the city of "
            "Yekaterinburg on suspicion of espionage.",
            "The Wall Street Journal denied the allegations and demanded the immediate release "
            "of its reporter, the newspaper said in a statement on Thursday afternoon.",
        ],
    ),
    "rates": (
        "Bank raises rates again",
        [
            "LONDON — The Bank of England raised interest rates by a quarter of a percentage "
            "point on Thursday, its eleventh increase in a row, as inflation stayed well above "
            "its target of two percent.",
            "Andrew Bailey, the governor of the bank, said the committee would watch the data "
            "closely before deciding whether more increases were needed this year.",
        ],
    ),
    "harvest": (
        "Farmers expect a record harvest",
        [
            "KYIV — Farmers in central Ukraine said on Monday that they expected a record wheat "
            "harvest this summer after a mild winter and a wet spring across the region.",
            "The agriculture ministry said exports through the Black Sea ports would depend on "
            "shipping insurance and on the weather in the coming weeks.",
        ],
    ),
    "election": (
        "Voters head to the polls in Lagos",
        [
            "LAGOS — Millions of voters in Nigeria's largest city went to the polls on Saturday "
            "to choose a new governor, in an election marked by long queues and late ballots.",
            "Observers from the African Union said the vote had been largely peaceful, though "
            "several polling stations opened hours after the official start.",
        ],
    ),
}


def publish(site: Site, feed: str, names: list[str], *, prefix: str = "/news/") -> list[str]:
    """Serve the pages of ``names`` and a feed at ``feed`` linking to them;
    returns the pages' URLs (as the feed gives them, with a tracking parameter)."""
    items = []
    urls = []
    for name in names:
        headline, paragraphs = STORIES[name]
        site.set(prefix + name, page(headline, paragraphs))
        url = site.url(prefix + name) + "?utm_source=rss"
        urls.append(url)
        items.append({"title": headline, "link": url, "date": rfc822(2023, 3, 30)})
    site.set(feed, rss(items), content_type="application/rss+xml")
    return urls
