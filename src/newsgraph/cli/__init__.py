"""The command-line interface: thin verbs over the public API."""

from newsgraph.cli.app import app, main

__all__ = ["app", "main"]
