"""Event phrasings of political copy: predicate nouns, demands made in
quotations, labels given in the passive, nominal meetings "between X and Y",
tariffs. Sentences written for these tests (none from a gold set, the dev
gold or the example article); each rule has a hard negative."""

from __future__ import annotations

import datetime as dt

from newsgraph.extract import load_pipeline
from newsgraph.extract.analysis import analyze_articles
from newsgraph.extract.entities.mentions import name_mentions
from newsgraph.model import Article
from tests.extract.test_events_politics import _home_story, events, summary

DATE = dt.date(2019, 11, 18)


def test_a_critic_or_backer_of_someone_criticises_or_supports_them():
    [event] = events("Gerry Adams, a fierce critic of Tony Blair, spoke in Belfast.")
    assert (event.type, event.source.name, event.target.name) == (
        "ACCUSE",
        "Gerry Adams",
        "Tony Blair",
    )
    backers = summary(events("France has been the staunchest backer of Turkish membership."))
    assert backers == [("SUPPORT", "FRA", "TUR")]


def test_critics_as_a_group_state_nothing():
    assert events("Critics of the plan say it is far too costly.") == []
    assert events("Supporters of the club gathered outside the ground.") == []


def test_it_is_time_for_x_to_act_is_the_speakers_demand():
    found = _home_story(
        '"It is time for the Scottish Executive to commit to the rail link," said '
        "Conservative MP Tim Collins."
    )
    assert found == [("REQUEST", "GBROPP", "GBRGOV")]


def test_the_scottish_executive_is_a_government_not_a_business():
    found = summary(events("The Scottish Executive criticised the Conservative Party."))
    assert found[0][:2] == ("ACCUSE", "GBRGOV")


def test_what_a_scheme_is_to_do_has_not_happened():
    assert events("A failed government scheme to offer UK university courses online ended.") == []
    assert events("Russia launched a bid to seize the city.") == []


def test_a_label_given_in_the_passive_is_the_agents_criticism():
    found = _home_story('A failed government scheme has been branded a "disgraceful waste" by MPs.')
    assert found == [("ACCUSE", "GBRLEG", "GBRGOV")]


def test_attacking_a_decision_by_someone_criticises_them():
    found = _home_story("Jack Straw has attacked the decision by Britain's highest court.")
    assert found == [("ACCUSE", "GBRGOV", "GBRJUD")]


def test_we_and_i_in_a_direct_quotation_are_its_speaker():
    article = Article(
        id="1",
        outlet="BBC News",
        paragraphs=[
            'Conservative leader Michael Howard said in London: "We condemn the government '
            'for this betrayal of farmers."'
        ],
        published=dt.date(2005, 3, 1),
    )
    [analysis] = analyze_articles([article])
    [event] = analysis.events
    assert (event.type, event.source.name, event.target.code) == (
        "ACCUSE",
        "Michael Howard",
        "GBRGOV",
    )


def test_we_outside_a_quotation_is_nobody_in_particular():
    assert events("We condemn the government for this betrayal.") == []


def test_a_meeting_between_two_named_parties_is_mutual():
    [event] = events(
        "Officials prepared a news conference between President Donald Trump and Chinese "
        "vice-premier Liu He.",
        DATE,
    )
    assert event.type == "CONSULT" and event.mutual
    assert sorted((a.code or "")[:3] for a in event.sources) == ["CHN", "USA"]


def test_a_news_conference_alone_is_no_meeting():
    assert events("Mr Trump spoke at a news conference at the White House on Friday.") == []


def test_tariffs_imposed_are_sanctions_and_tariffs_promised_threats():
    [imposed] = events("The United States imposed tariffs on Chinese goods on Sunday.", DATE)
    assert (imposed.type, imposed.source.code, imposed.target.code) == ("SANCTION", "USA", "CHN")
    [threat] = events(
        "President Donald Trump said he would raise tariffs on Chinese imports if no deal is "
        "reached.",
        DATE,
    )
    assert (threat.type, threat.target.code) == ("THREATEN", "CHN")


def test_tariff_rates_alone_are_no_event():
    assert events("Tariffs rose by 5% last year, the figures show.") == []


def test_liaising_with_is_consulting():
    [event] = events("Russian police liaised with Ukrainian border guards on Monday.")
    assert (event.type, event.source.code, event.target.code) == ("CONSULT", "RUSCOP", "UKRCOP")


def test_the_pronoun_he_is_not_a_surname():
    doc = load_pipeline(None)(
        "The talks with Liu He, China's vice-premier, went on. He said the US would wait."
    )
    names = [m.text for m in name_mentions(doc)]
    assert "Liu He" in names and "US" in names  # "US" in capitals stays a name
    assert "He" not in names


def test_other_countries_are_not_the_home_country():
    found = _home_story(
        '"We are now asking other countries to join us," Chancellor Gordon Brown said in London.'
    )
    assert found == [("REQUEST", "GBRGOV", "---GOV")]


def test_a_pact_named_after_a_place_is_nobodys():
    assert events("George Bush refused to sign up to the Kyoto protocol.") == []
    [event] = events(
        "Ukrainian lawmakers endorsed an association agreement with the European Union."
    )
    assert (event.type, event.target.code) == ("SUPPORT", "IGOEUREEC")


def test_investigating_a_problem_somewhere_investigates_no_one():
    found = _home_story(
        'A spokeswoman for Royal Mail said in London: "We are investigating a problem with the '
        'delivery route in the Mowden area of Darlington."'
    )
    assert found == []


def test_which_minister_is_asked_about_not_named():
    found = _home_story(
        'Labour leader Tony Blair said in London: "I have asked which minister would take the '
        'decision."'
    )
    assert found == []


def test_a_call_for_something_the_government_is_to_do_targets_the_government():
    found = _home_story(
        "Unison leader Dave Prentis called for talks between unions and the highest level of "
        "government in London."
    )
    assert [(kind, target) for kind, _, target in found] == [("REQUEST", "GBRGOV")]


def test_a_call_for_a_body_to_be_set_up_names_no_one():
    found = _home_story("Unison called for an independent body to be set up in London.")
    assert [f for f in found if f[0] == "REQUEST"] == []


def test_them_after_a_list_of_examples_is_the_listed_parties():
    [event] = events(
        "President Donald Trump has brought drama into talks with partners, including Japan, "
        "Canada and Mexico, publicly threatening them with tariffs.",
        DATE,
    )
    assert event.type == "THREATEN"
    assert sorted(t.code for t in event.targets) == ["CAN", "JPN", "MEX"]


def test_a_court_named_in_a_compound_keeps_its_place():
    [event] = events("China has denounced a Hong Kong court ruling on the mask ban.", DATE)
    assert (event.type, event.target.code) == ("ACCUSE", "HKGJUD")


def test_people_a_foreign_state_coerces_are_not_the_home_countrys():
    found = _home_story(
        "Mr Blair spoke in London.",
        "The ban followed China's crackdown on protesters in Tiananmen Square.",
    )
    assert ("COERCE", "CHN", "CHNOPP") in found


def test_telling_someone_what_one_will_do_is_no_request():
    found = _home_story(
        'Sir John Stevens told MPs in London: "If we get the right response, we will support '
        'a change in the law."'
    )
    assert [f for f in found if f[0] == "REQUEST"] == []
    [order] = events("The minister told the protesters to leave the square.")
    assert order.type == "REQUEST"


def test_a_denial_reaches_through_a_clause_in_between():
    [event] = events("Ruth Kelly denied her faith meant she would refuse key government jobs.")
    assert event.negated


def test_people_deported_from_a_place_were_deported_by_its_country():
    [event] = events("Two Indian students were deported from Arizona last week.")
    assert (event.type, event.source.code, event.target.code) == ("COERCE", "USAGOV", "INDEDU")


def test_a_stabbing_that_killed_is_an_unidentified_attackers():
    [event] = events(
        "A stabbing that killed a passenger on a train in Oakland, California, shocked commuters."
    )
    assert (event.type, event.source.code, event.target.code) == ("ASSAULT", "USACRM", "USACVL")


def test_a_child_kidnapped_is_a_civilian_attacked():
    found = events("Police said Michael Webb kidnapped the child in Fort Worth, Texas.")
    assert ("ASSAULT", "USACVL") in [(e.type, e.target.code) for e in found]


def test_voting_against_rejects_and_a_conditional_vote_threatens():
    [vote] = events("Labour MPs voted against the Conservative Party's bill on Tuesday.")
    assert (vote.type, vote.target.name) == ("REJECT", "Conservative Party")
    [threat] = events(
        "The Conservatives will vote against the Labour bill unless changes are made."
    )
    assert (threat.type, threat.target.name) == ("THREATEN", "Labour Party")


def test_voting_for_a_party_is_an_election_not_an_event():
    assert events("Voters in Kent voted for the Conservatives.") == []


def test_anger_and_gratitude_toward_someone_are_criticism_and_praise():
    [angry] = events("The Fire Brigades Union was furious with Tony Blair over pensions.")
    assert (angry.type, angry.target.name) == ("ACCUSE", "Tony Blair")
    [grateful] = events("Mr Blair said he was grateful to President Bush.")
    assert (grateful.type, grateful.target.name) == ("SUPPORT", "Bush")


def test_a_walkout_is_a_strike():
    [event] = events("Rail workers staged a walkout against the rail operator in Manchester.")
    assert (event.type, event.cameo_code) == ("PROTEST", "143")


def test_misconduct_someone_alleges_is_their_criticism():
    [shirk] = events(
        "The SNP believes the Scottish Executive is shirking its responsibility.",
        dt.date(2005, 3, 1),
    )
    assert (shirk.type, shirk.source.name, shirk.target.code) == (
        "ACCUSE",
        "Scottish National Party",
        "GBRGOV",
    )
    [betrayed] = events("Mr Makarov claims he has been betrayed by the British government.")
    assert (betrayed.type, betrayed.target.code) == ("ACCUSE", "GBRGOV")


def test_misconduct_denied_or_narrated_or_lying_in_is_no_criticism():
    assert events("The minister said he had not misled Parliament.") == []
    assert events("The Tories said the potential lay in the Labour Party's integrity.") == []
    assert events("The Scottish Executive shirked its responsibility for years.") == []


def _people(*paragraphs: str) -> dict[str, dict]:
    article = Article(id="1", paragraphs=list(paragraphs), published=dt.date(2005, 3, 1))
    [analysis] = analyze_articles([article])
    return {e.name: e.attributes for e in analysis.entities if e.type == "PERSON"}


def test_a_lede_that_describes_before_naming_is_one_person():
    people = _people(
        "An ex-Russian intelligence officer is on hunger strike near Downing Street.",
        "Viktor Makarov, 50, claims he has been betrayed by the authorities.",
    )
    assert people["Viktor Makarov"].get("nationality") == "RUS"
    assert not any(name.startswith("An ex-Russian") for name in people)


def test_a_victim_in_the_lede_is_not_the_person_named_next():
    people = _people(
        "A British soldier has been killed in southern Iraq.",
        "Geoff Smith said the patrol had come under fire near Basra.",
    )
    assert people["Geoff Smith"].get("nationality") is None


def test_a_titled_speaker_is_not_the_one_described_before():
    people = _people(
        "A Russian businessman is suing the government.",
        "Defence Secretary Geoff Hoon said the claim would be fought.",
    )
    assert people["Geoff Hoon"].get("nationality") != "RUS"


def test_the_executive_after_the_scottish_executive_is_it():
    found = _home_story(
        "The Scottish Executive has rejected the plan for a casino in Glasgow.",
        "But the SNP says the executive is shirking its responsibility.",
    )
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found


def test_a_verdict_conjoined_to_a_passive_demand_is_the_sayers():
    found = _home_story(
        "The Scottish Executive has rejected the plan for a casino in Glasgow.",
        "But the SNP and the Tories say the issue should be decided in Scotland and believe "
        "the executive is shirking its responsibility.",
    )
    assert [f for f in found if f[0] == "ACCUSE"] == [("ACCUSE", "GBROPP", "GBRGOV")]


def test_a_name_the_parser_took_for_the_root_is_the_subject():
    found = _home_story(
        "Chancellor Gordon Brown spoke in London on Wednesday.",
        "Vincent Cable, for the Liberal Democrats, called on Mr Brown to open up the books.",
    )
    assert ("REQUEST", "GBROPP", "GBRGOV") in found


def test_saying_another_needs_to_act_is_a_request():
    [event] = events(
        "The Labour party said the Liberal Democrats needed to explain how they would pay.",
        dt.date(2005, 3, 1),
    )
    assert (event.type, event.target.name) == ("REQUEST", "Liberal Democrats")
    assert events("He said we need to act now on climate change.") == []
    assert (
        events("Mr Leigh warned the Treasury would have to work hard to get the money back.") == []
    )


def test_talks_a_speaker_reports_are_his_sides():
    [event] = events(
        "Foreign Secretary Jack Straw said intense discussions were taking place with US officials.",
        dt.date(2005, 3, 1),
    )
    assert (event.type, event.source.name, event.target.code) == ("CONSULT", "Jack Straw", "USAGOV")


def test_a_headline_participle_is_passive():
    [event] = events("Hong Kong 'threatened with Chinese military intervention'")
    assert (event.type, event.source.code, event.target.code) == ("THREATEN", "CHN", "HKG")
    [active] = events("Iran threatened the United States with sanctions.")
    assert (active.source.code, active.target.code) == ("IRN", "USA")


def test_a_present_verb_after_has_done_belongs_to_the_outer_subject():
    [event] = events(
        "Many American businesses agree that China has long taken advantage of the United "
        "States and support President Trump's efforts to remove trade barriers.",
        DATE,
    )
    assert (event.type, event.source.name, event.target.code) == (
        "SUPPORT",
        "Many American businesses",
        "USAGOV",
    )


def test_an_act_coordinated_after_a_passive_report_is_the_reporters():
    [event] = events(
        "Bolivian ombudsman Nadia Cruz said the deaths were caused by gunshot wounds and called "
        "on the Bolivian government to withdraw the army.",
        DATE,
    )
    assert (event.type, event.source.name, event.target.code) == (
        "REQUEST",
        "Nadia Cruz",
        "BOLGOV",
    )


def test_westminster_words_place_a_story_that_names_no_place():
    article = Article(
        id="1",
        paragraphs=[
            "MPs urged the government to redraft the animal welfare bill.",
            "The select committee said the MPs were concerned by the wording.",
        ],
        published=dt.date(2005, 3, 1),
    )
    [analysis] = analyze_articles([article])
    assert ("REQUEST", "GBRLEG", "GBRGOV") in summary(analysis.events)


def test_political_words_never_outvote_a_named_place():
    from newsgraph.gazetteer import geo

    assert geo.vocabulary_country("MPs said the select committee would meet.") == "GBR"
    assert geo.vocabulary_country("MPs met. A congressman said so.") is None
    assert geo.vocabulary_country("One MP said so.") is None
    article = Article(
        id="1",
        paragraphs=["MPs in Ottawa urged the government to act.", "MPs said so again."],
        published=dt.date(2005, 3, 1),
    )
    [analysis] = analyze_articles([article])
    assert all((s or "")[:3] != "GBR" for _, s, _ in summary(analysis.events))


def test_a_private_person_arriving_somewhere_pays_no_visit():
    assert events("Viktor Makarov, a Russian engineer, arrived in London in 1992.") == []
    [visit] = events("Russian President Vladimir Putin arrived in London on Monday.")
    assert (visit.type, visit.source.code, visit.target.code) == ("CONSULT", "RUSGOV", "GBR")


def test_admitting_to_an_act_is_doing_it():
    [event] = events("Michael Webb admitted to threatening the girl in Fort Worth, Texas.")
    assert (event.type, event.source.name, event.target.code) == (
        "THREATEN",
        "Michael Webb",
        "USACVL",
    )


def test_them_after_people_named_as_an_object_is_those_people():
    found = events(
        "Russian police surrounded 800 Ukrainian students and threatened to use tear gas on them."
    )
    assert ("THREATEN", "RUSCOP", "UKREDU") in summary(found)


def test_what_a_reported_clause_says_was_reached_is_an_agreement():
    [event] = events(
        "The announcement that Iran and Russia had reached an agreement surprised analysts."
    )
    assert event.type == "AGREE" and event.mutual
    assert sorted(a.code for a in event.sources) == ["IRN", "RUS"]


def test_laying_siege_coerces():
    [event] = events(
        "Russian police have laid siege to a Ukrainian village, trapping 800 students."
    )
    assert (event.type, event.cameo_code, event.source.code) == ("COERCE", "191", "RUSCOP")


def test_misconduct_voiced_inside_a_quotation_is_the_speakers_criticism():
    [event] = events(
        'Tory leader Michael Howard spoke in London. "The chancellor has misled the country. '
        'This is a sad day for Britain," Mr Howard said.',
        dt.date(2005, 3, 1),
    )
    assert (event.type, event.source.name, event.target.name) == (
        "ACCUSE",
        "Michael Howard",
        "The chancellor",
    )


def test_the_union_after_the_european_union_is_not_the_eu():
    found = _home_story(
        "The European Union has set new rules for fire services across Europe.",
        "The union criticised the government in London on Monday.",
    )
    assert found == [("ACCUSE", "GBRLAB", "GBRGOV")]


def test_lying_voiced_inside_a_quotation_is_criticism_lying_in_is_not():
    [event] = events(
        'Tory leader Michael Howard spoke in London. "The prime minister lied to the country. '
        'This is a sad day for Britain," Mr Howard said.',
        dt.date(2005, 3, 1),
    )
    assert (event.type, event.source.name) == ("ACCUSE", "Michael Howard")
    assert (
        events(
            'Tory leader Michael Howard spoke in London. "The answer lay in the reforms. '
            'This is a sad day for Britain," Mr Howard said.',
            dt.date(2005, 3, 1),
        )
        == []
    )


def test_concessions_made_sought_and_required():
    assert summary(events("Mexico made concessions to the United States.")) == [
        ("CONCEDE", "MEX", "USA")
    ]
    assert summary(events("The United States sought concessions from China.")) == [
        ("REQUEST", "USA", "CHN")
    ]
    assert summary(events("The United States required concessions from China.")) == [
        ("REQUEST", "USA", "CHN")
    ]
    # "require" of anything else is no demand of anyone
    assert events("The United States required visas from Chinese visitors.") == []


def test_sanctions_by_other_verbs_freezing_slapping_cutting_off():
    assert summary(events("Britain froze the assets of Russian oligarchs.")) == [
        ("SANCTION", "GBR", "RUSBUS")
    ]
    assert summary(events("The US slapped tariffs on Chinese goods.")) == [
        ("SANCTION", "USA", "CHN")
    ]
    assert summary(events("Russia cut off gas supplies to Ukraine.")) == [
        ("SANCTION", "RUS", "UKR")
    ]
    assert events("The lake froze in January.") == []


def test_deals_finalised_and_truces_brokered():
    assert summary(events("Germany finalised a deal with France on the pipeline.")) == [
        ("SUPPORT", "DEU", "FRA")  # CAMEO 057, "sign formal agreement": PLOVER SUPPORT
    ]
    found = events("Qatar brokered a truce between Israel and Hamas.")
    assert {(e.type, e.cameo_code, e.source.code) for e in found} == {("CONSULT", "045", "QAT")}
    assert {e.target.code for e in found} >= {"ISR"}


def test_a_pardon_releases_a_person():
    assert summary(events("The US pardoned the Russian spy.")) == [("RETREAT", "USA", "RUSSPY")]


def test_criticism_or_pressure_someone_faces_or_comes_under_is_aimed_at_them():
    assert _home_story("The chancellor faced criticism from business leaders.") == [
        ("ACCUSE", "GBRBUS", "GBRGOV")
    ]
    assert _home_story("The minister came under pressure from Labour MPs.") == [
        ("REQUEST", "GBRLEG", "GBRGOV")
    ]
    assert summary(events("Iran faces growing pressure from the United States.")) == [
        ("REQUEST", "USA", "IRN")
    ]
    # criticism with no one it comes from is no event
    assert _home_story("The chancellor faced criticism over the plan.") == []


def test_an_unnamed_crowd_protests_as_civilians_of_the_place():
    found = events("Thousands marched through London to protest against the war.")
    assert [(e.type, e.source.code) for e in found] == [("PROTEST", "GBRCVL")]
    found = events("Protests in Bolivia against the government continued on Monday.")
    assert [(e.type, e.source.code) for e in found] == [("PROTEST", "BOLCVL")]
    # a place near one person's protest does not make a crowd of it, and a
    # protest placed nowhere names no one
    assert events("He is on the sixth week of a hunger strike near Downing Street.") == []
    assert events("The protests spread.") == []


def test_letting_down_or_failing_people_is_misconduct_in_what_someone_says():
    assert _home_story("The Lib Dems said the government had let down pensioners.") == [
        ("ACCUSE", "GBROPP", "GBRGOV")
    ]
    # failing to act, or failing a test, blames no one
    assert _home_story("The Lib Dems said the government had failed to act.") == []
    assert _home_story("The Lib Dems said the minister had failed the test.") == []


def test_fire_opened_on_or_exchanged_loans_and_recalled_ambassadors():
    found = events("Israeli troops opened fire on Palestinian protesters.")
    assert summary(found) == [("ASSAULT", "ISRMIL", "PSEOPP")]
    # fire opened at no one, or a fire that is lit, attacks no one
    assert events("Fans lit a fire outside the stadium.") == []
    found = events("India and Pakistan exchanged fire across the border.")
    assert {(e.type, e.source.code, e.target.code) for e in found} == {
        ("ASSAULT", "IND", "PAK")
    } and found[0].mutual
    assert summary(events("The IMF approved a $3 billion loan for Pakistan.")) == [
        ("AID", "IGOWSTIMF", "PAK")
    ]
    assert summary(events("France recalled its ambassador to the United States.")) == [
        ("SANCTION", "FRA", "USA")
    ]
    # an ambassador called home to his own capital breaks with no one
    assert events("Iran recalled its ambassador to Tehran for consultations.") == []


def test_office_holders_the_model_misses_are_people():
    found = events("Xi Jinping hosted Vladimir Putin.", date=dt.date(2023, 3, 1))
    assert summary(found) == [("CONSULT", "CHNGOV", "RUSGOV")]


def test_a_visit_to_two_countries_visits_each():
    [event] = events("Tony Blair will visit Mauritania and Senegal next week.")
    assert (event.type, {t.code for t in event.targets}) == ("AGREE", {"MRT", "SEN"})
    [event] = events("Tony Blair visited Mauritania and Senegal.")
    assert {t.code for t in event.targets} == {"MRT", "SEN"}


def test_support_won_and_inquiries_someone_is_the_subject_of():
    found = _home_story("Jack McConnell won broad support from opposition parties.")
    assert [f[0] for f in found] == ["SUPPORT"]
    found = summary(events("Toyota faces a Justice Department investigation."))
    assert found == [("ACCUSE", "USAJUD", "JPNBUS")]
    # a word of an organisation's name states no event ("Exchange" is no swap)
    found = events("The Securities and Exchange Commission opened an office in Boston.")
    assert [e for e in found if e.type == "RETREAT"] == []


def test_criticising_the_way_someone_acts_criticises_them():
    found = _home_story(
        "Lord Butler has criticised the way Tony Blair's government operates.",
        "MPs in London said Britain needed better.",
    )
    assert ("ACCUSE", "GBR", "GBRGOV") in found


def test_other_ministers_after_and_are_of_the_same_country():
    [event] = events(
        "Dr Fox accused Mr Blair and other Cabinet ministers of lying.", date=dt.date(2005, 3, 1)
    )
    codes = [t.code for t in event.targets or [event.target]]
    assert codes and all(code == "GBRGOV" for code in codes)  # never "---GOV"


def test_fines_blocked_bans_and_rulings_against():
    found = events("The European Commission fined Google 2.4 billion euros.")
    assert [(e.type, e.source.code, e.target.code, e.target.name) for e in found] == [
        ("COERCE", "IGOEUREEC", "USABUS", "Google")  # Google, not its parent's name
    ]
    found = summary(events("The judge blocked Trump's travel ban.", date=dt.date(2017, 3, 1)))
    assert found and found[0][0] == "REJECT" and found[0][2].startswith("USA")
    assert summary(events("Russia blocked the French resolution.")) == [("REJECT", "RUS", "FRA")]
    found = events("The Supreme Court ruled against the administration.")
    assert [(e.type, e.cameo_code) for e in found] == [("ACCUSE", "116")]
    # blocking a road is a protest, ruling out a deal and fine weather nothing
    assert [e.type for e in events("Protesters blocked the road to the airport.")] == ["PROTEST"]
    assert events("He ruled out a deal.") == [] and events("The weather was fine.") == []


def test_labour_strikes_are_protests_and_air_strikes_attacks():
    found = events("Teachers in Kenya went on strike over pay.")
    assert [(e.type, e.cameo_code, e.source.code) for e in found] == [("PROTEST", "143", "KENEDU")]
    found = events("French unions called a one-day strike against the government.")
    assert [(e.type, e.source.code) for e in found] == [("PROTEST", "FRALAB")]
    found = events("US forces carried out an air strike on the village.")
    assert [e.type for e in found] == ["ASSAULT"]


def test_fire_one_comes_under_and_criticism_brushed_aside():
    home = "MPs in London said Britain needed better."
    assert _home_story("The minister came under fire from MPs.", home) == [
        ("ACCUSE", "GBRLEG", "GBRGOV")  # from MPs: criticism, not gunfire
    ]
    found = _home_story("Troops came under fire from rebels near Basra.", home)
    assert [f[0] for f in found] == ["ASSAULT"]
    assert _home_story("The chancellor brushed aside criticism from the Lib Dems.", home) == [
        ("REJECT", "GBRGOV", "GBROPP")
    ]
    assert _home_story("He brushed off the dust.", home) == []
    # what is "under attack" with no one to be attacked is no event
    said = "This country is under attack, not from terrorists but from the government."
    assert [f for f in _home_story(said, home) if f[0] == "ASSAULT"] == []
