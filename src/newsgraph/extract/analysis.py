"""The analysis: one spaCy parse per article, named stages over it.

Each stage declares what it needs and what it adds, spaCy style:

    stage      needs                     adds
    entities   -                         entities (the graph, records with places and codes)
    quotes     entities                  quotes (spans, speakers linked to entities)
    times      -                         times (TIMEX3 values against the publication date)
    events     entities, quotes, times   events (PLOVER/CAMEO, actors, time, place, reporter)

``analyze(..., stages=("entities", "quotes"))`` runs only those (and what they
need); the parts of the ``Analysis`` that no stage filled stay empty.
``analyze_articles`` streams many articles through ``nlp.pipe`` in batches,
each article's headline in the same batch as its body. The pipeline is loaded
once per process (``extract.pipeline``); nothing is loaded at import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import settings
from newsgraph.article import build_article
from newsgraph.article.dateline import find_dateline
from newsgraph.article.outlets import known_outlet, outlet_country
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.extract import knowledge
from newsgraph.extract.entities import (
    Cluster,
    EntityGraph,
    entity_graph,
    headline_mentions,
    to_records,
)
from newsgraph.extract.entities.canonical import HIDDEN
from newsgraph.extract.events import (
    CodingContext,
    EventContext,
    code_entity,
    find_events,
    place_code,
)
from newsgraph.extract.events.actors import resident_code
from newsgraph.extract.events.codes import body_code, country_of_code, named_country
from newsgraph.extract.events.community import coding_lexicon
from newsgraph.extract.pipeline import load_pipeline
from newsgraph.extract.quotes import QuoteSpan, find_quotes, link_quotes, quote_speakers
from newsgraph.extract.times import find_times
from newsgraph.gazetteer import geo
from newsgraph.gazetteer.places import article_context, locate_entities
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Quote,
    RawDocument,
    TimeExpression,
)

__all__ = [
    "STAGES",
    "AnalysisState",
    "Stage",
    "analyze",
    "analyze_articles",
    "analyze_doc",
    "analyze_many",
    "home_country",
    "resolve_stages",
]

log = logging.getLogger(__name__)

BATCH_SIZE = 16
_HTML = re.compile(r"\s*<(?:!doctype|html|head|body|article|div|p)\b", re.IGNORECASE)


@dataclass
class AnalysisState:
    """What the stages of one article share: its parses and what earlier
    stages found."""

    article: Article
    doc: Doc
    headline: Doc | None = None
    graph: EntityGraph | None = None
    quote_spans: list[QuoteSpan] = field(default_factory=list)
    speakers: list[list[Cluster]] = field(default_factory=list)
    entities: list[Entity] | None = None
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    home: str | None = None  # the document's home country, set with the entity records
    resident: str | None = None  # the home country when the text's places agree with it

    @property
    def dateline_end(self) -> int:
        """Where the dateline ends in the text ("WASHINGTON (AP) — "), else 0."""
        paragraphs = self.article.paragraphs
        found = find_dateline(paragraphs[0]) if paragraphs else None
        return found.end if found else 0

    def entity_records(self) -> list[Entity]:
        """The entity records (made once, on first use): the named clusters,
        located and coded. An unnamed speaker ("a spokesman") is no entity:
        its quotes keep the words as ``speaker_name``."""
        if self.entities is None:
            if self.graph is None:
                self.entities = []
            else:
                records = [_seat(e) for e in to_records(self.graph)]
                records = locate_entities(
                    records, self.article.text, context=article_context(records)
                )
                self.home = home_country(self.article, records)
                dominant = dominant_country(records)
                if dominant is None and not any(_placed(e) for e in records):
                    dominant = geo.vocabulary_country(self.article.text)  # nothing placed
                self.resident = self.home if dominant == self.home else None
                coding = CodingContext(home=self.home, on=self.article.published)
                coded = [e.model_copy(update={"code": code_entity(e, coding)}) for e in records]
                self.entities = [_resident(e, self.resident) for e in coded]
        return self.entities


@dataclass(frozen=True)
class Stage:
    """A named stage: what it needs (other stages) and adds (Analysis fields)."""

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[AnalysisState], None]


def _entities(state: AnalysisState) -> None:
    state.graph = entity_graph(state.doc, dateline_end=state.dateline_end)
    if state.headline is not None:
        headline_mentions(state.graph, state.headline)


def _quotes(state: AnalysisState) -> None:
    assert state.graph is not None
    state.quote_spans = find_quotes(state.doc)
    state.speakers = [quote_speakers(state.doc, state.graph, s) for s in state.quote_spans]
    state.entity_records()  # sets the clusters' entity ids, speakers kept
    state.quotes = link_quotes(state.quote_spans, state.speakers)


def _times(state: AnalysisState) -> None:
    state.times = find_times(state.doc, state.article.published)


def _events(state: AnalysisState) -> None:
    assert state.graph is not None
    context = EventContext(
        doc=state.doc,
        graph=state.graph,
        entities={e.id: e for e in state.entity_records()},
        times=state.times,
        quotes=state.quotes,
        published=state.article.published,
        home_country=state.home,
        resident_country=state.resident,
        dateline_end=state.dateline_end,
        lex=coding_lexicon(),
    )
    state.events = find_events(context)


STAGES: tuple[Stage, ...] = (
    Stage("entities", (), ("entities",), _entities),
    Stage("quotes", ("entities",), ("quotes",), _quotes),
    Stage("times", (), ("times",), _times),
    Stage("events", ("entities", "quotes", "times"), ("events",), _events),
)
"""Every stage, in the order they run."""

_BY_NAME = {stage.name: stage for stage in STAGES}


def resolve_stages(names: Collection[str] | None = None) -> tuple[Stage, ...]:
    """The stages to run for ``names`` (None: all), with what they need, in
    running order. An unknown name is a NewsgraphError naming the known ones."""
    if names is None:
        return STAGES
    wanted = {n.strip().lower() for n in names if n.strip()}
    unknown = sorted(wanted - set(_BY_NAME))
    if unknown:
        known = ", ".join(s.name for s in STAGES)
        raise NewsgraphError(f"unknown stage {', '.join(unknown)!s}: the stages are {known}")
    todo = list(wanted)
    while todo:
        for need in _BY_NAME[todo.pop()].needs:
            if need not in wanted:
                wanted.add(need)
                todo.append(need)
    return tuple(s for s in STAGES if s.name in wanted)


def analyze_doc(
    article: Article,
    doc: Doc,
    headline: Doc | None = None,
    *,
    stages: Collection[str] | None = None,
) -> Analysis:
    """The analysis document of an article whose text ``doc`` parses (and
    whose headline ``headline`` parses, if given), by the named stages."""
    state = AnalysisState(article=article, doc=doc, headline=headline)
    chosen = resolve_stages(stages)
    with knowledge.document_countries(_text_countries(article, doc)):
        for stage in chosen:
            stage.run(state)
        records = state.entity_records() if state.graph is not None else []
    hidden = {e.id for e in records if e.attributes.get(HIDDEN)}
    return Analysis(
        article=article,
        entities=[e for e in records if e.id not in hidden],
        quotes=state.quotes,
        times=state.times,
        events=[_unlinked(event, hidden) for event in state.events] if hidden else state.events,
    )


def _text_countries(article: Article, doc: Doc) -> list[str]:
    """The countries a document is about, most present first, to read the
    party and body names several countries share ("the Liberals"): the
    dateline's and the outlet's, then the countries, nationalities, cities
    and office holders the text names; failing all of them, the country
    whose political words it uses."""
    named: Counter[str] = Counter()
    for ent in doc.ents:
        iso = None
        if ent.label_ in {"GPE", "NORP"}:
            iso = geo.country_code(ent.text) or geo.demonym_country(ent.text)
            if iso is None and ent.label_ == "GPE":
                iso = geo.city_country(ent.text)  # "London", "Ottawa"
        elif ent.label_ == "PERSON" and (person := knowledge.person(ent.text)):
            iso = person.country  # "Tony Blair": the office holders of the tables
        if iso:
            named[iso] += 1
    first = home_country(article) if article.dateline or article.outlet else None
    found = [c for c in [first] + [iso for iso, _ in named.most_common()] if c]
    if not found:  # nothing placed: "MPs", "select committee"
        found = [c for c in [geo.vocabulary_country(article.text)] if c]
    return list(dict.fromkeys(found))


def _unlinked(event: Event, hidden: set[str]) -> Event:
    """An event whose actors and place point only at listed entities."""

    def actor(found: Actor) -> Actor:
        return found.model_copy(update={"entity": None}) if found.entity in hidden else found

    return event.model_copy(
        update={
            "source": actor(event.source),
            "target": actor(event.target),
            "sources": [actor(a) for a in event.sources],
            "targets": [actor(a) for a in event.targets],
            "place_entity": None if event.place_entity in hidden else event.place_entity,
        }
    )


def _seat(entity: Entity) -> Entity:
    """A place that is a national institution's seat ("Westminster",
    "Whitehall", "the Kremlin": ``data/institutions.yaml``) is in that
    institution's country, whatever town abroad shares its name (the city
    list's guess is replaced; a qualifier in the text, "Westminster, Colo.",
    still wins when the place is located)."""
    if entity.type not in {"GPE", "FAC", "LOC"}:
        return entity
    country = country_of_code(body_code(entity.name))
    if country is None or geo.country(country) is None:
        return entity  # a region or body code ("EUR", "IGO") or none
    return entity.model_copy(update={"attributes": {**entity.attributes, "country": country}})


def _resident(entity: Entity, home: str | None) -> Entity:
    """The country of a person or body, where the text gives none: the
    country of its affiliation's code ("Liberal Democrat Alan Beith" ->
    GBROPP: GBR); else, in an article whose home country its places confirm,
    that country ("Mr Beith" in a British paper's story of British politics),
    its code too. ``country_source`` says which."""
    if entity.type not in {"PERSON", "ORG"} or entity.attributes.get("country"):
        return entity
    own = country_of_code(entity.code)
    if own and geo.country(own) is not None:
        attributes = {**entity.attributes, "country": own, "country_source": "affiliation"}
        return entity.model_copy(update={"attributes": attributes})
    code = resident_code(entity, home)
    if code == entity.code or home is None:
        return entity
    attributes = {**entity.attributes, "country": home, "country_source": "home"}
    return entity.model_copy(update={"code": code, "attributes": attributes})


def home_country(article: Article, entities: Sequence[Entity] = ()) -> str | None:
    """The document's home country, for home institutions ("the government",
    "police", "the Treasury Department"): the dateline's ("TEHRAN, Iran" ->
    IRN), else the outlet's (outlets.yaml), else the one country that holds at
    least half of the article's located mentions and twice the next one's;
    else, when nothing in the text is placed at all, the country whose
    political words it uses ("MPs", "select committee": ``political_vocabulary``
    in countries.yaml); else None (then such actors get their sector only)."""
    if article.dateline:
        for part in reversed(article.dateline.split(",")):
            code = place_code(part.strip())
            if code and len(code) == 3:
                return code
    if article.outlet and (country := outlet_country(article.outlet)):
        return country
    found = dominant_country(entities)
    if found is None and not any(_placed(e) for e in entities):
        found = geo.vocabulary_country(article.text)  # "MPs said", no place named at all
    return found


def _placed(entity: Entity) -> bool:
    """Whether the text gives ``entity`` a country (a place, a nationality)."""
    return bool(entity.attributes.get("country") or entity.attributes.get("nationality"))


def dominant_country(entities: Sequence[Entity]) -> str | None:
    """The one country that holds at least half of the article's located
    mentions (places, nationalities, and the parties, bodies and people
    placed, the office holders of the tables among them, the bodies whose
    name says their country: "U.S. Securities and Exchange Commission",
    "New York State Attorney General", "the FBI") and twice the next one's;
    companies and the press cited ("Reuters") are left out; failing that,
    the one country that so holds the mentions of the people and bodies
    alone (a British story about Iraq: the Iraq places are what it talks of,
    the British people and bodies who act); else None."""
    counts: Counter[str] = Counter()
    actors: Counter[str] = Counter()  # people and bodies only: who acts, not what is talked of
    for entity in entities:
        if entity.type in {"FAC", "LOC"}:
            continue  # "the Dome", "Europe": landmarks and regions the gazetteer may misplace
        if entity.type == "ORG" and (known := knowledge.organisation(entity.name)):
            if known.kind == "company":
                continue  # "SoftBank", "Boeing": multinationals are news everywhere
        if entity.type == "ORG" and known_outlet(entity.name):
            continue  # "Reuters", "Bloomberg News": the press cited, not who acts
        iso = entity.attributes.get("country") or entity.attributes.get("nationality")
        if entity.type == "ORG" and not iso:
            found = knowledge.organisation(entity.name)
            # "the FBI", "U.S. Securities and Exchange Commission", "New York State ..."
            iso = found.country if found else country_of_code(body_code(entity.name))
            iso = iso or named_country(entity.name)
        if entity.type == "PERSON" and not iso:  # office holders of the table: "Gordon Brown"
            person = knowledge.person(entity.name)
            iso = person.country if person else None
        if isinstance(iso, str) and len(iso) == 3:
            counts[iso] += len(entity.mentions) or 1
            if entity.type in {"PERSON", "ORG"}:
                actors[iso] += len(entity.mentions) or 1
    return _clear_winner(counts) or _clear_winner(actors)


def _clear_winner(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    clear = count >= 2 and count * 2 >= sum(counts.values()) and count >= 2 * second
    return top if clear else None


PIECE = 20_000
"""Characters parsed at a time: a longer text (up to spaCy's ``max_length``
and beyond) is parsed in pieces cut at paragraph breaks and joined into one
Doc with the text's own offsets, so memory stays bounded and nothing is too
long to analyse."""

_BREAKS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back
    into it exactly: after a paragraph break where there is one in the second
    half of the piece, else after a line break, a full stop, a space; else
    anywhere. ``size`` defaults to ``PIECE``."""
    size = size or PIECE
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size
        for mark in _BREAKS:
            found = window.rfind(mark, size // 2)
            if found > 0:
                cut = found + len(mark)
                break
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def _texts(
    articles: Iterable[Article], limit: int
) -> Iterator[tuple[str, tuple[Article, str, int]]]:
    """Each article's text (in pieces when long: ``part``s then its ``body``
    marker), then its headline if it has one: all go through ``nlp.pipe``
    in the same batches."""
    for article in articles:
        if (
            not english(article) or len(article.text) > limit
        ):  # an empty placeholder keeps the order
            yield "", (article, "body", 0)
            continue
        parts = pieces(article.text)
        for part in parts[:-1]:
            yield part, (article, "part", 0)
        yield parts[-1], (article, "body", len(parts))
        if article.headline:
            yield article.headline, (article, "headline", 0)


def _char_limit() -> int:
    """The ``max_chars`` setting: the longest text analysed (its analysis
    would need more memory than a machine may have)."""
    try:
        return int(settings.get_number("max_chars", minimum=1))
    except settings.SettingError as exc:
        raise NewsgraphError(str(exc)) from None


def _too_long(article: Article, limit: int) -> InputError:
    return InputError(
        article.source or article.id,
        f"text of {len(article.text):,} characters, over the limit of {limit:,} for "
        f"analysis ({settings.SETTINGS['max_chars'].env})",
    )


def _parsed(
    nlp: Language, articles: Iterable[Article], batch_size: int, limit: int
) -> Iterator[tuple[Article, Doc, Doc | None]]:
    """Each article with its body's Doc (pieces joined) and its headline's
    (an empty Doc for an article not to be analysed)."""
    docs = nlp.pipe(_texts(articles, limit), as_tuples=True, batch_size=batch_size)
    parts: list[Doc] = []
    for doc, (article, kind, count) in docs:
        if kind == "part":
            parts.append(doc)
            continue
        if count > 1:
            doc = Doc.from_docs([*parts, doc], ensure_whitespace=False)
            parts = []
        wanted = english(article) and len(article.text) <= limit
        headline = next(docs)[0] if article.headline and wanted else None
        yield article, doc, headline


def analyze_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[Article, Exception], None] | None = None,
    stages: Collection[str] | None = None,
) -> Iterator[Analysis]:
    """Analyses of many articles, parsed in batches with ``nlp.pipe``.

    ``on_error``: called with an article whose analysis raised, which is then
    skipped (the rest go on); without it the error propagates. ``stages``:
    the stage names to run (default all; see ``STAGES``)."""
    nlp = nlp or load_pipeline()
    chosen = [s.name for s in resolve_stages(stages)]
    limit = _char_limit()
    for article, doc, headline in _parsed(nlp, articles, batch_size, limit):
        if len(article.text) > limit and english(article):
            if on_error is None:
                raise _too_long(article, limit)
            on_error(article, _too_long(article, limit))
            continue
        if not english(article):
            log.warning(
                "%s: language %s: stored, not analysed (the analysis reads English only)",
                article.source or article.id,
                article.language,
            )
            yield Analysis(article=article)
            continue
        try:
            analysis = analyze_doc(article, doc, headline, stages=chosen)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(article, exc)
            continue
        yield analysis


def english(article: Article) -> bool:
    """Whether the analysis stages may read the article: English, or too
    short for its language to be told."""
    return article.language in (None, "en")


def _as_article(item: str | Article, date: dt.date | None) -> Article:
    if isinstance(item, Article):
        if date and item.published is None:
            return item.model_copy(update={"published": date})
        return item
    looks_html = bool(_HTML.match(item))
    raw = RawDocument(
        source="<string>",
        format="html" if looks_html else "text",
        content=item,
        explicit=not looks_html,  # a string given as article text is analysed whatever its length
    )
    return build_article(raw, default_date=date)


def analyze(
    text_or_html: str | Article,
    *,
    date: dt.date | None = None,
    nlp: Language | None = None,
    stages: Collection[str] | None = None,
) -> Analysis:
    """The analysis of one article given as text, HTML or an ``Article``.

    ``date`` is the publication date for relative times ("last May") when the
    input gives none; ``stages`` the stages to run (default all). Raises
    NoArticleError when there is no article text.
    """
    [analysis] = list(analyze_many([text_or_html], date=date, nlp=nlp, stages=stages))
    return analysis


def analyze_many(
    items: Iterable[str | Article],
    *,
    date: dt.date | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    stages: Collection[str] | None = None,
) -> Iterator[Analysis]:
    """Analyses of many articles (text, HTML or ``Article``), lazily, in batches."""
    articles = (_as_article(item, date) for item in items)
    yield from analyze_articles(articles, nlp=nlp, batch_size=batch_size, stages=stages)
