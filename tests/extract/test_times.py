"""The times stage: temporal expressions and their TIMEX3 values, relative to the
publication date and the tense of the sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.article import build_article
from newsgraph.extract import load_pipeline
from newsgraph.extract.times.finder import find_times, normalize, sentence_tense
from newsgraph.sources import read_source

THURSDAY = dt.date(2019, 2, 14)  # a Thursday in ISO week 2019-W07


def _times(text: str, published: dt.date | None = THURSDAY) -> dict[str, tuple[str | None, str]]:
    doc = load_pipeline()(text)
    found = find_times(doc, published)
    for t in found:
        assert text[t.start : t.end] == t.text
    return {t.text: (t.value, t.kind) for t in found}


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "kind"),
    [
        # weekdays: the most recent one in past-tense news, the next one in the future tense
        ("The minister resigned on Tuesday.", "Tuesday", "2019-02-12", "date"),
        ("Police said the suspect fled Thursday.", "Thursday", "2019-02-14", "date"),
        ("The committee will meet on Monday to vote.", "Monday", "2019-02-18", "date"),
        ("The ministers are scheduled to meet on Tuesday.", "Tuesday", "2019-02-19", "date"),
        ("The match will start on Saturday at 3 p.m.", "Saturday at 3 p.m.",
         "2019-02-16T15:00", "time"),
        # months: a bare month in past-tense news is the most recent one
        ("The company said it had cut 300 jobs in November.", "November", "2018-11", "date"),
        ("The factory closed in February.", "February", "2019-02", "date"),
        ("The contract will expire in June.", "June", "2019-06", "date"),
        ("Exports fell sharply last March.", "last March", "2018-03", "date"),
        ("Farmers protested as far back as August.", "August", "2018-08", "date"),
        ("The strike began last autumn.", "last autumn", "2018-FA", "date"),
        ("Tourism recovered this summer.", "this summer", "2019-SU", "date"),
        ("Talks will resume in the fall.", "the fall", "2019-FA", "date"),
        ("Rents rose in early December.", "early December", "2018-12", "date"),
        ("The bridge was damaged in July last year.", "July last year", "2018-07", "date"),
        # absolute dates
        ("The talks collapsed in September 2015.", "September 2015", "2015-09", "date"),
        ("The bridge opened on June 3, 2009.", "June 3, 2009", "2009-06-03", "date"),
        ("The treaty was signed on 21 March 1998.", "21 March 1998", "1998-03-21", "date"),
        ("The deadline is Friday, Feb. 22.", "Friday, Feb. 22", "2019-02-22", "date"),
        ("Elections were held in 2014 and again later.", "2014", "2014", "date"),
        ("Unemployment peaked in the 1980s.", "the 1980s", "198", "date"),
        ("The town grew in the mid-1800s.", "the mid-1800s", "18", "date"),
        ("It was the worst flood of the 20th century.", "the 20th century", "19", "date"),
        ("Profits doubled in the third quarter.", "the third quarter", "2018-Q3", "date"),
        # relative to the publication date
        ("Prices rose sharply last week.", "last week", "2019-W06", "date"),
        ("The results will be announced tomorrow.", "tomorrow", "2019-02-15", "date"),
        ("He was arrested yesterday.", "yesterday", "2019-02-13", "date"),
        ("Sales are expected to grow next month.", "next month", "2019-03", "date"),
        ("Turnout has fallen this year.", "this year", "2019", "date"),
        ("The border reopened six months ago.", "six months ago", "2018-08", "date"),
        ("The station went off the air last night.", "last night", "2019-02-13TNI", "time"),
        ("The law now requires a permit.", "now", "PRESENT_REF", "date"),
        # durations, with their modifiers kept in the text
        ("The ceasefire held for 477 days.", "477 days", "P477D", "duration"),
        ("She has led the agency for more than two decades.", "more than two decades",
         "P20Y", "duration"),
        ("The reactor was shut for nearly three years.", "nearly three years", "P3Y", "duration"),
        ("The trial lasted a year and a half.", "a year and a half", "P1Y6M", "duration"),
        ("He served a 10-year sentence.", "10-year", "P10Y", "duration"),
        ("Talks dragged on for several weeks.", "several weeks", "PXW", "duration"),
        ("Prices have risen over the past two years.", "the past two years", "P2Y", "duration"),
        # sets
        ("Inspectors visit the plant every week.", "every week", "P1W", "set"),
        ("The newspaper is published daily.", "daily", "P1D", "set"),
        ("The market opens on Sundays.", "Sundays", "XXXX-WXX-7", "set"),
        ("The ferry sails twice a month.", "twice a month", "P1M", "set"),
    ],
)  # fmt: skip
def test_times_value_relative_to_publication(sentence, expression, value, kind):
    assert _times(sentence)[expression] == (value, kind)


def test_times_dateline_is_the_most_recent_such_day():
    text = "LAGOS, Feb 12 (Reuters) - Nigeria postponed its election by a week."
    assert _times(text)["Feb 12"] == ("2019-02-12", "date")
    assert _times(text, dt.date(2019, 2, 1))["Feb 12"] == ("2018-02-12", "date")


def test_times_ranges_are_two_dates_and_two_durations():
    times = _times("The 2014-16 drought lasted 12 to 18 months.")
    assert times["2014"] == ("2014", "date")
    assert times["16"] == ("2016", "date")
    assert times["12"] == ("P12M", "duration")
    assert times["18 months"] == ("P18M", "duration")


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Theresa May spoke to reporters.",
        "The plan may change, officials said.",
        "The committee will march to parliament.",
        "The 10-year-old boy was found safe.",
        "He scored in the final seconds.",
        "The fall of the government surprised no one.",
    ],
)
def test_times_ignores_words_that_are_not_times(sentence):
    assert _times(sentence) == {}


def test_times_without_publication_date_keep_only_absolute_values():
    text = (
        "The court ruled on Thursday that the law, passed in October 2016 and amended "
        "last May, had been unused for more than a decade; appeals are heard every week."
    )
    times = _times(text, published=None)
    assert times["Thursday"] == (None, "date")
    assert times["last May"] == (None, "date")
    assert times["October 2016"] == ("2016-10", "date")
    assert times["more than a decade"] == ("P10Y", "duration")
    assert times["every week"] == ("P1W", "set")


def test_times_tense_from_the_parse():
    nlp = load_pipeline()

    def tense(text: str, word: str) -> str | None:
        start = text.index(word)
        return sentence_tense(nlp(text), start, start + len(word))

    assert tense("The envoy arrived on Monday.", "Monday") == "past"
    assert tense("The envoy will arrive on Monday.", "Monday") == "future"
    assert tense("The envoy is expected to arrive on Monday.", "Monday") == "future"
    assert tense("The dividend is payable Dec. 7.", "Dec. 7") == "future"
    assert tense("No inspections have taken place since Jan. 13.", "Jan. 13") == "past"


@pytest.mark.parametrize(
    ("text", "published", "tense", "value", "kind"),
    [
        ("last May", dt.date(2018, 1, 11), None, "2017-05", "date"),
        ("in December", dt.date(2018, 1, 11), "past", "2017-12", "date"),
        ("October 2016", None, None, "2016-10", "date"),
        ("Jan. 11, 2018", None, None, "2018-01-11", "date"),
        ("Thursday", dt.date(2018, 1, 11), "past", "2018-01-11", "date"),
        ("Monday", dt.date(2018, 1, 11), "future", "2018-01-15", "date"),
        ("Monday", dt.date(2018, 1, 11), "past", "2018-01-08", "date"),
        ("last summer", dt.date(2018, 1, 11), None, "2017-SU", "date"),
        ("last winter", dt.date(2018, 8, 1), None, "2017-WI", "date"),
        ("more than a decade", None, None, "P10Y", "duration"),
        ("half an hour", None, None, "PT30M", "duration"),
        ("2 1/2 years", None, None, "P2Y6M", "duration"),
        ("every other week", None, None, "P2W", "set"),
        ("the nineties", dt.date(2018, 1, 11), None, "199", "date"),
        ("the '20s", dt.date(2018, 1, 11), None, "192", "date"),
        ("next Christmas", dt.date(2018, 1, 11), None, "2018-12-25", "date"),
        ("Thanksgiving 2020", None, None, "2020-11-26", "date"),
        ("the end of 2012", None, None, "2012", "date"),
        ("this year's second quarter", dt.date(2018, 1, 11), None, "2018-Q2", "date"),
        ("Friday afternoon", dt.date(2013, 3, 22), "past", "2013-03-22TAF", "time"),
        ("last week", None, None, None, "date"),
        ("the banana", dt.date(2018, 1, 11), None, None, "date"),
    ],
)
def test_normalize_one_expression(text, published, tense, value, kind):
    assert normalize(text, published, tense=tense) == (value, kind)


EXPECTED_IRAN = {  # tests/data/nyt-iran-prisoners.expected.yaml, published Thursday 2018-01-11
    "Thursday": "2018-01-11",
    "December": "2017-12",
    "July": "2017-07",
    "last May": "2017-05",
    "October 2016": "2016-10",
    "last November": "2017-11",
    "last summer": "2017-SU",
    "more than a decade": "P10Y",
}


def test_times_of_the_shared_example(shared_example):
    [raw] = list(read_source(shared_example))
    article = build_article(raw)
    doc = load_pipeline()(article.text)
    dated = {(t.text, t.value, t.kind) for t in find_times(doc, dt.date(2018, 1, 11))}
    for text, value in EXPECTED_IRAN.items():
        kind = "duration" if value.startswith("P") else "date"
        assert (text, value, kind) in dated
    undated = {t.text: t.value for t in find_times(doc, None)}
    assert undated["October 2016"] == "2016-10"
    assert undated["more than a decade"] == "P10Y"
    assert all(
        undated[text] is None for text in ("Thursday", "December", "last May", "last summer")
    )
