"""``/api/v1/analyze``: the analysis of a text or an HTML page sent in the
request; stored only when asked. Analysing follows the rules of writes (the
token, or localhost only), and runs through the app's ``AnalysisGate``
(``api.analysis``: length, time and concurrency limits), which the web's
``/analyze`` page shares (``newsgraph.server`` hands it over)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from newsgraph.api.analysis import AnalysisGate
from newsgraph.api.deps import PREFIX, Database, Writer
from newsgraph.model import Analysis, http

router = APIRouter(prefix=PREFIX, tags=["analyze"])


def _store(engine: Engine, result: Analysis) -> http.StoreOutcome:
    from newsgraph.store.write import store_analysis

    with Session(engine) as session:
        stored = store_analysis(session, result)
        session.commit()
    return stored


@router.post("/analyze", response_model=http.AnalyzeResponse, dependencies=[Writer])
async def analyze(
    body: http.AnalyzeRequest, request: Request, engine: Database
) -> http.AnalyzeResponse:
    """The analysis of a text or an HTML page (nothing is stored unless
    ``store`` is true). Needs the token when the server has one."""
    gate: AnalysisGate = request.app.state.analysis
    result = await gate.analyse(body)
    stored = await run_in_threadpool(_store, engine, result) if body.store else None
    return http.AnalyzeResponse(**dict(result), stored=stored)
