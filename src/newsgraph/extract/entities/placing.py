"""Where a body or person is placed by its own phrase: a place's possessive
("Hong Kong's Hang Seng Index"), "in" a place right after a body's name
("Eastgate Asset Management in Singapore"), and for a person the body an
apposition says he works at ("Priya Nair, a strategist at Eastgate ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:  # graph imports this module
    from newsgraph.extract.entities.graph import Cluster, EntityGraph

__all__ = ["body_place", "employer_country"]


def employer_country(doc: Doc, graph: EntityGraph, cluster: Cluster) -> str | None:
    """The country of the body a person's apposition, or what he "is" or
    "was", says he works at or for, when the text placed that body or it is
    a national institution ("Priya Nair, a strategist at Eastgate Asset
    Management in Singapore"; "Professor Etzioni was a senior adviser to
    President Carter's White House")."""
    for mention in cluster.mentions:
        if mention.kind != "name":
            continue
        root = doc[mention.token_end - 1]
        roles = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            roles += [c for c in root.head.children if c.dep_ == "attr"]
        for role in roles:
            for prep in (c for c in role.children if c.dep_ == "prep"):
                if prep.lower_ not in {"at", "for", "with", "of", "to"}:
                    continue
                for body in (c for c in prep.children if c.dep_ == "pobj"):
                    if iso := _body_country(graph, body):
                        return iso
    return None


def _body_country(graph: EntityGraph, word: Token) -> str | None:
    """The country of the body named at ``word``: placed by the text, or a
    national institution of ``data/institutions.yaml`` ("the White House")."""
    from newsgraph.extract.events.codes import body_code, country_of_code  # events import us

    for other in graph.clusters_at(word.idx, word.idx + len(word.text)):
        if other.label != "ORG":
            continue
        iso = other.attributes.get("country") or country_of_code(body_code(other.name))
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
            for other in graph.clusters_at(place.idx, place.idx + len(place.text)):
                iso = other.attributes.get("country") if other.label == "GPE" else None
                if isinstance(iso, str) and len(iso) == 3:
                    return iso
    return None
