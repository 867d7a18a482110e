"""The HTTP API (FastAPI): the knowledge base as JSON under ``/api/v1/``.
``newsgraph.server.create_app`` serves it together with the web pages."""

from newsgraph.api.app import create_api

__all__ = ["create_api"]
