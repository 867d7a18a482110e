"""Actor codes of entities and noun phrases."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.codes import (
    code_entity,
    code_phrase,
    country_of_code,
    join,
    known_person,
)
from newsgraph.extract.pipeline import load_pipeline
from newsgraph.model import Entity


def entity(type_: str, name: str, **fields) -> Entity:
    return Entity(id="e1", name=name, type=type_, **fields)


@pytest.mark.parametrize(
    ("record", "code"),
    [
        (entity("GPE", "Iran", attributes={"country": "IRN"}), "IRN"),
        (entity("GPE", "the Kremlin"), "RUSGOV"),
        (entity("ORG", "UNICEF"), "IGOUNOCHR"),
        (entity("NORP", "Iranian", attributes={"country": "IRN"}), "IRN"),
        (entity("NORP", "European"), "EUR"),
        (entity("ORG", "Foreign Ministry", attributes={"country": "IRN"}), "IRNGOV"),
        (entity("ORG", "Supreme Court", attributes={"country": "USA"}), "USAJUD"),
        (entity("ORG", "The Wall Street Journal"), "USAMED"),
        (
            entity(
                "PERSON",
                "Ali Khamenei",
                titles=["Ayatollah"],
                roles=["supreme leader"],
                attributes={"nationality": "IRN"},
            ),
            "IRNGOV",
        ),
        (
            entity("PERSON", "Jane Doe", titles=["Senator"], attributes={"nationality": "USA"}),
            "USALEG",
        ),
        (entity("PERSON", "Jane Doe", roles=["former UNICEF diplomat"]), None),
        (entity("PERSON", "Putin"), "RUSGOV"),
        (entity("LOC", "Danube", attributes={"country": "AUT"}), None),
    ],
    ids=lambda v: v.name if isinstance(v, Entity) else str(v),
)
def test_code_entity(record, code):
    assert code_entity(record) == code


def test_codes_join_and_split():
    assert (
        join("IRN", "JUD") == "IRNJUD"
        and join(None, "REB") == "---REB"
        and join(None, None) is None
    )
    assert country_of_code("IRNJUD") == "IRN" and country_of_code("---REB") is None
    assert known_person("Vladimir Putin") == known_person("Putin") == "RUSGOV"
    assert known_person("Khan") is None  # not a name the table can tell alone


@pytest.mark.parametrize(
    ("sentence", "head", "code"),
    [
        ("An Iranian court convicted them.", "court", "IRNJUD"),
        ("Diplomats from Oman came.", "Diplomats", "OMNGOV"),
        ("Russian officials said so.", "officials", "RUSGOV"),
        ("Prosecutors said so.", "Prosecutors", "---JUD"),
        ("The rebels attacked.", "rebels", "---REB"),
        ("The weather was fine.", "weather", None),
    ],
)
def test_code_phrase(sentence, head, code):
    doc = load_pipeline()(sentence)
    [token] = [t for t in doc if t.text == head]
    assert code_phrase(token) == code


def test_code_phrase_takes_the_articles_country_for_home_institutions():
    doc = load_pipeline()("Prosecutors said so.")
    assert code_phrase(doc[0], default_country="ITA") == "ITAJUD"
