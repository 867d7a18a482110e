"""Curating the knowledge base: merging two entities into one, splitting one
into two (a merged name keeps leading to the entity it was merged into),
deleting an article with its analysis."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Engine,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from newsgraph.errors import QueryError
from newsgraph.model import Entity, attached_country
from newsgraph.store.aggregates import bump_version, count_article, recount_entities
from newsgraph.store.read.common import like_escape
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRedirect,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)
from newsgraph.store.write import entity_key, normalise


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
        bump_version(session)
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
        session.execute(  # names merged into gone before now lead to keep
            update(EntityRedirect)
            .where(EntityRedirect.entity_id == gone_id)
            .values(entity_id=keep_id)
        )
        session.merge(EntityRedirect(key=gone.key.split("#")[0], entity_id=keep_id))
        session.flush()
        session.execute(delete(EntityRow).where(EntityRow.id == gone_id))
        recount_entities(session, [keep_id])


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
    return attached_country(row.attributes or {})


def split_entity(engine: Engine, entity_id: int, alias: str) -> int:
    """Take the articles' ``alias`` out of entity ``entity_id`` into a new
    entity named ``alias``; returns its id.

    The article entities of ``entity_id`` whose name or aliases are
    ``alias`` (compared as ``write.normalise`` folds names), and that do not
    also carry the entity's own name, move to the new entity with their
    mentions: an article that called it by both names stays. Quotes and events follow: in an article
    where nothing else stays with ``entity_id``, all of its quotes and
    events there; in an article where both are, those whose speaker, source
    or target name holds a moved name rather than a staying one. Both
    entities' aliases, titles, roles, country and code are made from their
    article entities, as ingest makes them. One transaction."""
    wanted = normalise(alias)
    if not any(ch.isalnum() for ch in wanted):
        raise QueryError(f"{alias!r}: not a name")
    with Session(engine) as session, session.begin():
        bump_version(session)
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
        own = normalise(old.name)
        calling = [r for r in local if wanted in {normalise(n) for n in _names(r)}]
        if not calling:
            raise QueryError(f"entity {entity_id}: no article calls it {alias!r}")
        moving = [  # an article that also calls it by the entity's own name stays
            r for r in calling if own == wanted or own not in {normalise(n) for n in _names(r)}
        ]
        staying = [r for r in local if r not in moving]
        if not moving or not staying:
            raise QueryError(
                f"entity {entity_id}: every article calls it {alias!r}"
                f"{'' if moving else f' and {old.name!r}'}; nothing to split off"
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
        session.execute(  # the split-off name no longer leads to the old entity
            delete(EntityRedirect).where(EntityRedirect.key == new.key.split("#")[0])
        )
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
        recount_entities(session, [entity_id, new.id])
        return new.id


def _free_key(session: Session, base: str) -> str:
    taken = set(
        session.scalars(
            select(EntityRow.key).where(
                or_(EntityRow.key == base, EntityRow.key.like(like_escape(base) + "#%", escape="!"))
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


def delete_article(engine: Engine, article_id: int) -> bool:
    """Remove a stored article and its analysis; False if there was none."""
    with Session(engine) as session, session.begin():
        row = session.get(ArticleRow, article_id)
        if row is None:
            return False
        bump_version(session)
        count_article(session, article_id, sign=-1)
        session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        return True
