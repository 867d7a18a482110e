"""`newsgraph eval facts`: analyses scored against hand-annotated real articles.

A gold file (YAML, one per article; format in ``bench/gold/facts/README.md``)
names its article (``source``, relative to the articles root), its
publication date if stated, and the facts an analyst extracts: entities with
aliases and countries, direct quotes with speakers, times, events. The
article is read and analysed as ``newsgraph analyze`` would; then:

- **entities**: a gold entity is found when a system entity of a compatible
  type (GPE ~ LOC) is named by the gold name or one of its name-like aliases;
  a system entity is right when it matches a gold entity. *Split*: gold
  entities matched by more than one system entity (one politician as two).
  *Country*: found people and organisations whose gold country the system
  gives.
- **quotes** (direct and partial): a gold quote is found when a system quote
  contains its first words (or the reverse, for a system quote cut short);
  *speaker*: the system speaker entity is named like the gold speaker (a
  gold speaker the article never names, "a spokesman", is right when no
  entity took it, or the organisation it speaks for, "a Home Office
  spokesman"); *linked*: found quotes of named gold speakers that have a
  speaker entity at all.
- **times**: text match (one containing the other); *value*: the gold value,
  where given, equals the system's.
- **events**: (PLOVER type, source country, target country) per article, as
  multisets; an event with several actors ("Iran, Russia and Syria have been
  pressuring the US") counts once per source-target pair, as the gold codes it
  and as `eval events` counts; *type only* as a looser view.

Precision, recall and F1 are micro-averaged over the articles.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from newsgraph.errors import NewsgraphError
from newsgraph.eval.events import event_codings
from newsgraph.eval.scoring import Scores, micro_scores
from newsgraph.model import Analysis, Entity

__all__ = ["FactsReport", "print_report", "read_gold", "run_facts_eval", "score_article"]

_TYPES = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
_LEADING = re.compile(r"^(?:the|mr|mrs|ms|miss|dr|sir|lord|lady)\.?\s+", re.IGNORECASE)


def norm(text: str | None) -> str:
    """Case-, accent-, punctuation- and article-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]s\b", "", text.casefold())
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text)
    return text


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").casefold())


def _kind(entity_type: str) -> str:
    return _TYPES.get(entity_type, entity_type)


@dataclass
class GoldFile:
    path: Path
    source: str
    published: dt.date | None
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    times: list[dict[str, Any]]
    events: list[dict[str, Any]]


def read_gold(path: Path) -> GoldFile:
    """One gold file; a file that is not valid YAML or lacks ``source`` is a
    NewsgraphError naming it."""
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise NewsgraphError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not raw.get("source"):
        raise NewsgraphError(f"{path}: a gold file needs a `source`")
    published = raw.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    return GoldFile(
        path=path,
        source=str(raw["source"]),
        published=published if isinstance(published, dt.date) else None,
        entities=list(raw.get("entities") or []),
        quotes=list(raw.get("quotes") or []),
        times=list(raw.get("times") or []),
        events=list(raw.get("events") or []),
    )


def _gold_names(entity: dict[str, Any]) -> set[str]:
    """The gold name and its name-like aliases (capitalised, not a bare role)."""
    names = {norm(entity.get("name"))}
    for alias in entity.get("aliases") or []:
        alias = str(alias)
        if alias[:1].isupper() or alias.lower().startswith("the ") and alias[4:5].isupper():
            names.add(norm(alias))
    return {n for n in names if n}


def _system_names(entity: Entity) -> set[str]:
    return {n for n in (norm(entity.name), *(norm(a) for a in entity.aliases)) if n}


@dataclass
class FactTally:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def scores(self) -> Scores:
        return micro_scores(self.tp, self.fp, self.fn)


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})"


@dataclass
class FactsReport:
    articles: int = 0
    entities: FactTally = field(default_factory=FactTally)
    people: FactTally = field(default_factory=FactTally)
    split: Ratio = field(default_factory=Ratio)
    country: Ratio = field(default_factory=Ratio)
    quotes: FactTally = field(default_factory=FactTally)
    speaker: Ratio = field(default_factory=Ratio)
    linked: Ratio = field(default_factory=Ratio)
    times: FactTally = field(default_factory=FactTally)
    time_values: Ratio = field(default_factory=Ratio)
    events: FactTally = field(default_factory=FactTally)
    event_types: FactTally = field(default_factory=FactTally)
    misses: list[str] = field(default_factory=list)


def _match_entities(gold: GoldFile, analysis: Analysis) -> dict[int, list[Entity]]:
    """For each gold entity (by index), the system entities naming it."""
    found: dict[int, list[Entity]] = {}
    for i, entity in enumerate(gold.entities):
        names, kind = _gold_names(entity), _kind(str(entity.get("type", "")))
        found[i] = [
            e for e in analysis.entities if _kind(e.type) == kind and _system_names(e) & names
        ]
    return found


_SCORED_TYPES = {"PERSON", "ORG", "PLACE"}


def _score_entities(gold: GoldFile, analysis: Analysis, report: FactsReport) -> None:
    found = _match_entities(gold, analysis)
    matched_ids = {e.id for hits in found.values() for e in hits}
    for i, entity in enumerate(gold.entities):
        kind = _kind(str(entity.get("type", "")))
        if kind not in _SCORED_TYPES:
            continue
        hits = found[i]
        tally = report.people if kind == "PERSON" else None
        report.entities.add(bool(hits), 0, not hits)
        if tally is not None:
            tally.add(bool(hits), 0, not hits)
        if not hits:
            report.misses.append(f"{gold.path.name}: entity not found: {entity.get('name')}")
            continue
        if kind in {"PERSON", "ORG"}:
            report.split.add(len(hits) > 1)
        country = entity.get("country")
        if country and kind in {"PERSON", "ORG"}:
            got = {str(e.attributes.get("country") or "") for e in hits}
            report.country.add(country in got)
    all_names = [(_kind(str(g.get("type", ""))), _gold_names(g)) for g in gold.entities]
    for system in analysis.entities:
        kind = _kind(system.type)
        if kind not in _SCORED_TYPES or system.id in matched_ids:
            continue
        # a system entity named like a gold one of another type still counts as wrong
        if not any(k == kind and _system_names(system) & n for k, n in all_names):
            report.entities.add(0, 1, 0)
            if kind == "PERSON":
                report.people.add(0, 1, 0)
            report.misses.append(f"{gold.path.name}: extra {system.type}: {system.name}")


def _quote_match(gold_text: str, system_text: str) -> bool:
    want, got = _words(gold_text), _words(system_text)
    if not want or not got:
        return False
    head = " ".join(want[:6])
    return head in " ".join(got) or " ".join(got[:6]) in " ".join(want) and len(got) >= 3


def _speaker_names(gold: GoldFile, speaker: str) -> set[str] | None:
    """The names of the gold speaker's entity; None for a descriptor speaker
    the article never names ("a spokesman"), which no entity should take."""
    for entity in gold.entities:
        if norm(entity.get("name")) == norm(speaker) or norm(speaker) in _gold_names(entity):
            return _gold_names(entity)
    return None


def _named_body(gold: GoldFile, descriptor: str) -> set[str] | None:
    """The names of the gold organisation a descriptor speaker speaks for
    ("a spokeswoman for Human Rights Watch"), if it names one."""
    words = f" {norm(descriptor)} "
    for entity in gold.entities:
        if entity.get("type") != "ORG":
            continue
        names = _gold_names(entity)
        if any(f" {name} " in words for name in names):
            return names
    return None


def _score_quotes(gold: GoldFile, analysis: Analysis, report: FactsReport) -> None:
    by_id = {e.id: e for e in analysis.entities}
    system = [q for q in analysis.quotes if q.kind in {"direct", "partial"}]
    used: set[int] = set()
    for quote in gold.quotes:
        text = str(quote.get("text", ""))
        match = next(
            (i for i, q in enumerate(system) if i not in used and _quote_match(text, q.text)),
            None,
        )
        if match is None:
            report.quotes.add(0, 0, 1)
            report.misses.append(f"{gold.path.name}: quote not found: {text[:50]}")
            continue
        used.add(match)
        report.quotes.add(1, 0, 0)
        found = system[match]
        speaker = by_id.get(found.speaker or "")
        names = _speaker_names(gold, str(quote.get("speaker", "")))
        if names is None:  # a descriptor: right when no entity took it, or the body it names
            body = _named_body(gold, str(quote.get("speaker", "")))
            right = speaker is None or (body is not None and bool(_system_names(speaker) & body))
        else:
            report.linked.add(speaker is not None)
            right = speaker is not None and bool(_system_names(speaker) & names)
        report.speaker.add(right)
        if not right:
            got = speaker.name if speaker else f"none ({found.speaker_name})"
            report.misses.append(
                f"{gold.path.name}: speaker {got} for {quote.get('speaker')}: {text[:40]}"
            )
    for i, q in enumerate(system):
        if i not in used:
            report.quotes.add(0, 1, 0)
            report.misses.append(f"{gold.path.name}: extra quote: {q.text[:50]}")


def _score_times(gold: GoldFile, analysis: Analysis, report: FactsReport) -> None:
    system = list(analysis.times)
    used: set[int] = set()
    for time in gold.times:
        want = norm(str(time.get("text", "")))
        match = next(
            (
                i
                for i, t in enumerate(system)
                if i not in used
                and want
                and (want in norm(t.text) or norm(t.text) in want)
                and norm(t.text)
            ),
            None,
        )
        if match is None:
            report.times.add(0, 0, 1)
            continue
        used.add(match)
        report.times.add(1, 0, 0)
        if time.get("value"):
            report.time_values.add(str(time["value"]) == (system[match].value or ""))
    report.times.add(0, len(system) - len(used), 0)


def _country(code: Any) -> str:
    text = str(code or "").strip().upper()
    if not text or text.startswith("---"):
        return ""
    return text[:3]


def _score_events(gold: GoldFile, analysis: Analysis, report: FactsReport) -> None:
    want = Counter(
        (str(e.get("type", "")).upper(), _country(e.get("source")), _country(e.get("target")))
        for e in gold.events
    )
    got = Counter(
        (str(c.plover), _country(c.source), _country(c.target))
        for c in event_codings(e for e in analysis.events if not e.negated)
    )
    _add_multisets(report.events, want, got)
    _add_multisets(
        report.event_types,
        Counter(k[0] for k in want.elements()),
        Counter(k[0] for k in got.elements()),
    )
    for key in (want - got).elements():
        report.misses.append(f"{gold.path.name}: event not found: {key}")
    for key in (got - want).elements():
        report.misses.append(f"{gold.path.name}: extra event: {key}")


def _add_multisets(tally: FactTally, want: Counter[Any], got: Counter[Any]) -> None:
    hits = sum((want & got).values())
    tally.add(hits, sum(got.values()) - hits, sum(want.values()) - hits)


def score_article(gold: GoldFile, analysis: Analysis, report: FactsReport) -> None:
    """Add one article's comparison to ``report``."""
    report.articles += 1
    _score_entities(gold, analysis, report)
    _score_quotes(gold, analysis, report)
    _score_times(gold, analysis, report)
    _score_events(gold, analysis, report)


def gold_files(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.rglob("*.yaml") if p.is_file())
    if not files:
        raise NewsgraphError(f"{directory}: no gold files (*.yaml)")
    return files


def run_facts_eval(
    directory: Path, articles: Path, *, limit: int | None = None, model: str | None = None
) -> FactsReport:
    """Read, analyse and score every gold file under ``directory``; sources
    are read from ``articles`` (the eval-dev folder)."""
    from newsgraph.article import parse_paths
    from newsgraph.errors import InputError
    from newsgraph.extract import analyze_articles, load_pipeline

    report = FactsReport()
    nlp = load_pipeline(model)
    golds = [read_gold(p) for p in gold_files(directory)][:limit]
    for gold in golds:
        path = articles / gold.source
        if not path.is_file():
            raise NewsgraphError(f"{gold.path}: its source {path} does not exist")
        parsed = [a for a in parse_paths([str(path)], default_date=gold.published)]
        found = [a for a in parsed if not isinstance(a, InputError)]
        if not found:
            raise NewsgraphError(f"{gold.path}: {path} gave no article")
        [analysis] = list(analyze_articles(found[:1], nlp=nlp))
        score_article(gold, analysis, report)
    return report


def _line(name: str, scores: Scores, tally: FactTally) -> str:
    return (
        f"  {name:<22} P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
        f"   (tp {tally.tp}, fp {tally.fp}, fn {tally.fn})"
    )


def report_lines(report: FactsReport, *, misses: bool = False) -> Iterator[str]:
    yield f"facts on {report.articles} hand-annotated articles"
    for name, tally in (
        ("entities", report.entities),
        ("people", report.people),
        ("direct/partial quotes", report.quotes),
        ("times (text)", report.times),
        ("events (type, src, tgt)", report.events),
        ("events (type only)", report.event_types),
    ):
        yield _line(name, tally.scores(), tally)
    yield f"  people/orgs split in two+:     {report.split}"
    yield f"  country of people/orgs right: {report.country}"
    yield f"  quote speaker right:           {report.speaker}"
    yield f"  named speakers linked:         {report.linked}"
    yield f"  time values right:             {report.time_values}"
    if misses:
        yield "misses and extras:"
        yield from (f"  {m}" for m in report.misses)


def print_report(report: FactsReport, out: TextIO, *, misses: bool = False) -> None:
    for line in report_lines(report, misses=misses):
        out.write(line + "\n")
