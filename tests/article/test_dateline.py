"""Datelines at the head of the first paragraph."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.article.dateline import find_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "outlet"),
    [
        ("TEHRAN, Iran — An Iranian official", "TEHRAN, Iran", None, None),
        ("WASHINGTON (AP) — The Senate", "WASHINGTON", None, "Associated Press"),
        ("KYIV, Nov 10 (Reuters) - Ukraine said", "KYIV", None, "Reuters"),
        (
            "NEW YORK, March 3, 2021 (AP) — Stocks",
            "NEW YORK",
            dt.date(2021, 3, 3),
            "Associated Press",
        ),
        ("LONDON, 11 January 2018 (Reuters) - Britain", "LONDON", dt.date(2018, 1, 11), "Reuters"),
        ("Paris (AFP) – France's", "Paris", None, "Agence France-Presse"),
        ("(Bloomberg) -- Stocks fell", None, None, "Bloomberg"),
        ("BEIRUT — Protesters", "BEIRUT", None, None),
        ("TRIPOLI, Libya — Fighting", "TRIPOLI, Libya", None, None),
        ("WASHINGTON, D.C. — Officials", "WASHINGTON, D.C.", None, None),
    ],
)
def test_dateline_found(paragraph, place, date, outlet):
    found = find_dateline(paragraph)
    assert found is not None
    assert (found.place, found.date, found.outlet) == (place, date, outlet)


@pytest.mark.parametrize(
    "paragraph",
    [
        "An Iranian official - who spoke on condition of anonymity - said",
        "The U.N. - long criticised - responded",
        "(Some aside) - then text",
        "I - x",
    ],
)
def test_dateline_not_found(paragraph):
    assert find_dateline(paragraph) is None
