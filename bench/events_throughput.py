"""Event coding speed: events coded per second and the share of the analysis
time spent on events, on the same real articles, in one run. Usage:

    python bench/events_throughput.py [ARTICLES_DIR] [--limit N]

ARTICLES_DIR defaults to ../shared/eval-dev/articles/bbc-news-politics. The
event stage is timed by wrapping ``find_events`` as ``analyze_doc`` calls it;
the whole analysis (spaCy parse included) is timed around it, and spaCy alone
on the same texts gives the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval-dev" / "articles" / "bbc-news-politics"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=417)
    args = parser.parse_args()
    if not args.directory.is_dir():
        sys.exit(f"{args.directory}: no such folder of articles")

    from newsgraph.article import parse_paths
    from newsgraph.extract import analysis, analyze_articles, load_pipeline
    from newsgraph.model import Article

    articles = [a for a in parse_paths([str(args.directory)]) if isinstance(a, Article)]
    articles = articles[: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    nlp("warm up the pipeline")

    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    spacy_seconds = time.perf_counter() - start

    spent = [0.0]
    original = analysis.find_events

    def timed(context):  # type: ignore[no-untyped-def]
        begin = time.perf_counter()
        found = original(context)
        spent[0] += time.perf_counter() - begin
        return found

    analysis.find_events = timed  # type: ignore[assignment]
    types: Counter[str] = Counter()
    start = time.perf_counter()
    for result in analyze_articles(articles, nlp=nlp):
        types.update(e.type for e in result.events)
    total = time.perf_counter() - start
    analysis.find_events = original  # type: ignore[assignment]

    events = sum(types.values())
    print(f"articles {len(articles)}, words {words}, events coded {events}")
    print(f"spaCy alone          {spacy_seconds:8.2f} s")
    print(f"newsgraph analysis   {total:8.2f} s  ({total / spacy_seconds:.2f}x spaCy alone)")
    print(f"  of which events    {spent[0]:8.2f} s  ({spent[0] / total:.1%} of the analysis)")
    print(f"events coded per second of event stage: {events / spent[0]:.0f}")
    print(f"events coded per second of whole analysis: {events / total:.1f}")
    print("by type: " + ", ".join(f"{t} {n}" for t, n in types.most_common()))


if __name__ == "__main__":
    main()
