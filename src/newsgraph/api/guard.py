"""The guard in front of the whole server (API and pages), a plain ASGI
middleware that answers before any route runs:

1. **Host.** A request whose ``Host`` is not one the server answers to gets
   400 (DNS rebinding: a hostile page whose name resolves to 127.0.0.1 must
   not reach a server that allows writes on localhost).
2. **Origin.** An unsafe request (POST, PUT, PATCH, DELETE) whose ``Origin``
   is not the site it is sent to gets 403: no other site's page can make a
   visitor's browser write or analyse.
3. **Writers first.** On a write endpoint, the token (or the localhost rule)
   is checked before a byte of the body is read: 401 or 403.
4. **Bodies, as they arrive.** Each endpoint has a body limit; a
   ``Content-Length`` over it is refused before reading, and a body without
   one (chunked) is counted as it streams in: 413 as soon as it is over,
   whatever the route was doing with it. Memory stays bounded by the limit.

The answers are the API's error body (``{"error": {...}}``) under
``/api/``, and whatever ``page_error`` makes elsewhere (the web's HTML
error page).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsgraph.model.http import SMALL_BODY, WriteRule

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ErrorPage = Callable[[int, str], tuple[bytes, dict[str, str]]]
"""An error's body and headers (with its content type) for a page (not an
API path)."""

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class BodyRule:
    """One endpoint's body limit: requests with ``method`` on a path that
    matches ``path`` (a full-match regex) take at most ``limit`` bytes.
    ``write``: the endpoint is a write (the writer is checked before the
    body); ``form_token``: the token may come in the form instead of the
    Authorization header (then the page checks it, after the body)."""

    method: str
    path: str
    limit: int
    write: bool = False
    form_token: bool = False

    def matches(self, method: str, path: str) -> bool:
        return method == self.method and re.fullmatch(self.path, path) is not None


class BodyTooLarge(Exception):
    """Raised into the app by ``receive`` once a body is over its limit."""


def host_name(value: str) -> tuple[str, int | None]:
    """A Host header (or an origin's netloc) as a lower-case name without a
    trailing dot, and its port if it gives one: ``[::1]:8000`` is
    ``("::1", 8000)``."""
    value = value.strip().lower()
    port: int | None = None
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        if rest.startswith(":") and rest[1:].isascii() and rest[1:].isdigit():
            port = int(rest[1:])
        return name, port
    name, colon, tail = value.rpartition(":")
    if colon and ":" not in name and tail.isascii() and tail.isdigit() and len(tail) <= 5:
        port = int(tail)
    else:
        name = value
    return name.rstrip("."), port


class HostCheck:
    """The host names a server answers to: exact names, ``*.example.org``
    for subdomains, ``*`` for any."""

    def __init__(self, names: Iterable[str]) -> None:
        cleaned = [n.strip().lower().rstrip(".") for n in names if n.strip()]
        self.any = "*" in cleaned
        self.suffixes = tuple(n[1:] for n in cleaned if n.startswith("*."))
        self.names = frozenset(n.strip("[]") for n in cleaned if not n.startswith("*"))

    def __contains__(self, host: str) -> bool:
        if self.any:
            return True
        name, _port = host_name(host)
        return bool(name) and (
            name in self.names or any(name.endswith(suffix) for suffix in self.suffixes)
        )

    def __repr__(self) -> str:
        return f"HostCheck({sorted(self.names)!r}, suffixes={self.suffixes!r}, any={self.any})"


def default_hosts(bound: str | None, names: Iterable[str] = ()) -> list[str]:
    """The hosts a server bound to ``bound`` answers to: ``names``, that
    address (unless it is a wildcard such as 0.0.0.0) and always this
    machine's own names (no hostile page can send those: they are safe)."""
    extra = [bound] if bound and bound not in {"0.0.0.0", "::", ""} else []
    return list(dict.fromkeys([*names, *extra, *LOCAL_NAMES]))


def same_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` header names the site ``host`` (the Host
    header). A missing port is the default of the origin's scheme (the
    browser's: a proxy in front may speak another)."""
    if origin == "null":
        return False
    parts = urlsplit(origin)
    if not parts.scheme or not parts.netloc:
        return False
    origin_name, origin_port = host_name(parts.netloc)
    name, port = host_name(host)
    default = DEFAULT_PORTS.get(parts.scheme.lower())
    return origin_name == name and (origin_port or default) == (port or default)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class RequestGuard:
    """The ASGI middleware described above. ``hosts``: the Host check
    (None: any host); ``rules``: the endpoints with their own body limit
    (any other takes ``default_limit`` bytes); ``writers``: who may write;
    ``page_error``: the body of an error answered outside ``/api/``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: HostCheck | None,
        rules: Sequence[BodyRule],
        writers: WriteRule,
        default_limit: int = SMALL_BODY,
        page_error: ErrorPage | None = None,
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.rules = tuple(rules)
        self.writers = writers
        self.default_limit = default_limit
        self.page_error = page_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await self.answer(scope, send, *refusal)
            return
        await self.counted(scope, receive, send, self.rule_for(scope))

    def rule_for(self, scope: Scope) -> BodyRule | None:
        method, path = scope["method"], scope["path"]
        return next((r for r in self.rules if r.matches(method, path)), None)

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """What is wrong with the request before its body is read, if anything."""
        host = _header(scope, b"host") or ""
        if self.hosts is not None and host not in self.hosts:
            return 400, f"this server does not answer to the host {host[:100]!r}"
        method = scope["method"]
        origin = _header(scope, b"origin")
        if method in UNSAFE and origin is not None:
            if not same_origin(origin, host):
                return 403, f"a {method} from another site ({origin[:100]!r}) is refused"
        rule = self.rule_for(scope)
        if rule is not None and rule.write:
            authorization = _header(scope, b"authorization")
            client = scope.get("client")
            denied = self.writers.refusal(
                authorization=authorization, client=client[0] if client else None
            )
            if denied is not None and not (
                rule.form_token and self.writers.token and authorization is None
            ):
                return denied
        limit = rule.limit if rule is not None else self.default_limit
        length = _header(scope, b"content-length")
        if length is not None:
            if not (length.isascii() and length.strip().isdigit()):
                return 400, "the Content-Length header is not a number"
            if int(length) > limit:
                return 413, self.too_large(limit)
        return None

    @staticmethod
    def too_large(limit: int) -> str:
        size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
        return f"the request body is over the limit of {size} for this endpoint"

    async def counted(
        self, scope: Scope, receive: Receive, send: Send, rule: BodyRule | None
    ) -> None:
        """Run the app with a ``receive`` that counts the body's bytes and
        raises into the app once they pass the limit; whatever the app then
        answers is replaced by the 413."""
        limit = rule.limit if rule is not None else self.default_limit
        received = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the 413 is (or will be) the answer
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:  # BodyTooLarge, bare or wrapped (an ExceptionGroup of a task group)
            if not over or started:
                raise
        if over and not started:
            await self.answer(scope, send, 413, self.too_large(limit))

    async def answer(self, scope: Scope, send: Send, status: int, message: str) -> None:
        """The error answer: the API's JSON body under /api/, else the page's."""
        if self.page_error is not None and not scope["path"].startswith("/api/"):
            body, extra = self.page_error(status, message)
        else:
            error = {"error": {"status": status, "message": message}}
            body, extra = json.dumps(error).encode(), {"content-type": "application/json"}
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
        headers += [(b"content-length", str(len(body)).encode()), (b"connection", b"close")]
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="newsgraph"'))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
