"""Text normalisation and splitting a scrape into lines."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


_INDENTED = re.compile(r"(?: {2,}|\t)\S")


def mark_indented_paragraphs(text: str) -> str:
    """Put a blank line before each indented line when indentation marks the
    paragraphs (old wire copy: wrapped lines, a new paragraph indented)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    indented = {i for i, line in enumerate(lines) if _INDENTED.match(line)}
    if len(indented) < 3:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in indented and i > 0 and lines[i - 1].strip():
            out.append("")
        out.append(line)
    return "\n".join(out)


def normalize(text: str) -> str:
    """Unicode NFC, unified line endings, no invisible characters, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def squash(text: str) -> str:
    """A comparison key: lower case, letters and digits only, single spaces."""
    return " ".join(_WORD.findall(text.casefold()))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (., !, ?, … maybe inside a quote)."""
    return bool(_TERMINAL.search(text))


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the text was wrapped at a fixed width (old wire copy, e-mail).

    Wrapped text has most long lines followed by another non-empty line and no
    line much longer than the wrap width.
    """
    long_lines = [i for i, line in enumerate(lines) if len(line) >= 40]
    if len(long_lines) < 4 or max(len(line) for line in lines) > 100:
        return False
    continued = [i for i in long_lines if i + 1 < len(lines) and lines[i + 1]]
    mid_sentence = [i for i in continued if not ends_sentence(lines[i])]
    return len(continued) >= 0.5 * len(long_lines) and len(mid_sentence) >= 0.5 * len(continued)


def has_text(paragraphs: list[str]) -> bool:
    """Whether paragraphs hold article text: a sentence, not a menu or a label."""
    return any(word_count(p) >= 8 or (ends_sentence(p) and word_count(p) >= 3) for p in paragraphs)


def split_units(text: str, *, unwrap: bool = True) -> list[str]:
    """Split normalised text into units: one per line, or, when the text is
    hard-wrapped, one per paragraph (a line that reaches near the wrap width
    continues on the next non-empty line)."""
    lines = text.split("\n")
    if not (unwrap and is_hard_wrapped(lines)):
        return [line for line in lines if line]
    width = max(len(line) for line in lines)
    units: list[str] = []
    parts: list[str] = []
    for line in [*lines, ""]:
        if parts and line and len(parts[-1]) >= 0.6 * width:
            parts.append(line)
            continue
        if parts:
            units.append(" ".join(parts))
        parts = [line] if line else []
    return units
