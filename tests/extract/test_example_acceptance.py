"""Every fact the analyst's expectations list for the example article
(tests/data/nyt-iran-prisoners.expected.yaml, a copy of the shared one) can be
recovered from `analyze` with the publication date 2018-01-11."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from newsgraph.extract import analyze
from newsgraph.model import Analysis, Entity

from ..conftest import DATA

EXPECTED = yaml.safe_load((DATA / "nyt-iran-prisoners.expected.yaml").read_text("utf-8"))
COUNTRIES = {"Iran": "IRN", "United States": "USA", "Austria": "AUT"}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    text = (DATA / "nyt-iran-prisoners.txt").read_text("utf-8")
    return analyze(text, date=dt.date(2018, 1, 11))


def _entity(analysis: Analysis, name: str) -> Entity:
    matches = [e for e in analysis.entities if e.name == name]
    assert matches, f"no entity named {name!r}: {[e.name for e in analysis.entities]}"
    return matches[0]


@pytest.mark.parametrize("fact", EXPECTED["entities"], ids=lambda f: f["name"])
def test_example_entity(analysis, fact):
    if fact["name"] in analysis.article.authors:  # the author is in the byline, not the text
        return
    entity = _entity(analysis, fact["name"])
    assert entity.type == fact["type"]
    mentions = {m.text for m in entity.mentions}
    for mention in fact.get("mentions", []):  # "The official, Hamidreza Taraghi" may be two
        assert any(m in mention or mention in m for m in mentions), (mention, mentions)
    for role in fact.get("roles", []):
        assert role in entity.roles, (role, entity.roles)
    if "title" in fact:
        assert fact["title"] in entity.titles
    if "age" in fact:
        assert entity.attributes["age"] == fact["age"]
    if "relation" in fact:
        assert entity.attributes["relation"] == fact["relation"]
    for key in ("nationality", "country"):
        if key in fact:
            assert entity.attributes.get(key) == COUNTRIES[fact[key]]
    if "of" in fact:
        assert entity.attributes.get("country") == COUNTRIES[fact["of"]]


def test_example_direct_quotes(analysis):
    names = {e.id: e.name for e in analysis.entities}
    direct = [q for q in analysis.quotes if q.kind in {"direct", "partial"}]
    expected = EXPECTED["quotes"]
    assert len(direct) == len(expected)
    for fact in expected:
        start = fact["text"].split("...")[0].strip(" ,")
        [quote] = [q for q in direct if q.text.startswith(start)]
        assert names[quote.speaker] == fact["speaker"]
        assert (quote.kind == "partial") == bool(fact.get("partial"))


def test_example_reported_speech(analysis):
    names = {e.id: e.name for e in analysis.entities}
    indirect = [q for q in analysis.quotes if q.kind == "indirect"]
    for fact in EXPECTED["reported_speech"]:
        words = set(fact["gist"].lower().split()[:4])
        found = [
            q
            for q in indirect
            if names.get(q.speaker) == fact["speaker"]
            and len(words & set(q.text.lower().split())) >= 2
        ]
        assert found, fact


def test_example_times(analysis):
    values = {(t.text, t.value) for t in analysis.times}
    for fact in EXPECTED["times"]:
        text = fact["text"].replace("as far back as ", "").replace("in ", "")
        if fact["value"] == "duration":
            assert any(
                t.text == fact["text"] and t.kind == "duration" and t.value == fact["approx"]
                for t in analysis.times
            )
        else:
            assert (text, str(fact["value"])) in values, (fact, values)


def test_example_times_without_a_date_stay_unresolved():
    text = (DATA / "nyt-iran-prisoners.txt").read_text("utf-8")
    times = {t.text: t.value for t in analyze(text).times}
    assert times["last summer"] is None and times["last May"] is None and times["Thursday"] is None
    assert times["October 2016"] == "2016-10"


def _country(value: str) -> str:
    return value.split()[0]  # "IRN (judiciary)" -> IRN


def _target_matches(event, target) -> bool:
    if isinstance(target, list):  # people by name
        names = {a.name for a in event.targets or [event.target]}
        return set(target) <= names
    return (event.target.code or "")[:3] == _country(target)


@pytest.mark.parametrize("fact", EXPECTED["events"], ids=lambda f: f"{f['type']}-{f['what'][:20]}")
def test_example_event(analysis, fact):
    roots = str(fact["cameo_root"]).split("|")
    found = [
        e
        for e in analysis.events
        if e.type == fact["type"]
        and e.cameo in roots
        and (e.source.code or "")[:3] == _country(fact["source"])
        and _target_matches(e, fact["target"])
    ]
    assert found, [(e.type, e.source, e.target) for e in analysis.events]
    event = found[0]
    if "when" in fact:
        assert event.time == str(fact["when"])
    if "where" in fact:
        assert event.place == fact["where"]
    if "reported_by" in fact:
        assert any(name in (event.reported_by or "") for name in fact["reported_by"])
    assert analysis.article.text[event.start : event.end] == event.text


def test_example_events_have_no_spurious_extras(analysis):
    """One event per real action: between the expected pairs of actors, only
    the expected types, each once."""
    expected: dict[frozenset[str], list[str]] = {}
    for fact in EXPECTED["events"]:
        if isinstance(fact["target"], list):
            continue
        pair = frozenset({_country(fact["source"]), _country(fact["target"])})
        expected.setdefault(pair, []).append(fact["type"])
    for pair, types in expected.items():
        coded = [
            e.type
            for e in analysis.events
            if frozenset({(e.source.code or "")[:3], (e.target.code or "")[:3]}) == pair
        ]
        assert sorted(coded) == sorted(types), (pair, coded)
