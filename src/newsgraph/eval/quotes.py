"""Quote finding and speaker attribution scored on PolNeAR, beside a baseline.

Gold: the PolNeAR corpus (Newell, Margolin and Ruths, LREC 2018), brat standoff
files read from where they lie (never copied into this repository): a folder
holding ``dev/`` and ``test/`` (``text/<article>.txt`` and
``attributions/<article>_<annotator>.ann``) and ``train.tar.gz`` (unpacked to a
temporary folder when the train split is asked for). Offsets are into the whole
.txt file, whose first line is the headline. When several annotators marked an
article, the first file by name is used. Each ``Attribution`` relation gives a
Content (possibly in several parts), a Cue and, usually, a Source.

Measures:

- **content spans**: a predicted quote matches a gold Content when their
  characters overlap by at least half of the shorter of the two (parts summed;
  gold Content includes the quotation marks, ours does not). Precision is the
  share of predicted quotes matching some gold Content, recall the share of gold
  Contents matched by some predicted quote. *direct*: gold Contents that start
  with a quotation mark, against our direct and partial quotes (a partial quote
  inside a gold reported clause counts as found, it is an attributed span);
  *all*: every gold Content against every quote we find.
- **speaker accuracy**: for each matched gold Content that has a Source, our
  quote overlapping it most is correct when its speaker span overlaps the gold
  Source (a pronoun "he" is right when the annotator marked "he").
- **baseline**, in the same run: spans from a regular expression (text between
  paired “ ”, " " or '' '' marks); speakers by the nearest PERSON or ORG entity
  in the quote's sentence (outside the quote), else in the previous sentence,
  for the very same matched quotes.
- **end to end**: the share of gold Contents that have a Source and are found
  with the right speaker, ours against regex spans + nearest-entity speakers.
"""

from __future__ import annotations

import re
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from spacy.tokens import Doc

from newsgraph.eval.scoring import Scores
from newsgraph.extract.quotes.finder import find_quotes

Span = tuple[int, int]
Parts = tuple[Span, ...]
SCOPES = ("direct", "all")
SYSTEMS = ("newsgraph", "baseline")
_OPENING = ("“", '"', "''", "``", "‘", "'", "«")
_REGEX = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"|``[^\n]+?''|''[^\n]+?''")


@dataclass(frozen=True)
class GoldAttribution:
    content: Parts
    source: Parts
    cue: Parts
    direct: bool


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Prediction:
    parts: Parts
    speaker: Span | None
    marked: bool  # between quotation marks (direct or partial)


@dataclass
class QuotesReport:
    split: str
    articles: int = 0
    gold: dict[str, int] = field(default_factory=dict)
    spans: dict[str, dict[str, Scores]] = field(default_factory=dict)
    speakers: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    end_to_end: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    seconds: float = 0.0

    def speaker_accuracy(self, system: str, scope: str) -> float:
        correct, total = self.speakers[system][scope]
        return correct / total if total else 0.0


# --------------------------------------------------------------------------- gold


def read_ann(text: str, ann: str, name: str = "") -> GoldArticle:
    """A PolNeAR article from its text and one annotator's brat standoff."""
    spans: dict[str, Parts] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, offsets = fields[1].partition(" ")
            parts = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                parts.append((int(start), int(end)))
            spans[fields[0]] = tuple(parts)
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    attributions = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""), ())
        if not content:
            continue
        first = text[content[0][0] : content[0][1]].lstrip()
        attributions.append(
            GoldAttribution(
                content=content,
                source=spans.get(relation.get("Source", ""), ()),
                cue=spans.get(relation.get("Cue", ""), ()),
                direct=first.startswith(_OPENING),
            )
        )
    return GoldArticle(name, text, tuple(attributions))


def _split_folder(directory: Path, split: str, scratch: Path) -> Path:
    if (directory / "polnear").is_dir():
        directory = directory / "polnear"
    if (directory / split / "text").is_dir():
        return directory / split
    archive = directory / f"{split}.tar.gz"
    if archive.is_file():
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
        found = next(scratch.rglob(f"{split}/text"), None)
        if found is not None:
            return found.parent
    raise FileNotFoundError(
        f"{directory}: no PolNeAR {split!r} split (dev/, test/ or train.tar.gz)"
    )


def read_split(directory: Path, split: str = "test", limit: int | None = None) -> list[GoldArticle]:
    """The gold articles of one split, sorted by name (the first ``limit``)."""
    with tempfile.TemporaryDirectory(prefix="polnear-") as scratch:
        folder = _split_folder(directory, split, Path(scratch))
        articles: list[GoldArticle] = []
        for path in sorted((folder / "text").glob("*.txt")):
            pattern = re.compile(re.escape(path.stem) + r"_[0-9a-z]+\.ann")
            anns = sorted(
                p for p in (folder / "attributions").iterdir() if pattern.fullmatch(p.name)
            )
            if not anns:
                continue
            text = path.read_text(encoding="utf-8")
            articles.append(read_ann(text, anns[0].read_text(encoding="utf-8"), path.stem))
            if limit is not None and len(articles) >= limit:
                break
        return articles


# --------------------------------------------------------------------------- systems


def ours(doc: Doc) -> list[Prediction]:
    return [
        Prediction(
            q.parts or ((q.start, q.end),),
            (q.speaker_start, q.speaker_end)
            if q.speaker_start is not None and q.speaker_end is not None
            else None,
            q.kind != "indirect",
        )
        for q in find_quotes(doc)
    ]


def regex_quotes(text: str) -> list[Prediction]:
    """The baseline's quotes: text between paired marks (no speakers)."""
    found = []
    for match in _REGEX.finditer(text):
        width = 2 if match.group().startswith(("``", "''")) else 1
        found.append(Prediction(((match.start() + width, match.end() - width),), None, True))
    return found


def nearest_entity(doc: Doc, parts: Parts) -> Span | None:
    """Baseline speaker: the PERSON/ORG entity nearest the quote in its sentence,
    else in the previous sentence (entities inside the quote are skipped)."""
    start, end = parts[0][0], parts[-1][1]
    token = doc.char_span(start, end, alignment_mode="expand")
    if token is None or len(token) == 0:
        return None
    sentence = token[0].sent
    sentences = [sentence]
    if sentence.start > 0:
        sentences.append(doc[sentence.start - 1].sent)
    for sent in sentences:
        candidates = [
            (e.start_char, e.end_char)
            for e in sent.ents
            if e.label_ in {"PERSON", "ORG"} and not _overlap(((e.start_char, e.end_char),), parts)
        ]
        if candidates:
            return min(candidates, key=lambda s: min(abs(s[0] - end), abs(start - s[1])))
    return None


# --------------------------------------------------------------------------- scoring


def _overlap(a: Parts, b: Parts) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _size(parts: Parts) -> int:
    return sum(e - s for s, e in parts)


def matches(predicted: Parts, gold: Parts) -> bool:
    """At least half of the shorter span overlaps the other."""
    shared = _overlap(predicted, gold)
    return shared > 0 and shared >= 0.5 * min(_size(predicted), _size(gold))


@dataclass
class _Tally:
    pred_hit: int = 0
    pred: int = 0
    gold_hit: int = 0
    gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    baseline_ok: int = 0
    end_to_end: int = 0
    sourced: int = 0

    def scores(self) -> Scores:
        p = self.pred_hit / self.pred if self.pred else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _score(
    doc: Doc,
    gold: list[GoldAttribution],
    every: list[Parts],
    preds: list[Prediction],
    tally: _Tally,
    *,
    baseline: bool,
) -> None:
    """Add one article to ``tally``: recall on the scope's ``gold`` (direct or all),
    precision against ``every`` gold Content."""
    tally.pred += len(preds)
    tally.pred_hit += sum(1 for p in preds if any(matches(p.parts, g) for g in every))
    for item in gold:
        tally.gold += 1
        tally.sourced += bool(item.source)
        hits = [p for p in preds if matches(p.parts, item.content)]
        if not hits:
            continue
        tally.gold_hit += 1
        if not item.source:
            continue
        best = max(hits, key=lambda p: _overlap(p.parts, item.content))
        guess = nearest_entity(doc, best.parts) if baseline else best.speaker
        right = guess is not None and _overlap((guess,), item.source) > 0
        tally.end_to_end += right
        if not baseline:
            tally.speaker_n += 1
            tally.speaker_ok += right
            near = nearest_entity(doc, best.parts)
            tally.baseline_ok += near is not None and _overlap((near,), item.source) > 0


def run_quotes_eval(
    directory: Path, *, split: str = "test", limit: int | None = None
) -> QuotesReport:
    """Score ``find_quotes`` and the baseline on one PolNeAR split."""
    from newsgraph.extract import load_pipeline

    articles = read_split(directory, split, limit)
    nlp = load_pipeline()
    began = time.perf_counter()
    tallies = {(system, scope): _Tally() for system in SYSTEMS for scope in SCOPES}
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        ours_all = ours(doc)
        regex = regex_quotes(article.text)
        direct = [g for g in article.attributions if g.direct]
        everything = list(article.attributions)
        every = [g.content for g in everything]
        for system, preds in (("newsgraph", ours_all), ("baseline", regex)):
            marked = [p for p in preds if p.marked]
            base = system == "baseline"
            _score(doc, direct, every, marked, tallies[system, "direct"], baseline=base)
            _score(doc, everything, every, preds, tallies[system, "all"], baseline=base)
    report = QuotesReport(split=split, articles=len(articles))
    report.seconds = time.perf_counter() - began
    for scope in SCOPES:
        report.gold[scope] = tallies["newsgraph", scope].gold
    for system in SYSTEMS:
        report.spans[system] = {s: tallies[system, s].scores() for s in SCOPES}
        report.end_to_end[system] = {
            s: (tallies[system, s].end_to_end, tallies[system, s].sourced) for s in SCOPES
        }
    report.speakers["newsgraph"] = {
        s: (tallies["newsgraph", s].speaker_ok, tallies["newsgraph", s].speaker_n) for s in SCOPES
    }
    report.speakers["baseline"] = {
        s: (tallies["newsgraph", s].baseline_ok, tallies["newsgraph", s].speaker_n) for s in SCOPES
    }
    return report


def _rows(report: QuotesReport) -> Iterator[str]:
    yield (
        f"PolNeAR {report.split}: {report.articles} articles, first annotator's file each, "
        f"{report.seconds:.1f} s"
    )
    yield "content spans (match: overlap >= 50% of the shorter span)"
    yield f"{'':24}{'newsgraph P/R/F1':>22}   {'regex baseline P/R/F1':>22}"
    for scope in SCOPES:
        cells = []
        for system in SYSTEMS:
            s = report.spans[system][scope]
            cells.append(f"{s.precision:.3f} {s.recall:.3f} {s.f1:.3f}")
        label = f"{scope} ({report.gold[scope]} gold)"
        yield f"{label:24}{cells[0]:>22}   {cells[1]:>22}"
    yield "speaker accuracy on the same matched quotes (speaker overlaps gold Source)"
    yield f"{'':24}{'newsgraph':>12}   {'nearest PERSON/ORG':>18}"
    for scope in SCOPES:
        n = report.speakers["newsgraph"][scope][1]
        ours_acc = report.speaker_accuracy("newsgraph", scope)
        base_acc = report.speaker_accuracy("baseline", scope)
        label = f"{scope} ({n} matched)"
        yield f"{label:24}{ours_acc:>12.3f}   {base_acc:>18.3f}"
    yield "end to end: gold Contents (with a Source) found with the right speaker"
    yield f"{'':24}{'newsgraph':>12}   {'regex+nearest':>18}"
    for scope in SCOPES:
        values = []
        for system in SYSTEMS:
            hit, total = report.end_to_end[system][scope]
            values.append(hit / total if total else 0.0)
        yield f"{scope:24}{values[0]:>12.3f}   {values[1]:>18.3f}"


def print_report(report: QuotesReport, out: TextIO) -> None:
    """The report as a small table, newsgraph beside the baseline."""
    for row in _rows(report):
        print(row, file=out)
