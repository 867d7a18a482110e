"""Entities: mentions grouped into the people, organisations and places of one article.

Stage contract (spaCy style): reads ``doc.ents``, sentences and the
dependency parse of the article's ``Doc``; writes ``Entity`` records whose
mentions point into ``article.text``. Steps:

1. names (``mentions.name_mentions``), grouped: a person's later surname joins
   the full name ("Taraghi" -> Hamidreza Taraghi; with two Namazis, the one
   mentioned last); places by country ("U.S.", "the United States"); others by
   normalised name and acronym;
2. appositions, ages, roles, relations and nationality (``coref.attach``);
3. role nouns and pronouns resolved to people (``coref.resolve``);
4. a country for every entity where one follows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc

from newsgraph.extract import knowledge
from newsgraph.extract.entities.mentions import (
    TextMention,
    first_name_gender,
    lexicon,
    name_mentions,
)
from newsgraph.extract.entities.placing import body_place, employer_country
from newsgraph.gazetteer import geo
from newsgraph.gazetteer.places import resolve_place
from newsgraph.model import Entity
from newsgraph.model import Mention as MentionRecord

_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


_NAMED_AFTER = re.compile(r"^[A-Z][\w'’-]+ (administration|government|campaign|cabinet|regime)$")


@dataclass
class Cluster:
    """An entity while it is being built."""

    key: str
    label: str
    name: str
    mentions: list[TextMention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    named: bool = True
    gender: str | None = None
    headline_mentions: list[TextMention] = field(default_factory=list)
    entity_id: str = ""

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def add(self, mention: TextMention) -> None:
        if not any(m.start == mention.start and m.end == mention.end for m in self.mentions):
            self.mentions.append(mention)

    def absorb(self, other: Cluster) -> None:
        for mention in other.mentions:
            self.add(mention)
        for title in other.titles:
            _append(self.titles, title)
        for role in other.roles:
            _append(self.roles, role)
        for key, value in other.attributes.items():
            self.attributes.setdefault(key, value)
        self.gender = self.gender or other.gender


def _append(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def name_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’.-]+", text) if w.casefold() not in _NAME_SUFFIXES]


def _org_key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return "org:" + " ".join(text.replace("’", "'").split()).casefold()


def _initials(name: str) -> str:
    return "".join(
        w[0]
        for w in name.split()
        if w[:1].isupper() and w.casefold() not in {"of", "the", "and", "for"}
    )


class EntityGraph:
    """The clusters of one article and the mention -> cluster links."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.owner: dict[tuple[int, int], list[Cluster]] = {}

    def link(self, mention: TextMention, cluster: Cluster) -> None:
        cluster.add(mention)
        owners = self.owner.setdefault((mention.start, mention.end), [])
        if cluster not in owners:
            owners.append(cluster)

    def new(self, key: str, label: str, name: str, mention: TextMention | None = None) -> Cluster:
        cluster = Cluster(key=key, label=label, name=name)
        self.clusters.append(cluster)
        self.by_key[key] = cluster
        if mention is not None:
            self.link(mention, cluster)
        return cluster

    def merge(self, keep: Cluster, gone: Cluster) -> None:
        if keep is gone:
            return
        keep.absorb(gone)
        for owners in self.owner.values():
            if gone in owners:
                owners.remove(gone)
                if keep not in owners:
                    owners.append(keep)
        self.clusters.remove(gone)
        for key, cluster in list(self.by_key.items()):
            if cluster is gone:
                self.by_key[key] = keep

    def remove(self, gone: Cluster) -> None:
        """Take a cluster out of the graph: it is not an entity."""
        if gone in self.clusters:
            self.clusters.remove(gone)
        for owners in self.owner.values():
            if gone in owners:
                owners.remove(gone)
        for key, cluster in list(self.by_key.items()):
            if cluster is gone:
                del self.by_key[key]

    def clusters_at(self, start: int, end: int) -> list[Cluster]:
        """Clusters with a mention overlapping [start, end), the tightest first."""
        hits = [
            (span, owners)
            for span, owners in self.owner.items()
            if span[0] < end and start < span[1]
        ]
        hits.sort(key=lambda h: h[0][1] - h[0][0])
        found: list[Cluster] = []
        for _, owners in hits:
            for cluster in owners:
                if cluster not in found:
                    found.append(cluster)
        return found

    def people(self) -> list[Cluster]:
        return [c for c in self.clusters if c.label == "PERSON"]


def guess_gender(name: str, titles: list[str]) -> str | None:
    """ "male"/"female" from a title (Mr., Ms.) or a common first name, else None."""
    for title in titles:
        if title in lexicon().title_genders:
            return lexicon().title_genders[title]
    words = name_words(name)
    if len(words) < 2:
        return None
    return first_name_gender(words[0])


def _person_cluster(graph: EntityGraph, mention: TextMention) -> Cluster:
    words = name_words(mention.text)
    candidates = []
    for cluster in graph.people():
        if not cluster.named:
            continue
        known = name_words(cluster.name)
        if words == known or (
            len(words) < len(known) and words[-1:] == known[-1:] and set(words) <= set(known)
        ):
            candidates.append(cluster)
        elif len(words) == len(known) == 3 and words[0] == known[0] and words[-1] == known[-1]:
            candidates.append(cluster)
    if not candidates:
        return graph.new(
            f"person:{mention.text.casefold()}:{mention.start}", "PERSON", mention.text
        )
    before = [
        (max((m.start for m in c.mentions if m.start < mention.start), default=-1), c)
        for c in candidates
    ]
    return max(before, key=lambda pair: pair[0])[1]


def cluster_key(mention: TextMention) -> str:
    """The grouping key of a non-person name: its country, or its normalised name."""
    if mention.label in {"GPE", "LOC", "FAC"}:
        iso = geo.country_code(mention.text)
        if iso and geo.country(iso):
            return f"country:{iso}"
        return "place:" + re.sub(r"^the\s+", "", mention.text, flags=re.IGNORECASE).casefold()
    if mention.label == "ORG":
        known = knowledge.organisation(mention.text)
        return f"org:{knowledge.key(known.name)}" if known else _org_key(mention.text)
    return f"{mention.label}:{mention.text.casefold()}"


def _place_cluster(graph: EntityGraph, mention: TextMention) -> Cluster:
    key = cluster_key(mention)
    if key in graph.by_key:
        return graph.by_key[key]
    if key.startswith("country:"):
        iso = key.removeprefix("country:")
        country = geo.country(iso)
        cluster = graph.new(key, "GPE", country.name if country else mention.text)
        cluster.attributes["country"] = iso
        return cluster
    return graph.new(key, mention.label, re.sub(r"^the\s+", "", mention.text, flags=re.IGNORECASE))


def _short_form_of(graph: EntityGraph, text: str) -> Cluster | None:
    """The organisation a one-word name shortens ("Baltica" for "Baltica Air")."""
    if " " in text:
        return None
    for cluster in graph.clusters:
        words = cluster.name.split()
        if cluster.label in {"ORG", "FAC", "PRODUCT"} and len(words) > 1 and words[0] == text:
            cluster.label = "ORG"  # a name used for an organisation ("Baltica Air" ... "Baltica")
            return cluster
    return None


def _org_short_forms(names: list[TextMention]) -> None:
    """A one-word name that begins an organisation's name is that organisation,
    whatever the model called it ("Nordair" as a person after "Nordair Group")."""
    heads = {
        m.text.split()[0]
        for m in names
        if m.label in {"ORG", "FAC", "PRODUCT"}
        and len(m.text.split()) > 1
        and not m.text.startswith("The ")
    }
    surnames = {m.text.split()[-1] for m in names if m.label == "PERSON" and " " in m.text}
    for mention in names:
        word = mention.text
        if " " not in word and word in heads and word not in surnames:
            if mention.label in {"PERSON", "PRODUCT", "NORP"} and not (
                geo.country_code(word) or geo.demonym_country(word) or geo.city_country(word)
            ):
                mention.label = "ORG"


_FOLDED_LABELS = frozenset({"ORG", "NORP", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})


def _known_organisations(doc: Doc, names: list[TextMention]) -> None:
    """A name ``data/organisations.yaml`` knows ("Tories", "the Lib Dems",
    "EU") is that organisation, whatever the model called it; a country's
    name never is. The words just before count ("Liberal" + "Democrat" is
    the Liberal Democrats, not the US Democratic Party)."""
    for mention in names:
        for back in (2, 1):
            start = mention.token_start - back
            if start < 0 or not all(
                t.is_title and not t.is_stop for t in doc[start : mention.token_start]
            ):
                continue
            longer = doc[start : mention.token_end]
            if knowledge.organisation(longer.text) is not None:
                mention.start, mention.token_start, mention.text = (
                    longer.start_char,
                    start,
                    longer.text,
                )
                break
        if mention.label not in _FOLDED_LABELS or mention.label == "ORG":
            continue
        if mention.label in {"GPE", "LOC"} and geo.country_code(mention.text):
            continue
        if knowledge.organisation(mention.text) is not None:
            mention.label = "ORG"


def _other_cluster(graph: EntityGraph, mention: TextMention) -> Cluster:
    key = cluster_key(mention)
    if mention.label == "NORP":
        return graph.by_key.get(key) or graph.new(key, "NORP", mention.text)
    if key in graph.by_key:
        return graph.by_key[key]
    long = graph.by_key.get(cluster_key(replace(mention, text=mention.expands, expands="")))
    if long is not None:  # "(QCA)" after "the Qualifications and Curriculum Authority"
        graph.by_key[key] = long
        return long
    short = _short_form_of(graph, mention.text)
    if short is not None:  # "Varma" after "Varma Industries"
        graph.by_key[key] = short
        return short
    bare = mention.text.replace(".", "")
    if mention.label == "ORG" and bare.isupper() and 2 <= len(bare) <= 6:
        for cluster in graph.clusters:  # "U.N." / "UN" for "United Nations"
            if cluster.label == "ORG" and _initials(cluster.name) == bare:
                graph.by_key[key] = cluster
                return cluster
    name = mention.text if mention.text[:4] == "The " else re.sub(r"^the\s+", "", mention.text)
    known = knowledge.organisation(mention.text) if mention.label == "ORG" else None
    cluster = graph.new(key, mention.label, known.name if known else name)
    if known is not None and known.country:
        cluster.attributes["country"] = known.country
    for other in list(graph.clusters):  # an acronym seen before the full name
        bare_other = other.name.replace(".", "")
        if (
            other is not cluster
            and other.label == "ORG"
            and bare_other.isupper()
            and _initials(name) == bare_other
        ):
            graph.merge(cluster, other)
    return cluster


def find_cluster(graph: EntityGraph, mention: TextMention) -> Cluster | None:
    """The existing cluster a name from elsewhere (a headline) refers to."""
    if mention.label == "PERSON":
        words = name_words(mention.text)
        for cluster in graph.people():
            known = name_words(cluster.name)
            if cluster.named and words and (words == known or words[-1:] == known[-1:]):
                return cluster
        return None
    return graph.by_key.get(cluster_key(mention))


def group_names(
    doc: Doc, graph: EntityGraph, skip: Callable[[TextMention], bool] | None = None
) -> list[TextMention]:
    """Group the names of ``doc`` into clusters; returns the name mentions
    (less those ``skip`` refuses)."""
    names = [m for m in name_mentions(doc) if not (skip and skip(m))]
    _org_short_forms(names)
    _known_organisations(doc, names)
    people = sorted(
        (m for m in names if m.label == "PERSON"), key=lambda m: (-len(name_words(m.text)), m.start)
    )
    for mention in people:
        if mention.relation and len(name_words(mention.text)) == 1:
            continue  # "his son Siamak": named after his relative is known
        cluster = _person_cluster(graph, mention)
        graph.link(mention, cluster)
        for title in mention.titles:
            _append(cluster.titles, title)
        cluster.gender = cluster.gender or guess_gender(mention.text, mention.titles)
    for mention in names:
        if mention.label == "PERSON":
            continue
        if mention.label in {"GPE", "LOC", "FAC"}:
            graph.link(mention, _place_cluster(graph, mention))
        else:
            graph.link(mention, _other_cluster(graph, mention))
    return names


def _is_government_body(name: str) -> bool:
    words = name.casefold().split()
    bodies = lexicon().government_bodies
    return any(w in bodies for w in words) or "air force" in name.casefold()


def _sentence_countries(doc: Doc, graph: EntityGraph, cluster: Cluster) -> set[str]:
    """Countries named in the sentences where ``cluster`` is named."""
    found: set[str] = set()
    for mention in cluster.mentions:
        if mention.kind != "name":
            continue
        sent = doc[mention.token_start].sent
        for other in graph.clusters_at(sent.start_char, sent.end_char):
            if other is cluster or other.label not in {"GPE", "NORP"}:
                continue
            iso = other.attributes.get("country")
            inside = any(sent.start_char <= m.start < sent.end_char for m in other.mentions)
            if iso and inside and (other.label == "NORP" or geo.country_code(other.name)):
                found.add(iso)
    return found


def _described_place_country(doc: Doc, cluster: Cluster) -> str | None:
    """ "the island of Kish ... an island off Iran's south coast": the country in
    a phrase headed by the same place noun, in the place's sentence."""
    for mention in cluster.mentions:
        if not mention.head:
            continue
        sent = doc[mention.token_start].sent
        for token in sent:
            if token.lemma_.lower() != mention.head or token.i in range(
                mention.token_start - 2, mention.token_end
            ):
                continue
            for child in token.subtree:
                iso = geo.country_code(child.text) if child.ent_type_ == "GPE" else None
                if iso:
                    return iso
    return None


def _others_nationalities(doc: Doc, graph: EntityGraph, cluster: Cluster) -> set[str]:
    """Countries that modify another person's name in the sentences where
    ``cluster`` is named ("met Chinese President Xi Jinping": China is Xi's,
    not the visitor's)."""
    found: set[str] = set()
    sentences = {doc[m.token_start].sent.start for m in cluster.mentions if m.kind == "name"}
    for other in graph.people():
        if other is cluster:
            continue
        for mention in other.mentions:
            if mention.kind != "name" or doc[mention.token_start].sent.start not in sentences:
                continue
            root = doc[mention.token_end - 1]
            for word in doc[root.left_edge.i : mention.token_start]:
                iso = geo.demonym_country(word.text) if word.text[:1].isupper() else None
                if iso:
                    found.add(iso)
    return found


_ACTED_ON_PREPS = frozenset({"to", "in", "at", "with", "against", "on", "into"})


def _acted_on(doc: Doc, cluster: Cluster) -> set[str]:
    """Countries a person's own clause acts on ("Macron visited Algeria",
    "met leaders in Iran"): they are not the person's nationality."""
    found: set[str] = set()
    for mention in cluster.mentions:
        if mention.kind != "name":
            continue
        token = doc[mention.token_end - 1]
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        for child in token.head.children:
            if child.dep_ in {"dobj", "obj", "dative"} or (
                child.dep_ == "prep" and child.lower_ in _ACTED_ON_PREPS
            ):
                for word in child.subtree:
                    iso = geo.country_code(word.text) or geo.demonym_country(word.text)
                    if iso and word.ent_type_ in {"GPE", "NORP"}:
                        found.add(iso)
    return found


def assign_countries(doc: Doc, graph: EntityGraph) -> None:
    """A country for each entity where one follows from the text: places by
    gazetteer (or, failing that, the one country their sentence names), people
    by nationality (a demonym, an apposition; for office holders the one
    country their sentence names), government bodies by the article's main
    country, "the X administration" by X's country."""
    counts: Counter[str] = Counter()
    for cluster in graph.clusters:
        if cluster.label == "GPE" and "country" in cluster.attributes:
            counts[cluster.attributes["country"]] += len(cluster.mentions)
        if cluster.label == "NORP" and (iso := geo.demonym_country(cluster.name)):
            cluster.attributes["country"] = iso
            counts[iso] += len(cluster.mentions)
    context = [iso for iso, _ in counts.most_common()]
    for cluster in graph.clusters:
        if cluster.label == "GPE" and (iso := geo.demonym_country(cluster.name)):
            cluster.label = "NORP"  # "Ukrainian drones" tagged as a place
            cluster.attributes.setdefault("country", iso)
        if cluster.label in {"GPE", "LOC", "FAC"} and "country" not in cluster.attributes:
            place = resolve_place(cluster.name, context=context)
            iso = place.country if place else None
            iso = iso or _described_place_country(doc, cluster)
            if iso is None and len(nearby := _sentence_countries(doc, graph, cluster)) == 1:
                iso = next(iter(nearby))
                cluster.attributes["country_source"] = "sentence"
            if iso:
                cluster.attributes["country"] = iso
    for cluster in graph.people():  # only what is attached to the person: no nearby country
        if "nationality" in cluster.attributes:
            cluster.attributes.setdefault("country", cluster.attributes["nationality"])
    located: Counter[str] = Counter()  # every place now has its country: count them all
    for cluster in graph.clusters:
        if cluster.label in {"GPE", "NORP"} and "country" in cluster.attributes:
            located[cluster.attributes["country"]] += len(cluster.mentions)
    dominant = located.most_common(1)[0][0] if located else None
    people = {name_words(c.name)[-1]: c for c in graph.people() if c.named and c.name}
    for cluster in graph.clusters:
        if cluster.label != "ORG" or "country" in cluster.attributes:
            continue
        if iso := body_place(doc, graph, cluster):  # "Eastgate Asset Management in Singapore"
            cluster.attributes["country"] = iso
            cluster.attributes["country_source"] = "text"
            continue
        known = knowledge.organisation(cluster.name)
        if known is not None and known.kind == "igo":
            continue  # "the European Parliament": no one country's
        first = cluster.name.split()[0] if cluster.name else ""
        named = [geo.demonym_country(w) or geo.country_code(w) for w in cluster.name.split()]
        if any(named) and _is_government_body(cluster.name):  # "the British Government"
            cluster.attributes["country"] = next(c for c in named if c)
        elif first in people and _is_government_body(cluster.name):  # "Trump administration"
            iso = people[first].attributes.get("country")
            if iso:
                cluster.attributes["country"] = iso
        elif (
            dominant and _is_government_body(cluster.name) and not _NAMED_AFTER.match(cluster.name)
        ):
            cluster.attributes["country"] = dominant
            cluster.attributes["country_source"] = "article"
    for cluster in graph.people():
        if "country" not in cluster.attributes and (iso := employer_country(doc, graph, cluster)):
            cluster.attributes["country"] = iso
            cluster.attributes["country_source"] = "employer"


def to_records(graph: EntityGraph, keep: set[int] | None = None) -> list[Entity]:
    """Entity records, numbered in order of first mention; each cluster's
    ``entity_id`` is set to its record's id. People never named ("a senior
    adviser") are left out unless ``keep`` holds them (by ``id()``: they spoke)."""
    records: list[Entity] = []
    kept = [c for c in graph.clusters if c.named or id(c) in (keep or set())]
    ordered = sorted(kept, key=lambda c: c.first)
    for number, cluster in enumerate(ordered, 1):
        cluster.entity_id = f"e{number}"
        mentions = sorted(cluster.mentions, key=lambda m: m.start)
        if cluster.name.isupper():  # "TEHRAN" from a dateline: a mention in normal case names it
            better = [m.text for m in mentions if m.kind == "name" and not m.text.isupper()]
            if better:
                cluster.name = re.sub(r"^the\s+", "", better[0])
            elif cluster.label in {"GPE", "LOC", "FAC"} and len(cluster.name) > 3:
                cluster.name = cluster.name.title()  # "WASHINGTON" from a dateline
        aliases: list[str] = []
        for m in [*cluster.headline_mentions, *mentions]:
            if m.kind == "name" and m.text != cluster.name:
                _append(aliases, m.text)
        attributes = dict(cluster.attributes)
        if not cluster.named:
            attributes["named"] = False
        records.append(
            Entity(
                id=f"e{number}",
                name=cluster.name,
                type=cluster.label,
                aliases=aliases,
                mentions=[
                    *(
                        MentionRecord(text=m.text, start=m.start, end=m.end, field="headline")
                        for m in cluster.headline_mentions
                    ),
                    *(MentionRecord(text=m.text, start=m.start, end=m.end) for m in mentions),
                ],
                titles=cluster.titles,
                roles=cluster.roles,
                attributes=attributes,
            )
        )
    return records
