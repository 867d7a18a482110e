"""Recognise the lines of a page that are not article text.

The patterns are data (``data/boilerplate.yaml``): one regular expression per
line, grouped by kind. A line is matched whole, case-insensitively.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
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
        patterns = table.get(kind) or []
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern.strip():
                raise NewsgraphError(f"boilerplate.yaml: empty or non-text pattern under {kind!r}")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise NewsgraphError(
                    f"boilerplate.yaml: pattern under {kind!r} is not a valid regular "
                    f"expression ({exc}): {pattern}"
                ) from None
        if patterns:
            compiled[kind] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return compiled


@lru_cache(maxsize=65_536)
def classify(line: str) -> Kind | None:
    """The kind of boilerplate ``line`` is, or None for (possible) article text."""
    stripped = line.strip().strip("*_#>|•·").strip()
    if not stripped:
        return "advert"
    for kind, pattern in _patterns().items():
        if pattern.fullmatch(stripped):
            return kind
    return None
