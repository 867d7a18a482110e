"""How the CLI prints records: JSON, JSON Lines, readable text."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Iterator
from typing import TextIO

from newsgraph.model import Article


def write_json(articles: Iterable[Article], out: TextIO) -> int:
    """One article as a JSON object; several as a JSON array, streamed."""
    iterator = iter(articles)
    first = next(iterator, None)
    if first is None:
        out.write("[]\n")
        return 0
    second = next(iterator, None)
    if second is None:
        out.write(first.to_json(indent=2) + "\n")
        return 1
    out.write("[\n" + _indent(first.to_json(indent=2)))
    count = 1
    for article in itertools.chain([second], iterator):
        out.write(",\n" + _indent(article.to_json(indent=2)))
        count += 1
    out.write("\n]\n")
    return count


def _indent(text: str) -> str:
    return textwrap.indent(text, "  ")


def write_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    count = 0
    for article in articles:
        out.write(article.to_json() + "\n")
        count += 1
    return count


def text_lines(article: Article, width: int = 88) -> Iterator[str]:
    """A readable summary of one article."""
    title = article.headline or "(no headline)"
    yield "═" * min(width, max(len(title), 20))
    yield title
    yield "═" * min(width, max(len(title), 20))
    fields = [
        ("section", article.section),
        ("authors", ", ".join(article.authors) or None),
        ("outlet", article.outlet),
        ("dateline", article.dateline),
        ("published", article.published.isoformat() if article.published else None),
        ("url", article.url),
        ("source", article.source),
        ("copyright", article.copyright),
        ("paragraphs", str(len(article.paragraphs))),
    ]
    for name, value in fields:
        yield f"{name + ':':<12}{value if value is not None else '—'}"
    for paragraph in article.paragraphs:
        yield ""
        yield from textwrap.wrap(
            paragraph, width=width, initial_indent="  ", subsequent_indent="  "
        )
    yield ""


def write_text(articles: Iterable[Article], out: TextIO) -> int:
    count = 0
    for article in articles:
        out.write("\n".join(text_lines(article)) + "\n")
        count += 1
    return count


WRITERS = {"json": write_json, "jsonl": write_jsonl, "text": write_text}
