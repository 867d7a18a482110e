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

from newsgraph.store.curation import merge_entities, split_entity
from newsgraph.store.export import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    EXPORT_COLUMNS,
    export,
    write_rows,
)
from newsgraph.store.listing import QUOTE_COLUMNS, StoryCopy, StoryRow, event_rows, quotes, stories
from newsgraph.store.profiles import (
    ArticleBrief,
    CoMention,
    EntityProfile,
    RoleSpan,
    entity_profile,
)
from newsgraph.store.query_common import EntityBrief, QueryError, date_bound, find_entities
from newsgraph.store.search import SearchHit, fts5_query, parse_query, search, websearch_text

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
    "merge_entities",
    "parse_query",
    "quotes",
    "search",
    "split_entity",
    "stories",
    "websearch_text",
    "write_rows",
]
