"""Syndicated copies grouped into stories (newsgraph.store.stories), on SQLite
and PostgreSQL: lightly edited copies of a real article join its story, other
stories on the same subject and unrelated articles get their own."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsgraph.store.schema import ArticleBand, ArticleRow, Story
from newsgraph.store.stories import (
    BANDS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    assign_story,
    band_hashes,
    from_bytes,
    shingles,
    signature,
    similarity,
    to_bytes,
)

from ..conftest import EVAL_DEV, ROOT

BBC = EVAL_DEV / "articles" / "bbc-news-politics" / "politics"
# One subject, four different stories (the law lords' ruling on detaining
# foreign terror suspects, December 2004), sharing background sentences:
# exact 5-shingle Jaccard similarity 0.12-0.23 between them.
RULING = "224.txt"  # "Terror detainees win Lords appeal"
SAME_SUBJECT = ["040.txt", "221.txt", "368.txt"]  # Straw attacks it, Clarke defends, ...
SENTENCE = re.compile(r'(?<=[.!?"])\s+(?=[A-Z"])')

pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason=f"{BBC} is missing")


def read(name: str) -> tuple[str, list[str]]:
    """Headline and paragraphs of a BBC article. The files run several wire
    paragraphs together, so they are cut into paragraphs of two sentences, as
    wire copy has them."""
    headline, _, body = (BBC / name).read_text(encoding="utf-8").partition("\n")
    sentences = [s for line in body.splitlines() for s in SENTENCE.split(line.strip()) if s]
    return headline.strip(), [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]


def edited_copy(paragraphs: list[str]) -> str:
    """A site's light edit: last paragraph cut, an editor's note added, a few
    words changed."""
    text = "\n\n".join(paragraphs[:-1])
    for old, new in [("ruled", "decided"), ("government", "Government"), ("men", "detainees")]:
        text = text.replace(f" {old} ", f" {new} ", 1)
    text = text.replace("Home Office", "Home Office department", 1)
    return text + "\n\nEditor's note: This story has been updated to correct a quotation."


def wire_copy(paragraphs: list[str]) -> str:
    """The wire's own copy: a dateline before the lead, copyright after."""
    lead = "LONDON (AP) — " + paragraphs[0]
    copyright_line = (
        "Copyright 2024 The Associated Press. All rights reserved. This material "
        "may not be published, broadcast, rewritten or redistributed."
    )
    return "\n\n".join([lead, *paragraphs[1:], copyright_line])


def add(session: Session, key: str, text: str, headline: str, published: dt.date) -> ArticleRow:
    row = ArticleRow(
        key=key,
        uid=hashlib.sha256(key.encode()).hexdigest()[:16],
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        headline=headline,
        published=published,
    )
    session.add(row)
    session.flush()
    return row


def count(session: Session, table: type) -> int:
    return session.execute(select(func.count()).select_from(table)).scalar_one()


def distinct_articles(n: int, limit: float = 0.3) -> list[tuple[str, str, str]]:
    """``n`` BBC articles (name, headline, text), none of them a copy or an
    update of another: the corpus has exact duplicates and rewrites, so each
    is taken only if its exact 5-shingle Jaccard similarity with every one
    taken before is below ``limit``."""
    taken: list[tuple[str, str, str, set[str]]] = []
    for path in sorted(BBC.glob("*.txt")):
        headline, paragraphs = read(path.name)
        text = "\n\n".join(paragraphs)
        mine = shingles(text)
        if all(len(mine & s) / len(mine | s) < limit for *_, s in taken):
            taken.append((path.name, headline, text, mine))
        if len(taken) == n:
            break
    assert len(taken) == n
    return [(name, headline, text) for name, headline, text, _ in taken]


def test_signature_is_compact_deterministic_and_banded() -> None:
    headline, paragraphs = read(RULING)
    text = "\n\n".join(paragraphs)
    m = signature(text)
    assert len(m) == NUM_PERM
    stored = to_bytes(m)
    assert len(stored) == 4 * NUM_PERM
    assert from_bytes(stored) == m and from_bytes(stored).jaccard(m) == 1.0
    bands = band_hashes(m)
    assert [band for band, _ in bands] == list(range(BANDS))
    assert all(0 <= value < 2**63 for _, value in bands)
    assert BANDS * ROWS <= NUM_PERM
    # Normalisation: case, punctuation, apostrophes and spacing do not matter.
    assert signature("Blair’s  WORDS: “no, never” —  said he.") == signature(
        "blair's words no never said he"
    )
    # The same values in another process (another hash seed, too).
    code = (
        "import sys; from newsgraph.store.stories import signature, to_bytes, band_hashes; "
        "m = signature(sys.stdin.read()); print(to_bytes(m).hex(), band_hashes(m))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    ).stdout.split(" ", 1)
    assert out[0] == stored.hex()
    assert out[1].strip() == str(bands)


def test_copies_join_one_story_another_story_on_the_subject_does_not(engine: Engine) -> None:
    headline, paragraphs = read(RULING)
    original = "\n\n".join(paragraphs)
    with Session(engine) as session:
        first = add(session, "bbc/ruling", original, headline, dt.date(2004, 12, 16))
        story = assign_story(session, first)
        assert story.headline == headline and first.story_id == story.id
        assert first.minhash is not None and len(first.minhash) == 4 * NUM_PERM
        assert count(session, ArticleBand) == BANDS

        edited = add(
            session,
            "site/edited",
            edited_copy(paragraphs),
            "Law lords back terror detainees",
            dt.date(2004, 12, 17),
        )
        wire = add(session, "ap/wire", wire_copy(paragraphs), headline, dt.date(2004, 12, 15))
        assert assign_story(session, edited).id == story.id
        assert assign_story(session, wire).id == story.id
        assert similarity(first, edited) >= THRESHOLD and similarity(first, wire) >= THRESHOLD
        # The story's date is its earliest copy's; its headline the first's.
        assert story.first_published == dt.date(2004, 12, 15)
        assert story.headline == headline

        others = []
        for name in SAME_SUBJECT:
            other_headline, other_paragraphs = read(name)
            row = add(
                session,
                f"bbc/{name}",
                "\n\n".join(other_paragraphs),
                other_headline,
                dt.date(2004, 12, 20),
            )
            others.append(assign_story(session, row).id)
            assert similarity(first, row) < THRESHOLD
        assert story.id not in others and len(set(others)) == len(SAME_SUBJECT)
        story_id = story.id
        session.commit()

    with Session(engine) as session:
        members = session.execute(
            select(ArticleRow.key).where(ArticleRow.story_id == story_id).order_by(ArticleRow.key)
        ).scalars()
        assert list(members) == ["ap/wire", "bbc/ruling", "site/edited"]
        assert count(session, Story) == 1 + len(SAME_SUBJECT)


def test_fifty_unrelated_articles_make_fifty_stories(engine: Engine) -> None:
    with Session(engine) as session:
        ids = set()
        for i, (name, headline, text) in enumerate(distinct_articles(50)):
            row = add(session, f"bbc/{name}", text, headline, dt.date(2005, 1, 1 + i % 28))
            ids.add(assign_story(session, row).id)
        session.commit()
        assert len(ids) == 50
        assert count(session, Story) == 50
        assert count(session, ArticleBand) == 50 * BANDS


def test_assigning_again_is_stable(engine: Engine) -> None:
    headline, paragraphs = read(RULING)
    texts = {
        "bbc/ruling": "\n\n".join(paragraphs),
        "site/edited": edited_copy(paragraphs),
        "ap/wire": wire_copy(paragraphs),
    }
    texts.update({f"bbc/{name}": text for name, _, text in distinct_articles(5)})
    with Session(engine) as session:
        rows = [add(session, key, text, key, dt.date(2005, 2, 1)) for key, text in texts.items()]
        first = {row.key: assign_story(session, row).id for row in rows}
        session.commit()
        stories, bands = count(session, Story), count(session, ArticleBand)
        assert first["site/edited"] == first["bbc/ruling"] == first["ap/wire"]

    with Session(engine) as session:  # again, in another session, in reverse order
        rows = list(session.execute(select(ArticleRow).order_by(ArticleRow.id.desc())).scalars())
        again = {row.key: assign_story(session, row).id for row in rows}
        session.commit()
        assert again == first
        assert count(session, Story) == stories and count(session, ArticleBand) == bands


def test_an_article_whose_text_changes_moves_and_its_empty_story_goes(engine: Engine) -> None:
    headline, paragraphs = read(RULING)
    (_, other_headline, other_text), *_ = distinct_articles(1)
    with Session(engine) as session:
        ruling = add(
            session, "bbc/ruling", "\n\n".join(paragraphs), headline, dt.date(2004, 12, 16)
        )
        ruling_story = assign_story(session, ruling).id
        row = add(session, "site/x", other_text, other_headline, dt.date(2004, 12, 10))
        old_story = assign_story(session, row).id
        assert old_story != ruling_story

        row.text = wire_copy(paragraphs)  # replaced by a copy of the ruling story
        session.flush()
        assert assign_story(session, row).id == ruling_story
        session.commit()
        assert session.get(Story, old_story) is None
        assert count(session, Story) == 1
        assert session.get(Story, ruling_story).first_published == dt.date(2004, 12, 10)


def test_articles_without_words_stay_apart(engine: Engine) -> None:
    with Session(engine) as session:
        a = add(session, "a", "", "Photo", dt.date(2005, 3, 1))
        b = add(session, "b", " — … ", "Photo", dt.date(2005, 3, 1))
        assert assign_story(session, a).id != assign_story(session, b).id
        assert count(session, ArticleBand) == 0
        assert similarity(a, b) == 0.0


def test_needs_a_flushed_article(engine: Engine) -> None:
    with Session(engine) as session:
        row = ArticleRow(key="k", uid="u", content_hash="h", text="some words here")
        with pytest.raises(ValueError, match="flushed"):
            assign_story(session, row)
