"""Quotes and speakers as real copy prints them: straight marks re-opened at
each sentence and never closed, attribution kept out of quotes, descriptor
and pronoun speakers resolved to the person the article names. The texts
follow the conventions of the BBC politics scrapes (paragraphs joined, one
straight opening mark per quoted sentence)."""

from __future__ import annotations

import pytest

from newsgraph.extract import analyze
from newsgraph.extract.quotes.finder import scan_quotes


def contents(text: str) -> list[str]:
    return [" | ".join(text[s:e] for s, e in m.parts) for m in scan_quotes(text)]


def test_straight_marks_open_before_a_word_and_close_after_one() -> None:
    text = 'The Tories called it "desperate", and she said: "We will win." Then she left.'
    assert contents(text) == ["desperate", "We will win."]


def test_a_reopened_mark_right_after_the_quote_continues_it() -> None:
    text = (
        'Ms Hewitt said: "We have doubled maternity pay. "We are going to extend it." '
        "She said more would follow."
    )
    [found] = scan_quotes(text)
    assert [text[s:e] for s, e in found.parts] == [
        "We have doubled maternity pay.",
        "We are going to extend it.",
    ]


def test_a_reopened_mark_inside_a_sentence_ends_the_open_quote() -> None:
    text = 'He called the plan "a disgrace and the minister said "it will go" yesterday.'
    assert contents(text) == ["a disgrace and the minister said", "it will go"]


def test_an_unclosed_quote_swallowing_narration_is_refused() -> None:
    from newsgraph.extract import analyze

    text = (
        "Row over plans\n\n"
        'Mr Howard said the plans were "a shambles. Mr Brown said he would press on '
        "regardless and he told MPs the money was there.\n\nThe debate goes on."
    )
    quotes = [q.text for q in analyze(text).quotes if q.kind != "indirect"]
    assert not any("told MPs" in q for q in quotes), quotes


def test_nested_single_quotes_stay_inside() -> None:
    text = "He said: \"They called it a 'shambles' and left,\" adding nothing."
    assert contents(text) == ["They called it a 'shambles' and left,"]


def _speakers(text: str) -> dict[str, str | None]:
    analysis = analyze(text)
    names = {e.id: e.name for e in analysis.entities}
    return {
        q.text.strip(' ,."'): names.get(q.speaker or "")
        for q in analysis.quotes
        if q.kind != "indirect"
    }


def test_no_quote_holds_its_own_attribution() -> None:
    text = (
        "Pensions row\n\n"
        'Chancellor Gordon Brown said: "We will protect pensions. "We will not waver." '
        'Tory leader Michael Howard said: "This is a shambles." '
        "Liberal Democrat spokesman Vincent Cable said the plans were flawed."
    )
    quotes = _speakers(text)
    assert all(" said" not in q for q in quotes), quotes
    assert quotes["This is a shambles"] == "Michael Howard"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Row over plans\n\nChancellor Gordon Brown set out his plans on Monday.\n\n"
            'The chancellor said: "We will not waver on this."',
            "We will not waver on this",
            "Gordon Brown",
        ),
        (
            "Row over plans\n\nThe Shadow Secretary of State for the Family, Caroline Spelman, "
            'said: "These plans were announced in December."',
            "These plans were announced in December",
            "Caroline Spelman",
        ),
        (
            "Row over plans\n\nLiberal Democrat MEP Chris Davies said the plans were flawed.\n\n"
            '"They will not work," the MEP told the BBC.',
            "They will not work",
            "Chris Davies",
        ),
        (
            "Row over plans\n\nHome Secretary Charles Clarke defended the bill on Monday.\n\n"
            "Critics said it went too far and civil liberties groups protested outside.\n\n"
            'But he said: "The threat is real."',
            "The threat is real",
            "Charles Clarke",
        ),
    ],
)
def test_descriptor_apposition_and_pronoun_speakers(text: str, words: str, speaker: str) -> None:
    assert _speakers(text)[words] == speaker


def test_a_spokesperson_speaks_for_the_body_and_keeps_the_words() -> None:
    analysis = analyze(
        "Row\n\n"
        '"We will not accept it," a Home Office spokesman said. '
        'The Lib Dems disagreed. "We disagree," the spokesman added.'
    )
    names = {e.id: e.name for e in analysis.entities}
    quotes = [(names.get(q.speaker or ""), q.speaker_name) for q in analysis.quotes]
    assert quotes[0] == ("Home Office", "a Home Office spokesman")
    assert quotes[-1] == ("Home Office", "the spokesman")


def test_it_said_is_the_body_the_sentence_before_is_about() -> None:
    quotes = _speakers(
        "Row\n\nThe Electoral Commission published its report on Monday. "
        'It said: "Postal voting must change."'
    )
    assert quotes["Postal voting must change"] in {
        "Electoral Commission",
        "The Electoral Commission",
    }


def test_a_name_the_model_missed_is_still_the_speaker() -> None:
    quotes = _speakers('Row\n\n"We will vote against," Theresa May said on Monday.')
    assert quotes["We will vote against"] == "Theresa May"
