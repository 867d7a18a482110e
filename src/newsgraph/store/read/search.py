"""Ranked full-text search over the knowledge base: SQLite FTS5 (BM25) or
PostgreSQL ``ts_rank``, with plain-text snippets; user text is rebuilt into
quoted terms so that no input can break the query."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    column,
    exists,
    false,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.exc import OperationalError

from newsgraph.errors import QueryError
from newsgraph.store.read.common import DateBound, checked_text, date_bound, iso
from newsgraph.store.schema import (
    ArticleRow,
    EventRow,
    QuoteRow,
)

MAX_TERMS = 32
"""Search terms kept from one query (the rest are ignored)."""


@dataclass
class SearchHit:
    """One article found by ``search``: ``rank`` is higher for better hits
    (SQLite: minus the BM25 score; PostgreSQL: ``ts_rank``); ``snippet`` is
    plain text with the matched words in ``[`` ``]``. ``article_id`` is the
    article's own id (as in every export); ``article`` its number in this
    knowledge base (for links: ``/articles/{article}``)."""

    article_id: str
    article: int
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
        if phrase is None and term.casefold() in stopwords():
            continue  # PostgreSQL's english configuration drops it: so do we, on SQLite too
        count += 1
        if negative:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        pending_or = False
    return parsed


@cache
def stopwords() -> frozenset[str]:
    """The words search leaves out on both backends (data/stopwords.yaml:
    PostgreSQL's english list)."""
    from newsgraph.data import load

    return frozenset(load("stopwords")["words"])


def _plain(term: str) -> str:
    """A term as PostgreSQL should read it: "<" and ">" are not markup."""
    return " ".join(term.replace("<", " ").replace(">", " ").split())


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
    parts = [" or ".join(f'"{_plain(t)}"' for t in clause) for clause in parsed.clauses]
    parts += [f'-"{_plain(t)}"' for t in parsed.excluded]
    return " ".join(parts)


def quote_text_filter(engine: Engine, text: str) -> ColumnElement[bool]:
    """Quotes whose own text matches ``text`` (read as ``search`` reads a
    query: words, "phrases", OR, -word; English stemming), through the
    quotes' full-text index (FTS5 ``quotes_fts``, or ``quotes.search`` on
    PostgreSQL). Nothing searchable in ``text``: no quote."""
    if engine.dialect.name == "postgresql":
        words = websearch_text(text)
        if words is None:
            return false()
        english: ColumnElement[Any] = literal_column("'english'::regconfig")
        vector: ColumnElement[Any] = literal_column("quotes.search")
        return vector.op("@@")(func.websearch_to_tsquery(english, words))
    query = fts5_query(text)
    if query is None:
        return false()
    fts_table = table("quotes_fts", column("rowid"))
    fts: ColumnElement[Any] = literal_column("quotes_fts")
    return QuoteRow.id.in_(select(fts_table.c.rowid).where(fts.op("MATCH")(query)))


def article_filters(
    since: DateBound, until: DateBound, outlet: str | None, type: str | None
) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    checked_text("outlet", outlet)
    checked_text("type", type)
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
    snippets: bool = True,
) -> list[SearchHit]:
    """Articles matching ``text``, best first (headline matches weigh ten
    times body matches). ``text`` is read web-search style (words,
    "phrases", OR, -word); words are stemmed (English). ``since``/``until``
    bound the publication date, ``outlet`` is matched case-insensitively,
    ``type`` keeps articles with an event of that PLOVER type (e.g. REJECT).
    A query with nothing searchable in it finds nothing. ``snippets=False``
    leaves the snippets empty, which is much cheaper for long result lists."""
    limit, offset = max(0, int(limit)), max(0, int(offset))
    text = text.replace("\x00", " ")  # a NUL byte separates words (PostgreSQL refuses it)
    filters = article_filters(since, until, outlet, type)
    if engine.dialect.name == "postgresql":
        return _search_postgresql(engine, text, filters, limit, offset, snippets)
    query = fts5_query(text)
    if query is None or limit == 0:
        return []
    fts: ColumnElement[Any] = literal_column("articles_fts")
    fts_table = table("articles_fts", column("rowid"))
    score = func.bm25(fts, 10.0, 1.0)
    statement = (
        select(
            ArticleRow.id,
            ArticleRow.uid,
            ArticleRow.key,
            ArticleRow.url,
            ArticleRow.headline,
            ArticleRow.outlet,
            ArticleRow.published,
            score.label("score"),
            (
                func.snippet(fts, -1, "[", "]", " … ", 24) if snippets else literal_column("''")
            ).label("snippet"),
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
            article_id=row.uid,
            article=row.id,
            key=row.key,
            url=row.url,
            headline=row.headline,
            outlet=row.outlet,
            published=iso(row.published),
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
    snippets: bool = True,
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
    snippet: ColumnElement[Any] = (
        func.ts_headline(
            english, func.translate(ArticleRow.text, "<>", "  "), query, HEADLINE_OPTIONS
        )
        if snippets
        else literal_column("''")
    )
    statement = (
        select(
            ArticleRow.id,
            ArticleRow.uid,
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
            article_id=row.uid,
            article=row.id,
            key=row.key,
            url=row.url,
            headline=row.headline,
            outlet=row.outlet,
            published=iso(row.published),
            rank=float(row.score),
            snippet=" ".join((row.snippet or "").split()),
        )
        for row in rows
    ]


def snippets(engine: Engine, text: str, articles: Sequence[int]) -> dict[int, str]:
    """The snippets ``search`` gives the articles numbered ``articles`` for
    ``text`` (a snippet depends on its article and the query alone, not on
    the ranking): only those articles are read, not the whole ranking.
    Articles the query does not match are left out."""
    wanted = sorted(set(articles))
    text = text.replace("\x00", " ")
    if not wanted:
        return {}
    if engine.dialect.name == "postgresql":
        words = websearch_text(text)
        if words is None:
            return {}
        english: ColumnElement[Any] = literal_column("'english'::regconfig")
        query = func.websearch_to_tsquery(english, words)
        vector: ColumnElement[Any] = literal_column("articles.search")
        snippet: ColumnElement[Any] = func.ts_headline(
            english, func.translate(ArticleRow.text, "<>", "  "), query, HEADLINE_OPTIONS
        )
        statement = select(ArticleRow.id, snippet).where(
            vector.op("@@")(query), ArticleRow.id.in_(wanted)
        )
    else:
        match = fts5_query(text)
        if match is None:
            return {}
        fts: ColumnElement[Any] = literal_column("articles_fts")
        fts_table = table("articles_fts", column("rowid"))
        statement = select(fts_table.c.rowid, func.snippet(fts, -1, "[", "]", " … ", 24)).where(
            fts.op("MATCH")(match), fts_table.c.rowid.in_(wanted)
        )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return {int(number): " ".join((found or "").split()) for number, found in rows}
