"""What the page modules share: reading parameters leniently (a bad value
is a message on the page, never a JSON error)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request

from newsgraph.errors import QueryError
from newsgraph.model.http import WriteRule
from newsgraph.store.read import date_bound, parse_id


def _same_origin(request: Request) -> bool:
    """Whether a form was sent from this site's own page: its Origin, else
    its Referer, is this server. A request with neither is no browser's
    cross-site form (browsers send Origin with every cross-site POST)."""
    here = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin:
        return origin == here
    referer = request.headers.get("referer")
    if referer is None:
        return True
    return referer == here or referer.startswith(here + "/")


def form_write_refusal(request: Request, form: Any) -> str | None:
    """Why a page's write (a form) is refused, or None when it may happen:
    the server's one write rule (``app.state.writers``: the token, typed
    into the form, when the server has one; else this machine only), and
    only from this site's own pages."""
    if not _same_origin(request):
        return "This form must be sent from this site's own page."
    writers: WriteRule = request.app.state.writers
    given = form.get("token")
    refusal = writers.refusal(
        authorization=request.headers.get("authorization"),
        client=request.client.host if request.client else None,
        token_field=given if isinstance(given, str) and given else None,
    )
    if refusal is None:
        return None
    if writers.token:
        return "This server needs its write token (NEWSGRAPH_TOKEN) in the form."
    return f"Refused: {refusal[1]}."


def needs_token(request: Request) -> bool:
    """Whether the page's forms must ask for the write token."""
    return bool(request.app.state.writers.token)


def int_id(text: str | None) -> int | None:
    """A positive id in ASCII digits from a path or query parameter, else None."""
    return parse_id(text or "")


def text_param(params: Mapping[str, str], name: str, limit: int = 300) -> str | None:
    """A text parameter with its white space folded, NUL bytes and other
    control characters dropped, and cut at ``limit`` characters."""
    value = params.get(name) or ""
    value = "".join(c for c in value if c.isprintable() or c.isspace())
    value = " ".join(value.split())[:limit]
    return value or None


def date_problems(**dates: str | None) -> list[str]:
    """Messages for the dates that are not YYYY, YYYY-MM or YYYY-MM-DD."""
    problems = []
    for name, value in dates.items():
        try:
            date_bound(value)
        except QueryError:
            problems.append(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return problems
