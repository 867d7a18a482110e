"""Quotation marks: where quotations open and close in a text.

Curly “ ”, straight ", typewriter `` '' and '' '', guillemets « », and single
‘ ’ / ' ' at the top level (an apostrophe between letters is not a mark); a
quotation inside another stays part of it; a paragraph that opens a quotation
without closing it continues into the next paragraph that opens with a mark
of the same style. A straight mark opens when it stands before a word and
closes after one; an opening mark of the open quotation's style that does
not nest in it ends the open quotation there (copy that prints a new opening
mark for each sentence or paragraph of a quote and never closes the last
one). Used by ``extract.quotes`` (step 1 of its docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]


_MARK = re.compile(r"``|''|[\"“”„«»‘’']")
_SINGLE = {"single", "sstraight"}
_DOUBLE = {"curly", "straight", "tex", "guillemet"}


@dataclass(frozen=True)
class Marked:
    """A quotation between marks: ``open`` is the first opening mark, ``close``
    the end of the last closing mark (the paragraph end when unclosed)."""

    open: int
    close: int
    parts: tuple[Span, ...]
    closed: bool


def paragraphs(text: str) -> list[Span]:
    """(start, end) of each paragraph: text between line breaks (article text
    separates paragraphs by a blank line and never breaks a line inside one)."""
    spans: list[Span] = []
    start = 0
    for gap in re.finditer(r"\s*\n\s*", text):
        if text[start : gap.start()].strip():
            spans.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _mark(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(style, role) of a mark; role is open, close or either. None for apostrophes."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    fixed = {"“": ("curly", "open"), "„": ("curly", "open"), "”": ("curly", "close"),
             '"': ("straight", "either"), "``": ("tex", "open"), "''": ("tex", "either"),
             "«": ("guillemet", "open"), "»": ("guillemet", "close")}  # fmt: skip
    if mark == "“" and not before.isspace() and (after.isspace() or after in ".,;:"):
        return "curly", "either"  # here,“ said Jim Clyburn: a mistyped closing mark
    if mark == '"':  # straight: its side of the word tells open from close
        if (before.isspace() or before in "([{—–-/") and not after.isspace():
            return "straight", "open"  # said: "We ... / weeks. "We are going
        if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
            return "straight", "close"
        return "straight", "either"
    if mark in fixed:
        return fixed[mark]
    if before.isalnum() and after.isalnum():
        return None  # don't, Democrats’s
    style = "sstraight" if mark == "'" else "single"
    if mark != "’" and not before.isalnum() and not after.isspace():
        return style, "open"
    if mark != "‘" and not before.isspace() and not after.isalnum():
        return style, "close"
    return None


def _opens(text: str, at: int, style: str) -> int:
    """Length of an opening mark of ``style`` at ``at``, else 0."""
    for mark in ("``", "''", "“", "„", '"', "«"):
        if text.startswith(mark, at):
            found = _mark(text, at, at + len(mark))
            return len(mark) if found and found[0] == style and found[1] != "close" else 0
    return 0


def scan_quotes(text: str) -> list[Marked]:
    """The top-level quotations of ``text``, in order."""
    found: list[Marked] = []
    paras = paragraphs(text)
    style = ""  # the open quotation's style, "" when outside
    first = content = 0
    done: list[Span] = []
    skip = -1

    def finish(end: int, close: int, closed: bool) -> None:
        pieces = [*done, (content, end)]
        parts = tuple(strip_span(text, s, e) for s, e in pieces)
        parts = tuple(p for p in parts if p[1] > p[0])
        if parts:
            found.append(Marked(first, close, parts, closed))

    for number, (start, end) in enumerate(paras):
        marks = [
            (m.start(), m.end(), *kind)
            for m in _MARK.finditer(text, start, end)
            if m.start() >= skip and (kind := _mark(text, m.start(), m.end())) is not None
        ]
        depth = 0  # quotations of the same style nested in the open one
        for k, (at, until, mark_style, role) in enumerate(marks):
            if not style:
                if role != "close":
                    style, first, content, done, depth = mark_style, at, until, [], 0
            elif mark_style == style and role != "open" and depth:
                depth -= 1
            elif mark_style == style and role != "open":
                finish(at, until, True)
                style = ""
            elif mark_style == style and _nests(marks[k + 1 :], style, depth):
                depth += 1  # “what he calls “hell” than ...”
            elif mark_style == style and _sentence_ended(text, content, at):
                # reopened right after its own words ("... 26 weeks. "We are going ..."):
                # the same speaker goes on, a part of the same quotation
                done.append((content, at))
                content = until
            elif mark_style == style:  # reopened after narration: the last one was never closed
                finish(at, at, False)
                first, content, done = at, until, []
            elif (
                role != "open"
                and {style, mark_style} <= _DOUBLE
                and not any(m[2] == style and m[3] != "open" for m in marks[k + 1 :])
            ):  # “mixed marks", closed by the other style
                finish(at, until, True)
                style = ""
        if not style:
            continue
        following = paras[number + 1][0] if number + 1 < len(paras) else None
        width = _opens(text, following, style) if following is not None else 0
        if style not in _SINGLE and following is not None and width:
            done.append((content, end))
            content = skip = following + width
        else:
            if style not in _SINGLE:
                finish(end, end, False)
            style = ""
    return found


def _sentence_ended(text: str, start: int, end: int) -> bool:
    """Whether the quoted words between ``start`` and ``end`` end a sentence
    (. ! ? …): a mark after them opens the next sentence of the same quote."""
    return text[start:end].rstrip()[-1:] in {".", "!", "?", "…"}


def _nests(rest: list[tuple[int, int, str, str]], style: str, depth: int) -> bool:
    """Whether an opening mark inside a quotation of its own style is nested: the
    rest of the paragraph closes both (and any quotation nested already)."""
    closes = sum(1 for m in rest if m[2] == style and m[3] == "close")
    opens = sum(1 for m in rest if m[2] == style and m[3] == "open")
    return closes - opens >= depth + 2


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
