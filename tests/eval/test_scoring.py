"""The scorers compute what the public benchmarks compute."""

from __future__ import annotations

import pytest

from newsgraph.eval.scoring import shingle_counts, shingle_scores, snippet_counts, snippet_scores


def test_scoring_shingles_identical_and_disjoint():
    text = "one two three four five six"
    assert shingle_counts(text, text) == (1.0, 0.0, 0.0)
    assert shingle_counts(text, "alpha beta gamma delta") == (0.0, 0.25, 0.75)


def test_scoring_shingles_partial_overlap():
    gold = "a b c d e f"  # shingles: abcd bcde cdef
    pred = "a b c d e f g h"  # + defg efgh
    tp, fp, fn = shingle_counts(gold, pred)
    assert (tp, fp, fn) == pytest.approx((3 / 5, 2 / 5, 0.0))
    scores = shingle_scores([(tp, fp, fn), (1.0, 0.0, 0.0)])
    assert scores.precision == pytest.approx((0.6 + 1.0) / 2)
    assert scores.recall == pytest.approx(1.0)
    assert scores.f1 == pytest.approx(2 * 0.8 / 1.8)


def test_scoring_snippets():
    counts = snippet_counts(
        ["in  the text", "missing"], ["boiler plate"], "Here in the\ntext, with boiler plate."
    )
    assert counts == (1, 1, 1, 0)
    scores = snippet_scores([counts, (2, 0, 0, 2)])
    assert (scores.precision, scores.recall) == (0.75, 0.75)
    assert scores.accuracy == pytest.approx(5 / 7)
