"""The command-line interface: thin verbs over the public API, registered in
``cli.app`` (``VERBS``)."""

from newsgraph.cli.app import app, main

__all__ = ["app", "main"]
