"""Writing analyses into the knowledge base.

``store_analysis`` puts one article and its analysis in the open session:

- the article is identified by ``article_key`` — its URL where it has one,
  else ``sha256:`` + a hash of its headline and text. The same key with the
  same content is a duplicate (nothing written); the same URL with changed
  content replaces the old version (its rows go with it, by cascade);
- every entity of the article is linked to one knowledge-base entity
  (``link_entity``): conservatively, by type and normalised name ("Hamidreza
  Taraghi" in three articles is one entity; "Baquer Namazi" and "Siamak
  Namazi" are two), countries by their ISO code ("U.S." and "United States"),
  and never across a conflicting country (two "John Smith"s of different
  nationality stay apart; countries come only from evidence attached to a
  person, so a conflict is a real one); a bare surname ("Okonkwo", from an
  article that never gives the first name) joins the one stored person whose
  full name ends with it, and stays its own when there are several;
- quotes, times and events point to knowledge-base entities;
- the article joins a story of near-duplicate copies (``stories``);
- every saved alert rule is evaluated on it (``alert_match.match_article``).

Nothing here commits: the caller commits a batch at a time, so that an
interrupted ingest leaves whole articles or none.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from newsgraph.gazetteer import geo
from newsgraph.model import Analysis, Article, Entity, attached_country
from newsgraph.model.safe import fitted_key, printable
from newsgraph.store.schema import (
    ArticleEntityRow,
    ArticleRow,
    EntityRedirect,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
    Source,
    Story,
    TimeRow,
)

Outcome = Literal["stored", "replaced", "duplicate"]
LINKED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})


def content_hash(article: Article) -> str:
    """A hash of what an article says (headline and text, whitespace-normalised)."""
    body = " ".join(f"{article.headline or ''}\n{article.text}".split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """How the knowledge base identifies an article: its URL, else its content."""
    if article.url:
        return fitted_key(article.url.strip(), 2000)  # a longer URL keeps a hash of the whole
    return f"sha256:{content_hash(article)}"


def known(session: Session, article: Article) -> bool:
    """Whether this very article (same key, same content) is already stored:
    then it needs no analysis at all."""
    found = session.execute(
        select(ArticleRow.content_hash).where(ArticleRow.key == article_key(article))
    ).scalar_one_or_none()
    return found == content_hash(article)


def normalise(name: str) -> str:
    """A name folded for matching: accents, case, punctuation and "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.replace("’", "'"))
    text = re.sub(r"[^\w\s'-]", " ", text)
    return " ".join(text.replace("'s ", " ").split())


def entity_key(entity: Entity) -> str:
    """The knowledge-base key of an article's entity: type and normalised
    name; a country by its ISO code whatever it is called."""
    if entity.type == "GPE":
        iso = geo.country_code(entity.name)
        if iso:
            return f"GPE:{iso}"
    return fitted_key(f"{entity.type}:{normalise(entity.name)}", 580)  # room for "#2"


def _country(entity: Entity) -> str | None:
    return attached_country(entity.attributes)


def _merge_lists(into: list[str], values: list[str]) -> list[str]:
    merged = list(into)
    for value in values:
        if value and value not in merged:
            merged.append(value)
    return merged


def link_entity(session: Session, entity: Entity) -> EntityRow:
    """The knowledge-base entity an article's entity is: found by key (a
    namesake of another country gets its own, keyed with a number), or new."""
    base = entity_key(entity)
    country = _country(entity)
    redirect = session.get(EntityRedirect, base)
    if redirect is not None:  # a user merged this name into another entity
        target = session.get(EntityRow, redirect.entity_id)
        if target is not None:
            return target
    if entity.type == "PERSON" and " " not in normalise(entity.name):
        full = _full_name(session, normalise(entity.name))
        if full is not None:  # "Blair" in an article that never says "Tony Blair"
            return _update(full, entity, country)
    candidates = session.execute(
        select(EntityRow)
        .where((EntityRow.key == base) | EntityRow.key.startswith(f"{base}#", autoescape=True))
        .order_by(EntityRow.id)
    ).scalars()
    chosen = None
    count = 0
    for candidate in candidates:
        count += 1
        if (
            entity.type == "PERSON"
            and country
            and candidate.country
            and candidate.country != country
        ):
            continue
        chosen = candidate
        break
    if chosen is None:
        chosen = EntityRow(
            key=base if count == 0 else f"{base}#{count + 1}",
            name=entity.name,
            type=entity.type,
            country=country,
            code=entity.code,
            aliases=[],
            titles=[],
            roles=[],
        )
        session.add(chosen)
    return _update(chosen, entity, country)


def _update(chosen: EntityRow, entity: Entity, country: str | None) -> EntityRow:
    """What an article adds to a knowledge-base entity: country and code
    where it had none, names, titles and roles."""
    chosen.country = chosen.country or country
    chosen.code = chosen.code or entity.code
    names = [entity.name, *entity.aliases]
    chosen.aliases = _merge_lists(chosen.aliases, [n for n in names if n != chosen.name])
    chosen.titles = _merge_lists(chosen.titles, entity.titles)
    chosen.roles = _merge_lists(chosen.roles, entity.roles)
    object_session = Session.object_session(chosen)
    if object_session is not None:
        object_session.flush()
    return chosen


def _full_name(session: Session, surname: str) -> EntityRow | None:
    """The one person of the knowledge base whose full name ends with
    ``surname``; None when there is none or more than one."""
    pattern = "PERSON:% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = (
        session.execute(
            select(EntityRow)
            .where(EntityRow.key.like(pattern, escape="\\"))
            .order_by(EntityRow.id)
            .limit(2)
        )
        .scalars()
        .all()
    )
    return found[0] if len(found) == 1 else None


def _source(session: Session, location: str | None, run_id: int | None) -> int | None:
    if not location:
        return None
    location = fitted_key(printable(location), 2000)
    row = session.execute(select(Source).where(Source.location == location)).scalar_one_or_none()
    if row is None:
        row = Source(location=location, first_run_id=run_id)
        session.add(row)
        session.flush()
    return row.id


def store_analysis(session: Session, analysis: Analysis, *, run_id: int | None = None) -> Outcome:
    """Put one analysed article in the session (see the module docstring)."""
    from newsgraph.store.aggregates import bump_version, count_article
    from newsgraph.store.alert_match import match_article
    from newsgraph.store.stories import assign_story

    article = analysis.article
    key = article_key(article)
    digest = content_hash(article)
    old = session.execute(select(ArticleRow).where(ArticleRow.key == key)).scalar_one_or_none()
    outcome: Outcome = "stored"
    if old is not None:
        if old.content_hash == digest:
            return "duplicate"
    bump_version(session)
    if old is not None:
        story = old.story_id
        count_article(session, old.id, sign=-1)
        session.delete(old)
        session.flush()
        if (
            story is not None
            and not session.execute(
                select(ArticleRow.id).where(ArticleRow.story_id == story).limit(1)
            ).first()
        ):
            session.execute(delete(Story).where(Story.id == story))  # its only article went
        outcome = "replaced"
    row = ArticleRow(
        key=key,
        uid=article.id,
        url=article.url,
        content_hash=digest,
        source_id=_source(session, article.source, run_id),
        run_id=run_id,
        outlet=article.outlet,
        section=article.section,
        headline=article.headline,
        description=article.description,
        authors=list(article.authors),
        dateline=article.dateline,
        published=article.published,
        copyright=article.copyright,
        paragraphs=list(article.paragraphs),
        text=article.text,
        language=article.language,
    )
    session.add(row)
    session.flush()
    linked: dict[str, int] = {}
    for entity in analysis.entities:
        if entity.type not in LINKED_TYPES:
            continue
        kb = link_entity(session, entity)
        linked[entity.id] = kb.id
        local = ArticleEntityRow(
            article_id=row.id,
            entity_id=kb.id,
            local_id=entity.id,
            name=entity.name,
            type=entity.type,
            code=entity.code,
            aliases=list(entity.aliases),
            titles=list(entity.titles),
            roles=list(entity.roles),
            attributes=dict(entity.attributes),
        )
        session.add(local)
        session.flush()
        session.add_all(
            MentionRow(
                article_id=row.id,
                article_entity_id=local.id,
                entity_id=kb.id,
                text=m.text,
                start=m.start,
                end=m.end,
                field=m.field,
            )
            for m in entity.mentions
        )
    session.add_all(
        QuoteRow(
            article_id=row.id,
            local_id=q.id,
            text=q.text,
            kind=q.kind,
            speaker_id=linked.get(q.speaker or ""),
            speaker_name=q.speaker_name,
            speakers=[linked[s] for s in q.speakers if s in linked],
            cue=q.cue,
            start=q.start,
            end=q.end,
        )
        for q in analysis.quotes
    )
    session.add_all(
        TimeRow(
            article_id=row.id, text=t.text, value=t.value, kind=t.kind, start=t.start, end=t.end
        )
        for t in analysis.times
    )
    published = article.published.isoformat() if article.published else None
    session.add_all(
        EventRow(
            article_id=row.id,
            local_id=e.id,
            type=e.type,
            cameo=e.cameo,
            cameo_code=e.cameo_code,
            source_code=e.source.code,
            source_name=e.source.name,
            source_entity_id=linked.get(e.source.entity or ""),
            target_code=e.target.code,
            target_name=e.target.name,
            target_entity_id=linked.get(e.target.entity or ""),
            mutual=e.mutual,
            negated=e.negated,
            date=e.time or published,
            place=e.place,
            place_country=e.place_country,
            lat=e.lat,
            lon=e.lon,
            reported_by=e.reported_by,
            confidence=e.confidence,
            text=e.text,
            start=e.start,
            end=e.end,
        )
        for e in analysis.events
    )
    session.flush()
    count_article(session, row.id)
    assign_story(session, row)
    match_article(session, row)  # saved alerts: their matches are written with the article
    return outcome
