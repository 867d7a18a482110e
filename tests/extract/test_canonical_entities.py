"""Entities that hold up across a corpus: one party whatever it is called,
no entity that is only a word, a person's country only from evidence
attached to that person, a surname the article never expands taken to the
office-holder table's full name."""

from __future__ import annotations

from newsgraph.extract import analyze
from newsgraph.extract.knowledge import office_holders, offices_called, organisation, person
from newsgraph.model import Entity


def entities(text: str) -> dict[str, Entity]:
    return {e.name: e for e in analyze(text).entities}


def test_party_names_fold_into_one_organisation() -> None:
    found = entities(
        "Tax row\n\nThe Tories said Labour would raise taxes. Tory leader Michael Howard "
        "said the Conservatives would cut them. The Lib Dems said both were wrong."
    )
    parties = {n: e for n, e in found.items() if e.type == "ORG"}
    assert {"Conservative Party", "Labour Party", "Liberal Democrats"} <= set(parties)
    assert {"Tories", "Conservatives"} <= set(parties["Conservative Party"].aliases)
    assert parties["Conservative Party"].code == "GBRPTY"
    assert not any(e.type == "PERSON" and "Lib" in n for n, e in found.items())


def test_role_nouns_common_words_and_nationality_words_are_not_entities() -> None:
    found = entities(
        "Budget row\n\nThe Chancellor will deliver the Budget on Wednesday, a spokesman said. "
        'British ministers met. "It is a disgrace," a spokesman told the BBC.'
    )
    assert not {"Budget", "British", "A spokesman", "a spokesman", "Chancellor"} & set(found)


def test_an_unnamed_speaker_keeps_its_words_but_is_no_entity() -> None:
    analysis = analyze('Row\n\n"It is a disgrace," a spokesman for the council told reporters.')
    [quote] = [q for q in analysis.quotes if q.kind == "direct"]
    assert quote.speaker is None and quote.speakers == []
    assert (quote.speaker_name or "").startswith("a spokesman")


def test_a_person_takes_no_country_from_other_words_of_the_sentence() -> None:
    found = entities(
        "Profile\n\nAmelia Hartwell, the new chairwoman, met Romanian and Egyptian officials "
        "in Bucharest on Monday, where she spoke about trade with Italy."
    )
    assert "country" not in found["Amelia Hartwell"].attributes


def test_a_country_attached_to_the_person_counts() -> None:
    found = entities(
        "Visit\n\nBritain's Cherie Blair criticised President George W Bush on Monday. "
        "Zimbabwean Prime Minister Robert Mugabe did not comment."
    )
    assert found["Cherie Blair"].attributes.get("country") == "GBR"
    assert found["Robert Mugabe"].attributes.get("country") == "ZWE"
    assert found["George W Bush"].attributes.get("country") == "USA"  # the office-holder table


def test_a_bare_surname_takes_the_full_name_of_the_one_office_holder() -> None:
    found = entities("Speech\n\nMr Blair told the Labour conference that the plans would go ahead.")
    assert "Tony Blair" in found and "Blair" in found["Tony Blair"].aliases
    assert found["Tony Blair"].attributes.get("country") == "GBR"


def test_a_common_surname_needs_the_article_to_say_which() -> None:
    bare = entities("Speech\n\nMr Brown told reporters on Monday that he would stay.")
    assert "Brown" in bare and "Gordon Brown" not in bare  # Brown is a common name


def test_knowledge_tables_answer_offices_and_aliases() -> None:
    assert "chancellor of the exchequer" in offices_called("the chancellor")
    import datetime as dt

    holders = office_holders("prime minister", "GBR", dt.date(2005, 3, 1))
    assert [p.name for p in holders] == ["Tony Blair"]
    assert (
        organisation("Lib Dems") is not None
        and organisation("Lib Dems").name == "Liberal Democrats"
    )
    assert person("Tony Blair") is not None and person("Tony Blair").country == "GBR"


def test_a_bare_surname_stays_bare_where_nothing_places_the_office_holder() -> None:
    found = entities("Ruling\n\nMr Kennedy told reporters in Washington the court would rule.")
    assert "Kennedy" in found and "Charles Kennedy" not in found
