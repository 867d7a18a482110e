"""The grammar of temporal expressions: one rule per kind of expression, each
a regex and the value function that reads the regex's named groups.

A value function takes the rule's match and a ``TimexContext`` (the words,
the reference (publication) date, the tense of the sentence) and returns
``(value, kind)``; ``None`` instead of a pair means "not a temporal
expression here". Values follow TIMEX3: 2018-01-11, 2017-SU, 2018-W01, P10Y,
XXXX-WXX-1, PRESENT_REF. Calendar rules: a bare month or weekday is the most
recent one unless the sentence speaks of the future; "last May" is the latest
May before the reference month. Without a reference date, values that need
one are ``None``. Where matches overlap, the longest wins, then the earlier
rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from newsgraph.extract.times.calendar import (
    STEPS,
    Kind,
    Result,
    Tense,
    TimexContext,
    duration,
    holiday_date,
    iso_week,
    make_date,
    number,
    occurrence,
    relation,
    shift,
    weekday_date,
)
from newsgraph.extract.times.vocabulary import YEAR, vocabulary, words

ValueFunction = Callable[[re.Match[str], TimexContext], Result | None]

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
REL = r"this\s+past|this\s+coming|last|past|previous|this|next|coming"
LEFT = r"(?<![\w$£€])(?<!\d[.,:/-])"
RIGHT = r"(?![\w%])(?![.,:/-]\d)"
ZONES = r"GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|local\s+time"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    value: ValueFunction


def _names(table: dict[str, int]) -> str:
    """Capitalised names (January, Jan., JANUARY), matched case-sensitively."""
    forms = []
    for word, num in table.items():
        abbreviation = any(len(w) > len(word) and table[w] == num for w in table)
        for form in (word.capitalize(), word.upper()):
            forms.append(re.escape(form) + (r"\.?" if abbreviation else ""))
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


# --- value functions, one per rule ---------------------------------------------


def _lower(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _month(ctx: TimexContext, text: str) -> int:
    return ctx.vocab.months[text.lower().rstrip(".")]


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _day(year: int, month: int, day: int, kind: Kind = "date") -> Result | None:
    found = make_date(year, month, day)
    return (found.isoformat(), kind) if found else None


def _on_day(ctx: TimexContext, day: Callable[[int], dt.date | None], rel: str | None) -> str | None:
    """The date of a yearly day (a month and day, a holiday) near ``ctx.ref``."""
    assert ctx.ref is not None
    ordinal = occurrence(
        ctx, lambda y: found.toordinal() if (found := day(y)) else None, ctx.ref.toordinal(),
        rel, ctx.tense,
    )  # fmt: skip
    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None


def iso_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    found = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    if found and m["h"]:
        return f"{found[0]}T{m['h']}:{m['mi']}", "time"
    return found


def numeric_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    year = int(m["y"])
    if year < 100:  # 1/11/18: the century that keeps it no later than next year
        year += 2000 if 2000 + year <= (ctx.ref.year if ctx.ref else 2030) + 1 else 1900
    return _day(year, int(m["m"]), int(m["d"]))


def month_day_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def month_alone_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def weekday_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    vocab = ctx.vocab
    day_number = vocab.weekdays[m["wd"].lower()]
    part = f"T{vocab.day_parts[m['part'].lower()]}" if m["part"] else ""
    if m["pl"]:  # "on Fridays"
        return f"XXXX-WXX-{day_number}{part}", "set"
    day = weekday_date(day_number, ctx, relation(m["rel"]))
    return (day.isoformat() + part if day else None), ("time" if part else "date")


def season_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def year_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    return (m["y"], "date") if m["fy"] or ctx.anchored else None


def decade_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    if m["cd"]:  # "the 1990s": 199; "the 1800s": the century, 18 (but "the 2000s": 200)
        return (m["cd"][:2] if m["cd"][2] == "0" and m["cd"] < "200" else m["cd"]), "date"
    if m["w"] and not m["the"]:
        return None
    digit = int(m["d"]) if m["d"] else ctx.vocab.decades[m["w"].lower()]
    if ctx.ref is None:
        return f"19{digit}", "date"
    century = ctx.ref.year // 100 - (digit > ctx.ref.year % 100 // 10)  # "the '90s" in 2018: 199
    return f"{century:02d}{digit}", "date"


def century_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    count = ctx.vocab.ordinals.get(m["n"].lower()) or _digits(m["n"])
    return f"{count - 1:02d}", "date"


LETTERS = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "fiscal year": "Y",
           "quarter": "Q", "decade": "DE", "century": "CE"}  # fmt: skip


def relative_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    word, unit = _lower(m["rel"]), _lower(m["u"])
    rel = relation(word)
    if unit in ("decade", "century") and m["the"] and rel != "this":
        return duration(1, ctx.vocab.units[unit]), "duration"  # "over the past decade"
    if word in ("following", "previous") or rel is None or ctx.ref is None:
        return None, "date"  # "the following week" is anchored to another event
    value = shift(ctx.ref, LETTERS[unit], STEPS[rel])
    return (value + "-WE" if unit == "weekend" else value), "date"


def weekend_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    saturday = weekday_date(6, ctx)
    return (iso_week(saturday) + "-WE" if saturday else None), "date"


def year_end_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    return (f"{ctx.ref.year:04d}" if ctx.ref else None), "date"


DAY_OFFSETS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip


def today_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    word = _lower(m["w"] or m["w2"] or m["w3"])
    part = _lower(m["p"] or m["p2"] or m["p3"]) or ("night" if word == "tonight" else "")
    suffix = f"T{ctx.vocab.day_parts[part]}" if part else ""
    kind: Kind = "time" if suffix else "date"
    if ctx.ref is None:
        return None, kind
    return (ctx.ref + dt.timedelta(days=DAY_OFFSETS[word])).isoformat() + suffix, kind


def ago_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def length_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def recurrence_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def reference_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    return ctx.vocab.references[_lower(m[0])], "date"


def quarter_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
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


def half_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    which = 1 if m["o"].lower() == "first" else 2
    if m["y"]:
        return f"{m['y']}-H{which}", "date"
    return (f"{ctx.ref.year:04d}-H{which}" if ctx.ref else None), "date"


def holiday_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    spec = ctx.vocab.holidays[_lower(m["h"])]
    if m["y"]:
        return holiday_date(spec, int(m["y"])).isoformat(), "date"
    if ctx.ref is None:
        return None, "date"
    return _on_day(ctx, lambda y: holiday_date(spec, y), relation(m["rel"])), "date"


def clock_time(m: re.Match[str]) -> str:
    """The time of day of a clock match as a TIMEX3 suffix: "T15:00"."""
    if m["w"]:
        return {"noon": "T12:00", "midday": "T12:00"}.get(m["w"].lower(), "T00:00")
    if m["h24"]:
        return f"T{int(m['h24']):02d}:{m['mi24']}"
    hour = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    return f"T{hour:02d}:{m['mi'] or '00'}"


def clock_value(m: re.Match[str], ctx: TimexContext) -> Result | None:
    return (ctx.ref.isoformat() + clock_time(m) if ctx.ref else None), "time"


# --- the rules ------------------------------------------------------------------


@cache
def rules() -> tuple[Rule, ...]:
    """The grammar; where matches overlap, the longest wins, then the earlier rule."""
    v = vocabulary()
    month, weekday = _names(v.months), _names(v.weekdays)
    season, part, unit = words(v.seasons), words(v.day_parts), words(v.units)
    singular = words(u.name for u in v.units.values())
    tens = words(w for w, n in v.numbers.items() if 20 <= n <= 90 and n % 10 == 0)
    ones = words(w for w, n in v.numbers.items() if 1 <= n <= 9 and w not in ("a", "an"))
    base = rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:{tens})[\s-](?:{ones})"
    num = rf"(?:{base}|(?:{ones}|{tens})\s+(?:hundred|thousand)|{words(v.numbers)})"
    amount = rf"(?:{words(v.lists['fuzzy_amounts'])}|half\s+an?|{num})"
    ordinal = words(v.ordinals)
    grammar: list[tuple[str, str, ValueFunction]] = [
        ("iso", rf"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
         r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?", iso_value),
        ("numeric", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)",
         numeric_value),
        ("month_day", rf"(?:(?P<rel>last|this|next)\s+|(?P<wd>{weekday}),?\s+)?(?P<mon>{month})"
         rf"\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?", month_day_value),
        ("day_month", rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+"
         rf"(?P<mon>{month})(?:,?\s+(?P<y>{YEAR}))?", month_day_value),
        ("month", rf"(?:(?P<rel>{REL})\s+)?(?P<mon>{month})(?:(?:\s+of|,)?\s+(?P<y>{YEAR})"
         r"|(?:\s+of)?\s+(?P<ry>last|this|next)\s+year)?", month_alone_value),
        ("weekday", rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{weekday})(?P<pl>s)?"
         rf"(?:\s+(?P<part>{part}))?", weekday_value),
        ("season", rf"(?:(?P<det>(?:(?:{REL}|the|this)\s+)?(?:early|late|mid)|{REL}|the|this)"
         rf"(?:\s+|-))?(?P<s>{season})(?:(?:\s+of)?\s+(?P<y>{YEAR}))?(?!\s+of\s)",
         season_value),
        ("year", rf"(?:(?P<fy>fiscal(?:\s+year)?|FY|(?:the\s+|calendar\s+)?year)\s*)?(?P<y>{YEAR})",
         year_value),
        ("decade", rf"(?P<the>the\s+)?(?:(?P<cd>1\d\d|20\d)0'?s|'(?P<d>\d)0s"
         rf"|(?P<w>{words(v.decades)}))", decade_value),
        ("century", rf"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ordinal})[\s-]+century",
         century_value),
        ("relative", rf"(?P<the>the\s+)?(?P<rel>{REL}|current|following|latest)\s+"
         r"(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year)", relative_value),
        ("weekend", r"the\s+weekend", weekend_value),
        ("year_end", r"(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[-\s]end|year's\s+end)",
         year_end_value),
        ("today", r"(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight"
         rf"|yesterday|tomorrow)(?:\s+(?P<p>{part}))?|(?P<w2>this)\s+(?P<p2>morning|afternoon"
         r"|evening)|(?P<w3>last)\s+(?P<p3>night)", today_value),
        ("ago", rf"(?:(?P<n>{amount})[\s-]+)?(?P<u>{unit})\s+"
         r"(?P<dir>ago|earlier|later|from\s+now|hence)(?!\s+than\b)", ago_value),
        ("duration", rf"(?:the\s+(?:(?P<rel>last|past|next|coming|following|previous|first|final"
         r"|remaining|same|entire|full|whole|recent)\s+)?|(?P<recent>recent|coming)\s+)?"
         rf"(?:(?P<n>{amount})(?:\s+more)?(?P<sep>[\s-]+))?(?P<u>{unit})"
         r"(?P<half>\s+and\s+a\s+half)?(?!-old|\s+old\b)", length_value),
        ("set", rf"(?P<word>{words(v.sets)})|(?:every|each|per)\s+(?:(?P<other>other)\s+)?"
         rf"(?:(?P<n>{num})\s+)?(?:(?P<u>{unit})|(?P<wd>{weekday})|(?P<mon>{month})"
         rf"|(?P<s>{season})|(?P<p>{part})|(?P<we>weekend))|(?:once|twice|{num}\s+times)\s+"
         rf"(?:a|an|per|every|each)\s+(?P<u2>{singular})", recurrence_value),
        ("reference", rf"(?<!\bas\s){words(v.references)}", reference_value),
        ("quarter", rf"(?:the\s+)?(?:(?P<rel>{REL}|latest|fiscal)\s+|(?P<ry>last|this|next)\s+"
         rf"year's\s+|(?P<y1>{YEAR})\s+)?(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)"
         r"[\s-]+(?:fiscal[\s-]+)?quarter|(?-i:Q)(?P<q>[1-4]))"
         rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{YEAR}))?", quarter_value),
        ("half", rf"the\s+(?P<o>first|second)\s+half\s+of\s+(?:(?:the|this)\s+year|(?P<y>{YEAR}))",
         half_value),
        ("holiday", rf"(?:(?P<rel>{REL})\s+)?(?P<h>{words(v.holidays)})(?:\s+(?P<y>{YEAR}))?",
         holiday_value),
        ("clock", r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)"
         rf"(?:\s+(?:{ZONES}))?|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\s*(?:{ZONES}"
         r"|hours|hrs|h\b)|(?P<w>noon|midday|midnight)", clock_value),
    ]  # fmt: skip
    return tuple(
        Rule(name, re.compile(f"{LEFT}(?:{source}){RIGHT}", re.IGNORECASE), value)
        for name, source, value in grammar
    )
