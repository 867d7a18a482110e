"""RawDocument -> Article: the one entry point of the article stage."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from newsgraph.article.byline import clean_authors
from newsgraph.article.dates import parse_date
from newsgraph.article.html import Page, extract_page, json_ld_body
from newsgraph.article.language import detect_language, not_an_article
from newsgraph.article.outlets import canonical_outlet
from newsgraph.article.structure import Scrape, parse_scrape
from newsgraph.article.text import has_text, word_count
from newsgraph.errors import (
    InputError,
    NewsgraphError,
    NoArticleError,
    NotArticleError,
    internal_error,
)
from newsgraph.model import Article, RawDocument
from newsgraph.model.safe import plausible_date, printable
from newsgraph.sources import DEFAULT_MAX_BYTES, read_documents

log = logging.getLogger("newsgraph")


def _published(raw: RawDocument, *fallbacks: dt.date | str | None) -> dt.date | None:
    """The input's own date (warning when it is not one), else the first
    fallback that is a date. A date outside the years 1-9998 is no date."""
    if raw.published:
        parsed = parse_date(raw.published)
        if parsed is not None and plausible_date(parsed):
            return parsed
        why = "is not a date" if parsed is None else "is outside the years 1-9998"
        log.warning("%s: published value %r %s; ignored", raw.where, raw.published, why)
    for value in fallbacks:
        if isinstance(value, str):
            value = parse_date(value)
        if value is not None and plausible_date(value):
            return value
    return None


def _printable(raw: RawDocument) -> RawDocument:
    """``raw`` with control characters and lone surrogates out of its text
    and metadata (one character for one: offsets do not move)."""
    fields = ("content", "url", "title", "published", "outlet", "section")
    update: dict[str, object] = {
        name: printable(value)
        for name in fields
        if isinstance(value := getattr(raw, name), str) and printable(value) != value
    }
    authors = [printable(a) for a in raw.authors]
    if authors != raw.authors:
        update["authors"] = authors
    return raw.model_copy(update=update) if update else raw


_MIN_PAGE_WORDS = 50


def _words(scrape: Scrape) -> int:
    return sum(word_count(p) for p in scrape.paragraphs)


def _scrape_page(page: Page | None, title: str | None) -> Scrape | None:
    if page is None:
        return None
    return parse_scrape(page.text, known_title=title or page.title, unwrap=False)


def _read_page(raw: RawDocument) -> tuple[Page, Scrape]:
    """The page's main text and metadata, sorted by the scrape rules. When the
    default mode finds little (a caption, a teaser), recall mode is tried."""
    page = extract_page(raw.content, raw.url)
    scrape = _scrape_page(page, raw.title)
    if scrape is None or _words(scrape) < _MIN_PAGE_WORDS:
        retry = extract_page(raw.content, raw.url, favor_recall=True)
        second = _scrape_page(retry, raw.title)
        if second is not None and _words(second) > (_words(scrape) if scrape else 0):
            page, scrape = retry, second
    if scrape is None or _words(scrape) < _MIN_PAGE_WORDS:
        # the page's own schema.org articleBody, where its markup defeats extraction
        body = json_ld_body(raw.content)
        if body and word_count(body) > (_words(scrape) if scrape else 0):
            page = replace(page or Page.empty(), text=body)
            scrape = _scrape_page(page, raw.title)
    if page is None or scrape is None:
        raise NoArticleError(raw.where, "no article text found in this HTML page")
    return page, scrape


def build_article(raw: RawDocument, *, default_date: dt.date | None = None) -> Article:
    """The clean article in ``raw``.

    Metadata the input carries (a JSON record's fields, then the HTML page's
    own) wins over what the text says; ``default_date`` is used only when
    neither gives a publication date. Raises NoArticleError when no body text
    is left.
    """
    raw = _printable(raw)
    if raw.location is None and not raw.explicit:  # a whole file: what it is may show
        why = not_an_article(raw.source, raw.content if raw.format == "text" else "")
        if why:
            raise NotArticleError(raw.where, f"not an article ({why}); refused")
    page: Page | None = None
    if raw.format == "html":
        page, scrape = _read_page(raw)
    else:
        scrape = parse_scrape(raw.content, known_title=raw.title)
    if not has_text(scrape.paragraphs):
        if not (raw.explicit and raw.content.strip()):
            raise NoArticleError(
                raw.where, "no article text left after removing headline and boilerplate"
            )
        # a text given as article text, however short ("Obama met Netanyahu"): all of it
        scrape.paragraphs = [" ".join(p.split()) for p in raw.content.split("\n\n") if p.strip()]
        if scrape.headline and " ".join(scrape.headline.split()) in scrape.paragraphs:
            scrape.headline = raw.title

    page_authors = clean_authors(page.author) if page and page.author else []
    authors = clean_authors(raw.authors) or page_authors or scrape.authors
    outlet = raw.outlet or (page.sitename if page else None) or scrape.outlet
    return Article(
        url=raw.url or (page.url if page else None),
        source=raw.where,
        outlet=canonical_outlet(outlet) if outlet else None,
        section=raw.section or (page.section if page else None) or scrape.section,
        headline=scrape.headline,
        description=(page.description if page else None) or scrape.description,
        authors=authors,
        dateline=scrape.dateline,
        published=_published(raw, page.date if page else None, scrape.published, default_date),
        copyright=scrape.copyright,
        paragraphs=scrape.paragraphs,
        language=detect_language(
            "\n".join([scrape.headline or "", *scrape.paragraphs[:20]]).strip()
        ),
    )


def parse_paths(
    paths: Iterable[str],
    *,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    default_date: dt.date | None = None,
) -> Iterator[Article | InputError]:
    """Read and clean every article in ``paths``, lazily; an input that fails
    comes back as its InputError, in its place, and the others go on."""
    for item in read_documents(paths, input_format=input_format, max_bytes=max_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield build_article(item, default_date=default_date)
        except InputError as exc:
            yield exc
        except NewsgraphError:
            raise  # a broken data file or setup: every article would fail the same way
        except Exception as exc:  # a bug on one article must not stop the batch
            log.debug("failed on %s", item.where, exc_info=True)
            yield InputError(item.where, internal_error("parsing", exc))
