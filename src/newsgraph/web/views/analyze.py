"""``/analyze``: paste an article's text (or upload a file: text or HTML)
with an optional publication date and see its analysis, drawn like an
article page. Nothing is stored. The analysis itself is the API's
(``mount`` is handed it), with its limits (length, time, analyses at once)
and its rule of who may analyse: with a token set, the form asks for it
(or an ``Authorization: Bearer`` header carries it); without one, only this
machine may."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse

from newsgraph.errors import NewsgraphError
from newsgraph.model.http import AnalyzeRequest, ServerLimits, WriteRule
from newsgraph.sources.decode import decode
from newsgraph.web.article_model import from_analysis
from newsgraph.web.render import page

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

Analyzer = Callable[[AnalyzeRequest], Awaitable[dict[str, Any]]]
"""The analysis document (JSON-ready) of a request; HTTPException 413,
422, 503 or 504 when it can't be made."""

WHY = {
    413: "This is too long to analyse here",
    503: "The server is busy",
    504: "The analysis took too long",
}


def _looks_like_html(name: str, text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return name.lower().endswith(HTML_SUFFIXES) or head.startswith(("<!doctype html", "<html"))


def add_routes(
    router: APIRouter, analyze: Analyzer, writers: WriteRule, limits: ServerLimits
) -> None:
    def form_page(status: int = 200, **context: Any) -> HTMLResponse:
        values = {
            "section": "analyze",
            "text": "",
            "date": "",
            "problem": None,
            "model": None,
            "source": None,
            "max_mb": f"{limits.max_body / (1024 * 1024):g}",
            "max_chars": f"{limits.analyze_max_chars:,}",
            "ask_token": bool(writers.token),
        }
        return page("analyze.html", status, **(values | context))

    @router.get("/analyze", response_class=HTMLResponse)
    def analyze_form() -> HTMLResponse:
        return form_page()

    @router.post("/analyze", response_class=HTMLResponse)
    async def analyze_post(request: Request) -> HTMLResponse:
        try:
            form = await request.form(max_files=1, max_fields=10, max_part_size=limits.max_body)
        except StarletteHTTPException as exc:
            return form_page(400, problem=f"The form could not be read: {exc.detail}")
        try:
            pasted = form.get("text")
            text = pasted if isinstance(pasted, str) else ""
            given_date = form.get("date")
            date_text = given_date.strip()[:30] if isinstance(given_date, str) else ""
            token = form.get("token")
            again: dict[str, Any] = {"text": text, "date": date_text}
            client = request.client.host if request.client else None
            refusal = writers.refusal(
                authorization=request.headers.get("authorization"),
                client=client,
                token_field=token if isinstance(token, str) and token else None,
            )
            if refusal is not None:
                status, reason = refusal
                problem = (
                    "This server analyses only for those with its token: enter it below."
                    if status == 401
                    else f"Analyses are not allowed here: {reason}."
                )
                return form_page(status, problem=problem, **again)
            upload = form.get("file")
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
                data = await upload.read(limits.max_body + 1)
                if len(data) > limits.max_body:
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
            if "\x00" in text:
                return form_page(400, problem="The text has NUL bytes: is it a text?", **again)
            if not text.strip() and not html:
                return form_page(400, problem="Paste an article's text or choose a file.", **again)
            if len(again["text"]) > limits.analyze_max_chars:
                again["text"] = ""  # not sent back into the form
            body = AnalyzeRequest(text=text or None, html=html, date=date)
            try:
                document = await analyze(body)
            except HTTPException as exc:
                why = WHY.get(exc.status_code, "This could not be analysed")
                return form_page(exc.status_code, problem=f"{why}: {exc.detail}.", **again)
            return form_page(model=from_analysis(document), source=source, **again)
        finally:
            await form.close()
