"""Analysis throughput: newsgraph's full analysis vs spaCy en_core_web_sm alone,
on the same real articles, in one run, each in a fresh process (so that peak
memory is its own). Usage:

    python bench/analysis_throughput.py [ARTICLES_DIR] [--limit N] [--repeat N]

ARTICLES_DIR defaults to ../shared/eval-dev/articles/bbc-news-politics.

Both systems are warmed up on one short text before the clock starts (spaCy's
model, newsgraph's knowledge tables), so the figure is steady-state throughput.
The two run in turn ``--repeat`` times (default 2); every run is printed and the
ratio compares each system's fastest run, as ``timeit`` does: on a shared
2-core machine single runs of the same code differ by up to 10%.
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
    from newsgraph.extract import analyze, analyze_articles, load_pipeline

    articles = _articles(directory, limit)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    warm_up = "Britain's prime minister met the French president in Paris on Monday."
    if system == "spacy":
        nlp(warm_up)
    else:
        analyze(warm_up, nlp=nlp)
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
    parser.add_argument("--repeat", type=int, default=2, help="runs of each system (default 2)")
    args = parser.parse_args()
    if not args.directory.is_dir():
        sys.exit(f"{args.directory}: no such folder of articles")
    context = mp.get_context("spawn")
    best: dict[str, tuple] = {}
    print(f"{'system':<12}{'articles':>9}{'words':>9}{'seconds':>9}{'words/s':>9}{'peak MB':>9}")
    for _ in range(max(1, args.repeat)):
        for system in ("spacy", "newsgraph"):
            queue: mp.Queue = context.Queue()
            process = context.Process(target=_run, args=(system, args.directory, args.limit, queue))
            process.start()
            result = queue.get()
            process.join()
            _, n, words, seconds, peak = result
            print(f"{system:<12}{n:>9}{words:>9}{seconds:>9.2f}{words / seconds:>9.0f}{peak:>9.0f}")
            if system not in best or seconds < best[system][3]:
                best[system] = result
    ours = best["newsgraph"][2] / best["newsgraph"][3]
    alone = best["spacy"][2] / best["spacy"][3]
    print(f"throughput newsgraph/spaCy alone (fastest runs): {ours / alone:.2f}x (target >= 0.70x)")


if __name__ == "__main__":
    main()
