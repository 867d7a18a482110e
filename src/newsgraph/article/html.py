"""HTML pages: main text and metadata through trafilatura.

trafilatura finds the main text and the page's metadata (title, author, date,
site name, canonical URL); the body it returns then goes through the same
rules as a text scrape (``structure.parse_scrape``). Dates come from the page's
markup and URL only: trafilatura's "extensive" date search, which may fall
back to a copyright year, is switched off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

_SECTION = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:article:section|section|og:section)["'][^>]*?"""
    r"""content\s*=\s*["']([^"'<>]{1,80})["']"""
    r"""|<meta\s[^>]*?content\s*=\s*["']([^"'<>]{1,80})["'][^>]*?"""
    r"""(?:property|name)\s*=\s*["'](?:article:section|section|og:section)["']""",
    re.IGNORECASE,
)
EXTRACT_OPTIONS = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None
    section: str | None
    description: str | None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of an HTML page; None when it has no text."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        **EXTRACT_OPTIONS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    match = _SECTION.search(html[:200_000])
    section = (match.group(1) or match.group(2)).strip() if match else None
    if not section and doc.categories:
        section = doc.categories[0]
    return Page(
        text=doc.text,
        title=doc.title or None,
        author=doc.author or None,
        date=doc.date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        section=section or None,
        description=doc.description or None,
    )
