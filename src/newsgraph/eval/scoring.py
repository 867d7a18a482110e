"""Scorers for main-text extraction, as the public benchmarks compute them.

- ``shingle_counts``: the article-extraction-benchmark (Zyte/Scrapinghub)
  measure — word 4-gram shingles of the gold and predicted body, true/false
  positives and false negatives normalised per document; precision and recall
  are averaged over documents and F1 is their harmonic mean.
- ``snippet_counts``: trafilatura's evaluation — each gold "with" snippet found
  in the output (white space normalised) is a true positive, each "without"
  snippet found a false positive; counts are summed over pages.
- ``multiset_counts`` / ``micro_scores``: gold and predicted items compared as
  multisets (an item predicted twice but gold once is one hit, one false
  positive); counts summed over items, then precision, recall and F1.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of word 4-gram shingles, normalised to sum to 1."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float | None = None


def shingle_scores(counts: list[tuple[float, float, float]]) -> Scores:
    """Benchmark-level scores from per-document shingle counts."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(
    with_: list[str], without: list[str], output: str | None
) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of gold snippets in one page's output."""
    text = _norm(output or "")
    tp = sum(1 for s in with_ if _norm(s) in text) if text else 0
    fp = sum(1 for s in without if _norm(s) in text) if text else 0
    return tp, fp, len(with_) - tp, len(without) - fp


def micro_scores(tp: int, fp: int, fn: int, accuracy: float | None = None) -> Scores:
    """Precision, recall and F1 from summed counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return Scores(precision, recall, f1, accuracy)


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> Scores:
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    total = tp + fp + fn + tn
    return micro_scores(tp, fp, fn, (tp + tn) / total if total else 0.0)


def multiset_counts(
    gold: Iterable[Hashable], predicted: Iterable[Hashable]
) -> tuple[int, int, int]:
    """(tp, fp, fn) of two multisets of items."""
    true, pred = Counter(gold), Counter(predicted)
    tp = sum((true & pred).values())
    return tp, sum(pred.values()) - tp, sum(true.values()) - tp
