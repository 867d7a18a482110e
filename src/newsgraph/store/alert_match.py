"""Evaluating saved alerts on a newly stored article (``store.alerts`` has
the rules): ``match_article`` is called by ``store.write.store_analysis`` on
each new article, in its transaction, and writes a match with the facts that
matched (each with its sentence) and one pending delivery per destination of
the rule.

- an entity rule matches when one of the article's entities is that
  knowledge-base entity (by id), or is called that name (by name or alias,
  normalised as entities are linked);
- a query rule matches when the article is a hit of the full-text query
  (read as ``search`` reads it: FTS5 on SQLite, ``websearch_to_tsquery`` on
  PostgreSQL, on this one article); its facts are the sentences holding the
  query's words;
- an event rule matches events of that type, at least that confidence, and
  whose source and target are as asked (a code prefix, a name, an entity);
- a quote rule matches the quotes whose speaker is that name or entity.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.orm import Session

from newsgraph.store.schema import (
    AlertDelivery,
    AlertMatch,
    AlertRule,
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)
from newsgraph.store.write import normalise

__all__ = ["MAX_FACTS", "destinations", "match_article", "sentence_at"]

MAX_FACTS = 20
"""Facts kept per match (the first ones, in text order)."""


_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


def sentence_at(text_: str, start: int, end: int) -> str:
    """The sentence of ``text_`` around [start, end) (at most 600 characters)."""
    begin = 0
    for found in _END.finditer(text_, 0, max(0, start)):
        begin = found.end()
    after = _END.search(text_, max(end, start))
    stop = after.start() + 1 if after else len(text_)
    return " ".join(text_[begin:stop].split())[:600]


def _names(*values: Any) -> set[str]:
    names: set[str] = set()
    for value in values:
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name.strip():
                names.add(normalise(name))
    return names


def _entity_facts(session: Session, rule: AlertRule, article: ArticleRow) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ArticleEntityRow, EntityRow)
        .join(EntityRow, EntityRow.id == ArticleEntityRow.entity_id)
        .where(ArticleEntityRow.article_id == article.id)
    )
    wanted = normalise(rule.entity_name or "")
    chosen: dict[int, str] = {}
    for local, kb in rows:
        if rule.entity_id is not None and kb.id == rule.entity_id:
            chosen[local.id] = kb.name
        elif rule.entity_id is None and wanted in _names(
            local.name, local.aliases, kb.name, kb.aliases
        ):
            chosen[local.id] = kb.name
    if not chosen:
        return []
    mentions = session.execute(
        select(MentionRow)
        .where(MentionRow.article_entity_id.in_(list(chosen)))
        .order_by(MentionRow.field, MentionRow.start)
    ).scalars()
    facts: list[dict[str, Any]] = []
    seen: set[str] = set()
    for mention in mentions:
        if mention.field == "text":
            sentence = sentence_at(article.text, mention.start, mention.end)
        else:
            sentence = article.headline or mention.text
        if sentence in seen:
            continue
        seen.add(sentence)
        facts.append(
            {
                "kind": "mention",
                "entity": chosen[mention.article_entity_id],
                "entity_id": mention.entity_id,
                "text": mention.text,
                "sentence": sentence,
            }
        )
    return facts


def _query_matches(session: Session, query: str, article_id: int) -> bool:
    from newsgraph.store.read.search import fts5_query, websearch_text

    if session.get_bind().dialect.name == "postgresql":
        words = websearch_text(query)
        if words is None:
            return False
        tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), words)
        vector: Any = literal_column("articles.search")
        found = session.execute(
            select(ArticleRow.id).where(ArticleRow.id == article_id, vector.op("@@")(tsquery))
        ).first()
        return found is not None
    expression = fts5_query(query)
    if expression is None:
        return False
    found = session.execute(
        text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q AND rowid = :id"),
        {"q": expression, "id": article_id},
    ).first()
    return found is not None


def _query_facts(session: Session, rule: AlertRule, article: ArticleRow) -> list[dict[str, Any]]:
    from newsgraph.store.read.search import parse_query

    if not rule.query or not _query_matches(session, rule.query, article.id):
        return []
    terms = [t for clause in parse_query(rule.query).clauses for t in clause]
    facts: list[dict[str, Any]] = []
    seen: set[str] = set()
    lowered = article.text.casefold()
    for term in terms:
        stem = term.casefold()[: max(4, len(term) - 2)]  # "talks" finds "talk"
        at = lowered.find(stem)
        if at < 0:
            continue
        sentence = sentence_at(article.text, at, at + len(stem))
        if sentence not in seen:
            seen.add(sentence)
            facts.append({"kind": "query", "text": term, "sentence": sentence})
    return facts or [{"kind": "query", "text": rule.query, "sentence": article.headline or ""}]


_CODE = re.compile(r"^[A-Za-z0-9-]{1,30}$")


def _actor_matches(
    session: Session, wanted: str | None, code: str | None, name: str | None, entity: int | None
) -> bool:
    if not wanted:
        return True
    value = wanted.strip()
    if _CODE.match(value) and code and code.upper().startswith(value.upper()):
        return True
    if name and normalise(name) == normalise(value):
        return True
    if entity is not None:
        if value.isascii() and value.isdigit():
            return entity == int(value)
        kb = session.get(EntityRow, entity)
        return kb is not None and normalise(value) in _names(kb.name, kb.aliases)
    return False


def _event_facts(session: Session, rule: AlertRule, article: ArticleRow) -> list[dict[str, Any]]:
    statement = select(EventRow).where(EventRow.article_id == article.id).order_by(EventRow.start)
    if rule.event_type:
        statement = statement.where(EventRow.type == rule.event_type)
    if rule.min_confidence is not None:
        statement = statement.where(EventRow.confidence >= rule.min_confidence)
    facts: list[dict[str, Any]] = []
    for event in session.execute(statement).scalars():
        if not _actor_matches(
            session, rule.event_source, event.source_code, event.source_name, event.source_entity_id
        ) or not _actor_matches(
            session, rule.event_target, event.target_code, event.target_name, event.target_entity_id
        ):
            continue
        facts.append(
            {
                "kind": "event",
                "type": event.type,
                "cameo": event.cameo_code or event.cameo,
                "source": event.source_name,
                "source_code": event.source_code,
                "target": event.target_name,
                "target_code": event.target_code,
                "confidence": event.confidence,
                "text": event.text,
                "sentence": " ".join(event.text.split()),
            }
        )
    return facts


def _quote_facts(session: Session, rule: AlertRule, article: ArticleRow) -> list[dict[str, Any]]:
    wanted = rule.speaker or ""
    facts: list[dict[str, Any]] = []
    quotes = session.execute(
        select(QuoteRow).where(QuoteRow.article_id == article.id).order_by(QuoteRow.start)
    ).scalars()
    for quote in quotes:
        if not _actor_matches(session, wanted, None, quote.speaker_name, quote.speaker_id):
            continue
        facts.append(
            {
                "kind": "quote",
                "speaker": quote.speaker_name,
                "speaker_id": quote.speaker_id,
                "quote_kind": quote.kind,
                "text": quote.text,
                "sentence": sentence_at(article.text, quote.start, quote.end),
            }
        )
    return facts


_FACTS = {
    "entity": _entity_facts,
    "query": _query_facts,
    "event": _event_facts,
    "quote": _quote_facts,
}


def destinations(rule: AlertRule) -> list[str]:
    """Where a rule's matches go, besides its Atom feed."""
    return [d for d, v in (("webhook", rule.webhook), ("email", rule.email)) if v]


def match_article(session: Session, article: ArticleRow) -> int:
    """Evaluate every rule on a newly stored (flushed) article; write its
    matches and their pending deliveries in the session. Returns the number
    of rules that matched. Nothing is committed here."""
    rules = session.execute(select(AlertRule).order_by(AlertRule.id)).scalars().all()
    matched = 0
    for rule in rules:
        facts = _FACTS[rule.kind](session, rule, article)
        if not facts:
            continue
        matched += 1
        match = AlertMatch(rule_id=rule.id, article_id=article.id, facts=facts[:MAX_FACTS])
        session.add(match)
        session.flush()
        session.add_all(
            AlertDelivery(match_id=match.id, destination=d, status="pending", attempts=0)
            for d in destinations(rule)
        )
    if matched:
        session.flush()
    return matched
