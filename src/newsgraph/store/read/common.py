"""What the knowledge-base queries share: date bounds, streaming, finding
entities by id, name or alias, and asking whether the database answers."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Engine,
    Select,
    String,
    cast,
    func,
    or_,
    select,
)

from newsgraph.errors import QueryError
from newsgraph.store.schema import (
    EntityRow,
    MentionRow,
)

DateBound = dt.date | str | None


Rows = Select[*tuple[Any, ...]]


YIELD_PER = 1000
"""Rows fetched from the database at a time when streaming."""

MAX_ID = 2**63 - 1
"""The largest id a database integer holds (SQLite's INTEGER, PostgreSQL's
bigint): a larger one names nothing, and is never sent to the database."""

MAX_TEXT = 1000
"""The longest text a query takes as a name, outlet, code or search words."""


def valid_id(number: int) -> bool:
    """Whether ``number`` can be an id (1 to ``MAX_ID``)."""
    return 0 < number <= MAX_ID


def parse_id(text: str) -> int | None:
    """The id written in ``text`` in ASCII digits (not ``²`` or ``٣``, which
    ``str.isdigit`` accepts), when it can be one; else None."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if valid_id(number) else None


def checked_text(name: str, value: str | None) -> str | None:
    """``value``, when a query can take it; a QueryError naming ``name`` when
    it holds a NUL byte (PostgreSQL refuses them) or is over ``MAX_TEXT``
    characters (SQLite refuses long LIKE patterns)."""
    if value is None:
        return None
    if "\x00" in value:
        raise QueryError(f"{name}: contains a NUL byte")
    if len(value) > MAX_TEXT:
        raise QueryError(f"{name}: over {MAX_TEXT} characters")
    return value


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bound(value: DateBound, *, end: bool = False) -> dt.date | None:
    """``value`` as a day: the first day of a year or month (``end``: the
    last). Raises QueryError for anything but YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = _PARTIAL_DATE.match(value.strip())
    try:
        if found is None:
            raise ValueError(value)
        year = int(found.group(1))
        month = int(found.group(2) or (12 if end else 1))
        if found.group(3):
            return dt.date(year, month, int(found.group(3)))
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except ValueError:
        raise QueryError(f"{value!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def stream(engine: Engine, statement: Rows) -> Iterator[Any]:
    """The rows of ``statement``, fetched YIELD_PER at a time (a server-side
    cursor on PostgreSQL); the connection closes when the rows are done or
    the iterator is closed."""
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=YIELD_PER).execute(statement)
        yield from result


def like_escape(value: str) -> str:
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")


@dataclass
class EntityBrief:
    """An entity in a list: id, name, type and how often it is mentioned."""

    id: int
    name: str
    type: str
    mentions: int = 0


def _candidates(engine: Engine, name: str) -> list[tuple[int, EntityBrief]]:
    """Entities answering to ``name``, best first as (tier, entity): tier 0
    exact name, 1 exact alias, 2 name in another case, 3 alias in another
    case; within a tier the most mentioned first."""
    wanted = name.strip()
    if not wanted:
        return []
    folded = wanted.casefold()
    patterns = {
        "%" + like_escape(json.dumps(v, ensure_ascii=escaped)) + "%"
        for v in (wanted, wanted.lower())
        for escaped in (True, False)
    }
    aliases_text = func.lower(cast(EntityRow.aliases, String))
    statement = select(EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.aliases).where(
        or_(
            EntityRow.name == wanted,
            func.lower(EntityRow.name) == wanted.lower(),
            *(aliases_text.like(p.lower(), escape="!") for p in patterns),
        )
    )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
        found: list[tuple[int, EntityBrief]] = []
        for row in rows:
            aliases = [a for a in row.aliases or [] if isinstance(a, str)]
            if row.name == wanted:
                tier = 0
            elif wanted in aliases:
                tier = 1
            elif row.name.casefold() == folded:
                tier = 2
            elif any(a.casefold() == folded for a in aliases):
                tier = 3
            else:  # the pattern matched inside a longer alias
                continue
            found.append((tier, EntityBrief(row.id, row.name, row.type)))
        counts = _mention_counts(connection, [brief.id for _, brief in found])
    for _, brief in found:
        brief.mentions = counts.get(brief.id, 0)
    found.sort(key=lambda item: (item[0], -item[1].mentions, item[1].id))
    return found


def _mention_counts(connection: Any, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = connection.execute(
        select(MentionRow.entity_id, func.count())
        .where(MentionRow.entity_id.in_(list(ids)))
        .group_by(MentionRow.entity_id)
    ).all()
    return {entity_id: count for entity_id, count in rows}


def _as_id(name_or_id: int | str) -> int | None:
    if isinstance(name_or_id, int):
        return name_or_id
    checked_text("name", name_or_id)
    return parse_id(name_or_id)


def find_entities(engine: Engine, name_or_id: int | str) -> list[EntityBrief]:
    """The entities ``name_or_id`` can mean, best first: the entity with that
    id; else by exact name, then exact alias, then name or alias in any case
    (the most mentioned first within each)."""
    number = _as_id(name_or_id)
    if number is not None and not valid_id(number):
        return []
    if number is not None:
        with engine.connect() as connection:
            row = connection.execute(
                select(EntityRow.id, EntityRow.name, EntityRow.type).where(EntityRow.id == number)
            ).one_or_none()
            if row is not None:
                counts = _mention_counts(connection, [row.id])
                return [EntityBrief(row.id, row.name, row.type, counts.get(row.id, 0))]
        if isinstance(name_or_id, int):
            return []
    return [brief for _, brief in _candidates(engine, str(name_or_id))]


def entity_ids(engine: Engine, name_or_id: int | str) -> list[int]:
    """Ids of every entity in the best tier ``name_or_id`` matches (all the
    namesakes called exactly that, say)."""
    number = _as_id(name_or_id)
    if number is not None:
        found = find_entities(engine, number)
        if found:
            return [found[0].id]
    ranked = _candidates(engine, str(name_or_id))
    if not ranked:
        return []
    best = ranked[0][0]
    return [brief.id for tier, brief in ranked if tier == best]


def entity_name(engine: Engine, entity_id: int) -> str | None:
    """The name of the entity ``entity_id``, or None when there is none."""
    if not valid_id(entity_id):
        return None
    with engine.connect() as connection:
        name: str | None = connection.execute(
            select(EntityRow.name).where(EntityRow.id == entity_id)
        ).scalar_one_or_none()
    return name


def database_answers(engine: Engine) -> str:
    """Ask the database a cheap question about a real table (raises when it
    is gone, corrupt or refuses); returns the name of its dialect ("sqlite",
    "postgresql")."""
    with engine.connect() as connection:
        connection.execute(_ANY_ENTITY).all()
    return engine.dialect.name


_ANY_ENTITY = select(EntityRow.id).limit(1)
