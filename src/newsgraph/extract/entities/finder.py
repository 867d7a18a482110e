"""The entities stage: the people, organisations and places of one article,
with coreference resolved, as an ``EntityGraph`` over the parse.

``entity_graph(doc)`` runs the steps of ``graph`` (names grouped), ``coref``
(appositions, roles, relations; role nouns and pronouns resolved) and the
countries; ``headline_mentions`` adds the headline's names to the entities
of the text."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.entities.canonical import drop_words, known_people
from newsgraph.extract.entities.coref import attach, introduced_by_description, resolve
from newsgraph.extract.entities.graph import (
    EntityGraph,
    assign_countries,
    find_cluster,
    group_names,
)
from newsgraph.extract.entities.mentions import name_mentions, nominal_mentions, pronoun_mentions

__all__ = ["entity_graph", "headline_mentions"]


def entity_graph(doc: Doc, *, dateline_end: int = 0) -> EntityGraph:
    """The entities of one parsed article, with coreference resolved. Names
    inside the dateline other than its place ("(AP)") are not entities."""
    graph = EntityGraph()
    names = group_names(doc, graph, skip=lambda m: m.start < dateline_end and m.label == "ORG")

    nominals = nominal_mentions(doc, names)
    attach(doc, graph, names, nominals)
    resolve(doc, graph, nominals, pronoun_mentions(doc))
    introduced_by_description(doc, graph)
    known_people(graph)
    assign_countries(doc, graph)
    drop_words(doc, graph)
    return graph


def headline_mentions(graph: EntityGraph, headline: Doc) -> None:
    """Names in the headline join the entities of the text (offsets into the
    headline, ``field="headline"``); a name the text never mentions is added."""
    for mention in name_mentions(headline):
        cluster = find_cluster(graph, mention)
        if cluster is None:
            continue
        cluster.headline_mentions.append(mention)
