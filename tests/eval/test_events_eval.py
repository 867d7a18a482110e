"""`newsgraph eval events`: gold readers, CAMEO -> PLOVER mapping, scorer, baseline."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.eval.events import (
    OLD_PLOVER_TYPES,
    PETRARCH_FILE,
    PLOVER_FILE,
    TABLE_FILE,
    Coding,
    GoldSentence,
    actor_country,
    baseline_coder,
    event_codings,
    load_cameo_plover,
    load_petrarch_gsr,
    load_plover_gsr,
    plover_type,
    run_events_eval,
    score_coder,
)
from newsgraph.eval.events_report import print_report
from newsgraph.model import Actor, Event

from ..conftest import EVAL_DEV

GOLD = EVAL_DEV / "events"
VERBS = {
    "visit": ("CONSULT", "042"),
    "condemn": ("ACCUSE", "111"),
    "attack": ("ASSAULT", "190"),
}


def _gold() -> Path:
    if not (GOLD / "plover-gsr").is_dir():
        pytest.skip(f"{GOLD} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    return GOLD


@pytest.fixture(scope="module")
def table() -> dict[str, str]:
    return load_cameo_plover(_gold() / TABLE_FILE)


# --------------------------------------------------------------------------- gold


def test_events_petrarch_gold_counts(table):
    sentences = load_petrarch_gsr(_gold() / PETRARCH_FILE, table)
    assert len(sentences) == 78
    assert sum(len(s.codings) for s in sentences) == 80
    assert sum(1 for s in sentences if not s.codings) == 12  # the noevents sentences
    first = sentences[0]
    assert first.id == "AFP0808020625_4"
    assert first.date == dt.date(2008, 8, 4)
    assert first.text.startswith("The stopover came as the US leader") and "\n" not in first.text
    assert first.codings == [Coding("USA", "CHN", "04", "CONSULT", "042")]
    assert all(c.cameo and len(c.cameo) == 2 for s in sentences for c in s.codings)


def test_events_petrarch_reader_survives_comments(tmp_path):
    path = tmp_path / "gold.xml"
    path.write_text(
        '<Validation>\n# a <Sentence id="fake"/> in a hash comment\n<Sentences>\n'
        '<Sentence category="X" date="20150609" id="A" evaluate="true"/>\n'
        '<!-- <EventCoding eventcode="190" sourcecode="RUS" targetcode="UKR" /> -->\n'
        '<EventCoding eventcode="0841" sourcecode="USAGOV" targetcode="---LEG" />\n'
        "<Text>\nThe US &amp; more\nreleased them.\n</Text>\n<Parse>\n1\t#\t#\n</Parse>\n\n"
        '<Sentence category="X" date="121108" id="B" evaluate="true">\n'
        '<EventCoding noevents="True" />\n<Text>Nothing.</Text>\n</Sentence>\n'
        "</Sentences>\n</Validation>\n",
        encoding="utf-8",
    )
    a, b = load_petrarch_gsr(path, {"084": "RETREAT"})
    assert (a.id, a.text, a.date) == ("A", "The US & more released them.", dt.date(2015, 6, 9))
    assert a.codings == [Coding("USAGOV", "---LEG", "08", "RETREAT", "0841")]
    assert (b.id, b.date, b.codings) == ("B", None, [])  # malformed date, noevents


def test_events_plover_gold(tmp_path):
    sentences = load_plover_gsr(_gold() / PLOVER_FILE)
    assert len(sentences) == 322
    by_id = {s.id: s for s in sentences}
    assert not any("DOCUMENT" in s.id for s in sentences)
    types = {c.plover for s in sentences for c in s.codings}
    assert not types & set(OLD_PLOVER_TYPES)
    assert "REQUEST" in types and "ACCUSE" in types
    assert all(c.cameo is None and s.date is None for s in sentences for c in s.codings)
    # reciprocal "The United States and Jordan have agreed": both ways
    assert by_id["PLOVER-GSR01-AGREE-0003"].codings == [
        Coding("USA", "JOR", None, "AGREE"),
        Coding("JOR", "USA", None, "AGREE"),
    ]
    assert len(by_id["PLOVER-GSR01-AGREE-0028"].codings) == 5  # one source, five targets
    [killed] = by_id["PLOVER-GSR01-ASSAULT-0009"].codings  # no source given
    assert (killed.source, killed.target) == (None, "IRQCVL")


def test_events_plover_reader_pairs(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(
        '[{"event": "DOCUMENT", "id": "D"},'
        ' {"id": "x", "date": "2000-01-01", "event": "DEMAND", "text": "A  b",'
        '  "source": [{"actorText": "a", "code": "USA", "sector": "GOV"}, {"code": "GBR"}],'
        '  "target": [{"code": "IRN"}]},'
        ' {"id": "y", "event": "FIGHT", "text": "c", "source": [{"code": "SYR"}], "target": ""}]',
        encoding="utf-8",
    )
    x, y = load_plover_gsr(path)
    assert x.text == "A b"
    assert x.codings == [
        Coding("USAGOV", "IRN", None, "REQUEST"),
        Coding("GBR", "IRN", None, "REQUEST"),
    ]
    assert y.codings == [Coding("SYR", None, None, "ASSAULT")]


def test_events_cameo_plover_table(table):
    assert plover_type("042", table) == "CONSULT"
    assert plover_type("163", table) == "COERCE"  # mapped out of its SANCTION root
    assert plover_type("084", table) == "RETREAT"
    assert plover_type("0841", table) == "RETREAT"
    assert plover_type("080", table) == "CONCEDE"
    assert plover_type("08", table) == "CONCEDE"  # the first of the two 08 roots
    assert plover_type("175", table) == "ASSAULT"
    assert plover_type("1014", table) == "REQUEST"
    assert plover_type("0815", table) == "CONCEDE"  # no line: its parent 081
    for appeal in ("02", "020", "023", "0243"):
        assert plover_type(appeal, table) == "REQUEST"
    for statement in ("01", "010", "013", "015", "018"):
        assert plover_type(statement, table) is None
    roots = {"DEMAND": "10", "DISAPPROVE": "11", "INVESTIGATE": "09", "FIGHT": "19"}
    assert {old: table[root] for old, root in roots.items()} == OLD_PLOVER_TYPES


def test_events_cameo_plover_table_reader(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text(
        "# comment\n08: CONCEDE\n080: CONCEDE,   ,  # Yield\n\n08: RETREAT\n"
        "084: RETREAT,   ,  # Return\n~~~~~\n99: NOTHING\n",
        encoding="utf-8",
    )
    assert load_cameo_plover(path) == {"08": "CONCEDE", "080": "CONCEDE", "084": "RETREAT"}


def test_events_actor_country():
    assert actor_country("USAGOV") == "USA"
    assert actor_country("USA") == "USA"
    assert actor_country("SYROPPHRI") == "SYR"
    assert actor_country("IGOUNO") == "IGO"
    assert actor_country("MEA") == "MEA"  # CAMEO region: the Middle East
    assert actor_country("---LEG") is None
    assert actor_country("NGO") is None
    assert actor_country("JAPGOV") == "JPN"  # a typo of the PLOVER gold
    assert actor_country(None) is None
    assert actor_country("") is None


# --------------------------------------------------------------------------- scoring


def _sentences() -> list[GoldSentence]:
    return [
        GoldSentence("1", "one", None, [Coding("USAGOV", "CHN", "04", "CONSULT", "042")]),
        GoldSentence(
            "2",
            "two",
            None,
            [Coding("RUS", "UKR", "19", "ASSAULT"), Coding("UKR", "RUS", "19", "ASSAULT")],
        ),
        GoldSentence("3", "noevents", None, []),
    ]


def _coder(answers: list[list[Coding]]):
    def code(sentences: list[GoldSentence]) -> Iterator[list[Coding]]:
        yield from answers

    return code


def test_events_scorer_perfect_coder():
    gold = _sentences()
    scores = score_coder(_coder([s.codings for s in gold]), gold, "cameo")
    for measure in ("triples", "type"):
        assert scores.overall[measure].precision == 1.0
        assert scores.overall[measure].recall == 1.0
        assert scores.overall[measure].f1 == 1.0
    assert scores.support == {"CONSULT": 1, "ASSAULT": 2}
    assert scores.by_type["triples"]["ASSAULT"].f1 == 1.0
    assert scores.seconds >= 0.0


def test_events_scorer_empty_coder_and_wrong_length():
    gold = _sentences()
    scores = score_coder(_coder([[], [], []]), gold, "plover")
    assert scores.overall["triples"].recall == 0.0
    assert scores.overall["type"].recall == 0.0
    assert scores.predicted == 0
    with pytest.raises(ValueError):
        score_coder(_coder([[]]), gold, "cameo")


def test_events_scorer_noevents_false_positive_lowers_precision():
    gold = _sentences()
    extra = Coding("USA", "IRN", "11", "ACCUSE", "111")
    scores = score_coder(_coder([gold[0].codings, gold[1].codings, [extra]]), gold, "cameo")
    assert scores.overall["triples"].precision == pytest.approx(3 / 4)
    assert scores.overall["triples"].recall == 1.0
    assert scores.overall["type"].precision == pytest.approx(3 / 4)
    assert scores.by_type["type"]["ACCUSE"].precision == 0.0
    assert scores.support["ACCUSE"] == 0


def test_events_scorer_compares_countries_and_counts_multisets():
    gold = _sentences()
    right_type_wrong_target = Coding("USA", "JPN", "04", "CONSULT")
    twice = [Coding("RUSMIL", "UKR", "19", "ASSAULT")] * 2  # once right, once extra
    scores = score_coder(_coder([[right_type_wrong_target], twice, []]), gold, "cameo")
    triples, types = scores.overall["triples"], scores.overall["type"]
    assert (triples.precision, triples.recall) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert (types.precision, types.recall) == (1.0, 1.0)


def test_events_newsgraph_codings_expand_compound_actors():
    usa, gbr, irn = Actor(code="USAGOV"), Actor(code="GBR"), Actor(code="IRN")
    event = Event(
        id="e1",
        type="ACCUSE",
        cameo="11",
        cameo_code="112",
        source=usa,
        target=irn,
        sources=[usa, gbr],
        text="The US and Britain accused Iran.",
        start=0,
        end=32,
        confidence=0.9,
    )
    assert event_codings([event]) == [
        Coding("USAGOV", "IRN", "11", "ACCUSE", "112"),
        Coding("GBR", "IRN", "11", "ACCUSE", "112"),
    ]


# --------------------------------------------------------------------------- coders and CLI


def test_events_baseline_window_coder():
    texts = [
        "Iranian officials visited Washington on Monday.",
        "Russia condemned the attack on the embassy.",
        "Officials visited Iran on Monday.",  # no actor before the verb
        "The weather was fine in Paris.",  # no verb of the dictionary
    ]
    sentences = [GoldSentence(str(i), t, None, []) for i, t in enumerate(texts)]
    found = list(baseline_coder(VERBS)(sentences))
    assert found == [
        [Coding("IRN", "USA", "04", "CONSULT", "042")],
        [Coding("RUS", None, "11", "ACCUSE", "111")],
        [],
        [],
    ]


def test_events_run_and_report():
    report = run_events_eval(_gold(), gold_set="all", limit=3, verbs=VERBS)
    assert [part.name for part in report.sets] == ["petrarch", "plover"]
    assert all(part.sentences == 3 for part in report.sets)
    assert set(report.sets[0].systems) == {"newsgraph", "baseline"}
    out = io.StringIO()
    print_report(report, out)
    text = out.getvalue()
    assert "PETRARCH2's own output is not part of these files" in text
    assert "newsgraph P/R/F1" in text and "baseline P/R/F1" in text
    with pytest.raises(ValueError):
        run_events_eval(_gold(), gold_set="acled", verbs=VERBS)


def test_events_cli():
    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold = _gold()
    result = CliRunner().invoke(app, ["eval", "events", str(gold), "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "PETRARCH-2 GSR validation" in result.output and "PLOVER GSR" in result.output
    assert "triples (source, target, CAMEO root)" in result.output
    result = CliRunner().invoke(
        app, ["eval", "events", str(gold), "--gold", "plover", "--limit", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "PETRARCH-2" not in result.output


def test_events_cli_errors(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["eval", "events", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such folder" in result.output
    result = CliRunner().invoke(app, ["eval", "events", str(tmp_path)])
    assert result.exit_code == 2
    assert "newsgraph: error:" in result.output and "PETR2_GSR_validation.xml" in result.output
