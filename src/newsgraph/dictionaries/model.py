"""What a folder of PETRARCH / TABARI dictionaries holds once read: actor
codes with their date windows, agent sectors, verb patterns, synonym sets and
discard phrases (``CommunityDictionaries``), and the one rule every part
shares for turning a phrase into a key (``phrase_key``).

A phrase key is the phrase in lower case, its words (separated by ``_`` or
blanks in the files) joined by single spaces: ``JOHN_KERRY_`` and
``John  Kerry`` are both ``"john kerry"``. Punctuation inside words is kept
as written (``"u.s."``, ``"f/a-18"``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["ActorCode", "CommunityDictionaries", "VerbPattern", "phrase_key"]


def phrase_key(phrase: str) -> str:
    """``phrase`` as a dictionary key: lower case, ``_`` read as a blank,
    words joined by single spaces."""
    return " ".join(phrase.replace("_", " ").lower().split())


@dataclass(frozen=True)
class ActorCode:
    """One code of an actor entry and the window in which it holds (both
    ends included; ``None`` leaves that end open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        """Whether the code holds only within a window."""
        return self.start is not None or self.end is not None

    def holds_on(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the window."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class VerbPattern:
    """One pattern of the verb dictionary, or the bare verb of one verb line.

    ``before`` and ``after`` are the literal words of the pattern on either
    side of the verb, in the order written, with the markers ``$`` (source),
    ``+`` (target), ``%`` (compound) and ``^`` (skip) and the brackets of noun
    phrases ``{...}`` and prepositional phrases ``(...)`` removed; a synonym
    set stays as its name (``"&currency"``, see ``CommunityDictionaries.synsets``).
    ``code`` is the CAMEO code (``"---"`` is the null code: no event);
    ``paired`` is the second code of ``[a:b]`` (``[:b]`` gives ``code="---"``).
    """

    verb: str
    code: str
    paired: str | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    forms: tuple[str, ...]
    line: int


@dataclass
class CommunityDictionaries:
    """A folder of PETRARCH / TABARI dictionaries, read (``load_dictionaries``)."""

    actors: dict[str, list[ActorCode]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    verbs: list[VerbPattern] = field(default_factory=list)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    discards: frozenset[str] = frozenset()
    problems: list[str] = field(default_factory=list)
    actor_entries: int = 0
    """How many actor entries (a phrase, its ``+`` synonyms and their codes)
    were read; ``len(actors)`` counts their phrases."""

    def actor_codes(self, phrase: str, on: dt.date | None = None) -> list[str]:
        """The codes of ``phrase`` (any spelling: ``"John Kerry"``,
        ``"JOHN_KERRY"``) that hold on ``on``: the codes whose window contains
        that day, then the undated codes. Without a day: the undated codes,
        else the codes of the latest window (the one that ends last; an open
        end is latest). No duplicates; an unknown phrase gives ``[]``.

        TABARI reads an undated code as the default for days that no window
        covers, so the first code returned is the one TABARI would choose.
        """
        codes = self.actors.get(phrase_key(phrase), [])
        if on is not None:
            chosen = [c.code for c in codes if c.dated and c.holds_on(on)]
            chosen += [c.code for c in codes if not c.dated]
            return list(dict.fromkeys(chosen))
        undated = [c.code for c in codes if not c.dated]
        if undated:
            return list(dict.fromkeys(undated))
        if not codes:
            return []
        latest = max(_window_rank(c) for c in codes)
        return list(dict.fromkeys(c.code for c in codes if _window_rank(c) == latest))

    def agent_sector(self, phrase: str) -> str | None:
        """The sector code of the role noun ``phrase`` (``"prosecutor"`` ->
        ``"JUD"``), or None."""
        return self.agents.get(phrase_key(phrase))


def _window_rank(code: ActorCode) -> tuple[dt.date, dt.date]:
    """Orders windows by their end, then their start (open ends last)."""
    return (code.end or dt.date.max, code.start or dt.date.min)
