"""The analysis: one spaCy parse per article, our stages over it.

``analyze`` takes text, HTML or an Article; ``analyze_articles`` streams many
articles through ``nlp.pipe`` in batches. The pipeline is loaded once per
process (``extract.pipeline``); nothing is loaded at import time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.article import build_article
from newsgraph.article.dateline import find_dateline
from newsgraph.extract.actors import code_entity, place_code
from newsgraph.extract.coref import attach, resolve
from newsgraph.extract.entities import (
    Cluster,
    EntityGraph,
    assign_countries,
    find_cluster,
    group_names,
    to_records,
)
from newsgraph.extract.events import Context as EventContext
from newsgraph.extract.events import find_events
from newsgraph.extract.mentions import lexicon, name_mentions, nominal_mentions, pronoun_mentions
from newsgraph.extract.pipeline import load_pipeline
from newsgraph.extract.places import article_context, locate_entities
from newsgraph.extract.quotes import QuoteSpan, find_quotes
from newsgraph.extract.times import find_times
from newsgraph.model import Analysis, Article, Entity, Quote, RawDocument

BATCH_SIZE = 16
_HTML = re.compile(r"\s*<(?:!doctype|html|head|body|article|div|p)\b", re.IGNORECASE)


def entity_graph(doc: Doc, *, dateline_end: int = 0) -> EntityGraph:
    """The entities of one parsed article, with coreference resolved. Names
    inside the dateline other than its place ("(AP)") are not entities."""
    graph = EntityGraph()
    names = group_names(doc, graph, skip=lambda m: m.start < dateline_end and m.label == "ORG")
    nominals = nominal_mentions(doc, names)
    attach(doc, graph, names, nominals)
    resolve(doc, graph, nominals, pronoun_mentions(doc))
    assign_countries(doc, graph)
    return graph


def _headline_mentions(graph: EntityGraph, headline: Doc) -> None:
    """Names in the headline join the entities of the text (offsets into the
    headline, ``field="headline"``); a name the text never mentions is added."""
    for mention in name_mentions(headline):
        cluster = find_cluster(graph, mention)
        if cluster is None:
            continue
        cluster.headline_mentions.append(mention)


_SPEAKER_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}


def _speakers(doc: Doc, graph: EntityGraph, span: QuoteSpan) -> list[Cluster]:
    """The entities that spoke a quote: the one the speaker mention refers to;
    for "they", the people named in the sentence before."""
    if span.speaker_start is None or span.speaker_end is None:
        return []
    speaker = doc.char_span(span.speaker_start, span.speaker_end, alignment_mode="expand")
    head = speaker.root if speaker is not None else None
    found = [
        c
        for c in graph.clusters_at(span.speaker_start, span.speaker_end)
        if c.label in _SPEAKER_ORDER
        and (head is None or any(m.start <= head.idx < m.end for m in c.mentions))
    ]
    if found:
        return [min(found, key=lambda c: _SPEAKER_ORDER[c.label])]
    words = (span.speaker_text or "").split()
    if len(words) == 2 and words[0].casefold() in {"the", "this"}:  # "the ministry said"
        noun = words[1].casefold()
        bodies = [
            c
            for c in graph.clusters
            if c.label == "ORG"
            and c.name.split()[-1].casefold() == noun
            and any(m.start < span.speaker_start for m in c.mentions)
        ]
        start = span.speaker_start
        if (
            not bodies and noun in lexicon().organisation_nouns
        ):  # "The SEC sued. The agency said ..."
            bodies = [
                c
                for c in graph.clusters
                if c.label == "ORG" and any(start - 600 < m.start < start for m in c.mentions)
            ]
        if bodies:
            return [max(bodies, key=lambda c: max(m.start for m in c.mentions if m.start < start))]
    if (span.speaker_text or "").casefold() not in {"they", "them"}:
        return []
    if speaker is None or speaker.sent.start == 0:
        return []
    previous = doc[speaker.sent.start - 1].sent
    return [
        c
        for c in graph.people()
        if c.named and any(previous.start_char <= m.start < previous.end_char for m in c.mentions)
    ]


def link_quotes(spans: list[QuoteSpan], speakers_of: list[list[Cluster]]) -> list[Quote]:
    """Quote records with their speakers resolved to entities (whose records
    must have been made, so that ``entity_id`` is set)."""
    quotes: list[Quote] = []
    for number, (span, speakers) in enumerate(zip(spans, speakers_of, strict=True), 1):
        quotes.append(
            Quote(
                id=f"q{number}",
                text=span.text,
                kind=span.kind,
                speaker=speakers[0].entity_id if speakers else None,
                speaker_name=(
                    " and ".join(c.name for c in speakers) if speakers else span.speaker_text
                ),
                speakers=[c.entity_id for c in speakers],
                start=span.start,
                end=span.end,
                cue=span.cue,
                parts=[(a, b) for a, b in span.parts],
            )
        )
    return quotes


def analyze_doc(article: Article, doc: Doc, headline: Doc | None = None) -> Analysis:
    """The analysis document of an article whose text ``doc`` parses (and
    whose headline ``headline`` parses, if given)."""
    graph = entity_graph(doc, dateline_end=_dateline_end(article))
    if headline is not None:
        _headline_mentions(graph, headline)
    spans = find_quotes(doc)
    speakers = [_speakers(doc, graph, span) for span in spans]
    speaking = {id(c) for found in speakers for c in found}
    records = to_records(graph, keep=speaking)
    records = locate_entities(records, article.text, context=article_context(records))
    entities: list[Entity] = [e.model_copy(update={"code": code_entity(e)}) for e in records]
    quotes = link_quotes(spans, speakers)
    times = find_times(doc, article.published)
    context = EventContext(
        doc=doc,
        graph=graph,
        entities={e.id: e for e in entities},
        times=times,
        quotes=quotes,
        published=article.published,
        home_country=_home_country(article),
        dateline_end=_dateline_end(article),
    )
    return Analysis(
        article=article,
        entities=entities,
        quotes=quotes,
        times=times,
        events=find_events(context),
    )


def _home_country(article: Article) -> str | None:
    """The country of the dateline ("TEHRAN, Iran" -> IRN), if there is one."""
    if not article.dateline:
        return None
    for part in reversed(article.dateline.split(",")):
        code = place_code(part.strip())
        if code and len(code) == 3:
            return code
    return None


def _dateline_end(article: Article) -> int:
    """Where the dateline ends in the text ("WASHINGTON (AP) — "), else 0."""
    found = find_dateline(article.paragraphs[0]) if article.paragraphs else None
    return found.end if found else 0


def analyze_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Analysis]:
    """Analyses of many articles, parsed in batches with ``nlp.pipe``.

    ``on_error``: called with an article whose analysis raised, which is then
    skipped (the rest go on); without it the error propagates."""
    nlp = nlp or load_pipeline()
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        try:
            headline = nlp(article.headline) if article.headline else None
            analysis = analyze_doc(article, doc, headline)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(article, exc)
            continue
        yield analysis


def _as_article(item: str | Article, date: dt.date | None) -> Article:
    if isinstance(item, Article):
        if date and item.published is None:
            return item.model_copy(update={"published": date})
        return item
    looks_html = bool(_HTML.match(item))
    raw = RawDocument(source="<string>", format="html" if looks_html else "text", content=item)
    return build_article(raw, default_date=date)


def analyze(
    text_or_html: str | Article, *, date: dt.date | None = None, nlp: Language | None = None
) -> Analysis:
    """The analysis of one article given as text, HTML or an ``Article``.

    ``date`` is the publication date for relative times ("last May") when the
    input gives none. Raises NoArticleError when there is no article text.
    """
    [analysis] = list(analyze_many([text_or_html], date=date, nlp=nlp))
    return analysis


def analyze_many(
    items: Iterable[str | Article],
    *,
    date: dt.date | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Analysis]:
    """Analyses of many articles (text, HTML or ``Article``), lazily, in batches."""
    articles = (_as_article(item, date) for item in items)
    yield from analyze_articles(articles, nlp=nlp, batch_size=batch_size)
