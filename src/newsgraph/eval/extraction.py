"""`newsgraph eval extraction`: body and metadata extraction scored on public
gold sets, newsgraph beside plain trafilatura on the same pages in one run.

Gold sets (read from a path, never copied into the repository):
- the article-extraction-benchmark (``ground-truth.json`` + ``html/<id>.html.gz``);
- trafilatura's evaluation data (``evaldata*.json`` + ``html/<file>.gz``), with
  its title/author/date gold where given.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

import trafilatura

from newsgraph.article import build_article
from newsgraph.article.html import main_text
from newsgraph.eval.scoring import (
    Scores,
    shingle_counts,
    shingle_scores,
    snippet_counts,
    snippet_scores,
)
from newsgraph.model import RawDocument
from newsgraph.sources.decode import decode

Kind = Literal["aeb", "trafilatura"]
SYSTEMS = ("newsgraph", "trafilatura")


@dataclass(frozen=True)
class GoldSet:
    name: str
    kind: Kind
    directory: Path
    annotations: Path


@dataclass(frozen=True)
class GoldPage:
    key: str
    url: str | None
    html: bytes
    gold: dict[str, Any]


@dataclass
class Extraction:
    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass
class Report:
    gold: GoldSet
    pages: int = 0
    body: dict[str, Scores] = field(default_factory=dict)
    metadata: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def find_gold_sets(directory: Path) -> list[GoldSet]:
    """The gold sets in ``directory`` or in its immediate sub-folders."""
    found: list[GoldSet] = []
    for folder in [directory, *sorted(p for p in directory.iterdir() if p.is_dir())]:
        if (folder / "ground-truth.json").is_file():
            found.append(GoldSet(folder.name, "aeb", folder, folder / "ground-truth.json"))
        for name in ("evaldata-en.json", "evaldata.json"):
            if (folder / name).is_file():
                found.append(GoldSet(folder.name, "trafilatura", folder, folder / name))
                break
    return found


def _read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def iter_pages(gold: GoldSet, limit: int | None = None) -> Iterator[GoldPage]:
    annotations: dict[str, dict[str, Any]] = json.loads(gold.annotations.read_text("utf-8"))
    for i, (key, item) in enumerate(annotations.items()):
        if limit is not None and i >= limit:
            return
        if gold.kind == "aeb":
            path, url = gold.directory / "html" / f"{key}.html.gz", item.get("url")
        else:
            path, url = gold.directory / "html" / f"{item['file']}.gz", key
            if not path.exists():
                path = gold.directory / "html" / item["file"]
        yield GoldPage(key, url, _read_html(path), item)


def run_newsgraph(page: GoldPage) -> Extraction:
    text, _ = decode(page.html, page.key)
    article = build_article(RawDocument(source=page.key, format="html", content=text, url=page.url))
    return Extraction(
        body=article.text,
        title=article.headline,
        author="; ".join(article.authors) or None,
        date=article.published.isoformat() if article.published else None,
    )


def run_trafilatura(page: GoldPage) -> Extraction:
    """Plain trafilatura as its own evaluation runs it (fallback on, no comments,
    tables in, no formatting); metadata from its default bare extraction."""
    body = main_text(page.html)
    meta = trafilatura.bare_extraction(page.html, with_metadata=True)
    return Extraction(
        body=body,
        title=getattr(meta, "title", None),
        author=getattr(meta, "author", None),
        date=getattr(meta, "date", None),
    )


RUNNERS = {"newsgraph": run_newsgraph, "trafilatura": run_trafilatura}


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _same(field_name: str, gold: str | list[str], got: str | None) -> bool:
    """Whether an extracted title, author or date equals the gold one
    (white space and case aside; authors as a set of names)."""
    if not got:
        return False
    if isinstance(gold, list):
        gold = "; ".join(gold)
    if field_name == "date":
        return got[:10] == gold[:10]
    if field_name == "author":
        return {_norm(a) for a in re.split(r"[;,]", gold)} == {
            _norm(a) for a in re.split(r"[;,]", got)
        }
    return _norm(gold) == _norm(got)


def run_gold_set(gold: GoldSet, *, limit: int | None = None) -> Report:
    """Score every system on every page of one gold set."""
    report = Report(gold)
    shingles: dict[str, list[tuple[float, float, float]]] = {s: [] for s in SYSTEMS}
    snippets: dict[str, list[tuple[int, int, int, int]]] = {s: [] for s in SYSTEMS}
    for system in SYSTEMS:
        report.seconds[system] = 0.0
        report.errors[system] = 0
        report.metadata[system] = {"title": (0, 0), "author": (0, 0), "date": (0, 0)}
    for page in iter_pages(gold, limit):
        report.pages += 1
        for system, runner in RUNNERS.items():
            start = time.perf_counter()
            try:
                result = runner(page)
            except Exception:  # scored as a miss, as the benchmarks score a crash
                result = Extraction()
                report.errors[system] += 1
            report.seconds[system] += time.perf_counter() - start
            if gold.kind == "aeb":
                shingles[system].append(
                    shingle_counts(page.gold.get("articleBody", ""), result.body)
                )
                continue
            snippets[system].append(
                snippet_counts(page.gold["with"], page.gold["without"], result.body)
            )
            for name in ("title", "author", "date"):
                if page.gold.get(name):
                    hits, total = report.metadata[system][name]
                    correct = _same(name, page.gold[name], getattr(result, name))
                    report.metadata[system][name] = (hits + correct, total + 1)
    for system in SYSTEMS:
        report.body[system] = (
            shingle_scores(shingles[system])
            if gold.kind == "aeb"
            else snippet_scores(snippets[system])
        )
    if gold.kind == "aeb":
        report.metadata = {}
    return report


def print_report(report: Report, out: TextIO) -> None:
    """The side-by-side table of one gold set."""
    kind = "word 4-gram shingles" if report.gold.kind == "aeb" else "with/without snippets"
    out.write(f"\n{report.gold.name}: {report.pages} pages, body scored on {kind}\n")
    out.write(
        f"{'system':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'accuracy':>10}{'sec/page':>10}\n"
    )
    for system in SYSTEMS:
        s = report.body[system]
        accuracy = f"{s.accuracy:.3f}" if s.accuracy is not None else "—"
        per_page = report.seconds[system] / report.pages if report.pages else 0.0
        out.write(
            f"{system:<14}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{accuracy:>10}"
            f"{per_page:>10.3f}\n"
        )
    ours, theirs = report.body["newsgraph"].f1, report.body["trafilatura"].f1
    out.write(f"F1 newsgraph/trafilatura: {ours / theirs if theirs else float('nan'):.3f}\n")
    if report.metadata:
        out.write(
            f"{'metadata':<14}" + "".join(f"{n:>16}" for n in ("title", "author", "date")) + "\n"
        )
        for system in SYSTEMS:
            cells = []
            for name in ("title", "author", "date"):
                hits, total = report.metadata[system][name]
                cells.append(f"{hits}/{total} {hits / total if total else 0:.3f}")
            out.write(f"{system:<14}" + "".join(f"{c:>16}" for c in cells) + "\n")
    failed = ", ".join(f"{s} {n}" for s, n in report.errors.items() if n)
    if failed:
        out.write(f"pages with no output: {failed}\n")
