"""Load test of the web UI: search, article and entity pages at 10 concurrent
clients, from a second process, against `newsgraph serve` on 127.0.0.1,
bounded in requests and time. Usage:

    python bench/web_load.py [--articles 10000] [--db PATH] [--requests 300]
                             [--clients 10] [--seconds 120]

Without --db it builds a knowledge base of --articles articles first
(synthesised as in bench/kb_ingest.py: the 417 BBC articles and edited
copies; `newsgraph ingest --workers 2`) in a temporary folder, which takes
a while (about 25 minutes for 10,000 on 2 busy cores); --db reuses one, or
builds it there first when the file does not exist yet (then later runs
reuse it). Prints requests/s, median (p50) and p95 latency per page and
the error count, beside the same for ``/api/v1/health`` (the server's
floor: one tiny query) measured in the same run; target p95 < 100 ms. The
server runs with the ``serve`` defaults unless --workers says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build(articles: int, folder: Path, db: Path | None = None) -> Path:
    from kb_ingest import corpus, write_jsonl

    db = db or folder / "web.db"
    source = write_jsonl(corpus(articles), folder / "corpus.jsonl")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "ingest",
            str(source),
            "--db",
            str(db),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        check=True,
    )
    print(f"built {db} ({articles} articles) in {time.perf_counter() - start:.0f} s")
    return db


def sample(db: Path, n: int) -> dict[str, list[str]]:
    """Paths to request: searches of words from headlines, articles, entities."""
    rng = random.Random(3)
    connection = sqlite3.connect(db)
    headlines = [
        r[0] for r in connection.execute("select headline from articles where headline is not null")
    ]
    articles = [r[0] for r in connection.execute("select id from articles")]
    entities = [
        r[0]
        for r in connection.execute(
            "select entity_id from mentions group by entity_id order by count(*) desc limit 2000"
        )
    ]
    connection.close()
    words = [w for h in headlines for w in h.split() if len(w) > 4 and w.isalpha()]
    return {
        "search": [f"/search?q={rng.choice(words)}" for _ in range(n)],
        "article": [f"/articles/{rng.choice(articles)}" for _ in range(n)],
        "entity": [f"/entities/{rng.choice(entities)}" for _ in range(n)],
        "health": ["/api/v1/health"] * n,
    }


async def hammer(
    base: str, paths: list[str], clients: int, deadline: float
) -> tuple[list[float], int, float]:
    import httpx

    queue = list(paths)
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while queue and time.perf_counter() < deadline:
                path = queue.pop()
                start = time.perf_counter()
                try:
                    response = await http.get(path)
                    failed = response.status_code != 200
                except httpx.HTTPError:
                    failed = True
                latencies.append((time.perf_counter() - start) * 1000)
                errors += failed

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--requests", type=int, default=300, help="Requests per page kind.")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120, help="Time cap per page kind.")
    parser.add_argument(
        "--workers", type=int, help="Server processes (default: serve's own default)."
    )
    args = parser.parse_args()
    if args.db is None:
        db = build(args.articles, Path(tempfile.mkdtemp(prefix="newsgraph-web-")))
    elif not args.db.exists():
        db = build(args.articles, Path(tempfile.mkdtemp(prefix="newsgraph-web-")), args.db)
    else:
        db = args.db
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            *(["--workers", str(args.workers)] if args.workers else []),
        ],
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(100):
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        paths = sample(db, args.requests)
        count = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
        print(
            f"database: {db} ({count} articles); {args.clients} concurrent clients, "
            f"{args.workers or 'the default number of'} server processes"
        )
        print(f"{'page':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
        for kind, todo in paths.items():
            asyncio.run(hammer(base, todo[:20], args.clients, time.perf_counter() + 30))  # warm up
            latencies, errors, seconds = asyncio.run(
                hammer(base, todo, args.clients, time.perf_counter() + args.seconds)
            )
            p95 = statistics.quantiles(latencies, n=20)[-1]
            print(
                f"{kind:<10}{len(latencies):>10}{len(latencies) / seconds:>9.1f}"
                f"{statistics.median(latencies):>9.1f}{p95:>9.1f}{errors:>8}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
