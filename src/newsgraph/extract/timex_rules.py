"""TIMEX3 values of temporal expressions: the words, the calendar arithmetic and
one value function per rule of the grammar in ``times``.

A value function takes the rule's regex match (reading its named groups) and a
``Context`` — the words, the reference (publication) date, the tense of the
sentence — and returns ``(value, kind)``; ``None`` instead of a pair means "not a temporal
expression here". Values follow TIMEX3: 2018-01-11, 2017-SU, 2018-W01, P10Y,
XXXX-WXX-1, PRESENT_REF. Calendar rules: a bare month or weekday is the most
recent one unless the sentence speaks of the future; "last May" is the latest
May before the reference month. Without a reference date, values that need
one are ``None``. The words (months, units, holidays...) come from
``data/timex.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from newsgraph.extract.times import Unit, Vocabulary

Kind = Literal["date", "time", "duration", "set"]
Tense = Literal["past", "present", "future"]
Result = tuple[str | None, Kind]
ValueFunction = Callable[[re.Match[str], "Context"], Result | None]

YEAR = r"(?:1[0-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class Context:
    """What a value is resolved against: the words, the reference date, the tense
    of the sentence, and whether the word before the expression marks it as a date
    ("in May", "since 2009", "for years") or the parser labelled it one."""

    vocab: Vocabulary
    ref: dt.date | None = None
    tense: Tense | None = None
    anchored: bool = True


# --- calendar arithmetic ------------------------------------------------------

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
    ctx: Context, key: Callable[[int], int | None], now: int, rel: str | None, tense: Tense | None
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


def weekday_date(weekday: int, ctx: Context, rel: str | None = None) -> dt.date | None:
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


def _holiday_date(spec: Any, year: int) -> dt.date:
    """A fixed "MM-DD" holiday, or the nth (-1: last) weekday of a month."""
    if isinstance(spec, str):
        return dt.date(year, *(int(p) for p in spec.split("-")))
    if spec["nth"] > 0:
        first = dt.date(year, spec["month"], 1)
        offset = (spec["weekday"] - first.isoweekday()) % 7 + 7 * (spec["nth"] - 1)
        return first + dt.timedelta(days=offset)
    following = dt.date(year + spec["month"] // 12, spec["month"] % 12 + 1, 1)
    return following - dt.timedelta(days=(following.isoweekday() - spec["weekday"] - 1) % 7 + 1)


# --- value functions, one per rule of the grammar -----------------------------


def _lower(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _month(ctx: Context, text: str) -> int:
    return ctx.vocab.months[text.lower().rstrip(".")]


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _day(year: int, month: int, day: int, kind: Kind = "date") -> Result | None:
    found = make_date(year, month, day)
    return (found.isoformat(), kind) if found else None


def _on_day(ctx: Context, day: Callable[[int], dt.date | None], rel: str | None) -> str | None:
    """The date of a yearly day (a month and day, a holiday) near ``ctx.ref``."""
    assert ctx.ref is not None
    ordinal = occurrence(
        ctx, lambda y: found.toordinal() if (found := day(y)) else None, ctx.ref.toordinal(),
        rel, ctx.tense,
    )  # fmt: skip
    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None


def iso(m: re.Match[str], ctx: Context) -> Result | None:
    found = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    if found and m["h"]:
        return f"{found[0]}T{m['h']}:{m['mi']}", "time"
    return found


def numeric(m: re.Match[str], ctx: Context) -> Result | None:
    year = int(m["y"])
    if year < 100:  # 1/11/18: the century that keeps it no later than next year
        year += 2000 if 2000 + year <= (ctx.ref.year if ctx.ref else 2030) + 1 else 1900
    return _day(year, int(m["m"]), int(m["d"]))


def month_day(m: re.Match[str], ctx: Context) -> Result | None:
    month, day = _month(ctx, m["mon"]), _digits(m["day"])
    if m["y"]:
        return _day(int(m["y"]), month, day)
    if make_date(2000, month, day) is None:
        return None
    if ctx.ref is None:
        return None, "date"
    if m["wd"]:  # "Saturday, April 25": the year in which it is a Saturday
        weekday = ctx.vocab.weekdays[m["wd"].lower()]
        for year in (ctx.ref.year, ctx.ref.year + 1, ctx.ref.year - 1):
            found = make_date(year, month, day)
            if found and found.isoweekday() == weekday:
                return found.isoformat(), "date"
    rel = relation(m.groupdict().get("rel"))
    return _on_day(ctx, lambda y: make_date(y, month, day), rel), "date"


def month_alone(m: re.Match[str], ctx: Context) -> Result | None:
    month = _month(ctx, m["mon"])
    if m["y"]:
        return f"{m['y']}-{month:02d}", "date"
    rel = relation(m["rel"])
    if rel is None and not m["ry"] and not ctx.anchored:
        return None  # "Theresa May", "may"
    if ctx.ref is None:
        return None, "date"
    if m["ry"]:  # "July last year"
        return f"{ctx.ref.year + STEPS[m['ry'].lower()]:04d}-{month:02d}", "date"
    tense: Tense = "future" if ctx.tense == "future" else "past"  # "in March": past unless said
    now = ctx.ref.year * 12 + ctx.ref.month - 1
    key = occurrence(ctx, lambda y: y * 12 + month - 1, now, rel, tense)
    return (f"{key // 12:04d}-{key % 12 + 1:02d}" if key is not None else None), "date"


def weekday(m: re.Match[str], ctx: Context) -> Result | None:
    vocab = ctx.vocab
    day_number = vocab.weekdays[m["wd"].lower()]
    part = f"T{vocab.day_parts[m['part'].lower()]}" if m["part"] else ""
    if m["pl"]:  # "on Fridays"
        return f"XXXX-WXX-{day_number}{part}", "set"
    day = weekday_date(day_number, ctx, relation(m["rel"]))
    return (day.isoformat() + part if day else None), ("time" if part else "date")


def season(m: re.Match[str], ctx: Context) -> Result | None:
    vocab = ctx.vocab
    code = vocab.seasons[m["s"].lower()]
    if m["y"]:
        return f"{m['y']}-{code}", "date"
    det = _lower(m["det"])
    if not det or (det == "the" and code == "FA" and not ctx.anchored):  # "the fall was hard"
        return None
    if ctx.ref is None:
        return None, "date"
    index = list(vocab.season_months).index(code)
    month = ctx.ref.month
    current = next(c for c, months in vocab.season_months.items() if month in months)
    winter_new_year = current == "WI" and month < 6  # winter counts in its December's year
    now = (ctx.ref.year - winter_new_year) * 4 + list(vocab.season_months).index(current)
    rel = relation(re.sub(r"\s*\b(?:early|late|mid)-?$", "", det))
    key = occurrence(ctx, lambda y: y * 4 + index, now, rel, ctx.tense)
    return (f"{key // 4:04d}-{code}" if key is not None else None), "date"


def year(m: re.Match[str], ctx: Context) -> Result | None:
    return (m["y"], "date") if m["fy"] or ctx.anchored else None


def decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["cd"]:  # "the 1990s": 199; "the 1800s": the century, 18 (but "the 2000s": 200)
        return (m["cd"][:2] if m["cd"][2] == "0" and m["cd"] < "200" else m["cd"]), "date"
    if m["w"] and not m["the"]:
        return None
    digit = int(m["d"]) if m["d"] else ctx.vocab.decades[m["w"].lower()]
    if ctx.ref is None:
        return f"19{digit}", "date"
    century = ctx.ref.year // 100 - (digit > ctx.ref.year % 100 // 10)  # "the '90s" in 2018: 199
    return f"{century:02d}{digit}", "date"


def century(m: re.Match[str], ctx: Context) -> Result | None:
    count = ctx.vocab.ordinals.get(m["n"].lower()) or _digits(m["n"])
    return f"{count - 1:02d}", "date"


LETTERS = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "fiscal year": "Y",
           "quarter": "Q", "decade": "DE", "century": "CE"}  # fmt: skip


def relative(m: re.Match[str], ctx: Context) -> Result | None:
    word, unit = _lower(m["rel"]), _lower(m["u"])
    rel = relation(word)
    if unit in ("decade", "century") and m["the"] and rel != "this":
        return duration(1, ctx.vocab.units[unit]), "duration"  # "over the past decade"
    if word in ("following", "previous") or rel is None or ctx.ref is None:
        return None, "date"  # "the following week" is anchored to another event
    value = shift(ctx.ref, LETTERS[unit], STEPS[rel])
    return (value + "-WE" if unit == "weekend" else value), "date"


def weekend(m: re.Match[str], ctx: Context) -> Result | None:
    saturday = weekday_date(6, ctx)
    return (iso_week(saturday) + "-WE" if saturday else None), "date"


def year_end(m: re.Match[str], ctx: Context) -> Result | None:
    return (f"{ctx.ref.year:04d}" if ctx.ref else None), "date"


DAY_OFFSETS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip


def today(m: re.Match[str], ctx: Context) -> Result | None:
    word = _lower(m["w"] or m["w2"] or m["w3"])
    part = _lower(m["p"] or m["p2"] or m["p3"]) or ("night" if word == "tonight" else "")
    suffix = f"T{ctx.vocab.day_parts[part]}" if part else ""
    kind: Kind = "time" if suffix else "date"
    if ctx.ref is None:
        return None, kind
    return (ctx.ref + dt.timedelta(days=DAY_OFFSETS[word])).isoformat() + suffix, kind


def ago(m: re.Match[str], ctx: Context) -> Result | None:
    unit, direction = ctx.vocab.units[m["u"].lower()], _lower(m["dir"])
    amount = number(m["n"], ctx.vocab) if m["n"] else (1.0 if m["u"].lower() == unit.name else None)
    if direction == "later":
        return None, "date"  # later than some other event
    past = direction in ("ago", "earlier")
    if amount is None:
        return ("PAST_REF" if past else "FUTURE_REF"), "date"
    if ctx.ref is None:
        return None, "date"
    letter = "D" if unit.time else ("Q" if unit.name == "quarter" else unit.letter)
    steps = int(amount * (1 if letter == "Q" else unit.size))
    return shift(ctx.ref, letter, -steps if past else steps), "date"


BARE_RELATIONS = frozenset({"", "last", "past", "next", "coming", "recent", "following"})


def length(m: re.Match[str], ctx: Context) -> Result | None:
    vocab = ctx.vocab
    word, amount_text = m["u"].lower(), _lower(m["n"])
    unit, fuzzy = vocab.units[word], amount_text in vocab.lists["fuzzy_amounts"]
    amount = None if fuzzy else number(amount_text, ctx.vocab)
    if not amount_text:  # a bare plural: "for years", "in recent weeks"
        rel = _lower(m["rel"] or m["recent"])
        if word == unit.name or rel not in BARE_RELATIONS or not (rel or ctx.anchored):
            return None
    elif amount is None and not fuzzy:
        return None
    elif "-" in m["sep"] and word != unit.name:
        return None  # "three-quarters"
    elif unit.name in ("second", "quarter") and (
        amount_text in ("a", "an", "one") or re.fullmatch(YEAR, amount_text)
    ):
        return None  # "a second term", "a quarter of them", "the 1988 quarter"
    if amount is not None and m["half"]:
        amount += 0.5
    return duration(amount, unit, vocab.fuzzy_units.get(unit.name)), "duration"


def recurrence(m: re.Match[str], ctx: Context) -> Result | None:
    vocab = ctx.vocab
    if m["word"]:
        return vocab.sets[m["word"].lower()], "set"
    if m["wd"]:
        return f"XXXX-WXX-{vocab.weekdays[m['wd'].lower()]}", "set"
    if m["mon"]:
        return f"XXXX-{_month(ctx, m['mon']):02d}", "set"
    if m["s"]:
        return f"XXXX-{vocab.seasons[m['s'].lower()]}", "set"
    if m["p"]:
        return f"XXXX-XX-XXT{vocab.day_parts[m['p'].lower()]}", "set"
    if m["we"]:
        return "XXXX-WXX-WE", "set"
    amount = number(m["n"], ctx.vocab) if m["n"] else (2.0 if m["other"] else 1.0)
    return duration(amount, vocab.units[(m["u"] or m["u2"]).lower()]), "set"


def reference(m: re.Match[str], ctx: Context) -> Result | None:
    return ctx.vocab.references[_lower(m[0])], "date"


def quarter(m: re.Match[str], ctx: Context) -> Result | None:
    q = ctx.vocab.ordinals.get(_lower(m["o"])) or _digits(m["o"] or m["q"])
    if m["y"] or m["y1"]:
        return f"{m['y'] or m['y1']}-Q{q}", "date"
    if ctx.ref is None:
        return None, "date"
    if m["ry"]:  # "this year's third quarter"
        return f"{ctx.ref.year + STEPS[m['ry'].lower()]:04d}-Q{q}", "date"
    now = ctx.ref.year * 4 + (ctx.ref.month - 1) // 3  # quarters are reported once over:
    key = occurrence(ctx, lambda y: y * 4 + q - 1, now, relation(m["rel"]), "past")
    return (f"{key // 4:04d}-Q{key % 4 + 1}" if key is not None else None), "date"


def half(m: re.Match[str], ctx: Context) -> Result | None:
    which = 1 if m["o"].lower() == "first" else 2
    if m["y"]:
        return f"{m['y']}-H{which}", "date"
    return (f"{ctx.ref.year:04d}-H{which}" if ctx.ref else None), "date"


def holiday(m: re.Match[str], ctx: Context) -> Result | None:
    spec = ctx.vocab.holidays[_lower(m["h"])]
    if m["y"]:
        return _holiday_date(spec, int(m["y"])).isoformat(), "date"
    if ctx.ref is None:
        return None, "date"
    return _on_day(ctx, lambda y: _holiday_date(spec, y), relation(m["rel"])), "date"


def clock_time(m: re.Match[str]) -> str:
    """The time of day of a clock match as a TIMEX3 suffix: "T15:00"."""
    if m["w"]:
        return {"noon": "T12:00", "midday": "T12:00"}.get(m["w"].lower(), "T00:00")
    if m["h24"]:
        return f"T{int(m['h24']):02d}:{m['mi24']}"
    hour = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    return f"T{hour:02d}:{m['mi'] or '00'}"


def clock(m: re.Match[str], ctx: Context) -> Result | None:
    return (ctx.ref.isoformat() + clock_time(m) if ctx.ref else None), "time"
