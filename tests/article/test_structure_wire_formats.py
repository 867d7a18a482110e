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
