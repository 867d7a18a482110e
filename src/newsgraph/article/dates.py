"""Full calendar dates in stamps and datelines ("Published 11 January 2018",
"Jan. 11, 2018 at 4:19 p.m. EST", "2018-01-11T09:00:00Z").

Only a date with a year, a month and a day counts: a date without a year
("Nov 10" in a Reuters dateline) or a relative one ("3 hours ago") gives None,
and so does a copyright year. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?!\d)",
    re.IGNORECASE,
)
_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def find_date(text: str) -> dt.date | None:
    """The first full calendar date written in ``text``, or None."""
    for match in _FULL_DATE.finditer(text):
        found = parse_date(match.group(0))
        if found is not None:
            return found
    return None


def parse_date(value: str) -> dt.date | None:
    """A date from a metadata value: ISO 8601 (date or date-time) or a written
    full date ("11 January 2018"); None when it names no full date."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if not re.search(r"\d{4}", value):
        return None
    parsed = dateparser.parse(value, languages=["en"], settings=_SETTINGS)
    return parsed.date() if parsed else None
