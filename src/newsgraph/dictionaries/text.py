"""Reading the dictionary files line by line, and the small pieces of syntax
every file shares: comments, phrases, dates and date windows.

Encoding: each file is read as bytes and decoded as UTF-8 where that works,
else line by line, a line that is not UTF-8 as latin-1; reading never fails
on a stray byte. Comments: a line that starts with ``#`` or ``<!``, anything
after a ``#``, and ``<!-- ... -->`` (also over several lines) are dropped, and
so are blank lines.

Dates: ``yymmdd`` or ``yyyymmdd``. A two-digit year ``yy`` is read as ``20yy``
when ``yy < pivot`` and ``19yy`` otherwise; the default pivot, 30, reads
``320101`` as 1932-01-01, ``990101`` as 1999-01-01 and ``070723`` as
2007-07-23 (KEDS and TABARI used the same cut; no date in the Phoenix files
has a two-digit year from 15 to 30).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from newsgraph.dictionaries.model import phrase_key

__all__ = [
    "DEFAULT_PIVOT",
    "content_lines",
    "parse_date",
    "parse_window",
    "phrase_problem",
    "read_text_lines",
]

DEFAULT_PIVOT = 30
_DATE = re.compile(r"\d{6}|\d{8}")
_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")


def read_text_lines(path: Path) -> list[str]:
    """The lines of ``path`` (without their line ends), decoded as the module
    docstring says; line N of the file is item N - 1."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = "\n".join(_decode_line(raw) for raw in data.split(b"\n"))
    return [line.removesuffix("\r") for line in text.split("\n")]


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of every line of ``path`` that holds something
    besides comments, the comments cut off (right end not stripped)."""
    in_comment = False
    for number, line in enumerate(read_text_lines(path), start=1):
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            in_comment = False
            line = line[end + 3 :]
        elif line.startswith("#"):
            continue
        elif line.startswith("<!") and "<!--" not in line:
            continue
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            end = tail.find("-->")
            if end < 0:
                in_comment = True
                line = head
                break
            line = head + tail[end + 3 :]
        hash_at = line.find("#")
        if hash_at >= 0:
            line = line[:hash_at]
        if line.strip():
            yield number, line


def phrase_problem(text: str) -> str | None:
    """Why ``text`` can't be a phrase (a stray bracket, a damaged character,
    no word at all), or None when it can."""
    if any(ch in text for ch in "[]{}"):
        return "stray bracket in phrase"
    for ch in text:
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t"):
            return f"damaged character {ch!r} in phrase"
    key = phrase_key(text)
    if not any(ch.isalnum() for ch in key):
        return "no words in phrase"
    return None


def parse_date(text: str, pivot: int = DEFAULT_PIVOT) -> dt.date:
    """``yymmdd`` or ``yyyymmdd`` as a date (two-digit years by ``pivot``);
    ValueError saying what is wrong otherwise."""
    if not _DATE.fullmatch(text):
        raise ValueError(f"date {text!r} is not yymmdd or yyyymmdd")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < pivot else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


def parse_window(text: str, pivot: int = DEFAULT_PIVOT) -> tuple[dt.date | None, dt.date | None]:
    """A date window as written after a code: ``""`` (always), ``>date``
    (from), ``<date`` (until), ``date-date`` (between; both ends included).
    ValueError saying what is wrong otherwise."""
    text = text.strip()
    if not text:
        return None, None
    if text[0] in "<>":
        day = parse_date(text[1:].strip(), pivot)
        return (day, None) if text[0] == ">" else (None, day)
    found = _RANGE.fullmatch(text)
    if found is None:
        if _DATE.fullmatch(text):
            raise ValueError(f"date {text!r} without '<', '>' or a second date")
        raise ValueError(f"date window {text!r} is not date-date, >date or <date")
    start, end = parse_date(found[1], pivot), parse_date(found[2], pivot)
    if end < start:
        raise ValueError(f"date window {text!r} ends before it starts")
    return start, end
