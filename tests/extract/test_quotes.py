"""Quotes: direct, partial and indirect speech with their cues and speakers."""

from __future__ import annotations

import pytest

from newsgraph.article import build_article
from newsgraph.extract import load_pipeline
from newsgraph.extract.quotes.finder import QuoteSpan, find_quotes, paragraphs, scan_quotes
from newsgraph.sources import read_source

from ..conftest import DATA


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quotes_of(nlp, text: str) -> list[QuoteSpan]:
    return find_quotes(nlp(text))


def only(quotes: list[QuoteSpan], kind: str) -> list[QuoteSpan]:
    return [q for q in quotes if q.kind == kind]


def find(quotes: list[QuoteSpan], words: str) -> QuoteSpan:
    matching = [q for q in quotes if words in q.text]
    assert matching, f"no quote with {words!r} in {[q.text for q in quotes]}"
    return matching[0]


# --------------------------------------------------------------------------- marks


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("“We will win,” he said.", ["We will win,"]),
        ('"We will win," he said.', ["We will win,"]),
        ("''We will win,'' he said.", ["We will win,"]),
        ("``We will win,'' he said.", ["We will win,"]),
        ("«We will win», he said.", ["We will win"]),
        ("Trump: ‘I Will Win.’", ["I Will Win."]),
        ("The voters’ choice wasn’t the ‘90s rerun.", []),
        (
            "“He called it ‘a disgrace,’ and left,” she said.",
            ["He called it ‘a disgrace,’ and left,"],
        ),
        ('"The question: “Are you sure?” Yes," he said.', ["The question: “Are you sure?” Yes,"]),
        ('“Mixed marks," she said.', ["Mixed marks,"]),
        ("“He calls it “hell” here,” she said.", ["He calls it “hell” here,"]),
        ("“Lost it,“ said Jim.", ["Lost it,"]),  # an opening mark typed for a closing one
    ],
)
def test_scan_quotes_marks_of_every_style(text, contents):
    found = scan_quotes(text)
    assert [text[s:e] for m in found for s, e in m.parts] == contents


def test_scan_quotes_multi_paragraph_quote_is_one_quote_with_a_part_per_paragraph():
    text = "He said: “We will not stop.\n\n“We will keep going until the end.”\n\nThen he left."
    [marked] = scan_quotes(text)
    assert [text[s:e] for s, e in marked.parts] == [
        "We will not stop.",
        "We will keep going until the end.",
    ]
    assert marked.closed


def test_scan_quotes_unclosed_quote_ends_with_its_paragraph():
    text = "She said “this is wrong.\n\nThe vote went ahead."
    [marked] = scan_quotes(text)
    assert text[marked.parts[0][0] : marked.parts[0][1]] == "this is wrong."
    assert not marked.closed


def test_paragraphs_split_on_line_breaks():
    assert paragraphs("One.\n\nTwo.\nThree.") == [(0, 4), (6, 10), (11, 17)]


# --------------------------------------------------------------------------- direct quotes and cues


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“The talks have failed,” Maria Lopez said.", "Maria Lopez", "said"),
        (
            "“The talks have failed,” said Maria Lopez, the union's president.",
            "Maria Lopez",
            "said",
        ),
        ("“The talks have failed,” said the spokesman.", "the spokesman", "said"),
        ("Maria Lopez said, “The talks have failed.”", "Maria Lopez", "said"),
        ("Maria Lopez told reporters: “The talks have failed.”", "Maria Lopez", "told"),
        ("“The talks have failed,” Maria Lopez told reporters on Monday.", "Maria Lopez", "told"),
        ("“The talks have failed,” she added.", "she", "added"),
        ("“The talks have failed,” the ministry said in a statement.", "the ministry", "said"),
        ("According to the union, “the talks have failed.”", "the union", "According to"),
        ("“Is this the end?” he asked.", "he", "asked"),
        ("“We have had enough,” they said.", "they", "said"),
        (
            "“We will not sign,” the spokesman for the ministry said.",
            "the spokesman for the ministry",
            "said",
        ),
        ("“We will not sign,” the ministry tweeted.", "the ministry", "tweeted"),
        ("“It is over,” he wrote on Facebook.", "he", "wrote"),
        ("“We will not sign,” Ahmed Said, a lawyer, insisted.", "Ahmed Said", "insisted"),
        ("“We will not sign,” she warned, pointing to the deadline.", "she", "warned"),
        ("Rep. Jane Doe (D-Calif.) said, “This bill is a disaster.”", "Jane Doe", "said"),
        (
            "Guests included Patti LaBelle and Stevie Wonder, who joked, “I haven't seen it yet.”",
            "Stevie Wonder",
            "joked",
        ),
        ("“We will not sign,” said the 46-year-old.", "the 46-year-old", "said"),
    ],
)
def test_direct_quote_speaker_from_cue_in_any_order(nlp, text, speaker, cue):
    [quote] = only(quotes_of(nlp, text), "direct")
    assert quote.speaker_text is not None and speaker in quote.speaker_text
    assert quote.cue == cue
    doc_text = text
    assert doc_text[quote.start : quote.end].strip('“”" ,.?') in quote.text
    assert doc_text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    assert doc_text[quote.cue_start : quote.cue_end] == quote.cue


def test_direct_quote_offsets_point_at_the_content_without_marks(nlp):
    text = "Officials met on Monday. “We will not sign,” the minister said."
    [quote] = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert text[quote.start : quote.end] == "We will not sign,"
    assert quote.parts == ((quote.start, quote.end),)
    assert not quote.carried


def test_direct_quote_in_the_next_paragraph_after_a_colon(nlp):
    text = "The governor issued a statement:\n\n“We mourn with the families of the victims.”"
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == "The governor"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "POLLS WERE NOT WRONG - Mark Blumenthal and Jon Cohen: “They just ended too early.”",
            "Mark Blumenthal and Jon Cohen",
        ),
        ("Said Ellis: “I don’t get the sense she’s interested in tax reform.”", "Ellis"),
        (
            "President Obama is rolling out a new campaign message: “It's about me.”",
            "President Obama",
        ),
    ],
)
def test_direct_quote_after_a_colon_without_a_cue(nlp, text, speaker):
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == speaker


def test_dateline_is_never_the_speaker(nlp):
    text = "KYIV, Nov 10 (Reuters) - Ukraine's foreign ministry said it had summoned the ambassador over “unacceptable” remarks."
    quotes = quotes_of(nlp, text)
    assert {q.speaker_text for q in quotes} == {"Ukraine's foreign ministry"}
    assert {q.kind for q in quotes} == {"partial", "indirect"}


def test_participle_cue_without_subject_takes_the_previous_speaker(nlp):
    text = "“The report wasn't good,” Maher said. Adding, “Now, like all scandals, it is never that bad.”"
    first, second = quotes_of(nlp, text)
    assert second.speaker_text == first.speaker_text == "Maher"
    assert second.cue == "Adding" and second.carried


def test_direct_quote_attributed_by_a_dash(nlp):
    text = "“I will vote for the first time this year.” ― Carla Sanchez"
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == "Carla Sanchez"


def test_direct_quote_headline_with_a_name_and_colon(nlp):
    text = "Sanders: ‘We Will Fight On.’\n\nThe senator spoke in Ohio."
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == "Sanders"


# --------------------------------------------------------------------------- split and continued quotes


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "joined"),
    [
        (
            "“Anyway,” he added. “This is an old story, from last summer.”",
            "he",
            "added",
            "Anyway, ... This is an old story, from last summer.",
        ),
        (
            "“I think,” the senator said, “that we should go home now.”",
            "the senator",
            "said",
            "I think, ... that we should go home now.",
        ),
        (
            '"Are we ready? Probably not," Ms. Moore said. "But we will be by Friday."',
            "Ms. Moore",
            "said",
            "Are we ready? Probably not, ... But we will be by Friday.",
        ),
    ],
)
def test_split_quote_around_its_attribution_is_one_quote(nlp, text, speaker, cue, joined):
    [quote] = quotes_of(nlp, text)
    assert (quote.kind, quote.speaker_text, quote.cue, quote.text) == (
        "direct",
        speaker,
        cue,
        joined,
    )
    assert len(quote.parts) == 2
    assert all(text[s:e] in joined for s, e in quote.parts)


def test_quote_after_a_long_attribution_is_separate_with_the_speaker_carried(nlp):
    text = (
        "“They sent diplomats to the island,” Jones said, referring to Kish. "
        "“They asked politicians to carry messages. Things like that.”"
    )
    first, second = quotes_of(nlp, text)
    assert first.speaker_text == second.speaker_text == "Jones"
    assert not first.carried and second.carried
    assert second.text == "They asked politicians to carry messages. Things like that."


def test_paragraph_that_is_only_a_quote_takes_the_previous_speaker(nlp):
    text = (
        "“Prices will rise,” the central bank governor, Ana Silva, told lawmakers.\n\n"
        "“We cannot rule out a recession next year.”"
    )
    first, second = quotes_of(nlp, text)
    assert first.speaker_text == "Ana Silva"
    assert second.carried and second.speaker_start == first.speaker_start
    assert second.cue == "told"


def test_carry_goes_back_one_paragraph_only(nlp):
    text = (
        "“Prices will rise,” the governor said.\n\n"
        "Markets fell sharply on the news in Asia and Europe.\n\n"
        "“We cannot rule out a recession next year.”"
    )
    quotes = quotes_of(nlp, text)
    assert find(quotes, "recession").speaker_text is None


def test_multi_paragraph_quote_is_one_quote(nlp):
    text = (
        "The mayor said: “The city will rebuild every school that was damaged.\n\n"
        "“We will not leave a single child without a classroom.”"
    )
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == "The mayor"
    assert len(quote.parts) == 2
    assert quote.text == (
        "The city will rebuild every school that was damaged. "
        "We will not leave a single child without a classroom."
    )


# --------------------------------------------------------------------------- partial quotes


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "A senior official dismissed as “old news” a report about the talks.",
            "old news",
            "A senior official",
        ),
        (
            "The president called the decision “a disgrace” on Friday.",
            "a disgrace",
            "The president",
        ),
        ("They told reporters that the plan was “dead on arrival.”", "dead on arrival", "They"),
        (
            "The minister, who described the deal as “historic,” left early.",
            "historic",
            "The minister",
        ),
        (
            "The plan is “reckless and dangerous,” the opposition leader said.",
            "reckless and dangerous",
            "the opposition leader",
        ),
    ],
)
def test_partial_quote_speaker_is_the_subject_of_the_governing_verb(nlp, text, words, speaker):
    quote = find(only(quotes_of(nlp, text), "partial"), words)
    assert quote.speaker_text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “experts” were nowhere to be seen.",  # scare quotes, no cue
        "She appeared on “Meet the Press” last week.",  # a title, no cue
        "He said he watched “Meet the Press” every Sunday.",  # a title inside a reported clause
        "Voters in the “Rust Belt” are angry.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(nlp, text):
    assert only(quotes_of(nlp, text), "partial") == []
    assert only(quotes_of(nlp, text), "direct") == []


# --------------------------------------------------------------------------- indirect speech


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "clause"),
    [
        (
            "The minister said that the talks would resume on Monday.",
            "The minister",
            "said",
            "the talks would resume on Monday",
        ),
        (
            "Officials said Iran had rejected the offer.",
            "Officials",
            "said",
            "Iran had rejected the offer",
        ),
        (
            "Iran had rejected the offer, officials said on Monday.",
            "officials",
            "said",
            "Iran had rejected the offer",
        ),
        (
            "The ministry reported that exports fell by a third.",
            "The ministry",
            "reported",
            "exports fell by a third",
        ),
        (
            "According to the ministry, exports fell by a third.",
            "the ministry",
            "According to",
            "exports fell by a third",
        ),
        (
            "Exports fell by a third, according to two officials.",
            "two officials",
            "according to",
            "Exports fell by a third",
        ),
        (
            "They told reporters that the strike would go on.",
            "They",
            "told",
            "the strike would go on",
        ),
        (
            "The company announced it would close two plants.",
            "The company",
            "announced",
            "it would close two plants",
        ),
        (
            "The senator, who spoke after the vote, insisted the bill was fair.",
            "The senator",
            "insisted",
            "the bill was fair",
        ),
        (
            "A statement from the embassy said the ambassador had been recalled.",
            "A statement from the embassy",
            "said",
            "the ambassador had been recalled",
        ),
        (
            "The poll found that most voters want change.",
            "The poll",
            "found",
            "most voters want change",
        ),
    ],
)
def test_indirect_speech_clause_and_speaker(nlp, text, speaker, cue, clause):
    [quote] = only(quotes_of(nlp, text), "indirect")
    assert (quote.speaker_text, quote.cue, quote.text) == (speaker, cue, clause)
    assert text[quote.start : quote.end] == clause


def test_indirect_speech_split_by_its_attribution(nlp):
    text = "Iran, officials said, had rejected the offer."
    [quote] = only(quotes_of(nlp, text), "indirect")
    assert quote.speaker_text == "officials"
    assert [text[s:e] for s, e in quote.parts] == ["Iran", "had rejected the offer"]


def test_no_indirect_speech_without_a_speech_verb_or_speaker(nlp):
    quotes = quotes_of(nlp, "He found the keys under the table. It was reported that prices rose.")
    assert only(quotes, "indirect") == []


def test_indirect_speech_stays_in_its_paragraph(nlp):
    text = "Trees absorb carbon, the founder said\n\nThe company plans to plant a million acres."
    [quote] = only(quotes_of(nlp, text), "indirect")
    assert quote.end <= text.index("\n")


# --------------------------------------------------------------------------- the shared example


@pytest.fixture(scope="module")
def example(nlp):
    [raw] = list(read_source(DATA / "nyt-iran-prisoners.txt"))
    article = build_article(raw)
    return article.text, find_quotes(nlp(article.text))


def test_example_partial_old_news(example):
    text, quotes = example
    quote = find(quotes, "old news")
    assert quote.kind == "partial" and quote.text == "old news"
    assert quote.speaker_text == "An Iranian official"
    assert quote.cue == "dismissed"


def test_example_direct_quotes_and_speakers(example):
    _, quotes = example
    direct = only(quotes, "direct")
    nuclear = find(direct, "In the nuclear deal")
    assert nuclear.text.endswith("what is the use of new talks anyway?")
    assert nuclear.speaker_text == "he" and nuclear.cue == "said"
    kish = find(direct, "They had diplomats from Oman")
    assert kish.text == "They had diplomats from Oman coming to the island of Kish,"
    assert kish.speaker_text == "Taraghi" and not kish.carried
    europe = find(direct, "They asked European politicians")
    assert europe.text.endswith("Things like that.")
    assert europe.speaker_text == "Taraghi" and europe.carried
    assert europe.speaker_start == kish.speaker_start


def test_example_split_quote_is_one_quote(example):
    text, quotes = example
    anyway = find(quotes, "Anyway")
    assert anyway.kind == "direct"
    assert anyway.text == "Anyway, ... This is old news, already from last summer."
    assert (anyway.speaker_text, anyway.cue) == ("he", "added")
    assert [text[s:e] for s, e in anyway.parts] == [
        "Anyway,",
        "This is old news, already from last summer.",
    ]
    assert not [q for q in quotes if q.text == "This is old news, already from last summer."]


def test_example_indirect_speech(example):
    _, quotes = example
    indirect = only(quotes, "indirect")
    interviews = find(indirect, "he had given interviews")
    assert interviews.speaker_text in {"The official, Hamidreza Taraghi", "Hamidreza Taraghi"}
    rejected = find(indirect, "Iran had rejected the entreaties")
    assert rejected.speaker_text == "Taraghi"
    contacted = find(indirect, "Iranian officials had been contacted")
    assert contacted.speaker_text == "he"
    journal = find(indirect, "Another effort was made")
    assert journal.text == "Another effort was made at a similar meeting in Vienna in December"
    assert journal.speaker_text == "The Wall Street Journal" and journal.cue == "reported"


def test_example_has_nothing_else_between_marks(example):
    _, quotes = example
    marked = [q for q in quotes if q.kind != "indirect"]
    assert len(marked) == 5


def test_find_quotes_on_text_without_quotes(nlp):
    assert find_quotes(nlp("The river rose after the storm.")) == []
    assert find_quotes(nlp("")) == []


def test_quote_span_is_frozen():
    quote = QuoteSpan(text="x", kind="direct", start=0, end=1)
    with pytest.raises(AttributeError):
        quote.text = "y"  # type: ignore[misc]
