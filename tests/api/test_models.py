"""``model.http``'s response models mirror the typed rows of
``store.read``: the same fields in the same order, so that the JSON the API
sends is the rows as they are."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import BaseModel

from newsgraph.model import http
from newsgraph.model.rows import EVENT_COLUMNS
from newsgraph.store import read

MIRRORED = [
    "ArticleBrief",
    "ArticleDetail",
    "ArticleEntity",
    "ArticleEvent",
    "ArticlePage",
    "ArticleQuote",
    "ArticleSummary",
    "ArticleTime",
    "ArticleView",
    "CoMention",
    "EntityBrief",
    "EntityProfile",
    "EventActor",
    "EventItem",
    "MentionSpan",
    "QuoteItem",
    "RoleSpan",
    "SearchHit",
    "StoryCopy",
    "StoryRow",
]


@pytest.mark.parametrize("name", MIRRORED)
def test_http_model_has_the_fields_of_the_read_row(name: str) -> None:
    row = getattr(read, name)
    model: type[BaseModel] = getattr(http, name + "Body")
    assert [f.name for f in dataclasses.fields(row)] == list(model.model_fields)


def test_event_and_quote_rows_have_the_export_columns() -> None:
    assert tuple(f.name for f in dataclasses.fields(read.EventItem)) == EVENT_COLUMNS
    assert tuple(f.name for f in dataclasses.fields(read.QuoteItem)) == read.QUOTE_COLUMNS
