"""Pages of results: the ``page`` parameter read leniently (anything but a
positive number is page 1) and the links to the neighbouring pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PER_PAGE = 20
MAX_PAGE = 10_000


def page_number(value: str | None) -> int:
    """``page=`` as a number from 1 (missing, zero, negative or not a
    number: 1; huge: capped)."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > 9:
        return MAX_PAGE
    return min(max(1, int(text)), MAX_PAGE)


@dataclass
class Pager:
    """Page ``page`` of ``total`` items, ``per_page`` a page; ``link(n)``
    is the URL of page n."""

    page: int
    total: int
    link: Callable[[int], str]
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def beyond(self) -> bool:
        """Asked for a page after the last one."""
        return self.page > self.last

    @property
    def first_item(self) -> int:
        return self.offset + 1

    @property
    def last_item(self) -> int:
        return min(self.total, self.offset + self.per_page)

    @property
    def previous(self) -> str | None:
        return self.link(min(self.page, self.last + 1) - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.page + 1) if self.page < self.last else None
