"""HTML pages: main text and metadata through trafilatura.

trafilatura finds the main text and the page's metadata (title, author, date,
site name, canonical URL); the body it returns then goes through the same
rules as a text scrape (``structure.parse_scrape``). Dates come from the page's
markup and URL only (htmldate without its "extensive" search of the page
text, whose last resort is January 1 of the copyright year); a "Published"
stamp in the text is read by the scrape rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

import trafilatura
from trafilatura.settings import Document

_META_TAG = re.compile(r"<meta\b[^<>]{0,2000}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SECTION_KEYS = frozenset({"article:section", "section", "og:section"})
_HEAD_LIMIT = 200_000


def meta_section(html: str) -> str | None:
    """The page's ``article:section`` meta tag, if any."""
    for tag in _META_TAG.finditer(html, 0, _HEAD_LIMIT):
        attributes = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTRIBUTE.finditer(tag.group(0))
        }
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        if key in _SECTION_KEYS and attributes.get("content", "").strip():
            return unescape(attributes["content"]).strip()[:80]
    return None


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

    @classmethod
    def empty(cls) -> Page:
        return cls("", None, None, None, None, None, None, None)


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
    date = doc.date
    section = meta_section(html)
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


_JSON_LD_OPEN = re.compile(
    r"""<script\b[^<>]{0,500}type\s*=\s*["']?application/ld\+json["']?[^<>]{0,500}>""",
    re.IGNORECASE,
)


def _json_ld_blocks(html: str) -> Iterator[str]:
    position = 0
    lower = html.lower()
    while match := _JSON_LD_OPEN.search(html, position):
        end = lower.find("</script", match.end())
        if end < 0:
            return
        yield html[match.end() : end]
        position = end


def _article_bodies(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > 20:  # schema.org graphs are shallow; deeper is not an article's metadata
        return
    if isinstance(node, dict):
        body = node.get("articleBody")
        if isinstance(body, str):
            yield body
        for value in node.values():
            yield from _article_bodies(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _article_bodies(item, depth + 1)


def json_ld_body(html: str) -> str | None:
    """The longest schema.org ``articleBody`` in the page's JSON-LD, as plain
    text with one paragraph a line; None when the page has none."""
    bodies: list[str] = []
    for block in _json_ld_blocks(html):
        try:
            data = json.loads(block, strict=False)
        except (ValueError, RecursionError):  # broken, or nested to exhaust the stack
            continue
        bodies.extend(_article_bodies(data))
    if not bodies:
        return None
    body = max(bodies, key=len)
    if "<" in body:  # some sites put markup in it
        body = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n", body)
        body = re.sub(r"<[^>]+>", " ", body)
    return unescape(body).strip() or None
