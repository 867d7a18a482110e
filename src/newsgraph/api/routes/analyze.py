"""``/api/v1/analyze``: the analysis of a text or an HTML page sent in the
request; stored only when asked (a write). ``analysis_document`` is the
same analysis for the web's ``/analyze`` page (``newsgraph.server`` hands
it over)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session

from newsgraph.api.deps import PREFIX, Database, require_writer
from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis, http

router = APIRouter(prefix=PREFIX, tags=["analyze"])


def _check(body: http.AnalyzeRequest) -> None:
    if bool(body.text) == bool(body.html):
        raise HTTPException(422, "text or html: give exactly one")


def _analyse(body: http.AnalyzeRequest) -> Analysis:
    """The analysis of the request's text or HTML; a 422 when it has none."""
    from newsgraph.article import build_article
    from newsgraph.extract import analyze as run_analysis
    from newsgraph.model import RawDocument

    raw = RawDocument(
        source=body.url or "<api>",
        format="html" if body.html else "text",
        content=body.html or body.text or "",
        url=body.url,
    )
    try:
        return run_analysis(build_article(raw, default_date=body.date), date=body.date)
    except NewsgraphError as exc:
        raise HTTPException(422, str(exc)) from None


def analysis_document(body: http.AnalyzeRequest) -> dict[str, Any]:
    """The analysis document (JSON-ready) of ``body``, never stored; raises
    HTTPException 422 when there is nothing to analyse."""
    _check(body)
    document: dict[str, Any] = _analyse(body).model_dump(mode="json")
    return document


@router.post("/analyze", response_model=http.AnalyzeResponse)
def analyze(body: http.AnalyzeRequest, request: Request, engine: Database) -> http.AnalyzeResponse:
    """The analysis of a text or an HTML page (nothing is stored unless
    ``store`` is true, which is a write)."""
    _check(body)
    if body.store:
        require_writer(request)
    result = _analyse(body)
    stored: http.StoreOutcome | None = None
    if body.store:
        from newsgraph.store.write import store_analysis

        with Session(engine) as session:
            stored = store_analysis(session, result)
            session.commit()
    return http.AnalyzeResponse(**dict(result), stored=stored)
