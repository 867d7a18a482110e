"""`newsgraph watch`: follow feeds and sitemaps, fetch each new item's page
politely, parse, analyse and store it through the ingest's own path
(``runs.ingest.store_analyses``: batches, a run row, alerts matched in the
same transactions), then deliver the alerts' matches (``monitor.deliver``).

A cycle fetches every due source (``workers`` sources at a time; one
request at a time per host, see ``monitor.fetch``) with a conditional GET,
canonicalises its items' URLs, skips every item seen before (state in the
knowledge base: ``store.feeds``), and hands the new pages, as they arrive,
to the one analysis pipeline of this process. A failing source or page is
logged, counted and tried again in a later cycle; the others go on. Setting
``stop`` (Ctrl-C, SIGTERM) lets the article in hand be stored, the run be
closed and the loop end.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Collection, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import Engine

from newsgraph.errors import InputError
from newsgraph.model import Analysis
from newsgraph.monitor.config import WatchSource
from newsgraph.monitor.fetch import Fetcher
from newsgraph.monitor.urls import canonical_url
from newsgraph.runs.analyse import Failure, Item, Result, analyse
from newsgraph.runs.ingest import store_analyses
from newsgraph.runs.remote import is_listing, page_article, read_listing
from newsgraph.sources.feeds import FeedEntry
from newsgraph.store import feeds

__all__ = ["CycleReport", "SourceCycle", "Watch"]

log = logging.getLogger("newsgraph")

MAX_NEW_PER_CYCLE = 500
"""New items taken from one source in one cycle (the rest wait for the next)."""
BATCH = 10
"""Articles per committed transaction while watching."""


@dataclass
class SourceCycle:
    """What one cycle did with one source."""

    url: str
    new: int = 0
    seen: int = 0
    failed: int = 0
    refused: int = 0
    error: str | None = None
    not_modified: bool = False

    def line(self) -> str:
        if self.error:
            return f"{self.url}: failed ({self.error})"
        parts = f"new {self.new}, seen {self.seen}, failed {self.failed}"
        if self.refused:
            parts += f", refused {self.refused}"
        return f"{self.url}: {parts}" + (" (not modified)" if self.not_modified else "")


@dataclass
class CycleReport:
    """One cycle: its number, each source's counts, seconds taken, and the
    time spent fetching and parsing versus analysing and storing."""

    number: int
    sources: list[SourceCycle] = field(default_factory=list)
    seconds: float = 0.0
    stored: int = 0
    delivered: int = 0

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def failed(self) -> int:
        return sum(s.failed + bool(s.error) for s in self.sources)

    def line(self) -> str:
        alerts = f", {self.delivered} alerts sent" if self.delivered else ""
        return (
            f"cycle {self.number}: {len(self.sources)} sources in {self.seconds:.1f} s{alerts}: "
            + "; ".join(s.line() for s in self.sources)
        )


_DONE = object()


class Watch:
    """The watch loop over ``sources`` into the knowledge base ``engine``."""

    def __init__(
        self,
        engine: Engine,
        sources: list[WatchSource],
        *,
        interval: float,
        workers: int = 1,
        model: str | None = None,
        stages: Collection[str] | None = None,
        fetcher: Fetcher | None = None,
        stop: threading.Event | None = None,
        deliver: Callable[[Engine], int] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        self.sources = sources
        self.interval = interval
        self.workers = max(1, workers)
        self.model = model
        self.stages = stages
        self.stop = stop or threading.Event()
        self._own_fetcher = fetcher is None
        self.fetcher = fetcher or Fetcher(stop=self.stop)
        self.deliver = deliver
        self.say = say or (lambda line: log.warning("%s", line))
        self.cycles = 0
        self._states = {
            s.url: feeds.ensure_source(
                engine,
                s.url,
                outlet=s.outlet,
                language=s.language,
                interval=int(s.interval) if s.interval else None,
            )
            for s in sources
        }
        self._next: dict[str, float] = {}

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the fetcher this loop made (one handed to it stays open)."""
        if self._own_fetcher:
            self.fetcher.close()

    # -- the loop ----------------------------------------------------------------

    def run(self, *, once: bool = False) -> None:
        """Cycles until ``stop`` is set (or one cycle with ``once``)."""
        while not self.stop.is_set():
            report = self.cycle()
            self.say(report.line())
            if once:
                return
            now = time.monotonic()
            wake = min(self._next.values(), default=now + self.interval)
            self.stop.wait(max(1.0, wake - now))

    def _due(self) -> list[WatchSource]:
        now = time.monotonic()
        return [s for s in self.sources if self._next.get(s.url, 0.0) <= now]

    def cycle(self) -> CycleReport:
        """One pass over every due source (see the module docstring)."""
        started = time.perf_counter()
        self.cycles += 1
        report = CycleReport(self.cycles)
        due = self._due()
        for source in due:
            self._next[source.url] = time.monotonic() + (source.interval or self.interval)
        counts = {s.url: SourceCycle(s.url) for s in due}
        report.sources = list(counts.values())
        if self.deliver is not None:  # matches waiting from before (back-off, a crash)
            report.delivered += self.deliver(self.engine)
        if due and not self.stop.is_set():
            outcomes: dict[str, list[tuple[str, str, str | None]]] = {s.url: [] for s in due}
            items = self._items(due, counts, outcomes)
            try:
                first = next(items, None)  # nothing new: no analysis, no run row
                if first is not None:
                    chained = itertools.chain([first], items)
                    results = self._tracked(self._analysed(chained), counts, outcomes)
                    urls = [s.url for s in due]
                    report.stored = store_analyses(
                        results, self.engine, urls, batch_size=BATCH
                    ).stored
            finally:
                items.close()
                for source in due:
                    state = self._states[source.url]
                    feeds.mark_items(self.engine, state.id, outcomes[source.url])
                    stored = sum(1 for _, status, _ in outcomes[source.url] if status == "stored")
                    feeds.count_stored(self.engine, state.id, stored)
        if self.deliver is not None:
            report.delivered += self.deliver(self.engine)
        report.seconds = time.perf_counter() - started
        return report

    # -- fetching (worker threads) -------------------------------------------------

    def _items(
        self,
        due: list[WatchSource],
        counts: dict[str, SourceCycle],
        outcomes: dict[str, list[tuple[str, str, str | None]]],
    ) -> Generator[tuple[str, Item], None, None]:
        """(source url, article or failure) for every new item of the due
        sources, fetched by ``workers`` threads, as they come."""
        found: queue.Queue[object] = queue.Queue(maxsize=4 * self.workers)
        abandoned = threading.Event()  # the consumer left (done, stopped or failed)

        def put(value: object) -> None:
            while not (self.stop.is_set() or abandoned.is_set()):
                try:
                    found.put(value, timeout=0.2)
                    return
                except queue.Full:
                    continue

        def work(source: WatchSource) -> None:
            try:
                for item in self._source_items(source, counts[source.url]):
                    put((source.url, item))
                    if self.stop.is_set() or abandoned.is_set():
                        return
            except Exception as exc:  # a bug must not stop the other sources
                log.debug("watch failed on %s", source.url, exc_info=True)
                counts[source.url].error = f"internal error: {exc!r} (please report it)"

        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="newsgraph-fetch")
        futures = [pool.submit(work, s) for s in due]

        def close() -> None:
            for future in futures:
                future.exception()
            put(_DONE)

        closer = threading.Thread(target=close, daemon=True)
        closer.start()
        try:
            while True:
                try:
                    value = found.get(timeout=0.2)
                except queue.Empty:
                    if self.stop.is_set() and all(f.done() for f in futures):
                        return
                    continue
                if value is _DONE:
                    return
                if self.stop.is_set():
                    return  # the article in hand is done; the ones queued wait
                assert isinstance(value, tuple)
                yield value
        finally:
            abandoned.set()
            pool.shutdown(wait=True, cancel_futures=True)

    def _source_items(self, source: WatchSource, count: SourceCycle) -> Iterator[Item]:
        """Fetch one source's listing and its new pages."""
        state = self._states[source.url]
        try:
            answer = self.fetcher.get(
                source.url, etag=state.etag, last_modified=state.last_modified
            )
            if answer.not_modified:
                count.not_modified = True
                feeds.record_fetch(self.engine, state.id, status=304, error=None)
                return
            if not is_listing(answer):
                raise InputError(source.url, "not an RSS/Atom feed or a sitemap")
            listing = read_listing(self.fetcher, answer, source.url)
        except InputError as exc:
            count.error = exc.reason
            feeds.record_fetch(self.engine, state.id, status=None, error=exc.reason)
            return
        feeds.record_fetch(
            self.engine,
            state.id,
            status=200,
            error=None,
            etag=answer.etag,
            last_modified=answer.last_modified,
            kind=listing.kind,
        )
        entries: dict[str, FeedEntry] = {}
        for entry in listing.entries:
            url = canonical_url(entry.url or "", base=answer.url)
            if url is not None:
                entries.setdefault(url, entry)
        new = feeds.unseen(self.engine, entries)
        count.seen = len(entries) - len(new)
        for url in new[:MAX_NEW_PER_CYCLE]:
            if self.stop.is_set():
                return
            yield page_article(
                self.fetcher,
                url,
                entry=entries[url],
                outlet=source.outlet,
                language=source.language,
            )

    # -- analysis (this thread) ------------------------------------------------------

    def _analysed(self, items: Iterator[tuple[str, Item]]) -> Iterator[tuple[str, Result]]:
        """The analyses of the items, each with its source; analysis runs in
        this process, one article at a time, as pages arrive."""
        pending: list[str] = []

        def articles() -> Iterator[Item]:
            for source_url, item in items:
                pending.append(source_url)
                yield item

        for result in analyse(articles(), model=self.model, stages=self.stages):
            yield pending.pop(0), result

    def _tracked(
        self,
        results: Iterator[tuple[str, Result]],
        counts: dict[str, SourceCycle],
        outcomes: dict[str, list[tuple[str, str, str | None]]],
    ) -> Iterator[Result]:
        for source_url, result in results:
            count = counts[source_url]
            if isinstance(result, Failure):
                url = result.source or result.location
                if result.refused:
                    count.refused += 1
                    outcomes[source_url].append((url, "refused", result.reason))
                else:
                    count.failed += 1
                    outcomes[source_url].append((url, "failed", result.reason))
                    log.warning("%s", result.as_input_error())
            else:
                count.new += 1
                outcomes[source_url].append(_stored(result))
            yield result


def _stored(result: Analysis) -> tuple[str, str, str | None]:
    return (result.article.url or result.article.source or "", "stored", None)
