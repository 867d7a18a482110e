"""Quote speakers linked to entities: the speaker mention that ``find_quotes``
found ("he", "the ministry", "they", a name) resolved to the entity it refers
to in the article's ``EntityGraph``, and the ``Quote`` records made from them."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.entities.graph import Cluster, EntityGraph
from newsgraph.extract.entities.mentions import lexicon
from newsgraph.extract.quotes.finder import QuoteSpan
from newsgraph.model import Quote

__all__ = ["link_quotes", "quote_speakers"]


_SPEAKER_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}


def quote_speakers(doc: Doc, graph: EntityGraph, span: QuoteSpan) -> list[Cluster]:
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
