"""Actor codes: who can act in an event, coded the CAMEO/PLOVER way.

A code is an ISO 3166 alpha-3 country plus an optional sector: ``USA``,
``IRNGOV``, ``IRNJUD``, ``RUSMIL``; ``---REB`` when the sector is known and the
country is not; ``IGO...`` for intergovernmental bodies; CAMEO region codes
(``EUR``, ``WST``) for regions. Knowledge lives in ``data/actors.yaml``
(sectors of head nouns, sectors of titles, named bodies, regions, sector words
in organisation names); countries come from ``gazetteer.geo``.

Two entry points:

- ``code_entity``: the code of an entity record (people by nationality and
  office, organisations by name or country and sector, countries and
  capitals used for governments, nationalities);
- ``code_phrase``: the code of a noun phrase that names no entity but can act
  ("an Iranian court", "diplomats from Oman", "Russian officials",
  "prosecutors"), from its head noun and the countries its modifiers name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from newsgraph import data
from newsgraph.article.outlets import known_outlet, outlet_country
from newsgraph.extract import knowledge
from newsgraph.gazetteer import geo
from newsgraph.model import Entity

NO_COUNTRY = "---"
_COUNTRY_PREPS = frozenset({"from", "of", "in"})


@dataclass(frozen=True)
class ActorTable:
    sectors: dict[str, str]  # lower-case head noun (1-3 words) -> sector
    offices: dict[str, str]  # title as written -> sector
    bodies: dict[str, str]  # casefolded name -> full code
    regions: dict[str, str]  # casefolded region word -> region code
    name_words: dict[str, str]  # word in an organisation's name -> sector
    people: dict[str, str]  # casefolded full name, or a surname only one holds -> code

    @property
    def region_codes(self) -> frozenset[str]:
        return frozenset(self.regions.values())


def _key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return " ".join(text.replace("’", "'").split()).casefold()


def _invert(table: dict[str, list[str]], key: Callable[[str], str] = str) -> dict[str, str]:
    return {key(word): sector for sector, words in table.items() for word in words}


@cache
def actor_table() -> ActorTable:
    raw = data.load("actors")
    return ActorTable(
        sectors=_invert(raw["sectors"], str.casefold),
        offices=_invert(raw["offices"]),
        bodies={_key(name): code for name, code in raw["bodies"].items()},
        regions={_key(name): code for name, code in raw["regions"].items()},
        name_words=_invert(raw["name_words"]),
        people=_people(raw.get("people") or {}, raw.get("common_surnames") or []),
    )


def _people(table: dict[str, str], common: list[str]) -> dict[str, str]:
    people = {_key(name): code for name, code in table.items()}
    ambiguous = {_key(name) for name in common}
    surnames: dict[str, set[str]] = {}
    for name, code in table.items():
        surnames.setdefault(_key(name.split()[-1]), set()).add(code)
    for surname, found in surnames.items():
        if len(found) == 1 and surname not in people and surname not in ambiguous:
            people[surname] = next(iter(found))
    return people


def known_person(name: str) -> str | None:
    """The code of a well-known office holder named ``name`` ("Putin")."""
    return actor_table().people.get(_key(name))


def join(country: str | None, sector: str | None) -> str | None:
    """``IRN`` + ``JUD`` -> ``IRNJUD``; a sector alone -> ``---JUD``."""
    if country is None and sector is None:
        return None
    return (country or NO_COUNTRY) + (sector or "")


def country_of_code(code: str | None) -> str | None:
    """The country (or IGO / region) part of a code: ``IRNJUD`` -> ``IRN``."""
    if not code or code.startswith(NO_COUNTRY):
        return None
    return code[:3]


def body_code(name: str) -> str | None:
    """The code of a named body or region ("the Kremlin", "UNICEF", "Europe")."""
    table = actor_table()
    key = _key(name)
    return table.bodies.get(key) or table.regions.get(key)


def place_code(name: str) -> str | None:
    """A country's code for a country, capital, city or nationality word."""
    return (
        geo.country_code(name)
        or geo.demonym_country(name)
        or geo.capital_country(name)
        or body_code(name)
    )


def noun_sector(words: str) -> str | None:
    """The sector of a head noun or short noun phrase ("officials",
    "foreign minister", "security forces")."""
    return actor_table().sectors.get(" ".join(words.casefold().split()))


def _title_sector(titles: list[str]) -> str | None:
    offices = actor_table().offices
    for title in titles:
        if title in offices:
            return offices[title]
        if title.title() in offices:
            return offices[title.title()]
    return None


def _role_sector(roles: list[str]) -> str | None:
    for role in roles:
        words = role.casefold().replace(",", " ").split()
        if words and words[0] in {"former", "ex", "late", "retired"}:
            continue
        cut = next((i for i, w in enumerate(words) if w in {"of", "to", "for", "at", "in"}), None)
        head = words[:cut] if cut is not None else words
        for size in (3, 2, 1):
            if len(head) >= size and (sector := noun_sector(" ".join(head[-size:]))):
                return sector
    return None


def _name_sector(name: str) -> str | None:
    words = actor_table().name_words
    for word in reversed(name.split()):
        if word in words:
            return words[word]
    return None


def code_entity(entity: Entity) -> str | None:
    """The actor code of an entity, or None for what cannot act (most places,
    events, products) or what the text does not place."""
    country = entity.attributes.get("country") or entity.attributes.get("nationality")
    if entity.type in {"GPE", "NORP"}:
        known = body_code(entity.name)
        if known:
            return known
        iso = country or place_code(entity.name)
        if iso is None:
            return None
        return iso
    if entity.type == "ORG":
        known = body_code(entity.name)
        if known:
            return known
        organisation = knowledge.organisation(entity.name)
        if organisation is not None and organisation.code:
            return organisation.code  # "Conservative Party" -> GBRPTY
        outlet = known_outlet(entity.name)
        if outlet:
            return join(country or outlet_country(outlet), "MED")
        sector = _name_sector(entity.name)
        if sector is None and re.search(r"\b(administration|government|regime)$", entity.name):
            sector = "GOV"
        return join(country, sector)
    if entity.type == "PERSON":
        sector = _role_sector(entity.roles) or _title_sector(entity.titles)
        known = known_person(entity.name)
        if known and (not country or entity.attributes.get("nationality_source") == "sentence"):
            return known  # the table knows better than a guess from the sentence
        if known and known.startswith(country or "") and sector is None:
            return known
        return join(country, sector)
    return None


# -- noun phrases ----------------------------------------------------------


def _modifier_country(token: Token) -> str | None:
    """A country named by a modifier of the head ``token``: "Iranian court",
    "U.S. officials", "Russia's ambassador", "diplomats from Oman"."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < token.i:
            words = [t.text for t in child.subtree if not t.is_punct and t.dep_ != "case"]
            text = " ".join(words)
            code = place_code(text) or place_code(child.text)
            if code:
                return code
        if child.dep_ == "prep" and child.lower_ in _COUNTRY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    text = " ".join(t.text for t in obj.subtree if not t.is_punct)
                    code = place_code(text) or place_code(obj.text) or _named_place(obj)
                    if code:
                        return code
    return None


def _named_place(token: Token) -> str | None:
    """The country of a place named inside a phrase ("the northern West Bank
    city of Nablus")."""
    for ent in token.doc.ents:
        if (
            ent.label_ == "GPE"
            and token.left_edge.i <= ent.start
            and ent.end <= token.right_edge.i + 1
        ):
            code = place_code(ent.text) or geo.city_country(ent.text)
            if code:
                return code
    return None


def head_sector(token: Token) -> str | None:
    """The sector named by a head noun, with the word before it if the pair is
    known ("security forces", "foreign minister")."""
    for size in (3, 2):
        start = token.i - size + 1
        if start >= token.sent.start:
            words = " ".join(t.lower_ for t in token.doc[start : token.i + 1])
            if sector := noun_sector(words):
                return sector
    return noun_sector(token.lower_) or noun_sector(token.lemma_)


def code_phrase(head: Token, default_country: str | None = None) -> str | None:
    """The code of the noun phrase headed by ``head`` when it can act: a sector
    from the head noun and a country from its modifiers (or
    ``default_country``, the article's, for home institutions: "prosecutors")."""
    sector = head_sector(head)
    country = _modifier_country(head)
    if sector is None:
        return country if country and head.pos_ in {"PROPN", "NOUN"} and head.ent_type_ else None
    return join(country or default_country, sector)


def phrase_text(head: Token) -> str:
    """The words of a noun phrase up to its head and its "from/of X" modifier
    ("an Iranian court", "diplomats from Oman"), without relative clauses."""
    keep = [head]
    for child in head.children:
        if child.i < head.i and child.dep_ not in {"punct", "cc"}:
            keep.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _COUNTRY_PREPS:
            keep.extend(child.subtree)
    tokens = sorted(set(keep), key=lambda t: t.i)
    span: Span = head.doc[tokens[0].i : tokens[-1].i + 1]
    return span.text
