"""`newsgraph serve`: the HTTP API and web UI over a knowledge base."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from newsgraph import settings
from newsgraph.cli.options import DbOpt, fail
from newsgraph.errors import NewsgraphError

LOCAL_HOSTS = frozenset({"localhost"})


def is_local(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Server processes (one per core is a start).")
    ] = 1,
) -> None:
    """Serve the JSON API (/api/v1/, OpenAPI at /docs) and the web UI (/).

    Binds 127.0.0.1 by default. Write endpoints (store an analysis, delete an
    article, merge or split entities) need the token in NEWSGRAPH_TOKEN
    (`Authorization: Bearer <token>`); without one they are open on localhost
    only and refused when the server listens on another address.
    """
    import uvicorn

    from newsgraph.server import create_app
    from newsgraph.store.db import open_existing

    try:
        engine = open_existing(db)
    except NewsgraphError as exc:
        fail(exc)
    token = settings.get("token")
    local = is_local(host)
    if not local and not token:
        typer.echo(
            f"newsgraph: serving on {host}: writes are off (set NEWSGRAPH_TOKEN to allow them)",
            err=True,
        )
    typer.echo(
        f"newsgraph: serving {engine.url.render_as_string()} on http://{host}:{port}/", err=True
    )
    if workers == 1:
        app_ = create_app(engine, token=token, local=local)
        uvicorn.run(app_, host=host, port=port, log_level="warning")
        return
    # several processes: each builds its own app (uvicorn's factory) from the environment
    os.environ[settings.SETTINGS["db"].env] = engine.url.render_as_string(hide_password=False)
    os.environ[settings.SETTINGS["local"].env] = "1" if local else "0"
    engine.dispose()
    uvicorn.run(
        "newsgraph.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
