"""Annotated text as safe HTML, built from character offsets.

The text is cut at every boundary of every annotation; each piece is
escaped (markupsafe) and wrapped in the elements of the annotations that
cover it, opened and closed like a stack, outermost layer first (paragraph,
then quote, then entity mention, then time expression). Where an inner
annotation crosses the edge of an outer one it is closed at the edge and
reopened after it, so the result always nests properly whatever the
offsets are. Within one layer annotations never overlap: the earliest
(then the longest) wins. Element names and attribute names are fixed here;
attribute values and text are escaped. Nothing from the data becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset({"p", "span", "a", "time"})
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z-]*$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


@dataclass(frozen=True, eq=False)
class Span:
    """An element over ``text[start:end]``: ``tag`` one of ``ALLOWED_TAGS``,
    ``attrs`` (name, value) pairs (values are escaped when written)."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.tag not in ALLOWED_TAGS:
            raise ValueError(f"{self.tag!r}: not an element highlighting may use")
        for name, _ in self.attrs:
            if not _ATTRIBUTE_NAME.match(name) or name.startswith("on"):
                raise ValueError(f"{name!r}: not an attribute highlighting may use")

    def open(self) -> Markup:
        return self._open

    def close(self) -> Markup:
        return self._close

    @cached_property
    def _open(self) -> Markup:
        # as Markup.format would write it (every value escaped), without its slow formatter
        attributes = "".join(f' {_escaped(name)}="{_escaped(value)}"' for name, value in self.attrs)
        return Markup(f"<{_escaped(self.tag)}{attributes}>")

    @cached_property
    def _close(self) -> Markup:
        return Markup(f"</{_escaped(self.tag)}>")


def _escaped(value: object) -> str:
    """``str(markupsafe.escape(value))``, without making a Markup of each
    plain string (the same five characters, written the same way)."""
    if type(value) is not str:
        return str(escape(value))
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def disjoint(spans: Sequence[Span], length: int) -> list[Span]:
    """The spans clipped to ``[0, length]``, empty ones dropped, overlaps
    resolved: earliest start first, then the longest; ties keep input order."""
    clipped = [
        replace(s, start=max(0, s.start), end=min(length, s.end))
        if s.start < 0 or s.end > length
        else s
        for s in spans
    ]
    ordered = sorted(
        (s for s in clipped if s.start < s.end), key=lambda s: (s.start, -(s.end - s.start))
    )
    kept: list[Span] = []
    for span in ordered:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def snap_to(spans: Sequence[Span], anchors: Sequence[Span]) -> list[Span]:
    """``spans`` with each edge that falls inside an anchor moved out to the
    anchor's edge (a quote that starts or ends inside an entity mention then
    takes the whole mention, so the mention stays one link)."""
    snapped = []
    for span in spans:
        start, end = span.start, span.end
        for anchor in anchors:
            if anchor.start < start < anchor.end:
                start = anchor.start
            if anchor.start < end < anchor.end:
                end = anchor.end
        snapped.append(
            replace(span, start=start, end=end) if (start, end) != (span.start, span.end) else span
        )
    return snapped


def paragraphs(text: str, attrs: tuple[tuple[str, str], ...] = ()) -> list[Span]:
    """A ``<p>`` for each paragraph of ``text`` (blank lines separate them)."""
    return [Span(m.start(), m.end(), "p", attrs) for m in _PARAGRAPH.finditer(text)]


def _piece(text: str) -> str:
    """Escaped text; a line break inside a paragraph becomes ``<br>``."""
    if "\n" not in text:
        return _escaped(text)
    return "<br>\n".join(_escaped(line) for line in text.split("\n"))


def render(
    text: str, layers: Sequence[Sequence[Span]], *, blocks: Sequence[Span] | None = None
) -> Markup:
    """``text`` as HTML with the spans of each layer (outermost layer
    first). With ``blocks`` (paragraphs), text outside every block is
    written as a line break and nothing else is open there."""
    length = len(text)
    clean = [disjoint(layer, length) for layer in layers]
    if blocks is not None:
        clean.insert(0, disjoint(blocks, length))
    cuts = sorted(
        {0, length, *(edge for layer in clean for s in layer for edge in (s.start, s.end))}
    )
    position = [0] * len(clean)
    stack: list[Span] = []
    out: list[str] = []  # escaped text and our own tags only
    for start, end in zip(cuts, cuts[1:], strict=False):
        active: list[Span] = []
        for i, layer in enumerate(clean):
            while position[i] < len(layer) and layer[position[i]].end <= start:
                position[i] += 1
            if position[i] < len(layer) and layer[position[i]].start <= start:
                active.append(layer[position[i]])
            elif blocks is not None and i == 0:
                break  # between paragraphs: nothing open
        kept = 0
        while kept < min(len(stack), len(active)) and stack[kept] is active[kept]:
            kept += 1
        out.extend(span.close() for span in reversed(stack[kept:]))
        out.extend(span.open() for span in active[kept:])
        stack = active
        if blocks is not None and not active:
            out.append("\n")
        else:
            out.append(_piece(text[start:end]))
    out.extend(span.close() for span in reversed(stack))
    return Markup("".join(out))
