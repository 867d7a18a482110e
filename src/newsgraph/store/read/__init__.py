"""Reading the knowledge base: the one read API of the CLI, the HTTP API
and the web pages. Search, articles, entity profiles, quotes, events,
stories, facets and exports.

Everything here runs parameterised SQL built with SQLAlchemy expressions:
user input only ever reaches the database as bound values, never as SQL
text, and full-text queries are rebuilt from the user's words (see
``fts5_query``) so that no input can raise an FTS5 syntax error. Results are
typed rows (dataclasses; dates as ISO strings, ready for JSON; ``to_dict``
where a caller writes them out); what can be large (quotes, events,
exports) is streamed from the database (``yield_per``: a server-side cursor
on PostgreSQL). Every function takes the database as an ``Engine``.

Dates given as bounds (``since``, ``until``) are ``datetime.date`` values or
ISO strings of a year, a month or a day: ``since="2017-05"`` starts on
1 May 2017, ``until="2017-05"`` ends on 31 May 2017. A bad one raises
``newsgraph.errors.QueryError``; a database that refuses or is gone raises
``DatabaseFailure`` (SQLAlchemy's error; ``database_reason`` says why in
one line).

Writes live beside this package: ``store.write`` (storing analyses) and
``store.curation`` (merging and splitting entities, deleting articles).
"""

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError as DatabaseFailure

from newsgraph.store.db import database_reason
from newsgraph.store.read.articles import (
    MAX_PAGE,
    ArticleDetail,
    ArticleEntity,
    ArticleEvent,
    ArticlePage,
    ArticleQuote,
    ArticleSummary,
    ArticleTime,
    ArticleView,
    EventActor,
    MentionSpan,
    article_number,
    article_view,
    list_articles,
)
from newsgraph.store.read.common import (
    MAX_ID,
    MAX_TEXT,
    DateBound,
    EntityBrief,
    checked_text,
    database_answers,
    date_bound,
    entity_name,
    find_entities,
    parse_id,
)
from newsgraph.store.read.entity_page import EntityPage, entity_page_data
from newsgraph.store.read.export import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    EXPORT_COLUMNS,
    EXPORT_FORMATS,
    MENTION_COLUMNS,
    QUOTE_EXPORT_COLUMNS,
    export,
    write_rows,
)
from newsgraph.store.read.facets import Facets, facets, matching_ids
from newsgraph.store.read.finder import (
    FINDER_COLUMNS,
    DuplicateGroup,
    EntityFinding,
    FoundEntity,
    find,
    possible_duplicates,
)
from newsgraph.store.read.graphs import (
    GRAPH_FORMATS,
    MEDIA_TYPES,
    NETWORKS,
    network,
    write_graph,
)
from newsgraph.store.read.listing import (
    QUOTE_COLUMNS,
    EventItem,
    LinkedEvent,
    QuoteItem,
    StoryCopy,
    StoryRow,
    event_rows,
    event_types,
    events,
    linked_events,
    quotes,
    stories,
)
from newsgraph.store.read.profiles import (
    ArticleBrief,
    CoMention,
    EntityEvents,
    EntityProfile,
    RoleSpan,
    entity_events,
    entity_profile,
    shared_articles,
)
from newsgraph.store.read.search import (
    ParsedQuery,
    SearchHit,
    fts5_query,
    parse_query,
    search,
    snippets,
    websearch_text,
)
from newsgraph.store.read.trends import (
    PERIODS,
    MonthCounts,
    Period,
    TrendPoint,
    entity_months,
    entity_trend,
    fill_periods,
    query_trend,
)

__all__ = [
    "FINDER_COLUMNS",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "NETWORKS",
    "PERIODS",
    "Period",
    "DuplicateGroup",
    "EntityFinding",
    "FoundEntity",
    "MonthCounts",
    "TrendPoint",
    "entity_months",
    "entity_trend",
    "fill_periods",
    "find",
    "network",
    "possible_duplicates",
    "query_trend",
    "write_graph",
    "ARTICLE_COLUMNS",
    "ENTITY_COLUMNS",
    "EXPORT_COLUMNS",
    "MENTION_COLUMNS",
    "QUOTE_EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "MAX_ID",
    "MAX_PAGE",
    "MAX_TEXT",
    "QUOTE_COLUMNS",
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
    "DatabaseFailure",
    "DateBound",
    "Engine",
    "EntityBrief",
    "EntityEvents",
    "EntityPage",
    "EntityProfile",
    "EventActor",
    "EventItem",
    "Facets",
    "LinkedEvent",
    "MentionSpan",
    "ParsedQuery",
    "QuoteItem",
    "RoleSpan",
    "SearchHit",
    "StoryCopy",
    "StoryRow",
    "article_number",
    "article_view",
    "checked_text",
    "database_answers",
    "database_reason",
    "date_bound",
    "entity_events",
    "entity_name",
    "entity_page_data",
    "entity_profile",
    "event_rows",
    "event_types",
    "events",
    "export",
    "facets",
    "find_entities",
    "fts5_query",
    "linked_events",
    "list_articles",
    "matching_ids",
    "parse_id",
    "parse_query",
    "quotes",
    "search",
    "shared_articles",
    "snippets",
    "stories",
    "websearch_text",
    "write_rows",
]
