"""RawDocument -> Article, end to end, including the shared example."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from newsgraph.article import build_article
from newsgraph.errors import NoArticleError
from newsgraph.model import RawDocument
from newsgraph.sources import read_source

from ..conftest import EXAMPLES


def _text(content: str, **meta) -> RawDocument:
    return RawDocument(source="t.txt", format="text", content=content, **meta)


def test_build_shared_example_matches_the_analysts_article_block(shared_example):
    expected = yaml.safe_load(shared_example.with_suffix(".expected.yaml").read_text("utf-8"))
    want = expected["article"]
    [raw] = list(read_source(shared_example))
    article = build_article(raw)
    assert article.section == want["section"]
    assert article.headline == want["headline"]
    assert article.authors == want["authors"]
    assert article.outlet == want["outlet"]
    assert article.dateline == want["dateline"]
    assert article.published is None
    assert article.copyright == want["copyright"]
    assert len(article.paragraphs) == want["body"]["paragraphs"]
    assert article.paragraphs[0].startswith(want["body"]["first_paragraph_starts"])
    assert article.paragraphs[-1] == want["body"]["last_paragraph"]
    assert article.text.count("An Iranian official dismissed") == 1
    for boilerplate in ("Posted", "Updated", "ERDBRINK", "Copyright", "All rights reserved"):
        assert boilerplate not in article.text


def test_build_date_given_by_the_caller_never_by_copyright(shared_example):
    [raw] = list(read_source(shared_example))
    assert build_article(raw).published is None  # "Copyright 2024" is not a date
    assert build_article(raw, default_date=dt.date(2018, 1, 11)).published == dt.date(2018, 1, 11)


def test_build_input_date_wins_over_the_callers():
    raw = _text("NEW YORK, March 3, 2021 (AP) — Stocks rose on Wednesday as investors cheered.")
    assert build_article(raw, default_date=dt.date(2000, 1, 1)).published == dt.date(2021, 3, 3)


def test_build_record_metadata_wins_over_the_text():
    raw = _text(
        "Old headline\n\nBy JANE DOE\n\nWASHINGTON (AP) — The Senate voted on Tuesday to pass the bill.",
        title="Record title",
        authors=["JOHN ROE"],
        outlet="The Washington Post",
        published="2020-05-06T10:00:00Z",
        url="https://ex.org/a",
        section="Politics",
    )
    article = build_article(raw)
    assert (
        article.headline,
        article.authors,
        article.outlet,
        article.published,
        article.section,
    ) == ("Record title", ["John Roe"], "Washington Post", dt.date(2020, 5, 6), "Politics")
    assert article.paragraphs == ["WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill."]
    assert (
        article.id == build_article(raw.model_copy(update={"content": raw.content + " More."})).id
    )


def test_build_unparseable_record_date_is_ignored_with_a_warning(caplog):
    article = build_article(_text("A body paragraph that says something.", published="soon"))
    assert article.published is None
    assert "not a date" in caplog.text


def test_build_article_from_json_record_without_header():
    article = build_article(_text("First paragraph of the story.\n\nSecond paragraph.", title="T"))
    assert article.headline == "T"
    assert article.paragraphs == ["First paragraph of the story.", "Second paragraph."]


def test_build_html_example_uses_page_metadata():
    [raw] = list(read_source(EXAMPLES / "bbc-election.html"))
    article = build_article(raw)
    assert article.outlet == "BBC News"
    assert article.section == "Politics"
    assert article.published == dt.date(2019, 12, 13)
    assert article.url and article.url.startswith("https://www.bbc.co.uk/news/")
    assert article.authors and all(a.istitle() for a in article.authors)
    assert len(article.paragraphs) >= 5
    assert "Related Topics" not in article.text


def test_build_html_page_copyright_year_is_not_a_date():
    page = (
        "<html><head><title>Story</title></head><body><article><h1>Story</h1>"
        + "".join(
            f"<p>Paragraph {i} of a story about the harbour and its ships, told at length.</p>"
            for i in range(6)
        )
        + "</article><footer>© 2019 Example News. All rights reserved.</footer></body></html>"
    )
    article = build_article(RawDocument(source="p.html", format="html", content=page))
    assert article.published is None
    assert len(article.paragraphs) == 6


def test_build_html_without_article_text():
    page = (
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(NoArticleError, match="p.html: no article text"):
        build_article(RawDocument(source="p.html", format="html", content=page))


def test_build_text_with_only_boilerplate():
    with pytest.raises(NoArticleError, match="no article text left"):
        build_article(_text("Advertisement\n\nCopyright 2020 Someone. All rights reserved."))


def test_build_a_bug_on_one_article_is_reported_and_the_rest_go_on(tmp_path, monkeypatch):
    from newsgraph.article import build as build_module
    from newsgraph.article import parse_paths
    from newsgraph.errors import InputError

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(
            f"{name} is a story with enough words to count as text.", "utf-8"
        )
    real = build_module.build_article

    def flaky(raw, **kwargs):
        if raw.source.endswith("b.txt"):
            raise RuntimeError("boom")
        return real(raw, **kwargs)

    monkeypatch.setattr(build_module, "build_article", flaky)
    items = list(parse_paths([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert isinstance(items[1], InputError) and "internal error" in str(items[1])
    assert str(items[1]).startswith(str(tmp_path / "b.txt"))


def test_build_short_text_given_as_article_text_is_kept_whole():
    """A record's `text` field (or a string given to the API) is analysed
    whatever its length; a scrape of the same words is still refused."""
    from newsgraph.errors import NoArticleError
    from newsgraph.sources.records import record_to_document

    raw = record_to_document({"text": "Obama met Netanyahu in Washington"}, "feed.jsonl", 1)
    article = build_article(raw)
    assert article.paragraphs == ["Obama met Netanyahu in Washington"]
    assert article.headline is None
    titled = record_to_document({"title": "Talks", "text": "Obama met Netanyahu"}, "f.jsonl", 2)
    assert build_article(titled).headline == "Talks"
    scrape = RawDocument(source="x.txt", format="text", content="Obama met Netanyahu in Washington")
    with pytest.raises(NoArticleError, match="no article text left"):
        build_article(scrape)
