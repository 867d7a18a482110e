"""Finding entities: by name, alias, actor code or id, with type and
country facets, most mentioned first; and possible duplicates to curate
(the same name with different countries, a bare surname beside a full
name)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, String, cast, func, or_, select

from newsgraph.store.read.common import like_escape
from newsgraph.store.schema import EntityMonthRow, EntityRow


@dataclass
class FoundEntity:
    """An entity in the finder's list, with how often it is mentioned and
    in how many articles (the precomputed counts)."""

    id: int
    name: str
    type: str
    country: str | None
    code: str | None
    aliases: list[str]
    mentions: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


FINDER_COLUMNS = tuple(FoundEntity.__dataclass_fields__)
"""The keys of a finder row (its CSV columns)."""


@dataclass
class EntityFinding:
    """A page of the finder's answer, the total, and the facets of the
    whole answer (type and country with their counts, biggest first;
    country "" for none)."""

    items: list[FoundEntity]
    total: int
    types: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _totals() -> Any:
    return (
        select(
            EntityMonthRow.entity_id.label("entity_id"),
            func.sum(EntityMonthRow.mentions).label("mentions"),
            func.sum(EntityMonthRow.articles).label("articles"),
        )
        .group_by(EntityMonthRow.entity_id)
        .subquery()
    )


def _matching(text: str | None) -> list[ColumnElement[bool]]:
    wanted = " ".join((text or "").split())
    if not wanted:
        return []
    pattern = "%" + like_escape(wanted.lower()) + "%"
    options: list[ColumnElement[bool]] = [
        func.lower(EntityRow.name).like(pattern, escape="!"),
        func.lower(cast(EntityRow.aliases, String)).like(pattern, escape="!"),
        EntityRow.code == wanted.upper(),
    ]
    if wanted.isascii() and wanted.isdigit() and len(wanted) < 12:
        options.append(EntityRow.id == int(wanted))
    return [or_(*options)]


def find(
    engine: Engine,
    text: str | None = None,
    *,
    type: str | None = None,
    country: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> EntityFinding:
    """Entities whose name or an alias contains ``text`` (any case), whose
    actor code is ``text``, or whose id it is; all entities without
    ``text``. ``type`` (PERSON, ORG, GPE...) and ``country`` (ISO alpha-3,
    "" or "-" for none) narrow the answer; the facets count the answer
    before those two narrow it. Most mentioned first."""
    totals = _totals()
    base = _matching(text)
    narrowed = list(base)
    if type:
        narrowed.append(EntityRow.type == type.strip().upper())
    if country is not None and country.strip():
        wanted = country.strip().upper()
        narrowed.append(
            EntityRow.country.is_(None) if wanted == "-" else EntityRow.country == wanted
        )
    mentions = func.coalesce(totals.c.mentions, 0)
    statement = (
        select(
            EntityRow.id,
            EntityRow.name,
            EntityRow.type,
            EntityRow.country,
            EntityRow.code,
            EntityRow.aliases,
            mentions.label("mentions"),
            func.coalesce(totals.c.articles, 0).label("articles"),
        )
        .outerjoin(totals, totals.c.entity_id == EntityRow.id)
        .where(*narrowed)
        .order_by(mentions.desc(), EntityRow.id)
        .offset(max(0, offset))
    )
    if limit is not None:
        statement = statement.limit(max(0, limit))
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
        total = connection.execute(
            select(func.count()).select_from(EntityRow).where(*narrowed)
        ).scalar_one()
        facets = connection.execute(
            select(EntityRow.type, EntityRow.country, func.count())
            .where(*base)
            .group_by(EntityRow.type, EntityRow.country)
        ).all()
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for entity_type, entity_country, n in facets:
        types[str(entity_type)] += n
        countries[str(entity_country or "")] += n
    return EntityFinding(
        items=[
            FoundEntity(
                r.id,
                r.name,
                r.type,
                r.country,
                r.code,
                [a for a in r.aliases or [] if isinstance(a, str)],
                int(r.mentions),
                int(r.articles),
            )
            for r in rows
        ],
        total=int(total),
        types=sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        countries=sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])),
    )


@dataclass
class DuplicateGroup:
    """Entities that may be one: ``reason`` is "same name, different
    countries" or "surname of a full name"; the first entity is the one to
    keep in a merge (the most mentioned, or the full name)."""

    reason: str
    entities: list[FoundEntity]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def possible_duplicates(engine: Engine, *, limit: int = 100) -> list[DuplicateGroup]:
    """Groups of entities that may be one (for a person to decide, with a
    merge or a split): people, organisations or places of the same name
    (any case) with different countries, and a one-word person name that is
    the surname of exactly one or more full names. Biggest groups first."""
    found = find(engine, None, limit=None)
    by_name: dict[tuple[str, str], list[FoundEntity]] = defaultdict(list)
    surnames: dict[str, list[FoundEntity]] = defaultdict(list)
    singles: list[FoundEntity] = []
    for entity in found.items:
        by_name[(entity.type, entity.name.casefold())].append(entity)
        if entity.type == "PERSON":
            words = entity.name.split()
            if len(words) == 1:
                singles.append(entity)
            elif len(words) > 1:
                surnames[words[-1].casefold()].append(entity)
    groups: list[DuplicateGroup] = []
    for members in by_name.values():
        if len(members) > 1 and len({m.country for m in members}) > 1:
            groups.append(DuplicateGroup("same name, different countries", members))
    for single in singles:
        full = surnames.get(single.name.casefold(), [])
        if full:
            groups.append(DuplicateGroup("surname of a full name", [*full[:5], single]))
    groups.sort(key=lambda g: (-sum(e.mentions for e in g.entities), g.entities[0].id))
    return groups[: max(0, limit)]
