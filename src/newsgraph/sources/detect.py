"""Tell an input's format from its first bytes."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

Format = Literal["text", "html", "jsonl", "json", "warc", "feed"]
FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl", "json", "warc", "feed")

_FEED = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_SITEMAP = re.compile(r"<(\w+:)?(urlset|sitemapindex)\b", re.IGNORECASE)
_HTML = re.compile(
    r"<(!doctype\s+html|html|head|body|article|main|div|p|section|h1)\b", re.IGNORECASE
)


def sample_text(head: bytes) -> str:
    """The first bytes decoded leniently, for sniffing only."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def detect_format(head: bytes, source: str) -> Format:
    """The format of an input whose first bytes are ``head``.

    WARC for a web archive ("WARC/1." once gunzipped), JSON Lines when the
    first line is a JSON object, JSON for an array or a multi-line object,
    ``feed`` for an RSS/Atom feed or a sitemap (``sources.feeds`` reads
    it), HTML for markup, plain text otherwise.
    """
    if head.startswith(b"WARC/1."):
        return "warc"
    text = sample_text(head).lstrip()
    if text.startswith("{"):
        first, newline, _ = text.partition("\n")
        if not newline and len(head) >= 8192:
            return "jsonl"  # a first record longer than the sample
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "json"
        except (ValueError, RecursionError):
            return "json"
    if text.startswith("["):
        return "json"
    if text.startswith("<"):
        prolog = re.sub(
            r"<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE\s+(?:rss|feed|rdf|urlset|sitemapindex)\b[^>]*>",
            "",
            text[:4096],
            flags=re.DOTALL | re.IGNORECASE,
        ).lstrip()
        if _FEED.match(prolog) or _SITEMAP.match(prolog):
            return "feed"
        if _HTML.search(text[:4096]):
            return "html"
    elif len(_HTML.findall(text[:4096])) >= 3:
        return "html"
    return "text"
