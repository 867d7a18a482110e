"""RawDocument -> Article: the one entry point of the article stage."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from newsgraph.article.byline import clean_authors
from newsgraph.article.dates import parse_date
from newsgraph.article.html import extract_page
from newsgraph.article.outlets import canonical_outlet
from newsgraph.article.structure import parse_scrape
from newsgraph.article.text import has_text
from newsgraph.errors import InputError, NoArticleError
from newsgraph.model import Article, RawDocument
from newsgraph.sources import DEFAULT_MAX_BYTES, read_documents

log = logging.getLogger("newsgraph")


def _published(raw: RawDocument, *candidates: dt.date | str | None) -> dt.date | None:
    for value in candidates:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            parsed = parse_date(value)
            if parsed is None and value is raw.published:
                log.warning("%s: published value %r is not a date; ignored", raw.where, value)
            if parsed is not None:
                return parsed
    return None


def build_article(raw: RawDocument, *, default_date: dt.date | None = None) -> Article:
    """The clean article in ``raw``.

    Metadata the input carries (a JSON record's fields, then the HTML page's
    own) wins over what the text says; ``default_date`` is used only when
    neither gives a publication date. Raises NoArticleError when no body text
    is left.
    """
    page = None
    text = raw.content
    if raw.format == "html":
        page = extract_page(raw.content, raw.url)
        if page is None:
            raise NoArticleError(raw.where, "no article text found in this HTML page")
        text = page.text
    scrape = parse_scrape(
        text, known_title=raw.title or (page.title if page else None), unwrap=page is None
    )
    if not has_text(scrape.paragraphs):
        raise NoArticleError(
            raw.where, "no article text left after removing headline and boilerplate"
        )

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
        published=_published(
            raw, raw.published, page.date if page else None, scrape.published, default_date
        ),
        copyright=scrape.copyright,
        paragraphs=scrape.paragraphs,
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
        except Exception as exc:  # a bug on one article must not stop the batch
            log.debug("failed on %s", item.where, exc_info=True)
            yield InputError(
                item.where, f"internal error while parsing: {exc!r} (please report it)"
            )
