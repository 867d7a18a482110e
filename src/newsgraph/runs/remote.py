"""URLs as inputs: pages, feeds and sitemaps fetched politely
(``monitor.fetch``), parsed by the HTML path, for ``parse``, ``analyze``,
``ingest`` (through ``read_articles``) and ``watch``.

A page's URL gives that page. A feed's or sitemap's URL gives the pages its
items link to (a sitemap index: the pages of its sitemaps), each with the
item's own fields (title, date, authors, summary) filling what the page
lacks (``with_feed_fields``). Every article's URL is the item's canonical
URL (``monitor.urls``), which is its key in the knowledge base. A URL that
can't be fetched or read is a ``Failure`` in its place; the others go on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsgraph.article import build_article, parse_paths
from newsgraph.article.dates import parse_date
from newsgraph.errors import InputError, NewsgraphError, internal_error
from newsgraph.model import Article, RawDocument
from newsgraph.monitor.urls import canonical_url, is_url
from newsgraph.runs.analyse import Failure
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.sources.decode import GZIP_MAGIC, decode
from newsgraph.sources.feeds import FeedEntry, Listing, listing_kind, parse_listing

if TYPE_CHECKING:
    from newsgraph.monitor.fetch import Fetched, Fetcher

__all__ = ["MAX_SITEMAPS", "page_article", "parse_inputs", "read_listing", "read_url"]

log = logging.getLogger("newsgraph")

MAX_SITEMAPS = 50
"""Sitemaps of one sitemap index that are read."""


def is_listing(answer: Fetched) -> bool:
    """Whether a fetched answer is a feed or sitemap (by content, not by name)."""
    if answer.content.startswith(GZIP_MAGIC):
        return True
    return listing_kind(answer.content[:8192].decode("utf-8", errors="replace")) is not None


def read_listing(fetcher: Fetcher, answer: Fetched, source: str) -> Listing:
    """The entries of a fetched feed or sitemap; a sitemap index's sitemaps
    are fetched and their entries gathered (a failing one is logged and
    skipped). InputError when the answer is not a listing."""
    listing = parse_listing(answer.content, source, max_bytes=fetcher.max_bytes)
    if listing.kind != "sitemapindex":
        return listing
    gathered = Listing("sitemap")
    for child in listing.sitemaps[:MAX_SITEMAPS]:
        url = canonical_url(child, base=answer.url)
        if url is None:
            continue
        try:
            part = parse_listing(fetcher.get(url).content, url, max_bytes=fetcher.max_bytes)
        except InputError as exc:
            log.warning("%s", exc)
            continue
        gathered.entries.extend(part.entries)
    return gathered


def with_feed_fields(
    article: Article,
    entry: FeedEntry | None,
    *,
    outlet: str | None = None,
    language: str | None = None,
    default_date: dt.date | None = None,
) -> Article:
    """The article with what its feed item (and its source) knew, where the
    page said nothing: headline, authors, date, outlet, description,
    language; ``default_date`` last."""
    updates: dict[str, object] = {}
    if entry is not None:
        if not article.headline and entry.title:
            updates["headline"] = entry.title
        if not article.authors and entry.authors:
            updates["authors"] = list(entry.authors)
        if article.published is None and entry.published:
            updates["published"] = parse_date(entry.published)
        if not article.description and entry.summary:
            updates["description"] = entry.summary[:1000]
        outlet = outlet or entry.outlet
    if not article.outlet and outlet:
        updates["outlet"] = outlet
    if not article.language and language:
        updates["language"] = language
    if article.published is None and not updates.get("published") and default_date:
        updates["published"] = default_date
    return article.model_copy(update=updates) if updates else article


def page_document(answer: Fetched, url: str) -> RawDocument:
    """A fetched page as a document: HTML (or plain text when served as
    such), its URL the canonical one."""
    text, encoding = decode(answer.content, url, declared=answer.charset)
    return RawDocument(
        source=url,
        format="text" if answer.media_type == "text/plain" else "html",
        content=text,
        encoding=encoding,
        url=url,
        fetched=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def page_article(
    fetcher: Fetcher,
    url: str,
    *,
    entry: FeedEntry | None = None,
    outlet: str | None = None,
    language: str | None = None,
    default_date: dt.date | None = None,
    answer: Fetched | None = None,
) -> Article | Failure:
    """The article at ``url`` (a canonical URL), or the Failure in its place."""
    try:
        answer = answer or fetcher.get(url)
        article = build_article(page_document(answer, url))
    except InputError as exc:
        return Failure.from_input_error(exc)
    except NewsgraphError:
        raise  # a broken data file or setup: every page would fail the same way
    except Exception as exc:  # a bug on one page must not stop the others
        log.debug("failed on %s", url, exc_info=True)
        return Failure(url, internal_error("parsing", exc), "read", source=url)
    return with_feed_fields(
        article, entry, outlet=outlet, language=language, default_date=default_date
    )


def read_url(
    fetcher: Fetcher, url: str, *, default_date: dt.date | None = None
) -> Iterator[Article | Failure]:
    """The articles of one URL: the page, or the pages a feed or sitemap
    links to (see the module docstring)."""
    canonical = canonical_url(url)
    if canonical is None:
        yield Failure(url, "not an http(s) URL", "read", source=url)
        return
    try:
        answer = fetcher.get(canonical)
        if not is_listing(answer):
            yield page_article(fetcher, canonical, answer=answer, default_date=default_date)
            return
        listing = read_listing(fetcher, answer, url)
    except InputError as exc:
        yield Failure.from_input_error(exc)
        return
    if not listing.entries:
        yield Failure(url, f"the {listing.kind} lists no items", "read", source=url)
    for number, entry in enumerate(listing.entries, 1):
        item_url = canonical_url(entry.url or "", base=answer.url)
        if item_url is None:
            where = f"{url} (item {number})"
            yield Failure(where, f"item link {entry.url!r} is not an http(s) URL", "read")
            continue
        yield page_article(fetcher, item_url, entry=entry, default_date=default_date)


def parse_inputs(
    paths: Iterable[str],
    *,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    default_date: dt.date | None = None,
) -> Iterator[Article | InputError | Failure]:
    """``article.parse_paths`` for local inputs, ``read_url`` for http(s)
    URLs (one polite fetcher for all of them), in the order given."""
    fetcher: Fetcher | None = None
    local: list[str] = []
    try:
        for path in paths:
            if not is_url(path):
                local.append(path)
                continue
            if local:
                yield from parse_paths(
                    local, input_format=input_format, max_bytes=max_bytes, default_date=default_date
                )
                local = []
            if fetcher is None:
                from newsgraph.monitor.fetch import Fetcher

                fetcher = Fetcher(max_bytes=max_bytes)
            yield from read_url(fetcher, path, default_date=default_date)
        if local:
            yield from parse_paths(
                local, input_format=input_format, max_bytes=max_bytes, default_date=default_date
            )
    finally:
        if fetcher is not None:
            fetcher.close()
