"""Normalising text and splitting it into units."""

from __future__ import annotations

import textwrap

from newsgraph.article.text import normalize, split_units


def test_text_normalize_line_endings_and_spaces():
    assert normalize("a\u00a0 b\r\nc\rd\u200b") == "a b\nc\nd"


def test_text_lines_are_units():
    assert split_units("Headline\n\nBy JANE DOE\nFirst paragraph.\n\nSecond.") == [
        "Headline",
        "By JANE DOE",
        "First paragraph.",
        "Second.",
    ]


def test_text_hard_wrapped_paragraphs_are_joined():
    para = (
        "The quick brown fox jumps over the lazy dog while the committee "
        "debates the budget for the coming year, and nobody listens to it."
    )
    wrapped = "\n".join(textwrap.wrap(para, 68))
    text = "Short headline\n\nBy JANE DOE\n\n" + "\n\n".join([wrapped] * 4)
    units = split_units(text)
    assert units[:2] == ["Short headline", "By JANE DOE"]
    assert units[2:] == [para] * 4
