"""Bylines: authors, titles, outlets, name case."""

from __future__ import annotations

import pytest

from newsgraph.article.byline import (
    clean_authors,
    is_credit_line,
    leading_byline,
    normalize_name,
    parse_byline,
    reporting_authors,
    starts_byline,
)


@pytest.mark.parametrize(
    ("text", "authors", "outlet"),
    [
        ("By\nTHOMAS ERDBRINK\n, New York Times", ["Thomas Erdbrink"], "New York Times"),
        ("By JANE DOE and JOHN ROE Associated Press", ["Jane Doe", "John Roe"], "Associated Press"),
        ("By JANE DOE, Associated Press", ["Jane Doe"], "Associated Press"),
        ("By Jane Doe | Bloomberg", ["Jane Doe"], "Bloomberg"),
        (
            "Aisha Bello and Marcus Feld, Bloomberg News",
            ["Aisha Bello", "Marcus Feld"],
            "Bloomberg",
        ),
        ("By Jane Doe, Staff Writer", ["Jane Doe"], None),
        ("By Jane Doe, Senior Correspondent", ["Jane Doe"], None),
        ("By JUAN DE LA CRUZ, AP Diplomatic Writer", ["Juan de la Cruz"], "Associated Press"),
        ("By A. B. Smith, C. D. Jones and Eve Li", ["A. B. Smith", "C. D. Jones", "Eve Li"], None),
        ("By Jean Dupont with Marie Martin in Lyon", ["Jean Dupont", "Marie Martin"], None),
        ("By Perry Bacon Jr.", ["Perry Bacon Jr."], None),
    ],
)
def test_byline_authors_and_outlet(text, authors, outlet):
    assert parse_byline(text) == (authors, outlet)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("THOMAS ERDBRINK", "Thomas Erdbrink"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("ANNA MCDONALD", "Anna McDonald"),
        ("JEAN-PIERRE DUPONT", "Jean-Pierre Dupont"),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven"),
        ("Thomas Erdbrink", "Thomas Erdbrink"),
        ("danah boyd", "Danah Boyd"),
    ],
)
def test_byline_normalize_name(raw, name):
    assert normalize_name(raw) == name


def test_byline_reuters_reporting_credit():
    credit = (
        "(Reporting by Pavel Polityuk and Olena Harmash in Kyiv; Additional reporting by "
        "Max Hunder; Editing by Mark Heinrich)"
    )
    assert reporting_authors(credit) == ["Pavel Polityuk", "Olena Harmash"]
    assert reporting_authors("Reporting by Jane Doe; Writing by John Roe; editing by Al") == [
        "Jane Doe",
        "John Roe",
    ]


def test_byline_recognition():
    assert starts_byline("By Jane Doe")
    assert starts_byline("By")
    assert not starts_byline("By the time the vote came, the Senate had left.")
    assert not starts_byline(
        "By Aaron Humes: The Americas cannot ignore the risk of further "
        "COVID-19 surges, warns the director of the health organization."
    )
    assert is_credit_line("Jane Doe, Staff Writer")
    assert is_credit_line("Jane Doe, National Security Reporter")
    assert not is_credit_line("He said, she said")


def test_byline_leading_byline_of_a_paragraph():
    assert leading_byline("By Aaron Humes: The Americas cannot ignore the risk.") == ["Aaron Humes"]
    assert leading_byline("The Americas cannot ignore the risk.") == []


def test_byline_clean_metadata_authors():
    assert clean_authors("Jane Doe; JOHN ROE; Staff Writer; Reuters") == ["Jane Doe", "John Roe"]
    assert clean_authors(["marc", "By Anu Garg"]) == ["marc", "Anu Garg"]
