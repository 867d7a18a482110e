"""The whole server: the JSON API (``newsgraph.api``) and the web pages
(``newsgraph.web``, with ``/docs``) in one ASGI app. The only module that
imports both: they share ``model.http`` and nothing else."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from newsgraph.api import create_api
from newsgraph.api.routes.analyze import analysis_document
from newsgraph.web import mount

__all__ = ["app_from_environment", "create_app"]


def create_app(engine: Engine, *, token: str | None = None, local: bool = True) -> FastAPI:
    """The API and the web pages over the knowledge base behind ``engine``.
    ``token``: the secret write endpoints need; ``local``: the server
    listens on localhost only (then, without a token, writes are allowed)."""
    from newsgraph.cache import VersionCache
    from newsgraph.store.aggregates import kb_version

    app = create_api(engine, token=token, local=local)
    mount(app, engine, analyze=analysis_document)  # the pages, /docs and /static
    app.add_middleware(VersionCache, version=lambda: kb_version(engine))
    return app


def app_from_environment() -> FastAPI:
    """The app for ``newsgraph serve --workers N`` (uvicorn's factory in each
    worker process): database, token and exposure from the settings ``db``,
    ``token`` and ``local`` (NEWSGRAPH_DB, NEWSGRAPH_TOKEN, NEWSGRAPH_LOCAL)."""
    from newsgraph import settings
    from newsgraph.store.db import open_existing

    return create_app(
        open_existing(settings.get("db")),
        token=settings.get("token"),
        local=settings.get_bool("local"),
    )
