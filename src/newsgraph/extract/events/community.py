"""Community dictionaries (PETRARCH / TABARI format) as extra event knowledge.

When a folder is given (``--dictionaries DIR`` or ``NEWSGRAPH_DICTIONARIES``),
the event stage reads it once per process (``newsgraph.dictionaries``) and
uses it beside its own data files:

- **actors**: a person, organisation or place the text names, looked up by
  its canonical name and aliases. A code whose date window holds the
  article's date comes before the built-in office-holder table; an undated
  code fills in where the built-in tables know nothing. What the text says
  (a nationality, a role of another country) always wins, and parties keep
  their built-in government/opposition code.
- **agents**: role nouns ("prosecutor" -> JUD) the built-in sector table
  lacks.
- **verbs**: each verb of the CAMEO verb dictionary the built-in lexicon
  lacks becomes a sense with its code; its one-word patterns become object
  ("- * ASYLUM [075]"), preposition ("- * AGAINST [...]") or particle senses,
  tried after the built-in senses of the same verb. Longer patterns and
  patterns with words before the verb are not used.
- **discards**: a sentence holding a discard phrase of two or more words, or
  one word of four or more letters, codes no event (sport, entertainment).

Malformed entries were reported and skipped by the reader
(``newsgraph dictionaries check DIR`` lists them).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from newsgraph import settings
from newsgraph.dictionaries import CommunityDictionaries, load_dictionaries, phrase_key
from newsgraph.errors import NewsgraphError
from newsgraph.extract.events.lexicon import EventLexicon, Sense, lexicon

__all__ = ["Community", "active", "coding_lexicon"]

_PREPOSITIONS = frozenset(
    "about against at between by for from in into of on over to toward towards under with "
    "within without across after before behind".split()
)
_PARTICLES = frozenset("out off up down back away over aside".split())
_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class Community:
    """A dictionaries folder, read, with the tables the stages use."""

    path: Path
    dictionaries: CommunityDictionaries
    discards: tuple[str, ...]

    def actor_code(self, names: list[str], on: dt.date | None) -> tuple[str, bool] | None:
        """(code, whether a dated window chose it) of the first of ``names``
        the actor dictionaries know."""
        for name in names:
            entries = self.dictionaries.actors.get(phrase_key(name))
            if not entries:
                continue
            if on is not None:
                dated = [e for e in entries if e.dated and e.holds_on(on)]
                if dated:
                    return dated[0].code, True
            codes = self.dictionaries.actor_codes(name, on)
            if codes:
                return codes[0], False
        return None

    def agent_sector(self, words: str) -> str | None:
        sector = self.dictionaries.agent_sector(words)
        return sector[:3] if sector and sector[:3].isalpha() else None

    def discarded(self, text: str) -> bool:
        lower = f" {' '.join(text.lower().split())} "
        return any(f" {phrase} " in lower for phrase in self.discards)


@cache
def _read(path: str) -> Community:
    folder = Path(path)
    if not folder.is_dir():
        raise NewsgraphError(f"{folder}: no such dictionaries folder (NEWSGRAPH_DICTIONARIES)")
    found = load_dictionaries(folder)
    discards = tuple(
        sorted(
            p
            for p in found.discards
            if " " in p or (len(p) >= 4 and p.isalpha())  # never bare years or initials
        )
    )
    return Community(folder, found, discards)


def active() -> Community | None:
    """The dictionaries folder the settings name, read (once per process)."""
    path = settings.get("dictionaries")
    return _read(str(Path(path).expanduser())) if path else None


def coding_lexicon() -> EventLexicon:
    """The event lexicon, extended by the active dictionaries' verbs."""
    community = active()
    return _extended(community.path) if community is not None else lexicon()


@cache
def _extended(path: Path) -> EventLexicon:
    base = lexicon()
    community = _read(str(path))
    added: dict[str, list[Sense]] = {}
    objects: dict[str, dict[str, str]] = {}
    bare: dict[str, str] = {}
    synsets = community.dictionaries.synsets
    for pattern in community.dictionaries.verbs:
        code = pattern.code
        if not _CODE.match(code) or base.plover(code) is None or pattern.before:
            continue
        verb = pattern.verb
        if not pattern.after:
            bare.setdefault(verb, code)
            continue
        if len(pattern.after) != 1:
            continue
        word = pattern.after[0]
        kind = base.plover(code) or ""
        if word in _PREPOSITIONS:
            added.setdefault(verb, []).append(Sense(code, kind, (word,), prep=word))
        elif word in _PARTICLES:
            added.setdefault(verb, []).append(Sense(code, kind, (), particle=word))
        else:
            for noun in synsets.get(word, frozenset({word})) if word.startswith("&") else {word}:
                if noun.isalpha():
                    objects.setdefault(verb, {}).setdefault(noun, code)
    senses = dict(base.verb_senses)
    for verb in set(added) | set(objects) | set(bare):
        extra: list[Sense] = []
        if verb in objects:
            first = next(iter(objects[verb].values()))
            kind = base.plover(first) or ""
            targets = base.verb_senses[verb][0].targets if verb in base.verb_senses else ()
            extra.append(Sense(first, kind, targets, objects=tuple(sorted(objects[verb].items()))))
        extra += added.get(verb, [])
        if verb in bare and verb not in base.verb_senses:
            code = bare[verb]
            extra.append(Sense(code, base.plover(code) or "", ()))
        senses[verb] = tuple(senses.get(verb, ())) + tuple(_with_targets(s, base) for s in extra)
    return replace(base, verb_senses=senses)


def _with_targets(sense: Sense, base: EventLexicon) -> Sense:
    """A dictionary sense with its type's default target prepositions."""
    if sense.targets:
        return sense
    defaults = base.type_targets.get(sense.type, ())
    return replace(sense, targets=tuple(defaults))
