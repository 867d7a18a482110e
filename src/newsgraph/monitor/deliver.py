"""Sending alert matches: webhooks and e-mail, each match once per destination.

``deliver_due`` claims the due deliveries (``store.alerts``: a match and its
pending deliveries are written with the article), sends each and records
how it went. A webhook gets a POST of JSON (``payload``): the rule (id,
name, kind, criteria; never its secret or destinations), the article (its
id, knowledge-base number, URL, headline, outlet, date) and the matching
facts with their sentences. With a secret, the body is signed:
``X-Newsgraph-Signature: sha256=<hex HMAC-SHA256 of the body>``;
``X-Newsgraph-Delivery`` is the delivery's id, the same on every retry (a
receiver can drop repeats). Any 2xx answer is success. A failure is tried
again at once with back-off (``INLINE_TRIES``), then left pending and
retried by later runs at growing intervals (``retry_after``) until
``store.alerts.MAX_ATTEMPTS``. E-mail goes through the SMTP server of the
``smtp_*`` settings (STARTTLS, SSL or none; a login when a user is set).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import httpx
from sqlalchemy import Engine

from newsgraph import settings
from newsgraph.monitor.fetch import number, user_agent
from newsgraph.store.alerts import DeliveryJob, claim_deliveries, finish_delivery

__all__ = ["INLINE_TRIES", "deliver_due", "payload", "send_email", "send_webhook", "signature"]

log = logging.getLogger("newsgraph")

INLINE_TRIES = 3
"""Attempts of one delivery in one run (with back-off) before it waits for a later run."""
SIGNATURE_HEADER = "X-Newsgraph-Signature"


class DeliveryFailed(Exception):
    """A delivery did not go through; the message says why (no secrets in it)."""


def _env(name: str) -> str:
    return settings.SETTINGS[name].env


def retry_after(attempts: int) -> float:
    """Seconds before a later run tries a delivery that failed ``attempts`` times."""
    return float(min(3600, 60 * 2 ** max(0, attempts - 1)))


def payload(job: DeliveryJob) -> dict[str, Any]:
    """What a webhook receives (and an e-mail says)."""
    match = job.match
    return {
        "rule": {
            "id": job.rule.id,
            "name": job.rule.name,
            "kind": job.rule.kind,
            "criteria": job.rule.criteria,
        },
        "article": {
            "id": match.article_id,
            "number": match.article,
            "url": match.url,
            "headline": match.headline,
            "outlet": match.outlet,
            "published": match.published,
        },
        "matched_at": match.matched_at,
        "facts": match.facts,
        "delivery": job.id,
    }


def signature(secret: str, body: bytes) -> str:
    """The value of ``X-Newsgraph-Signature`` for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send_webhook(job: DeliveryJob, *, timeout: float | None = None) -> None:
    """POST the match to the rule's webhook; DeliveryFailed on no 2xx."""
    assert job.webhook is not None
    body = json.dumps(payload(job), ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": user_agent(),
        "X-Newsgraph-Delivery": str(job.id),
    }
    if job.secret:
        headers[SIGNATURE_HEADER] = signature(job.secret, body)
    try:
        answer = httpx.post(
            job.webhook,
            content=body,
            headers=headers,
            timeout=number("fetch_timeout", timeout),
            follow_redirects=False,
            trust_env=False,
        )
    except httpx.HTTPError as exc:
        raise DeliveryFailed(f"webhook {job.rule.webhook}: {type(exc).__name__}") from None
    if not 200 <= answer.status_code < 300:
        raise DeliveryFailed(f"webhook {job.rule.webhook}: HTTP {answer.status_code}")


def _email(job: DeliveryJob, sender: str) -> EmailMessage:
    match = job.match
    message = EmailMessage()
    message["From"] = sender
    message["To"] = job.email or ""
    headline = match.headline or match.url or f"article {match.article_id}"
    message["Subject"] = f"[newsgraph] {job.rule.name}: {' '.join(headline.split())[:150]}"
    message["X-Newsgraph-Delivery"] = str(job.id)
    lines = [
        f"Alert {job.rule.name!r} ({job.rule.describe()}) matched an article.",
        "",
        headline,
        match.url or "",
        " · ".join(v for v in (match.outlet, match.published) if v),
        "",
    ]
    for fact in match.facts:
        lines.append(f"- {fact.get('sentence') or fact.get('text') or ''}")
    message.set_content("\n".join(lines) + "\n")
    return message


def send_email(job: DeliveryJob) -> None:
    """Mail the match to the rule's address; DeliveryFailed when the server
    is not set or refuses."""
    host = settings.get("smtp_host")
    if not host:
        raise DeliveryFailed(f"no SMTP server set ({_env('smtp_host')})")
    tls = (settings.get("smtp_tls") or "starttls").strip().lower()
    if tls not in {"starttls", "ssl", "none"}:
        raise DeliveryFailed(f"{_env('smtp_tls')}={tls!r}: say starttls, ssl or none")
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[tls]
    port_text = settings.get("smtp_port") or str(default_port)
    if not (port_text.isascii() and port_text.isdigit()):
        raise DeliveryFailed(f"{_env('smtp_port')}={port_text!r} is not a port number")
    timeout = number("fetch_timeout")
    sender = settings.get("smtp_sender") or "newsgraph@localhost"
    try:
        server: smtplib.SMTP
        if tls == "ssl":
            server = smtplib.SMTP_SSL(
                host, int(port_text), timeout=timeout, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(host, int(port_text), timeout=timeout)
        with server:
            if tls == "starttls":
                server.starttls(context=ssl.create_default_context())
            user = settings.get("smtp_user")
            if user:
                server.login(user, settings.get("smtp_password") or "")
            server.send_message(_email(job, sender))
    except (OSError, smtplib.SMTPException) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DeliveryFailed(f"e-mail to {job.email} via {host}:{port_text}: {reason}") from None


SENDERS: dict[str, Callable[[DeliveryJob], None]] = {
    "webhook": send_webhook,
    "email": send_email,
}


def deliver_due(engine: Engine, *, backoff: float = 0.5, limit: int = 100) -> int:
    """Send every due delivery (see the module docstring); returns how many
    went through. Failures are logged, one line each, and retried later."""
    sent = 0
    for job in claim_deliveries(engine, limit=limit):
        error = None
        for attempt in range(INLINE_TRIES):
            try:
                SENDERS[job.destination](job)
                error = None
                break
            except DeliveryFailed as exc:
                error = str(exc)
                if job.destination == "email" and "no SMTP server" in error:
                    break  # nothing will change within this run
                if attempt + 1 < INLINE_TRIES:
                    time.sleep(backoff * 2**attempt)
        status = finish_delivery(
            engine, job.id, error=error, retry_after=retry_after(job.attempts + 1)
        )
        if error is None:
            sent += 1
        else:
            later = "given up" if status == "failed" else "will be retried"
            log.warning("alert %r: %s (%s)", job.rule.name, error, later)
    return sent
