"""The server's cache of pages and API answers, keyed on the knowledge
base's version (``store.aggregates.kb_version``, a number every write bumps
in its own transaction): an answer is kept with the version it was made
for and served again only while the version is the same, so nothing stale
is ever served and nothing needs expiring.

Only ``GET`` and ``HEAD`` answers with status 200 are kept, keyed on the
method, path and query string (never on headers or tokens: no page or
answer depends on who asks), and only when they are not downloads and not
over ``MAX_ITEM`` bytes; ``/api/v1/health`` and ``/static`` pass through.
Each server process keeps its own, least recently used first out."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from anyio import to_thread

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

MAX_ITEMS = 2000
MAX_ITEM = 1024 * 1024
MAX_BYTES = 128 * 1024 * 1024
PASS_THROUGH = ("/api/v1/health", "/static/")


class VersionCache:
    """ASGI middleware: answers cached per knowledge-base version.
    ``version()`` reads the version (a quick query; run in a thread)."""

    def __init__(self, app: ASGIApp, version: Callable[[], int]) -> None:
        self.app = app
        self.version = version
        self.items: OrderedDict[tuple[str, str, bytes], tuple[Message, bytes]] = OrderedDict()
        self.size = 0
        self.seen = -1

    def _clear(self) -> None:
        self.items.clear()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") not in {"GET", "HEAD"}
            or path.startswith(PASS_THROUGH)
        ):
            await self.app(scope, receive, send)
            return
        try:
            version = await to_thread.run_sync(self.version)
        except Exception:  # the database is gone: let the app answer (and say so)
            await self.app(scope, receive, send)
            return
        if version != self.seen:
            self._clear()
            self.seen = version
        key = (scope["method"], path, scope.get("query_string", b""))
        hit = self.items.get(key)
        if hit is not None:
            self.items.move_to_end(key)
            start, body = hit
            headers = [*start["headers"], (b"x-newsgraph-cache", b"hit")]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        start_message: Message = {}
        chunks: list[bytes] = []
        keep = True

        async def sending(message: Message) -> None:
            nonlocal keep, start_message
            if message["type"] == "http.response.start":
                start_message = message
                names = {name.lower() for name, _ in message.get("headers", [])}
                keep = message.get("status") == 200 and b"content-disposition" not in names
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-newsgraph-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(len(c) for c in chunks) > MAX_ITEM:
                    keep = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, sending)
        if keep and start_message and version == self.seen:
            body = b"".join(chunks)
            self.items[key] = (start_message, body)
            self.size += len(body)
            while len(self.items) > MAX_ITEMS or self.size > MAX_BYTES:
                _, (_, old) = self.items.popitem(last=False)
                self.size -= len(old)
