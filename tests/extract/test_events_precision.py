"""Who acts on whom in real political copy: bodies named after their
members, the doer of a reported misdeed, one person on both sides, a
participle that describes the object, standing duties in relative clauses.
Sentences written for these tests (none from a gold set, the dev gold or the
example article); each rule has a hard negative."""

from __future__ import annotations

import datetime as dt

from newsgraph.extract import analyze
from tests.extract.test_events_politics import _home_story, events, summary


def test_ministers_of_an_intergovernmental_body_are_that_body():
    [event] = events("Gordon Brown has been locked in talks with finance ministers of the G8.")
    assert event.target.code is not None and event.target.code.startswith("IGO")
    [event] = events("G8 ministers agreed to cut the debt of Iraq.")
    assert event.source.code is not None and event.source.code.startswith("IGO")


def test_the_doer_of_a_reported_misdeed_is_the_target_not_the_audience():
    [event] = events("Michael Howard told activists that voters were being abused by Labour.")
    assert (event.type, event.target.name) == ("ACCUSE", "Labour Party")
    # no doer named: the activists he spoke to are not accused
    assert events("Michael Howard told activists that voters were being abused.") == []


def test_no_one_acts_on_himself():
    found = events(
        "Tony Blair spoke in the Commons. "
        "Why will the prime minister not simply resign, he demanded.",
        date=dt.date(2005, 3, 1),
    )
    assert all(e.source.entity != e.target.entity for e in found if e.target.entity)
    assert [e for e in found if e.type == "REQUEST"] == []
    # two countries' words are no person: "Georgian demonstrators ... the Georgian government"
    found = events("Georgian demonstrators launched missiles at the Georgian government.")
    assert summary(found) == [("ASSAULT", "GEOOPP", "GEOGOV")]


def test_someones_chancellor_is_not_that_person():
    [event] = events(
        "Chancellor Gordon Brown unveiled his budget. Tony Blair praised his chancellor."
    )
    assert (event.type, event.source.name, event.target.name) == (
        "SUPPORT",
        "Tony Blair",
        "his chancellor",
    )
    assert event.target.entity != event.source.entity


def test_a_participle_right_after_an_object_describes_the_object():
    found = _home_story(
        "Police are investigating a British National Party leaflet posted to homes in "
        "south Wales opposing plans for a new mosque."
    )
    assert ("REJECT", "GBROPP", "GBRGOV") in found  # the leaflet's party opposes
    assert ("REJECT", "GBRCOP", "GBRGOV") not in found  # not the police
    # after a comma it is the subject's act
    found = summary(events("Russian troops stormed the village, killing five civilians."))
    assert ("ASSAULT", "RUSMIL") in [f[:2] for f in found]


def test_prosecutions_are_acts_not_prosecutors():
    found = events(
        "The home secretary said prosecutions were the first choice and promised "
        "the powers would rarely be used."
    )
    assert [e for e in found if (e.source.code or "").endswith("JUD")] == []
    [event] = events("The prosecution accused Mr Smith of lying.")
    assert (event.type, event.source.code) == ("ACCUSE", "---JUD")


def test_a_simple_present_relative_clause_is_a_standing_duty():
    assert events("Cherie Blair visited Addaction, a charity which she supports.") == []
    assert events("Alan Beith chairs the committee which monitors the Home Office.") == []
    # what someone is reported to say, and what happened, stay events
    [event] = events("Mr Smith, who accuses the government of lying, spoke.")
    assert event.type == "ACCUSE"
    [event] = events("The charity, which supported the Labour Party in 2001, closed.")
    assert event.type == "SUPPORT"


def test_talking_takes_no_object_as_partner():
    assert events("Tony Blair will talk the Labour Party up.") == []
    [event] = events("Tony Blair talked with Chinese officials about trade.")
    assert (event.type, event.target.code) == ("CONSULT", "CHNGOV")


def test_what_a_body_to_be_set_up_would_do_has_not_happened():
    found = events(
        "A former Home Office minister has called for an independent body to be set up "
        "to monitor UK immigration."
    )
    assert [e for e in found if e.type == "ACCUSE"] == []
    # a purpose of what someone did is still coded
    [event] = events("Tony Blair flew to Washington to meet US officials.")
    assert (event.type, event.target.code) == ("CONSULT", "USAGOV")


def test_hopes_and_contingencies_are_not_facts():
    assert events("Hopefully the Tories will support Tony Blair on Iraq.") == []
    assert summary(events("The Tories will support Tony Blair on Iraq."))[0][0] == "AGREE"
    assert (
        events(
            "Downing Street has confirmed British troops are on standby in case they need "
            "to help the Ivorian government."
        )
        == []
    )
    assert summary(events("British troops are ready to help the Ivorian government.")) == [
        ("AGREE", "GBRMIL", "CIVGOV")
    ]


def test_a_court_where_a_challenge_is_heard_is_neither_side():
    found = events(
        "The Countryside Alliance launched its legal challenge to the hunting ban in the High Court."
    )
    assert [e for e in found if "JUD" in (e.source.code or "") + (e.target.code or "")] == []
    [event] = events(
        "Environmental campaigners have begun challenging the government's plans in the High Court."
    )
    assert (event.type, event.target.code) == ("ACCUSE", "---GOV")


def test_asking_for_a_thing_to_be_changed_asks_its_owner():
    found = summary(
        events(
            "The EU embargo on arms exports to China is likely to be lifted. "
            "French President Jacques Chirac has repeatedly called for the embargo to be lifted."
        )
    )
    assert ("REQUEST", "FRA", "IGOEUREEC") in [(t, (s or "")[:3], o) for t, s, o in found]
    # no owner named anywhere: nobody is asked
    found = events("French President Jacques Chirac has called for the embargo to be lifted.")
    assert [e for e in found if e.type == "REQUEST"] == []


def test_a_thing_criticised_belongs_to_whoever_its_earlier_mention_names():
    found = summary(
        events(
            "The EU embargo on arms exports to China remains. "
            "Japan criticised the embargo on Monday."
        )
    )
    assert ("ACCUSE", "JPN", "IGOEUREEC") in found


def test_pressuring_someone_to_act_is_a_demand():
    found = summary(events("Iran has been pressuring Iraq to expel the American diplomats."))
    assert found == [("REQUEST", "IRN", "IRQ")]
    # pressure with no act asked for stays coercion
    assert summary(events("Iran pressured Iraq over the border.")) == [("COERCE", "IRN", "IRQ")]


def test_people_a_countrys_police_act_on_are_in_that_country():
    found = summary(
        events(
            "Hong Kong police have laid siege to a university, pinning 800 students inside "
            "and threatened to use live ammunition on them."
        )
    )
    assert ("THREATEN", "HKGCOP", "HKGEDU") in found
    # foreigners keep no country of the police's
    [event] = events("Kenyan police arrested three foreigners.")
    assert (event.type, event.target.code) == ("COERCE", None)


def test_the_two_sides_are_the_last_pair_named_together():
    found = summary(
        events(
            "The United States and China had reached a Phase 1 trade agreement. "
            "The two sides continue to negotiate."
        )
    )
    assert ("CONSULT", "USA", "CHN") in found
    # no pair named before: nobody
    assert events("The two sides continue to negotiate.") == []


def test_a_meeting_called_off_did_not_take_place():
    assert (
        events(
            "The two leaders have been unable to reschedule a meeting between Donald Trump and "
            "Xi Jinping in Chile that was canceled because of domestic protests."
        )
        == []
    )
    assert events("Russia postponed talks with Ukraine.") == []
    # a meeting called by someone was held
    found = summary(
        events(
            "A meeting between Donald Trump and Chinese President Xi Jinping that was called "
            "by the Chinese was held in Osaka."
        )
    )
    assert found and found[0][0] == "CONSULT"


def test_dismay_in_quotation_marks_is_still_criticism():
    [event] = events(
        'The MPs said they were "concerned" the government had not consulted directly on its plans.'
    )
    assert (event.type, event.source.code, event.target.code) == ("ACCUSE", "---LEG", "---GOV")
    assert events('The MPs said they were "worried" the plan could fail.') == []


def test_police_ranks_are_titles_of_the_police():
    [event] = events(
        "Assistant Chief Constable David Warcup has liaised with several protest groups."
    )
    assert (event.type, event.source.name, event.source.code, event.target.code) == (
        "CONSULT",
        "David Warcup",
        "---COP",
        "---OPP",
    )
    [person] = [e for e in analyze("Assistant Chief Constable David Warcup spoke.").entities]
    assert (person.name, person.titles) == ("David Warcup", ["Assistant Chief Constable"])


def test_giving_way_stands_without_a_target():
    [event] = events("The government has already given way over the role of judges.")
    assert (event.type, event.target.code) == ("CONCEDE", None)
    # allowing needs whom it allows
    assert events("The Tories said they would allow the vote.") == []


def _undated(text: str) -> list[tuple[str, str | None, str | None]]:
    return summary(analyze(text, date=None).events)


def test_conceding_that_something_is_so_is_no_concession():
    assert (
        _undated("The executive concedes that it is up to Scottish ministers to approve it.") == []
    )


def test_they_under_a_passive_report_are_not_the_reporters():
    found = _undated("Activists marched in Leeds. They were arrested, West Yorkshire police said.")
    assert ("COERCE", "GBRCOP", "GBROPP") in found
    assert ("COERCE", "GBRCOP", "GBRCOP") not in found


def test_a_former_holder_of_an_office_is_not_its_holder_without_a_date():
    found = _undated("Michael Howard said he would not back the Home Secretary's plans.")
    assert [f[0] for f in found] == ["REJECT"]


def test_what_someone_was_due_to_do_has_not_happened():
    assert _undated("Michael Howard, who had been due to welcome the Tory delegates, spoke.") == []


def test_a_persons_stance_in_a_relative_clause_is_coded():
    found = _undated("Labour MP Diane Abbott, who backs the Conservative Party's proposal, spoke.")
    assert found == [("SUPPORT", "GBRPTY", "GBRPTY")]


def test_what_a_reported_demand_says_should_be_done_by_someone_asks_no_one():
    found = _undated(
        "The Scottish Executive believes that the legislation should be handled by Westminster."
    )
    assert found == []


def test_a_shadow_minister_opening_a_sentence_keeps_shadow_in_his_role():
    found = analyze(
        "Shadow home secretary David Davis criticised the plans. "
        "The home secretary said he would not give way.",
        date=None,
    )
    [davis] = [e for e in found.entities if e.name == "David Davis"]
    assert davis.roles == ["shadow home secretary"]
    assert [m for m in davis.mentions if m.text.casefold() == "the home secretary"] == []


def test_lifting_a_restriction_somewhere_concedes_to_that_country():
    assert summary(events("Morocco lifted a night curfew in Mauritania on Monday.")) == [
        ("CONCEDE", "MAR", "MRT")
    ]
    # no place: no one named to concede to
    assert events("Morocco lifted a night curfew on Monday.") == []


def test_reiterating_that_someone_must_act_is_a_demand():
    found = summary(
        events("The French government reiterated that Syria must hand over the suspects.")
    )
    assert found == [("REQUEST", "FRAGOV", "SYR")]


def test_a_body_the_parser_hid_under_a_participle_is_the_subject():
    found = summary(
        events("The Red Cross operating in Sudan said Sudanese forces must protect civilians.")
    )
    assert [f[0] for f in found] == ["REQUEST"] and found[0][1] is not None


def test_what_a_protest_is_staged_to_demand_is_part_of_the_protest():
    found = summary(
        events(
            "Indonesian students staged rallies in Jakarta to demand the resignation of "
            "President Suharto."
        )
    )
    assert found == [("PROTEST", "IDNEDU", "IDNGOV")]
    # a demand of its own, coordinated, stays
    found = summary(
        events(
            "Indonesian students staged rallies in Jakarta and demanded the resignation of "
            "President Suharto."
        )
    )
    assert ("REQUEST", "IDNEDU", "IDNGOV") in found


def _person(text: str, name: str):
    [person] = [e for e in analyze(text, date=None).entities if e.name == name]
    return person


def test_a_role_keeps_the_country_it_names_past_abbreviations():
    person = _person(
        "Sean Robertson, a spokesperson for the U.S. military, said it.", "Sean Robertson"
    )
    assert person.roles == ["spokesperson for the U.S. military"]
    assert person.attributes.get("nationality") == "USA"
    # a sentence's full stop still ends the role
    person = _person(
        "Priya Nair, a strategist at Eastgate Asset Management in Singapore. The yen fell.",
        "Priya Nair",
    )
    assert person.roles == ["strategist at Eastgate Asset Management in Singapore"]


def test_a_description_opening_the_sentence_before_a_name_is_his_role():
    person = _person(
        "A member of the Syrian parliament, Mohammed Mamoun, started a hunger strike.",
        "Mohammed Mamoun",
    )
    assert person.roles == ["member of the Syrian parliament"]
    assert person.attributes.get("nationality") == "SYR"
    # a clause before the name is no description of him
    person = _person(
        "After the vote in Damascus, Mohammed Mamoun started a hunger strike.", "Mohammed Mamoun"
    )
    assert person.roles == [] and "nationality" not in person.attributes


def test_a_role_closing_the_clause_before_a_name_is_not_his():
    person = _person(
        "George W Bush will begin his second term as US President, Tony Blair has said.",
        "Tony Blair",
    )
    assert person.roles == [] and person.attributes.get("nationality") != "USA"
    # a role in apposition after a preposition is his
    person = _person(
        "He is close to the supreme leader, Ayatollah Ali Khamenei, who spoke.", "Ali Khamenei"
    )
    assert "supreme leader" in person.roles


def test_a_place_in_a_role_counts_as_the_whole_place_named():
    person = _person(
        "Former Northern Ireland minister Sir Nicholas Scott has died.", "Nicholas Scott"
    )
    assert person.attributes.get("nationality") == "GBR"  # not Ireland


def test_a_participle_before_a_title_keeps_the_country_before_it():
    person = _person(
        "Israeli President Moshe Katsav refused to meet Jordan's visiting King Abdullah II.",
        "Abdullah II",
    )
    assert person.attributes.get("nationality") == "JOR"
    assert "organisation" not in person.attributes  # a country is no organisation


def test_a_deputy_minister_is_still_the_minister_of_a_later_mention():
    person = _person(
        "Deputy foreign minister Ivan Petrov spoke in Moscow. The minister said talks would go on.",
        "Ivan Petrov",
    )
    assert [m.text for m in person.mentions if m.text == "The minister"] == ["The minister"]


def test_companies_of_the_table_keep_their_country_and_leave_the_home_alone():
    # A British story: "the government" is British, Boeing American; SoftBank's
    # three mentions do not make Japan the story's home.
    found = _home_story(
        "Ministers in London said the government would back the Heathrow plan. "
        "SoftBank said it would invest. SoftBank has made offers before, and SoftBank "
        "officials met Boeing. In London, the government criticised Boeing over the delays.",
        outlet="",
    )
    assert ("ACCUSE", "GBRGOV", "USABUS") in found
    assert ("CONSULT", "JPNBUS", "USABUS") in found  # the company's officials, not Japan's
    # a surname is never a company: "Ford" stays Ms Ford
    people = {
        e.name: e.type for e in analyze("Anna Ford said the plan was wrong. Ms Ford left.").entities
    }
    assert people.get("Anna Ford") == "PERSON"


def test_a_call_for_an_inquiry_or_a_body_asks_the_home_government():
    found = _home_story(
        "A former Labour MP has called for an independent body to be set up to monitor "
        "immigration.",
        "Opposition MPs in London said Britain needed it.",
    )
    assert ("REQUEST", "GBRLEG", "GBRGOV") in found
    found = _home_story(
        "A national body should be set up, a committee of MPs has said.",
        "Opposition MPs in London said Britain needed it.",
    )
    assert ("REQUEST", "GBRLEG", "GBRGOV") in found
    # advice against, a call of the government itself, or of a thing that is
    # no rule or body, asks no one
    for text in (
        "A cap on donations should not be introduced yet, a committee of MPs has said.",
        "The government has called for an independent body to be set up.",
        "Labour MPs have called for more sunshine.",
    ):
        found = _home_story(text, "Opposition MPs in London said Britain needed it.")
        assert not [f for f in found if f[0] == "REQUEST"], text


def test_a_verdict_inside_a_question_or_explanation_is_nobodys():
    said = '"Our aim was to show the British why the government thought Iraq was a threat," said Lord Butler.'
    assert [e for e in events(said) if e.type == "ACCUSE"] == []
    asked = "Reporters asked the minister whether he thought the Tories were a disgrace."
    assert [e for e in events(asked) if e.type == "ACCUSE"] == []
    # the verdict itself still counts, also after "when"
    found = events("Labour said the Tories were a disgrace.")
    assert [e.type for e in found] == ["ACCUSE"]
    found = events("When asked, Labour said the Tories were a disgrace.")
    assert [e.type for e in found] == ["ACCUSE"]


def test_a_passive_label_judges_the_plan_it_names():
    found = _home_story(
        'The Tories dismissed the pay plan as "desperate", while the Liberal Democrats said '
        "it was misdirected.",
        "Opposition MPs in London said Britain needed better.",
    )
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found and len(found) == 2
    # misconduct done by no one named, or money whose places are no owners, names no target
    found = _home_story(
        "Campaigners said the victims had been abused. Cardinal Murphy-O'Connor said "
        "billions of pounds spent on the war in Iraq should have been used to reduce poverty.",
        "Opposition MPs in London said Britain needed better.",
    )
    assert not [f for f in found if f[0] == "ACCUSE" and f[2] in {"IRQ", None}]


def test_what_someone_needs_or_need_not_do_has_not_happened():
    assert events("As it stands terrorists do not need to attack the U.K.") == []
    assert events("Britain needs to cut aid to Kenya.") == []
    # what was done stays an event, and a denial stays a negated one
    assert summary(events("Britain cut aid to Kenya.")) == [("SANCTION", "GBR", "KEN")]
    [denied] = events("Russia did not attack Ukraine.")
    assert denied.negated


def test_an_attack_to_come_on_a_party_is_criticism_and_on_a_country_a_threat():
    found = _home_story(
        "Mr Howard will also attack the Lib Dems for wanting to abolish faith schools."
    )
    assert [f[0] for f in found] == ["ACCUSE"]
    assert [e.type for e in events("Obama wants to attack Switzerland.")] == ["THREATEN"]


def test_who_threatens_as_a_rule_states_no_threat():
    assert events("The terrorists who threaten Britain today know that Hitler failed.") == []
    assert summary(events("Iran threatened Britain.")) == [("THREATEN", "IRN", "GBR")]


def test_who_writes_to_someone_accusing_a_third_accuses():
    [event] = events(
        "Lib Dem chairman Matthew Taylor has written to the watchdog accusing Labour of a "
        "flagrant breach of the laws.",
        date=dt.date(2005, 3, 1),
    )
    assert (event.type, event.source.name, event.target.code) == (
        "ACCUSE",
        "Matthew Taylor",
        "GBRGOV",
    )


def test_withdrawing_words_or_posters_is_no_retreat():
    assert events("A Labour peer has withdrawn proposals to give women the same rights.") == []
    assert events("The party has withdrawn two controversial posters.") == []
    assert summary(events("Russia withdrew its troops from Georgia.")) == [
        ("RETREAT", "RUS", "GEO")
    ]
    # a demand that words be withdrawn stays a demand
    found = _home_story(
        'SNP Holyrood leader Nicola Sturgeon said: "This is an incredible gaffe. '
        'The first minister should withdraw these remarks immediately."',
        "MPs in London said Britain needed better.",
    )
    assert [f[0] for f in found] == ["REQUEST"]
