"""Saved alerts: rules, their matches, and the deliveries of each match.

A rule looks for one thing in every newly stored article: an entity (by
knowledge-base id or by name), a full-text query (read like ``search``), an
event pattern (source, target, PLOVER type, minimum confidence; actors as in
``events``: a code prefix, a name or an entity) or quotes by a speaker.
``store.alert_match.match_article`` is called by ``store.write.store_analysis``
on each new article, in the same transaction: a match and one pending delivery per
destination of the rule (``webhook``, ``email``) are written with the
article or not at all, so every match is delivered once per destination
whichever verb stored the article (``watch``, ``ingest``, ``load``, the
API). Sending is ``monitor.deliver``'s job; it claims due deliveries here
(``claim_deliveries``) and records how each went (``finish_delivery``).

Rules are read back without their secrets: ``RuleView`` says whether a
webhook secret is set, never what it is, and shows a webhook URL without
its password or query string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from newsgraph.errors import QueryError
from newsgraph.store.read.common import parse_id
from newsgraph.store.schema import (
    AlertDelivery,
    AlertMatch,
    AlertRule,
    ArticleRow,
    EntityRow,
)

__all__ = [
    "KINDS",
    "DeliveryJob",
    "MatchView",
    "RuleSpec",
    "RuleView",
    "add_rule",
    "claim_deliveries",
    "finish_delivery",
    "get_rule",
    "list_rules",
    "remove_rule",
    "rule_matches",
]

KINDS = ("entity", "query", "event", "quote")
MAX_ATTEMPTS = 6
"""Delivery attempts before a delivery is given up as ``failed``."""
STALE_CLAIM = dt.timedelta(minutes=10)
"""A delivery claimed this long ago by a process that never finished it is due again."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass
class RuleSpec:
    """What a new rule looks for and where it sends its matches; exactly one
    of ``entity``, ``query``, the event fields, ``speaker`` is given."""

    name: str
    entity: str | None = None
    query: str | None = None
    event_source: str | None = None
    event_target: str | None = None
    event_type: str | None = None
    min_confidence: float | None = None
    speaker: str | None = None
    webhook: str | None = None
    secret: str | None = None
    email: str | None = None

    def kind(self) -> str:
        """The rule's kind; QueryError when it looks for nothing or for
        several kinds of things."""
        event = any(
            v not in (None, "")
            for v in (self.event_source, self.event_target, self.event_type, self.min_confidence)
        )
        given = [
            kind
            for kind, value in (
                ("entity", self.entity),
                ("query", self.query),
                ("event", event),
                ("quote", self.speaker),
            )
            if value
        ]
        if not given:
            raise QueryError(
                f"alert {self.name!r}: say what to look for: an entity, a query, an event "
                "pattern (source, target, type, minimum confidence) or a speaker"
            )
        if len(given) > 1:
            raise QueryError(
                f"alert {self.name!r}: one kind of rule at a time, not {' and '.join(given)}"
            )
        return given[0]


@dataclass
class RuleView:
    """A rule as listed: no secret (``has_secret`` only), the webhook URL
    without password or query string, and its counts."""

    id: int
    name: str
    kind: str
    criteria: dict[str, Any]
    webhook: str | None
    has_secret: bool
    email: str | None
    created_at: str
    matches: int = 0
    delivered: int = 0
    pending: int = 0
    failed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """The criteria in a few words: ``entity 'Evan Gershkovich'``."""
        return ", ".join(f"{k} {v!r}" for k, v in self.criteria.items())


@dataclass
class MatchView:
    """One article a rule matched."""

    article: int
    article_id: str
    url: str | None
    headline: str | None
    outlet: str | None
    published: str | None
    matched_at: str
    facts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DeliveryJob:
    """A due delivery with everything needed to send it (secret included:
    it never leaves ``monitor.deliver``)."""

    id: int
    destination: str
    attempts: int
    rule: RuleView
    webhook: str | None
    secret: str | None
    email: str | None
    match: MatchView


# -- rules ------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def _check_url(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise QueryError(f"alert {name!r}: webhook {url!r} is not an http(s) URL")


def add_rule(engine: Engine, spec: RuleSpec) -> RuleView:
    """Save a new rule (QueryError naming the problem when it is malformed or
    its name is taken); returns it as listed."""
    name = " ".join((spec.name or "").split())
    if not name or len(name) > 200:
        raise QueryError("an alert needs a name of 1 to 200 characters")
    kind = spec.kind()
    if spec.webhook:
        _check_url(name, spec.webhook)
    if spec.secret and not spec.webhook:
        raise QueryError(f"alert {name!r}: a secret signs webhook deliveries; give --webhook too")
    if spec.email and not _EMAIL.match(spec.email):
        raise QueryError(f"alert {name!r}: {spec.email!r} is not an e-mail address")
    if spec.min_confidence is not None and not 0 <= spec.min_confidence <= 1:
        raise QueryError(f"alert {name!r}: the minimum confidence is between 0 and 1")
    rule = AlertRule(
        name=name,
        kind=kind,
        query=spec.query,
        event_source=(spec.event_source or None),
        event_target=(spec.event_target or None),
        event_type=spec.event_type.strip().upper() if spec.event_type else None,
        min_confidence=spec.min_confidence,
        speaker=spec.speaker,
        webhook=spec.webhook or None,
        secret=spec.secret or None,
        email=spec.email or None,
    )
    with Session(engine) as session:
        if kind == "entity":
            value = (spec.entity or "").strip()
            if (number := parse_id(value)) is not None:
                found = session.get(EntityRow, number)
                if found is None:
                    raise QueryError(f"alert {name!r}: no entity with id {value}")
                rule.entity_id, rule.entity_name = found.id, found.name
            else:
                rule.entity_name = value
        session.add(rule)
        try:
            session.commit()
        except IntegrityError:
            raise QueryError(f"alert {name!r} exists already (remove it first)") from None
        return _view(rule)


def _by_name_or_id(session: Session, name_or_id: str) -> AlertRule:
    value = name_or_id.strip()
    rule = session.execute(select(AlertRule).where(AlertRule.name == value)).scalar_one_or_none()
    if rule is None and (number := parse_id(value)) is not None:
        rule = session.get(AlertRule, number)
    if rule is None:
        raise QueryError(f"no alert called {name_or_id!r}")
    return rule


def remove_rule(engine: Engine, name_or_id: str) -> RuleView:
    """Delete a rule (by name or id) with its matches and deliveries."""
    with Session(engine) as session:
        rule = _by_name_or_id(session, name_or_id)
        view = _view(rule)
        session.delete(rule)
        session.commit()
    return view


def get_rule(engine: Engine, name_or_id: str) -> RuleView:
    """One rule, with its counts."""
    with Session(engine) as session:
        rule = _by_name_or_id(session, name_or_id)
        return _counted(session, [rule])[0]


def list_rules(engine: Engine) -> list[RuleView]:
    """Every rule, oldest first, with its counts."""
    with Session(engine) as session:
        rules = session.execute(select(AlertRule).order_by(AlertRule.id)).scalars().all()
        return _counted(session, rules)


def _counted(session: Session, rules: Sequence[AlertRule]) -> list[RuleView]:
    ids = [r.id for r in rules]
    matches = dict(
        session.execute(
            select(AlertMatch.rule_id, func.count())
            .where(AlertMatch.rule_id.in_(ids))
            .group_by(AlertMatch.rule_id)
        ).all()
    )
    by_status: dict[tuple[int, str], int] = {}
    for rule_id, status, count in session.execute(
        select(AlertMatch.rule_id, AlertDelivery.status, func.count())
        .join(AlertDelivery, AlertDelivery.match_id == AlertMatch.id)
        .where(AlertMatch.rule_id.in_(ids))
        .group_by(AlertMatch.rule_id, AlertDelivery.status)
    ):
        by_status[(rule_id, status)] = count
    views = []
    for rule in rules:
        view = _view(rule)
        view.matches = matches.get(rule.id, 0)
        view.delivered = by_status.get((rule.id, "delivered"), 0)
        view.failed = by_status.get((rule.id, "failed"), 0)
        view.pending = sum(by_status.get((rule.id, s), 0) for s in ("pending", "sending"))
        views.append(view)
    return views


def redact_webhook(url: str | None) -> str | None:
    """A webhook URL fit to show: no password, no query string (either may
    carry a token)."""
    if not url:
        return None
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':***' if parts.password else ''}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "…" if parts.query else "", ""))


def _criteria(rule: AlertRule) -> dict[str, Any]:
    values: dict[str, Any] = {
        "entity": rule.entity_name,
        "entity_id": rule.entity_id,
        "query": rule.query,
        "source": rule.event_source,
        "target": rule.event_target,
        "type": rule.event_type,
        "min_confidence": rule.min_confidence,
        "speaker": rule.speaker,
    }
    return {k: v for k, v in values.items() if v is not None}


def _view(rule: AlertRule) -> RuleView:
    return RuleView(
        id=rule.id,
        name=rule.name,
        kind=rule.kind,
        criteria=_criteria(rule),
        webhook=redact_webhook(rule.webhook),
        has_secret=bool(rule.secret),
        email=rule.email,
        created_at=rule.created_at.isoformat(timespec="seconds") if rule.created_at else "",
    )


# -- reading matches and delivering them -------------------------------------------


def _match_view(match: AlertMatch, article: ArticleRow) -> MatchView:
    return MatchView(
        article=article.id,
        article_id=article.uid,
        url=article.url,
        headline=article.headline,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        matched_at=match.created_at.isoformat(timespec="seconds"),
        facts=list(match.facts or []),
    )


def rule_matches(engine: Engine, name_or_id: str, *, limit: int = 50) -> list[MatchView]:
    """The newest matches of a rule (for its Atom feed and page)."""
    with Session(engine) as session:
        rule = _by_name_or_id(session, name_or_id)
        rows = session.execute(
            select(AlertMatch, ArticleRow)
            .join(ArticleRow, ArticleRow.id == AlertMatch.article_id)
            .where(AlertMatch.rule_id == rule.id)
            .order_by(AlertMatch.created_at.desc(), AlertMatch.id.desc())
            .limit(max(1, min(int(limit), 500)))
        )
        return [_match_view(m, a) for m, a in rows]


def claim_deliveries(engine: Engine, *, limit: int = 100) -> list[DeliveryJob]:
    """Due deliveries (pending and past their back-off, or claimed by a
    process that died), each claimed for this process so that no other
    sends it too."""
    now = _now()
    due = (AlertDelivery.status == "pending") & (
        AlertDelivery.next_attempt_at.is_(None) | (AlertDelivery.next_attempt_at <= now)
    )
    stale = (AlertDelivery.status == "sending") & (AlertDelivery.next_attempt_at <= now)
    jobs: list[DeliveryJob] = []
    with Session(engine) as session:
        ids = (
            session.execute(
                select(AlertDelivery.id).where(due | stale).order_by(AlertDelivery.id).limit(limit)
            )
            .scalars()
            .all()
        )
        for delivery_id in ids:
            claimed = session.execute(
                update(AlertDelivery)
                .where(AlertDelivery.id == delivery_id, due | stale)
                .values(status="sending", next_attempt_at=now + STALE_CLAIM)
            )
            session.commit()
            if getattr(claimed, "rowcount", 0) != 1:
                continue  # another process took it
            delivery = session.get(AlertDelivery, delivery_id)
            if delivery is None:
                continue
            match = session.get(AlertMatch, delivery.match_id)
            rule = session.get(AlertRule, match.rule_id) if match else None
            article = session.get(ArticleRow, match.article_id) if match else None
            if match is None or rule is None or article is None:
                continue
            jobs.append(
                DeliveryJob(
                    id=delivery.id,
                    destination=delivery.destination,
                    attempts=delivery.attempts,
                    rule=_view(rule),
                    webhook=rule.webhook,
                    secret=rule.secret,
                    email=rule.email,
                    match=_match_view(match, article),
                )
            )
    return jobs


def finish_delivery(
    engine: Engine, delivery_id: int, *, error: str | None, retry_after: float | None = None
) -> str:
    """Record an attempt: delivered when ``error`` is None; else pending
    again in ``retry_after`` seconds, or ``failed`` after ``MAX_ATTEMPTS``
    (or when ``retry_after`` is None). Returns the new status."""
    with Session(engine) as session:
        delivery = session.get(AlertDelivery, delivery_id)
        if delivery is None:
            return "gone"
        delivery.attempts += 1
        if error is None:
            delivery.status, delivery.delivered_at, delivery.last_error = "delivered", _now(), None
            delivery.next_attempt_at = None
        elif retry_after is None or delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.last_error = "failed", error[:2000]
        else:
            delivery.status, delivery.last_error = "pending", error[:2000]
            delivery.next_attempt_at = _now() + dt.timedelta(seconds=retry_after)
        session.commit()
        return delivery.status
