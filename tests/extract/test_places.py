"""Places: names resolved to a country and coordinates, offline; entities located."""

from __future__ import annotations

import datetime as dt

import pytest

import newsgraph
from newsgraph.gazetteer import geo
from newsgraph.gazetteer.places import (
    Place,
    article_context,
    locate_entities,
    resolve_place,
)
from newsgraph.model import Entity, Mention

from ..conftest import EXAMPLES

EXAMPLE = EXAMPLES / "nyt-iran-prisoners.txt"


def _place(name: str, **kwargs) -> Place:
    place = resolve_place(name, **kwargs)
    assert place is not None, name
    return place


def _near(place: Place, lat: float, lon: float, within: float = 0.5) -> bool:
    assert place.lat is not None and place.lon is not None, place
    return abs(place.lat - lat) <= within and abs(place.lon - lon) <= within


def test_places_washington_is_the_capital_unless_the_state():
    capital = _place("Washington")
    assert (capital.kind, capital.country) == ("city", "USA") and _near(capital, 38.9, -77.04)
    assert _place("Washington", context=["USA"]) == capital
    assert _place("Washington, D.C.") == capital
    assert _place("Washington", qualifier="D.C.") == capital
    for state in (
        _place("Washington state"),
        _place("the state of Washington"),
        _place("Washington", qualifier="state"),
    ):
        assert (state.name, state.kind, state.country) == ("Washington", "state", "USA")
        assert state.lat is None and state.geonameid is not None  # GeoNames: no state coordinates


def test_places_tripoli_by_context_and_qualifier():
    lebanon = _place("Tripoli", context=["LBN"])
    libya = _place("Tripoli", context=["LBY"])
    assert lebanon.country == "LBN" and _near(lebanon, 34.43, 35.84)
    assert libya.country == "LBY" and _near(libya, 32.89, 13.19)
    assert _place("Tripoli").country == "LBY"  # no context: the capital
    assert _place("Tripoli", context=["LBY", "LBN"]).country == "LBY"  # the context's order
    assert _place("Tripoli", qualifier="Lebanon", context=["LBY"]) == lebanon  # qualifier wins
    assert _place("Tripoli, Lebanon") == lebanon


def test_places_portland_by_state_or_most_populous():
    maine = _place("Portland", qualifier="Maine")
    assert maine.country == "USA" and _near(maine, 43.66, -70.26)
    assert _place("Portland", qualifier="ME") == maine
    oregon = _place("Portland")
    assert oregon.country == "USA" and _near(oregon, 45.52, -122.68)


def test_places_vienna_is_austrias_even_in_an_american_article():
    vienna = _place("Vienna")
    assert (vienna.country, vienna.kind) == ("AUT", "city") and _near(vienna, 48.21, 16.37)
    assert _place("Vienna", context=["USA", "IRN"]) == vienna  # not Vienna, Virginia


def test_places_kish_through_diacritics():
    kish = _place("Kish")  # GeoNames spells it "Kīsh": the Iranian island in the Gulf
    assert kish.country == "IRN" and _near(kish, 26.56, 54.02)


def test_places_country_at_its_centroid():
    iran = _place("Iran")
    assert (iran.kind, iran.country) == ("country", "IRN") and _near(iran, 32.0, 53.0)
    assert _place("the United States").country == _place("U.S.").country == "USA"
    britain = _place("Britain")  # countryinfo has a centroid for the UK under another name
    assert britain.country == "GBR" and britain.lat is not None


def test_places_country_centroid_falls_back_to_the_capital():
    kosovo = geo.country_site("XKX")  # countryinfo has no centroid for Kosovo
    pristina = geo.capital_site("XKX")
    assert kosovo is not None and pristina is not None
    assert (kosovo.lat, kosovo.lon) == (pristina.lat, pristina.lon)


def test_places_georgia_is_the_country_unless_the_article_is_american():
    assert _place("Georgia").country == "GEO"
    assert _place("Georgia", context=["USA"]).kind == "state"
    assert _place("Atlanta", qualifier="Georgia").country == "USA"
    assert _place("Tbilisi", qualifier="Georgia").country == "GEO"


def test_places_alternate_names_states_and_continents():
    assert _place("Kiev").name == "Kyiv"
    assert _place("New York").name == "New York City"  # the city, not the state
    assert _place("Florida").kind == "state"  # not Florida, Cuba
    europe = _place("Europe")
    assert (europe.kind, europe.country) == ("region", None) and europe.lat is not None


def test_places_a_comma_list_is_not_a_qualifier():
    assert _place("Vienna", qualifier="Iran").country == "AUT"  # "in Vienna, Iran and Oman"
    assert resolve_place("Springfield", qualifier="Maine") is None  # not Springfield, Mo.


def test_places_unknown_names():
    assert resolve_place("Xyzzyville") is None
    assert resolve_place("") is None
    assert resolve_place("Islamic State") is None


def _entity(id: str, name: str, type: str, text: str, **attributes) -> Entity:
    start, mentions = 0, []
    while (start := text.find(name, start)) >= 0:
        mentions.append(Mention(text=name, start=start, end=start + len(name)))
        start += len(name)
    return Entity(id=id, name=name, type=type, mentions=mentions, attributes=attributes)


def test_places_locate_entities_reads_qualifiers_from_the_text():
    text = (
        "TRIPOLI, Lebanon — Officials in Portland, Maine, and in Washington state "
        "said Vienna would host talks. The Libyan government disagreed."
    )
    entities = [
        _entity("e1", "TRIPOLI", "GPE", text),
        _entity("e2", "Portland", "GPE", text),
        _entity("e3", "Washington", "GPE", text, country="USA"),
        _entity("e4", "Vienna", "GPE", text),
        _entity("e5", "Libyan", "NORP", text, country="LBY"),
    ]
    located = {e.id: e.attributes for e in locate_entities(entities, text, context=["LBY"])}
    assert located["e1"]["country"] == "LBN" and located["e1"]["place_kind"] == "city"
    assert abs(located["e1"]["lat"] - 34.43) < 0.5
    assert located["e2"]["country"] == "USA" and abs(located["e2"]["lon"] + 70.26) < 0.5
    assert located["e3"]["place_kind"] == "state" and located["e3"]["lat"] is None
    assert located["e4"]["country"] == "AUT" and located["e4"]["geonameid"] == 2761369
    assert located["e5"] == {"country": "LBY"}  # not a place type
    assert entities[0].attributes == {}  # pure: the input is untouched


def test_places_locate_entities_facilities_by_own_names_only():
    text = "Officials at the White House met at Vienna."
    white_house = _entity("e1", "White House", "FAC", text)
    vienna = _entity("e2", "Vienna", "FAC", text)  # a misread GPE: still a place
    located = locate_entities([white_house, vienna], text)
    assert located[0].attributes == {}  # GeoNames gives Casablanca the alternate "White House"
    assert located[1].attributes["country"] == "AUT"


def test_places_locate_entities_keeps_the_entity_country():
    text = "Tripoli was quiet."
    libya = _entity("e1", "Tripoli", "GPE", text, country="LBY")
    (located,) = locate_entities([libya], text, context=["LBN"])
    assert located.attributes["country"] == "LBY" and abs(located.attributes["lon"] - 13.19) < 0.5
    nowhere = _entity("e2", "Kish", "LOC", "Kish", country="OMN")  # no Kish in Oman: not located
    assert locate_entities([nowhere], "Kish")[0].attributes == {"country": "OMN"}


def test_places_locate_entities_capital_metonymy_at_the_capital():
    text = "Tehran rejected the offer."
    iran = _entity("e1", "Tehran", "GPE", text, country="IRN", capital_metonymy=True)
    iran = iran.model_copy(update={"name": "Iran"})
    (located,) = locate_entities([iran], text)
    assert located.attributes["place_name"] == "Tehran" and located.attributes["country"] == "IRN"
    assert abs(located.attributes["lat"] - 35.69) < 0.5


def test_places_article_context_most_mentioned_first():
    text = "Lebanon and Tripoli; Lebanon again. Libya once. Beirut."
    entities = [
        _entity("e1", "Libya", "GPE", text, country="LBY"),
        _entity("e2", "Lebanon", "GPE", text, country="LBN"),
        _entity("e3", "Beirut", "GPE", text),  # no country yet: the gazetteer's capital
        _entity("e4", "Lebanese", "NORP", text, country="LBN"),
    ]
    assert article_context(entities) == ["LBN", "LBY"]
    assert article_context([]) == []


@pytest.fixture(scope="module")
def example() -> dict[str, Entity]:
    analysis = newsgraph.analyze(EXAMPLE.read_text("utf-8"), date=dt.date(2018, 1, 11))
    context = article_context(analysis.entities)
    assert context[:2] == ["IRN", "USA"]
    located = locate_entities(analysis.entities, analysis.article.text, context=context)
    return {e.name: e for e in located}


def test_places_example_article(example):
    vienna = example["Vienna"].attributes
    assert vienna["country"] == "AUT" and vienna["place_kind"] == "city"
    assert abs(vienna["lat"] - 48.21) < 0.5 and abs(vienna["lon"] - 16.37) < 0.5
    tehran = example["Tehran"].attributes
    assert tehran["country"] == "IRN" and abs(tehran["lat"] - 35.69) < 0.5
    kish = example["Kish"].attributes
    assert kish["country"] == "IRN" and abs(kish["lat"] - 26.56) < 0.5
    washington = example["Washington"].attributes
    assert washington["country"] == "USA" and abs(washington["lon"] + 77.04) < 0.5
    assert example["Iran"].attributes["place_name"] == "Tehran"  # "Tehran" stood for it
    assert example["Europe"].attributes["place_kind"] == "region"


def test_places_english_counties_beat_american_towns_unless_the_story_is_american():
    assert geo.city_country("Norfolk") == "GBR"  # the county, not Norfolk, Virginia
    assert geo.city_country("Norfolk", frozenset({"USA"})) == "USA"
    assert _place("Kent").country == "GBR"
    assert _place("Kent", context=["USA"]).country == "USA"
    assert _place("Norfolk", qualifier="Virginia").country == "USA"


def test_places_a_national_institutions_seat_is_in_its_country():
    analysis = newsgraph.analyze(
        "Mr Blair met the families in his private room at Westminster.", date=dt.date(2005, 2, 9)
    )
    [seat] = [e for e in analysis.entities if e.name == "Westminster"]
    assert seat.attributes["country"] == "GBR"  # not Westminster, Colorado
