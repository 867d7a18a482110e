"""Fetching politely, with httpx: the one way newsgraph reads the web.

Per host: its robots.txt is read first (protego; a missing one allows
everything, an unreachable one, or a server error, allows nothing for
now) and obeyed for our User-Agent token ``newsgraph``; one request at a
time; ``fetch_delay`` seconds between two requests (a longer Crawl-delay
wins). Every request names newsgraph and the ``contact`` setting in its
User-Agent, has a timeout (``fetch_timeout``), a size limit (``max_bytes``,
read as a stream and cut off) and is retried ``fetch_retries`` times with
growing back-off when the failure may pass (timeouts, connection errors,
HTTP 429 and 5xx; a Retry-After of up to a minute is honoured). A
conditional GET (``etag``/``last_modified``) answered 304 comes back as
``not_modified``. Every failure is a ``FetchError`` naming the URL and the
reason. A ``stop`` event, when set, ends waits early and refuses new
requests, so that Ctrl-C is not held up by a back-off. A redirect is
followed hop by hop, each hop a request of its own under these rules (its
host's robots.txt, lock and delay), at most ``MAX_REDIRECTS``.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from newsgraph import __version__, settings
from newsgraph.errors import FetchError, NewsgraphError

__all__ = ["ROBOTS_TOKEN", "Fetched", "Fetcher", "number", "user_agent"]

ROBOTS_TOKEN = "newsgraph"
ROBOTS_TTL = 3600.0
"""Seconds a host's robots.txt is trusted before it is read again."""
MAX_CRAWL_DELAY = 60.0
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 60.0
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def number(name: str, value: float | None = None) -> float:
    """A number setting (``fetch_delay``...): ``value`` when given;
    NewsgraphError naming the variable when it is not a number."""
    if value is not None:
        return value
    try:
        return settings.get_number(name)
    except settings.SettingError as exc:
        raise NewsgraphError(str(exc)) from None


def user_agent(contact: str | None = None) -> str:
    """``newsgraph/VERSION (+CONTACT)``: who fetches and how to reach them."""
    contact = settings.get("contact", contact)
    return f"newsgraph/{__version__}" + (f" (+{contact})" if contact else "")


@dataclass
class Fetched:
    """An answer: the final URL (after redirects), status (200, or 304 for
    a conditional GET that found nothing new), body, media type, charset and
    the validators for the next conditional GET."""

    url: str
    status: int
    content: bytes = b""
    media_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    robots: Any = None
    robots_until: float = 0.0
    robots_error: str | None = None


class _Retry(Exception):
    """A failure that may pass: try again after ``wait`` seconds."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class _Redirect(Exception):
    """The answer is a redirect to ``location`` (fetched as a request of its own)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


class Fetcher:
    """A polite HTTP client shared by every thread of a run (see the module
    docstring). Use it as a context manager, or ``close`` it."""

    def __init__(
        self,
        *,
        contact: str | None = None,
        delay: float | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_bytes: int | None = None,
        backoff: float = 1.0,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.user_agent = user_agent(contact)
        self.delay = max(0.0, number("fetch_delay", delay))
        self.timeout = max(0.1, number("fetch_timeout", timeout))
        self.retries = max(0, int(number("fetch_retries", retries)))
        self.max_bytes = max_bytes or int(settings.get("max_bytes") or 10_000_000)
        self.backoff = backoff
        self.stop = stop or threading.Event()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.requests = 0
        self.client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,  # each hop is fetched politely, its robots.txt read (get)
            transport=transport,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- per host ----------------------------------------------------------------

    def _host(self, origin: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(origin, _Host())

    def _wait(self, seconds: float, url: str) -> None:
        if seconds > 0 and self.stop.wait(seconds):
            raise FetchError(url, "stopped before the request was sent")

    def _robots(self, origin: str, host: _Host) -> None:
        """Read the host's robots.txt when it is not known or too old (the
        host's lock is held)."""
        now = time.monotonic()
        if now < host.robots_until:
            return
        url = f"{origin}/robots.txt"
        host.robots, host.robots_error = None, None
        try:
            answer = self._request(url, {}, host)
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):  # no robots.txt: everything allowed
                host.robots = Protego.parse("")
            else:  # unreachable or a server error: nothing, for now (RFC 9309)
                host.robots_error = f"robots.txt could not be read ({exc.reason})"
            host.robots_until = now + (ROBOTS_TTL if host.robots is not None else 60.0)
            return
        text = answer.content.decode("utf-8", errors="replace")
        host.robots = Protego.parse(text)
        host.robots_until = now + ROBOTS_TTL

    # -- requests ----------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` politely (see the module docstring); FetchError when
        it can't be had. A redirect is followed (at most ``MAX_REDIRECTS``
        hops) as a request of its own: the target host's robots.txt, lock
        and delay apply to it."""
        for _ in range(MAX_REDIRECTS + 1):
            try:
                return self._get_one(url, etag=etag, last_modified=last_modified)
            except _Redirect as hop:
                url, etag, last_modified = urljoin(url, hop.location), None, None
        raise FetchError(url, f"too many redirects (over {MAX_REDIRECTS})")

    def _get_one(self, url: str, *, etag: str | None, last_modified: str | None) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        if self.stop.is_set():
            raise FetchError(url, "stopped before the request was sent")
        origin = f"{parts.scheme}://{parts.netloc}"
        host = self._host(origin)
        with host.lock:
            self._robots(origin, host)
            if host.robots_error:
                raise FetchError(url, host.robots_error + "; not fetched")
            if not host.robots.can_fetch(url, ROBOTS_TOKEN):
                raise FetchError(url, "robots.txt disallows fetching it")
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            return self._request(url, headers, host)

    def _request(self, url: str, headers: dict[str, str], host: _Host) -> Fetched:
        """One request with its retries (the host's lock is held)."""
        attempt = 0
        while True:
            self._wait(host.next_at - time.monotonic(), url)
            try:
                return self._once(url, headers)
            except _Retry as exc:
                if attempt >= self.retries:
                    tries = f" (tried {attempt + 1} times)" if attempt else ""
                    raise FetchError(url, exc.reason + tries) from None
                wait = exc.wait if exc.wait is not None else self.backoff * 2**attempt
                attempt += 1
                self._wait(min(wait, MAX_RETRY_AFTER), url)
            finally:
                delay = self.delay
                if host.robots is not None:
                    crawl = host.robots.crawl_delay(ROBOTS_TOKEN)
                    if crawl:
                        delay = max(delay, min(float(crawl), MAX_CRAWL_DELAY))
                host.next_at = time.monotonic() + delay

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 304:
                    return Fetched(str(response.url), 304)
                if status in _REDIRECTS and response.headers.get("location"):
                    raise _Redirect(response.headers["location"].strip())
                if status == 429 or status >= 500:
                    raise _Retry(f"HTTP {status}", _retry_after(response.headers))
                if status >= 400:
                    raise FetchError(url, f"HTTP {status}")
                if status != 200:
                    raise FetchError(url, f"HTTP {status} (not a page)")
                declared = response.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, _too_large(self.max_bytes))
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(url, _too_large(self.max_bytes))
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                charset = _CHARSET.search(content_type)
                return Fetched(
                    url=str(response.url),
                    status=200,
                    content=b"".join(chunks),
                    media_type=content_type.split(";")[0].strip().lower() or None,
                    charset=charset.group(1) if charset else None,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException:
            raise _Retry(f"timed out (no answer within {self.timeout:g} s)") from None
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"broken compressed answer: {exc}") from None
        except httpx.TransportError as exc:
            raise _Retry(f"can't connect: {exc or type(exc).__name__}") from None


def _too_large(limit: int) -> str:
    variable = settings.SETTINGS["max_bytes"].env
    return f"answer is over the limit of {limit:,} bytes (raise it with {variable})"


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():  # not "²": int() and float() refuse it
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
