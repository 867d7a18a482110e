"""The times stage: every temporal expression of an article, with its TIMEX3 value.

``find_times(doc, published)`` runs the grammar below over the text, keeps the
longest expressions, widens them over modifiers ("more than a decade", "early
December"), joins a clock time to its day ("Saturday at 3 p.m."), splits
ranges ("2009-2010"), and resolves each value (``grammar``) against the
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
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph.extract.times.calendar import Result, Tense, TimexContext, duration, number
from newsgraph.extract.times.grammar import Rule, clock_time, rules
from newsgraph.extract.times.vocabulary import YEAR, vocabulary, words
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


@cache
def _modifier() -> re.Pattern[str]:
    """A modifier kept in a duration's text, just before it: "more than", "nearly"."""
    return re.compile(rf"(?:{words(vocabulary().lists['modifiers'])})\s+\Z", re.IGNORECASE)


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
            if rule.value(match, TimexContext(vocabulary(), anchored=anchored)) is not None:
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
        amount, unit = number(m[1], vocabulary()), vocabulary().units.get(m[2].lower())
        if amount is not None and unit is not None and m[1].lower() not in ("a", "an"):
            fixed: Result = (duration(amount, unit), "duration")
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
    ctx = TimexContext(vocabulary(), published, tense, candidate.anchored)
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
                value = day.value[:10] + clock_time(clock.match)
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
    strip = re.compile(rf"(?:{PREPOSITIONS}|{words(vocab.lists['modifiers'])})\s+|{POSITION}", re.I)
    while (m := strip.match(body)) and m.end() < len(body):
        body = body[m.end() :]
    names = vocab.months.keys() | vocab.weekdays.keys()
    body = re.sub(
        r"[A-Za-z]+", lambda w: w[0].capitalize() if w[0].lower() in names else w[0], body
    )
    ctx = TimexContext(vocab, published, tense)
    for rule in rules():
        match = rule.pattern.fullmatch(body)
        result = rule.value(match, ctx) if match else None
        if result is not None:
            return result
    return None, "date"
