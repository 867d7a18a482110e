"""The times stage: every temporal expression of an article, with its TIMEX3 value.

``find_times(doc, published)`` runs the grammar below over the text, keeps the
longest expressions, widens them over modifiers ("more than a decade", "early
December"), joins a clock time to its day ("Saturday at 3 p.m."), splits
ranges ("2009-2010"), and resolves each value (``timex_rules``) against the
publication date and the tense of its sentence from the spaCy parse:
"Thursday" in "dismissed ... on Thursday" is the most recent Thursday, in "will
meet on Thursday" the next one. spaCy's DATE/TIME entities mark bare months
and years as dates ("in May", "2017" alone), names (PERSON, ORG...) veto a
month or weekday inside them ("Theresa May"), and amounts (MONEY...) a year.
Without a publication date, values that need one are ``None``; absolute ones
("October 2016") keep theirs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph import data
from newsgraph.extract import timex_rules as values
from newsgraph.extract.timex_rules import YEAR, Context, Result, Tense, ValueFunction
from newsgraph.model import TimeExpression

__all__ = ["find_times", "normalize", "sentence_tense"]

NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "GPE", "LOC"}
NAME_LIKE = frozenset({"month", "weekday", "season"})  # "Theresa May", "Good Friday Agreement"
AMOUNT_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
DATE_LABELS = {"DATE", "TIME"}
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "could", "may", "might", "should"})
YEAR_RANGE = re.compile(rf"(?<![\w$-])({YEAR})\s*[-–]\s*({YEAR}|\d\d)(?![\w%-])")
AMOUNT_RANGE = re.compile(
    r"(?<![\w$.,])(\d+|[a-z]+)\s*(?:-|–|to|and|or)\s*(?=(?:\d+|[a-z]+)[\s-]+([a-z]+))", re.I
)
DATELINE_TAIL = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")
JOINER = re.compile(r"\s*(?:,\s*)?(?:at|on|of)?\s*", re.IGNORECASE)
POSITION = (  # "early December", "the end of 2012"
    r"(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|earlier|later)(?:\s+|-)|mid-"
    r"|the\s+(?:end|beginning|start|middle|turn|close)\s+of\s+(?:the\s+)?"
)
PREFIX = re.compile(rf"(?:{POSITION})\Z", re.IGNORECASE)
PREPOSITIONS = r"in|on|at|since|by|until|till|during|from|as\s+of|as\s+far\s+back\s+as"

# --- the words ----------------------------------------------------------------


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


# --- the grammar ----------------------------------------------------------------

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


def _words(items: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _names(table: dict[str, int]) -> str:
    """Capitalised names (January, Jan., JANUARY), matched case-sensitively."""
    forms = []
    for word, num in table.items():
        abbreviation = any(len(w) > len(word) and table[w] == num for w in table)
        for form in (word.capitalize(), word.upper()):
            forms.append(re.escape(form) + (r"\.?" if abbreviation else ""))
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


@cache
def rules() -> tuple[Rule, ...]:
    """The grammar; where matches overlap, the longest wins, then the earlier rule."""
    v = vocabulary()
    month, weekday = _names(v.months), _names(v.weekdays)
    season, part, unit = _words(v.seasons), _words(v.day_parts), _words(v.units)
    singular = _words(u.name for u in v.units.values())
    tens = _words(w for w, n in v.numbers.items() if 20 <= n <= 90 and n % 10 == 0)
    ones = _words(w for w, n in v.numbers.items() if 1 <= n <= 9 and w not in ("a", "an"))
    base = rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:{tens})[\s-](?:{ones})"
    num = rf"(?:{base}|(?:{ones}|{tens})\s+(?:hundred|thousand)|{_words(v.numbers)})"
    amount = rf"(?:{_words(v.lists['fuzzy_amounts'])}|half\s+an?|{num})"
    ordinal = _words(v.ordinals)
    grammar: list[tuple[str, str, ValueFunction]] = [
        ("iso", rf"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
         r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?", values.iso),
        ("numeric", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)",
         values.numeric),
        ("month_day", rf"(?:(?P<rel>last|this|next)\s+|(?P<wd>{weekday}),?\s+)?(?P<mon>{month})"
         rf"\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?", values.month_day),
        ("day_month", rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+"
         rf"(?P<mon>{month})(?:,?\s+(?P<y>{YEAR}))?", values.month_day),
        ("month", rf"(?:(?P<rel>{REL})\s+)?(?P<mon>{month})(?:(?:\s+of|,)?\s+(?P<y>{YEAR})"
         r"|(?:\s+of)?\s+(?P<ry>last|this|next)\s+year)?", values.month_alone),
        ("weekday", rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{weekday})(?P<pl>s)?"
         rf"(?:\s+(?P<part>{part}))?", values.weekday),
        ("season", rf"(?:(?P<det>(?:(?:{REL}|the|this)\s+)?(?:early|late|mid)|{REL}|the|this)"
         rf"(?:\s+|-))?(?P<s>{season})(?:(?:\s+of)?\s+(?P<y>{YEAR}))?(?!\s+of\s)",
         values.season),
        ("year", rf"(?:(?P<fy>fiscal(?:\s+year)?|FY|(?:the\s+|calendar\s+)?year)\s*)?(?P<y>{YEAR})",
         values.year),
        ("decade", rf"(?P<the>the\s+)?(?:(?P<cd>1\d\d|20\d)0'?s|'(?P<d>\d)0s"
         rf"|(?P<w>{_words(v.decades)}))", values.decade),
        ("century", rf"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ordinal})[\s-]+century",
         values.century),
        ("relative", rf"(?P<the>the\s+)?(?P<rel>{REL}|current|following|latest)\s+"
         r"(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year)", values.relative),
        ("weekend", r"the\s+weekend", values.weekend),
        ("year_end", r"(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[-\s]end|year's\s+end)",
         values.year_end),
        ("today", r"(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight"
         rf"|yesterday|tomorrow)(?:\s+(?P<p>{part}))?|(?P<w2>this)\s+(?P<p2>morning|afternoon"
         r"|evening)|(?P<w3>last)\s+(?P<p3>night)", values.today),
        ("ago", rf"(?:(?P<n>{amount})[\s-]+)?(?P<u>{unit})\s+"
         r"(?P<dir>ago|earlier|later|from\s+now|hence)(?!\s+than\b)", values.ago),
        ("duration", rf"(?:the\s+(?:(?P<rel>last|past|next|coming|following|previous|first|final"
         r"|remaining|same|entire|full|whole|recent)\s+)?|(?P<recent>recent|coming)\s+)?"
         rf"(?:(?P<n>{amount})(?:\s+more)?(?P<sep>[\s-]+))?(?P<u>{unit})"
         r"(?P<half>\s+and\s+a\s+half)?(?!-old|\s+old\b)", values.length),
        ("set", rf"(?P<word>{_words(v.sets)})|(?:every|each|per)\s+(?:(?P<other>other)\s+)?"
         rf"(?:(?P<n>{num})\s+)?(?:(?P<u>{unit})|(?P<wd>{weekday})|(?P<mon>{month})"
         rf"|(?P<s>{season})|(?P<p>{part})|(?P<we>weekend))|(?:once|twice|{num}\s+times)\s+"
         rf"(?:a|an|per|every|each)\s+(?P<u2>{singular})", values.recurrence),
        ("reference", rf"(?<!\bas\s){_words(v.references)}", values.reference),
        ("quarter", rf"(?:the\s+)?(?:(?P<rel>{REL}|latest|fiscal)\s+|(?P<ry>last|this|next)\s+"
         rf"year's\s+|(?P<y1>{YEAR})\s+)?(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)"
         r"[\s-]+(?:fiscal[\s-]+)?quarter|(?-i:Q)(?P<q>[1-4]))"
         rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{YEAR}))?", values.quarter),
        ("half", rf"the\s+(?P<o>first|second)\s+half\s+of\s+(?:(?:the|this)\s+year|(?P<y>{YEAR}))",
         values.half),
        ("holiday", rf"(?:(?P<rel>{REL})\s+)?(?P<h>{_words(v.holidays)})(?:\s+(?P<y>{YEAR}))?",
         values.holiday),
        ("clock", r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)"
         rf"(?:\s+(?:{ZONES}))?|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\s*(?:{ZONES}"
         r"|hours|hrs|h\b)|(?P<w>noon|midday|midnight)", values.clock),
    ]  # fmt: skip
    return tuple(
        Rule(name, re.compile(f"{LEFT}(?:{source}){RIGHT}", re.IGNORECASE), value)
        for name, source, value in grammar
    )


@cache
def _modifier() -> re.Pattern[str]:
    """A modifier kept in a duration's text, just before it: "more than", "nearly"."""
    return re.compile(rf"(?:{_words(vocabulary().lists['modifiers'])})\s+\Z", re.IGNORECASE)


# --- finding --------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule | None  # None: a fixed value (one end of a range)
    match: re.Match[str] | None
    anchored: bool = True
    fixed: Result | None = None
    order: int = 0

    @property
    def name(self) -> str:
        return self.rule.name if self.rule else "range"


def find_times(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """The temporal expressions of ``doc`` with values relative to ``published``;
    offsets are character offsets into ``doc.text``."""
    text = doc.text
    names, amounts, dates = (
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ in labels]
        for labels in (NAME_LABELS, AMOUNT_LABELS, DATE_LABELS)
    )
    chosen = _ranges(text)
    found: list[Candidate] = []
    for order, rule in enumerate(rules()):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if (rule.name in NAME_LIKE and _inside(start, end, names)) or (
                rule.name in ("year", "decade") and _overlaps(start, end, amounts)
            ):
                continue
            anchored = _anchored(text, start) or _inside(start, end, dates)
            if rule.value(match, Context(vocabulary(), anchored=anchored)) is not None:
                found.append(Candidate(start, end, rule, match, anchored, order=order))
    for candidate in sorted(found, key=lambda c: (c.start - c.end, c.order, c.start)):
        if not any(candidate.start < c.end and c.start < candidate.end for c in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    times = []
    for i, candidate in enumerate(chosen):
        start = _widen(text, candidate, chosen[i - 1].end if i else 0)
        value, kind = _value(doc, text, candidate, start, published)
        times.append(TimeExpression(text=text[start : candidate.end], value=value, kind=kind,
                                    start=start, end=candidate.end))  # fmt: skip
    return _join_clock_times(text, times, chosen)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _anchored(text: str, start: int) -> bool:
    """Whether the word before ``start`` marks a date ("in", "since", "for"...)."""
    before = re.findall(r"[\w&]+", text[max(0, start - 30) : start])
    return bool(before) and before[-1].lower() in vocabulary().lists["anchors"]


def _ranges(text: str) -> list[Candidate]:
    """Both years of "2009-2010" and "1957-58" (a range is two dates), and the first
    amount of "12 to 18 months" (the second is found as "18 months")."""
    out = []
    for m in AMOUNT_RANGE.finditer(text):
        amount, unit = values.number(m[1], vocabulary()), vocabulary().units.get(m[2].lower())
        if amount is not None and unit is not None and m[1].lower() not in ("a", "an"):
            fixed: Result = (values.duration(amount, unit), "duration")
            out.append(Candidate(m.start(1), m.end(1), None, None, fixed=fixed))
    for m in YEAR_RANGE.finditer(text):
        first, second = m[1], m[2] if len(m[2]) == 4 else m[1][:2] + m[2]
        if second > first:
            out.append(Candidate(m.start(1), m.end(1), None, None, fixed=(first, "date")))
            out.append(Candidate(m.start(2), m.end(2), None, None, fixed=(second, "date")))
    return out


def _widen(text: str, candidate: Candidate, previous_end: int) -> int:
    """The start of the expression with its modifier ("more than a decade") or
    position word ("early December", "the end of 2012")."""
    if candidate.name in ("reference", "set", "clock"):
        return candidate.start
    amount = candidate.name in ("duration", "ago")
    if amount and text[candidate.start : candidate.start + 4].lower() == "the ":
        return candidate.start  # "over the past two years": "over" is a preposition here
    pattern = _modifier() if amount else PREFIX
    window_start = max(previous_end, candidate.start - 40)
    found = pattern.search(text, window_start, candidate.start)
    return found.start() if found else candidate.start


def _value(
    doc: Doc, text: str, candidate: Candidate, start: int, published: dt.date | None
) -> Result:
    if candidate.rule is None or candidate.match is None:
        return candidate.fixed or (None, "date")
    line_start = text.rfind("\n", 0, start) + 1  # "KYIV, Nov 10 (Reuters) -": a dateline
    dateline = start - line_start < 40 and DATELINE_TAIL.match(text, candidate.end)
    tense: Tense | None = (
        "past" if dateline else sentence_tense(doc, candidate.start, candidate.end)
    )
    ctx = Context(vocabulary(), published, tense, candidate.anchored)
    return candidate.rule.value(candidate.match, ctx) or (None, "date")


def _join_clock_times(
    text: str, times: list[TimeExpression], chosen: list[Candidate]
) -> list[TimeExpression]:
    """A clock time next to its day as one time, the day's date with the clock
    time: "Saturday at 3 p.m.", "15:00 GMT Saturday"."""
    out: list[TimeExpression] = []
    i = 0
    while i < len(times):
        pair = chosen[i : i + 2]
        names = [c.name for c in pair]
        if (
            len(pair) == 2
            and names.count("clock") == 1
            and JOINER.fullmatch(text, times[i].end, times[i + 1].start)
        ):
            clock, day = (pair[0], times[i + 1]) if names[0] == "clock" else (pair[1], times[i])
            value = None
            if day.value and re.match(r"\d{4}-\d\d-\d\d", day.value) and clock.match:
                value = day.value[:10] + values.clock_time(clock.match)
            start, end = times[i].start, times[i + 1].end
            out.append(TimeExpression(text=text[start:end], value=value, kind="time",
                                      start=start, end=end))  # fmt: skip
            i += 2
        else:
            out.append(times[i])
            i += 1
    return out


# --- tense ----------------------------------------------------------------------


def sentence_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense in which the sentence speaks of the characters ``start:end``:
    future for "will meet on Monday", "is to meet", "set to resume Monday",
    "payable Dec. 7", "by Jan. 14", "scheduled Thursday"; past for "said
    Thursday", "had given", "since Jan. 13"; present for "meets"; None when no
    verb governs it or it names a thing ("Wednesday's ruling")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    cues = vocabulary().cues
    token = span.root
    if token.head.lower_ in cues["future_prepositions"]:
        return "future"
    if token.head.lower_ in cues["past_prepositions"]:
        return "past"
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return None
    steps = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token, steps = token.head, steps + 1
        if steps <= 3 and token.lower_ in cues["future_words"]:
            return "future"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if token.lemma_.lower() in cues["future_verbs"]:
        return "future"
    return _verb_tense(token)


def _verb_tense(verb: Token) -> Tense | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if any(a.tag_ == "TO" for a in auxiliaries):  # "set to resume Monday", "asked to respond"
        return "future"
    if any(a.tag_ == "VBD" for a in auxiliaries) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":  # "has been released", "the pact negotiated in 2015"; not "is heard"
        present = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
        return "present" if present and not words & {"has", "have"} else "past"
    return "present" if verb.tag_ in ("VBZ", "VBP", "VBG", "VB") or words else None


# --- one expression -------------------------------------------------------------


def normalize(
    text: str, published: dt.date | None, *, tense: Tense | None = None
) -> tuple[str | None, str]:
    """The TIMEX3 value and kind of one expression, e.g. ``normalize("last May",
    date(2018, 1, 11))`` is ``("2017-05", "date")``; text that is not a temporal
    expression gives ``(None, "date")``."""
    vocab = vocabulary()
    body = re.sub(r"['’]s$", "", " ".join(text.split()))
    strip = re.compile(
        rf"(?:{PREPOSITIONS}|{_words(vocab.lists['modifiers'])})\s+|{POSITION}", re.I
    )
    while (m := strip.match(body)) and m.end() < len(body):
        body = body[m.end() :]
    names = vocab.months.keys() | vocab.weekdays.keys()
    body = re.sub(
        r"[A-Za-z]+", lambda w: w[0].capitalize() if w[0].lower() in names else w[0], body
    )
    ctx = Context(vocab, published, tense)
    for rule in rules():
        match = rule.pattern.fullmatch(body)
        result = rule.value(match, ctx) if match else None
        if result is not None:
            return result
    return None, "date"
