"""Counts over time as a bar chart (geometry for the ``counts`` macro of
``templates/_charts.html``): one bar per month or week, every period from
the first to the last, drawn on the server like the other charts."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.web.charts import MONTHS, Bar, BarChart, BarFrame, _nice

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
    frame = BarFrame(width, height, len(points), _nice(max(n for _, n in points)), min_bar=1.0)
    bars = []
    for i, (period, n) in enumerate(points):
        h = frame.tall(n)
        bars.append(
            Bar(
                frame.x(i),
                round(frame.base - h, 1),
                round(frame.bar_w, 1),
                round(h, 1),
                colour,
                f"{period}: {n} {what}",
            )
        )
    labels = [_tick(period, i == 0) for i, (period, _) in enumerate(points)]
    return frame.chart(bars, labels, legend=[], unit=unit)
