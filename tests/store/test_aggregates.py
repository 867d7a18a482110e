"""What every write keeps up to date (store.aggregates), on SQLite and
PostgreSQL: the knowledge base's version goes up with every write, and the
precomputed counts (entity_months, co_mentions) always equal a recount from
the stored facts, after an ingest, a replaced article, a merge, a split and
a deletion; the quotes' full-text index finds quote text and only that."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.runs import ingest
from newsgraph.store import read
from newsgraph.store.aggregates import kb_version, recount_entities
from newsgraph.store.curation import delete_article, merge_entities, split_entity
from newsgraph.store.schema import CoMentionCount, EntityMonthRow, EntityRow

from . import kbdata


def counts(engine: Engine) -> tuple[set[Any], set[Any]]:
    with engine.connect() as connection:
        months = {
            tuple(r)
            for r in connection.execute(
                select(
                    EntityMonthRow.entity_id,
                    EntityMonthRow.month,
                    EntityMonthRow.articles,
                    EntityMonthRow.mentions,
                    EntityMonthRow.quotes,
                    EntityMonthRow.events,
                )
            )
        }
        pairs = {tuple(r) for r in connection.execute(select(CoMentionCount.__table__))}
    return months, pairs


def assert_counts_are_a_recount(engine: Engine) -> None:
    kept = counts(engine)
    with Session(engine) as session:
        ids = list(session.scalars(select(EntityRow.id)))
        recount_entities(session, ids)
        session.commit()
    assert counts(engine) == kept


def test_aggregates_follow_every_write(engine: Engine, tmp_path: Path) -> None:
    assert kb_version(engine) == 0
    ingest([str(kbdata.NYT)], engine, date=kbdata.NYT_DATE)
    first = kb_version(engine)
    assert first >= 1
    months, pairs = counts(engine)
    assert months and pairs
    assert all(m[1] == kbdata.NYT_DATE.isoformat()[:7] for m in months)
    assert_counts_are_a_recount(engine)

    ingest([str(kbdata.syndicated_copy(tmp_path))], engine, date=kbdata.COPY_DATE)
    assert kb_version(engine) > first
    assert_counts_are_a_recount(engine)
    taraghi = read.find_entities(engine, "Hamidreza Taraghi")[0].id
    assert sum(m.articles for m in read.entity_months(engine, taraghi)) == 2

    changed = tmp_path / "changed.txt"  # the same article, edited: replaces the first
    changed.write_text(kbdata.NYT.read_text(encoding="utf-8") + "\n\nA late line.\n")
    ingest([str(changed)], engine, date=dt.date(2018, 2, 1))
    assert_counts_are_a_recount(engine)

    found = read.find(engine, "Namazi", type="PERSON")
    assert found.total >= 2
    keep, gone = found.items[0].id, found.items[1].id
    before = kb_version(engine)
    merge_entities(engine, keep, gone)
    assert kb_version(engine) == before + 1
    assert_counts_are_a_recount(engine)
    alias = found.items[1].name
    split_entity(engine, keep, alias)
    assert kb_version(engine) == before + 2
    assert_counts_are_a_recount(engine)

    some = read.list_articles(engine).items[0].id
    assert delete_article(engine, some)
    assert kb_version(engine) == before + 3
    assert_counts_are_a_recount(engine)


def test_quote_search_reads_the_quotes_own_text(engine: Engine) -> None:
    ingest([str(kbdata.NYT)], engine, date=kbdata.NYT_DATE)
    every = list(read.quotes(engine, limit=None))
    assert every
    found = list(read.quotes(engine, text="talks", limit=None))
    assert found and all("talk" in q.text.lower() for q in found)
    assert {q.quote_id for q in found} == {
        q.quote_id for q in every if "talk" in q.text.lower()
    }  # every quote with the word, and only those
    assert list(read.quotes(engine, text="the of", limit=None)) == []  # stop words only
    assert list(read.quotes(engine, text='") OR (', limit=None)) == []
    kinds = {q.kind for q in every}
    for kind in kinds:
        assert {q.quote_id for q in read.quotes(engine, kind=kind, limit=None)} == {
            q.quote_id for q in every if q.kind == kind
        }
