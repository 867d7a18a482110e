"""Quality gate: the times stage on TempEval-3 gold, beside the dateparser baseline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.eval.timex import Timex, match, print_report, read_tml, run_timex_eval

from ..conftest import EVAL_DEV

FLOORS = json.loads((Path(__file__).parent / "timex_floors.json").read_text("utf-8"))
GOLD = EVAL_DEV / "timex" / "tempeval3"


def _gold() -> Path:
    if not GOLD.is_dir():
        pytest.skip(f"{GOLD} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    return GOLD


def _gate(name: str) -> None:
    floor = FLOORS[name]
    report = run_timex_eval(_gold(), subset=floor.get("subset", name), limit=floor["limit"])
    out = io.StringIO()
    print_report(report, out)
    print(out.getvalue())
    ours, baseline = report.counts["newsgraph"], report.counts["dateparser"]
    assert report.value_f1("newsgraph") >= floor["value_f1"], out.getvalue()
    assert report.value_f1("newsgraph") >= report.value_f1("dateparser"), out.getvalue()
    relaxed = ours.scores(ours.relaxed)[2]
    assert relaxed >= floor["relaxed_f1"], out.getvalue()
    assert relaxed >= baseline.scores(baseline.relaxed)[2], out.getvalue()


@pytest.mark.parametrize("name", ["te3-platinum", "tbaq-first-20"])
def test_timex_gate_value_f1_at_least_floor_and_dateparser(name):
    _gate(name)


@pytest.mark.slow
def test_timex_gate_all_of_tbaq():
    _gate("tbaq")


def test_timex_gate_report_names_both_systems():
    report = run_timex_eval(_gold(), subset="te3-platinum", limit=2)
    out = io.StringIO()
    print_report(report, out)
    text = out.getvalue()
    assert report.documents == 2
    assert "newsgraph" in text and "dateparser" in text and "value F1 newsgraph/dateparser" in text


def test_timex_gate_reads_timeml_with_character_offsets(tmp_path):
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DOCID>d</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>'
        '<TEXT>Flu &amp; colds <EVENT eid="e1">peaked</EVENT> <TIMEX3 tid="t1" type="DATE" '
        'value="2012-12">last December</TIMEX3>.</TEXT></TimeML>',
        "utf-8",
    )
    document = read_tml(tml)
    [timex] = document.timexes
    assert document.text == "Flu & colds peaked last December."
    assert document.text[timex.start : timex.end] == "last December"
    assert (document.created.isoformat(), timex.value) == ("2013-03-22", "2012-12")


def test_timex_gate_matching_is_one_to_one():
    gold = [Timex(0, 5, "2013"), Timex(10, 15, "P1D")]
    system = [Timex(0, 15, "2013"), Timex(12, 14, "P2D")]
    assert match(system, gold) == (0, 2, 1)  # strict, relaxed, value


def test_timex_gate_unknown_subset_is_a_clear_error():
    with pytest.raises(NewsgraphError, match="unknown subset"):
        run_timex_eval(_gold(), subset="nope")
