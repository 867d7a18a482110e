"""Datelines at the head of the first paragraph.

"TEHRAN, Iran — ...", "WASHINGTON (AP) — ...", "KYIV, Nov 10 (Reuters) - ...",
"NEW YORK, March 3, 2021 (AP) — ...", "Paris (AFP) - ...", "(Bloomberg) -- ...".
The place is kept as printed; a date with a year in it is a publication date;
the agency in brackets names the outlet. The dateline stays in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.article.dates import MONTH, find_date
from newsgraph.article.outlets import known_outlet

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.](?:-[A-Z]+)?"
_TITLE_WORD = r"[A-Z][A-Za-z'’.\-]*"
_DATE = rf"(?:(?i:{MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?i:{MONTH})(?:\s+\d{{4}})?)"
# Labels that open headlines and teasers the way a place opens a dateline.
_LABELS = frozenset(
    "BREAKING EXCLUSIVE UPDATE UPDATED WATCH LIVE ANALYSIS OPINION EDITORIAL COMMENT "
    "REVIEW CORRECTION VIDEO PHOTOS FACT CHECK ALERT URGENT FLASH NOTE EXPLAINER "
    "INTERVIEW PODCAST NEWS LATEST DEVELOPING SPECIAL REPORT FEATURE".split()
)
_DASH = r"(?:—|–|--|-|:)"
_REGION = rf"(?:,\s+{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}})"

# CAPS place, optional ", Region", optional ", date", optional "(Agency)", dash
_CAPS_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}{_REGION}?)"
    rf"(?:,\s+(?P<date>{_DATE}))?"
    rf"\s*(?:\((?P<agency>[^()]{{1,40}})\))?\s*{_DASH}\s+(?=\S)"
)
# Title-case place only with an agency: "Paris (AFP) -", "Kyiv, Nov 10 (Reuters) -"
_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}}{_REGION}?)"
    rf"(?:,\s+(?P<date>{_DATE}))?"
    rf"\s*\((?P<agency>[^()]{{1,40}})\)\s*{_DASH}\s+(?=\S)"
)
# No place: "(Bloomberg) -- "
_AGENCY_ONLY = re.compile(rf"^\((?P<agency>[^()]{{1,40}})\)\s*{_DASH}\s+(?=\S)")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: dt.date | None
    outlet: str | None
    end: int  # where the dateline ends in the paragraph


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None."""
    for pattern in (_CAPS_DATELINE, _AGENCY_DATELINE, _AGENCY_ONLY):
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        agency = groups.get("agency")
        outlet = known_outlet(agency) if agency else None
        if agency and not outlet and pattern is not _CAPS_DATELINE:
            continue  # "(something) -" is not a dateline unless it names an agency
        place = groups.get("place")
        if place and (len(place) > 60 or set(place.replace(",", " ").split()) & _LABELS):
            continue
        date = find_date(groups["date"]) if groups.get("date") else None
        return Dateline(place=place, date=date, outlet=outlet, end=match.end())
    return None
