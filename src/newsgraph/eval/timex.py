"""`newsgraph eval timex`: temporal expressions scored on TempEval-3 gold,
newsgraph beside a dateparser baseline on the same documents in one run.

Gold (read from where it lies, never copied): the TempEval-3 TimeML files, a
folder holding ``te3-platinum/`` (the official test set) and ``TBAQ-cleaned/``
(TimeBank and AQUAINT, for development). Each ``.tml`` file gives the document
creation time (``<DCT>``), used as the publication date, and the text with
inline ``<TIMEX3 type value>`` tags. Scores follow TempEval-3: extraction
precision/recall/F1 with strict (same characters) and relaxed (overlapping)
matching, and value F1 — precision and recall counting only relaxed matches
whose value equals the gold value.

The baseline, "dateparser alone": spaCy's DATE/TIME entities as the
expressions, each parsed by ``dateparser`` relative to the creation time
(preferring past dates) and written at the gold value's granularity (a year,
a month, a day, a time) — a generous reading of its answer.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newsgraph.errors import NewsgraphError
from newsgraph.extract import load_pipeline
from newsgraph.extract.times.finder import find_times

SUBSETS = {
    "te3-platinum": ("te3-platinum",),
    "tbaq": ("TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT"),
    "timebank": ("TBAQ-cleaned/TimeBank",),
    "aquaint": ("TBAQ-cleaned/AQUAINT",),
}
SYSTEMS = ("newsgraph", "dateparser")
CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d(?:T\d\d(?::\d\d)?)?)?)?")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    type: str = ""


@dataclass(frozen=True)
class GoldDocument:
    name: str
    created: dt.date
    text: str
    timexes: list[Timex]


@dataclass
class TimexCounts:
    """Summed over documents: system and gold expressions, and the matches."""

    predicted: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    values: int = 0

    def scores(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * hits / (self.predicted + self.gold) if hits else 0.0
        return precision, recall, f1

    @property
    def value_accuracy(self) -> float:
        return self.values / self.relaxed if self.relaxed else 0.0


@dataclass
class TimexReport:
    subset: str
    documents: int = 0
    counts: dict[str, TimexCounts] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def value_f1(self, system: str) -> float:
        counts = self.counts[system]
        return counts.scores(counts.values)[2]


def read_tml(path: Path) -> GoldDocument:
    """One TimeML document: its creation time, the plain text of ``<TEXT>`` (tags
    removed, characters kept) and the TIMEX3 spans in it."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise NewsgraphError(f"{path}: not valid TimeML: {exc}") from None
    dct, body = root.find("DCT/TIMEX3"), root.find("TEXT")
    if dct is None or body is None:
        raise NewsgraphError(f"{path}: no <DCT> or <TEXT>")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = sum(map(len, parts))
            timexes.append(Timex(start, end, element.get("value"), element.get("type", "")))

    walk(body)
    try:
        created = dt.date.fromisoformat(dct.get("value", "")[:10])
    except ValueError:
        raise NewsgraphError(f"{path}: creation time {dct.get('value')!r} is not a date") from None
    return GoldDocument(path.stem, created, "".join(parts), timexes)


def gold_files(directory: Path, subset: str) -> list[Path]:
    """The ``.tml`` files of a subset, under a TempEval-3 folder (or directly in ``directory``)."""
    if subset not in SUBSETS:
        raise NewsgraphError(f"unknown subset {subset!r}: choose from {', '.join(SUBSETS)}")
    found: list[Path] = []
    for folder in SUBSETS[subset]:
        found += sorted((directory / folder).glob("*.tml"))
    if not found:
        found = sorted(directory.glob("*.tml"))
    if not found:
        raise NewsgraphError(f"{directory}: no TimeML (.tml) files for subset {subset!r}")
    return found


def match(system: list[Timex], gold: list[Timex]) -> tuple[int, int, int]:
    """(strict, relaxed, value) matches, each gold expression matched by at most
    one system expression and as many as possible (a maximum matching of the
    overlaps, trying pairs with the gold value and larger overlaps first):
    strict = same characters, relaxed = overlapping, value = relaxed with the
    gold value."""

    def preference(i: int, j: int) -> tuple[bool, int]:
        s, g = system[i], gold[j]
        return s.value is not None and s.value == g.value, min(s.end, g.end) - max(s.start, g.start)

    edges = {
        i: sorted(
            (j for j, g in enumerate(gold) if s.start < g.end and g.start < s.end),
            key=lambda j: preference(i, j),
            reverse=True,
        )
        for i, s in enumerate(system)
    }
    owner: dict[int, int] = {}  # gold index -> system index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in edges:
        augment(i, set())
    pairs = [(system[i], gold[j]) for j, i in owner.items()]
    strict = sum((s.start, s.end) == (g.start, g.end) for s, g in pairs)
    values = sum(s.value is not None and s.value == g.value for s, g in pairs)
    return strict, len(pairs), values


def _dateparser_value(text: str, created: dt.date, gold: list[Timex], start: int) -> str | None:
    import dateparser

    base = dt.datetime(created.year, created.month, created.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    full = parsed.strftime("%Y-%m-%dT%H:%M")
    for g in gold:  # the granularity of the gold value it overlaps
        if (
            g.start < start + len(text)
            and start < g.end
            and g.value
            and CALENDAR.fullmatch(g.value)
        ):
            return full[: len(g.value)]
    return full[:10]


def run_timex_eval(
    directory: Path, *, subset: str = "te3-platinum", limit: int | None = None
) -> TimexReport:
    """Score newsgraph's times stage and the dateparser baseline on a TempEval-3 subset."""
    documents = [read_tml(p) for p in gold_files(directory, subset)[:limit]]
    report = TimexReport(subset, len(documents))
    report.counts = {s: TimexCounts() for s in SYSTEMS}
    report.seconds = dict.fromkeys(("spacy", *SYSTEMS), 0.0)
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(d.text for d in documents))
    report.seconds["spacy"] = time.perf_counter() - started
    for document, doc in zip(documents, docs, strict=True):
        started = time.perf_counter()
        ours = [Timex(t.start, t.end, t.value) for t in find_times(doc, document.created)]
        report.seconds["newsgraph"] += time.perf_counter() - started
        started = time.perf_counter()
        baseline = [
            Timex(
                e.start_char,
                e.end_char,
                _dateparser_value(e.text, document.created, document.timexes, e.start_char),
            )
            for e in doc.ents
            if e.label_ in ("DATE", "TIME")
        ]
        report.seconds["dateparser"] += time.perf_counter() - started
        for system, found in (("newsgraph", ours), ("dateparser", baseline)):
            _add(report.counts[system], found, document.timexes)
    return report


def _add(counts: TimexCounts, system: list[Timex], gold: list[Timex]) -> None:
    strict, relaxed, values = match(system, gold)
    counts.predicted += len(system)
    counts.gold += len(gold)
    counts.strict += strict
    counts.relaxed += relaxed
    counts.values += values


def _cells(scores: Iterable[float]) -> str:
    return "".join(f"{s:>7.3f}" for s in scores)


def print_report(report: TimexReport, out: TextIO) -> None:
    """The side-by-side table: extraction (strict, relaxed) and value scores."""
    gold = report.counts[SYSTEMS[0]].gold if report.counts else 0
    out.write(
        f"\nTempEval-3 {report.subset}: {report.documents} documents, {gold} gold TIMEX3 "
        "(document creation time = publication date)\n"
    )
    out.write(
        f"{'system':<12}{'found':>6} |{'strict P':>8}{'R':>7}{'F1':>7} |{'relaxed P':>10}"
        f"{'R':>7}{'F1':>7} |{'value P':>8}{'R':>7}{'F1':>7}{'acc':>7} |{'sec':>7}\n"
    )
    for system in SYSTEMS:
        c = report.counts[system]
        out.write(
            f"{system:<12}{c.predicted:>6} | {_cells(c.scores(c.strict))} |  "
            f"{_cells(c.scores(c.relaxed))} | {_cells(c.scores(c.values))}"
            f"{c.value_accuracy:>7.3f} |{report.seconds.get(system, 0.0):>7.2f}\n"
        )
    ours, theirs = report.value_f1("newsgraph"), report.value_f1("dateparser")
    out.write(
        f"value F1 newsgraph/dateparser: {ours / theirs if theirs else float('nan'):.3f}"
        f"  (spaCy parse {report.seconds.get('spacy', 0.0):.1f} s, shared)\n"
    )
