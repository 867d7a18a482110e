"""Quality gate: body extraction on the public gold sets, beside plain trafilatura."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgraph.eval.extraction import find_gold_sets, print_report, run_gold_set

from ..conftest import EVAL_DEV

FLOORS = json.loads((Path(__file__).parent / "extraction_floors.json").read_text("utf-8"))
GOLD = EVAL_DEV / "article-extraction"


def _sets():
    if not GOLD.is_dir():
        pytest.skip(f"{GOLD} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    return {gold.name: gold for gold in find_gold_sets(GOLD)}


def test_extraction_gate_finds_both_gold_sets():
    assert set(_sets()) == {"scrapinghub-aeb", "trafilatura-evaldata-en"}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["scrapinghub-aeb", "trafilatura-evaldata-en"])
def test_extraction_gate_f1_at_least_floor_and_trafilatura(name):
    report = run_gold_set(_sets()[name])
    out = io.StringIO()
    print_report(report, out)
    print(out.getvalue())
    ours, theirs = report.body["newsgraph"].f1, report.body["trafilatura"].f1
    assert report.pages > 150
    assert ours >= FLOORS[name], out.getvalue()
    assert ours >= theirs, out.getvalue()
    if report.metadata:  # metadata too: titles, authors and dates, not just the body
        for field, floor in FLOORS["metadata"].items():
            hits, total = report.metadata["newsgraph"][field]
            assert hits / total >= floor, (field, out.getvalue())


def test_extraction_gate_limit_and_report_format():
    gold = _sets()["trafilatura-evaldata-en"]
    report = run_gold_set(gold, limit=3)
    out = io.StringIO()
    print_report(report, out)
    text = out.getvalue()
    assert report.pages == 3
    assert "newsgraph" in text and "trafilatura" in text and "F1 newsgraph/trafilatura" in text
