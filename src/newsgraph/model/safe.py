"""Values made safe to store and to print, the same way on every backend.

- ``printable``: control characters (NUL, escape, the C1 block…) and lone
  surrogates replaced, one character for one, so offsets into a text stay
  right. PostgreSQL refuses NUL; a terminal obeys escape sequences.
- ``fitted``: a string cut to a column's size, with a marker that shows it was.
- ``shown``: a string for one line of an error message or a rejects file,
  control characters written as escapes (``\\x1b``), never obeyed.
- ``plausible_date``: a year the databases and date arithmetic can hold
  (0001-9998; 9999 leaves no room for "next year").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "TRUNCATED",
    "fitted",
    "fitted_key",
    "plausible_date",
    "printable",
    "shown",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")

TRUNCATED = "…[truncated]"
"""What ends a value cut to fit its column."""

MIN_YEAR, MAX_YEAR = 1, 9998


def printable(text: str) -> str:
    """``text`` with control characters as spaces and lone surrogates as
    U+FFFD; tabs and line breaks kept; the length unchanged."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def fitted(value: str | None, limit: int) -> str | None:
    """``value`` cut to at most ``limit`` characters, ending with ``TRUNCATED``
    when it was cut; None stays None."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - len(TRUNCATED)] + TRUNCATED


def fitted_key(value: str, limit: int) -> str:
    """A unique key cut to ``limit`` characters: a longer one keeps its start
    and ends with a hash of the whole, so two long keys never meet."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{value[: limit - 33]}#{digest}"


def shown(text: str, limit: int = 500) -> str:
    """``text`` for one line of a message: control characters, line breaks
    and lone surrogates escaped (``\\x1b``, ``\\n``), at most ``limit``
    characters."""
    text = _UNSHOWABLE.sub(lambda m: repr(m.group(0))[1:-1], text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plausible_date(value: dt.date | None) -> bool:
    """Whether ``value`` is a date the knowledge base keeps (years 1-9998)."""
    return value is None or MIN_YEAR <= value.year <= MAX_YEAR
