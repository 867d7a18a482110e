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
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name the server answers to (the Host header; repeat for several; "
            "*.example.org for subdomains, * for any), besides the --host address, localhost, "
            "127.0.0.1 and ::1; others get 400. Default NEWSGRAPH_ALLOWED_HOSTS.",
            show_default=False,
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Serve the JSON API (/api/v1/, OpenAPI at /docs) and the web UI (/).

    Binds 127.0.0.1 by default. Write endpoints (store an analysis, delete an
    article, merge or split entities) and analyses (POST /api/v1/analyze,
    the /analyze page) need the token in NEWSGRAPH_TOKEN (`Authorization:
    Bearer <token>`); without one they are taken only from this machine, and
    refused when the server listens on another address. Requests for other
    host names (--allowed-host) get 400; writes from another site's page
    (a foreign Origin) get 403; bodies over their limit get 413 as they
    arrive; analyses have length, time and concurrency limits (settings).
    """
    import uvicorn

    from newsgraph.api.guard import default_hosts
    from newsgraph.server import create_app, hosts_from_settings, limits_from_settings
    from newsgraph.store.db import open_existing

    try:
        limits = limits_from_settings()
        engine = open_existing(db)
    except NewsgraphError as exc:
        fail(exc)
    token = settings.get("token")
    local = is_local(host)
    hosts = default_hosts(host, allowed_host) if allowed_host else hosts_from_settings(host)
    if not local and not token:
        typer.echo(
            f"newsgraph: serving on {host}: writes and analyses are off "
            "(set NEWSGRAPH_TOKEN to allow them)",
            err=True,
        )
    typer.echo(
        f"newsgraph: serving {engine.url.render_as_string()} on http://{host}:{port}/ "
        f"to the hosts {', '.join(hosts)}",
        err=True,
    )
    if workers == 1:
        app_ = create_app(engine, token=token, local=local, allowed_hosts=hosts, limits=limits)
        uvicorn.run(app_, host=host, port=port, log_level="warning")
        return
    # several processes: each builds its own app (uvicorn's factory) from the environment
    os.environ[settings.SETTINGS["db"].env] = engine.url.render_as_string(hide_password=False)
    os.environ[settings.SETTINGS["local"].env] = "1" if local else "0"
    os.environ[settings.SETTINGS["allowed_hosts"].env] = ",".join(hosts)
    engine.dispose()
    uvicorn.run(
        "newsgraph.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
