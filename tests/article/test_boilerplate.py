"""Boilerplate lines, and body lines that must not be mistaken for them."""

from __future__ import annotations

import pytest

from newsgraph.article.boilerplate import classify


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Posted Updated", "stamp"),
        ("Published 3 hours ago", "stamp"),
        ("Updated: Jan. 11, 2018 10:32 a.m. ET", "stamp"),
        ("January 11, 2018 at 4:19 p.m. EST", "stamp"),
        ("Thursday, January 11, 2018", "stamp"),
        ("Copyright 2024 New York Times News Service. All rights reserved.", "copyright"),
        ("©2022 Bloomberg L.P.", "copyright"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "trailer"),
        ("--With assistance from Daniel Cruz.", "trailer"),
        (
            "To contact the reporter on this story: Jane Doe in London at jdoe@bloomberg.net",
            "trailer",
        ),
        ("Associated Press writer Jane Doe in Denver contributed to this report.", "trailer"),
        ("Follow AP's coverage of the elections at https://apnews.com/hub/elections", "trailer"),
        ("jm/kb/dw", "trailer"),
        ("Image caption, The minister arrived at Downing Street", "caption"),
        ("Story continues below advertisement", "advert"),
        ("Read more:", "related"),
        ("Related Topics", "related"),
        ("Read more: Looted colonial art", "promo"),
        ("To view the full story, please subscribe to The Haitian Times.", "promo"),
    ],
)
def test_boilerplate_kinds(line, kind):
    assert classify(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Copyright infringement cases rose sharply last year, the court said.",
        "Monday, the court ruled that the law was unconstitutional.",
        "Updated figures released on Thursday showed a sharp rise in exports.",
        "Published reports said the minister would resign.",
        "The company said subscriber numbers rose 10% in the quarter.",
        "Reporting from the front line has become more dangerous, editors say.",
        "“Anyway,” he added. “This is old news, already from last summer.”",
    ],
)
def test_boilerplate_leaves_body_lines_alone(line):
    assert classify(line) is None
