"""The noun dictionaries: actors (``*.actors.txt``), agents (``*agents*.txt``)
and discards (``*discards*.txt``).

Actors. An entry is a phrase line, its synonyms (lines that start with
``+``; several on one line as ``+A_ +B_`` are read as several) and its codes,
on the phrase line (``UN_ [IGOUNO]``) or on lines of their own that start
with blanks or a tab (``<TAB>[USAGOV >130201]``), until the next phrase line.
A code is a run of three-character parts (``USA``, ``USAGOV``, ``---REB``),
optionally followed by a window: ``yymmdd-yymmdd``, ``>yymmdd`` (from),
``<yymmdd`` (until), with 8-digit years accepted (``text.parse_date``).
Several codes may share a line (``[NLDGOV >081004][MNCNLD]``); text after the
last ``]`` is ignored. A phrase met in several entries gets the codes of all.

Agents. ``PHRASE {PLURAL} [~SEC]``: the sector ``SEC`` follows the actor's
code; ``[SEC~]`` (it precedes it, used for organisations such as ``IGO~``)
gives the sector as well. ``{PLURAL}`` names an irregular plural, ``{}`` says
there is none; otherwise the regular plural of the last word is added, as
PETRARCH does (not after a phrase that ends with ``_``, nor after a
substitution). ``!NAME! = A, B, C`` defines a substitution set and every
``!NAME!`` in a phrase is replaced by each member in turn
(``SPOKES!PERSON!`` -> ``spokesman``, ``spokesmen``, ...). When a phrase
has two codes the later line wins; a written phrase wins over a made plural.

Discards. One phrase a line; a leading ``+`` (which makes PETRARCH drop the
whole story rather than the sentence) is dropped.

A malformed line is skipped and reported as ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

from newsgraph.dictionaries.model import ActorCode, phrase_key
from newsgraph.dictionaries.text import content_lines, parse_window, phrase_problem

__all__ = ["plural_of", "read_actors", "read_agents", "read_discards"]

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_ACTOR_CODE = re.compile(r"(?:[A-Z0-9-]{3})+")
_AGENT_CODE = re.compile(r"~([A-Z0-9]+)|([A-Z0-9]+)~")
_MACRO_DEFINITION = re.compile(r"!([A-Za-z0-9_]+)!\s*=(.*)")
_MACRO = re.compile(r"!([A-Za-z0-9_]+)!")
_SYNONYM_SPLIT = re.compile(r"\s\+")


def plural_of(key: str) -> str:
    """The regular plural of a phrase key's last word: ``-ies`` after a
    consonant and ``y``, ``-es`` after ``s``, ``x``, ``z``, ``ch``, ``sh``,
    else ``-s``."""
    if len(key) > 1 and key.endswith("y") and key[-2] not in "aeiou":
        return key[:-1] + "ies"
    if key.endswith(("s", "x", "z", "ch", "sh")):
        return key + "es"
    return key + "s"


def _parse_codes(
    text: str, pivot: int, cache: dict[str, tuple[dt.date | None, dt.date | None]]
) -> list[ActorCode]:
    """The codes in the brackets of ``text``; ValueError naming the first
    thing wrong."""
    codes = []
    for found in _BRACKET.finditer(text):
        parts = found[1].split(None, 1) or [""]
        code, window = parts[0].upper(), parts[1] if len(parts) > 1 else ""
        if not _ACTOR_CODE.fullmatch(code):
            raise ValueError(f"bad actor code {code!r}")
        window = window.strip()
        if window not in cache:
            cache[window] = parse_window(window, pivot)
        start, end = cache[window]
        codes.append(ActorCode(code, start, end))
    leftover = _BRACKET.sub("", text)
    if "[" in leftover or "]" in leftover:
        raise ValueError("unbalanced [ ]")
    return codes


class _ActorEntryBuilder:
    """The entry being read: its phrases and codes until the next phrase line."""

    def __init__(self, into: dict[str, list[ActorCode]], problems: list[str], name: str) -> None:
        self.into = into
        self.problems = problems
        self.name = name
        self.line = 0
        self.first = ""
        self.keys: list[str] = []
        self.codes: list[ActorCode] = []
        self.codes_rejected = False
        self.entries = 0

    def start(self, line: int, phrase: str) -> None:
        self.finish()
        self.line, self.first = line, phrase.strip()
        self.keys, self.codes, self.codes_rejected = [], [], False

    def add_phrase(self, line: int, phrase: str) -> None:
        wrong = phrase_problem(phrase)
        if wrong:
            self.report(line, f"{wrong}: {phrase.strip()!r}; skipped")
        else:
            self.keys.append(phrase_key(phrase))

    def report(self, line: int, message: str) -> None:
        self.problems.append(f"{self.name}:{line}: {message}")

    def finish(self) -> None:
        if not self.line:
            return
        if self.keys and self.codes:
            self.entries += 1
            for key in dict.fromkeys(self.keys):
                known = self.into.get(key)
                if known is None:
                    self.into[key] = list(self.codes)
                else:
                    self.into[key] = known + [c for c in self.codes if c not in known]
        elif self.keys and not self.codes_rejected:
            self.report(self.line, f"no code for {self.first!r}; entry skipped")
        self.line = 0


def read_actors(
    path: Path, pivot: int, into: dict[str, list[ActorCode]], problems: list[str]
) -> int:
    """Add the entries of the actors file ``path`` to ``into`` (phrase key ->
    codes); returns how many entries were read."""
    entry = _ActorEntryBuilder(into, problems, path.name)
    windows: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for number, line in content_lines(path):
        text = line.strip()
        if text.startswith(("[", "+")) and not entry.line:
            entry.report(number, f"{text!r} before any actor phrase; skipped")
        elif text.startswith("["):
            try:
                entry.codes.extend(_parse_codes(text, pivot, windows))
            except ValueError as exc:
                entry.report(number, f"{exc} in {text!r}; line skipped")
                entry.codes_rejected = True
        elif text.startswith("+"):
            for synonym in _SYNONYM_SPLIT.split(text[1:]):
                entry.add_phrase(number, synonym.removeprefix("+"))
        else:
            phrase, bracket, rest = text.partition("[")
            entry.start(number, phrase)
            entry.add_phrase(number, phrase)
            if bracket:
                try:
                    entry.codes.extend(_parse_codes(bracket + rest, pivot, windows))
                except ValueError as exc:
                    entry.report(number, f"{exc} in {text!r}; codes of this line skipped")
                    entry.codes_rejected = True
    entry.finish()
    return entry.entries


def _expand_macros(phrase: str, macros: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """Every spelling of ``phrase`` with its ``!NAME!`` markers replaced, or
    the reason it can't be expanded."""
    found = list(_MACRO.finditer(phrase))
    for marker in found:
        name = marker[1].upper()
        if name not in macros:
            return [], f"unknown substitution marker !{marker[1]}!"
        before = phrase[marker.start() - 1] if marker.start() > 0 else ""
        after = phrase[marker.end()] if marker.end() < len(phrase) else ""
        if before.isalnum() and after.isalnum():
            return [], f"substitution marker !{marker[1]}! inside a word"
    pieces = _MACRO.split(phrase)  # text, name, text, name, ..., text
    texts, names = pieces[0::2], pieces[1::2]
    spellings = []
    for choice in itertools.product(*(macros[n.upper()] for n in names)):
        spellings.append("".join(t + c for t, c in zip(texts, (*choice, ""), strict=True)))
    return spellings, None


def read_agents(path: Path, into: dict[str, str], problems: list[str]) -> int:
    """Add the agents of ``path`` to ``into`` (phrase key -> sector); returns
    how many agent lines were read."""
    name = path.name
    macros: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    made: dict[str, str] = {}
    lines = 0

    def report(number: int, message: str) -> None:
        problems.append(f"{name}:{number}: {message}")

    for number, line in content_lines(path):
        text = line.strip()
        definition = _MACRO_DEFINITION.fullmatch(text)
        if definition:
            members = [m.strip() for m in definition[2].split(",") if m.strip()]
            if members:
                macros[definition[1].upper()] = members
            else:
                report(number, f"substitution set !{definition[1]}! has no members")
            continue
        phrase, bracket, rest = text.partition("[")
        code_text, closed, _ = rest.partition("]")
        if not bracket:
            report(number, f"no [code] in {text!r}; skipped")
            continue
        found = _AGENT_CODE.fullmatch(code_text.strip().upper()) if closed else None
        sector = (found[1] or found[2]) if found else ""
        if not sector or len(sector) % 3:
            report(number, f"bad agent code {'[' + rest!r}; skipped")
            continue
        plural: str | None = None
        if "{" in phrase:
            phrase, _, braces = phrase.partition("{")
            plural, closed, _ = braces.partition("}")
            if not closed:
                report(number, f"no closing }} in {text!r}; skipped")
                continue
        spellings, wrong = _expand_macros(phrase, macros)
        wrong = wrong or next(filter(None, map(phrase_problem, spellings)), None)
        if wrong:
            report(number, f"{wrong}: {text!r}; skipped")
            continue
        lines += 1
        for spelling in spellings:
            written[phrase_key(spelling)] = sector
        if plural is not None:
            if plural.strip():
                written[phrase_key(plural)] = sector
        elif len(spellings) == 1 and spellings[0] == phrase and not phrase.rstrip().endswith("_"):
            made[plural_of(phrase_key(phrase))] = sector
    for key, sector in made.items():
        into.setdefault(key, sector)
    into.update(written)
    return lines


def read_discards(path: Path, into: set[str], problems: list[str]) -> int:
    """Add the phrases of the discards file ``path`` to ``into``; returns how
    many lines were read."""
    lines = 0
    for number, line in content_lines(path):
        text = line.strip().removeprefix("+")
        wrong = phrase_problem(text)
        if wrong:
            problems.append(f"{path.name}:{number}: {wrong}: {line.strip()!r}; skipped")
            continue
        into.add(phrase_key(text))
        lines += 1
    return lines
