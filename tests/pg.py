"""A throwaway PostgreSQL server for the test suite.

``start_postgres(base)`` makes a fresh cluster in a temporary folder under
``base``, starts it on 127.0.0.1 at a free TCP port (its unix socket inside
the same folder, durability switched off for speed) and creates the database
``newsgraph`` owned by the superuser ``newsgraph`` (trust authentication).
``PostgresServer.stop()`` stops it and deletes the folder.

The server binaries (``initdb``, ``pg_ctl``, ``postgres``) come from PATH, else
from the newest ``/usr/lib/postgresql/*/bin/`` (Debian's ``postgresql``
package). PostgreSQL refuses to run as root, so when the tests run as root the
server runs as the ``postgres`` system user (created by Debian's package) via
``runuser`` (or ``setpriv``), and the folder is handed to that user.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "newsgraph"
DBNAME = "newsgraph"
SYSTEM_USER = "postgres"
INSTALL_HINT = (
    "install the PostgreSQL server: "
    "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql"
)
BINARIES = ("initdb", "pg_ctl", "postgres")
_LOG_TAIL = 30


class PostgresUnavailable(RuntimeError):
    """The throwaway PostgreSQL server could not be found or started."""


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres: PATH first, then the
    newest /usr/lib/postgresql/*/bin."""
    found = [shutil.which(name) for name in BINARIES]
    if all(found):
        # Resolve symlinks (e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin)
        # and insist all three are from one installation when possible.
        dirs = {Path(p).resolve().parent for p in found if p}
        if len(dirs) == 1:
            return dirs.pop()
        # Mixed locations: use the one holding pg_ctl (it runs the others
        # from its own folder first).
        pg_ctl = found[1]
        assert pg_ctl is not None
        return Path(pg_ctl).resolve().parent
    candidates = []
    for bindir in Path("/usr/lib/postgresql").glob("*/bin"):
        if all((bindir / name).is_file() for name in BINARIES):
            version = tuple(int(n) for n in re.findall(r"\d+", bindir.parent.name))
            candidates.append((version, bindir))
    if candidates:
        return max(candidates)[1]
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH "
        f"nor in /usr/lib/postgresql/*/bin/: {INSTALL_HINT}"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _demote_prefix() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs a program as the unprivileged server user
    (empty when not root), and that user."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root, and PostgreSQL refuses to run as root; no '{SYSTEM_USER}' "
            f"system user exists to run it as: {INSTALL_HINT} (it creates the user)"
        ) from None
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", SYSTEM_USER, "--"], user
    if setpriv := shutil.which("setpriv"):
        return [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups"], user
    raise PostgresUnavailable(
        "running as root, and neither runuser nor setpriv (util-linux) is there "
        f"to run PostgreSQL as the '{SYSTEM_USER}' user"
    )


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    env.pop("LANG", None)
    return env


def _tail(path: Path, lines: int = _LOG_TAIL) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log empty)"


@dataclass
class PostgresServer:
    """A running throwaway server; ``url`` is an SQLAlchemy URL of its
    database ``newsgraph``."""

    root: Path
    port: int
    bindir: Path
    prefix: list[str]
    dbname: str = DBNAME
    user: str = SUPERUSER
    host: str = "127.0.0.1"
    _stopped: bool = field(default=False, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return self.url_for(self.dbname)

    def url_for(self, dbname: str) -> str:
        """The SQLAlchemy URL of another database on this server."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str | None = None) -> str:
        """A libpq connection string (for psycopg.connect)."""
        return (
            f"host={self.host} port={self.port} user={self.user} "
            f"dbname={dbname or self.dbname} connect_timeout=10"
        )

    def log_tail(self, lines: int = _LOG_TAIL) -> str:
        return _tail(self.logfile, lines)

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is worth keeping) and
        delete its folder. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.datadir / "postmaster.pid").exists():
                _run(
                    [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.datadir)]
                    + ["-m", "immediate", "-w", "-t", "30", "stop"],
                    cwd=self.root,
                    check=False,
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _run(
    cmd: Sequence[str], cwd: Path, check: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=_clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and proc.returncode != 0:
        raise PostgresUnavailable(
            f"command failed (exit {proc.returncode}): {' '.join(cmd)}\n"
            f"{(proc.stdout + proc.stderr).strip()}"
        )
    return proc


def start_postgres(base: Path | None = None, *, attempts: int = 3) -> PostgresServer:
    """Create, start and return a throwaway server in a new folder under
    ``base`` (the system temp dir by default). Raises PostgresUnavailable,
    with what to install or the server log's last lines, when it cannot."""
    bindir = find_bindir()
    prefix, user = _demote_prefix()
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="newsgraph-pg-", dir=base))
    server = PostgresServer(root=root, port=0, bindir=bindir, prefix=prefix)
    atexit.register(server.stop)
    try:
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
            # The server user must be able to reach the folder.
            check = _run([*prefix, "test", "-w", str(root)], cwd=Path("/"), check=False)
            if check.returncode != 0:
                raise PostgresUnavailable(
                    f"the '{SYSTEM_USER}' user cannot reach {root}: pass a base folder "
                    "that every user may traverse (e.g. the system temp dir)"
                )
        _run(
            [*prefix, str(bindir / "initdb"), "-D", str(server.datadir)]
            + ["-A", "trust", "-U", SUPERUSER, "--encoding", "UTF8", "--locale", "C"]
            + ["--no-sync", "--no-instructions"],
            cwd=root,
        )
        sockdir = root / "sock"
        sockdir.mkdir()
        if user is not None:
            os.chown(sockdir, user.pw_uid, user.pw_gid)
        for attempt in range(1, attempts + 1):
            server.port = _free_port()
            settings = {
                "listen_addresses": "'127.0.0.1'",
                "port": str(server.port),
                "unix_socket_directories": f"'{sockdir}'",
                "fsync": "off",
                "synchronous_commit": "off",
                "full_page_writes": "off",
                "max_connections": "100",
                "shared_buffers": "32MB",
                "logging_collector": "off",
            }
            # postgresql.auto.conf is read last (later lines win) and keeps its owner.
            with (server.datadir / "postgresql.auto.conf").open("a") as f:
                f.write("".join(f"{k} = {v}\n" for k, v in settings.items()))
            proc = _run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(server.datadir)]
                + ["-l", str(server.logfile), "-w", "-t", "60", "start"],
                cwd=root,
                check=False,
            )
            if proc.returncode == 0:
                break
            port_taken = "could not bind" in server.log_tail()
            if not port_taken or attempt == attempts:
                raise PostgresUnavailable(
                    f"PostgreSQL did not start (pg_ctl in {bindir}, port {server.port}): "
                    f"{(proc.stdout + proc.stderr).strip()}\n"
                    f"--- last lines of the server log ---\n{server.log_tail()}"
                )
        _create_database(server, DBNAME)
    except BaseException as exc:
        log = server.log_tail()
        server.stop()
        if isinstance(exc, PostgresUnavailable):
            raise
        if isinstance(exc, Exception):
            raise PostgresUnavailable(
                f"PostgreSQL could not be set up: {exc}\n--- server log ---\n{log}"
            ) from exc
        raise
    return server


def _create_database(server: PostgresServer, dbname: str) -> None:
    import psycopg

    deadline = time.monotonic() + 10
    while True:
        try:
            with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{dbname}"')
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def create_database(server: PostgresServer, dbname: str) -> str:
    """Create an empty database on ``server``; return its SQLAlchemy URL."""
    _create_database(server, dbname)
    return server.url_for(dbname)


def drop_database(server: PostgresServer, dbname: str) -> None:
    """Drop a database, closing whatever connections are still open to it."""
    import psycopg

    with contextlib.suppress(psycopg.OperationalError):
        with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
