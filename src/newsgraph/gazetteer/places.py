"""Place mentions resolved to a country and coordinates, offline.

Reads entity records (GPE, LOC and FAC entities, and their mentions' offsets
into the article text) and writes, for those that name a known place, the
attributes ``lat``, ``lon`` (null where the gazetteer has none), ``geonameid``
(when known), ``place_kind`` (country, city, state or region), ``place_name``
(the gazetteer's name: "Kīsh", "New York City") and ``country`` (ISO
alpha-3) where the entity has none yet. The gazetteer is ``gazetteer.geo``.

How a name is resolved (``resolve_place``); the first rule that applies wins:

1. "Washington state", "the state of Washington", or the qualifier "state":
   the US state (GeoNames has no coordinates for US states: lat/lon null).
2. An explicit qualifier, a country or a US state (by name, or by postal code,
   dotted or not: "Tripoli, Lebanon", "Portland, Maine", "Washington, D.C."):
   the place of that name in that country, or in that state (the GeoNames
   admin1 code of a US city is its state's code). If it has none, but the name
   alone resolves to a place in another country, the comma was a list ("in
   Vienna, Iran and Oman"): that place; otherwise nothing.
3. A country name ("Iran", "the U.S.", "Britain"): the country, at its
   centroid (countryinfo), else at its capital. Except a name that is also a
   US state ("Georgia") when the context puts the United States ahead of that
   country: then the state.
4. A continent ("Europe"): a region, with no country.
5. A same-named place in a context country, taking the countries in their
   order (Tripoli in an article about Lebanon is Tripoli, Lebanon; about
   Libya, Tripoli, Libya), unless a same-named place elsewhere is more than
   ten times as populous (Vienna in an article about the United States is
   still Vienna, Austria, not Vienna, Virginia). Within one country: its
   capital, then the most populous.
6. A national capital ("Washington" is Washington, D.C.).
7. The most populous.

Candidates for rules 5-7 are the cities so named in GeoNames ``cities15000``
(case, diacritics and a leading "the" ignored: "Kish" is "Kīsh"); failing
those, the cities that GeoNames gives the name as an alternate name ("Kiev",
"Bombay", "New York"; only cities of 50,000+ people carry theirs); and the US
state of that name, ranked as a place of a million people, so that "New York"
is the city and "Florida" the state (not Florida, Cuba).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsgraph.gazetteer import geo
from newsgraph.gazetteer.geo import PlaceKind, Site
from newsgraph.model import Entity

__all__ = ["LOCATED_TYPES", "Place", "article_context", "locate_entities", "resolve_place"]

LOCATED_TYPES = frozenset({"GPE", "LOC", "FAC"})
"""The entity types ``locate_entities`` looks up."""

STATE_RANK = 1_000_000
"""The population a US state counts for when candidates are ranked."""

DWARFED = 10
"""A context country's place loses to a same-named place this many times as populous."""

_STATE_OF = re.compile(r"(?:the\s+)?state\s+of\s+(?P<name>.+)", re.IGNORECASE)
_NAME_STATE = re.compile(r"(?P<name>.+?)\s+state", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+(?:the\s+)?$", re.IGNORECASE)  # "the state of |"
_STATE_AFTER = re.compile(r"\s+(?i:state)\b(?!\s+[A-Z])")  # "| state", not "| State Department"
_COMMA_WORDS = re.compile(r",\s*(?P<words>(?:the\s+)?[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: PlaceKind


def resolve_place(
    name: str, *, qualifier: str | None = None, context: Collection[str] = ()
) -> Place | None:
    """The place ``name`` stands for, by the rules in the module docstring.

    ``qualifier``: what the text attaches to the name ("Lebanon" in "Tripoli,
    Lebanon"; "state" in "Washington state"); a name given as "Tripoli,
    Lebanon" is split so. ``context``: ISO alpha-3 codes of the countries the
    article is about, most important first (``article_context``)."""
    name, qualifier = _split(name.strip(), qualifier)
    if not name:
        return None
    countries = list(dict.fromkeys(context))
    state = _state_phrase(name, qualifier)
    if state is not None:
        return _place(state)
    areas = _areas(qualifier) if qualifier else []
    site = _qualified(name, areas, countries) if areas else _unqualified(name, countries)
    return _place(site) if site else None


def locate_entities(
    entities: list[Entity], text: str, *, context: Sequence[str] = ()
) -> list[Entity]:
    """The entities, with the GPE, LOC and FAC ones that resolve to a place
    given its attributes (see the module docstring). Pure: located entities are
    new records.

    The qualifier of a name is read from ``text`` at its mentions: the words
    after a comma that name a country or US state ("Tripoli, Lebanon,"),
    "state" after it or "the state of" before it. An entity whose attributes
    say ``capital_metonymy`` (its capital stands for its government) is
    located at its capital. An entity that already has a ``country`` keeps it,
    and is located only at a place in that country. A FAC entity (a building,
    an airport) is located at a city only by the city's own name, not by a
    GeoNames alternate name (Casablanca's "White House")."""
    located: list[Entity] = []
    for entity in entities:
        place = _locate(entity, text, context) if entity.type in LOCATED_TYPES else None
        if place is None:
            located.append(entity)
            continue
        attributes = dict(entity.attributes)
        attributes.update(
            lat=place.lat, lon=place.lon, place_kind=place.kind, place_name=place.name
        )
        if place.geonameid is not None:
            attributes["geonameid"] = place.geonameid
        if place.country and (_qualifier(entity, text) or "country" not in attributes):
            attributes["country"] = place.country
        located.append(entity.model_copy(update={"attributes": attributes}))
    return located


def article_context(entities: Sequence[Entity]) -> list[str]:
    """The countries an article is about: ISO alpha-3 codes of its GPE
    entities (countries and cities alike), most mentioned first (ties: first
    named first)."""
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.type != "GPE":
            continue
        name = entity.name
        iso = entity.attributes.get("country") or geo.country_code(name)
        iso = iso or geo.capital_country(name)
        if iso:
            counts[iso] += len(entity.mentions) or 1
    return sorted(counts, key=lambda iso: -counts[iso])


def _place(site: Site) -> Place:
    return Place(site.name, site.country, site.lat, site.lon, site.geonameid, site.kind)


def _split(name: str, qualifier: str | None) -> tuple[str, str | None]:
    """ "Tripoli, Lebanon" -> ("Tripoli", "Lebanon"), when no qualifier is given."""
    head, comma, tail = name.partition(",")
    if qualifier is None and comma and _areas(tail.strip()):
        return head.strip(), tail.strip()
    return name, qualifier


def _state_phrase(name: str, qualifier: str | None) -> Site | None:
    if qualifier and qualifier.strip().casefold() == "state":
        return geo.us_state(name)
    match = _STATE_OF.fullmatch(name) or _NAME_STATE.fullmatch(name)
    return geo.us_state(match["name"]) if match else None


def _areas(qualifier: str) -> list[tuple[str, str | None]]:
    """What a qualifier names: (ISO alpha-3, admin1 code or None) for a US
    state and for a country ("Georgia" is both)."""
    areas: list[tuple[str, str | None]] = []
    state = geo.us_state(qualifier, codes=True)
    if state is not None and state.country:
        areas.append((state.country, state.admin1))
    iso = geo.country_code(qualifier)
    if iso:
        areas.append((iso, None))
    return areas


def _qualified(name: str, areas: list[tuple[str, str | None]], context: list[str]) -> Site | None:
    for iso, admin1 in areas:
        site = _within(name, iso, admin1)
        if site is not None:
            return site
    alone = _unqualified(name, context)  # "in Vienna, Iran and Oman": a list
    return alone if alone and alone.country not in {iso for iso, _ in areas} else None


def _within(name: str, iso: str, admin1: str | None = None) -> Site | None:
    """The place ``name`` in the country ``iso`` (and its admin1 area)."""
    if admin1 is None and geo.country_code(name) == iso:
        return geo.country_site(iso)
    candidates = [s for s in _candidates(name) if s.country == iso]
    if admin1 is not None:
        candidates = [s for s in candidates if s.admin1 == admin1 and s.kind == "city"]
    return _best(candidates) if candidates else None


def _unqualified(name: str, context: list[str]) -> Site | None:
    iso = geo.country_code(name)
    if iso and not (geo.us_state(name) and _ahead(context, "USA", iso)):
        site = geo.country_site(iso)
        if site is not None:
            return site
    region = geo.region_site(name)
    if region is not None:
        return region
    candidates = _candidates(name)
    if not candidates:
        return None
    largest = max(_size(s) for s in candidates)
    for code in context:
        local = [s for s in candidates if s.country == code]
        if local and _size(best := _best(local)) * DWARFED >= largest:
            return best
    capitals = [s for s in candidates if s.capital]
    return _best(capitals or candidates)


def _candidates(name: str) -> list[Site]:
    state = geo.us_state(name) or geo.subdivision_site(name)
    return [*geo.city_sites(name), *([state] if state else [])]


def _size(site: Site) -> int:
    return STATE_RANK if site.kind == "state" else site.population


def _best(sites: list[Site]) -> Site:
    return max(sites, key=lambda s: (s.capital, _size(s)))


def _ahead(context: list[str], first: str, second: str) -> bool:
    """Whether ``context`` has ``first``, and before ``second`` if at all."""
    if first not in context:
        return False
    return second not in context or context.index(first) < context.index(second)


def _locate(entity: Entity, text: str, context: Sequence[str]) -> Place | None:
    country = entity.attributes.get("country")
    if entity.attributes.get("capital_metonymy"):  # "Tehran said": the government, at home
        iso = country or geo.country_code(entity.name)
        capital = geo.capital_site(iso) if iso else None
        return _place(capital) if capital else None
    qualifier = _qualifier(entity, text)
    place = None
    for name in [entity.name, *entity.aliases]:
        place = resolve_place(name, qualifier=qualifier, context=context)
        if place is not None and entity.type == "FAC" and place.kind == "city":
            own = {s.geonameid for s in geo.city_sites(name, alternates=False)}
            place = place if place.geonameid in own else None  # "White House" is no Casablanca
        if place is not None:
            break
    if place is None or not country or place.country in {None, country} or qualifier:
        return place  # an explicit qualifier ("Tripoli, Lebanon") beats the entity stage
    site = _within(entity.name, country)  # the entity stage knew the country: trust it
    return _place(site) if site else None


def _qualifier(entity: Entity, text: str) -> str | None:
    """The qualifier the text gives one of the entity's mentions, if any."""
    for mention in entity.mentions:
        if mention.field != "text" or text[mention.start : mention.end] != mention.text:
            continue
        if _STATE_BEFORE.search(text, max(0, mention.start - 20), mention.start):
            return "state"
        after = text[mention.end : mention.end + 80]
        if _STATE_AFTER.match(after):
            return "state"
        match = _COMMA_WORDS.match(after)
        if match is None:
            continue
        words = match["words"].split()
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            for form in dict.fromkeys([candidate, candidate.rstrip(".")]):
                if _areas(form):
                    return form
    return None
