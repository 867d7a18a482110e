"""The actor knowledge in the shipped data files holds together: national
institutions (institutions.yaml), role nouns (actors.yaml ``sectors``) and the
bodies, armed groups, IGOs and NGOs of organisations.yaml. These tests read
the real files, not fixtures, so a bad edit to the data fails them."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import pytest
import yaml

from newsgraph.extract.knowledge import key as fold
from newsgraph.gazetteer import geo

#: CAMEO agent codes newsgraph uses for sectors (CAMEO codebook 1.1b3).
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY SPY REB INS MED EDU BUS CVL REF HLH LAB REL ELI "
    "NGO IGO ENV AGR CRM UAF SEP HRI MOD RAD".split()
)
#: Sectors an armed group's code may carry after its country.
ARMED_SECTORS = frozenset({"REB", "INS", "SEP", "UAF", "CRM", "MIL", "RAD"})
ORGANISATION_FIELDS = ("name", "country", "kind", "code", "aliases")
KINDS = frozenset({"party", "igo", "ngo", "government_body", "media", "company", "armed_group"})


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with the same key twice (PyYAML
    keeps the last one silently)."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        item = loader.construct_object(key_node, deep=deep)
        if item in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {item!r}", key_node.start_mark
            )
        seen.add(item)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@cache
def shipped(name: str) -> Any:
    """The data file as shipped (not a user's override), every key once."""
    text = resources.files("newsgraph.data").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader


def code_key(name: str) -> str:
    """A name as the actor-code tables fold it (codes._key): case and a
    leading "the" dropped, accents and dots kept."""
    text = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(text.replace("’", "'").split()).casefold()


def institutions() -> dict[str, dict[str, str]]:
    return shipped("institutions")["institutions"]


def institution_codes() -> dict[str, tuple[str, str]]:
    """Folded name -> (code, name as written)."""
    return {
        fold(str(name)): (country + sector, str(name))
        for country, table in institutions().items()
        for name, sector in table.items()
    }


def organisations() -> list[dict[str, Any]]:
    return shipped("organisations")["organisations"]


# -- institutions.yaml ------------------------------------------------------


def test_institutions_file_says_where_its_facts_come_from():
    text = resources.files("newsgraph.data").joinpath("institutions.yaml").read_text("utf-8")
    header = text.split("\ninstitutions:")[0]
    assert "Sources:" in header and "CAMEO" in header and "knowledge" in header


def test_institutions_cover_the_countries_of_international_news():
    table = institutions()
    assert len(table) >= 40
    assert sum(len(names) for names in table.values()) >= 400
    wanted = (
        "USA GBR RUS UKR CHN FRA DEU ISR PSE IRN IRQ SYR TUR SAU EGY IND PAK AFG JPN PRK KOR "
        "ITA ESP POL CAN AUS BRA MEX ZAF NGA KEN LBN JOR QAT ARE BLR VEN CUB TWN IDN PHL"
    )
    for country in wanted.split():
        assert table.get(country), country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kremlin", "RUSGOV"),
        ("White House", "USAGOV"),
        ("Pentagon", "USAMIL"),
        ("Downing Street", "GBRGOV"),
        ("Quai d'Orsay", "FRAGOV"),
        ("Élysée", "FRAGOV"),
        ("Knesset", "ISRLEG"),
        ("Verkhovna Rada", "UKRLEG"),
        ("FSB", "RUSSPY"),
        ("Mossad", "ISRSPY"),
        ("Xinhua", "CHNMED"),
        ("KCNA", "PRKMED"),
        ("Scotland Yard", "GBRCOP"),
    ],
)
def test_institutions_code_the_best_known_names(name, code):
    assert institution_codes()[fold(name)][0] == code


def test_institution_countries_are_iso_alpha3_codes_the_gazetteer_knows():
    unknown = [country for country in institutions() if geo.country(country) is None]
    assert not unknown, f"not ISO 3166 alpha-3 codes the gazetteer knows: {unknown}"


def test_institution_sectors_are_cameo_agent_codes():
    bad = [
        (country, name, sector)
        for country, table in institutions().items()
        for name, sector in table.items()
        if sector not in SECTORS
    ]
    assert not bad, f"sectors not in the CAMEO set: {bad}"


def test_institution_names_are_written_as_the_reader_looks_them_up():
    for country, table in institutions().items():
        for name in table:
            assert isinstance(name, str) and name == name.strip() and name, (country, name)
            assert not re.match(r"the\s", name, re.IGNORECASE), f"{name!r}: the reader drops 'the'"


def test_institution_names_are_listed_once():
    seen: dict[str, str] = {}
    for country, table in institutions().items():
        for name in table:
            folded = code_key(str(name))
            assert folded not in seen, f"{name!r} under {country} repeats {seen[folded]!r}"
            seen[folded] = f"{country}: {name}"


def test_no_institution_name_belongs_to_two_countries():
    seen: dict[str, str] = {}
    clashes = []
    for country, table in institutions().items():
        for name in table:
            folded = fold(str(name))
            if folded in seen and seen[folded] != country:
                clashes.append((name, seen[folded], country))
            seen.setdefault(folded, country)
    assert not clashes, f"names under two countries: {clashes}"


def test_institutions_agree_with_the_bodies_of_actors_yaml():
    known = institution_codes()
    bodies = shipped("actors")["bodies"]
    clashes = [
        (name, code, known[fold(name)][0])
        for name, code in bodies.items()
        if fold(name) in known and known[fold(name)][0] != code
    ]
    assert not clashes, f"actors.yaml bodies coded otherwise in institutions.yaml: {clashes}"


# -- actors.yaml sectors ------------------------------------------------------


def test_sector_nouns_sit_under_one_cameo_sector_each():
    sectors = shipped("actors")["sectors"]
    assert set(sectors) <= SECTORS, set(sectors) - SECTORS
    seen: dict[str, str] = {}
    clashes = []
    for sector, nouns in sectors.items():
        for noun in nouns:
            assert isinstance(noun, str) and noun == noun.casefold().strip(), (sector, noun)
            if noun in seen:
                clashes.append((noun, seen[noun], sector))
            seen.setdefault(noun, sector)
    assert not clashes, f"nouns listed twice: {clashes}"


def test_sector_nouns_cover_wire_copy_roles():
    sectors = shipped("actors")["sectors"]
    assert sum(len(nouns) for nouns in sectors.values()) >= 300
    table = {noun: sector for sector, nouns in sectors.items() for noun in nouns}
    for noun, sector in [
        ("spokesman", "GOV"),
        ("aides", "GOV"),
        ("lawmakers", "LEG"),
        ("mps", "LEG"),
        ("riot police", "COP"),
        ("prosecutors", "JUD"),
        ("militants", "REB"),
        ("insurgents", "INS"),
        ("separatists", "SEP"),
        ("gunmen", "UAF"),
        ("journalists", "MED"),
        ("refugees", "REF"),
        ("clerics", "REL"),
    ]:
        assert table.get(noun) == sector, noun


# -- organisations.yaml -------------------------------------------------------


def test_organisations_have_the_documented_fields():
    names: set[str] = set()
    for entry in organisations():
        missing = [field for field in ORGANISATION_FIELDS if field not in entry]
        assert not missing, f"{entry.get('name')!r} lacks {missing}"
        assert entry["kind"] in KINDS, entry["name"]
        assert isinstance(entry["aliases"], list), entry["name"]
        assert entry["name"] not in names, f"{entry['name']!r} listed twice"
        names.add(entry["name"])
        country = entry["country"]
        assert country is None or geo.country(country) is not None, (entry["name"], country)


@pytest.mark.parametrize("kind", ["armed_group", "igo", "ngo", "government_body", "company"])
def test_organisation_codes_have_the_shape_of_their_kind(kind):
    bad = []
    for entry in organisations():
        if entry["kind"] != kind:
            continue
        code, country = str(entry["code"]), entry["country"]
        if kind == "igo":
            ok = country is None and re.fullmatch(r"IGO(?:[A-Z]{3})*", code) is not None
        elif kind == "ngo":
            ok = re.fullmatch(r"NGO(?:[A-Z]{3})*", code) is not None
        elif kind == "government_body":
            ok = code[:3] == country and code[3:6] in SECTORS and len(code) == 6
        elif kind == "company":
            ok = country is not None and code == f"{country}BUS"
        elif code.startswith("IMG"):  # CAMEO's international militarised groups
            ok = re.fullmatch(r"IMG[A-Z]{3,6}", code) is not None
        else:
            ok = (
                re.fullmatch(r"(?:---|[A-Z]{3})[A-Z]{3}(?:[A-Z]{3})?", code) is not None
                and code[:3] in {country, "---"}
                and code[3:6] in ARMED_SECTORS
            )
        if not ok:
            bad.append((entry["name"], country, code))
    assert not bad, f"{kind} codes of the wrong shape: {bad}"


def test_bodies_and_groups_share_no_name_with_another_code():
    """Parties may share an alias across countries (the file's header says
    why); bodies, armed groups, IGOs and NGOs may not, unless the code is the
    same."""
    codes: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for entry in organisations():
        for name in [entry["name"], *entry["aliases"]]:
            folded = fold(str(name))
            codes.setdefault(folded, set()).add(str(entry["code"]))
            owners.setdefault(folded, set()).add(entry["name"])
    clashes = [
        (entry["name"], name, sorted(owners[fold(str(name))]))
        for entry in organisations()
        if entry["kind"] != "party"
        for name in [entry["name"], *entry["aliases"]]
        if len(codes[fold(str(name))]) > 1
    ]
    assert not clashes, f"names given to bodies of different codes: {clashes}"


def test_no_organisation_name_is_an_institution_of_another_code():
    known = institution_codes()
    clashes = [
        (entry["name"], name, entry["code"], known[fold(str(name))])
        for entry in organisations()
        for name in [entry["name"], *entry["aliases"]]
        if fold(str(name)) in known and known[fold(str(name))][0] != entry["code"]
    ]
    assert not clashes, f"organisations coded otherwise in institutions.yaml: {clashes}"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Hamas", "PSEREBHMS"),
        ("Taliban", "AFGREBTAL"),
        ("ISWAP", "IMGMUSISI"),
        ("Lashkar-e-Taiba", "PAKREB"),
        ("FARC", "COLREB"),
        ("M23", "CODREB"),
        ("Rapid Support Forces", "SDNREB"),
        ("Europol", "IGOEUREEC"),
        ("Reporters Without Borders", "NGOHRIMED"),
    ],
)
def test_armed_groups_and_bodies_the_press_names_often_are_known(name, code):
    found = [
        entry["code"]
        for entry in organisations()
        if fold(name) in {fold(str(n)) for n in [entry["name"], *entry["aliases"]]}
    ]
    assert found and found[0] == code, (name, found)
