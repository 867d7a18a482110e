"""Batch mode on Spark: articles per second of `newsgraph batch` with
local[1] and local[2], the scaling ratio, Spark's fixed start-up cost (a job
on one tiny file), and the same corpus through `newsgraph ingest --workers 2`
into a temp SQLite, side by side. Usage:

    python bench/batch_throughput.py [--articles 1000] [--files 16] [--keep DIR]

The corpus is bench/kb_ingest.py's (the BBC politics articles of
../shared/eval-dev and edited copies of them), split over --files JSON Lines
files: Spark distributes files, so one file would be one task. Each run is
its own process (`newsgraph batch` / `newsgraph ingest`), timed from the
outside: Spark's JVM start-up and the workers' spaCy loading are included,
as a user would see them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb_ingest import BBC, ROOT, corpus, write_jsonl  # noqa: E402


def run(*args: str) -> tuple[float, str]:
    """(seconds, the summary line) of one `newsgraph` command."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{args[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    done = [line for line in result.stderr.splitlines() if ": done: " in line]
    return seconds, (done[-1].split(": done: ")[-1] if done else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--keep", type=Path, help="Keep the inputs and outputs in this folder.")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC}: the BBC articles are not there (../shared/eval-dev)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-batch-bench-"))
    inputs = work / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    records = corpus(args.articles)
    for i in range(args.files):
        write_jsonl(records[i :: args.files], inputs / f"part-{i:03d}.jsonl")
    tiny = write_jsonl(records[:1], work / "tiny.jsonl")
    n = len(records)
    print(f"corpus: {n} articles in {args.files} JSON Lines files ({work})")
    print(f"  {'run':<32} {'arts':>6} {'time':>9} {'rate':>11}")

    def show(label: str, count: int, seconds: float, summary: str) -> None:
        print(f"  {label:<32} {count:>6} {seconds:>7.1f} s {count / seconds:>7.2f}/s")
        if summary:
            print(f"    {summary}")

    seconds, summary = run(
        "batch", str(tiny), "--output", str(work / "out-tiny"), "--master", "local[1]"
    )
    startup = seconds
    show("batch local[1], 1 article", 1, seconds, summary)
    times: dict[int, float] = {}
    for cores in (1, 2):
        out = work / f"out-local{cores}"
        seconds, summary = run(
            "batch", str(inputs), "--output", str(out), "--master", f"local[{cores}]"
        )
        times[cores] = seconds
        show(f"batch local[{cores}]", n, seconds, summary)
    seconds, summary = run(
        "ingest", str(inputs), "--db", f"sqlite:///{work / 'ingest.db'}", "--workers", "2"
    )
    show("ingest --workers 2 (SQLite)", n, seconds, summary)
    ingest2 = seconds
    seconds, summary = run("load", str(work / "out-local2"), "--db", str(work / "loaded.db"))
    show("load local[2] output (SQLite)", n, seconds, summary)
    print()
    print(f"Spark fixed cost (1-article job, wall clock): {startup:.1f} s")
    print(
        f"scaling local[2] / local[1]: {times[1] / times[2]:.2f}x "
        f"(net of the fixed cost: {(times[1] - startup) / (times[2] - startup):.2f}x)"
    )
    print(
        f"batch local[2] vs ingest --workers 2: {n / times[2]:.2f} vs {n / ingest2:.2f} "
        f"articles/s (batch + load: {n / (times[2] + seconds):.2f}/s)"
    )


if __name__ == "__main__":
    main()
