"""The data model: derived fields, JSON round trips, the JSON Schema."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from newsgraph.model import Actor, Analysis, Article, Event, Quote, json_schema


def test_records_article_text_and_id_are_derived():
    article = Article(paragraphs=["One.", "Two."], url="https://ex.org/a")
    assert article.text == "One.\n\nTwo."
    assert article.id == Article(paragraphs=["Other."], url="https://ex.org/a").id
    assert Article(paragraphs=["One."]).id != Article(paragraphs=["Two."]).id


def test_records_article_text_must_match_paragraphs():
    with pytest.raises(ValidationError, match="text must equal"):
        Article(paragraphs=["One."], text="Something else")


def test_records_analysis_round_trips_through_json():
    article = Article(paragraphs=["Iran said no."], published=dt.date(2018, 1, 11))
    analysis = Analysis(
        article=article,
        quotes=[Quote(id="q1", text="no", kind="partial", start=10, end=12, speaker_name="Iran")],
        events=[
            Event(
                id="e1",
                type="REJECT",
                cameo="12",
                source=Actor(name="Iran", code="IRN"),
                target=Actor(name="United States", code="USA"),
                text="Iran said no.",
                start=0,
                end=13,
                confidence=0.8,
            )
        ],
    )
    again = Analysis.from_json(analysis.to_json())
    assert again == analysis
    assert again.article.published == dt.date(2018, 1, 11)


def test_records_reject_unknown_fields_and_bad_values():
    with pytest.raises(ValidationError):
        Article(paragraphs=[], headlines="typo")
    with pytest.raises(ValidationError):
        Quote(id="q", text="x", kind="shouted", start=0, end=1)


def test_records_schema_names_every_record():
    for name in ("analysis", "article", "raw"):
        assert json_schema(name)["type"] == "object"
    with pytest.raises(ValueError, match="unknown record"):
        json_schema("nope")


@pytest.mark.parametrize(
    ("time", "date", "precision"),
    [
        ("2017-05", "2017-05", "month"),
        ("2016-10-03", "2016-10-03", "day"),
        ("2016-10-03T15:00", "2016-10-03", "day"),
        ("2017", "2017", "year"),
        ("2017-SU", "2017", "season"),
        ("2018-W01", "2018", "week"),
        ("2019-Q2", "2019", "quarter"),
        ("PRESENT_REF", "2018-01-11", "day"),
        ("PAST_REF", None, "other"),
        ("FUTURE_REF", None, "other"),
        ("201", None, "other"),  # a decade
        ("20", None, "other"),  # a century
        ("XXXX-WXX-1", None, "other"),
        (None, "2018-01-11", "day"),
    ],
)
def test_event_dates_are_iso_or_empty(time, date, precision):
    from newsgraph.model.rows import event_date

    assert event_date(time, "2018-01-11") == (date, precision)
