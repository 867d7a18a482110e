"""Quality gate: quotes and their speakers on PolNeAR, beside the baseline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgraph.eval.quotes import (
    QuotesReport,
    matches,
    print_report,
    read_ann,
    regex_quotes,
    run_quotes_eval,
)

from ..conftest import EVAL_DEV

FLOORS = json.loads((Path(__file__).parent / "quotes_floors.json").read_text("utf-8"))
GOLD = EVAL_DEV / "quotes" / "polnear"


def _gold() -> Path:
    if not (GOLD / "dev").is_dir():
        pytest.skip(f"{GOLD} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    return GOLD


def _check(report: QuotesReport, floors: dict) -> str:
    out = io.StringIO()
    print_report(report, out)
    text = out.getvalue()
    for scope in ("direct", "all"):
        ours = report.speaker_accuracy("newsgraph", scope)
        assert ours >= floors[f"speaker_{scope}"], text
        assert ours >= report.speaker_accuracy("baseline", scope), text
        f1 = report.spans["newsgraph"][scope].f1
        assert f1 >= floors[f"f1_{scope}"], text
        assert f1 >= report.spans["baseline"][scope].f1, text
    return text


@pytest.fixture(scope="module")
def subset() -> QuotesReport:
    floors = FLOORS["subset"]
    return run_quotes_eval(_gold(), split=floors["split"], limit=floors["articles"])


def test_quotes_gate_subset_at_least_floors_and_baseline(subset):
    text = _check(subset, FLOORS["subset"])
    print(text)
    assert subset.articles == FLOORS["subset"]["articles"]
    assert subset.speakers["newsgraph"]["direct"][1] >= 50  # enough quotes to mean something


def test_quotes_gate_report_names_both_systems(subset):
    out = io.StringIO()
    print_report(subset, out)
    text = out.getvalue()
    assert "PolNeAR dev: 15 articles" in text
    assert "newsgraph" in text and "regex baseline" in text and "nearest PERSON/ORG" in text


@pytest.mark.slow
def test_quotes_gate_whole_dev_split():
    report = run_quotes_eval(_gold(), split="dev")
    print(_check(report, FLOORS["dev"]))
    assert report.articles == 84


# --------------------------------------------------------------------------- scorer units (no data)


def test_read_ann_reads_discontinuous_content_and_relations():
    text = "Title.\n\n“We won,” she said. “Again.” Officials said prices rose."
    ann = (
        "T1\tSource 18 21\tshe\n"
        "T2\tCue 22 26\tsaid\n"
        "T3\tContent 8 16;28 36\t“We won,” “Again.”\n"
        "T4\tAttribution 22 26\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tSource 37 46\tOfficials\n"
        "T6\tCue 47 51\tsaid\n"
        "T7\tContent 52 63\tprices rose\n"
        "T8\tAttribution 47 51\tsaid\n"
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
        "T9\tDiscard 0 6\tTitle.\n"
    )
    article = read_ann(text, ann, "x")
    first, second = article.attributions
    assert first.content == ((8, 16), (28, 36)) and first.direct
    assert [text[s:e] for s, e in first.source] == ["she"]
    assert [text[s:e] for s, e in second.content] == ["prices rose"] and not second.direct


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (((9, 15),), ((8, 16),), True),  # content without its marks
        (((9, 15),), ((8, 16), (28, 36)), True),  # one part of a split quote
        (((0, 100),), ((8, 16),), True),  # at least half of the shorter span
        (((0, 10),), ((8, 30),), False),
        (((40, 50),), ((8, 16),), False),
    ],
)
def test_matches_overlap_of_half_the_shorter_span(predicted, gold, expected):
    assert matches(predicted, gold) is expected


def test_regex_baseline_finds_text_between_marks():
    text = "“One,” he said. \"Two\" and ''three'' and ``four''."
    assert [text[s:e] for p in regex_quotes(text) for s, e in p.parts] == [
        "One,",
        "Two",
        "three",
        "four",
    ]
