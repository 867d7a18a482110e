"""The data model: plain typed records with JSON (de)serialisation and JSON Schema."""

from newsgraph.model.records import (
    PARAGRAPH_SEPARATOR,
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    RawDocument,
    Record,
    TimeExpression,
    attached_country,
    stable_id,
)
from newsgraph.model.schema import SCHEMAS, json_schema

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "SCHEMAS",
    "Actor",
    "Analysis",
    "Article",
    "Entity",
    "Event",
    "Mention",
    "Quote",
    "RawDocument",
    "Record",
    "TimeExpression",
    "attached_country",
    "json_schema",
    "stable_id",
]
