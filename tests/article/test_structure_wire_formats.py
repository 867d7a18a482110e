"""Wire-copy scrapes (AP, Reuters, AFP, Bloomberg, WaPo, NYT, BBC) against
their expectations in tests/data/scrapes/*.expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsgraph.article import build_article
from newsgraph.model import RawDocument
from newsgraph.sources import read_source

from ..conftest import DATA

CASES = sorted((DATA / "scrapes").glob("*.txt"))


def _article(path: Path):
    [raw] = list(read_source(path))
    assert isinstance(raw, RawDocument), raw
    return build_article(raw)


def test_structure_has_at_least_twenty_wire_variants():
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_structure_matches_expectations(path: Path):
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text("utf-8"))
    article = _article(path)
    published = article.published.isoformat() if article.published else None
    got = {
        "headline": article.headline,
        "section": article.section,
        "authors": article.authors,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "published": published,
        "copyright": article.copyright,
        "paragraphs": len(article.paragraphs),
    }
    want = {key: expected[key] for key in got}
    if want["published"] is not None:
        want["published"] = str(want["published"])
    assert got == want
    assert article.paragraphs[0].startswith(expected["first_paragraph_starts"])
    assert article.paragraphs[-1] == expected["last_paragraph"]
    for text in expected["absent"]:
        assert text not in article.text
    for text in expected.get("present", []):
        assert text in article.text


def _parse(text: str):
    from newsgraph.article.structure import parse_scrape

    return parse_scrape(text)


def test_structure_standfirst_above_the_byline_is_kept():
    scrape = _parse(
        "Storm knocks out power across the region\n\n"
        "Hundreds of thousands of homes lost power as winds reached 90 miles an hour.\n\n"
        "By JANE DOE\n\n"
        "BOSTON (AP) — A storm swept through New England on Monday, toppling trees.\n\n"
        "Crews worked through the night to restore power to homes and businesses."
    )
    assert scrape.headline == "Storm knocks out power across the region"
    assert scrape.paragraphs[0].startswith("Hundreds of thousands of homes")
    assert len(scrape.paragraphs) == 3


def test_structure_sentence_opening_with_by_is_not_a_byline():
    scrape = _parse(
        "Storm knocks out power across the region\n\n"
        "WASHINGTON (AP) — A storm swept through the capital on Monday, toppling trees.\n\n"
        "By Monday morning, more than 200,000 homes were without power.\n\n"
        "Crews worked through the night to restore power to homes and businesses."
    )
    assert scrape.authors == []
    assert scrape.dateline == "WASHINGTON"
    assert len(scrape.paragraphs) == 3


def test_structure_crosshead_is_not_a_credit_line():
    scrape = _parse(
        "Senate passes the budget after a long night of votes\n\n"
        "WASHINGTON (AP) — The Senate passed the budget early Friday after a night of votes.\n\n"
        "Political Chaos in Washington\n\n"
        "The vote followed weeks of talks between the parties and the White House."
    )
    assert scrape.authors == []
    assert scrape.paragraphs[0].startswith("WASHINGTON (AP)")


def test_structure_first_paragraph_after_byline_is_not_a_fragment():
    scrape = _parse(
        "Sirens in the capital\n\nBy JANE DOE\n\nIn Kyiv, sirens sounded all night.\n\n"
        "For now, the talks are over, officials said on Friday evening in a statement."
    )
    assert scrape.authors == ["Jane Doe"]
    assert scrape.paragraphs[0] == "In Kyiv, sirens sounded all night."


def test_structure_labels_are_not_datelines():
    scrape = _parse(
        "EXCLUSIVE: Minister to resign over the housing scandal\n\n"
        "The minister will step down on Friday, three people familiar with the plan said."
    )
    assert scrape.headline == "EXCLUSIVE: Minister to resign over the housing scandal"
    assert scrape.dateline is None


def test_structure_dates_in_the_body_are_not_publication_dates():
    scrape = _parse(
        "Factory recalls its cars\n\nBy JANE DOE\n\n"
        "DETROIT (AP) — The carmaker recalled 40,000 vehicles on Tuesday after a review.\n\n"
        "Published on January 5, 2015, the first report found 40 defects in the brakes.\n\n"
        "March 3, 2015\n\nThe company said it would fix the cars free of charge."
    )
    assert scrape.published is None
    assert any(p.startswith("Published on January 5, 2015") for p in scrape.paragraphs)


def test_structure_short_headline_with_a_deck_is_not_a_section():
    scrape = _parse(
        "Storm Hits East Coast\n\nForecasters warn of more rain through the weekend\n\n"
        "BOSTON (AP) — A storm swept through New England on Monday, toppling trees."
    )
    assert scrape.section is None
    assert scrape.headline == "Storm Hits East Coast"


def test_structure_indented_paragraphs_of_wrapped_copy():
    import textwrap

    paras = [
        f"The committee met on day {n} to discuss the budget for the coming year "
        "and agreed to cut spending on roads by a tenth, members said afterwards."
        for n in range(4)
    ]
    wrapped = [
        "\n".join("   " + line if i == 0 else line for i, line in enumerate(textwrap.wrap(p, 66)))
        for p in paras
    ]
    scrape = _parse("Budget cut agreed\n\n" + "\n".join(wrapped))
    assert scrape.paragraphs == paras


_WIRE = (
    "Senate passes the spending bill after a long night\n\n"
    "{byline}\n\n"
    "WASHINGTON (AP) — The Senate passed a spending bill early Saturday after a night of "
    "votes that kept the government open.\n\nThe measure now goes to the House.\n"
)


@pytest.mark.parametrize(
    "byline",
    [
        "By\n\nJosh Boak and Lisa Mascaro\n\n, Associated Press",  # blank lines between
        "By\nJosh Boak and Lisa Mascaro\n, Associated Press",  # as the example prints it
        "By  \n\n  JOSH BOAK AND LISA MASCARO \n\n ,  Associated Press",  # extra spaces
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_structure_wire_byline_split_over_lines(byline: str, newline: str) -> None:
    text = _WIRE.format(byline=byline).replace("\n", newline)
    raw = RawDocument(source="ap.txt", format="text", content=text)
    article = build_article(raw)
    assert [a.casefold() for a in article.authors] == ["josh boak", "lisa mascaro"]
    assert article.outlet == "Associated Press"
    assert article.dateline == "WASHINGTON"
    assert article.paragraphs[0].startswith("WASHINGTON (AP) — The Senate passed")
    assert not any("Boak" in p for p in article.paragraphs)
