"""The gate every analysis a client asks for goes through (``POST
/api/v1/analyze`` and the web's ``/analyze``): an analysis is the one
request that costs seconds of CPU and hundreds of MB, so

- a text over ``analyze_max_chars`` characters is refused (413, naming the
  limit) before anything is parsed; for HTML, the article's text is
  measured once it is taken out of the page;
- at most ``analyze_workers`` analyses run at once, each in a thread of the
  gate's own pool; one more is refused at once (503 with Retry-After)
  instead of queueing up;
- a client waits at most ``analyze_timeout`` seconds (then 504). A thread
  can't be stopped: the analysis runs on, and keeps its place among the
  ``analyze_workers`` until it ends, so timeouts can't pile up work.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from fastapi import HTTPException

from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis
from newsgraph.model.http import AnalyzeRequest, ServerLimits

RETRY_AFTER = 5
"""Seconds a client is told to wait when every analysis place is taken."""


class AnalysisGate:
    """Analyses within ``limits`` (see the module's description)."""

    def __init__(self, limits: ServerLimits) -> None:
        self.limits = limits
        self._places = threading.BoundedSemaphore(limits.analyze_workers)
        self._pool = ThreadPoolExecutor(
            max_workers=limits.analyze_workers, thread_name_prefix="newsgraph-analysis"
        )

    def check_length(self, text: str, what: str = "text") -> None:
        """HTTPException 413 when ``text`` is over the limit."""
        limit = self.limits.analyze_max_chars
        if len(text) > limit:
            raise HTTPException(
                413,
                f"{what} is {len(text):,} characters, over the limit of {limit:,} characters "
                "for one analysis (the analyze_max_chars setting)",
            )

    def _analyse(self, body: AnalyzeRequest) -> Analysis:
        """The analysis of the request's text or HTML (in a pool thread)."""
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
            article = build_article(raw, default_date=body.date)
            self.check_length(article.text, "the article's text")
            return run_analysis(article, date=body.date)
        except NewsgraphError as exc:
            raise HTTPException(422, str(exc)) from None

    async def analyse(self, body: AnalyzeRequest) -> Analysis:
        """The analysis of ``body`` (text or html, exactly one: else 422);
        413, 503 or 504 as described above."""
        if bool(body.text) == bool(body.html):
            raise HTTPException(422, "text or html: give exactly one")
        self.check_length(body.text or "")
        if not self._places.acquire(blocking=False):
            raise HTTPException(
                503,
                f"the server is busy with {self.limits.analyze_workers} analyses; "
                f"try again in {RETRY_AFTER} seconds",
                headers={"Retry-After": str(RETRY_AFTER)},
            )
        try:
            future: Future[Analysis] = self._pool.submit(self._analyse, body)
        except BaseException:
            self._places.release()
            raise
        future.add_done_callback(lambda _done: self._places.release())
        timeout = self.limits.analyze_timeout
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            raise HTTPException(
                504,
                f"the analysis took over {timeout:g} seconds, the limit "
                "(the analyze_timeout setting); try a shorter text",
            ) from None

    async def document(self, body: AnalyzeRequest) -> dict[str, Any]:
        """The analysis document (JSON-ready) of ``body``, never stored; the
        web's ``/analyze`` page calls this."""
        result: dict[str, Any] = (await self.analyse(body)).model_dump(mode="json")
        return result

    def close(self) -> None:
        """Stop taking analyses (those running finish in their threads)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
