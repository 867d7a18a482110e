"""World knowledge the stages consult when the text is silent: office
holders with their offices and dates (``data/people.yaml``) and the canonical
names and aliases of parties and bodies (``data/organisations.yaml``).

What the article says always comes first; this only fills gaps:

- ``person(name)``: a well-known person by full name (or by a surname that
  only one person of the table carries and that is not a common one) — their
  country, gender, party, offices;
- ``office_holders(office, country, on)``: who held an office ("prime
  minister" of GBR) on a date, or ever when the date is unknown;
- ``holds(person, office)``: whether the table knows the person in that
  office at any time (to tell that "the prime minister" in an article that
  names Blair is Blair);
- ``organisation(name)``: the canonical record of "Tories", "the Lib Dems",
  "EU".

Both files are read once per process; a user can extend them through
``NEWSGRAPH_DATA_DIR`` like every data file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph import data

__all__ = [
    "OfficeTerm",
    "OrganisationFacts",
    "PersonFacts",
    "governing_parties",
    "holds",
    "offices_called",
    "office_holders",
    "office_on",
    "organisation",
    "people_named",
    "person",
]


def key(name: str) -> str:
    """A name folded for lookups: accents, case, dots and a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.replace("’", "'"))
    text = re.sub(r"[.]", "", text)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


def _date(value: Any, end: bool = False) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        if end:
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(parts[0], parts[1], 1)
    return dt.date(*parts[:3])


@dataclass(frozen=True)
class OfficeTerm:
    office: str
    country: str | None
    start: dt.date | None
    end: dt.date | None  # None: still in office

    def on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PersonFacts:
    name: str
    country: str | None
    gender: str | None
    party: str | None
    offices: tuple[OfficeTerm, ...]


@dataclass(frozen=True)
class OrganisationFacts:
    name: str
    country: str | None
    kind: str | None
    code: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Tables:
    office_words: dict[str, list[str]]
    people: dict[str, PersonFacts]
    surnames: dict[str, PersonFacts]
    by_surname: dict[str, list[PersonFacts]]
    offices: dict[str, list[tuple[OfficeTerm, PersonFacts]]]
    organisations: dict[str, tuple[OrganisationFacts, ...]]  # an alias: each body it names


def _load(name: str) -> Any:
    try:
        return data.load(name) or {}
    except FileNotFoundError:  # a data folder of the user's without it
        return {}


@cache
def _tables() -> _Tables:
    people: dict[str, PersonFacts] = {}
    offices: dict[str, list[tuple[OfficeTerm, PersonFacts]]] = {}
    by_surname: dict[str, list[PersonFacts]] = {}
    for raw in _load("people").get("people") or []:
        terms = tuple(
            OfficeTerm(
                office=key(str(t["office"])),
                country=t.get("country"),
                start=_date(t.get("from")),
                end=_date(t.get("to"), end=True),
            )
            for t in raw.get("offices") or []
        )
        facts = PersonFacts(
            name=str(raw["name"]),
            country=raw.get("country"),
            gender=raw.get("gender"),
            party=raw.get("party"),
            offices=terms,
        )
        for name in [facts.name, *(raw.get("aliases") or [])]:
            people.setdefault(key(str(name)), facts)
        by_surname.setdefault(key(facts.name.split()[-1]), []).append(facts)
        for term in terms:
            offices.setdefault(term.office, []).append((term, facts))
    common = {key(str(s)) for s in _load("actors").get("common_surnames") or []}
    surnames = {
        surname: found[0]
        for surname, found in by_surname.items()
        if len({f.name for f in found}) == 1 and surname not in common
    }
    organisations: dict[str, tuple[OrganisationFacts, ...]] = {}
    for raw in _load("organisations").get("organisations") or []:
        facts_org = OrganisationFacts(
            name=str(raw["name"]),
            country=raw.get("country"),
            kind=raw.get("kind"),
            code=raw.get("code"),
            aliases=tuple(str(a) for a in raw.get("aliases") or []),
        )
        for name in [facts_org.name, *facts_org.aliases]:
            named = organisations.setdefault(key(name), ())
            if facts_org not in named:
                organisations[key(name)] = (*named, facts_org)
    office_words: dict[str, list[str]] = {}
    for office, words in (_load("people").get("office_aliases") or {}).items():
        for word in [office, *(words or [])]:
            found_offices = office_words.setdefault(key(str(word)), [])
            if key(str(office)) not in found_offices:
                found_offices.append(key(str(office)))
    return _Tables(office_words, people, surnames, by_surname, offices, organisations)


def person(name: str, *, surname_alone: bool = False) -> PersonFacts | None:
    """The person of the table named ``name`` (a full name; with
    ``surname_alone``, also a surname only one person of the table carries
    and that is not a common one)."""
    tables = _tables()
    found = tables.people.get(key(name))
    if found is None and surname_alone and len(name.split()) == 1:
        found = tables.surnames.get(key(name))
    return found


def people_named(surname: str) -> list[PersonFacts]:
    """Every person of the table with this surname (for the caller to choose
    among by what the article says: a party, a country)."""
    return list(_tables().by_surname.get(key(surname), []))


def office_holders(office: str, country: str | None, on: dt.date | None) -> list[PersonFacts]:
    """Who held ``office`` (of ``country``, when given) on the day ``on``;
    without a day, everyone who ever held it."""
    found: list[PersonFacts] = []
    for term, facts in _tables().offices.get(key(office), []):
        if country and term.country and term.country != country:
            continue
        if on is not None and not term.on(on):
            continue
        if facts not in found:
            found.append(facts)
    return found


def offices_called(words: str) -> list[str]:
    """The offices the press calls ``words`` ("the chancellor" -> chancellor of
    the exchequer, ...), and ``words`` itself."""
    found = list(_tables().office_words.get(key(words), []))
    return found if key(words) in found else [*found, key(words)]


def holds(facts: PersonFacts, office: str) -> bool:
    """Whether the table knows ``facts`` in ``office`` at any time."""
    wanted = key(office)
    return any(term.office == wanted for term in facts.offices)


#: The countries the document being analysed is about, most present first
#: (``document_countries``): they scope aliases several countries' bodies share.
_COUNTRIES: ContextVar[tuple[str, ...]] = ContextVar("newsgraph_countries", default=())


@contextmanager
def document_countries(countries: Sequence[str]) -> Iterator[None]:
    """Within the block, an alias several countries' bodies share ("the
    Liberals", "the Tories", "the Greens") names the body of the first of
    ``countries`` that has one, and none when none of them has one ("the
    Liberals" in a British story is not Canada's party)."""
    token = _COUNTRIES.set(tuple(countries))
    try:
        yield
    finally:
        _COUNTRIES.reset(token)


def organisation(name: str) -> OrganisationFacts | None:
    """The canonical record of a party or body named ``name`` (or an alias);
    an alias that several countries' bodies share is read in the countries
    of the document (``document_countries``), else as the table lists first."""
    found = _tables().organisations.get(key(name), ())
    if len(found) <= 1:
        return found[0] if found else None
    countries = _COUNTRIES.get()
    if not countries:
        return found[0]
    return next((f for c in countries for f in found if f.country == c), None)


#: The offices whose holders' parties govern: heads of government, else (in
#: presidential systems, where the table lists no head of government) the
#: president.
HEAD_OFFICES = ("prime minister", "chancellor", "premier")
_PARTY_OFFICE = re.compile(r"\b(?:shadow|leader of the|party|opposition|chair(?:man)?)\b")


def governing_parties(country: str, on: dt.date) -> frozenset[str] | None:
    """The parties (canonical names) of ``country``'s head of government or
    president on the day ``on``, from the office-holder table; None when the
    table knows no party-holding head of that country on that day (then
    nobody can tell government from opposition)."""
    return _governing(country, on)


@cache
def _governing(country: str, on: dt.date) -> frozenset[str] | None:
    for offices in (HEAD_OFFICES, ("president",)):
        found = {
            facts.party
            for office in offices
            for term, facts in _tables().offices.get(key(office), [])
            if term.country == country and term.on(on) and facts.party
        }
        if found:
            return frozenset(found)
    return None


def office_on(facts: PersonFacts, on: dt.date) -> OfficeTerm | None:
    """The government office ``facts`` held on the day ``on`` (the first
    listed), if any; party posts ("leader of the conservative party",
    "shadow chancellor") are not government offices."""
    return next((t for t in facts.offices if t.on(on) and not _PARTY_OFFICE.search(t.office)), None)
