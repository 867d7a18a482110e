"""The command-line interface: thin verbs over the public API."""

from newsgraph.cli import batch, ingest, kb, serve  # noqa: F401  (register their verbs on app)
from newsgraph.cli.app import app, main

__all__ = ["app", "main"]
