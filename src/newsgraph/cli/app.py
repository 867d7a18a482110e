"""The `newsgraph` command: the Typer app and its verbs, registered here,
explicitly, in the order `--help` lists them.

Each verb is a thin function in a module of its own kind (``documents``,
``ingest``, ``monitor``, ``kb``, ``serve``, ``batch``, ``evaluate``, ``dictionaries``);
those modules import nothing heavy at the top, so ``newsgraph --help`` and
``--version`` load none of spaCy, trafilatura, dateparser, SQLAlchemy, FastAPI
or PySpark.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from newsgraph import __version__
from newsgraph.cli import (
    batch,
    dictionaries,
    documents,
    evaluate,
    ingest,
    kb,
    monitor,
    network,
    serve,
)
from newsgraph.cli.options import (
    EXIT_ALL_FAILED,
    EXIT_SOME_FAILED,
    Terminated,
    interrupted_status,
    report,
)
from newsgraph.errors import NewsgraphError

VERBS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("parse", documents.parse),
    ("analyze", documents.analyze),
    ("events", documents.events),
    ("ingest", ingest.ingest),
    ("watch", monitor.watch),
    ("sources", monitor.sources),
    ("search", kb.search),
    ("entity", kb.entity),
    ("entity-merge", kb.entity_merge),
    ("entity-split", kb.entity_split),
    ("quotes", kb.quotes),
    ("stories", kb.stories),
    ("export", kb.export),
    ("network", network.network),
    ("serve", serve.serve),
    ("batch", batch.batch),
    ("load", batch.load),
    ("schema", documents.schema),
)
"""Every verb, by name."""

EVAL_VERBS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("extraction", evaluate.eval_extraction),
    ("ner", evaluate.eval_ner),
    ("timex", evaluate.eval_timex),
    ("quotes", evaluate.eval_quotes),
    ("events", evaluate.eval_events),
    ("facts", evaluate.eval_facts),
)
"""The verbs of `newsgraph eval`."""

DICTIONARIES_VERBS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("fetch", dictionaries.dictionaries_fetch),
    ("check", dictionaries.dictionaries_check),
)
"""The verbs of `newsgraph dictionaries`."""

ALERT_VERBS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("add", monitor.alert_add),
    ("list", monitor.alert_list),
    ("remove", monitor.alert_remove),
)
"""The verbs of `newsgraph alert`."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="newsgraph: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


def build_app() -> typer.Typer:
    """The app with every verb of ``VERBS``, ``EVAL_VERBS``, ``DICTIONARIES_VERBS``
    and ``ALERT_VERBS``."""
    app = typer.Typer(
        name="newsgraph",
        help="Turn raw news articles into a knowledge base of who said what, who did what "
        "to whom, when and where.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(main_options)
    for name, verb in VERBS:
        app.command(name)(verb)
    eval_app = typer.Typer(help="Score newsgraph on public gold data.", no_args_is_help=True)
    for name, verb in EVAL_VERBS:
        eval_app.command(name)(verb)
    app.add_typer(eval_app, name="eval")
    dictionaries_app = typer.Typer(
        help="Fetch and check PETRARCH/TABARI event-coding dictionaries.", no_args_is_help=True
    )
    for name, verb in DICTIONARIES_VERBS:
        dictionaries_app.command(name)(verb)
    app.add_typer(dictionaries_app, name="dictionaries")
    alert_app = typer.Typer(
        help="Saved alerts on entities, queries, event patterns and speakers.",
        no_args_is_help=True,
    )
    for name, verb in ALERT_VERBS:
        alert_app.command(name)(verb)
    app.add_typer(alert_app, name="alert")
    return app


app = build_app()


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Entry point of the `newsgraph` command."""
    signal.signal(signal.SIGTERM, _terminate)  # `serve` has uvicorn's own
    try:
        app()
    except NewsgraphError as exc:  # a setup problem (data file, model): one line, no traceback
        report(exc)
        sys.exit(EXIT_ALL_FAILED)
    except BrokenPipeError:  # `newsgraph parse ... | head`: the reader left; so do we
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_SOME_FAILED)
    except KeyboardInterrupt as exc:
        typer.echo("newsgraph: interrupted", err=True)
        sys.exit(interrupted_status(exc))
