"""The verb dictionary (``CAMEO.2.0.txt``, ``*verbs*.txt``): synonym sets,
verb blocks and their patterns, in the PETRARCH-2 syntax.

Synonym sets::

    &CURRENCY            a set: & and a name (a name ending in _ makes no plurals)
    +DOLLAR              a member; _ joins words (+PRIME_MINISTER); a member
    +CASH_               ending in _ gets no plural, the others their regular one

Verb blocks::

    ---  ASK   [---]  ---                  header: a name and the block's code
    ASK     [020]                           a verb, with a code of its own
    QUERY {QUERYING QUERIES QUERIED }       a verb and its irregular forms
    +ASK_FOR {+ASKED_FOR +ASKS_FOR}         a multi-word verb: + marks the verb word
    WIRE_+TAP                               (words before it are read as before it)
    - * (FOR {FINANCIAL AID})   [0231]      a pattern: * is the verb
    - &MILITARY * (TO +)        [154]       $ source, + target, % compound, ^ skip
    - * (TO)                    [042:043]   a paired code

A verb without ``{...}`` gets its regular forms (``-s``/``-es``/``-ies``,
``-ed``/``-d``/``-ied``, ``-ing``); with ``{...}`` its forms are exactly the
ones given (commas between them are allowed); a ``;`` ends a verb line as
in TABARI (``RIP {RIPPING RIPS RIPPED};shan 7/11/93``). In a pattern, ``{A B}`` is a
noun phrase whose last word is its head and ``(P X)`` a prepositional phrase;
both are flattened to their words in order. ``&NAME`` in a pattern names a
synonym set that must be defined above it. The code of a verb or pattern is
``[ddd]``, ``[dddd]``, ``[---]`` (no event), or ``[a:b]`` / ``[:b]`` (a
paired code; PETRARCH reads ``a`` for the active and ``b`` for the passive
sense; an empty ``a`` is the null code ``---``).

What becomes a ``VerbPattern``: every verb line gives one with empty
``before``/``after`` (the words of a multi-word verb around the verb word
go there) and its own code, else the block's. Every pattern line gives one
whose ``verb`` is the block's main verb (the verb named by the header, else
its first one-word verb) and whose ``forms`` are the forms of all the
block's one-word verbs; a block with only multi-word verbs uses its first
one and puts that verb's other words around the pattern's. (PETRARCH also
tries a block's patterns after its multi-word verbs; these are not repeated
here.) Transformation lines (``~ ...``) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.dictionaries.actors import plural_of
from newsgraph.dictionaries.model import VerbPattern, phrase_key
from newsgraph.dictionaries.text import content_lines, phrase_problem

__all__ = ["looks_like_verbs", "parse_verb_code", "read_verbs", "regular_verb_forms"]

HEADER = re.compile(r"---\s*(\S+)\s*\[([^\[\]]*)\]")
_HEADER_BYTES = re.compile(rb"^---[ \t]*\S+[ \t]*\[", re.MULTILINE)
_TRAILING_CODE = re.compile(r"\[([^\[\]]*)\]\s*$")
_CAMEO = re.compile(r"\d{2,4}|---")
_TOKEN = re.compile(r"&[A-Za-z0-9_]+|[^\s_]+")
_VERB_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_SYNSET_NAME = re.compile(r"&[A-Za-z0-9_]+")
_MARKERS = frozenset("$+%^")


def looks_like_verbs(path: Path) -> bool:
    """Whether ``path`` holds at least one verb block header."""
    return _HEADER_BYTES.search(path.read_bytes()) is not None


def regular_verb_forms(word: str) -> tuple[str, ...]:
    """``word`` and its regular forms: grant, grants, granted, granting."""
    w = word.lower()
    consonant_y = len(w) > 1 and w.endswith("y") and w[-2] not in "aeiou"
    if len(w) > 1 and w.endswith("o") and w[-2] not in "aeiou":
        third = w + "es"
    else:
        third = plural_of(w)
    if w.endswith("e"):
        past = w + "d"
    elif consonant_y:
        past = w[:-1] + "ied"
    else:
        past = w + "ed"
    if w.endswith("ie"):
        ing = w[:-2] + "ying"
    elif w.endswith("e") and len(w) > 2 and not w.endswith(("ee", "ye", "oe")):
        ing = w[:-1] + "ing"
    else:
        ing = w + "ing"
    return tuple(dict.fromkeys((w, third, past, ing)))


def parse_verb_code(text: str) -> tuple[str, str | None]:
    """``"075"``, ``"---"``, ``"042:043"`` or ``":110"`` as (code, paired);
    ValueError for anything else."""
    first, colon, second = (part.strip() for part in text.strip().partition(":"))
    if colon and not first:
        first = "---"
    if not _CAMEO.fullmatch(first) or (colon and not _CAMEO.fullmatch(second)):
        raise ValueError(f"bad CAMEO code [{text.strip()}]")
    return first, second if colon else None


@dataclass
class _BlockVerb:
    """One verb line of a block."""

    line: int
    word: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    forms: tuple[str, ...]
    code: tuple[str, str | None] | None


@dataclass
class _BlockPattern:
    """One pattern line of a block."""

    line: int
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: tuple[str, str | None]


@dataclass
class _VerbBlock:
    """A block being read: its header, verbs and patterns."""

    line: int
    name: str
    code: tuple[str, str | None]
    verbs: list[_BlockVerb] = field(default_factory=list)
    patterns: list[_BlockPattern] = field(default_factory=list)

    def verb_patterns(self) -> tuple[list[VerbPattern], str | None]:
        """The block as VerbPatterns, and a problem when its patterns have no verb."""
        found = [
            VerbPattern(v.word, *(v.code or self.code), v.before, v.after, v.forms, v.line)
            for v in self.verbs
        ]
        if not self.patterns:
            return found, None
        simple = [v for v in self.verbs if not v.before and not v.after]
        if simple:
            name = self.name.rstrip("_").lower()
            main = next((v for v in simple if v.word == name), simple[0])
            forms = tuple(dict.fromkeys(f for v in simple for f in v.forms))
        elif self.verbs:
            main = self.verbs[0]
            forms = main.forms
        else:
            return found, f"block {self.name!r} has patterns but no verb; patterns skipped"
        found += [
            VerbPattern(
                main.word,
                *p.code,
                p.before + main.before,
                main.after + p.after,
                forms,
                p.line,
            )
            for p in self.patterns
        ]
        return found, None


def _split_verb(token: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """A verb as written (``ASK``, ``+ASK_FOR``, ``WIRE_+TAP``) as (words
    before, verb word, words after), lower case; ValueError if malformed."""
    parts = [p for p in token.split("_") if p]
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(parts) == 1:
        at = 0
    elif len(marked) == 1:
        at = marked[0]
    else:
        raise ValueError(f"multi-word verb {token!r} needs one + before its verb word")
    word = parts[at].removeprefix("+")
    if not _VERB_WORD.fullmatch(word) or any("+" in p for p in parts[at + 1 :] + parts[:at]):
        raise ValueError(f"bad verb {token!r}")
    lower = [p.lower() for p in parts]
    return tuple(lower[:at]), word.lower(), tuple(lower[at + 1 :])


def _parse_verb_line(text: str, number: int) -> _BlockVerb:
    text = text.partition(";")[0]  # a TABARI comment: SCRAP {SCRAPS ...};shan 8/30/93
    code = None
    found = _TRAILING_CODE.search(text)
    if found:
        code = parse_verb_code(found[1])
        text = text[: found.start()]
    given: list[str] = []
    if "{" in text:
        text, _, braces = text.partition("{")
        inner, closed, tail = braces.partition("}")
        if not closed or tail.strip():
            raise ValueError("unbalanced { } in verb line")
        given = inner.replace(",", " ").split()
    tokens = text.split()
    if len(tokens) != 1 or "[" in text or "]" in text:
        raise ValueError("a verb line holds one verb, its {forms} and a [code]")
    before, word, after = _split_verb(tokens[0])
    if given:
        forms = [word] + [_split_verb(g)[1] for g in given]
    else:
        forms = list(regular_verb_forms(word))
    return _BlockVerb(number, word, before, after, tuple(dict.fromkeys(forms)), code)


def _parse_pattern_line(text: str, number: int, synsets: dict[str, set[str]]) -> _BlockPattern:
    found = _TRAILING_CODE.search(text)
    if found is None:
        raise ValueError("pattern without a [code]")
    code = parse_verb_code(found[1])
    body = text[: found.start()]
    if body.count("(") != body.count(")") or body.count("{") != body.count("}"):
        raise ValueError("unbalanced ( ) or { } in pattern")
    if "[" in body or "]" in body:
        raise ValueError("stray [ ] in pattern")
    flat = re.sub(r"[(){}]", " ", body).replace("*", " * ")
    words: list[str] = []
    for token in _TOKEN.findall(flat):
        if token in _MARKERS:
            continue
        if token.startswith("&"):
            name = "&" + token[1:].rstrip("_").lower()
            if name not in synsets:
                raise ValueError(f"undefined synonym set {token}")
            words.append(name)
        else:
            words.append(token.lower())
    if words.count("*") != 1:
        raise ValueError("a pattern needs exactly one * for the verb")
    at = words.index("*")
    return _BlockPattern(number, tuple(words[:at]), tuple(words[at + 1 :]), code)


def read_verbs(
    path: Path,
    verbs: list[VerbPattern],
    synsets: dict[str, set[str]],
    problems: list[str],
) -> int:
    """Add the verb patterns and synonym sets of ``path`` to ``verbs`` and
    ``synsets``; returns how many verb blocks were read."""
    name = path.name
    block: _VerbBlock | None = None
    synset: str | None = None
    plurals = False
    blocks = 0
    skipping = False  # inside a block whose header was malformed

    def report(number: int, message: str) -> None:
        problems.append(f"{name}:{number}: {message}")

    def close_block() -> None:
        nonlocal block, blocks
        if block is not None:
            found, wrong = block.verb_patterns()
            verbs.extend(found)
            blocks += 1
            if wrong:
                report(block.line, wrong)
        block = None

    for number, line in content_lines(path):
        text = line.strip()
        try:
            if text.startswith("---"):
                close_block()
                synset, skipping = None, False
                header = HEADER.match(text)
                if header is None:
                    skipping = True
                    raise ValueError(f"bad block header {text!r}; block skipped")
                try:
                    code = parse_verb_code(header[2])
                except ValueError as exc:
                    skipping = True
                    raise ValueError(f"{exc} in block header; block skipped") from None
                block = _VerbBlock(number, header[1], code)
            elif text.startswith("&"):
                close_block()
                skipping = not _SYNSET_NAME.fullmatch(text)
                if skipping:
                    synset = None
                    raise ValueError(f"bad synonym set name {text!r}; set skipped")
                synset = "&" + text[1:].rstrip("_").lower()
                plurals = not text.endswith("_")
                synsets.setdefault(synset, set())
            elif skipping or text.startswith("~"):
                continue
            elif text.startswith("+") and synset is not None:
                member = text[1:].strip()
                wrong = phrase_problem(member)
                if wrong:
                    raise ValueError(wrong)
                synsets[synset].add(phrase_key(member))
                if plurals and not member.endswith("_"):
                    synsets[synset].add(plural_of(phrase_key(member)))
            elif block is None:
                raise ValueError(f"{text!r} outside a verb block or synonym set")
            elif text.startswith("-"):
                block.patterns.append(_parse_pattern_line(text[1:], number, synsets))
            else:
                block.verbs.append(_parse_verb_line(text, number))
        except ValueError as exc:
            report(number, f"{exc}: {text!r}; skipped" if "skipped" not in str(exc) else str(exc))
    close_block()
    return blocks
