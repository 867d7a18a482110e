"""Highlighted text from offsets: escaped, properly nested whatever the
offsets, with the mention kept whole when a quote edge falls inside it."""

from __future__ import annotations

import pytest

from newsgraph.web.article_model import build
from newsgraph.web.highlight import Span, paragraphs, render, snap_to

from .test_pages import parse


def well_formed(html: str) -> None:
    parsed = parse(html)
    assert not parsed.problems and parsed.stack == [], (parsed.problems, parsed.stack, html)


def test_render_escapes_text_and_attribute_values() -> None:
    text = '<script>alert(1)</script> "x" & y'
    html = render(text, [[Span(0, 8, "span", (("title", '"><img src=x onerror=alert(1)>'),))]])
    assert str(html) == (
        '<span title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;</span>'
        "alert(1)&lt;/script&gt; &#34;x&#34; &amp; y"
    )


def test_crossing_spans_are_closed_and_reopened() -> None:
    text = "abcdefghij"
    outer = [Span(2, 6, "span", (("class", "quote"),))]
    inner = [Span(4, 9, "a", (("href", "/entities/1"),))]
    html = str(render(text, [outer, inner]))
    assert html == (
        'ab<span class="quote">cd<a href="/entities/1">ef</a></span><a href="/entities/1">ghi</a>j'
    )
    well_formed(html)


def test_overlaps_within_a_layer_keep_the_earliest_then_longest() -> None:
    text = "An Iranian official"
    spans = [
        Span(3, 10, "a", (("href", "/entities/4"),)),
        Span(0, 19, "a", (("href", "/entities/3"),)),
    ]
    assert str(render(text, [spans])) == '<a href="/entities/3">An Iranian official</a>'


def test_a_quote_edge_inside_a_mention_moves_out_of_it() -> None:
    mention = Span(5, 12, "a", (("href", "/entities/1"),))
    [quote] = snap_to([Span(8, 20, "span")], [mention])
    assert (quote.start, quote.end) == (5, 20)
    html = str(render("said Taraghi and so on", [[quote], [mention]]))
    assert html == 'said <span><a href="/entities/1">Taraghi</a> and so </span>on'


def test_paragraphs_and_out_of_range_offsets() -> None:
    text = "One para\nline two.\n\nTwo <b>."
    html = str(
        render(
            text,
            [[Span(4, 25, "span"), Span(-5, 2, "span"), Span(20, 999, "span")]],
            blocks=paragraphs(text),
        )
    )
    well_formed(html)
    assert html.startswith("<p><span>On</span>e <span>para<br>\nline two.</span></p>\n<p>")
    assert html.endswith("<p><span>Two &lt;</span>b&gt;.</p>")


@pytest.mark.parametrize("tag", ["script", "img", "iframe"])
def test_only_harmless_elements_may_be_made(tag: str) -> None:
    with pytest.raises(ValueError):
        Span(0, 1, tag)
    with pytest.raises(ValueError):
        Span(0, 1, "span", (("onclick", "x"),))


def test_random_offsets_always_nest() -> None:
    import random

    chooser = random.Random(7)
    text = "".join(chooser.choice('ab <>&"\n') for _ in range(300))
    for _ in range(50):
        layers = [
            [
                Span(a, a + chooser.randint(0, 40), tag)
                for a in (chooser.randint(-5, 310) for _ in range(12))
            ]
            for tag in ("span", "a", "time")
        ]
        well_formed(str(render(text, layers, blocks=paragraphs(text))))


def test_speakers_get_distinct_stable_colours() -> None:
    article = {"text": "A said x. B said y. C said z.", "headline": "H"}
    quotes = [
        {"start": 7, "end": 8, "speaker": n, "speaker_name": name, "kind": "direct"}
        for n, name in ((1, "A"), (2, "B"), (3, "C"))
    ]
    entities = [
        {"id": n, "name": name, "type": "PERSON", "mentions": []}
        for n, name in ((1, "A"), (2, "B"), (3, "C"))
    ]
    one = build(article, entities, quotes, [], [], linked=True)
    colours = {s.name: s.colour for s in one.speakers}
    assert len(set(colours.values())) == 3
    again = build(article, entities, quotes[:1] + quotes[1:], [], [], linked=True)
    assert {s.name: s.colour for s in again.speakers} == colours
