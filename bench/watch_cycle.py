"""`newsgraph watch`: what one cycle costs beyond the analysis, and whether
memory stays flat when nothing is new. Usage:

    python bench/watch_cycle.py [--feeds 20] [--items 10] [--idle-cycles 100] [--workers 4]

Local HTTP servers (tests/monitor/site.py), one per feed (a host each, as
real feeds are: fetches to one host are one at a time), serve FEEDS RSS
feeds of ITEMS new article pages each (small synthetic news pages, ~110 words, all
different). Measured, in one process with one spaCy pipeline:

1. a cycle over all feeds (fetch, parse, analyse, store, alerts matched);
2. the analysis alone of the same articles (``runs.analyse`` over the
   articles the cycle stored, parsed again from the same HTML): the baseline;
   the cycle minus the baseline is what watching adds (parsing the HTML,
   timed apart, then fetching, storing and matching alerts);
3. IDLE_CYCLES cycles with nothing new, the feeds answering 200 with the
   whole feed each time (no ETag: the worst case, every item looked up),
   with resident memory (RSS) and Python-allocated memory (tracemalloc)
   after cycles 10 and IDLE_CYCLES: the difference must stay small.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["Nairobi", "Lima", "Hanoi", "Oslo", "Quito", "Accra", "Dhaka", "Tunis", "Riga", "Sofia"]
ACTORS = ["the finance ministry", "the central bank", "opposition leaders", "the city council",
          "the transport union", "the health ministry", "local farmers", "the port authority"]


def story(feed: int, item: int) -> tuple[str, list[str]]:
    place = PLACES[(feed + item) % len(PLACES)]
    actor = ACTORS[(feed * 3 + item) % len(ACTORS)]
    number = 100 + feed * 37 + item * 11
    headline = f"{place} officials announce plan {feed}-{item}"
    return headline, [
        f"{place.upper()} — Officials in {place} said on Tuesday that {actor} would spend "
        f"{number} million dollars on new roads, schools and clinics over the next three "
        "years, after weeks of protests over rising prices.",
        f"The plan, the {item + 1}th of its kind this year, was criticised by {actor}, who said "
        f"it did too little for the {number // 10} thousand families hit hardest by the crisis.",
        f"A spokesman for the government said talks would continue on Friday in {place}.",
    ]


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--idle-cycles", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    import os

    os.environ["NEWSGRAPH_FETCH_DELAY"] = "0"  # one local host: no politeness delay
    from newsgraph.article import build_article
    from newsgraph.extract import load_pipeline
    from newsgraph.model import RawDocument
    from newsgraph.monitor.config import WatchSource
    from newsgraph.runs import analyse
    from newsgraph.runs.watch import Watch
    from newsgraph.store import alerts
    from newsgraph.store.db import open_database
    from tests.monitor.site import page, rss, serve_site

    load_pipeline()
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        sites = [stack.enter_context(serve_site()) for _ in range(args.feeds)]
        pages: dict[str, str] = {}
        for f, site in enumerate(sites):
            items = []
            for i in range(args.items):
                headline, paragraphs = story(f, i)
                path = f"/f{f}/a{i}"
                pages[site.url(path)] = page(headline, paragraphs)
                site.set(path, pages[site.url(path)])
                items.append({"title": headline, "link": site.url(path)})
            site.set(f"/f{f}.xml", rss(items), content_type="application/rss+xml", etag=False)
        engine = open_database(str(Path(folder) / "kb.db"))
        alerts.add_rule(engine, alerts.RuleSpec("plans", query="roads schools"))
        sources = [WatchSource(site.url(f"/f{f}.xml")) for f, site in enumerate(sites)]
        with Watch(engine, sources, interval=60, workers=args.workers) as loop:
            started = time.perf_counter()
            first = loop.cycle()
            cycle_seconds = time.perf_counter() - started
            stored = first.new
            # the baseline: the analysis alone of the same articles
            started = time.perf_counter()
            articles = [
                build_article(RawDocument(source=url, format="html", content=html, url=url))
                for url, html in pages.items()
            ]
            parse_seconds = time.perf_counter() - started
            started = time.perf_counter()
            analysed = sum(1 for _ in analyse(articles))
            analysis_seconds = time.perf_counter() - started
            print(
                f"cycle: {args.feeds} feeds x {args.items} new items: {stored} stored "
                f"in {cycle_seconds:.2f} s ({stored / cycle_seconds:.1f} articles/s, "
                f"workers {args.workers})"
            )
            print(
                f"analysis alone of the same {analysed} articles: {analysis_seconds:.2f} s; "
                f"watching adds {cycle_seconds - analysis_seconds:.2f} s "
                f"({(cycle_seconds - analysis_seconds) / max(stored, 1) * 1000:.0f} ms per "
                f"article; cycle/analysis {cycle_seconds / analysis_seconds:.2f}x), of which "
                f"parsing the HTML {parse_seconds:.2f} s; fetching and storing "
                f"{(cycle_seconds - analysis_seconds - parse_seconds) / max(stored, 1) * 1000:.0f} "
                "ms per article"
            )
            tracemalloc.start()
            marks: dict[int, tuple[int, int, float]] = {}
            idle_started = time.perf_counter()
            for n in range(1, args.idle_cycles + 1):
                for source in sources:
                    loop._next[source.url] = 0.0  # due now
                report = loop.cycle()
                assert report.new == 0, report.line()
                for site in sites:
                    site.hits.clear()  # the test servers' own log is not ours to measure
                if n in (10, args.idle_cycles):
                    gc.collect()
                    marks[n] = (rss_bytes(), tracemalloc.get_traced_memory()[0], report.seconds)
            idle_seconds = time.perf_counter() - idle_started
            tracemalloc.stop()
        engine.dispose()
    (rss10, py10, _), (rss_n, py_n, last) = marks[10], marks[args.idle_cycles]
    print(
        f"{args.idle_cycles} cycles with nothing new: {idle_seconds / args.idle_cycles * 1000:.0f} "
        f"ms per cycle (last {last * 1000:.0f} ms); RSS after cycle 10 {rss10 / 1e6:.1f} MB, "
        f"after cycle {args.idle_cycles} {rss_n / 1e6:.1f} MB ({(rss_n - rss10) / 1e6:+.1f} MB); "
        f"Python heap {py10 / 1e6:.2f} MB -> {py_n / 1e6:.2f} MB ({(py_n - py10) / 1e3:+.0f} kB)"
    )


if __name__ == "__main__":
    main()
