"""Feeds and sitemaps (sources.feeds): RSS 0.91, 1.0 (RDF) and 2.0, Atom,
news sitemaps and sitemap indexes; a feed file as input of `parse`."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.model import RawDocument
from newsgraph.sources import read_documents
from newsgraph.sources.feeds import listing_kind, parse_listing

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>One</title><link>http://a.example/1</link><description>First story.</description></item>
</channel></rss>"""
RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://a.example/"><title>RDF</title><link>http://a.example/</link></channel>
<item rdf:about="http://a.example/2"><title>Two</title><link>http://a.example/2</link>
<dc:date>2024-05-06T10:00:00Z</dc:date><dc:creator>Ann Lee</dc:creator><description>Second.</description></item>
</rdf:RDF>"""
RSS20 = b"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Now</title><item><title>Three &amp; more</title><link>http://a.example/3</link>
<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate><author>desk@a.example (Bo Chen)</author>
<description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>The full text, first paragraph.</p><p>Second paragraph.</p>]]></content:encoded></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom news</title><id>urn:x</id><updated>2024-05-08T00:00:00Z</updated>
<entry><title>Four</title><id>urn:4</id><link href="http://a.example/4"/><updated>2024-05-08T09:00:00Z</updated>
<author><name>Dee Ray</name></author><summary>Fourth story.</summary></entry></feed>"""
NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://a.example/5</loc><news:news><news:publication><news:name>A Times</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-05-09T12:00:00+00:00</news:publication_date><news:title>Five</news:title></news:news></url>
<url><loc>http://a.example/6</loc><lastmod>2024-05-10</lastmod></url>
</urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://a.example/s1.xml</loc></sitemap><sitemap><loc>http://a.example/s2.xml.gz</loc></sitemap></sitemapindex>"""


def test_feeds_every_rss_version_and_atom() -> None:
    one = parse_listing(RSS091, "x").entries[0]
    assert (one.url, one.title, one.summary) == ("http://a.example/1", "One", "First story.")
    two = parse_listing(RSS10, "x").entries[0]
    assert (two.url, two.published, two.authors) == (
        "http://a.example/2",
        "2024-05-06",
        ("Ann Lee",),
    )
    three = parse_listing(RSS20, "x").entries[0]
    assert three.title == "Three & more"
    assert three.published == "2024-05-07"
    assert three.authors == ("Bo Chen",)
    assert three.summary == "Short summary ." or three.summary.startswith("Short")
    assert three.content == "The full text, first paragraph.\n\nSecond paragraph."
    four = parse_listing(ATOM, "x")
    assert four.kind == "feed" and four.title == "Atom news"
    assert (four.entries[0].url, four.entries[0].authors) == ("http://a.example/4", ("Dee Ray",))


def test_feeds_news_sitemap_and_index() -> None:
    listing = parse_listing(NEWS_SITEMAP, "x")
    assert listing.kind == "sitemap"
    five, six = listing.entries
    assert (five.url, five.title, five.published, five.outlet) == (
        "http://a.example/5",
        "Five",
        "2024-05-09",
        "A Times",
    )
    assert (six.url, six.published) == ("http://a.example/6", "2024-05-10")
    index = parse_listing(gzip.compress(INDEX), "x")
    assert index.kind == "sitemapindex"
    assert index.sitemaps == ["http://a.example/s1.xml", "http://a.example/s2.xml.gz"]


def test_feeds_refuse_what_is_not_a_listing() -> None:
    assert listing_kind("<html><body>hi</body></html>") is None
    with pytest.raises(InputError, match="not an RSS/Atom feed or a sitemap"):
        parse_listing(b"<html><body>no</body></html>", "page.html")
    with pytest.raises(InputError, match="not a readable sitemap"):
        parse_listing(b"<urlset><url><loc>x</loc></url>", "broken.xml")


def test_feeds_entities_are_not_expanded() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>&x;</loc></url></urlset>"
    )
    listing = parse_listing(evil, "evil.xml")
    assert all("root:" not in (e.url or "") for e in listing.entries)


def test_feeds_a_feed_file_gives_its_items_as_documents(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(
        RSS20.replace(
            b"</channel>",
            b"<item><title>Bare</title><link>http://a.example/7</link></item></channel>",
        )
    )
    found = list(read_documents([str(path)]))
    first, second = found
    assert isinstance(first, RawDocument)
    assert (first.url, first.title, first.published, first.authors) == (
        "http://a.example/3",
        "Three & more",
        "2024-05-07",
        ["Bo Chen"],
    )
    assert first.content.startswith("The full text")
    assert isinstance(second, InputError) and "item 2" in str(second) and "no text" in str(second)


def test_feeds_an_rss_091_file_with_its_doctype_is_a_feed() -> None:
    """RSS 0.91 files open with Netscape's DOCTYPE: still a feed, not a page."""
    from newsgraph.sources.detect import detect_format

    head = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
        b'0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">'
        b"<channel><title>T</title></channel></rss>"
    )
    assert detect_format(head, "old.xml") == "feed"
    assert detect_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "p.html") == "html"
