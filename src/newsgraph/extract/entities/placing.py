"""Where a body or person is placed by its own phrase: a place's possessive
("Hong Kong's Hang Seng Index"), "in" a place right after a body's name
("Eastgate Asset Management in Singapore"), and for a person the body an
apposition says he works at ("Priya Nair, a strategist at Eastgate ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:  # graph imports this module
    from newsgraph.extract.entities.graph import Cluster, EntityGraph

__all__ = ["body_place", "employer_country"]


def employer_country(doc: Doc, graph: EntityGraph, cluster: Cluster) -> str | None:
    """The country of the body a person's apposition says he works at or
    for, when the text placed that body ("Priya Nair, a strategist at
    Eastgate Asset Management in Singapore")."""
    for mention in cluster.mentions:
        if mention.kind != "name":
            continue
        root = doc[mention.token_end - 1]
        for role in (c for c in root.children if c.dep_ == "appos"):
            for prep in (c for c in role.children if c.dep_ == "prep"):
                if prep.lower_ not in {"at", "for", "with", "of"}:
                    continue
                for body in (c for c in prep.children if c.dep_ == "pobj"):
                    for other in graph.clusters_at(body.idx, body.idx + len(body.text)):
                        iso = other.attributes.get("country") if other.label == "ORG" else None
                        if isinstance(iso, str) and len(iso) == 3:
                            return iso
    return None


def body_place(doc: Doc, graph: EntityGraph, cluster: Cluster) -> str | None:
    """The country of a body its own phrase places: a place's possessive
    ("Hong Kong's Hang Seng Index") or "in" a place right after its name
    ("a strategist at Eastgate Asset Management in Singapore", "a charity
    based in Kenya")."""
    for mention in cluster.mentions:
        if mention.kind != "name":
            continue
        root = doc[mention.token_end - 1]
        places = [c for c in root.children if c.dep_ == "poss" and c.i < mention.token_start]
        after = doc[mention.token_end : mention.token_end + 3]
        if len(after) > 1 and after[0].lower_ == "in" and after[0].head.i == root.i:
            places.append(after[1])
        if len(after) > 2 and after[0].lower_ == "based" and after[1].lower_ == "in":
            places.append(after[2])
        for place in places:
            for other in graph.clusters_at(doc[place.i].idx, doc[place.i].idx + len(place.text)):
                iso = other.attributes.get("country") if other.label == "GPE" else None
                if isinstance(iso, str) and len(iso) == 3:
                    return iso
    return None
