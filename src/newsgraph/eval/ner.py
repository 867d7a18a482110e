"""`newsgraph eval ner`: entity recognition on CoNLL-2003 (or CoNLL++),
newsgraph's names beside raw spaCy on the same parse.

Each CoNLL document is rebuilt as text (tokens joined by spaces, sentences by
newlines) and parsed once; the baseline is ``doc.ents`` as spaCy gives them,
ours is ``extract.entities.mentions.name_mentions`` (titles split off, organisations
and places fixed). Labels map to CoNLL's: PERSON -> PER, ORG -> ORG, GPE/LOC/
FAC -> LOC, NORP/EVENT/PRODUCT/LAW/WORK_OF_ART/LANGUAGE -> MISC. Scores are
entity-level exact match (type and both boundaries), as conlleval counts.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newsgraph.extract.entities.mentions import name_mentions
from newsgraph.extract.pipeline import load_pipeline

LABELS = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "LAW": "MISC",
    "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
SYSTEMS = ("newsgraph", "spacy")
Span = tuple[int, int, str]  # token start, token end, CoNLL label


@dataclass
class Document:
    tokens: list[str]
    sentence_ends: list[int]  # token index after each sentence
    gold: set[Span]


@dataclass
class NerCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class NerReport:
    source: str
    documents: int = 0
    entities: int = 0
    counts: dict[str, NerCounts] = field(default_factory=lambda: {s: NerCounts() for s in SYSTEMS})
    by_label: dict[str, dict[str, NerCounts]] = field(default_factory=dict)
    seconds: float = 0.0


def _spans(tags: list[str], sentence_starts: set[int]) -> set[Span]:
    """Entity spans of IOB1/IOB2 tags; no entity runs across sentences."""
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag != "O" else None
        begins = tag.startswith("B-") or kind != label or i in sentence_starts
        if label is not None and (kind is None or begins):
            spans.add((start, i, label))  # type: ignore[arg-type]
            start, label = None, None
        if kind is not None and (label is None or begins):
            start, label = i, kind
    return spans


def read_conll(path: Path, limit: int | None = None) -> Iterator[Document]:
    """Documents of a CoNLL-2003 file (gzip or plain)."""
    opener = gzip.open if path.suffix == ".gz" else open
    tokens: list[str] = []
    tags: list[str] = []
    ends: list[int] = []
    count = 0
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in [*lines, "-DOCSTART- -X- -X- O\n"]:
            parts = line.split()
            if not parts:
                if tokens and (not ends or ends[-1] != len(tokens)):
                    ends.append(len(tokens))
                continue
            if parts[0] == "-DOCSTART-":
                if tokens:
                    yield Document(tokens, ends, _spans(tags, set(ends)))
                    count += 1
                    if limit is not None and count >= limit:
                        return
                tokens, tags, ends = [], [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])


def _text(document: Document) -> tuple[str, list[int]]:
    """The document as text, and each token's start offset."""
    starts: list[int] = []
    pieces: list[str] = []
    position = 0
    ends = set(document.sentence_ends)
    for i, token in enumerate(document.tokens):
        starts.append(position)
        pieces.append(token)
        position += len(token)
        separator = "\n" if i + 1 in ends else " "
        pieces.append(separator)
        position += 1
    return "".join(pieces), starts


def _to_tokens(starts: list[int], start: int, end: int) -> tuple[int, int] | None:
    import bisect

    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    if first >= len(starts) or starts[first] != start:
        return None
    return first, last


def run_ner_eval(path: Path, *, limit: int | None = None) -> NerReport:
    """Score newsgraph's names and raw spaCy's entities on one CoNLL file."""
    nlp = load_pipeline()
    report = NerReport(source=str(path))
    documents = list(read_conll(path, limit))
    texts = [_text(d) for d in documents]
    began = time.perf_counter()
    for document, (_, starts), doc in zip(
        documents, texts, nlp.pipe(t for t, _ in texts), strict=True
    ):
        report.documents += 1
        report.entities += len(document.gold)
        predictions = {
            "spacy": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            "newsgraph": [(m.start, m.end, m.label) for m in name_mentions(doc)],
        }
        for system, spans in predictions.items():
            predicted: set[Span] = set()
            for start, end, label in spans:
                mapped = LABELS.get(label)
                tokens = _to_tokens(starts, start, end)
                if mapped and tokens:
                    predicted.add((tokens[0], tokens[1], mapped))
            report.counts[system].add(document.gold, predicted)
            for conll in ("PER", "ORG", "LOC", "MISC"):
                per_label = report.by_label.setdefault(conll, {s: NerCounts() for s in SYSTEMS})
                per_label[system].add(
                    {s for s in document.gold if s[2] == conll},
                    {s for s in predicted if s[2] == conll},
                )
    report.seconds = time.perf_counter() - began
    return report


def print_report(report: NerReport, out: TextIO) -> None:
    out.write(
        f"\n{report.source}: {report.documents} documents, {report.entities} gold entities, "
        "entity-level exact match\n"
    )
    out.write(f"{'system':<12}{'label':<7}{'precision':>10}{'recall':>10}{'F1':>8}\n")
    for system in SYSTEMS:
        p, r, f = report.counts[system].scores()
        out.write(f"{system:<12}{'all':<7}{p:>10.3f}{r:>10.3f}{f:>8.3f}\n")
    for label, counts in report.by_label.items():
        for system in SYSTEMS:
            p, r, f = counts[system].scores()
            out.write(f"{system:<12}{label:<7}{p:>10.3f}{r:>10.3f}{f:>8.3f}\n")
    ours = report.counts["newsgraph"].scores()[2]
    base = report.counts["spacy"].scores()[2]
    out.write(f"F1 newsgraph/spaCy: {ours / base if base else float('nan'):.3f}\n")
