"""What every write keeps up to date besides the rows themselves: the
knowledge base's version (``kb_version``, one number bumped by every write,
which the server's cache is keyed on) and the aggregates the entity pages
draw, precomputed (``entity_months``: articles, mentions, quotes and events
of an entity per month of publication; ``co_mentions``: in how many
articles two entities are both mentioned).

``bump_version`` is called in the transaction of each write, before its
other changes: on PostgreSQL the row lock it takes orders concurrent
writers, so the aggregates' upserts never deadlock and a version number is
never seen before the data it stands for. ``count_article`` adds (or, with
``sign=-1``, takes away) one stored article's part of the aggregates;
``recount_entities`` rebuilds the rows of a few entities from the stored
facts (after a merge or a split).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    CoMentionCount,
    EntityMonthRow,
    EventRow,
    KbVersion,
    MentionRow,
    QuoteRow,
)

COUNTS = ("articles", "mentions", "quotes", "events")


def bump_version(session: Session) -> None:
    """Add one to the knowledge base's version, in the session's transaction."""
    done = session.execute(
        update(KbVersion).where(KbVersion.id == 1).values(version=KbVersion.version + 1)
    )
    if not getattr(done, "rowcount", 1):
        session.add(KbVersion(id=1, version=1))
        session.flush()


_VERSION = select(KbVersion.version).where(KbVersion.id == 1)


def kb_version(engine: Engine) -> int:
    """The knowledge base's version now (0 before the first write)."""
    with engine.connect() as connection:
        value = connection.execute(_VERSION).scalar()
    return int(value or 0)


def month_of(published: Any) -> str:
    """The month key of a publication date: YYYY-MM, "" when undated."""
    return published.isoformat()[:7] if published is not None else ""


def _insert(session: Session, table: Any) -> Any:
    name = session.get_bind().dialect.name
    return (postgresql.insert if name == "postgresql" else sqlite.insert)(table)


def _add_months(session: Session, rows: dict[tuple[int, str], Counter[str]]) -> None:
    if not rows:
        return
    values = [
        {"entity_id": e, "month": m, **{c: counts.get(c, 0) for c in COUNTS}}
        for (e, m), counts in sorted(rows.items())
    ]
    statement = _insert(session, EntityMonthRow.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["entity_id", "month"],
        set_={c: getattr(EntityMonthRow, c) + statement.excluded[c] for c in COUNTS},
    )
    session.execute(statement, values)


def _add_pairs(session: Session, pairs: Counter[tuple[int, int]]) -> None:
    if not pairs:
        return
    values = [{"entity_id": a, "other_id": b, "shared": n} for (a, b), n in sorted(pairs.items())]
    statement = _insert(session, CoMentionCount.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["entity_id", "other_id"],
        set_={"shared": CoMentionCount.shared + statement.excluded.shared},
    )
    session.execute(statement, values)


def _prune(session: Session, ids: Iterable[int]) -> None:
    """Drop the rows of these entities that count nothing any more."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    session.execute(
        delete(EntityMonthRow).where(
            EntityMonthRow.entity_id.in_(wanted),
            *(getattr(EntityMonthRow, c) <= 0 for c in COUNTS),
        )
    )
    session.execute(
        delete(CoMentionCount).where(
            CoMentionCount.entity_id.in_(wanted), CoMentionCount.shared <= 0
        )
    )


def count_article(session: Session, article_id: int, *, sign: int = 1) -> None:
    """Add the article's part to the aggregates (``sign=-1``: take it away,
    before the article is deleted). Reads the article's flushed rows."""
    published = session.execute(
        select(ArticleRow.published).where(ArticleRow.id == article_id)
    ).scalar_one_or_none()
    month = month_of(published)
    entities = sorted(
        set(
            session.execute(
                select(ArticleEntityRow.entity_id).where(ArticleEntityRow.article_id == article_id)
            ).scalars()
        )
    )
    months: dict[tuple[int, str], Counter[str]] = {}

    def add(entity_id: int | None, what: str, n: int = 1) -> None:
        if entity_id is not None:
            months.setdefault((entity_id, month), Counter())[what] += sign * n

    for entity_id in entities:
        add(entity_id, "articles")
    for entity_id, n in session.execute(
        select(MentionRow.entity_id, func.count())
        .where(MentionRow.article_id == article_id)
        .group_by(MentionRow.entity_id)
    ):
        add(entity_id, "mentions", n)
    for (speaker,) in session.execute(
        select(QuoteRow.speaker_id).where(QuoteRow.article_id == article_id)
    ):
        add(speaker, "quotes")
    for source, target in session.execute(
        select(EventRow.source_entity_id, EventRow.target_entity_id).where(
            EventRow.article_id == article_id
        )
    ):
        add(source, "events")
        if target != source:
            add(target, "events")
    _add_months(session, months)
    pairs: Counter[tuple[int, int]] = Counter(
        {(a, b): sign for a in entities for b in entities if a != b}
    )
    _add_pairs(session, pairs)
    if sign < 0:
        _prune(session, entities)


def recount_entities(session: Session, ids: Iterable[int]) -> None:
    """Rebuild the aggregates of the entities ``ids`` (and their side of
    their neighbours' co-mention counts) from the stored facts."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    session.flush()
    session.execute(delete(EntityMonthRow).where(EntityMonthRow.entity_id.in_(wanted)))
    session.execute(
        delete(CoMentionCount).where(
            or_(CoMentionCount.entity_id.in_(wanted), CoMentionCount.other_id.in_(wanted))
        )
    )
    months: dict[tuple[int, str], Counter[str]] = {}
    month = ArticleRow.published

    def tally(statement: Any, what: str) -> None:
        for entity_id, published, n in session.execute(statement):
            months.setdefault((entity_id, month_of(published)), Counter())[what] += n

    mine = ArticleEntityRow
    tally(
        select(mine.entity_id, month, func.count(func.distinct(mine.article_id)))
        .join(ArticleRow, ArticleRow.id == mine.article_id)
        .where(mine.entity_id.in_(wanted))
        .group_by(mine.entity_id, month),
        "articles",
    )
    tally(
        select(MentionRow.entity_id, month, func.count())
        .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
        .where(MentionRow.entity_id.in_(wanted))
        .group_by(MentionRow.entity_id, month),
        "mentions",
    )
    tally(
        select(QuoteRow.speaker_id, month, func.count())
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .where(QuoteRow.speaker_id.in_(wanted))
        .group_by(QuoteRow.speaker_id, month),
        "quotes",
    )
    for source, target, published in session.execute(
        select(EventRow.source_entity_id, EventRow.target_entity_id, month)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(or_(EventRow.source_entity_id.in_(wanted), EventRow.target_entity_id.in_(wanted)))
    ):
        for entity_id in {e for e in (source, target) if e is not None} & set(wanted):
            months.setdefault((entity_id, month_of(published)), Counter())["events"] += 1
    _add_months(session, months)
    one = ArticleEntityRow.__table__.alias("one")
    two = ArticleEntityRow.__table__.alias("two")
    pairs: Counter[tuple[int, int]] = Counter()
    for a, b, n in session.execute(
        select(one.c.entity_id, two.c.entity_id, func.count(func.distinct(one.c.article_id)))
        .select_from(one.join(two, two.c.article_id == one.c.article_id))
        .where(one.c.entity_id.in_(wanted), two.c.entity_id != one.c.entity_id)
        .group_by(one.c.entity_id, two.c.entity_id)
    ):
        pairs[(a, b)] = n
        pairs[(b, a)] = n
    _add_pairs(session, pairs)
