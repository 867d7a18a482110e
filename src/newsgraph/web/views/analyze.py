"""``/analyze``: paste an article's text (or upload a file: text or HTML)
with an optional publication date and see its analysis, drawn like an
article page. Nothing is stored; the API's size limit applies. The
analysis itself is the API's (``mount`` is handed it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse

from newsgraph.errors import NewsgraphError
from newsgraph.model.http import MAX_BODY, AnalyzeRequest
from newsgraph.sources.decode import decode
from newsgraph.web.article_model import from_analysis
from newsgraph.web.render import page

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

Analyzer = Callable[[AnalyzeRequest], dict[str, Any]]
"""The analysis document (JSON-ready) of a request; HTTPException 422 when
it can't be made."""


def _looks_like_html(name: str, text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return name.lower().endswith(HTML_SUFFIXES) or head.startswith(("<!doctype html", "<html"))


def add_routes(router: APIRouter, analyze: Analyzer) -> None:
    def form_page(status: int = 200, **context: Any) -> HTMLResponse:
        values = {
            "section": "analyze",
            "text": "",
            "date": "",
            "problem": None,
            "model": None,
            "source": None,
            "max_mb": MAX_BODY // (1024 * 1024),
        }
        return page("analyze.html", status, **(values | context))

    @router.get("/analyze", response_class=HTMLResponse)
    def analyze_form() -> HTMLResponse:
        return form_page()

    @router.post("/analyze", response_class=HTMLResponse)
    async def analyze_post(request: Request) -> HTMLResponse:
        try:
            form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_BODY)
        except StarletteHTTPException as exc:
            return form_page(400, problem=f"The form could not be read: {exc.detail}")
        try:
            pasted = form.get("text")
            text = pasted if isinstance(pasted, str) else ""
            given_date = form.get("date")
            date_text = given_date.strip() if isinstance(given_date, str) else ""
            upload = form.get("file")
            again: dict[str, Any] = {"text": text, "date": date_text}
            date = None
            if date_text:
                try:
                    date = dt.date.fromisoformat(date_text)
                except ValueError:
                    return form_page(
                        400, problem=f"{date_text!r} is not a date (YYYY-MM-DD).", **again
                    )
            html = None
            source = "pasted text"
            if isinstance(upload, UploadFile) and upload.filename:
                if text.strip():
                    return form_page(400, problem="Paste text or choose a file, not both.", **again)
                data = await upload.read(MAX_BODY + 1)
                if len(data) > MAX_BODY:
                    return form_page(413, problem="The file is over the size limit.", **again)
                try:
                    content, _encoding = decode(data, upload.filename)
                except NewsgraphError as exc:
                    return form_page(400, problem=f"{upload.filename}: {exc}", **again)
                source = f"the file {upload.filename}"
                if _looks_like_html(upload.filename, content):
                    html, text = content, ""
                else:
                    text = content
            if not text.strip() and not html:
                return form_page(400, problem="Paste an article's text or choose a file.", **again)
            body = AnalyzeRequest(text=text or None, html=html, date=date)
            try:
                document = await run_in_threadpool(analyze, body)
            except HTTPException as exc:
                return form_page(422, problem=f"This could not be analysed: {exc.detail}", **again)
            return form_page(model=from_analysis(document), source=source, **again)
        finally:
            await form.close()
