"""The monitoring verbs: `watch` (follow feeds and sitemaps), `sources`
(what is followed and how its last fetch went) and `alert add|list|remove`
(saved alerts). The loop is ``runs.watch``, the state ``store.feeds`` and
``store.alerts``, the sending ``monitor.deliver``; this module only turns
options into calls and results into output."""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.options import (
    DbOpt,
    ModelOpt,
    RowFormat,
    RowFormatOpt,
    StagesOpt,
    fail,
    stage_names,
)
from newsgraph.cli.render import Column, write_rows
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from sqlalchemy import Engine


def _say(line: str) -> None:
    typer.echo(f"newsgraph: watch: {line}", err=True)


def deliver_alerts(engine: Engine) -> int:
    """Send the alerts' due deliveries (after `ingest`, `load` and each
    `watch` cycle); a failure is one line and is retried later."""
    from newsgraph.monitor.deliver import deliver_due

    return deliver_due(engine)


def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Feed (RSS, Atom) or sitemap URLs, or YAML files of sources "
            "(url, outlet, interval, language).",
            show_default=False,
            metavar="SOURCE",
        ),
    ],
    db: DbOpt = None,
    interval: Annotated[
        str | None,
        typer.Option(
            "--interval",
            help="How often to fetch each source: 30s, 15m, 2h (default 15m, or "
            "NEWSGRAPH_WATCH_INTERVAL; a source's own interval wins).",
            show_default=False,
        ),
    ] = None,
    once: Annotated[
        bool, typer.Option("--once", help="One cycle over every source, then exit.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Sources fetched at the same time (still one request at a time per host).",
        ),
    ] = 1,
    model: ModelOpt = None,
    stages: StagesOpt = None,
) -> None:
    """Follow feeds and sitemaps: fetch each new item's page politely, then
    analyse and store it as `ingest` does, and send the alerts it matches.

    Items seen before are skipped (the state is in the knowledge base, so a
    restart resumes without fetching anything twice). A failing source is
    logged and tried again next cycle; the others go on. One line per cycle
    with each source's new, seen and failed counts. Ctrl-C or SIGTERM
    finishes the article in hand and stops. Exit 0 (with --once: 1 when a
    source or item failed), 2 when the sources or the database are wrong.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph import settings
    from newsgraph.monitor.config import parse_interval, read_sources
    from newsgraph.runs.watch import Watch
    from newsgraph.store.db import database_reason, open_database

    try:
        followed = read_sources(sources)
        every = parse_interval(settings.get("watch_interval", interval) or "15m")
        engine = open_database(db)
        from newsgraph.extract import load_pipeline, resolve_stages

        load_pipeline(model)
        resolve_stages(stage_names(stages))
    except NewsgraphError as exc:
        fail(exc)
    stop = threading.Event()

    def stopping(signum: int, _frame: Any) -> None:
        if stop.is_set():  # a second Ctrl-C: leave now
            raise KeyboardInterrupt
        _say(f"{signal.Signals(signum).name}: finishing the article in hand, then stopping")
        stop.set()

    previous = {s: signal.signal(s, stopping) for s in (signal.SIGINT, signal.SIGTERM)}
    failed = 0
    try:
        from newsgraph.monitor.fetch import Fetcher

        with Fetcher(stop=stop) as fetcher:
            loop = Watch(
                engine,
                followed,
                interval=every,
                workers=workers,
                model=model,
                stages=stage_names(stages),
                fetcher=fetcher,
                stop=stop,
                deliver=deliver_alerts,
                say=_say,
            )
            if once:
                report = loop.cycle()
                _say(report.line())
                failed = report.failed
            else:
                loop.run()
    except NewsgraphError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(NewsgraphError(f"the database refused: {database_reason(exc)}"))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        _say("stopped")
    raise typer.Exit(1 if failed else 0)


SOURCE_COLUMNS = [
    "url",
    "kind",
    "outlet",
    "interval",
    "last_fetch_at",
    "last_ok_at",
    "last_status",
    "last_error",
    "items",
    "seen",
    "failures",
]
SOURCE_TABLE = (
    Column("last fetch", "last_fetch_at", 19),
    Column("status", "last_status", 6, right=True),
    Column("items", "items", 5, right=True),
    Column("seen", "seen", 5, right=True),
    Column("url", "url", 48),
    Column("last error", "last_error"),
)


def sources(db: DbOpt = None, format: RowFormatOpt = RowFormat.table) -> None:
    """Print the sources `watch` follows: each one's last fetch, last status
    and error, articles stored from it and items seen."""
    from newsgraph.cli.kb import knowledge_base
    from newsgraph.store.feeds import list_sources

    with knowledge_base(db) as engine:
        found = [s.to_dict() for s in list_sources(engine)]
    if format is RowFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    write_rows(
        found,
        format.value,
        sys.stdout,
        columns=SOURCE_COLUMNS,
        table=SOURCE_TABLE,
        empty="(no sources: `newsgraph watch URL` follows one)",
    )


# -- alert add | list | remove --------------------------------------------------------


def alert_add(
    name: Annotated[str, typer.Argument(help="The alert's name.", show_default=False)],
    entity: Annotated[
        str | None, typer.Option("--entity", help="An entity, by name or knowledge-base id.")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", help='A full-text query, as `search` reads it ("a phrase", OR, -word).'
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Event pattern: the source actor (code prefix or name)."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", help="Event pattern: the target actor (code prefix or name)."),
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Event pattern: the PLOVER type (e.g. ACCUSE).")
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", min=0, max=1, help="Event pattern: lowest confidence."),
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Quotes by this speaker (name or id).")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="POST each match as JSON to this URL.")
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret",
            help="Sign webhook bodies with HMAC-SHA256 under this secret (never shown again).",
        ),
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="Mail each match to this address (SMTP settings).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Save an alert: evaluated on every article stored from now on (by
    `watch`, `ingest` or `load`); each match goes once to each destination,
    and to the alert's Atom feed (served by `serve`)."""
    from newsgraph.store.alerts import RuleSpec, add_rule
    from newsgraph.store.db import open_database

    spec = RuleSpec(
        name=name,
        entity=entity,
        query=query,
        event_source=source,
        event_target=target,
        event_type=type,
        min_confidence=min_confidence,
        speaker=speaker,
        webhook=webhook,
        secret=secret,
        email=email,
    )
    try:
        view = add_rule(open_database(db), spec)
    except NewsgraphError as exc:
        fail(exc)
    typer.echo(f"newsgraph: alert {view.name!r} added (id {view.id}; {view.describe()})", err=True)


ALERT_COLUMNS = [
    "id",
    "name",
    "kind",
    "criteria",
    "webhook",
    "has_secret",
    "email",
    "created_at",
    "matches",
    "delivered",
    "pending",
    "failed",
]
ALERT_TABLE = (
    Column("id", "id", 4, right=True),
    Column("name", "name", 20),
    Column("matches", "matches", 7, right=True),
    Column("sent", "delivered", 5, right=True),
    Column("waiting", "pending", 7, right=True),
    Column("failed", "failed", 6, right=True),
    Column("looks for", "shown", 40),
    Column("sends to", "to"),
)


def alert_list(db: DbOpt = None, format: RowFormatOpt = RowFormat.table) -> None:
    """Print the saved alerts: what each looks for, where it sends, and how
    many matches it has had and sent (secrets are never shown)."""
    from newsgraph.cli.kb import knowledge_base
    from newsgraph.store.alerts import list_rules

    with knowledge_base(db) as engine:
        rules = list_rules(engine)
    rows = []
    for rule in rules:
        row = rule.to_dict()
        row["shown"] = rule.describe()
        row["to"] = ", ".join(
            v
            for v in (
                rule.webhook and f"{rule.webhook}{' (signed)' if rule.has_secret else ''}",
                rule.email,
            )
            if v
        )
        rows.append(row)
    if format is RowFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in rules], indent=2) + "\n")
        return
    write_rows(
        rows,
        format.value,
        sys.stdout,
        columns=ALERT_COLUMNS,
        table=ALERT_TABLE,
        empty="(no alerts: `newsgraph alert add NAME --entity ...` saves one)",
    )


def alert_remove(
    name: Annotated[str, typer.Argument(help="The alert's name (or id).", show_default=False)],
    db: DbOpt = None,
) -> None:
    """Remove an alert with its matches; exit 1 when there is none by that name."""
    from newsgraph.cli.kb import knowledge_base
    from newsgraph.store.alerts import remove_rule

    with knowledge_base(db) as engine:
        try:
            view = remove_rule(engine, name)
        except NewsgraphError as exc:
            fail(exc, 1)
    typer.echo(f"newsgraph: alert {view.name!r} removed", err=True)
