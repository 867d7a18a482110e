"""The structure of a scraped article: header, byline, body, trailer.

A scrape is a list of units (lines, or paragraphs of hard-wrapped text). The
header holds an optional section label, the headline, stamps and sometimes a
teaser that repeats the lede; then a byline (maybe split over several lines);
then the body; then trailers (credits, copyright, links to other stories).
``parse_scrape`` sorts the units into those parts and reads what each says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.article import boilerplate, byline
from newsgraph.article.dateline import find_dateline
from newsgraph.article.dates import find_date
from newsgraph.article.outlets import find_outlet, outlet_of_credit
from newsgraph.article.text import (
    ends_sentence,
    mark_indented_paragraphs,
    normalize,
    split_units,
    squash,
    word_count,
)

_MAX_BYLINE_POSITION = 15
_SECTION_MAX_WORDS = 3
_HEADLINE_MAX_WORDS = 25
_QUESTION = re.compile(r"""[?!]["'”’»)\]]*$""")
_UPDATED = re.compile(r"(?i)\s*(updated|last updated|last modified|modified)\b")
_PUBLISHED = re.compile(r"(?i)\b(published|posted|first published)\b\s*:?\s*(on\s+)?")
_CAPTION_TOGGLE = re.compile(r"(?i)\s*(hide|toggle) caption\s*")
_SOURCE = re.compile(r"(?i)\s*source\s*:")
_RIGHTS = re.compile(r"(?i)\ball rights reserved\b\.?")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.\s+(?=[A-Z][a-z])")


@dataclass
class Scrape:
    """What ``parse_scrape`` found; every field may be empty."""

    section: str | None = None
    headline: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None
    published: dt.date | None = None
    copyright: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@lru_cache(maxsize=65_536)
def _is_prose(unit: str) -> bool:
    """Body text rather than a headline: a dateline, or a sentence of eight
    words or more; a short question or exclamation reads as a headline."""
    if find_dateline(unit) is not None:
        return True
    words = word_count(unit)
    if words < 8 or not ends_sentence(unit):
        return False
    return words > _HEADLINE_MAX_WORDS or not _QUESTION.search(unit)


def _find_byline(units: list[str]) -> tuple[int, int] | None:
    """(start, end) of the byline block, or None."""
    limit = min(len(units), _MAX_BYLINE_POSITION)
    for i in range(limit):
        unit = units[i]
        after_headline = i >= 2 or (i == 1 and word_count(units[0]) > _SECTION_MAX_WORDS)
        header_only = not any(_is_prose(u) for u in units[:i])
        credit = after_headline and header_only and i < 8 and byline.is_credit_line(unit)
        if byline.starts_byline(unit) or credit:
            end = i + 1
            bare = unit.strip().casefold() in {"by", "by:"}
            if bare and end < len(units) and byline.is_credit_text(units[end].strip()):
                end += 1  # "By" alone, then "Josh Boak and Lisa Mascaro" on a line of its own
            while end < len(units) and byline.is_byline_fragment(units[end]):
                end += 1
            return i, end
        if _is_prose(unit) and i > 0 and _is_prose(units[i - 1]):
            return None  # two paragraphs of text: the body has begun
    return None


def _read_stamps(units: list[str]) -> dt.date | None:
    """The publication date the stamps give: a "Published"/"Posted" date,
    else a bare date line; never an "Updated" one."""
    published = bare = None
    for unit in units:
        if boilerplate.classify(unit) != "stamp":
            continue
        labelled = _PUBLISHED.search(unit)
        if labelled:
            published = published or find_date(unit[labelled.end() :])
        elif not _UPDATED.match(unit):
            bare = bare or find_date(unit)
    return published or bare


def _split_titles(titles: list[str], known_title: str | None, scrape: Scrape) -> None:
    """Section label, headline and deck from the title-like header lines."""
    titles = list(titles)
    if known_title:
        titles = [t for t in titles if squash(t) != squash(known_title)]
        scrape.headline = known_title
        if titles and word_count(titles[0]) <= _SECTION_MAX_WORDS:
            scrape.section = titles.pop(0)
        scrape.description = " ".join(titles) or None
        return
    if len(titles) >= 2 and word_count(titles[0]) <= _SECTION_MAX_WORDS:
        scrape.section = titles.pop(0)
    if titles:
        scrape.headline = titles.pop(0)
    scrape.description = " ".join(titles) or None


def _cut_related(units: list[str]) -> list[str]:
    """Drop each "Read more:" / "Related" / "Keep reading" heading and the
    link headlines after it, up to the next paragraph of text; boilerplate
    among them (a copyright line) stays to be read."""
    kept: list[str] = []
    in_links = False
    for unit in units:
        kind = boilerplate.classify(unit)
        if kind == "related":
            in_links = True
        elif kind is not None:
            kept.append(unit)
        elif in_links and not _is_prose(unit):
            continue
        else:
            in_links = False
            kept.append(unit)
    return kept


def copyright_notice(line: str) -> str:
    """The notice itself: up to "All rights reserved.", else its first sentence."""
    rights = _RIGHTS.search(line)
    if rights:
        return line[: rights.end()].strip()
    end = _SENTENCE_END.search(line)
    return line[: end.start() + 1] if end else line


def _drop_duplicates(paragraphs: list[str]) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and squash(kept[-1]) == squash(paragraph):
            continue
        kept.append(paragraph)
    return kept


def _is_repeat(teaser: str, body: list[str]) -> bool:
    """Whether a header paragraph repeats one of the first body paragraphs
    (maybe truncated with "…", maybe without the body's dateline)."""
    key = squash(teaser)
    if not key:
        return True
    for paragraph in body[:3]:
        dateline = find_dateline(paragraph)
        others = [squash(paragraph)]
        if dateline:
            others.append(squash(paragraph[dateline.end :]))
        for other in others:
            if other == key:
                return True
            if min(len(key), len(other)) > 40 and (other.startswith(key) or key.startswith(other)):
                return True
    return False


@dataclass
class _Body:
    paragraphs: list[str] = field(default_factory=list)
    copyright: str | None = None
    reporters: list[str] = field(default_factory=list)
    outlet: str | None = None


def _split(units: list[str], known_title: str | None) -> tuple[list[str], list[str], str]:
    """(header units, body units, byline text) of a scrape."""
    block = _find_byline(units)
    if block:
        return units[: block[0]], units[block[1] :], "\n".join(units[block[0] : block[1]])
    first_prose = next((i for i, u in enumerate(units) if _is_prose(u)), len(units))
    start = first_prose
    if known_title:  # the input named its title: only lines repeating it are header
        start = next((i for i, u in enumerate(units) if squash(u) != squash(known_title)), 0)
        start = min(start, first_prose)
    return units[:start], units[start:], ""


def _read_body(units: list[str], known_title: str | None) -> _Body:
    """Body paragraphs, and what the trailer says (copyright, reporters, outlet)."""
    body = _Body()
    units = _cut_related(units)
    last_kept = -1
    for i, unit in enumerate(units):
        kind = boilerplate.classify(unit)
        if kind == "caption" and _CAPTION_TOGGLE.fullmatch(unit):
            j = i - 1
            while j >= 0 and boilerplate.classify(units[j]) == "caption":
                j -= 1
            if j == last_kept and body.paragraphs:  # the caption text before "hide caption"
                body.paragraphs.pop()
                last_kept = -1
        if kind == "copyright":
            body.copyright = body.copyright or copyright_notice(unit)
            body.outlet = body.outlet or find_outlet(unit)
        elif kind == "trailer":
            body.reporters.extend(
                n for n in byline.reporting_authors(unit) if n not in body.reporters
            )
            body.outlet = body.outlet or outlet_of_credit(unit)
            if _SOURCE.match(unit):
                body.outlet = body.outlet or find_outlet(unit)
        elif kind is None and not (known_title and squash(unit) == squash(known_title)):
            body.paragraphs.append(unit)
            last_kept = i
    return body


def parse_scrape(text: str, *, known_title: str | None = None, unwrap: bool = True) -> Scrape:
    """Sort a scraped article's text into header, byline, body and trailer.

    ``known_title``: the headline from the input's metadata, if any; then only
    header lines repeating it are taken out of the body. ``unwrap``: join the
    lines of hard-wrapped text (off for text whose lines are paragraphs).
    """
    if unwrap:
        text = mark_indented_paragraphs(text)
    units = split_units(normalize(text), unwrap=unwrap)
    scrape = Scrape()
    header, body_units, byline_text = _split(units, known_title)
    if byline_text:
        scrape.authors, scrape.outlet = byline.parse_byline(byline_text)

    titles: list[str] = []
    teasers: list[str] = []
    for unit in header:
        if not boilerplate.classify(unit):
            (teasers if _is_prose(unit) else titles).append(unit)
    _split_titles(titles, known_title, scrape)

    body = _read_body(body_units, known_title)
    paragraphs = [t for t in teasers if not _is_repeat(t, body.paragraphs)] + body.paragraphs
    if not paragraphs and titles and not byline_text:  # a short text, not a title
        paragraphs = titles if len(titles) == 1 or known_title else titles[1:]
        scrape.headline = known_title or (titles[0] if len(titles) > 1 else None)
        scrape.section = scrape.description = None
    scrape.paragraphs = _drop_duplicates(paragraphs)
    scrape.copyright = body.copyright
    if scrape.description and _is_repeat(scrape.description, scrape.paragraphs):
        scrape.description = None

    dateline = find_dateline(scrape.paragraphs[0]) if scrape.paragraphs else None
    scrape.dateline = dateline.place if dateline else None
    if not scrape.authors:
        scrape.authors = body.reporters or (
            byline.leading_byline(scrape.paragraphs[0]) if scrape.paragraphs else []
        )
    scrape.outlet = scrape.outlet or (dateline.outlet if dateline else None) or body.outlet
    # stamps stand above the text: read them up to the first body paragraph
    body_start = len(units) - len(body_units)
    first_text = next((i for i, u in enumerate(body_units) if _is_prose(u)), len(body_units))
    scrape.published = (
        _read_stamps(units[: body_start + first_text])
        or (dateline.date if dateline else None)
        or (find_date(byline_text) if byline_text else None)
    )
    return scrape
