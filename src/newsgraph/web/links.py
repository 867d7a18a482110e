"""Links the pages make: our own routes with query strings, and outside
URLs only when they are plain ``http``/``https`` (anything else, such as a
``javascript:`` URL in an article's data, is shown as text)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\]")

Params = Mapping[str, str | int | None]


def safe_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL a browser reads the same
    way we do (no whitespace, control characters or backslashes, which
    browsers strip or rewrite), else None."""
    if not isinstance(value, str) or _UNSAFE_CHARS.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return value


def href(path: str, params: Params | None = None, **more: str | int | None) -> str:
    """``path`` with the non-empty parameters as a query string."""
    merged = {**(params or {}), **more}
    query = urlencode([(k, str(v)) for k, v in merged.items() if v is not None and v != ""])
    return f"{path}?{query}" if query else path


def host(value: object) -> str:
    """The host of an http(s) URL (``www.`` dropped), for a link's label."""
    url = safe_url(value)
    if url is None:
        return ""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")
