"""Knowledge-base query latency: full-text search and entity profiles, median
and 95th percentile over queries drawn from the database itself. Usage:

    python bench/kb_queries.py --db URL_OR_PATH [-n 200] [--seed 1]

Search queries are one word, two words, a "quoted phrase" of two words in a
row, or two words joined by OR, all taken from stored headlines and texts;
some carry a --since/--outlet/--type filter. Profiles are asked by name (of
entities picked across the mention counts, so frequent and rare ones
alike), by lower-cased name, and by id. Each timing is one call of the
Python API (``store.read``), results fetched, after a few warm-up calls.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(calls: list[Callable[[], Any]]) -> tuple[list[float], int]:
    seconds = []
    found = 0
    for call in calls:
        start = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - start)
        found += bool(result)
    return seconds, found


def report(label: str, seconds: list[float], found: int) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{label:<16} {len(ms):>5}  {statistics.median(ms):>8.2f}  {percentile(ms, 0.95):>8.2f}"
        f"  {max(ms):>8.2f}  {found:>6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", required=True, help="SQLite path, sqlite:///... or postgresql://..."
    )
    parser.add_argument("-n", type=int, default=200, help="Queries of each kind.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from sqlalchemy import func, select

    from newsgraph.errors import NewsgraphError
    from newsgraph.store import read as q
    from newsgraph.store.db import open_existing as open_kb
    from newsgraph.store.schema import ArticleRow, EntityRow, EventRow, MentionRow

    try:
        engine = open_kb(args.db)
    except NewsgraphError as exc:
        sys.exit(f"newsgraph: error: {exc}")
    rng = random.Random(args.seed)
    with engine.connect() as connection:
        articles = connection.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
        sample = connection.execute(
            select(ArticleRow.headline, ArticleRow.text, ArticleRow.outlet, ArticleRow.published)
            .order_by(ArticleRow.id)
            .limit(2000)
        ).all()
        ranked = connection.execute(
            select(EntityRow.id, EntityRow.name, func.count(MentionRow.id).label("n"))
            .join(MentionRow, MentionRow.entity_id == EntityRow.id)
            .group_by(EntityRow.id, EntityRow.name)
            .order_by(func.count(MentionRow.id).desc())
        ).all()
        types = [t for (t,) in connection.execute(select(EventRow.type).distinct())]
    if not sample or not ranked:
        sys.exit("newsgraph: error: the knowledge base holds no articles or entities")

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", text)]

    searches: list[Callable[[], Any]] = []
    labels = []
    for i in range(args.n):
        headline, text, outlet, published = rng.choice(sample)
        pool = words(f"{headline or ''} {text[:2000]}") or ["news"]
        kind = i % 4
        if kind == 0:
            query = rng.choice(pool)
        elif kind == 1:
            query = f"{rng.choice(pool)} {rng.choice(pool)}"
        elif kind == 2:
            at = rng.randrange(max(1, len(pool) - 1))
            query = '"' + " ".join(pool[at : at + 2]) + '"'
        else:
            query = f"{rng.choice(pool)} OR {rng.choice(pool)}"
        filters: dict[str, Any] = {}
        if i % 5 == 0 and published is not None:
            filters["since"] = published.replace(day=1)
        if i % 7 == 0 and outlet:
            filters["outlet"] = outlet.lower()
        if i % 11 == 0 and types:
            filters["type"] = rng.choice(types)
        labels.append(query)
        searches.append(lambda query=query, filters=filters: q.search(engine, query, **filters))

    profiles: list[Callable[[], Any]] = []
    for i in range(args.n):
        # Spread over the mention ranking: frequent entities cost the most.
        entity_id, name, _ = ranked[min(len(ranked) - 1, int(len(ranked) * rng.random() ** 2))]
        asked: int | str = (name, name.lower(), entity_id)[i % 3]
        profiles.append(lambda asked=asked: q.entity_profile(engine, asked))
    busiest_id, busiest, mentions = ranked[0]

    for call in searches[:5] + profiles[:5]:  # warm up caches and connections
        call()
    print(f"database: {engine.url.render_as_string(hide_password=True)} ({engine.dialect.name})")
    print(f"articles: {articles}, entities with mentions: {len(ranked)}")
    print(f"{'query':<16} {'n':>5}  {'median ms':>8}  {'p95 ms':>8}  {'max ms':>8}  {'found':>6}")
    report("search", *timed(searches))
    report("entity profile", *timed(profiles))
    top = [lambda: q.entity_profile(engine, busiest_id)] * 20
    report("busiest entity", *timed(top))
    print(f"(busiest entity: {busiest}, {mentions} mentions)")


if __name__ == "__main__":
    main()
