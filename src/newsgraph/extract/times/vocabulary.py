"""The words of temporal expressions: months, weekdays, seasons, units,
numbers, holidays and tense cues, read from ``data/timex.yaml`` once per
process, and the regex fragments that every rule shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph import data

YEAR = r"(?:1[0-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class Unit:
    name: str  # singular: "decade"
    letter: str  # TIMEX3 unit letter: Y, M, W, D, H, M, S
    size: int  # how many of `letter` one of it is (a decade is 10 Y)
    time: bool  # written after "T" (PT3H)


@dataclass(frozen=True)
class Vocabulary:
    """The words of ``data/timex.yaml`` (see the comments there)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_months: dict[str, list[int]]
    day_parts: dict[str, str]
    units: dict[str, Unit]  # singular and plural forms
    fuzzy_units: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    decades: dict[str, int]
    references: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, Any]
    lists: dict[str, list[str]]  # fuzzy_amounts, modifiers, anchors
    cues: dict[str, frozenset[str]]  # future_prepositions, future_words, ..., past_prepositions


def _plural(word: str) -> str:
    if word.endswith("ium"):
        return word[:-3] + "ia"
    return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"


@cache
def vocabulary() -> Vocabulary:
    """The words of ``data/timex.yaml``, read once per process."""
    raw: dict[str, Any] = data.load("timex")
    units: dict[str, Unit] = {}
    for word, spec in raw["units"].items():
        unit = Unit(word, spec["unit"], int(spec["size"]), bool(spec.get("time", False)))
        units[word] = units[_plural(word)] = unit
    cues = {
        f"{direction}_{key}": frozenset(str(w) for w in words)
        for direction in ("future", "past")
        for key, words in raw[f"{direction}_cues"].items()
    }
    return Vocabulary(
        **{k: dict(raw[k]) for k in ("months", "weekdays", "seasons", "day_parts", "fuzzy_units")},
        **{k: dict(raw[k]) for k in ("numbers", "ordinals", "decades", "references", "sets")},
        season_months={k: list(v) for k, v in raw["season_months"].items()},
        units=units,
        holidays=dict(raw["holidays"]),
        lists={k: [str(w) for w in raw[k]] for k in ("fuzzy_amounts", "modifiers", "anchors")},
        cues=cues,
    )


def words(items: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
