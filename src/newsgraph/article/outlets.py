"""Outlets and wire services: from the strings that credit them to one name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsgraph import data


@dataclass(frozen=True)
class _OutletTable:
    by_alias: dict[str, str]  # casefolded alias -> canonical name
    by_code: dict[str, str]  # code as written -> canonical name
    pattern: re.Pattern[str]  # any alias or code, longest first
    credits: list[tuple[re.Pattern[str], str]]  # trailer styles that name an outlet
    countries: dict[str, str]  # canonical name -> ISO alpha-3 of its home country


@cache
def _table() -> _OutletTable:
    by_alias: dict[str, str] = {}
    by_code: dict[str, str] = {}
    credits: list[tuple[re.Pattern[str], str]] = []
    countries: dict[str, str] = {}
    for entry in data.load("outlets")["outlets"]:
        name = entry["name"]
        if entry.get("country"):
            countries[name] = entry["country"]
        credits.extend((re.compile(c, re.IGNORECASE), name) for c in entry.get("credits", []) if c)
        by_alias[name.casefold()] = name
        for alias in entry.get("aliases", []):
            by_alias[alias.casefold()] = name
        for code in entry.get("codes", []):
            by_code[code] = name
    aliases = sorted(by_alias, key=len, reverse=True)
    codes = sorted(by_code, key=len, reverse=True)
    alternatives = [f"(?i:{re.escape(a)})" for a in aliases] + [re.escape(c) for c in codes]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    return _OutletTable(by_alias, by_code, pattern, credits, countries)


def canonical_outlet(name: str) -> str:
    """The canonical name of an outlet ("The Associated Press" -> "Associated
    Press"); a name the table does not know comes back trimmed."""
    return known_outlet(name) or name.strip(" ,.|-–—()")


def known_outlet(name: str) -> str | None:
    """The canonical name if ``name`` is exactly a known outlet, alias or code."""
    table = _table()
    for cleaned in (name.strip(" ,|-–—()"), name.strip(" ,.|-–—()")):
        found = table.by_code.get(cleaned) or table.by_alias.get(cleaned.casefold())
        if found:
            return found
    return None


def outlet_country(name: str) -> str | None:
    """The home country (ISO alpha-3) of a known outlet, if the table has it."""
    return _table().countries.get(name)


def find_outlet(text: str) -> str | None:
    """The first known outlet named anywhere in ``text``, canonical."""
    match = _table().pattern.search(text)
    return canonical_outlet(match.group(0)) if match else None


def strip_outlets(text: str) -> str:
    """``text`` with every known outlet name removed."""
    return _table().pattern.sub(" ", text)


def outlet_of_credit(line: str) -> str | None:
    """The outlet whose house style a trailer line is in ("(Reporting by A;
    Editing by B)" is Reuters'), or None."""
    for pattern, name in _table().credits:
        if pattern.fullmatch(line.strip()):
            return name
    return None
