"""Texts longer than spaCy's max_length are analysed in pieces (issue 16):
cut at paragraph breaks, parsed one at a time, joined into one Doc whose
offsets are the text's own."""

from __future__ import annotations

import random

import pytest

from newsgraph.extract import analysis, load_pipeline
from newsgraph.extract.analysis import analyze, pieces


@pytest.mark.parametrize("size", [50, 1000, 20_000])
def test_pieces_join_back_into_the_text_and_keep_to_the_size(size: int) -> None:
    rng = random.Random(size)
    text = "".join(rng.choice(["word ", "Word. ", "\n", "\n\n", "x"]) for _ in range(30_000))
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(0 < len(p) <= size for p in parts)


def test_pieces_cut_after_a_paragraph_break_when_there_is_one() -> None:
    text = "First paragraph here.\n\nSecond one is here.\n\nThird."
    assert pieces(text, 30) == ["First paragraph here.\n\n", "Second one is here.\n\nThird."]
    assert pieces("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]  # no break: anywhere


def test_a_text_over_max_length_is_analysed_with_its_own_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 3000)  # spaCy's E088 past this, unchunked
    monkeypatch.setattr(analysis, "PIECE", 1000)
    paragraph = (
        "Prime Minister Tony Blair met Jacques Chirac in Paris on Monday. "
        '"We agree on Iraq," Mr Blair said. The Conservatives criticised the talks.'
    )
    text = "\n\n".join(f"{paragraph} Meeting {n}." for n in range(60))
    assert len(text) > 3 * nlp.max_length
    result = analyze(text, nlp=nlp)
    assert result.article.text.count("Meeting") == 60
    blair = next(e for e in result.entities if e.name == "Tony Blair")
    assert len(blair.mentions) >= 60
    for entity in result.entities:
        for mention in entity.mentions:
            if mention.field == "text":
                assert result.article.text[mention.start : mention.end] == mention.text
    assert len(result.quotes) == 60
    assert {q.text for q in result.quotes} == {"We agree on Iraq,"}
    for quote in result.quotes:
        assert quote.text in result.article.text[quote.start : quote.end]


def test_a_text_over_max_chars_fails_alone_with_its_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the max_chars setting an article is one failure (its analysis
    would need more memory than the machine may have); the others go on."""
    from newsgraph.model import Article
    from newsgraph.runs.analyse import Failure, analyse

    monkeypatch.setenv("NEWSGRAPH_MAX_CHARS", "5000")
    short = Article(url="http://example.com/a", paragraphs=["Tony Blair said it works."])
    long = Article(url="http://example.com/b", paragraphs=["Tony Blair spoke again. " * 400])
    results = list(analyse([short, long, short.model_copy(update={"url": "http://e.com/c"})]))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert "over the limit of 5,000 for analysis (NEWSGRAPH_MAX_CHARS)" in failure.reason
    assert "please report" not in failure.reason
