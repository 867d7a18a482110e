"""Saved alerts (store.alerts, store.alert_match, monitor.deliver) on SQLite
and PostgreSQL: each kind of rule matched on a newly stored article with its
facts and sentences; every match delivered once per destination: a signed
webhook (to a real local receiver, retried with back-off) and an e-mail (to
an aiosmtpd sink)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from newsgraph.errors import QueryError
from newsgraph.monitor.deliver import deliver_due
from newsgraph.runs import ingest
from newsgraph.store import alerts
from newsgraph.store.schema import AlertDelivery, AlertMatch

from ..conftest import DATA
from .site import Site, posted, verify

EXAMPLE = DATA / "nyt-iran-prisoners.txt"


class Sink:
    """An SMTP server that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sink]:
    sink = Sink()
    with socket.socket() as probe:  # a free port (aiosmtpd needs one named)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("NEWSGRAPH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NEWSGRAPH_SMTP_PORT", str(port))
    monkeypatch.setenv("NEWSGRAPH_SMTP_TLS", "none")
    monkeypatch.setenv("NEWSGRAPH_SMTP_SENDER", "alerts@newsgraph.test")
    try:
        yield sink
    finally:
        controller.stop()


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_alerts_each_kind_matches_and_is_delivered_once(
    engine: Engine, hooks: Site, smtp: Sink
) -> None:
    hook = hooks.url("/hook?key=abc")
    hooks.fail_next["/hook?key=abc"] = 1  # the receiver fails once: retried with back-off
    add = alerts.add_rule
    add(
        engine,
        alerts.RuleSpec(
            "taraghi",
            entity="Hamidreza Taraghi",
            webhook=hook,
            secret="s3cret",
            email="desk@example.org",
        ),
    )
    add(engine, alerts.RuleSpec("talks", query='"back-channel talks"', webhook=hook))
    add(
        engine,
        alerts.RuleSpec(
            "rejections",
            event_source="IRN",
            event_target="USA",
            event_type="reject",
            min_confidence=0.3,
        ),
    )
    add(engine, alerts.RuleSpec("his words", speaker="Taraghi"))
    add(engine, alerts.RuleSpec("nobody", entity="Nobody Atall", webhook=hook))
    add(engine, alerts.RuleSpec("sure events", event_source="IRN", min_confidence=0.999))
    with pytest.raises(QueryError, match="exists already"):
        add(engine, alerts.RuleSpec("talks", query="x"))

    report = ingest([str(EXAMPLE)], engine)
    assert report.stored == 1
    found = {rule.name: rule for rule in alerts.list_rules(engine)}
    assert {n: r.matches for n, r in found.items()} == {
        "taraghi": 1,
        "talks": 1,
        "rejections": 1,
        "his words": 1,
        "nobody": 0,
        "sure events": 0,
    }
    (mention_match,) = alerts.rule_matches(engine, "taraghi")
    sentences = [f["sentence"] for f in mention_match.facts]
    assert any(s.startswith("The official, Hamidreza Taraghi, said") for s in sentences)
    (event_match,) = alerts.rule_matches(engine, "rejections")
    assert all(
        f["type"] == "REJECT" and f["source_code"].startswith("IRN") for f in event_match.facts
    )
    assert all(f["confidence"] >= 0.3 for f in event_match.facts)
    (quote_match,) = alerts.rule_matches(engine, "his words")
    assert any("old news" in f["text"] for f in quote_match.facts)
    (query_match,) = alerts.rule_matches(engine, "talks")
    assert any("back-channel" in f["sentence"] for f in query_match.facts)

    # 3 deliveries were written with the article: 2 webhooks, 1 e-mail
    assert count(engine, AlertDelivery) == 3
    assert deliver_due(engine, backoff=0.01) == 3
    bodies = posted(hooks, "/hook?key=abc")
    assert len(bodies) == 3  # the failed first attempt, then one for each rule
    by_rule = {b["rule"]["name"]: b for b in bodies}
    assert set(by_rule) == {"taraghi", "talks"}
    body = by_rule["taraghi"]
    assert body["article"]["url"] is None and body["article"]["headline"].startswith(
        "Iran Plays Down"
    )
    assert body["rule"]["criteria"] == {"entity": "Hamidreza Taraghi"}
    assert "s3cret" not in json.dumps(bodies) and "key=abc" not in json.dumps(bodies)
    signed = [
        h
        for h in hooks.requests("/hook?key=abc", "POST")
        if json.loads(h.body)["rule"]["name"] == "taraghi"
    ]
    assert all(verify("s3cret", h) for h in signed)
    assert not verify("wrong", signed[-1])
    unsigned = [
        h
        for h in hooks.requests("/hook?key=abc", "POST")
        if json.loads(h.body)["rule"]["name"] == "talks"
    ]
    assert all("X-Newsgraph-Signature" not in h.headers for h in unsigned)
    (mail,) = smtp.messages
    assert mail[0] == "alerts@newsgraph.test" and mail[1] == ["desk@example.org"]
    message = message_from_bytes(mail[2])
    assert message["Subject"].startswith("[newsgraph] taraghi: Iran Plays Down")
    assert "The official, Hamidreza Taraghi, said" in message.get_payload(decode=True).decode()

    # once: nothing is sent again, and the same article stored again matches nothing new
    assert deliver_due(engine) == 0
    assert ingest([str(EXAMPLE)], engine).duplicates == 1
    assert deliver_due(engine) == 0
    assert len(posted(hooks, "/hook?key=abc")) == 3 and len(smtp.messages) == 1
    assert count(engine, AlertMatch) == 4
    listed = {r.name: r for r in alerts.list_rules(engine)}
    assert (listed["taraghi"].delivered, listed["taraghi"].pending) == (2, 0)
    assert listed["taraghi"].has_secret and listed["taraghi"].webhook == hooks.url("/hook?…")


def test_alerts_a_failing_destination_waits_and_gives_up(tmp_path, hooks: Site) -> None:
    from newsgraph.store.alerts import MAX_ATTEMPTS
    from newsgraph.store.db import open_database

    engine = open_database(str(tmp_path / "kb.db"))
    hooks.set("/gone", "", status=410)
    alerts.add_rule(
        engine,
        alerts.RuleSpec("r", speaker="Taraghi", webhook=hooks.url("/gone"), email="x@example.org"),
    )
    ingest([str(EXAMPLE)], engine)
    assert deliver_due(engine, backoff=0.01) == 0  # no SMTP server set, the hook answers 410
    with Session(engine) as session:
        rows = (
            session.execute(select(AlertDelivery).order_by(AlertDelivery.destination))
            .scalars()
            .all()
        )
        assert [(r.destination, r.status, r.attempts) for r in rows] == [
            ("email", "pending", 1),
            ("webhook", "pending", 1),
        ]
        assert "no SMTP server set" in (rows[0].last_error or "")
        assert rows[1].next_attempt_at is not None  # back-off: not due now
    assert deliver_due(engine) == 0 and len(hooks.requests("/gone", "POST")) == 3
    with Session(engine) as session:  # due again, many times: given up at last
        for row in session.execute(select(AlertDelivery)).scalars():
            row.next_attempt_at, row.attempts = None, MAX_ATTEMPTS - 1
        session.commit()
    deliver_due(engine, backoff=0.01)
    assert {r.failed for r in alerts.list_rules(engine)} == {2}
    engine.dispose()


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        (alerts.RuleSpec("a"), "say what to look for"),
        (alerts.RuleSpec("a", entity="X", query="y"), "one kind of rule at a time"),
        (alerts.RuleSpec("a", entity="X", webhook="ftp://x"), "not an http"),
        (alerts.RuleSpec("a", entity="X", secret="s"), "give --webhook too"),
        (alerts.RuleSpec("a", entity="X", email="nobody"), "not an e-mail address"),
        (alerts.RuleSpec("a", entity="999"), "no entity with id 999"),
        (alerts.RuleSpec(" ", entity="X"), "a name of 1 to 200"),
    ],
)
def test_alerts_bad_rules_say_why(tmp_path, spec: alerts.RuleSpec, problem: str) -> None:
    from newsgraph.store.db import open_database

    engine = open_database(str(tmp_path / "kb.db"))
    with pytest.raises(QueryError, match=problem):
        alerts.add_rule(engine, spec)
    engine.dispose()
