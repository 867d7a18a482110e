"""HTML pages: main text and metadata through trafilatura.

trafilatura finds the main text and the page's metadata (title, author, date,
site name, canonical URL); the body it returns then goes through the same
rules as a text scrape (``structure.parse_scrape``). Dates come from the page's
markup and URL first; htmldate's extensive search of the text runs only when
they give none, and its last resort, January 1 of the copyright year, is
refused: a copyright year is never a publication date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

import trafilatura
from htmldate import find_date
from trafilatura.settings import Document

_SECTION = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:article:section|section|og:section)["'][^>]*?"""
    r"""content\s*=\s*["']([^"'<>]{1,80})["']"""
    r"""|<meta\s[^>]*?content\s*=\s*["']([^"'<>]{1,80})["'][^>]*?"""
    r"""(?:property|name)\s*=\s*["'](?:article:section|section|og:section)["']""",
    re.IGNORECASE,
)
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|&copy;|&#169;|\bcopyright\b)\D{0,20}?(?:\d{4}\s*[-–]\s*)?(\d{4})", re.IGNORECASE
)


def main_text(html: str | bytes) -> str:
    """Plain trafilatura's main text, with the settings its own evaluation uses
    (fallback extractors on, no comments, tables in, no formatting)."""
    return (
        trafilatura.extract(
            html, fast=False, include_comments=False, include_tables=True, include_formatting=False
        )
        or ""
    )


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


def extract_page(html: str, url: str | None = None, *, favor_recall: bool = False) -> Page | None:
    """The main text and metadata of an HTML page; None when it has no text.

    ``favor_recall``: trafilatura's recall mode, for pages whose main text the
    default mode misses (it returned only a caption, say)."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        fast=False,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        favor_recall=favor_recall,
    )
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return None
    date = doc.date or _date_from_text(html)
    match = _SECTION.search(html[:200_000])
    section = (match.group(1) or match.group(2)).strip() if match else None
    if not section and doc.categories:
        section = doc.categories[0]
    return Page(
        text=doc.text or "",
        title=strip_title_suffix(doc.title, doc.sitename, doc.hostname, doc.author),
        author=doc.author or None,
        date=date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        section=section or None,
        description=doc.description or None,
    )


def _date_from_text(html: str) -> str | None:
    """htmldate's extensive search, minus its copyright-year fallback."""
    found = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    if not found:
        return None
    copyright_years = {m.group(1) for m in _COPYRIGHT_YEAR.finditer(html)}
    if found.endswith("-01-01") and found[:4] in copyright_years:
        return None
    return found


_TITLE_SEPARATOR = re.compile(r"(\s+[|–—-]\s+|\s+::\s+|\s*\|\s*)")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


def strip_title_suffix(title: str | None, *names: str | None) -> str | None:
    """A page title without the site name, host or author that pages append
    or prepend ("Headline | Site", "Headline - Stack Overflow Blog")."""
    if not title:
        return None
    keys = {_key(n) for n in names if n}
    keys |= {_key(n.removeprefix("www.").rsplit(".", 1)[0]) for n in names if n and "." in n}
    keys.discard("")
    tokens = _TITLE_SEPARATOR.split(title.strip())  # [part, separator, part, ...]
    while len(tokens) > 1 and _key(tokens[-1]) in keys:
        del tokens[-2:]
    while len(tokens) > 1 and _key(tokens[0]) in keys:
        del tokens[:2]
    return "".join(tokens)


_JSON_LD = re.compile(
    r"""<script[^>]+type\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script>""",
    re.IGNORECASE | re.DOTALL,
)


def _article_bodies(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        body = node.get("articleBody")
        if isinstance(body, str):
            yield body
        for value in node.values():
            yield from _article_bodies(value)
    elif isinstance(node, list):
        for item in node:
            yield from _article_bodies(item)


def json_ld_body(html: str) -> str | None:
    """The longest schema.org ``articleBody`` in the page's JSON-LD, as plain
    text with one paragraph a line; None when the page has none."""
    bodies: list[str] = []
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block, strict=False)
        except ValueError:
            continue
        bodies.extend(_article_bodies(data))
    if not bodies:
        return None
    body = max(bodies, key=len)
    if "<" in body:  # some sites put markup in it
        body = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n", body)
        body = re.sub(r"<[^>]+>", " ", body)
    return unescape(body).strip() or None
