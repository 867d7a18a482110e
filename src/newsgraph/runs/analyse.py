"""Read -> parse -> analyse, as a stream with one failure path.

``read_articles`` turns inputs into ``Article``s and ``Failure``s (an input
that can't be read or parsed); ``analyse`` turns that stream into
``Analysis``es and ``Failure``s (an article whose analysis raised), in input
order, in this process or in ``workers`` processes (one spaCy pipeline each,
a bounded window of chunks in flight so that memory stays flat however large
the corpus). Every verb that analyses (``analyze``, ``events``, ``ingest``,
``batch``) goes through here; what it does with a failure (print it, count
it, write an error row) is its own business.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.errors import InputError, NotArticleError, internal_error
from newsgraph.model import Analysis, Article
from newsgraph.model.safe import shown
from newsgraph.runs.dates import DateSource
from newsgraph.sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["CHUNK", "Failure", "analyse", "read_articles"]

CHUNK = 16
"""Articles per task given to a worker process."""


@dataclass(frozen=True)
class Failure:
    """One input or article that could not go on: where (``file``,
    ``file:line`` or ``file@offset``), why, at which stage (``read`` or
    ``analyse``), and the article when it had been parsed."""

    location: str
    reason: str
    stage: str
    article: Article | None = None
    line: int | None = None
    source: str = ""

    @classmethod
    def from_input_error(cls, error: InputError) -> Failure:
        where = f"{error.source}:{error.line}" if error.line else error.source
        stage = "refused" if isinstance(error, NotArticleError) else "read"
        return cls(where, error.reason, stage, line=error.line, source=error.source)

    @property
    def refused(self) -> bool:
        """Not an article (a readme, a listing): reported, never counted as failed."""
        return self.stage == "refused"

    @classmethod
    def from_exception(cls, article: Article, exc: BaseException) -> Failure:
        where = shown(article.source or article.id, 1000)
        if isinstance(exc, InputError):  # an article we refuse to analyse, with its reason
            return cls(where, exc.reason, "analyse", article, source=where)
        return cls(where, internal_error("analysing", exc), "analyse", article, source=where)

    def as_input_error(self) -> InputError:
        """The failure as the one-line error the CLI prints."""
        return InputError(self.source or self.location, self.reason, line=self.line)


Item = Article | Failure
Result = Analysis | Failure


def read_articles(
    paths: list[str],
    *,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    date: dt.date | None = None,
    date_of: DateSource | None = None,
) -> Iterator[Item]:
    """The articles of ``paths`` (files, folders, globs, ``-``, http(s) URLs of
    pages, feeds and sitemaps: ``runs.remote``), lazily; an
    input that can't be read or parsed is a ``Failure`` in its place.
    An article without a date of its own takes ``date_of(its source)``, else
    ``date`` (``runs.dates``)."""
    from newsgraph.runs.remote import parse_inputs  # files, or http(s) URLs fetched politely

    default = None if date_of is not None else date
    for item in parse_inputs(
        paths, input_format=input_format, max_bytes=max_bytes, default_date=default
    ):
        if isinstance(item, InputError):
            yield Failure.from_input_error(item)
            continue
        if isinstance(item, Failure):
            yield item
            continue
        if date_of is not None and item.published is None:
            day = date_of(item.source or "") or date
            if day is not None:
                item = item.model_copy(update={"published": day})
        yield item


def analyse(
    items: Iterable[Item],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    workers: int = 1,
    stages: Collection[str] | None = None,
) -> Iterator[Result]:
    """The analyses of the articles in ``items``, failures passed through, in
    input order (see the module docstring). ``nlp`` (in this process only)
    overrides ``model``."""
    stages = list(stages) if stages is not None else None
    if workers > 1:
        yield from _in_processes(items, workers, model, stages)
    else:
        yield from _in_process(items, nlp, model, stages)


def _articles(items: Iterable[Item], failures: list[Failure]) -> Iterator[Article]:
    """The articles of ``items``; failures set aside to be passed on in order."""
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
        else:
            yield item


def _drain(failures: list[Failure]) -> list[Failure]:
    taken = list(failures)
    failures.clear()
    return taken


def _analysed(
    articles: Iterable[Article], nlp: Language, stages: list[str] | None
) -> Iterator[Result]:
    """Analyses; an article whose analysis raised becomes a Failure."""
    from newsgraph.extract import analyze_articles

    failures: list[Failure] = []

    def failed(article: Article, exc: Exception) -> None:
        failures.append(Failure.from_exception(article, exc))

    for analysis in analyze_articles(articles, nlp=nlp, on_error=failed, stages=stages):
        yield from _drain(failures)
        yield analysis
    yield from _drain(failures)


def _in_process(
    items: Iterable[Item], nlp: Language | None, model: str | None, stages: list[str] | None
) -> Iterator[Result]:
    from newsgraph.extract import load_pipeline

    failures: list[Failure] = []
    for result in _analysed(_articles(items, failures), nlp or load_pipeline(model), stages):
        yield from _drain(failures)
        yield result
    yield from _drain(failures)


# -- worker processes -----------------------------------------------------------

_worker_nlp: Language | None = None
_worker_stages: list[str] | None = None


def _init_worker(model: str | None, stages: list[str] | None) -> None:
    """A worker: loads the pipeline once; leaves Ctrl-C to the parent (which
    stops the pool) and ends itself if the parent dies (kill -9)."""
    global _worker_nlp, _worker_stages
    import os
    import signal
    import threading

    from newsgraph.extract import load_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    _worker_nlp = load_pipeline(model)
    _worker_stages = stages


def _analyse_chunk(articles: list[Article]) -> list[Result]:
    assert _worker_nlp is not None
    return list(_analysed(articles, _worker_nlp, _worker_stages))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_processes(
    items: Iterable[Item], workers: int, model: str | None, stages: list[str] | None
) -> Iterator[Result]:
    """Analyses from ``workers`` processes, in input order, with at most
    2 x workers chunks in flight (memory does not grow with the corpus)."""
    context = mp.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, _init_worker, (model, stages))
    failures: list[Failure] = []
    pending: list[tuple[list[Failure], Future[list[Result]]]] = []
    try:
        for chunk in _chunks(_articles(items, failures), CHUNK):
            # read failures met before this chunk's last article go out before it
            pending.append((_drain(failures), pool.submit(_analyse_chunk, chunk)))
            if len(pending) >= 2 * workers:
                before, future = pending.pop(0)
                yield from before
                yield from future.result()
        while pending:
            before, future = pending.pop(0)
            yield from before
            yield from future.result()
        yield from _drain(failures)
    finally:  # done, interrupted or abandoned: no worker outlives the run
        pool.shutdown(wait=not pending, cancel_futures=True)
