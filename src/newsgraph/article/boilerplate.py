"""Recognise the lines of a page that are not article text.

The patterns are data (``data/boilerplate.yaml``): one regular expression per
line, grouped by kind. A line is matched whole, case-insensitively.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from newsgraph import data
from newsgraph.errors import NewsgraphError

Kind = Literal["stamp", "copyright", "trailer", "caption", "advert", "promo", "related"]
KINDS: tuple[Kind, ...] = ("copyright", "stamp", "trailer", "caption", "advert", "promo", "related")


@cache
def _patterns() -> dict[Kind, re.Pattern[str]]:
    table = data.load("boilerplate")
    compiled: dict[Kind, re.Pattern[str]] = {}
    for kind in KINDS:
        patterns = [p for p in table.get(kind, []) if p and p.strip()]
        if len(patterns) != len(table.get(kind, [])):
            raise NewsgraphError(f"data/boilerplate.yaml: empty pattern under {kind!r}")
        if patterns:
            compiled[kind] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return compiled


def classify(line: str) -> Kind | None:
    """The kind of boilerplate ``line`` is, or None for (possible) article text."""
    stripped = line.strip().strip("*_#>|•·").strip()
    if not stripped:
        return "advert"
    for kind, pattern in _patterns().items():
        if pattern.fullmatch(stripped):
            return kind
    return None
