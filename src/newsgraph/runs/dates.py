"""Publication dates for undated corpora, per input file.

An article's own date (its metadata, a dateline, a "Published" stamp) always
wins. For an article without one, in this order:

1. ``--dates FILE.csv``: a CSV of ``path,date`` rows (a header row is
   allowed), the date as ``YYYY-MM-DD``; paths are matched as written,
   resolved against the CSV's folder, or by file name when that is unique;
2. ``--date-from-path``: a ``YYYY-MM-DD``, ``YYYY/MM/DD`` or ``YYYYMMDD``
   date in the input's path (``archive/2004/11/03/story.txt``);
3. ``--date``: one date for the whole run.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from newsgraph.errors import InputError

__all__ = ["DateSource", "date_from_path", "read_dates"]

DateSource = Callable[[str], dt.date | None]
"""The date for an article's source (``file`` or ``file (line 3)``), or None."""

_PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-/_]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


def _file_of(source: str) -> str:
    """The file part of an article's source ("feed.jsonl (line 3)" -> "feed.jsonl")."""
    return re.sub(r" \((?:line|offset|record) [^)]*\)$", "", source)


def date_from_path(source: str) -> dt.date | None:
    """A date written in the path: 2004-11-03, 2004/11/03, 2004_11_03 or 20041103."""
    for found in reversed(list(_PATH_DATE.finditer(_file_of(source)))):
        try:
            return dt.date(int(found[1]), int(found[3]), int(found[4]))
        except ValueError:
            continue
    return None


def read_dates(path: Path) -> DateSource:
    """The dates of a ``path,date`` CSV file. A missing file, or a row whose
    date is not YYYY-MM-DD, is an InputError naming the file and line."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the dates file ({exc.strerror})") from None
    exact: dict[str, dt.date] = {}
    by_name: dict[str, list[dt.date]] = {}
    with handle:
        for number, row in enumerate(csv.reader(handle), 1):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) < 2:
                raise InputError(str(path), "expected `path,date`", line=number)
            name, value = row[0].strip(), row[1].strip()
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                if number == 1:
                    continue  # a header row: path,date
                raise InputError(
                    str(path), f"{value!r} is not a YYYY-MM-DD date", line=number
                ) from None
            for form in {name, str((path.parent / name).resolve()), str(Path(name).resolve())}:
                exact[form] = day
            by_name.setdefault(Path(name).name, []).append(day)

    def date_of(source: str) -> dt.date | None:
        file = _file_of(source)
        found = exact.get(file) or exact.get(str(Path(file).resolve()))
        if found is None:
            days = by_name.get(Path(file).name, [])
            found = days[0] if len(days) == 1 else None
        return found

    return date_of
