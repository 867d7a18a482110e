"""The HTTP API (FastAPI): the knowledge base as JSON under ``/api/v1/``."""

from newsgraph.api.app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
