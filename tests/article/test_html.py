"""HTML pages: trafilatura's text and metadata, then the article rules."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.article import build_article
from newsgraph.article.html import extract_page, strip_title_suffix
from newsgraph.model import RawDocument

AP_PAGE = """<!doctype html><html lang="en"><head>
<title>Senate passes stopgap bill | AP News</title>
<meta property="og:site_name" content="AP News">
<meta property="article:section" content="Politics">
<link rel="canonical" href="https://apnews.com/article/senate-stopgap-1234">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<main><article>
<h1>Senate passes stopgap bill</h1>
<p>By JANE DOE and JOHN ROE</p>
<p>Published 9:02 PM EST, March 3, 2021</p>
<p>WASHINGTON (AP) — The Senate voted 77-19 late Saturday to keep the government open for six more weeks, sending the measure to the president hours before a shutdown deadline.</p>
<p>The bill extends current funding levels and includes money for disaster relief, but leaves out aid that the White House had sought.</p>
<p>“This is not the bill any of us wanted,” one senator said on the floor. “But it keeps the lights on.”</p>
<p>Negotiators now have until mid-November to agree on full-year spending bills or pass another temporary measure.</p>
<p>Associated Press writer Mary Major contributed to this report.</p>
<p>Copyright 2021 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
</article></main>
<footer><p>Terms of Use</p><p>Privacy Policy</p></footer>
</body></html>"""


def test_html_wire_page_goes_through_the_article_rules():
    article = build_article(RawDocument(source="ap.html", format="html", content=AP_PAGE))
    assert article.headline == "Senate passes stopgap bill"
    assert article.url == "https://apnews.com/article/senate-stopgap-1234"
    assert article.section == "Politics"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.dateline == "WASHINGTON"
    assert article.published == dt.date(2021, 3, 3)
    assert article.paragraphs[0].startswith("WASHINGTON (AP) — The Senate voted")
    assert article.paragraphs[-1].startswith("Negotiators now have until")
    assert len(article.paragraphs) == 4
    for boilerplate in ("contributed to this report", "Copyright", "Terms of Use", "Published"):
        assert boilerplate not in article.text


def test_html_page_metadata():
    page = extract_page(AP_PAGE)
    assert page is not None
    assert page.sitename == "AP News"
    assert page.title == "Senate passes stopgap bill"


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Senate passes bill | AP News", ("AP News",), "Senate passes bill"),
        ("What is Rust? - Stack Overflow Blog", ("Stack Overflow Blog",), "What is Rust?"),
        ("BBC News - Headline here", ("BBC News",), "Headline here"),
        ("Yellow Vests and I — Pamela Anderson", ("Site", "Pamela Anderson"), "Yellow Vests and I"),
        ("Story | Example", ("www.example.com",), "Story"),
        ("Left - Right: a debate", ("Other",), "Left - Right: a debate"),
        ("Only the site name", ("Only the site name",), "Only the site name"),
    ],
)
def test_html_strip_title_suffix(title, names, expected):
    assert strip_title_suffix(title, *names) == expected


def test_html_json_ld_article_body_when_the_markup_defeats_extraction():
    body = " ".join(
        f"Sentence {i} of the opinion piece about the election and its results." for i in range(12)
    )
    page = (
        '<html><head><title>Opinion</title><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
        f'"headline": "Opinion", "articleBody": "{body}", "datePublished": "2020-01-20"}}]}}'
        "</script></head><body><figure><figcaption>The president speaks in Taipei. Photo: AP"
        "</figcaption></figure><div id='app'></div></body></html>"
    )
    article = build_article(RawDocument(source="op.html", format="html", content=page))
    assert article.text == body
    assert article.published == dt.date(2020, 1, 20)


@pytest.mark.parametrize(
    "notice",
    [
        "© The New York Times Company 2023",
        "Copyright &#xA9; 2023 Acme",
        "(c) 2023 Acme",
        "&copy; Copyright Acme Media Group Limited 2023",
    ],
)
def test_html_copyright_years_never_become_dates(notice):
    page = (
        "<html><head><title>Story</title></head><body><article><h1>Story</h1>"
        + "".join(
            f"<p>Paragraph {i} of a story about the harbour and its ships, told at length.</p>"
            for i in range(6)
        )
        + "<p>The court first ruled on March 3, 2015, and again later.</p>"
        + f"</article><footer>{notice}</footer></body></html>"
    )
    assert (
        build_article(RawDocument(source="p.html", format="html", content=page)).published is None
    )


def test_html_json_ld_body_when_trafilatura_finds_nothing():
    body = " ".join(f"Sentence {i} of the report on the harbour and its ships." for i in range(10))
    page = (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "Harbour", "articleBody": "{body}"}}'
        "</script></head><body></body></html>"
    )
    assert build_article(RawDocument(source="p.html", format="html", content=page)).text == body


def test_html_meta_section_is_linear_on_broken_markup():
    import time

    from newsgraph.article.html import meta_section

    start = time.perf_counter()
    assert meta_section("<meta " * 50_000) is None
    assert time.perf_counter() - start < 1.0
    assert meta_section('<meta content="World" property="article:section">') == "World"
