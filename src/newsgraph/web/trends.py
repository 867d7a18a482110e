"""Counts over time as a bar chart (geometry for the ``counts`` macro of
``templates/_charts.html``): one bar per month or week, every period from
the first to the last, drawn on the server like the other charts."""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsgraph.web.charts import MONTHS, Bar, BarChart, _nice

TREND_COLOUR = "#3b6ea8"


def _tick(period: str, first: bool) -> str:
    if len(period) == 7:  # YYYY-MM
        month = int(period[5:7])
        return MONTHS[month - 1] + (f" {period[:4]}" if month == 1 or first else "")
    return period[5:]  # a week: MM-DD of its Monday


def count_chart(
    points: Sequence[tuple[str, int]],
    *,
    unit: str = "month",
    what: str = "mentions",
    colour: str = TREND_COLOUR,
    width: int = 720,
    height: int = 180,
) -> BarChart | None:
    """``(period, count)`` pairs as bars; None when there is nothing to draw."""
    if not points or not any(n for _, n in points):
        return None
    left, right, top, bottom = 36, 10, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice(max(n for _, n in points))
    slot = plot_w / len(points)
    bar_w = max(1.0, min(48.0, slot * 0.72))
    base = float(top + plot_h)
    bars = []
    for i, (period, n) in enumerate(points):
        h = n / peak * plot_h
        bars.append(
            Bar(
                round(left + i * slot + (slot - bar_w) / 2, 1),
                round(base - h, 1),
                round(bar_w, 1),
                round(h, 1),
                colour,
                f"{period}: {n} {what}",
            )
        )
    step = max(1, math.ceil(len(points) / 10))
    ticks = [
        (round(left + i * slot + slot / 2, 1), _tick(period, i == 0))
        for i, (period, _) in enumerate(points)
        if i % step == 0
    ]
    levels = [(round(base - plot_h * k / 4, 1), f"{peak * k / 4:g}") for k in range(5)]
    return BarChart(
        width=width,
        height=height,
        left=left,
        base=base,
        bars=bars,
        ticks=ticks,
        levels=[lv for lv in levels if float(lv[1]).is_integer()],
        legend=[],
        unit=unit,
    )
