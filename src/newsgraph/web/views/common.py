"""What the page modules share: reading parameters leniently (a bad value
is a message on the page, never a JSON error)."""

from __future__ import annotations

from collections.abc import Mapping

from newsgraph.errors import QueryError
from newsgraph.store.read import date_bound, parse_id


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
