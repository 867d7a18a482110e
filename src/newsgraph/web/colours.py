"""Colours the pages give to PLOVER event types and to speakers. Every
colour has at least 3:1 contrast on white (graphics) and the quote tints
keep body text above 7:1; the CSS classes ``spk-0`` ... ``spk-7`` are
defined in static/style.css."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

PLOVER_TYPES = (
    "REQUEST",
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
)
"""The PLOVER event types, roughly from cooperation to conflict."""

TYPE_COLOURS = {
    "REQUEST": "#2f6db5",
    "AGREE": "#1b7f5a",
    "CONSULT": "#0b7f86",
    "SUPPORT": "#4f8a1f",
    "COOPERATE": "#2c5f2d",
    "AID": "#6a4fb3",
    "CONCEDE": "#74803a",
    "RETREAT": "#8a6d3b",
    "ACCUSE": "#c05600",
    "REJECT": "#a15c00",
    "THREATEN": "#c0392b",
    "PROTEST": "#b03a7a",
    "MOBILIZE": "#7d3c98",
    "SANCTION": "#566573",
    "COERCE": "#922b21",
    "ASSAULT": "#4a0d0d",
}
OTHER_COLOUR = "#6b6b6b"

SPEAKER_COLOURS = 8
"""Quote colours (CSS classes ``spk-0`` ... ``spk-7``)."""


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get((event_type or "").upper(), OTHER_COLOUR)


def type_order(event_type: str) -> tuple[int, str]:
    """Sort key: PLOVER order, unknown types last (alphabetically)."""
    upper = event_type.upper()
    return (PLOVER_TYPES.index(upper) if upper in PLOVER_TYPES else len(PLOVER_TYPES), upper)


def speaker_colours(keys: Iterable[str]) -> dict[str, int]:
    """A colour index for each speaker key: each speaker's own slot (from a
    hash of the key, so the same speaker tends to keep its colour from page
    to page), moved to the next free slot when another speaker of the same
    page has it; colours repeat only beyond ``SPEAKER_COLOURS`` speakers."""
    chosen: dict[str, int] = {}
    taken: set[int] = set()
    for key in sorted(set(keys)):
        slot = zlib.crc32(key.encode("utf-8")) % SPEAKER_COLOURS
        if len(taken) < SPEAKER_COLOURS:
            while slot in taken:
                slot = (slot + 1) % SPEAKER_COLOURS
        chosen[key] = slot
        taken.add(slot)
    return chosen
