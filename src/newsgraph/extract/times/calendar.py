"""Calendar arithmetic for TIMEX3 values: what a value is resolved against
(``TimexContext``: the words, the reference date, the tense), the nearest
occurrence of a yearly day, ISO weeks, shifts by a unit, durations, spelled
numbers and holidays. The grammar reads the text; this only computes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from newsgraph.extract.times.vocabulary import Unit, Vocabulary

Kind = Literal["date", "time", "duration", "set"]
Tense = Literal["past", "present", "future"]
Result = tuple[str | None, Kind]


@dataclass(frozen=True)
class TimexContext:
    """What a value is resolved against: the words, the reference date, the tense
    of the sentence, and whether the word before the expression marks it as a date
    ("in May", "since 2009", "for years") or the parser labelled it one."""

    vocab: Vocabulary
    ref: dt.date | None = None
    tense: Tense | None = None
    anchored: bool = True


RELATIONS = {
    "last": "last", "past": "last", "previous": "last", "this past": "last", "latest": "last",
    "next": "next", "coming": "next", "this coming": "next", "following": "next",
    "this": "this", "current": "this",
}  # fmt: skip
STEPS = {"last": -1, "this": 0, "next": 1}


def relation(word: str | None) -> str | None:
    """The relation a word states: "last", "this" or "next" ("this past" is "last")."""
    return RELATIONS.get(" ".join(word.lower().split())) if word else None


def occurrence(
    ctx: TimexContext,
    key: Callable[[int], int | None],
    now: int,
    rel: str | None,
    tense: Tense | None,
) -> int | None:
    """Which occurrence of a yearly thing (a month, a season, a holiday...) is
    meant. ``key(year)`` numbers its occurrence in a year comparably with
    ``now``: "last" is the latest before now, "next" the first after, "this" this
    year's; else past tense the latest up to now, future the first from now on,
    and otherwise the nearest."""
    assert ctx.ref is not None
    keys = [key(y) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    if rel == "this":
        return keys[1]
    valid = [k for k in keys if k is not None]
    if rel == "last" or (rel is None and tense == "past"):
        return max((k for k in valid if k < now or (k == now and rel is None)), default=None)
    if rel == "next" or (rel is None and tense == "future"):
        return min((k for k in valid if k > now or (k == now and rel is None)), default=None)
    return min(valid, key=lambda k: (abs(k - now), k > now), default=None)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_date(weekday: int, ctx: TimexContext, rel: str | None = None) -> dt.date | None:
    """A weekday (Monday = 1): the most recent one, today included, as news
    reports it, unless the sentence is in the future tense; "last" and "next"
    exclude today."""
    if ctx.ref is None:
        return None
    today = ctx.ref.isoweekday()
    if rel == "this":
        return ctx.ref + dt.timedelta(days=weekday - today)
    if rel == "next" or (rel is None and ctx.tense == "future"):
        return ctx.ref + dt.timedelta(days=(weekday - today) % 7 or (7 if rel else 0))
    return ctx.ref - dt.timedelta(days=(today - weekday) % 7 or (7 if rel else 0))


def shift(ref: dt.date, letter: str, amount: int) -> str:
    """``ref`` moved by ``amount`` units, written at the unit's granularity."""
    month, quarter = ref.year * 12 + ref.month - 1 + amount, ref.year * 4 + (ref.month - 1) // 3
    values = {
        "Y": lambda: f"{ref.year + amount:04d}",
        "M": lambda: f"{month // 12:04d}-{month % 12 + 1:02d}",
        "W": lambda: iso_week(ref + dt.timedelta(weeks=amount)),
        "Q": lambda: f"{(quarter + amount) // 4:04d}-Q{(quarter + amount) % 4 + 1}",
        "DE": lambda: f"{ref.year // 10 + amount:03d}",
        "CE": lambda: f"{ref.year // 100 + amount:02d}",
    }
    return values.get(letter, lambda: (ref + dt.timedelta(days=amount)).isoformat())()


SMALLER = {"Y": ("M", 12), "W": ("D", 7), "D": ("H", 24), "hour": ("M", 60), "minute": ("S", 60)}


def duration(amount: float | None, unit: Unit, fuzzy_letter: str | None = None) -> str:
    """A TIMEX3 duration: P10Y, PT24H, P2Y6M ("2 1/2 years"), PXY ("years")."""
    prefix = "PT" if unit.time else "P"
    if amount is None:
        return f"{prefix}X{fuzzy_letter or unit.letter}"
    total = amount * unit.size
    whole, rest = int(total), total - int(total)
    smaller = SMALLER.get(unit.name if unit.time else unit.letter)
    if not rest or smaller is None:
        return f"{prefix}{total:g}{unit.letter}"
    letter, factor = smaller
    head = f"{prefix}{whole}{unit.letter}" if whole else prefix
    tail = f"{round(rest * factor)}{letter}"
    return head + ("T" + tail if unit.letter == "D" else tail)


def number(text: str, vocab: Vocabulary) -> float | None:
    """The amount of "two", "twenty-four", "two thousand", "1,000", "5 1/2"; None
    for "several"."""
    table = vocab.numbers
    words = " ".join(text.lower().replace("-", " ").replace("½", " 1/2").split())
    if words.startswith("half"):
        return 0.5
    if words.endswith(" 1/2"):
        whole = number(words[:-4], vocab)
        return None if whole is None else whole + 0.5
    if words in table:
        return float(table[words])
    if re.fullmatch(r"[\d,]+(\.\d+)?", words):
        return float(words.replace(",", ""))
    parts = words.split()
    if len(parts) == 2 and all(p in table for p in parts):
        first, second = table[parts[0]], table[parts[1]]
        return float(first * second if second in (100, 1000) else first + second)
    return None


def holiday_date(spec: Any, year: int) -> dt.date:
    """A fixed "MM-DD" holiday, or the nth (-1: last) weekday of a month."""
    if isinstance(spec, str):
        return dt.date(year, *(int(p) for p in spec.split("-")))
    if spec["nth"] > 0:
        first = dt.date(year, spec["month"], 1)
        offset = (spec["weekday"] - first.isoweekday()) % 7 + 7 * (spec["nth"] - 1)
        return first + dt.timedelta(days=offset)
    following = dt.date(year + spec["month"] // 12, spec["month"] % 12 + 1, 1)
    return following - dt.timedelta(days=(following.isoweekday() - spec["weekday"] - 1) % 7 + 1)
