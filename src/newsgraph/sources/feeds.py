"""Feeds and sitemaps: RSS 0.9x/1.0/2.0 and Atom (feedparser), news sitemaps
and sitemap indexes (lxml, with entities and network access off).

``parse_listing`` turns a feed's or sitemap's bytes into a ``Listing``: its
entries (link, title, date, authors, summary and content as plain text) and,
for a sitemap index, the sitemaps it lists. ``read_feed`` gives the items of
a feed *file* as documents (the item's content, else its summary, is the
article text; its title, link, date and authors are the metadata), for
``parse``, ``analyze`` and ``ingest``. Following the links (fetching the
pages) is ``runs.remote``'s and ``runs.watch``'s business: nothing here
touches the network (feedparser is only ever handed bytes).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from lxml import etree
from lxml import html as lxml_html

from newsgraph.errors import InputError, InputTooLargeError
from newsgraph.model import RawDocument
from newsgraph.sources.decode import GZIP_MAGIC

__all__ = [
    "FeedEntry",
    "Listing",
    "listing_kind",
    "parse_listing",
    "read_feed",
]

ListingKind = Literal["feed", "sitemap", "sitemapindex"]

_FEED = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_SITEMAP = re.compile(r"<((?:\w+:)?urlset|(?:\w+:)?sitemapindex)\b", re.IGNORECASE)
_PROLOG = re.compile(
    r"<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|<\?xml-stylesheet[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed or sitemap; ``published`` is an ISO date."""

    url: str | None
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    content: str | None = None
    outlet: str | None = None


@dataclass
class Listing:
    """What a feed or sitemap lists."""

    kind: ListingKind
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def listing_kind(head: str) -> ListingKind | None:
    """Whether text that starts with ``head`` is a feed or a sitemap (None:
    neither)."""
    prolog = _PROLOG.sub("", head.lstrip("\ufeff")[:4096]).lstrip()
    if _FEED.match(prolog):
        return "feed"
    found = _SITEMAP.match(prolog)
    if found:
        return "sitemapindex" if found.group(1).lower().endswith("sitemapindex") else "sitemap"
    return None


def _plain(markup: str | None) -> str | None:
    """Feed HTML (a summary, content:encoded) as plain text, paragraphs kept."""
    if not markup or not markup.strip():
        return None
    if "<" not in markup:
        return " ".join(markup.split())
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(re.sub(r"<[^>]+>", " ", markup).split()) or None
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p) or None


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (AttributeError, ValueError):
        return None


_MAIL_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")  # RSS: "desk@example.com (Jane Roe)"
_NAME_MAIL = re.compile(r"^(.+?)\s*<\S+@\S+>$")  # "Jane Roe <desk@example.com>"


def _author_name(value: str) -> str | None:
    value = " ".join(value.split())
    for pattern in (_MAIL_NAME, _NAME_MAIL):
        found = pattern.match(value)
        if found:
            return found.group(1).strip() or None
    return value if value and "@" not in value else None


def _authors(entry: Any) -> tuple[str, ...]:
    """The item's authors' names (e-mail addresses left out). The raw
    ``author`` text is read here: feedparser cuts "desk@example.com (Name)"
    at the wrong place."""
    names: list[str] = []
    raw = entry.get("author")
    candidates: list[Any] = [raw] if isinstance(raw, str) else []
    if len(entry.get("authors") or []) > 1 or not candidates:
        candidates += [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
    for candidate in candidates:
        name = _author_name(candidate) if isinstance(candidate, str) else None
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _parse_feed(data: bytes, source: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(data)  # bytes: never fetched, never read as a path
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise InputError(source, f"not a readable RSS or Atom feed ({problem or 'no items'})")
    entries = []
    for entry in parsed.entries:
        content = None
        for part in entry.get("content") or []:
            content = _plain(part.get("value")) or content
        entries.append(
            FeedEntry(
                url=(entry.get("link") or entry.get("id") or None),
                title=" ".join((entry.get("title") or "").split()) or None,
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                authors=_authors(entry),
                summary=_plain(entry.get("summary")),
                content=content,
            )
        )
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Listing("feed", title=title or None, entries=entries)


def _xml(data: bytes, source: str) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(source, f"not a readable sitemap: {exc}") from None


def _text(node: Any, path: str) -> str | None:
    found = node.find(path, {"s": SITEMAP_NS, "n": NEWS_NS})
    value = found.text if found is not None else None
    return " ".join(value.split()) if value and value.strip() else None


def _parse_sitemap(data: bytes, source: str) -> Listing:
    root = _xml(data, source)
    local = etree.QName(root).localname
    if local == "sitemapindex":
        locations = [_text(s, "s:loc") or _text(s, "loc") for s in root]
        return Listing("sitemapindex", sitemaps=[u for u in locations if u])
    entries = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "url":
            continue
        url = _text(node, "s:loc") or _text(node, "loc")
        news = node.find("n:news", {"n": NEWS_NS})
        title = published = outlet = None
        if news is not None:
            title = _text(news, "n:title")
            published = _text(news, "n:publication_date")
            outlet = _text(news, "n:publication/n:name")
        published = published or _text(node, "s:lastmod")
        entries.append(
            FeedEntry(
                url=url,
                title=title,
                published=published[:10] if published else None,
                outlet=outlet,
            )
        )
    return Listing("sitemap", entries=entries)


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    try:
        out = gzip.GzipFile(fileobj=io.BytesIO(data)).read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source, f"broken gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise InputTooLargeError(source, f"unzipped over the limit of {max_bytes:,} bytes")
    return out


def parse_listing(data: bytes, source: str, *, max_bytes: int = 50_000_000) -> Listing:
    """The entries of a feed or sitemap (gzip-compressed or not); InputError
    naming ``source`` when it is neither or can't be read."""
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data, source, max_bytes)
    kind = listing_kind(data[:8192].decode("utf-8", errors="replace"))
    if kind is None:
        raise InputError(source, "not an RSS/Atom feed or a sitemap")
    if kind == "feed":
        return _parse_feed(data, source)
    return _parse_sitemap(data, source)


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    """The items of a feed file as documents: the item's content (else its
    summary) as the text, its title, link, date and authors as metadata. An
    item without text is an InputError in its place."""
    try:
        listing = parse_listing(data, source)
    except InputError as exc:
        yield exc
        return
    if listing.kind != "feed":
        yield InputError(
            source,
            "a sitemap lists pages without their text; give its URL to `newsgraph ingest` "
            "or `newsgraph watch` to fetch them",
        )
        return
    if not listing.entries:
        yield InputError(source, "the feed has no items")
        return
    for number, entry in enumerate(listing.entries, 1):
        where = f"item {number}"
        body = entry.content or entry.summary
        if not body:
            yield InputError(
                f"{source} ({where})",
                "feed item has no text (no content or summary); fetch its page with its URL",
            )
            continue
        yield RawDocument(
            source=source,
            location=where,
            format="text",
            content=body,
            encoding="utf-8",
            url=entry.url,
            title=entry.title,
            published=entry.published,
            authors=list(entry.authors),
            explicit=True,
        )
