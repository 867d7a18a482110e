"""``/api/v1/health``: the server is up and the knowledge base answers."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph import __version__
from newsgraph.api.deps import PREFIX, Database
from newsgraph.model import http
from newsgraph.store import read

router = APIRouter(prefix=PREFIX, tags=["meta"])


@router.get("/health", response_model=http.Health)
def health(engine: Database) -> http.Health:
    """The server is up and the knowledge base answers."""
    return http.Health(status="ok", version=__version__, database=read.database_answers(engine))
