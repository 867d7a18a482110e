"""Event coding scored on two public gold sets, beside a window baseline.

Gold (read from where it lies, never copied into this repository), in one folder:

- ``petrarch2-gsr-validation/PETR2_GSR_validation.xml`` (openeventdata/
  UniversalPetrarch, MIT): 78 real news sentences, each a self-closing
  ``<Sentence category date id/>`` followed by ``<EventCoding eventcode
  sourcecode targetcode/>`` elements (or ``noevents="True"``), ``<Text>`` and a
  ``<Parse>``. The file has ``#`` comment lines outside any tag and XML comments,
  so it is read with regular expressions, not an XML parser. Dates are
  YYYYMMDD; one malformed date ("121108") is read as no date. The gold was
  built from PETRARCH-2 output and then corrected (per its header).
- ``plover-gsr/PLOVER_GSR_CAMEO.txt`` (openeventdata/PLOVER, CC BY-SA 4.0): a
  JSON array of 322 CAMEO-manual example sentences coded in PLOVER 0.5b1 (record
  0, ``event == "DOCUMENT"``, is a header). Each has ``source`` and ``target``
  lists of ``{actorText, code, sector?}``; the country is ``code``, the full
  actor code is ``code + sector``. One Coding per (source, target) pair; a
  missing source or target is None. Reciprocal actors (markup ``SRC/TAR:``,
  no target list, two or more sources: "Jordan and Britain have agreed") are
  coded both ways, A->B and B->A, as CAMEO codes reciprocal events. The date is
  a "2000-01-01" placeholder, read as no date.
- ``plover-gsr/CAMEO2PLOVER-2021.txt``: CAMEO code -> PLOVER type (manual draft
  0.8). The line of the code itself is used when present ("084: RETREAT",
  "163: COERCE"), else its three-digit parent, else its root ("08: CONCEDE",
  the first of the two 08 root lines). The table has no roots 01 and 02:
  01 (make public statement) has no PLOVER type and is skipped by the type
  measure; 02 (appeal) is REQUEST, since PLOVER merges appeals and demands.

PLOVER 0.5b1 types of the PLOVER gold that the 2021 16-type list dropped map by
the same table's roots: DEMAND -> REQUEST (10), DISAPPROVE -> ACCUSE (11),
INVESTIGATE -> ACCUSE (09), FIGHT -> ASSAULT (19).

Actors are compared by country, ``actor_country``: the first three letters of
the code when they are an ISO 3166 alpha-3 code, "IGO" or a CAMEO region code
(AFR, BLK, MEA, WST, ...), else None ("---LEG", "NGO", "IMG" -> None, which
still matches a None). Three country typos of the PLOVER gold are read as
meant: JAP -> JPN, ITL -> ITA, VTN -> VNM.

Measures, micro-averaged precision/recall/F1 over the multisets of each
sentence's codings ("noevents" sentences have no gold, so any event predicted
there is a false positive):

- **triples**: (source country, target country, CAMEO root) on the PETRARCH
  set; (source country, target country, PLOVER type) on the PLOVER set, which
  has no CAMEO codes. Per type: the same, over the codings of one PLOVER type.
- **type**: the PLOVER type alone (PETRARCH gold mapped through the table);
  codings without a type (CAMEO root 01) are left out. Per type, with support.

Systems, timed on the same sentences (the spaCy pipeline is loaded before):

- **newsgraph**: ``Analysis.events`` of each sentence analysed as its own
  article (published on the gold date); every source x every target.
- **baseline**: a window coder like early dictionary coders without a parse:
  actors are spaCy GPE/NORP/ORG entities that ``gazetteer.geo`` codes to a
  country; the first token whose lemma is in the verb dictionary is the event;
  the source is the last actor before it, the target the first after it.

PETRARCH2's own output is not part of these files, so there is no PETRARCH2
column to put beside ours.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsgraph import settings
from newsgraph.eval.scoring import Scores, micro_scores, multiset_counts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsgraph.model import Event

log = logging.getLogger(__name__)

PETRARCH_FILE = Path("petrarch2-gsr-validation") / "PETR2_GSR_validation.xml"
PLOVER_FILE = Path("plover-gsr") / "PLOVER_GSR_CAMEO.txt"
TABLE_FILE = Path("plover-gsr") / "CAMEO2PLOVER-2021.txt"
GOLD_SETS = ("petrarch", "plover")
SYSTEMS = ("newsgraph", "baseline")
DICT_SYSTEM = "newsgraph+dict"  # newsgraph with community dictionaries, when given
MEASURES = ("triples", "type")

Triple = tuple[str | None, str | None, str | None]
Action = Literal["cameo", "plover"]  # what a triple's third member is

#: PLOVER 0.5b1 types gone from the 2021 list -> their CAMEO root's 2021 type.
OLD_PLOVER_TYPES = {
    "DEMAND": "REQUEST",  # CAMEO 10
    "DISAPPROVE": "ACCUSE",  # CAMEO 11
    "INVESTIGATE": "ACCUSE",  # CAMEO 09
    "FIGHT": "ASSAULT",  # CAMEO 19
}
#: CAMEO regional actor codes (CAMEO codebook / GDELT CAMEO.country.txt).
CAMEO_REGIONS = frozenset(
    "AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA "
    "SAF WAF WST".split()
)
_GOLD_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG"})


@dataclass(frozen=True)
class Coding:
    """One coded event: actor codes as given (``USAGOV``), CAMEO root, PLOVER type."""

    source: str | None
    target: str | None
    cameo: str | None
    plover: str | None
    cameo_code: str | None = None  # the full CAMEO code ("0841"), where known


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    date: dt.date | None
    codings: list[Coding]


Coder = Callable[[list[GoldSentence]], Iterable[list[Coding]]]


# --------------------------------------------------------------------------- mappings


def actor_country(code: str | None) -> str | None:
    """The country part of an actor code: ISO alpha-3, "IGO" or a CAMEO region."""
    from newsgraph.gazetteer.geo import country

    if not code:
        return None
    head = code[:3].upper()
    head = _GOLD_TYPOS.get(head, head)
    if head == "IGO" or head in CAMEO_REGIONS or country(head) is not None:
        return head
    return None


_TABLE_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\b")


def load_cameo_plover(path: Path) -> dict[str, str]:
    """CAMEO code (2-4 digits) -> PLOVER type, from CAMEO2PLOVER-2021.txt. Where
    a code has two lines (the 08 root), the first is kept."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("~"):
            break
        found = _TABLE_LINE.match(line.strip())
        if found:
            table.setdefault(found.group(1), found.group(2))
    return table


def plover_type(cameo_code: str, table: Mapping[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code: its own line, else its parent's, else its
    root's; root 01 has none, root 02 (appeal) is REQUEST."""
    code = cameo_code.strip()
    for length in (len(code), 3, 2):
        if length <= len(code) and code[:length] in table:
            return table[code[:length]]
    return "REQUEST" if code.startswith("02") else None


# --------------------------------------------------------------------------- gold


_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HASH_LINE = re.compile(r"^#.*$", re.MULTILINE)
_PARSE = re.compile(r"<Parse>.*?</Parse>", re.DOTALL)
_SENTENCE = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)(?=<Sentence\s|</Sentences>|\Z)", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)


def _attributes(text: str) -> dict[str, str]:
    return {key: html.unescape(value) for key, value in _ATTRIBUTE.findall(text)}


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _yyyymmdd(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date() if len(value) == 8 else None
    except ValueError:
        return None


def load_petrarch_gsr(path: Path, table: Mapping[str, str] | None = None) -> list[GoldSentence]:
    """The sentences of PETR2_GSR_validation.xml with their gold codings (none
    for a noevents sentence). With ``table``, each coding gets its PLOVER type."""
    raw = path.read_text(encoding="utf-8")
    raw = _PARSE.sub("", _HASH_LINE.sub("", _XML_COMMENT.sub("", raw)))
    sentences = []
    for head, body in _SENTENCE.findall(raw):
        attributes = _attributes(head)
        text = _TEXT.search(body)
        codings = []
        for element in _CODING.findall(body):
            coding = _attributes(element)
            if coding.get("noevents", "").lower() == "true" or "eventcode" not in coding:
                continue
            code = coding["eventcode"]
            codings.append(
                Coding(
                    source=coding.get("sourcecode") or None,
                    target=coding.get("targetcode") or None,
                    cameo=code[:2],
                    plover=plover_type(code, table) if table is not None else None,
                    cameo_code=code,
                )
            )
        sentences.append(
            GoldSentence(
                id=attributes.get("id", ""),
                text=_clean(text.group(1)) if text else "",
                date=_yyyymmdd(attributes.get("date", "")),
                codings=codings,
            )
        )
    return sentences


def _actor_codes(value: Any) -> list[str | None]:
    if not isinstance(value, list):
        return []
    return [
        (actor.get("code") or "") + (actor.get("sector") or "") or None
        for actor in value
        if isinstance(actor, dict)
    ]


def _pairs(record: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    sources = _actor_codes(record.get("source"))
    targets = _actor_codes(record.get("target"))
    info = record.get("textInfo")
    markup = str(info.get("markup", "") if isinstance(info, dict) else info or "")
    if not targets and len(sources) >= 2 and "SRC/TAR:" in markup:  # reciprocal
        return [(a, b) for i, a in enumerate(sources) for j, b in enumerate(sources) if i != j]
    return [(s, t) for s in sources or [None] for t in targets or [None]]


def load_plover_gsr(path: Path) -> list[GoldSentence]:
    """The coded sentences of PLOVER_GSR_CAMEO.txt (PLOVER types as of 2021)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for record in records:
        if record.get("event") == "DOCUMENT":
            continue
        event = str(record.get("event", ""))
        plover = OLD_PLOVER_TYPES.get(event, event) or None
        codings = [Coding(s, t, None, plover) for s, t in _pairs(record)]
        sentences.append(
            GoldSentence(
                str(record.get("id", "")), _clean(str(record.get("text", ""))), None, codings
            )
        )
    return sentences


# --------------------------------------------------------------------------- coders


def event_codings(events: Iterable[Event]) -> list[Coding]:
    """Our events as codings: every source actor x every target actor; a
    mutual event ("X and Y met") as each of its actors acting on the others."""
    codings: list[Coding] = []
    for event in events:
        sources = event.sources or [event.source]
        targets = event.targets or [event.target]
        pairs = [(s, t) for s in sources for t in (sources if event.mutual else targets)]
        codings += [
            Coding(source.code, target.code, event.cameo[:2] or None, event.type, event.cameo_code)
            for source, target in pairs
            if not (event.mutual and source is target)
        ]
    return codings


def newsgraph_coder(nlp: Language | None = None) -> Coder:
    """A coder running the whole analysis on each sentence as its own article;
    a sentence whose analysis fails is logged and counts as no events."""
    from newsgraph.extract.analysis import analyze_articles
    from newsgraph.model import Article

    def code(sentences: list[GoldSentence]) -> Iterator[list[Coding]]:
        articles = [
            Article(id=str(number), paragraphs=[s.text], published=s.date)
            for number, s in enumerate(sentences)
        ]

        def failed(article: Article, exc: Exception) -> None:
            log.warning("analysis failed on %s: %r", sentences[int(article.id)].id, exc)

        found: dict[str, list[Coding]] = {}
        for analysis in analyze_articles(articles, nlp=nlp, on_error=failed):
            found[analysis.article.id] = event_codings(analysis.events)
        for number in range(len(sentences)):
            yield found.get(str(number), [])

    return code


def entity_country(text: str) -> str | None:
    """ISO alpha-3 of a country name, demonym or capital ("Iranian", "Tehran")."""
    from newsgraph.gazetteer.geo import capital_country, country_code, demonym_country

    return country_code(text) or demonym_country(text) or capital_country(text)


def window_codings(doc: Doc, verbs: Mapping[str, tuple[str, str]]) -> list[Coding]:
    """The baseline's event of one sentence: the first verb of the dictionary,
    the last coded actor before it as source and the first after it as target."""
    verb = next((t for t in doc if t.lemma_.lower() in verbs), None)
    if verb is None:
        return []
    actors = [
        (entity.start, entity.end, code)
        for entity in doc.ents
        if entity.label_ in _ACTOR_LABELS and (code := entity_country(entity.text))
    ]
    before = [code for _, end, code in actors if end <= verb.i]
    after = [code for start, _, code in actors if start > verb.i]
    if not before:
        return []
    plover, cameo = verbs[verb.lemma_.lower()]
    return [Coding(before[-1], after[0] if after else None, cameo[:2], plover, cameo)]


def baseline_coder(verbs: Mapping[str, tuple[str, str]], nlp: Language | None = None) -> Coder:
    """The window baseline; ``verbs``: lemma -> (PLOVER type, CAMEO code)."""
    from newsgraph.extract.pipeline import load_pipeline

    def code(sentences: list[GoldSentence]) -> Iterator[list[Coding]]:
        pipeline = nlp or load_pipeline()
        for doc in pipeline.pipe(s.text for s in sentences):
            yield window_codings(doc, verbs)

    return code


# --------------------------------------------------------------------------- scoring


def triple(coding: Coding, action: Action) -> Triple:
    """(source country, target country, CAMEO root or PLOVER type)."""
    kind = coding.cameo if action == "cameo" else coding.plover
    return actor_country(coding.source), actor_country(coding.target), kind


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, counts: tuple[int, int, int]) -> None:
        self.tp += counts[0]
        self.fp += counts[1]
        self.fn += counts[2]

    def scores(self) -> Scores:
        return micro_scores(self.tp, self.fp, self.fn)


@dataclass
class SystemScores:
    """One coder on one gold set: overall and per PLOVER type, for each measure."""

    overall: dict[str, Scores] = field(default_factory=dict)  # measure -> scores
    by_type: dict[str, dict[str, Scores]] = field(default_factory=dict)  # measure -> type ->
    support: dict[str, int] = field(default_factory=dict)  # type -> gold codings of that type
    predicted: int = 0
    seconds: float = 0.0


def score_codings(
    gold: list[list[Coding]],
    predicted: list[list[Coding]],
    action: Action,
) -> SystemScores:
    """Both measures, overall and per type, for one coder's codings of the sentences."""
    if len(gold) != len(predicted):
        raise ValueError(f"the coder gave {len(predicted)} results for {len(gold)} sentences")
    overall = {measure: _Counts() for measure in MEASURES}
    by_type: dict[str, dict[str, _Counts]] = {measure: {} for measure in MEASURES}
    support: dict[str, int] = {}
    for true, guess in zip(gold, predicted, strict=True):
        overall["triples"].add(
            multiset_counts((triple(c, action) for c in true), (triple(c, action) for c in guess))
        )
        overall["type"].add(
            multiset_counts(
                (c.plover for c in true if c.plover), (c.plover for c in guess if c.plover)
            )
        )
        for kind in {c.plover for c in [*true, *guess] if c.plover}:
            mine = [c for c in true if c.plover == kind]
            theirs = [c for c in guess if c.plover == kind]
            support[kind] = support.get(kind, 0) + len(mine)
            counts = by_type["triples"].setdefault(kind, _Counts())
            counts.add(
                multiset_counts(
                    (triple(c, action) for c in mine), (triple(c, action) for c in theirs)
                )
            )
            by_type["type"].setdefault(kind, _Counts()).add(
                multiset_counts((kind for _ in mine), (kind for _ in theirs))
            )
    return SystemScores(
        overall={measure: counts.scores() for measure, counts in overall.items()},
        by_type={m: {k: c.scores() for k, c in kinds.items()} for m, kinds in by_type.items()},
        support=support,
        predicted=sum(len(p) for p in predicted),
    )


def score_coder(coder: Coder, sentences: list[GoldSentence], action: Action) -> SystemScores:
    """Run ``coder`` on the sentences (timed) and score what it codes."""
    began = time.perf_counter()
    predicted = list(coder(sentences))
    seconds = time.perf_counter() - began
    scores = score_codings([s.codings for s in sentences], predicted, action)
    scores.seconds = seconds
    return scores


# --------------------------------------------------------------------------- run


@dataclass
class SetReport:
    name: str
    title: str
    action: Action
    sentences: int = 0
    gold_codings: int = 0
    noevents: int = 0
    untyped: int = 0  # gold codings without a PLOVER type (CAMEO root 01)
    systems: dict[str, SystemScores] = field(default_factory=dict)


@dataclass
class EventsReport:
    sets: list[SetReport] = field(default_factory=list)
    verbs: int = 0
    verbs_source: str = ""


def _verbs() -> tuple[Mapping[str, tuple[str, str]], str]:
    """The event stage's verb dictionary (data/events.yaml), for the baseline."""
    from newsgraph.extract.events.lexicon import lexicon

    return lexicon().verbs, "the event lexicon, data/events.yaml"


def load_gold_set(
    directory: Path, name: str, limit: int | None = None
) -> tuple[str, Action, list[GoldSentence]]:
    """(title, what triples compare, sentences) of one gold set in ``directory``."""
    for needed in (PETRARCH_FILE, TABLE_FILE) if name == "petrarch" else (PLOVER_FILE,):
        if not (directory / needed).is_file():
            raise FileNotFoundError(f"no {needed} in this folder")
    if name == "petrarch":
        table = load_cameo_plover(directory / TABLE_FILE)
        sentences = load_petrarch_gsr(directory / PETRARCH_FILE, table)
        return "PETRARCH-2 GSR validation (CAMEO)", "cameo", sentences[:limit]
    sentences = load_plover_gsr(directory / PLOVER_FILE)
    return "PLOVER GSR from the CAMEO manual (PLOVER 0.5b1)", "plover", sentences[:limit]


@contextmanager
def _dictionaries(path: Path | None) -> Iterator[None]:
    """Run with the community dictionaries at ``path`` (None: without any)."""
    name = settings.SETTINGS["dictionaries"].env
    saved = os.environ.pop(name, None)
    if path is not None:
        os.environ[name] = str(path)
    try:
        yield
    finally:
        os.environ.pop(name, None)
        if saved is not None:
            os.environ[name] = saved


def _coder_with(coder: Coder, path: Path | None) -> Coder:
    def code(sentences: list[GoldSentence]) -> Iterator[list[Coding]]:
        with _dictionaries(path):
            yield from coder(sentences)

    return code


def run_events_eval(
    directory: Path,
    *,
    gold_set: str = "all",
    limit: int | None = None,
    verbs: Mapping[str, tuple[str, str]] | None = None,
    nlp: Language | None = None,
    community: Path | None = None,
) -> EventsReport:
    """Score our event coding and the window baseline on the chosen gold sets
    (the first ``limit`` sentences of each). ``verbs`` feeds the baseline;
    default: the event stage's own verb dictionary. With ``community`` (a
    folder of PETRARCH/TABARI dictionaries), newsgraph is also scored with
    them ("newsgraph+dict"); the "newsgraph" column always runs without."""
    from newsgraph.extract.pipeline import load_pipeline

    if gold_set not in (*GOLD_SETS, "all"):
        raise ValueError(f"unknown gold set {gold_set!r} (petrarch, plover or all)")
    names = list(GOLD_SETS) if gold_set == "all" else [gold_set]
    loaded = [(name, *load_gold_set(directory, name, limit)) for name in names]
    source = "given"
    if verbs is None:
        verbs, source = _verbs()
    nlp = nlp or load_pipeline()
    coders = {
        "newsgraph": _coder_with(newsgraph_coder(nlp), None),
        "baseline": baseline_coder(verbs, nlp),
    }
    systems = list(SYSTEMS)
    if community is not None:
        coders[DICT_SYSTEM] = _coder_with(newsgraph_coder(nlp), community)
        systems.append(DICT_SYSTEM)
    report = EventsReport(verbs=len(verbs), verbs_source=source)
    for name, title, action, sentences in loaded:
        part = SetReport(name, title, action, sentences=len(sentences))
        part.gold_codings = sum(len(s.codings) for s in sentences)
        part.noevents = sum(1 for s in sentences if not s.codings)
        part.untyped = sum(1 for s in sentences for c in s.codings if c.plover is None)
        part.systems = {
            system: score_coder(coders[system], sentences, action) for system in systems
        }
        report.sets.append(part)
    return report
