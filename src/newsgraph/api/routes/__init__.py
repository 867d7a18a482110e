"""The API's routes, one module per resource, each an ``APIRouter`` under
``/api/v1``; ``ROUTERS`` is their order in the OpenAPI description."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.api.routes import (
    alerts,
    analyst,
    analyze,
    articles,
    entities,
    events,
    health,
    quotes,
    search,
    stories,
)

ROUTERS: tuple[APIRouter, ...] = (
    articles.router,
    search.router,
    entities.router,
    quotes.router,
    events.router,
    stories.router,
    analyst.router,
    analyze.router,
    alerts.router,
    health.router,
)

__all__ = ["ROUTERS"]
