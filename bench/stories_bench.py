"""Story grouping (newsgraph.store.stories): how well copies are grouped and
how long ``assign_story`` takes. Usage:

    python bench/stories_bench.py [ARTICLES_DIR] [--postgres] [--seed N] [--runs N]

ARTICLES_DIR defaults to ../shared/eval-dev/articles/bbc-news-politics/politics
(plain text, headline on the first line). Prints:

1. The corpus: exact 5-shingle Jaccard similarity of its distinct articles
   (different stories, many on one subject) and of copies made with each kind
   of edit (the numbers behind THRESHOLD).
2. Grouping: 100 base articles, 2 copies each with varied edits, and 100
   other articles of the corpus as distractors, assigned in random order to
   a fresh SQLite database: same-story pairs found (recall) and pairs wrongly
   merged (precision), per kind of edit too; --runs samples (default 5).
3. Speed: milliseconds per ``assign_story`` (and per commit) with 2,000
   stories in the database, for new copies and for new stories; on SQLite,
   and on a throwaway PostgreSQL server too with --postgres (tests/pg.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from newsgraph.store import stories  # noqa: E402
from newsgraph.store.db import open_database  # noqa: E402
from newsgraph.store.schema import ArticleBand, ArticleRow, Story  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval-dev" / "articles" / "bbc-news-politics" / "politics"
SENTENCE = re.compile(r'(?<=[.!?"])\s+(?=[A-Z"])')
SWAPS = [
    ("said", "says"),
    ("government", "administration"),
    ("Mr", "Mister"),
    ("would", "will"),
    ("minister", "official"),
    ("Labour", "the Labour Party"),
    ("told", "said to"),
    ("people", "residents"),
]
BOILERPLATE = [
    "Copyright 2024 The Associated Press. All rights reserved. This material may not "
    "be published, broadcast, rewritten or redistributed.",
    "Sign up for our daily politics newsletter. Follow us on Facebook and Twitter. "
    "Read more: the latest news from Westminster.",
    "© 2024 Example Media Group. Reporting by staff writers; editing by the news desk.",
]

Article = tuple[str, list[str]]  # headline, paragraphs


def load(directory: Path) -> list[tuple[str, str, list[str]]]:
    """(name, headline, paragraphs) of each article: the files run several
    wire paragraphs together, so they are cut into two-sentence paragraphs."""
    found = []
    for path in sorted(directory.glob("*.txt")):
        headline, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        sentences = [s for line in body.splitlines() for s in SENTENCE.split(line.strip()) if s]
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
        if paragraphs:
            found.append((path.name, headline.strip(), paragraphs))
    return found


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


# Edits a site makes to a wire story (each returns the copy's text).


def _change_words(text: str, n: int, rng: random.Random) -> str:
    for old, new in rng.sample(SWAPS, k=len(SWAPS)):
        if n == 0:
            break
        if f" {old} " in text:
            text = text.replace(f" {old} ", f" {new} ", 1)
            n -= 1
    words = text.split(" ")
    for _ in range(n):  # not enough swaps found: change random words
        words[rng.randrange(len(words))] = rng.choice(["also", "new", "then", "officials"])
    return " ".join(words)


def light(p: list[str], rng: random.Random) -> str:
    """Last paragraph cut, an editor's note added, 3-5 words changed."""
    body = "\n\n".join(p[:-1] if len(p) > 2 else p)
    note = "Editor's note: This story has been updated to correct a quotation."
    return _change_words(body, rng.randint(3, 5), rng) + "\n\n" + note


def wire(p: list[str], rng: random.Random) -> str:
    """A dateline before the lead, the wire's copyright after."""
    return "\n\n".join(["LONDON (AP) — " + p[0], *p[1:], BOILERPLATE[0]])


def site(p: list[str], rng: random.Random) -> str:
    """The site's boilerplate around it, two paragraphs swapped, 2 words changed."""
    q = list(p)
    if len(q) > 3:
        i = rng.randrange(1, len(q) - 1)
        q[i], q[i + 1] = q[i + 1], q[i]
    body = _change_words("\n\n".join(q), 2, rng)
    return f"Politics | Updated 2 hours ago\n\n{body}\n\n{rng.choice(BOILERPLATE[1:])}"


def trimmed(p: list[str], rng: random.Random) -> str:
    """Only the first 70-85% of the paragraphs (a site's shorter cut)."""
    keep = max(1, round(len(p) * rng.uniform(0.7, 0.85)))
    return "\n\n".join(p[:keep])


def heavy(p: list[str], rng: random.Random) -> str:
    """First and last paragraphs cut, 10 words changed, boilerplate added."""
    body = "\n\n".join(p[1:-1] if len(p) > 3 else p)
    return _change_words(body, 10, rng) + "\n\n" + rng.choice(BOILERPLATE)


EDITS: dict[str, Callable[[list[str], random.Random], str]] = {
    "light": light,
    "wire": wire,
    "site": site,
    "trimmed": trimmed,
    "heavy": heavy,
}


def distinct(corpus: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The corpus without its exact duplicates and same-headline updates
    (the BBC set has 23 of those); follow-ups on one subject stay."""
    seen_text: set[str] = set()
    seen_headline: set[str] = set()
    kept = []
    for name, headline, paragraphs in corpus:
        text = " ".join(stories.words(" ".join(paragraphs)))
        if text in seen_text or headline.casefold() in seen_headline:
            continue
        seen_text.add(text)
        seen_headline.add(headline.casefold())
        kept.append((name, headline, paragraphs))
    return kept


def quantiles(values: list[float]) -> str:
    values = sorted(values)
    at = lambda q: values[round(q * (len(values) - 1))]  # noqa: E731
    return (
        f"min {values[0]:.3f}  p5 {at(0.05):.3f}  p25 {at(0.25):.3f}  "
        f"median {at(0.5):.3f}  max {values[-1]:.3f}"
    )


def corpus_report(articles: list[tuple[str, str, list[str]]], seed: int) -> None:
    print(f"== 1. corpus: {len(articles)} distinct articles, exact 5-shingle Jaccard")
    sets = [stories.shingles("\n\n".join(p)) for _, _, p in articles]
    pairs = [jaccard(a, b) for a, b in itertools.combinations(sets, 2)]
    overlapping = [j for j in pairs if j > 0]
    print(f"different-story pairs: {len(pairs)}, {len(overlapping)} share a shingle")
    for limit in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5):
        print(f"  pairs >= {limit:.2f}: {sum(j >= limit for j in pairs)}")
    print(f"  highest: {', '.join(f'{j:.3f}' for j in sorted(pairs)[-6:])}")
    rng = random.Random(seed)
    for name, edit in EDITS.items():
        values = [
            jaccard(s, stories.shingles(edit(p, rng)))
            for s, (_, _, p) in zip(sets, articles, strict=True)
        ]
        below = sum(v < stories.THRESHOLD for v in values)
        print(f"copies {name:8s} {quantiles(values)}  below THRESHOLD: {below}")
    print()


def add(session: Session, key: str, text: str, headline: str, day: int) -> ArticleRow:
    row = ArticleRow(
        key=key,
        uid=hashlib.sha256(key.encode()).hexdigest()[:16],
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        headline=headline,
        published=dt.date(2005, 1, 1) + dt.timedelta(days=day),
    )
    session.add(row)
    session.flush()
    return row


class Grouping:
    """Pair counts of one or more grouping runs."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.stories = self.expected = 0
        self.copies: Counter[str] = Counter()
        self.joined: Counter[str] = Counter()
        self.merged: list[tuple[int, str, str, float]] = []

    def line(self) -> str:
        return (
            f"stories {self.stories}/{self.expected}, "
            f"same-story pairs grouped {self.tp}/{self.tp + self.fn} "
            f"(recall {self.tp / (self.tp + self.fn):.3f}), "
            f"wrongly merged {self.fp}/{self.tp + self.fp} "
            f"(precision {self.tp / max(1, self.tp + self.fp):.3f})"
        )


def grouping_run(articles: list[tuple[str, str, list[str]]], seed: int, total: Grouping) -> str:
    """100 base articles with 2 edited copies each (two different edits) and
    100 distractors, in random order, into a fresh SQLite database."""
    rng = random.Random(seed)
    chosen = rng.sample(articles, 200)
    bases, distractors = chosen[:100], chosen[100:]
    items: list[tuple[str, str, str, str]] = []  # key, truth, edit, text
    for name, _, paragraphs in bases:
        items.append((f"{name}/original", name, "original", "\n\n".join(paragraphs)))
        for edit in rng.sample(list(EDITS), 2):
            items.append((f"{name}/{edit}", name, edit, EDITS[edit](paragraphs, rng)))
    for name, _, paragraphs in distractors:
        items.append((f"{name}/original", name, "distractor", "\n\n".join(paragraphs)))
    rng.shuffle(items)

    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(str(Path(folder) / "kb.db"))
        with Session(engine) as session:
            for i, (key, _, _, text) in enumerate(items):
                stories.assign_story(session, add(session, key, text, key, i % 30))
            session.commit()
            rows = session.execute(select(ArticleRow.key, ArticleRow.story_id)).all()
            got = {key: story for key, story in rows}
            n_stories = session.execute(select(func.count(Story.id))).scalar_one()
        engine.dispose()

    run = Grouping()
    run.stories, run.expected = n_stories, 200
    truth = {key: name for key, name, _, _ in items}
    sets = {key: stories.shingles(text) for key, _, _, text in items}
    for a, b in itertools.combinations(sorted(truth), 2):
        same, grouped = truth[a] == truth[b], got[a] == got[b]
        if same and grouped:
            run.tp += 1
        elif same:
            run.fn += 1
        elif grouped:
            run.fp += 1
            run.merged.append((seed, a, b, jaccard(sets[a], sets[b])))
    for key, name, edit, _ in items:
        if edit in EDITS:
            run.copies[edit] += 1
            run.joined[edit] += got[key] == got[f"{name}/original"]
    total.tp, total.fp, total.fn = total.tp + run.tp, total.fp + run.fp, total.fn + run.fn
    total.stories, total.expected = total.stories + run.stories, total.expected + run.expected
    total.copies.update(run.copies)
    total.joined.update(run.joined)
    total.merged.extend(run.merged)
    return run.line()


def grouping_report(articles: list[tuple[str, str, list[str]]], seeds: list[int]) -> None:
    print(
        "== 2. grouping: 100 base articles x (original + 2 copies, two different edits) "
        "+ 100 distractors = 400 articles, random order; per seed:"
    )
    total = Grouping()
    for seed in seeds:
        print(f"  seed {seed}: {grouping_run(articles, seed, total)}")
    print(f"all {len(seeds)} runs: {total.line()}")
    for edit in EDITS:
        n, ok = total.copies[edit], total.joined[edit]
        print(f"  copies {edit:8s} {ok:4d}/{n:4d} joined their original's story")
    for seed, a, b, j in total.merged:
        print(f"  wrongly merged (seed {seed}): {a} + {b} (exact Jaccard {j:.3f})")
    print()


def synthetic_story(pool: list[str], rng: random.Random) -> list[str]:
    """A distinct article made of 16 random corpus sentences, two a paragraph."""
    picked = rng.sample(pool, 16)
    return [" ".join(picked[i : i + 2]) for i in range(0, 16, 2)]


def speed_report(
    label: str,
    engine: Engine,
    articles: list[tuple[str, str, list[str]]],
    seed: int,
) -> None:
    rng = random.Random(seed)
    pool = [s for _, _, p in articles for para in p for s in SENTENCE.split(para)]
    with Session(engine) as session:  # 2,000 stories, a quarter of them with a copy
        made: list[list[str]] = []
        start = time.perf_counter()
        for i in range(2000):
            paragraphs = synthetic_story(pool, rng)
            made.append(paragraphs)
            stories.assign_story(session, add(session, f"s{i}", "\n\n".join(paragraphs), "", i))
            if i % 4 == 0:
                copy = rng.choice(list(EDITS.values()))(paragraphs, rng)
                stories.assign_story(session, add(session, f"s{i}/copy", copy, "", i))
        session.commit()
        filled = time.perf_counter() - start
        n_articles = session.execute(select(func.count(ArticleRow.id))).scalar_one()
        n_stories = session.execute(select(func.count(Story.id))).scalar_one()
        last_story = session.execute(select(func.max(Story.id))).scalar_one()
        n_bands = session.execute(select(func.count()).select_from(ArticleBand)).scalar_one()
    print(
        f"== 3. speed, {label}: {n_stories} stories, {n_articles} articles, "
        f"{n_bands} band rows (filled in {filled:.1f} s)"
    )
    texts = [
        ("copy", f"new{i}", rng.choice(list(EDITS.values()))(rng.choice(made), rng))
        for i in range(150)
    ]
    texts += [
        ("new story", f"new{i + 150}", "\n\n".join(synthetic_story(pool, rng))) for i in range(150)
    ]
    rng.shuffle(texts)
    timings: defaultdict[str, list[float]] = defaultdict(list)
    joined = 0
    with Session(engine) as session:
        for kind, key, text in texts:
            row = add(session, key, text, "", 0)
            start = time.perf_counter()
            story = stories.assign_story(session, row)
            timings[kind].append(time.perf_counter() - start)
            joined += kind == "copy" and story.id <= last_story
            start = time.perf_counter()
            session.commit()
            timings["commit"].append(time.perf_counter() - start)
    sig = []
    for _, _, text in texts[:100]:
        start = time.perf_counter()
        stories.signature(text)
        sig.append(time.perf_counter() - start)
    for kind in ("copy", "new story", "commit"):
        ms = sorted(t * 1000 for t in timings[kind])
        print(
            f"  assign_story, {kind:9s}: median {statistics.median(ms):.2f} ms, "
            f"p95 {ms[round(0.95 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms ({len(ms)} calls)"
            if kind != "commit"
            else f"  commit after each        : median {statistics.median(ms):.2f} ms"
        )
    print(f"  of which signature()    : median {statistics.median(sig) * 1000:.2f} ms")
    print(f"  copies that found their story: {joined}/150")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--postgres", action="store_true", help="time on PostgreSQL too")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=5, help="grouping runs (seeds)")
    args = parser.parse_args()

    corpus = load(args.directory)
    articles = distinct(corpus)
    print(
        f"NUM_PERM {stories.NUM_PERM}, BANDS {stories.BANDS} x ROWS {stories.ROWS}, "
        f"THRESHOLD {stories.THRESHOLD}, {stories.SHINGLE}-word shingles; "
        f"{len(corpus)} articles read from {args.directory}\n"
    )
    corpus_report(articles, args.seed)
    grouping_report(articles, [args.seed + i for i in range(args.runs)])
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(str(Path(folder) / "kb.db"))
        speed_report("SQLite", engine, articles, args.seed)
        engine.dispose()
    if args.postgres:
        from tests.pg import start_postgres

        server = start_postgres(Path(tempfile.gettempdir()))
        try:
            engine = open_database(server.url)
            speed_report("PostgreSQL", engine, articles, args.seed)
            engine.dispose()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
