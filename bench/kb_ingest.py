"""Knowledge-base ingest: articles per second into SQLite and PostgreSQL, with
and without the NLP stage, --workers 1 vs 2, and peak memory at 500 and 2,000
articles (it must not grow with the corpus), all in one run. Usage:

    python bench/kb_ingest.py [--articles 2000] [--skip-postgres] [--keep DIR]

The corpus is synthesised from ../shared/eval-dev/articles/bbc-news-politics
(417 real articles): each article, then copies of it as another outlet would
run them (a dateline and a copyright line added, a paragraph dropped, a few
words changed, another URL), as JSON Lines. Each ingest runs as
`newsgraph ingest` in its own process, so that its peak RSS is its own.
PostgreSQL is a throwaway cluster (tests/pg.py). Ends by measuring search and
entity-profile latency on the 2,000-article SQLite database
(bench/kb_queries.py).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval-dev" / "articles" / "bbc-news-politics" / "politics"
OUTLETS = ["Daily Courier", "Evening Post", "Metro Wire", "The Ledger", "Morning Star"]


def corpus(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` article records: the BBC articles and edited copies of them."""
    rng = random.Random(seed)
    originals = []
    for path in sorted(BBC.glob("*.txt")):
        lines = [line.strip() for line in path.read_text("latin-1").splitlines() if line.strip()]
        originals.append((path.stem, lines[0], lines[1:]))
    records: list[dict[str, str]] = []
    copy = 0
    while len(records) < n:
        for stem, headline, paragraphs in originals:
            if len(records) >= n:
                break
            if copy == 0:
                body = paragraphs
                url = f"https://news.example/bbc/{stem}"
                outlet = "BBC News"
            else:
                body = list(paragraphs)
                if len(body) > 3:
                    del body[rng.randrange(1, len(body))]
                words = body[0].split()
                for _ in range(3):
                    words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "now"])
                body[0] = "LONDON (Wire) — " + " ".join(words)
                outlet = OUTLETS[(copy - 1) % len(OUTLETS)]
                body.append(f"Copyright 2005 {outlet}. All rights reserved.")
                url = f"https://{outlet.lower().replace(' ', '')}.example/{stem}-{copy}"
            records.append(
                {
                    "url": url,
                    "title": headline,
                    "text": "\n\n".join(body),
                    "published": f"2005-0{1 + int(stem) % 9}-1{copy % 9}",
                    "outlet": outlet,
                }
            )
        copy += 1
    return records


def write_jsonl(records: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return path


_LAUNCH = (
    "import resource, sys\n"
    "from newsgraph.cli import main\n"
    "sys.argv = ['newsgraph', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\nelse:\n    code = 0\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'PEAK {own} {workers}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run_ingest(source: Path, db: str, *extra: str) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB of the ingest process or of its largest
    worker, its summary line)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCH, "ingest", str(source), "--db", db, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"ingest failed ({result.returncode}): {result.stderr[-2000:]}")
    lines = result.stderr.splitlines()
    own, workers = (int(v) for v in [x for x in lines if x.startswith("PEAK ")][-1].split()[1:])
    summary = [line for line in lines if "ingest: done:" in line][-1]
    return seconds, max(own, workers) / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", type=Path, help="Keep the SQLite databases in this folder.")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC}: the BBC articles are not there (../shared/eval-dev)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    records = corpus(args.articles)
    full = write_jsonl(records, work / "corpus.jsonl")
    small = write_jsonl(records[:500], work / "corpus-500.jsonl")
    print(f"corpus: {len(records)} articles ({len(set(r['title'] for r in records))} stories)")

    rows: list[tuple[str, int, float, float]] = []

    def measure(label: str, source: Path, db: str, n: int, *extra: str) -> None:
        seconds, peak, summary = run_ingest(source, db, *extra)
        rows.append((label, n, seconds, peak))
        print(f"  {label:<34} {n:>6} {seconds:>8.1f} s {n / seconds:>8.1f}/s {peak:>7.0f} MB")
        print(f"    {summary.split('ingest: ')[-1]}")

    print(f"  {'run':<34} {'arts':>6} {'time':>10} {'rate':>10} {'peak RSS':>10}")
    sqlite = lambda name: f"sqlite:///{work / name}"  # noqa: E731
    if not args.skip_sqlite:
        measure("sqlite, no NLP", full, sqlite("nonlp.db"), len(records), "--no-analyse")
        measure("sqlite, NLP, 500, workers 1", small, sqlite("w1-500.db"), 500)
        measure("sqlite, NLP, workers 1", full, sqlite("w1.db"), len(records))
        measure("sqlite, NLP, workers 2", full, sqlite("w2.db"), len(records), "--workers", "2")
        measure("sqlite, re-ingest (all duplicates)", full, sqlite("w1.db"), len(records))
        latency(sqlite("w1.db"))
    if not args.skip_postgres:
        sys.path.insert(0, str(ROOT))
        from tests.pg import create_database, start_postgres

        server = start_postgres(Path(tempfile.gettempdir()))
        try:
            for name, extra in (
                ("nonlp", ("--no-analyse",)),
                ("w1", ()),
                ("w2", ("--workers", "2")),
            ):
                url = create_database(server, f"bench_{name}")
                label = f"postgres, {'no NLP' if name == 'nonlp' else 'NLP, workers ' + name[1]}"
                measure(label, full, url, len(records), *extra)
                if name == "w1":
                    latency(url)
        finally:
            server.stop()
    by = {label: (n, s, peak) for label, n, s, peak in rows}
    for backend in ("sqlite", "postgres"):
        if f"{backend}, NLP, workers 1" not in by:
            continue
        n1, s1, _ = by[f"{backend}, NLP, workers 1"]
        _, s2, _ = by[f"{backend}, NLP, workers 2"]
        _, s0, _ = by[f"{backend}, no NLP"]
        print(f"{backend}: workers 2 / workers 1 speed-up {s1 / s2:.2f}x; ", end="")
        print(f"NLP share of ingest time (workers 1) {1 - s0 / s1:.0%}")
    if "sqlite, NLP, 500, workers 1" in by:
        n1, _, p2000 = by["sqlite, NLP, workers 1"]
        _, _, p500 = by["sqlite, NLP, 500, workers 1"]
        print(f"peak RSS 500 vs {n1} articles: {p500:.0f} vs {p2000:.0f} MB ({p2000 / p500:.2f}x)")


def latency(url: str) -> None:
    """Search and entity-profile latency on a database (bench/kb_queries.py)."""
    print(f"query latency ({url.split(':')[0]}):", flush=True)
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "kb_queries.py"), "--db", url],
        check=False,
        cwd=ROOT,
    )


if __name__ == "__main__":
    main()
