"""Reading the knowledge base: search, entity profiles, quotes, events,
stories, exports, and two curation tools (merging and splitting entities).

Everything here runs parameterised SQL built with SQLAlchemy expressions:
user input only ever reaches the database as bound values, never as SQL
text, and full-text queries are rebuilt from the user's words (see
``fts5_query``) so that no input can raise an FTS5 syntax error. Results are
plain dataclasses or dicts (dates as ISO strings, ready for JSON); what can
be large (quotes, events, exports) is streamed from the database
(``yield_per``: a server-side cursor on PostgreSQL).

Dates given as bounds (``since``, ``until``) are ``datetime.date`` values or
ISO strings of a year, a month or a day: ``since="2017-05"`` starts on
1 May 2017, ``until="2017-05"`` ends on 31 May 2017.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    cast,
    column,
    delete,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from newsgraph.errors import NewsgraphError
from newsgraph.model import Entity
from newsgraph.model.rows import EVENT_COLUMNS
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)
from newsgraph.store.write import entity_key, normalise

DateBound = dt.date | str | None
Rows = Select[*tuple[Any, ...]]
YIELD_PER = 1000
"""Rows fetched from the database at a time when streaming."""

PARQUET_BATCH = 1000
"""Rows per Parquet record batch in ``export``."""

MAX_TERMS = 32
"""Search terms kept from one query (the rest are ignored)."""


class QueryError(NewsgraphError):
    """A query can't be answered as asked: an unknown entity, a bad date, an
    export to an impossible place. ``str(error)`` is one line for the CLI."""


# -- dates -------------------------------------------------------------------

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


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# -- full-text search ----------------------------------------------------------


@dataclass
class SearchHit:
    """One article found by ``search``: ``rank`` is higher for better hits
    (SQLite: minus the BM25 score; PostgreSQL: ``ts_rank``); ``snippet`` is
    plain text with the matched words in ``[`` ``]``."""

    article_id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None
    rank: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_QUERY_PART = re.compile(r'(-?)"([^"]*)(?:"|$)|(-?)([^\s"]+)')


@dataclass
class ParsedQuery:
    """A search query as terms: ``clauses`` are AND-ed, each an OR of terms
    (a term is a word or a phrase); ``excluded`` terms must not occur."""

    clauses: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def parse_query(text: str) -> ParsedQuery:
    """The user's search text as terms, web-search style: words, "quoted
    phrases" (an unclosed quote runs to the end), ``OR`` between terms, and
    ``-term`` to leave out; terms without a letter or digit are dropped, and
    so is everything after the first ``MAX_TERMS`` terms."""
    parsed = ParsedQuery()
    pending_or = False
    count = 0
    for match in _QUERY_PART.finditer(text):
        minus, phrase, word_minus, word = match.groups()
        negative = bool(minus or word_minus)
        term = " ".join((phrase if phrase is not None else word).split())
        if phrase is None and term.casefold() == "or":
            pending_or = bool(parsed.clauses)
            continue
        if not any(ch.isalnum() for ch in term) or count >= MAX_TERMS:
            continue
        count += 1
        if negative:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        pending_or = False
    return parsed


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression for the user's search text (see
    ``parse_query``): every term a quoted FTS5 string, so no input is read as
    FTS5 syntax (column filters, NEAR, ``*``, ``^``). None when nothing is left
    to search for (nothing can match)."""
    parsed = parse_query(text)
    if not parsed.clauses:
        return None
    expression = " AND ".join(
        "(" + " OR ".join(_fts5_string(t) for t in clause) + ")" for clause in parsed.clauses
    )
    if parsed.excluded:
        expression = (
            f"({expression}) NOT (" + " OR ".join(_fts5_string(t) for t in parsed.excluded) + ")"
        )
    return expression


def websearch_text(text: str) -> str | None:
    """The user's search text rebuilt from its terms (see ``parse_query``)
    for PostgreSQL's ``websearch_to_tsquery``: every term in double quotes,
    ``or`` between alternatives, ``-`` before left-out terms; so both
    backends read a query alike. None when nothing is left to search for."""
    parsed = parse_query(text)
    if not parsed.clauses:
        return None
    parts = [" or ".join(f'"{t}"' for t in clause) for clause in parsed.clauses]
    parts += [f'-"{t}"' for t in parsed.excluded]
    return " ".join(parts)


def _article_filters(
    since: DateBound, until: DateBound, outlet: str | None, type: str | None
) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    first, last = date_bound(since), date_bound(until, end=True)
    if first is not None:
        filters.append(ArticleRow.published >= first)
    if last is not None:
        filters.append(ArticleRow.published <= last)
    if outlet:
        filters.append(func.lower(ArticleRow.outlet) == func.lower(outlet.strip()))
    if type:
        filters.append(
            exists(
                select(EventRow.id).where(
                    EventRow.article_id == ArticleRow.id, EventRow.type == type.strip().upper()
                )
            )
        )
    return filters


def search(
    engine: Engine,
    text: str,
    *,
    since: DateBound = None,
    until: DateBound = None,
    outlet: str | None = None,
    type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Articles matching ``text``, best first (headline matches weigh ten
    times body matches). ``text`` is read web-search style (words,
    "phrases", OR, -word); words are stemmed (English). ``since``/``until``
    bound the publication date, ``outlet`` is matched case-insensitively,
    ``type`` keeps articles with an event of that PLOVER type (e.g. REJECT).
    A query with nothing searchable in it finds nothing."""
    limit, offset = max(0, int(limit)), max(0, int(offset))
    filters = _article_filters(since, until, outlet, type)
    if engine.dialect.name == "postgresql":
        return _search_postgresql(engine, text, filters, limit, offset)
    query = fts5_query(text)
    if query is None or limit == 0:
        return []
    fts: ColumnElement[Any] = literal_column("articles_fts")
    fts_table = table("articles_fts", column("rowid"))
    score = func.bm25(fts, 10.0, 1.0)
    statement = (
        select(
            ArticleRow.id,
            ArticleRow.key,
            ArticleRow.url,
            ArticleRow.headline,
            ArticleRow.outlet,
            ArticleRow.published,
            score.label("score"),
            func.snippet(fts, -1, "[", "]", " … ", 24).label("snippet"),
        )
        .select_from(ArticleRow)
        .join(fts_table, fts_table.c.rowid == ArticleRow.id)
        .where(fts.op("MATCH")(query), *filters)
        .order_by(score, ArticleRow.published.desc(), ArticleRow.id)
        .limit(limit)
        .offset(offset)
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(statement).all()
    except OperationalError as exc:  # not expected: fts5_query quotes every term
        if "fts5" in str(exc.orig).lower():
            raise QueryError(f"{text!r}: cannot search for this ({exc.orig})") from None
        raise
    return [
        SearchHit(
            article_id=row.id,
            key=row.key,
            url=row.url,
            headline=row.headline,
            outlet=row.outlet,
            published=_iso(row.published),
            rank=-float(row.score),
            snippet=" ".join((row.snippet or "").split()),
        )
        for row in rows
    ]


HEADLINE_OPTIONS = (
    'StartSel="[", StopSel="]", MaxWords=35, MinWords=15, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _search_postgresql(
    engine: Engine,
    text: str,
    filters: list[ColumnElement[bool]],
    limit: int,
    offset: int,
) -> list[SearchHit]:
    words = websearch_text(text)
    if words is None or limit == 0:
        return []
    english: ColumnElement[Any] = literal_column("'english'::regconfig")
    query = func.websearch_to_tsquery(english, words)
    vector: ColumnElement[Any] = literal_column("articles.search")
    score = func.ts_rank(vector, query)
    ranked = (
        select(ArticleRow.id.label("id"), score.label("score"))
        .where(vector.op("@@")(query), *filters)
        .order_by(score.desc(), ArticleRow.published.desc(), ArticleRow.id)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    snippet = func.ts_headline(english, ArticleRow.text, query, HEADLINE_OPTIONS)
    statement = (
        select(
            ArticleRow.id,
            ArticleRow.key,
            ArticleRow.url,
            ArticleRow.headline,
            ArticleRow.outlet,
            ArticleRow.published,
            ranked.c.score,
            snippet.label("snippet"),
        )
        .join(ranked, ranked.c.id == ArticleRow.id)
        .order_by(ranked.c.score.desc(), ArticleRow.published.desc(), ArticleRow.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return [
        SearchHit(
            article_id=row.id,
            key=row.key,
            url=row.url,
            headline=row.headline,
            outlet=row.outlet,
            published=_iso(row.published),
            rank=float(row.score),
            snippet=" ".join((row.snippet or "").split()),
        )
        for row in rows
    ]


# -- finding entities ------------------------------------------------------------


@dataclass
class EntityBrief:
    """An entity in a list: id, name, type and how often it is mentioned."""

    id: int
    name: str
    type: str
    mentions: int = 0


def _like_escape(value: str) -> str:
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _candidates(engine: Engine, name: str) -> list[tuple[int, EntityBrief]]:
    """Entities answering to ``name``, best first as (tier, entity): tier 0
    exact name, 1 exact alias, 2 name in another case, 3 alias in another
    case; within a tier the most mentioned first."""
    wanted = name.strip()
    if not wanted:
        return []
    folded = wanted.casefold()
    patterns = {
        "%" + _like_escape(json.dumps(v, ensure_ascii=escaped)) + "%"
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
    text = name_or_id.strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


def find_entities(engine: Engine, name_or_id: int | str) -> list[EntityBrief]:
    """The entities ``name_or_id`` can mean, best first: the entity with that
    id; else by exact name, then exact alias, then name or alias in any case
    (the most mentioned first within each)."""
    number = _as_id(name_or_id)
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


def _entity_ids(engine: Engine, name_or_id: int | str) -> list[int]:
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


# -- entity profile --------------------------------------------------------------


@dataclass
class RoleSpan:
    """A title or role of an entity and when articles gave it."""

    kind: Literal["title", "role"]
    value: str
    first_seen: str | None
    last_seen: str | None
    articles: int


@dataclass
class ArticleBrief:
    id: int
    key: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None


@dataclass
class CoMention:
    id: int
    name: str
    type: str
    shared_articles: int


@dataclass
class EntityProfile:
    """What the knowledge base knows of one entity. Lists are bounded (newest
    first); the ``*_count`` fields give the full numbers.
    ``events_reported`` are events the entity is the reporter of ("per
    Hamidreza Taraghi": ``reported_by`` is its name or an alias). ``others``
    are the other entities the name could have meant."""

    id: int
    key: str
    name: str
    type: str
    country: str | None
    code: str | None
    aliases: list[str]
    titles: list[str]
    roles: list[str]
    mention_count: int
    article_count: int
    roles_over_time: list[RoleSpan]
    quotes: list[dict[str, Any]]
    quote_count: int
    events_as_source: list[dict[str, Any]]
    source_event_count: int
    events_as_target: list[dict[str, Any]]
    target_event_count: int
    events_reported: list[dict[str, Any]]
    reported_event_count: int
    articles: list[ArticleBrief]
    co_mentioned: list[CoMention]
    others: list[EntityBrief]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_profile(
    engine: Engine,
    name_or_id: int | str,
    *,
    limit: int = 20,
    co_limit: int = 10,
    others_limit: int = 10,
) -> EntityProfile | None:
    """The profile of the entity ``name_or_id`` means (see ``find_entities``:
    several matches give the most mentioned, the rest in ``others``), or None.
    Quotes, events and articles are the newest ``limit`` of each;
    ``co_mentioned`` the ``co_limit`` entities sharing most articles."""
    found = find_entities(engine, name_or_id)
    if not found:
        return None
    chosen, others = found[0], found[1 : 1 + others_limit]
    with engine.connect() as connection:
        entity = (
            connection.execute(select(EntityRow).where(EntityRow.id == chosen.id)).one()._mapping
        )
        spans = _roles_over_time(connection, chosen.id)
        article_count = connection.execute(
            select(func.count(func.distinct(ArticleEntityRow.article_id))).where(
                ArticleEntityRow.entity_id == chosen.id
            )
        ).scalar_one()
        articles = [
            ArticleBrief(r.id, r.key, r.url, r.headline, r.outlet, _iso(r.published))
            for r in connection.execute(
                select(
                    ArticleRow.id,
                    ArticleRow.key,
                    ArticleRow.url,
                    ArticleRow.headline,
                    ArticleRow.outlet,
                    ArticleRow.published,
                )
                .where(
                    ArticleRow.id.in_(
                        select(ArticleEntityRow.article_id).where(
                            ArticleEntityRow.entity_id == chosen.id
                        )
                    )
                )
                .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
                .limit(limit)
            )
        ]
        speaker = QuoteRow.speaker_id == chosen.id
        quote_list = [
            _quote_dict(r)
            for r in connection.execute(
                _quote_select().where(speaker).order_by(*_NEWEST_QUOTES).limit(limit)
            )
        ]
        quote_count = connection.execute(
            select(func.count()).select_from(QuoteRow).where(speaker)
        ).scalar_one()
        as_source = EventRow.source_entity_id == chosen.id
        as_target = EventRow.target_entity_id == chosen.id
        names = [entity["name"], *(a for a in entity["aliases"] or [] if isinstance(a, str))]
        reporter = EventRow.reported_by.in_(names)
        newest = (EventRow.date.desc().nulls_last(), EventRow.id.desc())
        sources = [
            _event_dict(r)
            for r in connection.execute(
                _event_select().where(as_source).order_by(*newest).limit(limit)
            )
        ]
        targets = [
            _event_dict(r)
            for r in connection.execute(
                _event_select().where(as_target).order_by(*newest).limit(limit)
            )
        ]
        reported = [
            _event_dict(r)
            for r in connection.execute(
                _event_select().where(reporter).order_by(*newest).limit(limit)
            )
        ]
        source_count, target_count, reported_count = (
            connection.execute(select(func.count()).select_from(EventRow).where(w)).scalar_one()
            for w in (as_source, as_target, reporter)
        )
        co_mentioned = _co_mentioned(connection, chosen.id, co_limit)
    return EntityProfile(
        id=entity["id"],
        key=entity["key"],
        name=entity["name"],
        type=entity["type"],
        country=entity["country"],
        code=entity["code"],
        aliases=list(entity["aliases"] or []),
        titles=list(entity["titles"] or []),
        roles=list(entity["roles"] or []),
        mention_count=chosen.mentions,
        article_count=article_count,
        roles_over_time=spans,
        quotes=quote_list,
        quote_count=quote_count,
        events_as_source=sources,
        source_event_count=source_count,
        events_as_target=targets,
        target_event_count=target_count,
        events_reported=reported,
        reported_event_count=reported_count,
        articles=articles,
        co_mentioned=co_mentioned,
        others=others,
    )


def _roles_over_time(connection: Any, entity_id: int) -> list[RoleSpan]:
    """Each title and role the articles give the entity, with the first and
    last publication dates of the articles that give it (oldest first)."""
    rows = connection.execute(
        select(ArticleEntityRow.titles, ArticleEntityRow.roles, ArticleRow.published)
        .join(ArticleRow, ArticleRow.id == ArticleEntityRow.article_id)
        .where(ArticleEntityRow.entity_id == entity_id)
    ).all()
    seen: dict[tuple[str, str], list[Any]] = {}
    for titles, roles, published in rows:
        for kind, values in (("title", titles), ("role", roles)):
            for value in dict.fromkeys(v for v in values or [] if isinstance(v, str)):
                span = seen.setdefault((kind, value), [None, None, 0])
                if published is not None:
                    span[0] = published if span[0] is None else min(span[0], published)
                    span[1] = published if span[1] is None else max(span[1], published)
                span[2] += 1
    spans = [
        RoleSpan(kind, value, _iso(first), _iso(last), count)  # type: ignore[arg-type]
        for (kind, value), (first, last, count) in seen.items()
    ]
    spans.sort(key=lambda s: (s.first_seen is None, s.first_seen or "", -s.articles, s.value))
    return spans


def _co_mentioned(connection: Any, entity_id: int, limit: int) -> list[CoMention]:
    mine = ArticleEntityRow.__table__.alias("mine")
    theirs = ArticleEntityRow.__table__.alias("theirs")
    shared = func.count(func.distinct(theirs.c.article_id)).label("shared")
    top = (
        select(theirs.c.entity_id.label("entity_id"), shared)
        .select_from(mine.join(theirs, theirs.c.article_id == mine.c.article_id))
        .where(mine.c.entity_id == entity_id, theirs.c.entity_id != entity_id)
        .group_by(theirs.c.entity_id)
        .order_by(shared.desc(), theirs.c.entity_id)
        .limit(limit)
        .subquery()
    )
    rows = connection.execute(
        select(EntityRow.id, EntityRow.name, EntityRow.type, top.c.shared)
        .join(top, top.c.entity_id == EntityRow.id)
        .order_by(top.c.shared.desc(), EntityRow.id)
    ).all()
    return [CoMention(r.id, r.name, r.type, r.shared) for r in rows]


# -- quotes ------------------------------------------------------------------------

QUOTE_COLUMNS = (
    "quote_id",
    "speaker_id",
    "speaker",
    "kind",
    "cue",
    "text",
    "article_id",
    "published",
    "outlet",
    "headline",
    "url",
)
"""The keys of a quote row (``article_id``: the knowledge base's article id)."""

_NEWEST_QUOTES = (
    ArticleRow.published.desc().nulls_last(),
    QuoteRow.article_id.desc(),
    QuoteRow.start,
)


def _quote_select() -> Rows:
    return (
        select(
            QuoteRow.id.label("quote_id"),
            QuoteRow.speaker_id,
            func.coalesce(EntityRow.name, QuoteRow.speaker_name).label("speaker"),
            QuoteRow.kind,
            QuoteRow.cue,
            QuoteRow.text,
            QuoteRow.article_id,
            ArticleRow.published,
            ArticleRow.outlet,
            ArticleRow.headline,
            ArticleRow.url,
        )
        .select_from(QuoteRow)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .outerjoin(EntityRow, EntityRow.id == QuoteRow.speaker_id)
    )


def _quote_dict(row: Any) -> dict[str, Any]:
    values = dict(row._mapping)
    values["published"] = _iso(values["published"])
    return {key: values[key] for key in QUOTE_COLUMNS}


def quotes(
    engine: Engine,
    *,
    speaker: int | str | None = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: int | None = 100,
) -> Iterator[dict[str, Any]]:
    """Quotes (keys ``QUOTE_COLUMNS``), newest article first, streamed.
    ``speaker`` is an entity id, name or alias (every namesake called
    exactly that), or a speaker name no entity has; ``since``/``until``
    bound the article's publication date."""
    statement = _quote_select()
    if speaker is not None and str(speaker).strip():
        ids = _entity_ids(engine, speaker)
        by_name = func.lower(QuoteRow.speaker_name) == str(speaker).strip().lower()
        statement = statement.where(QuoteRow.speaker_id.in_(ids) if ids else by_name)
    statement = statement.where(*_article_filters(since, until, None, None))
    statement = statement.order_by(*_NEWEST_QUOTES, QuoteRow.id)
    if limit is not None:
        statement = statement.limit(max(0, limit))
    return (_quote_dict(row) for row in _stream(engine, statement))


def _stream(engine: Engine, statement: Rows) -> Iterator[Any]:
    """The rows of ``statement``, fetched YIELD_PER at a time (a server-side
    cursor on PostgreSQL); the connection closes when the rows are done or
    the iterator is closed."""
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=YIELD_PER).execute(statement)
        yield from result


# -- events ------------------------------------------------------------------------


def _event_select() -> Rows:
    return (
        select(
            EventRow.date,
            EventRow.source_code,
            EventRow.source_name,
            EventRow.target_code,
            EventRow.target_name,
            EventRow.type,
            EventRow.cameo,
            func.coalesce(EventRow.cameo_code, EventRow.cameo).label("cameo_code"),
            EventRow.negated,
            EventRow.mutual,
            EventRow.place,
            EventRow.place_country.label("country"),
            EventRow.lat,
            EventRow.lon,
            EventRow.reported_by,
            EventRow.confidence,
            ArticleRow.uid.label("article_id"),
            EventRow.local_id.label("event_id"),
            ArticleRow.url,
            ArticleRow.outlet,
            ArticleRow.published,
            EventRow.text.label("sentence"),
        )
        .select_from(EventRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
    )


def _event_dict(row: Any) -> dict[str, Any]:
    values = dict(row._mapping)
    values["published"] = _iso(values["published"])
    values["negated"] = bool(values["negated"])
    values["mutual"] = bool(values["mutual"])
    values["sentence"] = " ".join((values["sentence"] or "").split())
    return {key: values[key] for key in EVENT_COLUMNS}


_CODE = re.compile(r"^[A-Za-z0-9-]{1,30}$")


def _actor_filter(
    engine: Engine, value: str, code: Any, name: Any, entity_id: Any
) -> ColumnElement[bool]:
    """An actor given as a code prefix ("IRN" matches IRNGOV) or as an
    entity's name (or id, or alias), or as the name the event gives it."""
    value = value.strip()
    options: list[ColumnElement[bool]] = [func.lower(name) == value.lower()]
    if _CODE.match(value):
        options.append(code.like(_like_escape(value.upper()) + "%", escape="!"))
    ids = _entity_ids(engine, value)
    if ids:
        options.append(entity_id.in_(ids))
    return or_(*options) if options else false()


def _event_date_filters(since: DateBound, until: DateBound) -> list[ColumnElement[bool]]:
    """An event counts when its date (a day, month or year, the event's own
    precision) overlaps [since, until]: "2017-05" is in May 2017."""
    filters: list[ColumnElement[bool]] = []
    first, last = date_bound(since), date_bound(until, end=True)
    if first is not None:
        start = first.isoformat()
        filters.append(EventRow.date >= start[:4])  # uses the index
        filters.append(EventRow.date >= func.substr(start, 1, func.length(EventRow.date)))
    if last is not None:
        filters.append(EventRow.date <= last.isoformat())
    return filters


def _event_filters(
    engine: Engine,
    source: str | None,
    target: str | None,
    type: str | None,
    since: DateBound,
    until: DateBound,
) -> list[ColumnElement[bool]]:
    filters = _event_date_filters(since, until)
    if source and source.strip():
        filters.append(
            _actor_filter(
                engine,
                source,
                EventRow.source_code,
                EventRow.source_name,
                EventRow.source_entity_id,
            )
        )
    if target and target.strip():
        filters.append(
            _actor_filter(
                engine,
                target,
                EventRow.target_code,
                EventRow.target_name,
                EventRow.target_entity_id,
            )
        )
    if type and type.strip():
        filters.append(EventRow.type == type.strip().upper())
    return filters


def event_rows(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Stored events as rows with exactly the keys ``EVENT_COLUMNS`` (as
    ``model.rows.event_row`` makes them; ``article_id`` is the article's
    own id), by date then storage order, streamed. ``source``/``target``:
    a code prefix ("IRN" matches IRNGOV) or an entity name, alias or id;
    ``type``: a PLOVER type; ``since``/``until``: the event's date overlaps
    them (see ``_event_date_filters``)."""
    statement = (
        _event_select()
        .where(*_event_filters(engine, source, target, type, since, until))
        .order_by(EventRow.date, EventRow.id)
    )
    if limit is not None:
        statement = statement.limit(max(0, limit))
    return (_event_dict(row) for row in _stream(engine, statement))


# -- stories -----------------------------------------------------------------------


@dataclass
class StoryCopy:
    article_id: int
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None


@dataclass
class StoryRow:
    """A story and its copies (oldest first)."""

    id: int
    headline: str | None
    first_published: str | None
    size: int
    copies: list[StoryCopy]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stories(engine: Engine, *, min_size: int = 2, limit: int = 50) -> list[StoryRow]:
    """Stories of at least ``min_size`` copies, largest first (then newest)."""
    from newsgraph.store.schema import Story

    size = func.count(ArticleRow.id).label("size")
    top = (
        select(ArticleRow.story_id.label("story_id"), size)
        .where(ArticleRow.story_id.is_not(None))
        .group_by(ArticleRow.story_id)
        .having(size >= max(1, min_size))
        .subquery()
    )
    with engine.connect() as connection:
        heads = connection.execute(
            select(Story.id, Story.headline, Story.first_published, top.c.size)
            .join(top, top.c.story_id == Story.id)
            .order_by(top.c.size.desc(), Story.first_published.desc().nulls_last(), Story.id)
            .limit(max(0, limit))
        ).all()
        copies: dict[int, list[StoryCopy]] = {}
        if heads:
            for r in connection.execute(
                select(
                    ArticleRow.story_id,
                    ArticleRow.id,
                    ArticleRow.outlet,
                    ArticleRow.headline,
                    ArticleRow.published,
                    ArticleRow.url,
                )
                .where(ArticleRow.story_id.in_([h.id for h in heads]))
                .order_by(ArticleRow.published.nulls_last(), ArticleRow.id)
            ):
                copies.setdefault(r.story_id, []).append(
                    StoryCopy(r.id, r.outlet, r.headline, _iso(r.published), r.url)
                )
    return [
        StoryRow(h.id, h.headline, _iso(h.first_published), h.size, copies.get(h.id, []))
        for h in heads
    ]


# -- exports -----------------------------------------------------------------------

ARTICLE_COLUMNS = (
    "id",
    "uid",
    "key",
    "url",
    "outlet",
    "section",
    "headline",
    "description",
    "authors",
    "dateline",
    "published",
    "copyright",
    "story_id",
    "text",
)
ENTITY_COLUMNS = (
    "id",
    "key",
    "name",
    "type",
    "country",
    "code",
    "aliases",
    "titles",
    "roles",
    "mentions",
    "articles",
)
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "events": EVENT_COLUMNS,
}
EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def _export_rows(engine: Engine, what: str) -> Iterator[dict[str, Any]]:
    if what == "events":
        yield from (_event_dict(r) for r in _stream(engine, _event_select().order_by(EventRow.id)))
    elif what == "quotes":
        yield from (_quote_dict(r) for r in _stream(engine, _quote_select().order_by(QuoteRow.id)))
    elif what == "articles":
        statement = select(*(getattr(ArticleRow, c) for c in ARTICLE_COLUMNS)).order_by(
            ArticleRow.id
        )
        for row in _stream(engine, statement):
            values = dict(row._mapping)
            values["published"] = _iso(values["published"])
            values["authors"] = list(values["authors"] or [])
            yield values
    elif what == "entities":
        mentions = (
            select(func.count())
            .where(MentionRow.entity_id == EntityRow.id)
            .scalar_subquery()
            .label("mentions")
        )
        articles = (
            select(func.count(func.distinct(ArticleEntityRow.article_id)))
            .where(ArticleEntityRow.entity_id == EntityRow.id)
            .scalar_subquery()
            .label("articles")
        )
        statement = select(
            *(getattr(EntityRow, c) for c in ENTITY_COLUMNS[:-2]), mentions, articles
        ).order_by(EntityRow.id)
        for row in _stream(engine, statement):
            values = dict(row._mapping)
            for key in ("aliases", "titles", "roles"):
                values[key] = list(values[key] or [])
            yield values
    else:
        raise QueryError(f"{what!r}: export one of {', '.join(EXPORT_COLUMNS)}")


def _arrow_schema(what: str) -> Any:
    import pyarrow as pa

    strings = pa.list_(pa.string())
    types: dict[str, Any] = {
        "id": pa.int64(),
        "story_id": pa.int64(),
        "quote_id": pa.int64(),
        "speaker_id": pa.int64(),
        "mentions": pa.int64(),
        "articles": pa.int64(),
        "authors": strings,
        "aliases": strings,
        "titles": strings,
        "roles": strings,
        "negated": pa.bool_(),
        "mutual": pa.bool_(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "confidence": pa.float64(),
    }
    if what == "quotes":
        types["article_id"] = pa.int64()  # the knowledge base's id (events: the article's own)
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS[what]])


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], format: str, out: IO[str]
) -> int:
    """Rows as JSON Lines or CSV (lists as JSON text in a cell) on ``out``."""
    count = 0
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
            count += 1
    elif format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=_iso) + "\n")
            count += 1
    else:
        raise QueryError(f"{format!r}: write jsonl or csv")
    return count


def export(engine: Engine, what: str, format: str, out: str | Path | IO[str]) -> int:
    """Write every row of ``what`` (articles, entities, quotes or events;
    columns ``EXPORT_COLUMNS[what]``) as ``format`` (jsonl, csv or parquet)
    to ``out``: a path, ``"-"`` for standard output (not parquet), or an open
    text stream (not parquet). Streams from the database; Parquet is written
    PARQUET_BATCH rows per record batch. Returns the number of rows."""
    if what not in EXPORT_COLUMNS:
        raise QueryError(f"{what!r}: export one of {', '.join(EXPORT_COLUMNS)}")
    if format not in EXPORT_FORMATS:
        raise QueryError(f"{format!r}: export as one of {', '.join(EXPORT_FORMATS)}")
    columns = EXPORT_COLUMNS[what]
    if format == "parquet":
        if not isinstance(out, str | Path) or str(out) == "-":
            raise QueryError("parquet needs a file to write to (--output PATH)")
        return _write_parquet(_export_rows(engine, what), _arrow_schema(what), Path(out))
    rows = _export_rows(engine, what)
    if not isinstance(out, str | Path):
        return write_rows(rows, columns, format, out)
    if str(out) == "-":
        return write_rows(rows, columns, format, sys.stdout)
    try:
        with Path(out).open("w", encoding="utf-8", newline="") as stream:
            return write_rows(rows, columns, format, stream)
    except OSError as exc:
        raise QueryError(f"{out}: cannot write ({exc.strerror})") from None


def _write_parquet(rows: Iterable[dict[str, Any]], schema: Any, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    try:
        with pq.ParquetWriter(str(path), schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= PARQUET_BATCH:
                    writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            if batch:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                count += len(batch)
    except OSError as exc:
        raise QueryError(f"{path}: cannot write ({exc})") from None
    return count


# -- curation ------------------------------------------------------------------------


def _merge_lists(into: Sequence[str], values: Iterable[str]) -> list[str]:
    merged = list(into)
    for value in values:
        if value and value not in merged:
            merged.append(value)
    return merged


def merge_entities(engine: Engine, keep_id: int, gone_id: int) -> None:
    """Make entity ``gone_id`` part of ``keep_id``: its article entities,
    mentions, quotes (as speaker) and events (as source or target) move to
    ``keep_id``, its name and aliases become aliases of ``keep_id`` (titles
    and roles join too), and ``gone_id`` is deleted. One transaction."""
    if keep_id == gone_id:
        raise QueryError(f"entity {keep_id}: cannot merge an entity into itself")
    with Session(engine) as session, session.begin():
        keep, gone = session.get(EntityRow, keep_id), session.get(EntityRow, gone_id)
        for number, row in ((keep_id, keep), (gone_id, gone)):
            if row is None:
                raise QueryError(f"entity {number}: no such entity")
        assert keep is not None and gone is not None
        in_articles = select(ArticleEntityRow.article_id).where(
            ArticleEntityRow.entity_id == gone_id
        )
        for quote in session.scalars(select(QuoteRow).where(QuoteRow.article_id.in_(in_articles))):
            if gone_id in (quote.speakers or []):
                quote.speakers = list(
                    dict.fromkeys(keep_id if s == gone_id else s for s in quote.speakers)
                )
        session.flush()
        _move(session, [gone_id], keep_id)
        keep.aliases = _merge_lists(
            keep.aliases or [], [n for n in [gone.name, *(gone.aliases or [])] if n != keep.name]
        )
        keep.titles = _merge_lists(keep.titles or [], gone.titles or [])
        keep.roles = _merge_lists(keep.roles or [], gone.roles or [])
        keep.country = keep.country or gone.country
        keep.code = keep.code or gone.code
        session.flush()
        session.execute(delete(EntityRow).where(EntityRow.id == gone_id))


def _move(session: Session, old_ids: list[int], new_id: int) -> None:
    """Point every reference to the entities ``old_ids`` at ``new_id``."""
    for ref in (
        ArticleEntityRow.entity_id,
        MentionRow.entity_id,
        QuoteRow.speaker_id,
        EventRow.source_entity_id,
        EventRow.target_entity_id,
    ):
        owner = ref.class_
        session.execute(
            update(owner).where(ref.in_(old_ids)).values({ref.key: new_id}),
            execution_options={"synchronize_session": False},
        )


def _names(row: ArticleEntityRow) -> list[str]:
    return [row.name, *(a for a in row.aliases or [] if isinstance(a, str))]


def _country_of(row: ArticleEntityRow) -> str | None:
    attributes = row.attributes or {}
    value = attributes.get("nationality") or attributes.get("country")
    return value if isinstance(value, str) else None


def split_entity(engine: Engine, entity_id: int, alias: str) -> int:
    """Take the articles' ``alias`` out of entity ``entity_id`` into a new
    entity named ``alias``; returns its id.

    The article entities of ``entity_id`` whose name or aliases are
    ``alias`` (compared as ``write.normalise`` folds names) move to the new
    entity with their mentions. Quotes and events follow: in an article
    where nothing else stays with ``entity_id``, all of its quotes and
    events there; in an article where both are, those whose speaker, source
    or target name holds a moved name rather than a staying one. Both
    entities' aliases, titles, roles, country and code are made from their
    article entities, as ingest makes them. One transaction."""
    wanted = normalise(alias)
    if not any(ch.isalnum() for ch in wanted):
        raise QueryError(f"{alias!r}: not a name")
    with Session(engine) as session, session.begin():
        old = session.get(EntityRow, entity_id)
        if old is None:
            raise QueryError(f"entity {entity_id}: no such entity")
        local = list(
            session.scalars(
                select(ArticleEntityRow)
                .where(ArticleEntityRow.entity_id == entity_id)
                .order_by(ArticleEntityRow.id)
            )
        )
        moving = [r for r in local if wanted in {normalise(n) for n in _names(r)}]
        staying = [r for r in local if r not in moving]
        if not moving:
            raise QueryError(f"entity {entity_id}: no article calls it {alias!r}")
        if not staying:
            raise QueryError(
                f"entity {entity_id}: every article calls it {alias!r}; nothing to split off"
            )
        moved_names = [n for r in moving for n in _names(r)]
        type_ = Counter(r.type for r in moving).most_common(1)[0][0]
        name = Counter(r.name for r in moving if normalise(r.name) == wanted).most_common(1)
        new_name = name[0][0] if name else alias.strip()
        new = EntityRow(
            key=_free_key(session, entity_key(Entity(id="split", name=new_name, type=type_))),
            name=new_name,
            type=type_,
            country=next((c for r in moving if (c := _country_of(r))), None),
            code=next((r.code for r in moving if r.code), None),
            aliases=_merge_lists([], (n for n in moved_names if n != new_name)),
            titles=_merge_lists([], (t for r in moving for t in r.titles or [])),
            roles=_merge_lists([], (t for r in moving for t in r.roles or [])),
        )
        session.add(new)
        session.flush()
        moving_ids = [r.id for r in moving]
        session.execute(
            update(ArticleEntityRow)
            .where(ArticleEntityRow.id.in_(moving_ids))
            .values(entity_id=new.id),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(MentionRow)
            .where(MentionRow.article_entity_id.in_(moving_ids))
            .values(entity_id=new.id),
            execution_options={"synchronize_session": False},
        )
        _split_facts(session, entity_id, new.id, moving, staying)
        old.aliases = _merge_lists([], (n for r in staying for n in _names(r) if n != old.name))
        old.titles = _merge_lists([], (t for r in staying for t in r.titles or []))
        old.roles = _merge_lists([], (t for r in staying for t in r.roles or []))
        old.country = next((c for r in staying if (c := _country_of(r))), None)
        old.code = next((r.code for r in staying if r.code), None)
        session.flush()
        return new.id


def _free_key(session: Session, base: str) -> str:
    taken = set(
        session.scalars(
            select(EntityRow.key).where(
                or_(
                    EntityRow.key == base, EntityRow.key.like(_like_escape(base) + "#%", escape="!")
                )
            )
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}#{number}" in taken:
        number += 1
    return f"{base}#{number}"


def _split_facts(
    session: Session,
    old_id: int,
    new_id: int,
    moving: list[ArticleEntityRow],
    staying: list[ArticleEntityRow],
) -> None:
    """Move the quotes and events of the split-off article entities (see
    ``split_entity`` and ``_goes``)."""
    moving_names: dict[int, set[str]] = {}
    staying_names: dict[int, set[str]] = {}
    for rows, names in ((moving, moving_names), (staying, staying_names)):
        for row in rows:
            names.setdefault(row.article_id, set()).update(normalise(n) for n in _names(row))
    whole = set(moving_names) - set(staying_names)

    def follows(article_id: int, name: str | None) -> bool:
        if article_id in whole:
            return True
        if article_id not in moving_names or name is None:
            return False
        return _goes(normalise(name), moving_names[article_id], staying_names[article_id])

    articles = list(moving_names)
    for quote in session.scalars(
        select(QuoteRow).where(QuoteRow.article_id.in_(articles), QuoteRow.speaker_id == old_id)
    ):
        if follows(quote.article_id, quote.speaker_name):
            quote.speaker_id = new_id
    for quote in session.scalars(select(QuoteRow).where(QuoteRow.article_id.in_(whole))):
        if old_id in (quote.speakers or []):
            quote.speakers = [new_id if s == old_id else s for s in quote.speakers]
    for event in session.scalars(
        select(EventRow).where(
            EventRow.article_id.in_(articles),
            or_(EventRow.source_entity_id == old_id, EventRow.target_entity_id == old_id),
        )
    ):
        if event.source_entity_id == old_id and follows(event.article_id, event.source_name):
            event.source_entity_id = new_id
        if event.target_entity_id == old_id and follows(event.article_id, event.target_name):
            event.target_entity_id = new_id
    session.flush()


def _goes(name: str, moving: set[str], staying: set[str]) -> bool:
    """Whether a speaker or actor called ``name`` (normalised) is the
    split-off entity: the longest of the two entities' names found in it, as
    whole words, decides ("Trump administration officials" is the Trump
    administration, not Iran); a name holding neither stays."""
    padded = f" {name} "

    def longest(names: set[str]) -> int:
        return max((len(n) for n in names if n and f" {n} " in padded), default=0)

    return longest(moving) > longest(staying)


__all__ = [
    "ARTICLE_COLUMNS",
    "ENTITY_COLUMNS",
    "EXPORT_COLUMNS",
    "QUOTE_COLUMNS",
    "ArticleBrief",
    "CoMention",
    "EntityBrief",
    "EntityProfile",
    "QueryError",
    "RoleSpan",
    "SearchHit",
    "StoryCopy",
    "StoryRow",
    "date_bound",
    "entity_profile",
    "event_rows",
    "export",
    "find_entities",
    "fts5_query",
    "websearch_text",
    "merge_entities",
    "parse_query",
    "quotes",
    "search",
    "split_entity",
    "stories",
    "write_rows",
]
