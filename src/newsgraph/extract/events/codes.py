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

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from newsgraph import data
from newsgraph.article.outlets import known_outlet, outlet_country
from newsgraph.extract import knowledge
from newsgraph.extract.events.community import active
from newsgraph.gazetteer import geo
from newsgraph.model import Entity

NO_COUNTRY = "---"
_COUNTRY_PREPS = frozenset({"from", "of", "in", "at", "throughout", "across"})


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


def _person_key(name: str) -> str:
    """A person's name folded for the office-holders table: "George W. Bush"
    and "George W Bush" are one key."""
    return _key(name).replace(".", "")


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
    people = {_person_key(name): code for name, code in table.items()}
    ambiguous = {_person_key(name) for name in common}
    surnames: dict[str, set[str]] = {}
    for name, code in table.items():
        surnames.setdefault(_person_key(name.split()[-1]), set()).add(code)
    for surname, found in surnames.items():
        if len(found) == 1 and surname not in people and surname not in ambiguous:
            people[surname] = next(iter(found))
    return people


def known_person(name: str) -> str | None:
    """The code of a well-known office holder named ``name`` ("Putin")."""
    return actor_table().people.get(_person_key(name))


def join(country: str | None, sector: str | None) -> str | None:
    """``IRN`` + ``JUD`` -> ``IRNJUD``; a sector alone -> ``---JUD``."""
    if country and sector and len(country) == 6 and not country.startswith(("IGO", "NGO")):
        country = country[:3]  # a body's code for the place: "MPs in the Commons chamber"
    return None if country is None and sector is None else (country or NO_COUNTRY) + (sector or "")


def country_of_code(code: str | None) -> str | None:
    """The country (or IGO / region) part of a code: ``IRNJUD`` -> ``IRN``."""
    if not code or code.startswith(NO_COUNTRY):
        return None
    return code[:3]


def body_code(name: str) -> str | None:
    """The code of a named body or region ("the Kremlin", "UNICEF", "Europe"),
    or of a national institution (``data/institutions.yaml``: "the Pentagon"
    -> USAMIL, "FSB" -> RUSSPY; matched as written, so "Diet" is Japan's
    parliament and "diet" is not)."""
    table = actor_table()
    key = _key(name)
    return (
        table.bodies.get(key) or table.regions.get(key) or institution_code(name) or _igo_code(name)
    )


def _bare(name: str) -> str:
    """A name without its leading "the" ("the G8" -> "G8")."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


def _igo_code(name: str) -> str | None:
    """The code of an intergovernmental body the organisations table knows
    ("the G8", "Group of Eight", "Asean"), which the actor table may not list."""
    found = knowledge.organisation(_bare(name))
    return found.code if found is not None and found.kind == "igo" and found.code else None


def institution_code(name: str) -> str | None:
    """The code of a national institution as written ("the Scottish
    Executive" -> GBRGOV), from ``data/institutions.yaml``."""
    return institutions().get(_bare(name))


@cache
def institutions() -> dict[str, str]:
    """Institution name as written -> country + sector (institutions.yaml)."""
    try:
        raw = data.load("institutions") or {}
    except FileNotFoundError:  # a data folder of the user's without it
        return {}
    return {
        " ".join(str(name).split()): f"{country}{sector}"
        for country, names in (raw.get("institutions") or {}).items()
        for name, sector in (names or {}).items()
    }


def place_code(name: str) -> str | None:
    """A country's code for a country, capital, city or nationality word, or
    a part of a country named by its direction ("South Lebanon", "northern
    Iraq"; "South Korea" is a country of its own, found first)."""
    found = (
        geo.country_code(name)
        or geo.demonym_country(name)
        or geo.capital_country(name)
        or body_code(name)
    )
    words = name.split(maxsplit=1)
    if found is None and len(words) == 2 and words[0].casefold() in _DIRECTIONS:
        found = geo.country_code(words[1])
    return found


_DIRECTIONS = frozenset(
    "south southern north northern east eastern west western central south-east south-west "
    "north-east north-west southeast southwest northeast northwest southeastern southwestern "
    "northeastern northwestern".split()
)


def noun_sector(words: str) -> str | None:
    """The sector of a head noun or short noun phrase ("officials",
    "foreign minister", "security forces"); the community dictionaries'
    agents, when given, fill in nouns the table lacks."""
    key = " ".join(words.casefold().split())
    found = actor_table().sectors.get(key)
    if found is None and (community := active()) is not None:
        found = community.agent_sector(key)
    return found


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


def _leads_party(words: list[str]) -> bool:
    """Whether a role is leading a party, not holding an office: "Lib Dem
    leader", "Tory leader" (words of the person's roles and titles)."""
    return ("leader" in words or "leaders" in words) and not {
        "minister",
        "secretary",
        "president",
        "premier",
        "chancellor",
        "majority",
        "house",
    } & set(words)


def _name_sector(name: str) -> str | None:
    words = actor_table().name_words
    for word in reversed(name.split()):
        if word in words:
            return words[word]
    return None


#: Sectors a role keeps in the document's home country when the text gives no
#: other: home institutions ("the chancellor", "MPs", "police"), not heads of
#: state or armies, which are as often foreign.
HOME_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "OPP", "PTY"})
#: Sectors of people who are, by default, of the document's home country: all
#: but the armed, whose stories are as often abroad.
_HOME_ROLES = HOME_SECTORS | frozenset("EDU MED LAB BUS REL HLH CVL HRI NGO ELI AGR ENV".split())
RESIDENT_SECTORS = _HOME_ROLES

#: Honours and peerages of the United Kingdom: evidence of a British person.
_BRITISH_HONOURS = frozenset("lord lady sir dame baroness baron viscount earl".split())
_FOREIGN_TITLES = frozenset(
    "president president-elect king queen emir sultan crown prince supreme leader general gen. "
    "ambassador envoy".split()
)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


@dataclass(frozen=True)
class CodingContext:
    """What coding an actor may use besides the entity: the document's home
    country (dateline, outlet or dominant country) and its date."""

    home: str | None = None
    on: dt.date | None = None


def party_code(party: knowledge.OrganisationFacts, on: dt.date | None) -> str | None:
    """A party's code: its country + GOV when it holds the head of government
    on the day ``on`` (office-holder table), + OPP when another party does,
    + PTY when the day or the government is unknown."""
    country = party.country
    if country is None:
        return party.code
    governing = knowledge.governing_parties(country, on) if on else None
    if governing is None:
        return country + "PTY"
    return country + ("GOV" if party.name in governing else "OPP")


def _organisation_in(text: str) -> tuple[str, str | None] | None:
    """The party, body or outlet named at the start of a role ("Liberal
    Democrat's shadow home secretary", "Kremlin", "BBC's correspondent"):
    (code, party name or None)."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    if words and words[0].casefold() in {"the", "a", "an"}:
        words = words[1:]
    for size in range(min(len(words), 5), 0, -1):
        name = _POSSESSIVE.sub("", " ".join(words[:size]))
        if not name[:1].isupper():
            continue
        found = knowledge.organisation(name)
        if found is not None and found.code:
            return found.code, found.name if found.kind == "party" else None
        code = body_code(name)
        if code:
            return code, None
        outlet = known_outlet(name)
        if outlet and outlet_country(outlet):
            return join(outlet_country(outlet), "MED") or "", None
    return None


def _person_party(
    entity: Entity, facts: knowledge.PersonFacts | None
) -> knowledge.OrganisationFacts | None:
    for text in [*entity.roles, *entity.titles, str(entity.attributes.get("organisation") or "")]:
        found = _organisation_in(text) if text else None
        if found and found[1]:
            return knowledge.organisation(found[1])
    if facts is not None and facts.party:
        return knowledge.organisation(facts.party)
    return None


def _person_code(entity: Entity, ctx: CodingContext) -> str | None:
    country = entity.attributes.get("country") or entity.attributes.get("nationality")
    words = " ".join([*entity.roles, *entity.titles]).casefold().split()
    sector = _role_sector(entity.roles) or _title_sector(entity.titles)
    if "shadow" in words:
        sector = "OPP"
    facts = knowledge.person(entity.name)
    if facts is not None and ctx.on is not None and sector != "OPP":
        term = knowledge.office_on(facts, ctx.on)
        if term is not None and term.country:  # in office that day
            return with_sector(term.country, sector or "GOV")
    known = known_person(entity.name)
    if known and ctx.on is None and (not country or known.startswith(country)):
        return known  # no date: the table's usual code ("Tony Blair" -> GBRGOV)
    place = str(entity.attributes.get("organisation") or "")
    where = geo.country_code(place) or geo.demonym_country(place) or geo.city_country(place)
    if not country and place and where:
        country = where  # "Bryansk Governor Alexander Bogomaz"
    owner = None
    for text in [str(entity.attributes.get("organisation") or ""), *entity.roles, *entity.titles]:
        owner = _organisation_in(text) if text else None
        if owner:
            break
    party = _person_party(entity, facts)
    if party is not None and party.country and (not country or country == party.country):
        status = party_code(party, ctx.on) or ""
        if sector == "OPP" or status.endswith("OPP"):
            return party.country + "OPP"
        if status.endswith("GOV"):
            return party.country + (sector if sector in {"GOV", "LEG"} else "GOV")
        if sector == "GOV" and _leads_party(words):
            sector = "PTY"  # "Lib Dem leader": the party's, in government or not
        return party.country + (sector or "PTY")
    if owner is not None and owner[0] and (not country or country == owner[0][:3]):
        code = owner[0]  # "Kremlin spokesman" -> RUSGOV, "BBC's correspondent" -> GBRMED
        if sector and sector not in {"GOV"} and not code.startswith(("IGO", "NGO")):
            return with_sector(code, sector)
        return code
    if known and (not country or entity.attributes.get("nationality_source") == "sentence"):
        return known  # the table knows better than a guess from the sentence
    if known and known.startswith(country or "") and sector is None:
        return known
    if not country and {t.casefold() for t in entity.titles} & _BRITISH_HONOURS:
        country = "GBR"  # "Lord Dubs", "Sir Menzies", "Lady Hale"
    if not country and sector in _HOME_ROLES and ctx.home and not _FOREIGN_TITLES & set(words):
        country = ctx.home  # "Constitutional Affairs Minister David Lammy" in a British paper
    return join(country, sector)


def with_sector(code: str, sector: str) -> str:
    """``RUSGOV`` + ``MIL`` -> ``RUSMIL``; an IGO or NGO code keeps its body;
    a company's, union's, paper's or party's officials are of it (``JPNBUS``
    + ``GOV`` -> ``JPNBUS``: "SoftBank officials" are not Japan's
    government; "a UKIP spokesman" is the opposition party's, ``GBROPP``)."""
    if sector == "GOV" and code[3:6] in _OWN_OFFICIALS:
        return code
    base = code if code.startswith(("IGO", "NGO")) else code[:3]
    return base + sector


_OWN_OFFICIALS = frozenset("BUS MED EDU LAB REL HLH CVL ENV AGR HRI OPP PTY".split())


def named_country(name: str) -> str | None:
    """A country a body's own name gives ("The British Government")."""
    unstanced = [w for w in name.split() if not re.match(r"(?i)(?:pro|anti|non)-", w)]
    words = [w for w in re.split(r"[\s-]+", " ".join(unstanced)) if w[:1].isupper()]
    for word in words:
        code = geo.demonym_country(word) or geo.country_code(word)
        if code:
            return code
    for size in (2, 1):  # "New York State Attorney General", "Texas Department of ..."
        first = " ".join(words[:size])
        if len(words) > size and not geo.country_code(first) and geo.us_state(first):
            return "USA"
    return None


def code_entity(entity: Entity, ctx: CodingContext | None = None) -> str | None:
    """The actor code of an entity, or None for what cannot act (most places,
    events, products) or what the text does not place. ``ctx`` gives the
    document's home country (for home institutions: "the Treasury
    Department", "police") and date (government or opposition)."""
    ctx = ctx or CodingContext()
    country = entity.attributes.get("country") or entity.attributes.get("nationality")
    community = active()
    if community is not None and entity.type in {"PERSON", "ORG", "GPE"}:
        found = community.actor_code([entity.name, *entity.aliases], ctx.on)
        own = code_entity_builtin(entity, ctx, country)
        if found is not None and (found[1] or not own or own.startswith(NO_COUNTRY)):
            code = found[0]  # a dated code of the dictionaries, or what the tables lack
            party = knowledge.organisation(entity.name)
            if (country and not code.startswith(country)) or (party and party.kind == "party"):
                return own  # the text, and parties' government/opposition, come first
            return code
        return own
    return code_entity_builtin(entity, ctx, country)


def code_entity_builtin(entity: Entity, ctx: CodingContext, country: str | None) -> str | None:
    """``code_entity`` from the built-in tables alone."""
    if entity.type in {"GPE", "NORP"}:
        known = body_code(entity.name)
        if known:
            return known
        iso = country or place_code(entity.name)
        if iso is None:
            return None
        return iso
    if entity.type == "ORG":
        known = body_code(entity.name) or geo.country_code(entity.name)
        if known:
            return known  # "the Kremlin"; "the Democratic People's Republic of Korea" as an ORG
        organisation = knowledge.organisation(entity.name)
        if organisation is not None and organisation.kind == "party":
            return party_code(organisation, ctx.on)  # "Conservative Party" -> GBROPP in 2005
        if organisation is not None and organisation.code:
            return organisation.code
        outlet = known_outlet(entity.name)
        if outlet:
            return join(country or outlet_country(outlet), "MED")
        sector = _name_sector(entity.name)
        if sector is None and re.search(r"\b(administration|government|regime)$", entity.name):
            sector = "GOV"
        country = named_country(entity.name) or country
        first = entity.name.split()[0] if entity.name.split() else ""
        if country is None and (led := known_person(first)):
            country = led[:3]  # "Obama administration"
        elif country is None and sector in HOME_SECTORS | {"MIL"}:
            country = ctx.home  # "the Treasury Department" in a Washington story
        return join(country, sector)
    if entity.type == "PERSON":
        return _person_code(entity, ctx)
    return None


# -- noun phrases ----------------------------------------------------------


def modifier_country(token: Token) -> str | None:
    """A country named by a modifier of the head ``token``: "Iranian court",
    "U.S. officials", "Russia's ambassador", "diplomats from Oman"."""
    for child in token.children:
        if stance_prefix(child):
            continue  # "an anti-Syria journalist", "pro-Russian separatists": not of that country
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < token.i:
            words = [t.text for t in child.subtree if not t.is_punct and t.dep_ != "case"]
            text = " ".join(words)
            code = place_code(text) or place_code(child.text)
            if code is None and child.dep_ == "compound" and child.pos_ == "PROPN":
                code = _city_modifier(text)  # "the Glasgow MP", "Kabul officials"
            if code:
                return code
        if child.dep_ == "prep" and child.lower_ in _COUNTRY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    code = _object_place(obj) or _named_place(obj)
                    if code is None and obj.i > token.i:
                        code = modifier_country(obj)  # "prosecutors at a Russian court"
                    if code:
                        return code
    if token.dep_ == "compound" and token.head.i > token.i:  # "a Hong Kong court ruling"
        for sibling in token.head.children:
            if sibling.dep_ == "compound" and sibling.i < token.i:
                text = " ".join(t.text for t in sibling.subtree if not t.is_punct)
                if code := place_code(text) or place_code(sibling.text):
                    return code
    return None


def _city_modifier(text: str) -> str | None:
    """The country of a city before a role ("the Glasgow MP"); not "the Blair government"."""
    if text.istitle() and knowledge.person(text, surname_alone=True) is None:
        return geo.city_country(text)
    return None


def _named_place(token: Token) -> str | None:
    """The country of a place named inside a phrase ("the ... city of Nablus")."""
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


def _object_place(obj: Token) -> str | None:
    """The country a preposition's object names ("southern Serbia", "Serbia")."""
    text = " ".join(t.text for t in obj.subtree if not t.is_punct)
    return place_code(text) or place_code(obj.text)


def place_of(token: Token) -> str | None:
    """The country of the place a people is said to be in or of ("Albanians
    of southern Serbia", "ethnic Turks in Bulgaria"), by a preposition."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _object_place(obj)
                    if found and len(found) == 3:
                        return found
    return None


def stance_prefix(token: Token) -> bool:
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text in {"-", "‐"}
        and doc[token.i - 2].lower_ in {"anti", "pro", "non"}
    )


def head_sector(token: Token) -> str | None:
    """The sector named by a head noun, with the word before it if the pair is
    known ("security forces", "foreign minister")."""
    for size in (3, 2):
        start = token.i - size + 1
        if start >= token.sent.start:
            words = " ".join(t.lower_ for t in token.doc[start : token.i + 1])
            if sector := noun_sector(words):
                return sector
    if token.lemma_.casefold() in _BODIES_IN_SINGULAR and token.lower_ != token.lemma_.casefold():
        return None  # "prosecutions were the government's first preference": acts
    return noun_sector(token.lower_) or noun_sector(token.lemma_)


_BODIES_IN_SINGULAR = frozenset({"prosecution", "opposition", "defence", "defense", "leadership"})
"""Nouns that name a body only in the singular ("the prosecution said")."""


def code_phrase(head: Token, default_country: str | None = None) -> str | None:
    """The code of the noun phrase headed by ``head`` when it can act: a sector
    from the head noun and a country from its modifiers (or
    ``default_country``, the article's, for home institutions: "prosecutors")."""
    sector = head_sector(head)
    country = modifier_country(head)
    if sector is None and country is None and head.lower_.endswith("s"):
        return geo.demonym_country(head.text)  # "ethnic Turks", "Gibraltarians": the people
    if sector is None:
        return country if country and head.pos_ in {"PROPN", "NOUN"} and head.ent_type_ else None
    if (
        country is None
        and (sector in _HOME_ROLES or (sector == "MIL" and not abroad(head, default_country)))
        and not _named_owner(head)
        and not (head.dep_ != "conj" and any(c.lower_ in _ELSEWHERE for c in head.children))
        and head.lower_ not in {"nations", "countries", "states", "governments"}  # "rich nations"
    ):
        country = default_country  # "prosecutors", "police": the home country's
    return join(country, sector)


#: Modifiers that say a role noun is not home's ("other countries"; not "foreign", also
#: a title; not after "and": "Mr Blair and other Cabinet ministers" are his colleagues).
_ELSEWHERE = frozenset({"other"})


def abroad(head: Token, home: str | None, skip: frozenset[int] = frozenset()) -> bool:
    """Whether ``head``'s sentence names a country not ``home`` (outside ``skip``)."""
    ents = [e for e in head.sent.ents if e.label_ in {"GPE", "NORP"} and e.root.i not in skip]
    return any(named_country(e.text) not in {None, home} for e in ents)


def _named_owner(head: Token) -> bool:
    """Whether an unplaced name modifies ``head`` ("the Taliban government"): not home's."""
    return any(
        c.dep_ in {"compound", "amod", "nmod", "poss"} and c.i < head.i and c.pos_ == "PROPN"
        for c in head.children
    )


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
