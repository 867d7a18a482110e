"""The entities stage: names grouped into the people, organisations and places
of one article, coreference resolved, countries assigned.

``mentions`` finds names, role nouns and pronouns; ``graph`` groups them into
clusters and makes ``Entity`` records; ``coref`` attaches appositions, roles,
relations and resolves role nouns and pronouns; ``finder`` runs them in order."""

from newsgraph.extract.entities.finder import entity_graph, headline_mentions
from newsgraph.extract.entities.graph import Cluster, EntityGraph, to_records

__all__ = ["Cluster", "EntityGraph", "entity_graph", "headline_mentions", "to_records"]
