"""Entities: names grouped, titles split, appositions, relations, coreference, countries."""

from __future__ import annotations

import pytest

from newsgraph.extract import analyze
from newsgraph.model import Entity

from ..conftest import DATA


def _entities(text: str) -> dict[str, Entity]:
    return {e.name: e for e in analyze(text).entities}


def _mentions(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


@pytest.fixture(scope="module")
def example() -> dict[str, Entity]:
    return {
        e.name: e for e in analyze((DATA / "nyt-iran-prisoners.txt").read_text("utf-8")).entities
    }


def test_entities_example_people(example):
    taraghi = example["Hamidreza Taraghi"]
    assert {"An Iranian official", "The official", "Hamidreza Taraghi", "Taraghi", "he"} <= set(
        _mentions(taraghi)
    )
    assert "adviser to the hard-liners around the supreme leader" in taraghi.roles
    assert taraghi.attributes["nationality"] == "IRN"
    khamenei = example["Ali Khamenei"]
    assert khamenei.titles == ["Ayatollah"] and "supreme leader" in khamenei.roles
    assert khamenei.attributes["nationality"] == "IRN"
    trump = example["Donald Trump"]
    assert trump.titles == ["President"] and trump.attributes["nationality"] == "USA"
    namazi = example["Baquer Namazi"]
    assert namazi.attributes["age"] == 81 and "former UNICEF diplomat" in namazi.roles
    assert example["Siamak Namazi"].attributes["relation"] == "son of Baquer Namazi"
    assert example["Robert A. Levinson"].attributes["nationality"] == "USA"


def test_entities_example_places_and_organisations(example):
    assert {"Washington", "the United States"} <= set(_mentions(example["United States"]))
    assert {"Iran", "Tehran"} <= set(_mentions(example["Iran"]))
    assert example["Tehran"].type == "GPE" and example["Tehran"].attributes["country"] == "IRN"
    assert example["Vienna"].attributes["country"] == "AUT"
    assert example["Kish"].type == "LOC" and example["Kish"].attributes["country"] == "IRN"
    assert example["Oman"].attributes["country"] == "OMN"
    assert example["Europe"].type == "LOC"
    for org in ("UNICEF", "The Wall Street Journal", "Foreign Ministry", "Twitter"):
        assert org in example and example[org].type == "ORG", org
    assert example["Foreign Ministry"].attributes["country"] == "IRN"


def test_entities_titles_are_split_off_names():
    entities = _entities(
        "Secretary of State Antony Blinken met Prime Minister Rishi Sunak in London on Monday. "
        "Blinken said the talks went well."
    )
    blinken = entities["Antony Blinken"]
    assert blinken.titles == ["Secretary of State"]
    assert _mentions(blinken)[:2] == ["Antony Blinken", "Blinken"]
    assert entities["Rishi Sunak"].titles == ["Prime Minister"]


def test_entities_surname_goes_to_the_last_named_namesake():
    entities = _entities(
        "Maria Lopez and her brother Carlos Lopez founded the company in 1998. "
        "Carlos Lopez left in 2005. Lopez now runs a bakery in Seville."
    )
    assert "Lopez" in _mentions(entities["Carlos Lopez"])
    assert "Lopez" not in _mentions(entities["Maria Lopez"])


def test_entities_indefinite_then_named_role_noun():
    entities = _entities(
        "A senior Turkish diplomat said on Monday that talks would resume. "
        "The diplomat, Mehmet Arslan, spoke to reporters in Ankara. "
        "Arslan said he expected an agreement within weeks."
    )
    arslan = entities["Mehmet Arslan"]
    assert {"A senior Turkish diplomat", "The diplomat", "Arslan", "he"} <= set(_mentions(arslan))
    assert arslan.attributes["nationality"] == "TUR"
    assert not any(e.attributes.get("named") is False for e in entities.values())


def test_entities_age_role_and_relation():
    entities = _entities(
        "The court sentenced Elena Petrova, 54, a retired school teacher, and her daughter Anna "
        "to two years in prison."
    )
    petrova = entities["Elena Petrova"]
    assert petrova.attributes["age"] == 54 and "retired school teacher" in petrova.roles
    assert entities["Anna Petrova"].attributes["relation"] == "daughter of Elena Petrova"


def test_entities_capitals_stand_for_governments_but_not_as_places():
    entities = _entities(
        "Moscow accused Kyiv of shelling the plant. The talks were held in Paris last week."
    )
    assert "Moscow" in _mentions(entities["Russia"])
    assert "Kyiv" in _mentions(entities["Ukraine"])
    assert "France" not in entities  # "in Paris" is a place
    assert entities["Paris"].attributes["country"] == "FRA"


def test_entities_pronouns_skip_quotes_and_follow_the_subject():
    entities = _entities(
        "Governor Ana Ruiz signed the bill on Friday. “We will not stop here,” she said. "
        "Her deputy, Tom Hale, said he would lead the next round."
    )
    ruiz, hale = entities["Ana Ruiz"], entities["Tom Hale"]
    assert "she" in _mentions(ruiz) and "We" not in _mentions(ruiz)
    assert "he" in _mentions(hale)
    assert ruiz.titles == ["Governor"]


def test_entities_model_mistakes_fixed():
    entities = _entities(
        "The president posted on Twitter about the island of Kish and the Biden administration."
    )
    assert entities["Twitter"].type == "ORG"
    assert entities["Kish"].type == "LOC"
    assert entities["Biden administration"].type == "ORG"


def test_entities_headline_mentions_point_into_the_headline(example):
    us = example["United States"]
    [headline] = [m for m in us.mentions if m.field == "headline"]
    text = "Iran Plays Down Report That U.S. Secretly Asked for Talks on Prisoners"
    assert text[headline.start : headline.end] == "U.S." == headline.text


def test_entities_dateline_agency_and_unnamed_people_are_not_entities():
    entities = _entities(
        "WASHINGTON (AP) — The Senate confirmed a former airline safety executive on Wednesday. "
        "Patricia Hollis will lead the agency. Hollis promised to hire more controllers."
    )
    assert "AP" not in entities and "Associated Press" not in entities
    assert not any(e.attributes.get("named") is False for e in entities.values())
    assert _mentions(entities["Patricia Hollis"]).count("Hollis") == 1


def test_entities_places_the_model_calls_people():
    entities = _entities("Barges carried grain up the Danube to Romania, officials in Kyiv said.")
    assert entities["Danube"].type == "LOC"
    assert entities["Kyiv"].type == "GPE" and entities["Kyiv"].attributes["country"] == "UKR"


def test_entities_an_error_in_one_article_skips_it(monkeypatch):
    from newsgraph.extract import analysis as analyze_module
    from newsgraph.extract import analyze_many

    real = analyze_module.analyze_doc

    def flaky(article, doc, headline=None, **options):
        if "boom" in article.text:
            raise RuntimeError("boom")
        return real(article, doc, headline, **options)

    monkeypatch.setattr(analyze_module, "analyze_doc", flaky)
    failed = []
    articles = [
        analyze_module._as_article(t, None)
        for t in ("One fine story today.", "A boom story here.", "Another fine story.")
    ]
    results = list(
        analyze_module.analyze_articles(articles, on_error=lambda a, e: failed.append(a))
    )
    assert len(results) == 2 and len(failed) == 1
    with pytest.raises(RuntimeError):
        list(analyze_many(["A boom story here."]))


def test_entities_gender_from_names_and_relations_guides_pronouns():
    entities = _entities(
        "Karen Holt, 58, has worked at the plant for 31 years, as did her father, Derek. "
        '"It is the whole town," she said.\n\nHer husband, Steve, also works at the site.'
    )
    assert entities["Steve"].attributes["relation"] == "husband of Karen Holt"
    assert "she" in _mentions(entities["Karen Holt"])


def test_entities_storms_are_events():
    assert (
        _entities("Typhoon Marisol killed 58 people on Saturday.")["Typhoon Marisol"].type
        == "EVENT"
    )


def test_entities_short_forms_of_organisations():
    entities = _entities(
        "Shares of Varma Industries fell 8% on Monday. Talks with Varma collapsed, the union said. "
        "Nordair Group bought Baltica Air last year. Nordair said Baltica would keep its name."
    )
    assert "Varma" in _mentions(entities["Varma Industries"])
    assert "Nordair" in _mentions(entities["Nordair Group"])
    assert entities["Baltica Air"].type == "ORG" and "Baltica" in _mentions(entities["Baltica Air"])
    assert "Varma" not in entities and "Baltica" not in entities


def test_entities_acronyms_defined_in_the_text_are_one_organisation():
    # The small model splits the long form ("Qualifications" | "Curriculum
    # Authority"); the initials in parentheses make it one name, alias QCA.
    found = _entities(
        "The Qualifications and Curriculum Authority (QCA) has told the government not "
        "to compromise. The QCA said the exams were fair."
    )
    qca = found["Qualifications and Curriculum Authority"]
    assert {"Qualifications and Curriculum Authority", "QCA"} <= set(_mentions(qca))
    assert "Curriculum Authority" not in found and "QCA" not in found
    # a capitalised word may go unspelt ("State"), and a state names the country
    ny = _entities("The New York State Attorney General (NYAG) is investigating the firm.")
    assert ny["New York State Attorney General"].code == "USA"
    # initials that do not spell the words before them define nothing
    other = _entities("Shares of Lloyds Banking Group (LLOY) fell in London on Monday.")
    assert not any(e.name.endswith("(LLOY)") for e in other.values())
    assert "LLOY Banking Group" not in other


def test_entities_a_dash_after_a_name_is_not_part_of_it():
    found = _entities(
        "His case has been backed by David Kahn - a former Yale historian, and a leading expert."
    )
    assert "David Kahn" in found and "David Kahn -" not in found


def test_entities_a_surname_of_the_table_keeps_the_gender_of_its_honorific():
    # The table's Victoria Prentis is not "Mr Prentis" of a union.
    found = _entities('Mr Prentis said: "We condemn the hypocrisy of British MPs."')
    assert "Victoria Prentis" not in found and "Prentis" in found
    # the same surname with a matching honorific still expands
    found = _entities("Ms Prentis said British MPs would back the Conservatives.")
    assert "Victoria Prentis" in found


def test_entities_a_party_before_a_role_the_model_missed_is_the_party():
    # "Labour MP" runs together as one untagged proper noun; the party is known
    found = _entities("A Labour MP has criticised the Conservative Party.")
    assert found["Labour Party"].type == "ORG"
    assert "Labour MP" not in found


def test_entities_prof_is_a_title_and_a_president_is_no_other_office_holder():
    found = _entities("Amitai Etzioni spoke in London. Prof Etzioni criticised the US.")
    assert "Prof Etzioni" not in found and "Prof" in found["Amitai Etzioni"].titles
    # the table's only Carter never was president: "President Carter" is not him
    found = _entities("He was an adviser to President Carter's White House.")
    assert "Ash Carter" not in found
