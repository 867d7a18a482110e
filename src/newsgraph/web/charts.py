"""The charts of the pages as geometry, computed here and drawn by the
templates as inline SVG (``templates/_charts.html``): a timeline of an
entity's events, counts of events by month and type as stacked bars, and
two networks with fixed layouts (same data, same picture): an entity and
the entities mentioned with it (the entity in the middle, the others on a
ring), and actors (country-level codes) linked by the events between them
(on a ring, the busiest first). No randomness, no JavaScript."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsgraph.store.read import EventItem
from newsgraph.web.colours import type_colour, type_order

Event = TypeVar("Event", bound=EventItem)
"""An event row (``store.read.EventItem`` or a subclass, kept as given)."""

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_period(value: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an event date (YYYY, YYYY-MM or
    YYYY-MM-DD, or a value starting so, such as 2017-SU), or None."""
    if not isinstance(value, str):
        return None
    found = _PERIOD.match(value.strip())
    if found is None:
        return None
    year = int(found.group(1))
    try:
        if found.group(2) is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(found.group(2))
        if found.group(3) is None:
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        day = dt.date(year, month, int(found.group(3)))
        return day, day
    except ValueError:
        return None


_REFERENCES = {"PRESENT_REF": "present", "PAST_REF": "past", "FUTURE_REF": "future"}


def date_label(value: Any) -> str:
    """An event date as the pages show it: the date, a word for the TIMEX
    references (PRESENT_REF: present), or "undated"."""
    if not isinstance(value, str) or not value.strip():
        return "undated"
    return _REFERENCES.get(value.strip().upper(), value.strip())


def newest_first(events: Sequence[Event]) -> list[Event]:
    """Events by date, newest first (a day before its month before its
    year: their ISO strings in reverse); those without a date last."""
    dated = [e for e in events if parse_period(e.date) is not None]
    dated.sort(key=lambda e: str(e.date), reverse=True)
    return dated + [e for e in events if parse_period(e.date) is None]


def _nice(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten not below ``value``."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def type_legend(types: Sequence[str]) -> list[tuple[str, str]]:
    return [(t, type_colour(t)) for t in sorted(set(types), key=type_order)]


# -- the timeline ------------------------------------------------------------


@dataclass
class Mark:
    """A dot (``width`` 0: a dated day) or a bar (a month or a year)."""

    x: float
    y: float
    width: float
    colour: str
    label: str
    href: str | None


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    right: int
    axis_y: float
    rows: list[tuple[str, float, float]]  # label, top, height
    ticks: list[tuple[float, str]]
    marks: list[Mark]
    legend: list[tuple[str, str]]
    undated: int = 0


def _date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    days = (last - first).days
    ticks: list[tuple[dt.date, str]] = []
    if days > 3 * 366:
        step = max(1, math.ceil((last.year - first.year + 1) / 8))
        for year in range(first.year + (first.month > 1 or first.day > 1), last.year + 1, step):
            ticks.append((dt.date(year, 1, 1), str(year)))
        return ticks
    if days <= 92:
        day = first.replace(day=1)
        while day <= last:
            for d in (day, day.replace(day=15)):
                if first <= d <= last:
                    label = f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if not ticks else "")
                    ticks.append((d, label))
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return ticks
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / 8))
    month = first.replace(day=1)
    if month < first:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    index = 0
    while month <= last:
        if index % step == 0:
            label = MONTHS[month.month - 1]
            if month.month == 1 or not ticks:
                label += f" {month.year}"
            ticks.append((month, label))
        index += 1
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return ticks


def timeline(
    rows: Sequence[tuple[str, Sequence[Event]]],
    *,
    label: Callable[[Event], str],
    link: Callable[[Event], str | None],
    width: int = 720,
    left: int = 110,
) -> Timeline | None:
    """Rows of events (label, events with ``date`` and ``type``) on one
    time axis: a dot per event dated to the day, a bar across the month or
    year of the others, coloured by type. None when no event has a date."""
    right = 16
    spans = [(p, e) for _, events in rows for e in events if (p := parse_period(e.date))]
    if not spans:
        return None
    first = min(p[0] for p, _ in spans)
    last = max(p[1] for p, _ in spans)
    pad = max(10, (last - first).days // 20)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    total = max(1, (last - first).days)
    plot = width - left - right

    def x(day: dt.date) -> float:
        return round(left + (day - first).days / total * plot, 1)

    marks: list[Mark] = []
    shown_rows: list[tuple[str, float, float]] = []
    types: list[str] = []
    undated = 0
    top = 8.0
    for name, events in rows:
        placed: list[tuple[float, float, Event]] = []
        for event in events:
            period = parse_period(event.date)
            if period is None:
                undated += 1
                continue
            start = x(period[0])
            end = x(period[1]) if period[1] > period[0] else start
            placed.append((start, end, event))
        if not placed:
            continue
        placed.sort(key=lambda p: (p[0], p[1]))
        lanes: list[float] = []  # right edge of the last mark in each lane
        assigned = []
        for start, end, event in placed:
            lane = next((i for i, edge in enumerate(lanes) if edge + 9 < start), len(lanes))
            if lane == len(lanes):
                lanes.append(0.0)
            lanes[lane] = max(end, start + 6)
            assigned.append((lane, start, end, event))
        height = max(34.0, 14.0 * len(lanes) + 12)
        for lane, start, end, event in assigned:
            y = round(top + 6 + 7 + 14 * lane + (height - 12 - 14 * len(lanes)) / 2, 1)
            types.append(str(event.type or ""))
            marks.append(
                Mark(
                    x=start,
                    y=y,
                    width=round(max(end - start, 6), 1) if end > start else 0,
                    colour=type_colour(event.type),
                    label=label(event),
                    href=link(event),
                )
            )
        shown_rows.append((name, top, height))
        top += height
    axis_y = top + 4
    ticks = [(x(day), text) for day, text in _date_ticks(first, last)]
    return Timeline(
        width=width,
        height=int(axis_y + 26),
        left=left,
        right=right,
        axis_y=axis_y,
        rows=shown_rows,
        ticks=ticks,
        marks=marks,
        legend=type_legend(types),
        undated=undated,
    )


# -- stacked bars --------------------------------------------------------------


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass
class BarChart:
    width: int
    height: int
    left: int
    base: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    levels: list[tuple[float, str]]
    legend: list[tuple[str, str]]
    unit: str  # "month" or "year"
    left_out: int = 0  # events without a date (a month, for a monthly chart)


@dataclass
class BarFrame:
    """The geometry bar charts share: ``slots`` bars across the plot, the
    y axis up to ``peak``."""

    width: int
    height: int
    slots: int
    peak: int
    min_bar: float = 2.0

    def __post_init__(self) -> None:
        self.left, right, top, bottom = 36, 10, 10, 28
        self.plot_h = self.height - top - bottom
        self.slot = (self.width - self.left - right) / self.slots
        self.bar_w = max(self.min_bar, min(48.0, self.slot * 0.72))
        self.base = float(top + self.plot_h)

    def x(self, i: int) -> float:
        """The left edge of bar ``i``."""
        return round(self.left + i * self.slot + (self.slot - self.bar_w) / 2, 1)

    def tall(self, n: int) -> float:
        """How tall a bar of ``n`` is."""
        return n / self.peak * self.plot_h

    def ticks(self, labels: Sequence[str]) -> list[tuple[float, str]]:
        """At most about ten of the slots' labels, under their slots."""
        step = max(1, math.ceil(len(labels) / 10))
        return [
            (round(self.left + i * self.slot + self.slot / 2, 1), label)
            for i, label in enumerate(labels)
            if i % step == 0
        ]

    def chart(self, bars: list[Bar], labels: Sequence[str], **rest: Any) -> BarChart:
        """The chart: the bars, ticks from ``labels``, whole-number levels."""
        levels = [
            (round(self.base - self.plot_h * k / 4, 1), f"{self.peak * k / 4:g}") for k in range(5)
        ]
        return BarChart(
            width=self.width,
            height=self.height,
            left=self.left,
            base=self.base,
            bars=bars,
            ticks=self.ticks(labels),
            levels=[lv for lv in levels if float(lv[1]).is_integer()],
            **rest,
        )


def stacked_counts(
    events: Sequence[EventItem], *, width: int = 720, height: int = 220, max_months: int = 60
) -> BarChart | None:
    """Events counted by month (by year when they span more than
    ``max_months`` months) and type, stacked. Events without a date, and
    those dated to a year only in a monthly chart, are left out (counted
    in ``left_out``)."""
    dated = []
    undated = 0
    for event in events:
        found = _PERIOD.match(str(event.date or ""))
        if found is None:
            undated += 1
        else:
            month = int(found.group(2)) if found.group(2) else None
            if month is not None and not 1 <= month <= 12:
                month = None
            dated.append((int(found.group(1)), month, str(event.type or "")))
    if not dated:
        return None
    with_month = [(y, m) for y, m, _ in dated if m is not None]
    by_month = bool(with_month)
    if with_month:
        first, last = min(with_month), max(with_month)
        months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
        by_month = months <= max_months
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    left_out = undated
    for year, month, kind in dated:
        if by_month:
            if month is None:
                left_out += 1
                continue
            counts[(year, month)][kind] += 1
        else:
            counts[(year, 0)][kind] += 1
    keys: list[tuple[int, int]] = []
    if by_month:
        (y, m), end = min(counts), max(counts)
        while (y, m) <= end:
            keys.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        keys = [(y, 0) for y in range(min(counts)[0], max(counts)[0] + 1)]
    frame = BarFrame(
        width, height, len(keys), _nice(max((sum(c.values()) for c in counts.values()), default=1))
    )
    bars: list[Bar] = []
    types: list[str] = []
    for i, key in enumerate(keys):
        x = frame.x(i)
        top_y = frame.base
        name = f"{key[0]}-{key[1]:02d}" if by_month else str(key[0])
        for kind in sorted(counts.get(key, Counter()), key=type_order):
            n = counts[key][kind]
            h = frame.tall(n)
            top_y -= h
            types.append(kind)
            bars.append(
                Bar(
                    x,
                    round(top_y, 1),
                    round(frame.bar_w, 1),
                    round(h, 1),
                    type_colour(kind),
                    f"{name}: {kind} × {n}",
                )
            )
    labels = [
        (MONTHS[key[1] - 1] + (f" {key[0]}" if key[1] == 1 or i == 0 else ""))
        if by_month
        else str(key[0])
        for i, key in enumerate(keys)
    ]
    return frame.chart(
        bars,
        labels,
        legend=type_legend(types),
        unit="month" if by_month else "year",
        left_out=left_out,
    )


# -- networks --------------------------------------------------------------------


"""Events of an actor on itself (GBR on GBR) are drawn as loops, one a type,
for its ``MAX_LOOPS`` commonest types."""
