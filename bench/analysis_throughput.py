"""Analysis throughput: newsgraph's full analysis vs spaCy en_core_web_sm alone,
on the same real articles, in one run, each in a fresh process (so that peak
memory is its own). Usage:

    python bench/analysis_throughput.py [ARTICLES_DIR] [--limit N]

ARTICLES_DIR defaults to ../shared/eval-dev/articles/bbc-news-politics.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval-dev" / "articles" / "bbc-news-politics"


def _articles(directory: Path, limit: int) -> list:
    from newsgraph.article import parse_paths
    from newsgraph.model import Article

    found = [a for a in parse_paths([str(directory)]) if isinstance(a, Article)]
    return found[:limit]


def _run(system: str, directory: Path, limit: int, queue: mp.Queue) -> None:
    from newsgraph.extract import analyze_articles, load_pipeline

    articles = _articles(directory, limit)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    nlp("warm up the pipeline")
    start = time.perf_counter()
    if system == "spacy":
        for _ in nlp.pipe((a.text for a in articles), batch_size=16):
            pass
    else:
        for _ in analyze_articles(articles, nlp=nlp):
            pass
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((system, len(articles), words, seconds, peak_mb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=417)
    args = parser.parse_args()
    if not args.directory.is_dir():
        sys.exit(f"{args.directory}: no such folder of articles")
    context = mp.get_context("spawn")
    results = {}
    for system in ("spacy", "newsgraph"):
        queue: mp.Queue = context.Queue()
        process = context.Process(target=_run, args=(system, args.directory, args.limit, queue))
        process.start()
        results[system] = queue.get()
        process.join()
    print(f"{'system':<12}{'articles':>9}{'words':>9}{'seconds':>9}{'words/s':>9}{'peak MB':>9}")
    for system, (_, n, words, seconds, peak) in results.items():
        print(f"{system:<12}{n:>9}{words:>9}{seconds:>9.2f}{words / seconds:>9.0f}{peak:>9.0f}")
    ours = results["newsgraph"][2] / results["newsgraph"][3]
    alone = results["spacy"][2] / results["spacy"][3]
    print(f"throughput newsgraph/spaCy alone: {ours / alone:.2f}x (target >= 0.70x)")


if __name__ == "__main__":
    main()
