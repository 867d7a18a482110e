"""`newsgraph ingest` into SQLite and PostgreSQL: idempotent, crash-safe,
broken inputs reported and skipped, one entity across articles."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsgraph.article import parse_paths
from newsgraph.errors import InputError
from newsgraph.extract import analyze_articles
from newsgraph.runs import ingest
from newsgraph.store.db import open_database
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
    Run,
)

from ..conftest import DATA, ROOT

EXAMPLE = DATA / "nyt-iran-prisoners.txt"
SCRAPES = sorted((DATA / "scrapes").glob("*.txt"))


def count(engine, table) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def snapshot(engine) -> dict[str, object]:
    """What a knowledge base holds, independent of row ids and order."""
    with Session(engine) as session:
        articles = sorted(session.execute(select(ArticleRow.key, ArticleRow.content_hash)).all())
        entities = sorted(session.execute(select(EntityRow.key)).scalars())
        per_article = sorted(
            session.execute(
                select(ArticleRow.key, func.count(MentionRow.id))
                .join(MentionRow, MentionRow.article_id == ArticleRow.id)
                .group_by(ArticleRow.key)
            ).all()
        )
    return {
        "articles": articles,
        "entities": entities,
        "mentions": per_article,
        "quotes": count_in(engine, QuoteRow),
        "events": count_in(engine, EventRow),
    }


def count_in(engine, table) -> int:
    return count(engine, table)


def test_ingest_twice_adds_nothing(engine, db_url):
    first = ingest([str(EXAMPLE), *map(str, SCRAPES[:3])], engine, date=None)
    assert (first.read, first.stored, first.duplicates, first.failed) == (4, 4, 0, 0)
    before = snapshot(engine)
    second = ingest([str(EXAMPLE), *map(str, SCRAPES[:3])], engine)
    assert (second.read, second.stored, second.duplicates, second.failed) == (4, 0, 4, 0)
    assert snapshot(engine) == before
    with Session(engine) as session:
        runs = session.execute(select(Run).order_by(Run.id)).scalars().all()
        assert [(r.stored, r.duplicates, r.status) for r in runs] == [
            (4, 0, "finished"),
            (0, 4, "finished"),
        ]


def test_changed_version_of_a_url_replaces_the_old(engine, db_url, tmp_path):
    text = EXAMPLE.read_text("utf-8")
    record = {"url": "https://example.com/iran", "text": text, "published": "2018-01-11"}
    old = tmp_path / "old.jsonl"
    old.write_text(json.dumps(record) + "\n")
    ingest([str(old)], engine)
    changed = dict(record, text=text.replace("Hamidreza Taraghi", "Hamidreza Taraghi-Zadeh"))
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps(changed) + "\n")
    report = ingest([str(new)], engine)
    assert (report.stored, report.replaced, report.duplicates) == (1, 1, 0)
    assert count(engine, ArticleRow) == 1
    with Session(engine) as session:
        names = set(session.execute(select(ArticleEntityRow.name)).scalars())
    assert "Hamidreza Taraghi-Zadeh" in names and "Hamidreza Taraghi" not in names


def test_broken_inputs_are_reported_and_the_rest_stored(engine, db_url, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for scrape in SCRAPES[:3]:
        shutil.copy(scrape, folder / scrape.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    good = json.dumps({"url": "https://example.com/a", "text": EXAMPLE.read_text("utf-8")})
    (folder / "feed.jsonl").write_text(good + "\n{not json\n")
    report = ingest([str(folder)], engine)
    assert report.stored == 4 and report.failed == 3
    failed = {Path(where.split(":")[0]).name for where, _ in report.rejects}
    assert failed == {"empty.txt", "binary.txt", "feed.jsonl"}
    assert count(engine, ArticleRow) == 4


def test_one_entity_across_articles_and_namesakes_apart(engine, db_url, tmp_path):
    stories = {
        "a.txt": "Hamidreza Taraghi, an adviser in Tehran, said on Monday that talks had failed.",
        "b.txt": "Iranian officials met in Vienna. Hamidreza Taraghi said the meeting was useful.",
        "c.txt": "The adviser Hamidreza Taraghi criticized the plan. Taraghi said it would fail.",
        "d.txt": "Baquer Namazi, 81, and his son Siamak Namazi were convicted in Tehran.",
        "e.txt": "John Smith, a British diplomat, arrived in Cairo on Sunday for talks.",
        "f.txt": "John Smith, an American businessman, opened a factory in Ohio on Friday.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text)
    ingest([str(tmp_path / n) for n in stories], engine)
    with Session(engine) as session:
        rows = session.execute(
            select(EntityRow.name, EntityRow.country, func.count(ArticleEntityRow.id))
            .join(ArticleEntityRow, ArticleEntityRow.entity_id == EntityRow.id)
            .where(EntityRow.type == "PERSON")
            .group_by(EntityRow.id, EntityRow.name, EntityRow.country)
        ).all()
    people = {(name, country): n for name, country, n in rows}
    taraghi = [n for (name, _), n in people.items() if name == "Hamidreza Taraghi"]
    assert taraghi == [3]  # one entity, in all three articles
    assert {name for name, _ in people} >= {"Baquer Namazi", "Siamak Namazi"}
    smiths = [(name, country) for name, country in people if name == "John Smith"]
    assert sorted(c or "" for _, c in smiths) == ["GBR", "USA"]


def test_a_country_taken_from_the_articles_home_does_not_split_a_person(engine, tmp_path):
    """Sarah Jenkins is unplaced in a British and in an American story: each
    analysis gives her its home country (``country_source: home``), which is
    no evidence of who she is, so the knowledge base keeps one entity."""
    stories = {
        "uk.txt": "MPs in London said Britain needed new rules on housing. The British "
        "government agreed on Tuesday. Mrs Sarah Jenkins criticised the plan in Manchester.",
        "us.txt": "Farm prices in Iowa and Kansas fell for a third month, the U.S. Department "
        "of Agriculture in Washington said. Mrs Sarah Jenkins said she was worried.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text)
    articles = [a for a in parse_paths([str(tmp_path / n) for n in stories])]
    analysed = list(analyze_articles([a for a in articles if not isinstance(a, InputError)]))
    homes = {
        e.attributes.get("country")
        for a in analysed
        for e in a.entities
        if e.name == "Sarah Jenkins" and e.attributes.get("country_source") == "home"
    }
    assert homes == {"GBR", "USA"}  # each article's own
    assert ingest([str(tmp_path / n) for n in stories], engine).stored == 2
    with Session(engine) as session:
        rows = session.execute(
            select(EntityRow.id, EntityRow.country).where(EntityRow.name == "Sarah Jenkins")
        ).all()
    assert len(rows) == 1 and rows[0][1] is None


def test_a_bare_surname_joins_the_one_full_name_of_the_knowledge_base(engine, tmp_path):
    """ "Mr Okonkwo" in an article that never gives his first name is the
    Chidi Okonkwo stored before; with two stored Okonkwos it stays apart."""
    stories = {
        "a.txt": "Trade minister Chidi Okonkwo opened talks in Lagos on Monday.",
        "b.txt": "Mr Okonkwo said on Tuesday that the talks had gone well for Lagos.",
        "c.txt": "Ngozi Adeyemi and her colleague Bola Adeyemi spoke in Abuja on Monday.",
        "d.txt": "Mr Adeyemi said on Wednesday that the budget in Abuja was too small.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text)
    ingest([str(tmp_path / n) for n in stories], engine)
    with Session(engine) as session:
        rows = session.execute(
            select(EntityRow.id, EntityRow.name, func.count(ArticleEntityRow.id))
            .join(ArticleEntityRow, ArticleEntityRow.entity_id == EntityRow.id)
            .where(EntityRow.type == "PERSON")
            .group_by(EntityRow.id, EntityRow.name)
        ).all()
        aliases = {row.id: row.aliases for row in session.execute(select(EntityRow)).scalars()}
    people = {name: (aliases[id_], n) for id_, name, n in rows}
    assert people["Chidi Okonkwo"][1] == 2 and "Okonkwo" in people["Chidi Okonkwo"][0]
    assert "Okonkwo" not in people
    assert "Adeyemi" in people  # two stored Adeyemis: the bare surname stays its own


def _ingest_process(folder: Path, db_url: str, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", db_url, *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_kill_9_mid_ingest_then_resume_equals_an_uninterrupted_run(engine, db_url, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for scrape in SCRAPES[:30]:
        shutil.copy(scrape, folder / scrape.name)
    process = _ingest_process(folder, db_url, "--batch-size", "2")
    deadline = time.monotonic() + 120
    while count(engine, ArticleRow) < 4 and time.monotonic() < deadline:
        if process.poll() is not None:
            _, err = process.communicate()
            raise AssertionError(err)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    partial = count(engine, ArticleRow)
    assert 4 <= partial < 30, partial
    resumed = _ingest_process(folder, db_url, "--batch-size", "2")
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert f"duplicates {partial}" in err
    reference = open_database(str(tmp_path / "reference.db"))  # uninterrupted, same input
    ingest([str(folder)], reference)
    assert snapshot(engine) == snapshot(reference)
    reference.dispose()


def test_two_workers_store_what_one_does(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for scrape in SCRAPES[:12]:
        shutil.copy(scrape, folder / scrape.name)
    one = open_database(str(tmp_path / "one.db"))
    two = open_database(str(tmp_path / "two.db"))
    ingest([str(folder)], one, workers=1)
    report = ingest([str(folder)], two, workers=2)
    assert report.stored == 12 and report.failed == 0
    assert snapshot(one) == snapshot(two)
    one.dispose()
    two.dispose()


def test_a_merge_holds_for_articles_ingested_later(engine, tmp_path):
    from newsgraph.store.curation import merge_entities
    from newsgraph.store.read import find_entities

    (tmp_path / "a.txt").write_text(
        "Hamidreza Taraghi, an adviser in Tehran, said talks had failed."
    )
    (tmp_path / "b.txt").write_text(
        "Hamid Reza Taraghi, an adviser in Tehran, said the plan would fail."
    )
    ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], engine)
    [keep] = find_entities(engine, "Hamidreza Taraghi")
    [gone] = find_entities(engine, "Hamid Reza Taraghi")
    merge_entities(engine, keep.id, gone.id)
    (tmp_path / "c.txt").write_text(
        "Hamid Reza Taraghi said on Friday that Iran would not negotiate."
    )
    people = select(func.count()).select_from(EntityRow).where(EntityRow.type == "PERSON")
    with Session(engine) as session:
        before = session.execute(people).scalar_one()
    ingest([str(tmp_path / "c.txt")], engine)
    with Session(engine) as session:
        names = (
            session.execute(select(EntityRow.name).where(EntityRow.type == "PERSON"))
            .scalars()
            .all()
        )
        linked = session.execute(
            select(func.count())
            .select_from(ArticleEntityRow)
            .where(ArticleEntityRow.entity_id == keep.id)
        ).scalar_one()
        after = session.execute(people).scalar_one()
    assert names.count("Hamid Reza Taraghi") == 0 and linked == 3
    assert after == before  # no person created again


def test_two_ingests_at_once_store_everything_once(engine, db_url, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    for scrape in SCRAPES[:10]:
        shutil.copy(scrape, one / scrape.name)
    for scrape in SCRAPES[5:15]:  # half of them in both
        shutil.copy(scrape, two / scrape.name)
    first = _ingest_process(one, db_url, "--batch-size", "3")
    second = _ingest_process(two, db_url, "--batch-size", "3")
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    assert count(engine, ArticleRow) == 15
    reference = open_database(str(tmp_path / "reference.db"))
    ingest([str(one), str(two)], reference)
    assert snapshot(engine) == snapshot(reference)
    reference.dispose()


def test_two_versions_of_a_url_in_one_input_stay_put(engine, tmp_path):
    text = EXAMPLE.read_text("utf-8")
    first = {"url": "https://example.com/a", "text": text}
    second = {"url": "https://example.com/a", "text": text + "\n\nA late paragraph added."}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    report = ingest([str(feed)], engine)
    assert (report.stored, report.duplicates) == (1, 1)
    again = ingest([str(feed)], engine)
    assert (again.stored, again.replaced, again.duplicates) == (0, 0, 2)
    with Session(engine) as session:
        assert "late paragraph" not in session.execute(select(ArticleRow.text)).scalar_one()


def test_ctrl_c_stops_cleanly_and_a_rerun_resumes(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for scrape in SCRAPES[:30]:
        shutil.copy(scrape, folder / scrape.name)
    db = str(tmp_path / "kb.db")
    engine = open_database(db)
    process = _ingest_process(folder, db, "--batch-size", "2", "--workers", "2")
    deadline = time.monotonic() + 120
    while count(engine, ArticleRow) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with Session(engine) as session:
        assert session.execute(select(Run.status)).scalar_one() == "interrupted"
    resumed = _ingest_process(folder, db, "--batch-size", "2")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0 and count(engine, ArticleRow) == 30, err
    engine.dispose()


def test_an_in_memory_database_is_refused():
    import pytest

    from newsgraph.store.db import DatabaseError

    with pytest.raises(DatabaseError, match="in-memory"):
        open_database("sqlite:///")
