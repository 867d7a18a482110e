"""Queries over a real knowledge base (store.read), on SQLite and
PostgreSQL: search, entity profiles, quotes, events, stories, exports, and
merging and splitting entities (store.curation)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsgraph.errors import QueryError
from newsgraph.model.rows import EVENT_COLUMNS, event_row
from newsgraph.store import read as q
from newsgraph.store.curation import merge_entities, split_entity
from newsgraph.store.db import open_database
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)

from ..pg import PostgresServer, create_database, drop_database
from . import kbdata


@dataclass
class KB:
    engine: Engine
    folder: Path
    server: PostgresServer | None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KB]:
    """The test knowledge base (see kbdata), built once per backend."""
    folder = tmp_path_factory.mktemp(f"kb-{request.param}")
    if request.param == "sqlite":
        engine = kbdata.build(f"sqlite:///{folder / 'kb.db'}", folder)
        yield KB(engine, folder, None)
        engine.dispose()
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"t_queries_{uuid.uuid4().hex[:8]}"
    engine = kbdata.build(create_database(server, name), folder)
    try:
        yield KB(engine, folder, server)
    finally:
        engine.dispose()
        drop_database(server, name)


@pytest.fixture
def scratch(kb: KB) -> Iterator[Engine]:
    """A copy of the knowledge base that a test may change."""
    url = kbdata.clone(kb.engine, kb.folder, kb.server)
    engine = open_database(url)
    try:
        yield engine
    finally:
        engine.dispose()
        if kb.server is not None and engine.url.database:
            drop_database(kb.server, engine.url.database)


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def nyt_id(engine: Engine) -> int:
    with Session(engine) as session:
        return session.execute(
            select(ArticleRow.id).where(ArticleRow.headline == kbdata.NYT_HEADLINE)
        ).scalar_one()


# -- the query language, without a database ------------------------------------------


def test_parse_query_reads_words_phrases_or_and_minus() -> None:
    parsed = q.parse_query('back-channel "supreme leader" Iran OR Oman -Vienna')
    assert parsed.clauses == [["back-channel"], ["supreme leader"], ["Iran", "Oman"]]
    assert parsed.excluded == ["Vienna"]
    assert q.parse_query('"unbalanced phrase').clauses == [["unbalanced phrase"]]
    assert q.parse_query("OR or -- * ( ) ^ :").clauses == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("back-channel talks", '("back-channel") AND ("talks")'),
        ('"supreme leader" OR Khamenei', '("supreme leader" OR "Khamenei")'),
        ("Iran -Oman", '(("Iran")) NOT ("Oman")'),
        ('"; DROP TABLE articles; --', '("; DROP TABLE articles; --")'),
        ("NEAR(", '("NEAR(")'),
        ("headline:iran", '("headline:iran")'),
        ("*", None),
        ('""', None),
        ("", None),
    ],
)
def test_fts5_query_quotes_every_term(text: str, expected: str | None) -> None:
    assert q.fts5_query(text) == expected


def test_websearch_text_is_the_same_query_for_postgresql() -> None:
    assert q.websearch_text('back-channel "supreme leader" Iran OR Oman -Vienna') == (
        '"back-channel" "supreme leader" "Iran" or "Oman" -"Vienna"'
    )
    assert q.websearch_text('"; DROP TABLE articles; --') == '"; DROP TABLE articles; --"'
    assert q.websearch_text("OR -") is None


def test_date_bounds_take_years_months_and_days() -> None:
    assert q.date_bound("2017") == dt.date(2017, 1, 1)
    assert q.date_bound("2017", end=True) == dt.date(2017, 12, 31)
    assert q.date_bound("2016-02", end=True) == dt.date(2016, 2, 29)
    assert q.date_bound("2018-01-11") == dt.date(2018, 1, 11)
    assert q.date_bound(dt.date(2018, 1, 11), end=True) == dt.date(2018, 1, 11)
    for bad in ("2017-13", "last May", "2017/05/01", "20170501"):
        with pytest.raises(QueryError, match="not a date"):
            q.date_bound(bad)


# -- search ----------------------------------------------------------------------------


def test_search_ranks_the_nyt_article_first_with_the_hit_marked(kb: KB) -> None:
    hits = q.search(kb.engine, "back-channel talks")
    assert [h.headline for h in hits] == [kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE]
    first = hits[0]
    assert first.article == nyt_id(kb.engine)
    assert q.article_number(kb.engine, first.article_id) == first.article  # its own id too
    assert first.outlet == "New York Times"
    assert first.published == "2018-01-11"
    assert first.key.startswith("sha256:")
    assert first.rank >= hits[1].rank
    # SQLite marks the phrase, PostgreSQL each stemmed word of it.
    assert "[back-channel] [talks]" in first.snippet or "[back]-[channel] [talks]" in first.snippet
    assert "<" not in first.snippet  # plain text, no HTML


def test_search_filters_by_date_outlet_and_event_type(kb: KB) -> None:
    every = q.search(kb.engine, "Iran")
    assert {h.headline for h in every} >= {kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE}
    later = q.search(kb.engine, "Iran", since="2018-01-12")
    assert kbdata.COPY_HEADLINE in {h.headline for h in later}
    assert kbdata.NYT_HEADLINE not in {h.headline for h in later}
    assert all(h.published and h.published >= "2018-01-12" for h in later)
    in_january = q.search(kb.engine, "prisoners", since="2018-01", until="2018-01")
    assert {h.published for h in in_january} == {"2018-01-11", "2018-01-12"}
    assert q.search(kb.engine, "prisoners", until="2017") == []
    assert {h.outlet for h in q.search(kb.engine, "Iran", outlet="new york TIMES")} == {
        "New York Times"
    }
    assert q.search(kb.engine, "Iran", outlet="Reuters") == [
        h for h in q.search(kb.engine, "Iran") if h.outlet == "Reuters"
    ]
    rejecting = q.search(kb.engine, "Iran", type="reject")
    assert {h.headline for h in rejecting} == {kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE}
    assert q.search(kb.engine, "Ukraine", type="REJECT") == []


def test_search_pages_with_limit_and_offset(kb: KB) -> None:
    every = q.search(kb.engine, "said", limit=50)
    assert len(every) >= 4
    assert [h.article_id for h in q.search(kb.engine, "said", limit=2)] == [
        h.article_id for h in every[:2]
    ]
    assert [h.article_id for h in q.search(kb.engine, "said", limit=2, offset=2)] == [
        h.article_id for h in every[2:4]
    ]


def test_search_supports_phrases_or_and_minus(kb: KB) -> None:
    phrase = q.search(kb.engine, '"supreme leader"')
    assert {h.headline for h in phrase} == {kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE}
    assert q.search(kb.engine, '"leader supreme"') == []
    either = {h.headline for h in q.search(kb.engine, "Taraghi OR Ukrenergo")}
    assert kbdata.NYT_HEADLINE in either
    assert "Ukraine says Russian strikes hit energy facilities in three regions" in either
    assert q.search(kb.engine, "Taraghi -Khamenei") == []


NASTY = [
    '"; DROP TABLE articles; --',
    "'; DROP TABLE articles; --",
    '"unbalanced',
    'unbalanced" quote "',
    "NEAR(",
    "NEAR(Iran Oman, 5)",
    "Iran AND",
    "OR",
    "NOT Iran",
    "headline:Iran",
    "text : Iran",
    "Iran*",
    "^Iran",
    "(Iran",
    "Iran)",
    "{headline text}: Iran",
    "-",
    "- -Iran",
    "\x00",
    "ﬁ ünïcödé 漢字 🙂",
    "Iran " * 200,
]


@pytest.mark.parametrize("text", NASTY)
def test_search_never_raises_on_hostile_input(kb: KB, text: str) -> None:
    articles = count(kb.engine, ArticleRow)
    hits = q.search(kb.engine, text)
    assert isinstance(hits, list)
    assert count(kb.engine, ArticleRow) == articles == kbdata.ARTICLES


@pytest.mark.parametrize(
    "text", ['"; DROP TABLE articles; --', "'; DROP TABLE articles; --", '"unbalanced', "-", "OR"]
)
def test_search_finds_nothing_for_sql_and_broken_syntax(kb: KB, text: str) -> None:
    assert q.search(kb.engine, text) == []
    assert count(kb.engine, ArticleRow) == kbdata.ARTICLES
    assert q.search(kb.engine, "Taraghi")  # the index still answers


def test_search_hits_of_an_operator_word_are_that_word(kb: KB) -> None:
    for hit in q.search(kb.engine, "NEAR("):  # the word "near", as a word
        assert "[near" in hit.snippet.lower()


# -- entities --------------------------------------------------------------------------


def test_entity_profile_of_taraghi(kb: KB) -> None:
    profile = q.entity_profile(kb.engine, "Taraghi")
    assert profile is not None
    assert profile.name == "Hamidreza Taraghi"
    assert profile.type == "PERSON"
    assert profile.country == "IRN"
    assert "Taraghi" in profile.aliases
    assert profile.article_count == 2  # the NYT article and its copy
    spans = {(s.kind, s.value): s for s in profile.roles_over_time}
    official = spans[("role", "official")]
    assert (official.first_seen, official.last_seen, official.articles) == (
        "2018-01-11",
        "2018-01-12",
        2,
    )
    assert ("role", "adviser to the hard-liners around the supreme leader") in spans
    in_nyt = [x for x in profile.quotes if x.article == nyt_id(kb.engine)]
    quoted = [x.text for x in in_nyt if x.kind in ("direct", "partial")]
    assert len(quoted) == 5
    assert "old news" in quoted
    assert "Anyway, ... This is old news, already from last summer." in quoted
    assert all(x.speaker == "Hamidreza Taraghi" for x in profile.quotes)
    assert profile.quote_count == len(profile.quotes) == 16
    # The coder makes Iran the source of the rejection Taraghi reports: he is
    # its reporter, not its source.
    assert profile.source_event_count == len(profile.events_as_source)
    reported = {(e.type, e.source_code, e.target_code) for e in profile.events_reported}
    assert ("REJECT", "IRN", "USAGOV") in reported
    assert profile.reported_event_count >= 1
    assert [a.published for a in profile.articles] == ["2018-01-12", "2018-01-11"]
    co = {c.name: c.shared_articles for c in profile.co_mentioned}
    assert co["Iran"] == 2 and co["Ali Khamenei"] == 2
    assert len(profile.co_mentioned) <= 10
    assert json.loads(json.dumps(profile.to_dict()))["name"] == "Hamidreza Taraghi"


def test_entity_profile_events_as_source_and_target(kb: KB) -> None:
    iran = q.entity_profile(kb.engine, "Iran")
    assert iran is not None and iran.code == "IRN"
    assert {e.type for e in iran.events_as_source} >= {"REJECT", "CONSULT"}
    assert {e.type for e in iran.events_as_target} >= {"THREATEN"}
    assert all(tuple(e.to_dict()) == EVENT_COLUMNS for e in iran.events_as_source)
    limited = q.entity_profile(kb.engine, "Iran", limit=1)
    assert limited is not None
    assert len(limited.events_as_source) == 1 < limited.source_event_count


def test_entity_lookup_by_id_alias_and_case(kb: KB) -> None:
    taraghi = q.entity_profile(kb.engine, "Hamidreza Taraghi")
    assert taraghi is not None
    by_id = q.entity_profile(kb.engine, str(taraghi.id))
    assert by_id is not None and by_id.name == "Hamidreza Taraghi"
    assert q.entity_profile(kb.engine, taraghi.id) == by_id
    lower = q.entity_profile(kb.engine, "hamidreza taraghi")
    assert lower is not None and lower.id == taraghi.id
    alias_lower = q.entity_profile(kb.engine, "TARAGHI")
    assert alias_lower is not None and alias_lower.id == taraghi.id
    # "Tehran" is the city, and the name Iran's government goes by: the exact
    # name wins, the alias is offered.
    tehran = q.entity_profile(kb.engine, "Tehran")
    assert tehran is not None and tehran.name == "Tehran"
    assert [o.name for o in tehran.others] == ["Iran"]
    assert q.entity_profile(kb.engine, "Nobody Atall") is None
    assert q.entity_profile(kb.engine, 10**9) is None
    assert q.entity_profile(kb.engine, "  ") is None


# -- quotes ----------------------------------------------------------------------------


def test_quotes_by_speaker_and_date(kb: KB) -> None:
    taraghi = list(q.quotes(kb.engine, speaker="Taraghi"))
    assert len(taraghi) == 16
    assert {x.speaker for x in taraghi} == {"Hamidreza Taraghi"}
    assert all(tuple(x.to_dict()) == q.QUOTE_COLUMNS for x in taraghi)
    assert [x.published for x in taraghi] == sorted((x.published for x in taraghi), reverse=True)
    speaker_id = taraghi[0].speaker_id
    assert list(q.quotes(kb.engine, speaker=speaker_id)) == taraghi
    assert list(q.quotes(kb.engine, speaker=str(speaker_id))) == taraghi
    day = list(q.quotes(kb.engine, speaker="Hamidreza Taraghi", since="2018-01-12"))
    assert len(day) == 8 and {x.published for x in day} == {"2018-01-12"}
    assert len(list(q.quotes(kb.engine, speaker="Taraghi", until="2018-01-11"))) == 8
    assert len(list(q.quotes(kb.engine, speaker="Taraghi", limit=3))) == 3
    assert list(q.quotes(kb.engine, speaker="Nobody Atall")) == []
    journal = list(q.quotes(kb.engine, speaker="The Wall Street Journal"))
    assert journal and "Another effort was made" in journal[0].text
    every = list(q.quotes(kb.engine, limit=None))
    assert len(every) == count(kb.engine, QuoteRow)


# -- events ----------------------------------------------------------------------------


def test_event_rows_find_the_rejection(kb: KB) -> None:
    rows = list(q.event_rows(kb.engine, source="IRN", target="USA", type="REJECT"))
    assert len(rows) == 2  # the NYT article and its copy
    for row in rows:
        assert tuple(row) == EVENT_COLUMNS
        assert row["source_code"] == "IRN" and row["target_code"] == "USAGOV"
        assert row["sentence"].startswith("But Taraghi, an adviser to the hard-liners")
        assert "Iran had rejected the entreaties" in row["sentence"]
        assert row["reported_by"] == "Hamidreza Taraghi"
    assert [r["published"] for r in rows] == ["2018-01-11", "2018-01-12"]
    by_name = list(q.event_rows(kb.engine, source="Iran", target="Trump administration"))
    assert [r for r in by_name if r["type"] == "REJECT"] == rows
    assert list(q.event_rows(kb.engine, source="USA", target="IRN", type="REJECT")) == []
    assert list(q.event_rows(kb.engine, source="I%", type="REJECT")) == []  # % is no wildcard


def test_event_rows_are_the_rows_the_analysis_gives(kb: KB) -> None:
    import newsgraph

    analysis = newsgraph.analyze(kbdata.NYT.read_text(encoding="utf-8"), date=kbdata.NYT_DATE)
    expected = sorted(
        (event_row(analysis, e) for e in analysis.events), key=lambda r: r["event_id"]
    )
    stored = sorted(
        (r for r in q.event_rows(kb.engine) if r["article_id"] == analysis.article.id),
        key=lambda r: r["event_id"],
    )
    assert all(r["story_id"] for r in stored)  # known once stored, not from one analysis
    assert [{**r, "story_id": None} for r in stored] == expected


def test_event_rows_by_date_at_the_event_precision(kb: KB) -> None:
    dates = [r["date"] for r in q.event_rows(kb.engine)]
    assert dates == sorted(dates)
    assert "2017-12" in dates and "2017-05" in dates
    december = [r["date"] for r in q.event_rows(kb.engine, since="2017-12", until="2017-12")]
    assert december and set(december) == {"2017-12"}
    # An event dated "2017-12" overlaps any part of December 2017.
    assert "2017-12" in [r["date"] for r in q.event_rows(kb.engine, since="2017-12-15")]
    assert "2017-05" in [r["date"] for r in q.event_rows(kb.engine, until="2017-05-10")]
    later = [r["date"] for r in q.event_rows(kb.engine, since="2018-01-12")]
    assert later and min(later) == "2018-01-12"
    assert len(list(q.event_rows(kb.engine, limit=3))) == 3


def test_events_are_typed_rows_with_links_to_their_articles(kb: KB) -> None:
    typed = list(q.events(kb.engine, source="IRN", target="USA", type="REJECT"))
    assert [e.to_dict() for e in typed] == list(
        q.event_rows(kb.engine, source="IRN", target="USA", type="REJECT")
    )
    linked = list(q.linked_events(kb.engine, source="IRN", target="USA", type="REJECT"))
    assert [e.event_id for e in linked] == [e.event_id for e in typed]
    assert nyt_id(kb.engine) in {e.article for e in linked}
    assert "REJECT" in q.event_types(kb.engine)


def test_entity_events_and_the_articles_neighbours_share(kb: KB) -> None:
    iran = q.entity_profile(kb.engine, "Iran")
    assert iran is not None
    found = q.entity_events(kb.engine, iran.id, [iran.name, *iran.aliases], limit=100)
    assert {e.type for e in found.source} >= {"REJECT", "CONSULT"}
    assert len(found.source) == iran.source_event_count
    assert all(e.article > 0 for e in found.source + found.target)
    neighbours = [c.id for c in iran.co_mentioned]
    shared = q.shared_articles(kb.engine, neighbours, among=iran.id)
    assert shared and all(a < b and n >= 1 for (a, b), n in shared.items())
    assert q.entity_name(kb.engine, iran.id) == "Iran"
    assert q.entity_name(kb.engine, 10**9) is None


def test_snippets_of_some_articles_are_those_of_the_search(kb: KB) -> None:
    for text in ("back-channel talks", "Iran OR sanctions -prisoners", "report"):
        hits = q.search(kb.engine, text, limit=50)
        assert hits, text
        wanted = [h.article for h in hits[::2]]
        assert q.snippets(kb.engine, text, wanted) == {
            h.article: h.snippet for h in hits if h.article in wanted
        }
    assert q.snippets(kb.engine, "back-channel talks", []) == {}
    assert q.snippets(kb.engine, "the", [nyt_id(kb.engine)]) == {}  # nothing to search for
    assert q.snippets(kb.engine, "zzzzqqq", [nyt_id(kb.engine)]) == {}  # no match


def test_an_entity_page_reads_what_the_profile_and_the_listings_give(kb: KB) -> None:
    for name in ("Iran", "Hamidreza Taraghi", "United States"):
        profile = q.entity_profile(kb.engine, name, limit=5, co_limit=4)
        assert profile is not None
        names = [profile.name, *profile.aliases]
        for events in (300, 1):
            page = q.entity_page_data(kb.engine, profile.id, limit=5, co_limit=4, events=events)
            assert page is not None
            lists = ("quotes", "events_as_source", "events_as_target", "events_reported")
            assert all(getattr(page.profile, field) == [] for field in lists)
            assert replace(
                page.profile, **{field: getattr(profile, field) for field in lists}
            ) == replace(profile, others=[])
            assert page.events == q.entity_events(kb.engine, profile.id, names, limit=events)
            assert page.quotes == list(q.quotes(kb.engine, speaker=profile.id, limit=20))
            ids = [c.id for c in profile.co_mentioned]
            assert page.shared == q.shared_articles(kb.engine, ids)
            assert page.months == q.entity_months(kb.engine, profile.id)
        second = q.entity_page_data(kb.engine, profile.id, quote_offset=1, quotes=2)
        assert second is not None
        assert second.quotes == list(q.quotes(kb.engine, speaker=profile.id, limit=3))[1:]
    assert q.entity_page_data(kb.engine, 10**9) is None
    assert q.entity_page_data(kb.engine, 2**70) is None


def test_an_entitys_newest_articles_read_either_way_are_the_same(kb: KB) -> None:
    from newsgraph.store.read import profiles

    with kb.engine.connect() as connection:
        ids = connection.execute(select(EntityRow.id)).scalars().all()
        for entity in ids[:40]:
            for limit in (1, 3, 20):
                given = {"entity": entity, "limit": limit}
                read = [
                    connection.execute(statement, given).all()
                    for statement in (
                        profiles._NEWEST_ARTICLES,
                        profiles._NEWEST_ARTICLES_SCANNED,
                    )
                ]
                assert read[0] == read[1]


def test_facets_counted_from_the_hits_are_the_databases(kb: KB) -> None:
    iran = q.find_entities(kb.engine, "Iran")[0].id
    for text in ("Iran", "report OR prisoners", "talks"):
        hits = q.search(kb.engine, text, limit=500, snippets=False)
        ids = [h.article for h in hits]
        assert hits, text
        for entity, outlet in ((None, None), (iran, None), (None, "New York Times")):
            given = {"since": None, "until": None, "type": None}
            with_hits = q.facets(
                kb.engine, within=ids, hits=hits, entity=entity, outlet=outlet, **given
            )
            assert with_hits == q.facets(
                kb.engine, within=ids, entity=entity, outlet=outlet, **given
            )
        # hits that are not those ``within``: the database counts
        assert q.facets(
            kb.engine, within=ids[:1], hits=hits, since=None, until=None, outlet=None, type=None,
            entity=None,
        ) == q.facets(
            kb.engine, within=ids[:1], since=None, until=None, outlet=None, type=None, entity=None
        )  # fmt: skip


def test_facets_and_filters_of_a_search(kb: KB) -> None:
    every = q.facets(kb.engine, since=None, until=None, outlet=None, type=None, entity=None)
    assert sum(n for _, n in every.years) == kbdata.ARTICLES
    rejecting_total = q.list_articles(kb.engine, event_type="REJECT").total
    assert ("REJECT", rejecting_total) in every.types
    hits = [h.article for h in q.search(kb.engine, "Iran")]
    rejecting = q.matching_ids(
        kb.engine, hits, since=None, until=None, outlet=None, type="REJECT", entity=None
    )
    assert rejecting == {h.article for h in q.search(kb.engine, "Iran", type="REJECT")}
    assert q.database_answers(kb.engine) == kb.backend


def test_articles_page_and_one_article_with_its_analysis(kb: KB) -> None:
    page = q.list_articles(kb.engine, limit=2)
    assert page.total == kbdata.ARTICLES and page.next_offset == 2 and len(page.items) == 2
    view = q.article_view(kb.engine, nyt_id(kb.engine))
    assert view is not None and view.article.headline == kbdata.NYT_HEADLINE
    assert [c.headline for c in view.copies] == [kbdata.COPY_HEADLINE]
    text = view.article.text
    assert all(text[m.start : m.end] == m.text for e in view.entities for m in e.mentions
               if m.field == "text")  # fmt: skip
    assert list(view.to_dict()["events"][0]["source"]) == ["name", "code", "entity"]
    assert q.article_view(kb.engine, 10**9) is None


# -- stories ---------------------------------------------------------------------------


def test_stories_group_the_syndicated_copy(kb: KB) -> None:
    found = q.stories(kb.engine)
    assert len(found) == 1
    story = found[0]
    assert story.size == 2
    assert story.first_published == "2018-01-11"
    assert [c.headline for c in story.copies] == [kbdata.NYT_HEADLINE, kbdata.COPY_HEADLINE]
    assert [c.published for c in story.copies] == ["2018-01-11", "2018-01-12"]
    assert story.copies[0].article == nyt_id(kb.engine)
    every = q.stories(kb.engine, min_size=1)
    assert [s.size for s in every] == [2] + [1] * (kbdata.ARTICLES - 2)
    assert q.stories(kb.engine, min_size=3) == []
    assert len(q.stories(kb.engine, min_size=1, limit=2)) == 2


# -- exports ---------------------------------------------------------------------------

TABLES = {"articles": ArticleRow, "entities": EntityRow, "quotes": QuoteRow, "events": EventRow}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", ["articles", "entities", "quotes", "events"])
def test_export_reads_back(kb: KB, tmp_path: Path, what: str, fmt: str) -> None:
    path = tmp_path / f"{what}.{fmt}"
    written = q.export(kb.engine, what, fmt, path)
    expected = count(kb.engine, TABLES[what])
    assert written == expected > 0
    columns = list(q.EXPORT_COLUMNS[what])
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        assert table.column_names == columns
        assert table.num_rows == expected
        rows = table.to_pylist()
    elif fmt == "csv":
        with path.open(newline="", encoding="utf-8") as stream:
            reader = csv.DictReader(stream)
            rows = list(reader)
        assert reader.fieldnames == columns
        assert len(rows) == expected
    else:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == expected
        assert all(list(r) == columns for r in rows)
    if what == "events":
        assert tuple(columns) == EVENT_COLUMNS
        reject = [r for r in rows if r["type"] == "REJECT" and r["source_code"] == "IRN"]
        assert len(reject) == 2 and "Iran had rejected" in reject[0]["sentence"]
    if what == "entities":
        taraghi = next(r for r in rows if r["name"] == "Hamidreza Taraghi")
        aliases = taraghi["aliases"]
        assert "Taraghi" in (json.loads(aliases) if fmt == "csv" else aliases)
        assert int(taraghi["mentions"]) == 20 and int(taraghi["articles"]) == 2
    if what == "articles":
        nyt = next(r for r in rows if r["headline"] == kbdata.NYT_HEADLINE)
        assert nyt["published"] == "2018-01-11"
        assert "Hamidreza Taraghi" in nyt["text"]


def test_export_to_a_stream_and_bad_requests(kb: KB, tmp_path: Path) -> None:
    out = io.StringIO()
    assert q.export(kb.engine, "quotes", "jsonl", out) == count(kb.engine, QuoteRow)
    first = json.loads(out.getvalue().splitlines()[0])
    assert list(first) == list(q.QUOTE_EXPORT_COLUMNS)
    with pytest.raises(QueryError, match="parquet needs a file"):
        q.export(kb.engine, "events", "parquet", "-")
    with pytest.raises(QueryError, match="export one of"):
        q.export(kb.engine, "sentences", "csv", tmp_path / "x.csv")
    with pytest.raises(QueryError, match="export as one of"):
        q.export(kb.engine, "events", "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(QueryError, match="cannot write"):
        q.export(kb.engine, "events", "csv", tmp_path / "no" / "such" / "x.csv")


def test_export_to_standard_output(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    assert q.export(kb.engine, "events", "csv", "-") == count(kb.engine, EventRow)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(EVENT_COLUMNS)
    assert len(list(csv.reader(lines[1:]))) >= count(kb.engine, EventRow)


def test_export_of_an_empty_table_still_has_its_columns(scratch: Engine, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Session(scratch) as session, session.begin():
        session.execute(EventRow.__table__.delete())
    path = tmp_path / "events.parquet"
    assert q.export(scratch, "events", "parquet", path) == 0
    assert pq.read_table(path).column_names == list(EVENT_COLUMNS)


# -- curation --------------------------------------------------------------------------


def _state(engine: Engine, name: str) -> dict[str, object]:
    """An entity as the knowledge base holds it, independent of its id."""
    profile = q.entity_profile(engine, name, limit=1000)
    assert profile is not None and profile.name == name
    with Session(engine) as session:
        articles = sorted(
            session.execute(
                select(ArticleEntityRow.article_id, ArticleEntityRow.local_id).where(
                    ArticleEntityRow.entity_id == profile.id
                )
            ).all()
        )
        mentions = session.execute(
            select(func.count()).where(MentionRow.entity_id == profile.id)
        ).scalar_one()
    return {
        "key": profile.key,
        "type": profile.type,
        "country": profile.country,
        "code": profile.code,
        "aliases": sorted(profile.aliases),
        "titles": sorted(profile.titles),
        "roles": sorted(profile.roles),
        "article_entities": articles,
        "mentions": mentions,
        "quotes": sorted(x.quote_id for x in profile.quotes),
        "as_source": sorted((e.article_id, e.event_id) for e in profile.events_as_source),
        "as_target": sorted((e.article_id, e.event_id) for e in profile.events_as_target),
    }


@pytest.mark.parametrize(
    ("keep", "gone"),
    [
        ("Hamidreza Taraghi", "Ali Khamenei"),  # people in the same articles
        ("Iran", "Trump administration"),  # both sides of the same events
        ("Iran", "Ukraine"),  # entities of different articles
    ],
)
def test_merge_then_split_round_trips(scratch: Engine, keep: str, gone: str) -> None:
    before = {name: _state(scratch, name) for name in (keep, gone)}
    entities = count(scratch, EntityRow)
    keep_id = q.find_entities(scratch, keep)[0].id
    gone_id = q.find_entities(scratch, gone)[0].id

    merge_entities(scratch, keep_id, gone_id)
    assert count(scratch, EntityRow) == entities - 1
    merged = _state(scratch, keep)
    assert gone in merged["aliases"]
    assert merged["mentions"] == before[keep]["mentions"] + before[gone]["mentions"]
    assert merged["article_entities"] == sorted(
        before[keep]["article_entities"] + before[gone]["article_entities"]
    )
    assert merged["quotes"] == sorted(before[keep]["quotes"] + before[gone]["quotes"])
    assert [b.id for b in q.find_entities(scratch, gone)] == [keep_id]  # by alias now
    with Session(scratch) as session:
        for column in (
            ArticleEntityRow.entity_id,
            MentionRow.entity_id,
            QuoteRow.speaker_id,
            EventRow.source_entity_id,
            EventRow.target_entity_id,
        ):
            left = session.execute(select(func.count()).where(column == gone_id)).scalar_one()
            assert left == 0, column

    new_id = split_entity(scratch, keep_id, gone)
    assert new_id != gone_id
    assert count(scratch, EntityRow) == entities
    assert {name: _state(scratch, name) for name in (keep, gone)} == before


def test_merge_and_split_refuse_what_cannot_be(scratch: Engine) -> None:
    iran = q.find_entities(scratch, "Iran")[0].id
    taraghi = q.find_entities(scratch, "Hamidreza Taraghi")[0].id
    with pytest.raises(QueryError, match="into itself"):
        merge_entities(scratch, iran, iran)
    with pytest.raises(QueryError, match="no such entity"):
        merge_entities(scratch, iran, 10**9)
    with pytest.raises(QueryError, match="no such entity"):
        split_entity(scratch, 10**9, "Iran")
    with pytest.raises(QueryError, match="no article calls it"):
        split_entity(scratch, taraghi, "Ali Khamenei")
    with pytest.raises(QueryError, match="nothing to split off"):
        split_entity(scratch, taraghi, "Taraghi")  # every article calls him that too
    with pytest.raises(QueryError, match="not a name"):
        split_entity(scratch, taraghi, " -- ")


def test_split_keeps_the_articles_that_use_both_names(engine: Engine, tmp_path: Path) -> None:
    """As documented: the articles that call the entity only ALIAS move; an
    article that calls it by both names stays."""
    stories = {
        "a.txt": "Trade minister Chidi Okonkwo opened talks in Lagos. Okonkwo said they went well.",
        "b.txt": "Chidi Okonkwo spoke in Abuja on Monday about the budget for Lagos state.",
        "c.txt": "Mr Okonkwo said on Tuesday that the harbour in Lagos would reopen soon.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    from newsgraph.runs import ingest

    ingest([str(tmp_path / n) for n in stories], engine)
    entity = q.find_entities(engine, "Chidi Okonkwo")[0]
    assert entity.name == "Chidi Okonkwo"
    with Session(engine) as session:
        before = session.scalars(
            select(ArticleEntityRow.name).where(ArticleEntityRow.entity_id == entity.id)
        ).all()
    assert sorted(before) == ["Chidi Okonkwo", "Chidi Okonkwo", "Okonkwo"]
    new_id = split_entity(engine, entity.id, "Okonkwo")
    with Session(engine) as session:
        kept = session.scalars(
            select(ArticleEntityRow.name).where(ArticleEntityRow.entity_id == entity.id)
        ).all()
        moved = session.scalars(
            select(ArticleEntityRow.name).where(ArticleEntityRow.entity_id == new_id)
        ).all()
    assert sorted(kept) == ["Chidi Okonkwo", "Chidi Okonkwo"]  # a.txt used both names: it stays
    assert moved == ["Okonkwo"]


def test_aliases_match_beyond_ascii(scratch: Engine) -> None:
    with Session(scratch) as session, session.begin():
        session.add(
            EntityRow(
                key="GPE:zurich",
                name="Zurich",
                type="GPE",
                aliases=["Zürich", "Zurich's"],
                titles=[],
                roles=[],
            )
        )
    for name in ("Zürich", "zürich", "Zurich", "zurich"):
        found = q.find_entities(scratch, name)
        assert [b.name for b in found] == ["Zurich"], name
    assert q.find_entities(scratch, "Zur") == []
    assert q.find_entities(scratch, "Zurich%") == []
