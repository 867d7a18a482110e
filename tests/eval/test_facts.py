"""`newsgraph eval facts`: the scorer on records made by hand (each rule can
fail), and the whole verb on the example article's hand-written facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.eval.facts import FactsReport, GoldFile, norm, read_gold, score_article
from newsgraph.model import Actor, Analysis, Article, Entity, Event, Quote, TimeExpression

from ..conftest import DATA

FACTS = DATA / "facts"


def _gold(**parts: list[dict]) -> GoldFile:
    return GoldFile(
        path=Path("x.yaml"),
        source="x.txt",
        published=None,
        entities=parts.get("entities", []),
        quotes=parts.get("quotes", []),
        times=parts.get("times", []),
        events=parts.get("events", []),
    )


def _analysis(**parts: list) -> Analysis:
    article = Article(source="x.txt", paragraphs=["Some text."], text="Some text.")
    return Analysis(article=article, **parts)


def test_facts_norm_folds_case_articles_titles_and_possessives() -> None:
    assert norm("The Tories") == norm("tories")
    assert norm("Mr Blair's") == "blair"
    assert norm("Gordon  Brown") == "gordon brown"


def test_facts_entities_found_split_country_and_extras() -> None:
    gold = _gold(
        entities=[
            {"name": "Tony Blair", "type": "PERSON", "country": "GBR", "aliases": ["Blair"]},
            {"name": "Labour Party", "type": "ORG", "aliases": ["Labour", "the party"]},
            {"name": "London", "type": "GPE"},
        ]
    )
    analysis = _analysis(
        entities=[
            Entity(id="e1", name="Tony Blair", type="PERSON", attributes={"country": "ROU"}),
            Entity(id="e2", name="Blair", type="PERSON"),
            Entity(id="e3", name="London", type="LOC"),  # GPE ~ LOC
            Entity(id="e4", name="Minister", type="PERSON"),
        ]
    )
    report = FactsReport()
    score_article(gold, analysis, report)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (2, 1, 1)
    assert (report.split.hits, report.split.total) == (1, 1)  # Blair twice
    assert (report.country.hits, report.country.total) == (0, 1)  # Romanian Blair
    assert any("Labour Party" in m for m in report.misses)


def test_facts_quotes_speakers_linked_and_extras() -> None:
    gold = _gold(
        entities=[{"name": "Theresa May", "type": "PERSON", "aliases": ["Mrs May"]}],
        quotes=[
            {"speaker": "Theresa May", "text": "These plans were announced by Gordon Brown"},
            {"speaker": "Theresa May", "text": "We will not stand for it"},
            {"speaker": "a spokesman", "text": "No comment at this stage"},
        ],
    )
    may = Entity(id="e1", name="Theresa May", type="PERSON")
    quote = {"kind": "direct", "start": 0, "end": 1}
    analysis = _analysis(
        entities=[may],
        quotes=[
            Quote(
                id="q1",
                text="These plans were announced by Gordon Brown in December",
                speaker="e1",
                **quote,
            ),  # fmt: skip
            Quote(id="q2", text="We will not stand for it, frankly", speaker=None, **quote),
            Quote(id="q3", text="Chancellor Gordon Brown said:", speaker=None, **quote),
        ],
    )
    report = FactsReport()
    score_article(gold, analysis, report)
    assert (report.quotes.tp, report.quotes.fp, report.quotes.fn) == (2, 1, 1)
    assert (report.speaker.hits, report.speaker.total) == (1, 2)
    assert (report.linked.hits, report.linked.total) == (1, 2)


def test_facts_times_and_events() -> None:
    gold = _gold(
        times=[{"text": "last May", "value": "2017-05"}, {"text": "2003", "value": "2003"}],
        events=[
            {"source": "GBRGOV", "target": "USA", "type": "CONSULT"},
            {"source": "GBROPP", "target": "GBRGOV", "type": "ACCUSE"},
        ],
    )
    span = {"start": 0, "end": 1, "text": "s", "confidence": 0.9}
    analysis = _analysis(
        times=[
            TimeExpression(text="last May", value="2017-06", kind="date", start=0, end=8),
            TimeExpression(text="Monday", value=None, kind="date", start=9, end=15),
        ],
        events=[
            Event(
                id="v1",
                type="CONSULT",
                cameo="04",
                source=Actor(code="GBRGOV"),
                target=Actor(code="USAGOV"),
                **span,
            ),  # fmt: skip
            Event(
                id="v2",
                type="ASSAULT",
                cameo="18",
                source=Actor(code="---GOV"),
                target=Actor(code="GBRGOV"),
                **span,
            ),  # fmt: skip
        ],
    )
    report = FactsReport()
    score_article(gold, analysis, report)
    assert (report.times.tp, report.times.fp, report.times.fn) == (1, 1, 1)
    assert (report.time_values.hits, report.time_values.total) == (0, 1)
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 1, 1)
    assert (report.event_types.tp, report.event_types.fp, report.event_types.fn) == (1, 1, 1)


def test_facts_gold_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities: [", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="bad.yaml: not valid YAML"):
        read_gold(bad)
    bad.write_text("entities: []\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="needs a `source`"):
        read_gold(bad)


def test_facts_verb_on_the_example_article() -> None:
    result = CliRunner().invoke(
        app, ["eval", "facts", str(FACTS), "--articles", str(DATA), "--misses"]
    )
    assert result.exit_code == 0, result.output
    lines = {line.split(":")[0].strip(): line for line in result.stdout.splitlines()}
    assert "facts on 1 hand-annotated articles" in result.stdout
    assert lines["quote speaker right"].split()[-2:] == ["1.000", "(5/5)"]
    assert lines["time values right"].split()[-2:] == ["1.000", "(5/5)"]
    people = next(line for line in result.stdout.splitlines() if line.strip().startswith("people "))
    assert "R 1.000" in people
    events = next(line for line in result.stdout.splitlines() if "events (type, src, tgt)" in line)
    assert "R 1.000" in events


def test_facts_verb_missing_source_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("source: nowhere.txt\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "facts", str(tmp_path), "--articles", str(tmp_path)])
    assert result.exit_code == 2
    assert "a.yaml: its source" in result.stderr
