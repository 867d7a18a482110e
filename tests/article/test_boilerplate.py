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
        ("SEE MORE: Hong Kong protests: 800 students under siege in university", "promo"),
        (
            "Also on rt.com Journalists & politicians from Morales' party threatened with "
            "sedition arrests",
            "promo",
        ),
        ("Like this story? Share it with a friend!", "promo"),
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
        "Millions of Americans subscribe to streaming services they rarely use.",
        "He hoped to become a member of parliament before he turned 40.",
        "Doctors say people should never miss the signs of a stroke.",
        "Volunteers began signing up for the program in March.",
        "Phishing emails that land in your inbox look more convincing than ever.",
        "Residents were told to download the government's contact-tracing app.",
        "Like the president on Twitter, Musk rarely deletes a post.",
        "Credit: the bank offered a loan at 4% interest.",
        "Writing by candlelight, the prisoners kept a diary of the siege.",
        "Register of Deeds officials refused to comment.",
        'He pointed to a video: "This is what happened on the bridge"',
        "Published in 2019, the report found 40 cases.",
        "Posted to Instagram on Tuesday, the video drew 2 million views.",
        "Published Tuesday by the ministry, the report said prices would rise.",
        "Readers can reach the desk at tips@example.com if they saw the crash.",
        "Source: the ministry said the figures were provisional.",
        "Also on Monday, the ministry said the figures were provisional.",
        "See more of the same, the minister warned the unions.",
    ],
)
def test_boilerplate_leaves_body_lines_alone(line):
    assert classify(line) is None
