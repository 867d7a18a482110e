"""The whole server: the JSON API (``newsgraph.api``) and the web pages
(``newsgraph.web``, with ``/docs``) in one ASGI app, behind the guard
(``api.guard``: hosts, origins, writers and body sizes, checked before any
route runs). The only module that imports both: they share ``model.http``
and nothing else."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from sqlalchemy import Engine

from newsgraph.api import create_api
from newsgraph.api.analysis import AnalysisGate
from newsgraph.api.app import body_rules
from newsgraph.api.guard import BodyRule, HostCheck, RequestGuard, default_hosts
from newsgraph.model.http import ServerLimits, WriteRule
from newsgraph.web import error_body, mount

__all__ = ["app_from_environment", "create_app", "hosts_from_settings", "limits_from_settings"]


def create_app(
    engine: Engine,
    *,
    token: str | None = None,
    local: bool = True,
    allowed_hosts: Iterable[str] | None = None,
    limits: ServerLimits | None = None,
) -> FastAPI:
    """The API and the web pages over the knowledge base behind ``engine``.
    ``token``: the secret writes and analyses need; ``local``: the server
    listens on localhost only (then, without a token, this machine may
    write); ``allowed_hosts``: the names it answers to besides localhost,
    127.0.0.1 and ::1 (``["*"]`` for any); ``limits``: the analyses' limits
    (default: those of ``ServerLimits``)."""
    from newsgraph.cache import VersionCache
    from newsgraph.store.aggregates import kb_version

    limits = limits or ServerLimits()
    app = create_api(engine, token=token, local=local, limits=limits)
    gate: AnalysisGate = app.state.analysis
    writers: WriteRule = app.state.writers
    mount(app, engine, analyze=gate.document, writers=writers, limits=limits)
    # answers cached per knowledge-base version (every write bumps it)
    app.add_middleware(VersionCache, version=lambda: kb_version(engine))
    hosts = default_hosts(None, allowed_hosts or ())
    app.add_middleware(
        RequestGuard,  # outermost: before the pages' headers and every route
        hosts=HostCheck(hosts),
        rules=[
            *body_rules(limits),
            BodyRule("POST", "/analyze", limits.max_body, write=True, form_token=True),
        ],
        writers=writers,
        page_error=error_body,
    )
    app.state.allowed_hosts = hosts
    return app


def limits_from_settings() -> ServerLimits:
    """The analyses' limits from the settings ``max_body``,
    ``analyze_max_chars``, ``analyze_timeout`` and ``analyze_workers``."""
    from newsgraph import settings
    from newsgraph.errors import NewsgraphError

    try:
        return ServerLimits(
            max_body=int(settings.get_number("max_body", minimum=1024)),
            analyze_max_chars=int(settings.get_number("analyze_max_chars", minimum=1)),
            analyze_timeout=settings.get_number("analyze_timeout", minimum=0.1),
            analyze_workers=int(settings.get_number("analyze_workers", minimum=1)),
        )
    except settings.SettingError as exc:
        raise NewsgraphError(str(exc)) from None


def hosts_from_settings(bound: str | None = None) -> list[str]:
    """The names a server bound to ``bound`` answers to: those of the
    ``allowed_hosts`` setting, ``bound`` and this machine's names."""
    from newsgraph import settings

    given = (settings.get("allowed_hosts") or "").split(",")
    return default_hosts(bound, [name.strip() for name in given if name.strip()])


def app_from_environment() -> FastAPI:
    """The app for ``newsgraph serve --workers N`` (uvicorn's factory in each
    worker process): database, token, exposure, hosts and limits from the
    settings ``db``, ``token``, ``local``, ``allowed_hosts`` and the
    analyses' limits (NEWSGRAPH_DB, NEWSGRAPH_TOKEN, ...)."""
    from newsgraph import settings
    from newsgraph.store.db import open_existing

    return create_app(
        open_existing(settings.get("db")),
        token=settings.get("token"),
        local=settings.get_bool("local"),
        allowed_hosts=hosts_from_settings(),
        limits=limits_from_settings(),
    )
