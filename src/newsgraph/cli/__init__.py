"""The command-line interface: thin verbs over the public API."""

from newsgraph.cli import kb  # noqa: F401  (registers the knowledge-base verbs on app)
from newsgraph.cli.app import app, main

__all__ = ["app", "main"]
