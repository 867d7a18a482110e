"""Entities as a knowledge base wants them: people with a country only from
evidence attached to them, and no entity that is only a word. (Parties and
bodies get their canonical names from ``data/organisations.yaml`` when the
names are grouped: ``graph.cluster_key``.)

- ``known_people``: a person the text gives no nationality gets the one the
  office-holder table (``data/people.yaml``) gives for the full name, and
  the table's gender where the text gives none;
- ``drop_words``: clusters that are not entities go — role nouns and titles
  on their own ("Minister", "MEP", "Chancellor"), and one-word names that the
  article also writes in lower case ("Budget" ... "the budget"); nationality
  words used as adjectives ("British", "Democrat" in "Democrat senator") are
  marked ``HIDDEN``: the events stage still reads whose "Ukrainian drones"
  are, but they are attributes, not entities of the analysis.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.extract import knowledge
from newsgraph.extract.entities.graph import Cluster, EntityGraph, name_words
from newsgraph.extract.entities.mentions import lexicon
from newsgraph.gazetteer import geo

__all__ = ["HIDDEN", "drop_words", "known_people"]

HIDDEN = "hidden"
"""The attribute that marks a cluster the stages use but the analysis does not list."""

_ADJECTIVAL = frozenset({"amod", "compound", "nmod", "poss"})


def known_people(graph: EntityGraph) -> None:
    """Country and gender from the office-holder table for people whose full
    name it knows and whose text gives none; a surname the article never
    expands ("Mr Blair") becomes the full name when only one person of the
    table, and no common name, carries it and the article names that
    person's country or party (the surname stays an alias)."""
    full_names = {c.name for c in graph.people() if len(name_words(c.name)) > 1}
    context = _article_context(graph)
    for cluster in graph.people():
        if not cluster.named:
            continue
        alone = len(name_words(cluster.name)) == 1
        facts = knowledge.person(cluster.name, surname_alone=alone)
        if facts and alone and cluster.gender and facts.gender not in {None, cluster.gender}:
            facts = None  # "Mr Prentis" is not Victoria Prentis
        if facts and alone and not _held(facts, cluster.titles):
            facts = None  # "President Carter" is not Ash Carter, who never was
        if facts is not None and alone and not {facts.country, facts.party} & context:
            facts = None  # "Kennedy" in a story with nothing of Charles Kennedy's Britain
        if facts is None and alone:
            facts = _one_in_context(cluster, context)
        if facts is None or (alone and facts.name in full_names):
            continue
        if alone:
            cluster.name = facts.name
        if facts.country and "nationality" not in cluster.attributes:
            cluster.attributes["nationality"] = facts.country
            cluster.attributes["nationality_source"] = "knowledge"
            cluster.attributes.setdefault("country", facts.country)
        cluster.gender = cluster.gender or facts.gender


#: Head-of-state and government titles, and the words of the table's offices
#: that hold each ("King Abdullah": the table's monarch).
_OFFICE_TITLES = {
    "president": ("president",),
    "prime minister": ("prime minister", "premier"),
    "premier": ("premier", "prime minister"),
    "chancellor": ("chancellor",),
    "king": ("king", "monarch"),
    "queen": ("queen", "monarch"),
}


def _held(facts: knowledge.PersonFacts, titles: list[str]) -> bool:
    """Whether the person of the table held every head-of-state or
    government office the article's titles give him."""
    offices = " | ".join(term.office for term in facts.offices)
    return all(
        any(word in offices for word in _OFFICE_TITLES[t.casefold()])
        for t in titles
        if t.casefold() in _OFFICE_TITLES
    )


def _article_context(graph: EntityGraph) -> set[str]:
    """The parties, bodies and countries the article names (canonical names
    and ISO codes), to tell namesakes of the office-holder table apart."""
    found: set[str] = set()
    for cluster in graph.clusters:
        if cluster.label == "ORG":
            found.add(cluster.name)
        country = cluster.attributes.get("country")
        if cluster.label == "NORP":
            country = country or geo.demonym_country(cluster.name)
        if cluster.label in {"GPE", "NORP", "ORG"} and isinstance(country, str):
            found.add(country)
    return found


def _one_in_context(cluster: Cluster, context: set[str]) -> knowledge.PersonFacts | None:
    """The one person of the table with this surname whose party the article
    names ("Mr Howard" beside the Conservatives), of the cluster's gender."""
    candidates = [
        f
        for f in knowledge.people_named(cluster.name)
        if cluster.gender in {None, f.gender} and f.party and f.party in context
    ]
    return candidates[0] if len(candidates) == 1 else None


def _adjective_only(doc: Doc, cluster: Cluster) -> bool:
    """Every mention of the cluster modifies a noun ("British ministers")."""
    names = [m for m in cluster.mentions if m.kind == "name"]
    if not names:
        return False
    for mention in names:
        root = doc[mention.token_end - 1]
        if root.dep_ not in _ADJECTIVAL and root.pos_ != "ADJ":
            return False
    return True


_BODY_WORDS = frozenset(
    {"senate", "house", "congress", "commons", "lords", "treasury", "pentagon", "kremlin", "state"}
)  # words of titles that also name a body on their own ("the Senate", "the Treasury")


def _role_word(name: str, titled: bool = False) -> bool:
    """ "Minister", "MEP", "Chancellor", "A spokesman": a title or role noun;
    for a name without a title of its own ("Mr"), also one word of a title
    ("Shadow", "State" of "Secretary of State")."""
    text = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    words = tuple(text.casefold().split())
    if not words:
        return True
    lex = lexicon()
    if text.casefold() in lex.not_names:
        return True
    titles = {tuple(w.casefold().rstrip(".") for w in t) for t in lex.titles}
    bodies = lex.government_bodies | lex.organisation_nouns | _BODY_WORDS
    title_words = {w for t in titles for w in t} - bodies
    return (
        words in titles
        or (len(words) == 1 and words[0] in lex.person_nouns)
        or (len(words) == 1 and not titled and words[0] in title_words)
        or (len(words) == 1 and words[0].rstrip("s") in {"mp", "mep", "msp", "am"})
    )


def _written_lower(doc: Doc, cluster: Cluster) -> bool:
    """A one-word name the article also writes in lower case ("Budget")."""
    words = cluster.name.split()
    if len(words) != 1 or not words[0].isalpha() or words[0].isupper():
        return False
    lower = words[0].lower()
    return any(t.text == lower for t in doc)


def drop_words(doc: Doc, graph: EntityGraph) -> None:
    """Remove the clusters that are words, not entities (module docstring)."""
    for cluster in list(graph.clusters):
        gone = False
        if cluster.label == "NORP":
            if _adjective_only(doc, cluster) or geo.demonym_country(cluster.name):
                cluster.attributes[HIDDEN] = True
        elif cluster.label in {"PERSON", "ORG", "PRODUCT"} and cluster.named:
            gone = _role_word(cluster.name, titled=bool(cluster.titles)) or (
                cluster.label == "ORG" and _written_lower(doc, cluster)
            )
        elif cluster.label in {"GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}:
            gone = (
                _written_lower(doc, cluster) or cluster.name.casefold() in lexicon().not_names
            ) and not geo.country_code(cluster.name)
        if gone:
            graph.remove(cluster)
