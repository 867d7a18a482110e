"""Actor composition and political language: the rules of the events issue
on sentences written for these tests (none is from a gold set, the dev gold
or the example article). Each rule has a case that codes and a hard negative
that must code nothing, or not the wrong thing."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.extract import analyze, knowledge
from newsgraph.extract.analysis import analyze_articles, dominant_country
from newsgraph.extract.events.codes import CodingContext, code_entity, party_code
from newsgraph.model import Article, Entity, Event, Mention

DATE = dt.date(2023, 5, 2)


def events(text: str, date: dt.date = DATE) -> list[Event]:
    return analyze(text, date=date).events


def summary(found: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.code, e.target.code) for e in found]


# -- composition: an actor's code from its own phrase and evidence -------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Kremlin spokesman Dmitry Peskov said the talks would go on.", "Dmitry Peskov", "RUSGOV"),
        ("UKIP spokesman Mark Croucher said the plan would fail.", "Mark Croucher", "GBROPP"),
        ("Bryansk Governor Alexander Bogomaz said the village was quiet.", "Alexander Bogomaz",
         "RUSGOV"),
        ("Mark Oaten, the Liberal Democrat's shadow home secretary, spoke.", "Mark Oaten",
         "GBROPP"),
    ],
)  # fmt: skip
def test_role_holders_take_their_organisation_or_place(text, name, code):
    found = {e.name: e.code for e in analyze(text, date=DATE).entities}
    assert found[name] == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian prosecutors charged the journalist with spying.", "RUSJUD"),
        ("Prosecutors at a Russian court charged the journalist with spying.", "RUSJUD"),
        ("Iran's judiciary charged the journalist with spying.", "IRNJUD"),
    ],
)
def test_sector_and_country_come_from_the_noun_phrase(text, code):
    [event] = events(text)
    assert (event.type, event.source.code) == ("COERCE", code)


def test_home_institutions_take_the_datelines_country_never_a_nearby_word():
    found = events(
        "WASHINGTON (AP) — The Treasury Department imposed sanctions on three Iranian firms."
    )
    assert summary(found) == [("SANCTION", "USAGOV", "IRNBUS")]
    # a named owner that is not the home country keeps the home out
    [event] = events("The Taliban government refused the U.S. demand to hand over bin Laden.")
    assert not (event.source.code or "").startswith("USA")


def test_a_government_named_by_its_nationality_is_that_countrys():
    [event] = events("The British Government praised China for its help in India.")
    assert (event.source.code, event.target.code) == ("GBRGOV", "CHN")


def test_a_persons_country_is_never_the_nearest_country_word():
    [event] = events(
        "Britain's Cherie Blair criticised President George W Bush.", dt.date(2004, 6, 1)
    )
    assert (event.source.code, event.target.code) == ("GBR", "USAGOV")


def test_parties_are_government_or_opposition_by_the_office_holder_table():
    labour = knowledge.organisation("Labour Party")
    assert labour is not None
    assert party_code(labour, dt.date(2005, 3, 1)) == "GBRGOV"
    assert party_code(labour, dt.date(2015, 3, 1)) == "GBROPP"
    assert party_code(labour, None) == "GBRPTY"


def test_the_dominant_country_is_of_the_places_else_of_the_people_who_act():
    def place(name: str, iso: str, n: int) -> Entity:
        mentions = [Mention(text=name, start=i, end=i + 1) for i in range(n)]
        return Entity(id=name, name=name, type="GPE", mentions=mentions,
                      attributes={"country": iso})  # fmt: skip

    iraq, britain = place("Iraq", "IRQ", 6), place("London", "GBR", 4)
    assert dominant_country([iraq, place("Basra", "IRQ", 2), britain]) == "IRQ"
    assert dominant_country([iraq, britain]) is None  # 6 to 4: no clear winner
    critic = Entity(id="p", name="Rowan Williams", type="PERSON",
                    mentions=[Mention(text="Williams", start=0, end=1)] * 3,
                    attributes={"nationality": "GBR"})  # fmt: skip
    assert dominant_country([iraq, britain, critic]) == "GBR"  # the one who acts


def test_home_country_is_the_outlets_then_the_dominant_one():
    record = Entity(id="e1", name="the Treasury", type="ORG", attributes={})
    assert code_entity(record, CodingContext(home="GBR")) in {"GBRGOV", "---GOV", None}
    article = Article(
        id="1",
        outlet="BBC News",
        paragraphs=["MPs urged the government to redraft the clauses on Monday."],
        published=DATE,
    )
    [analysis] = analyze_articles([article])
    assert summary(analysis.events) == [("REQUEST", "GBRLEG", "GBRGOV")]


# -- precision: political language that is not violence -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said on Monday that the talks would continue.",
        "Treasury yields rose sharply on Monday.",
        "The drone footage showed the damage to the bridge.",
        "He was a prisoner of conscience for ten years.",
        "She was selected to fight the Suffolk Coastal seat.",
        "Mr Blair shot basketball hoops with students at the college.",
        "The UN resolution sanctioning military action was passed in 2002.",
        "The attacks will not cause America to back down.",
        "Moscow's mood is nervous, as demonstrated by the sudden recall of its envoy to Kiev.",
        "The report demonstrated that the Home Office had lost track of the files.",
        "Mr Kennedy warned against curbing the right to protest outside parliament.",
        "The Lib Dem leader is expected to attack the chancellor's record on Monday.",
        "Iran is unlikely to meet the European Union negotiators before March.",
        "Charles Kennedy criticised plans to lower the burden of proof in some criminal trials, "
        "curbing of rights to protest, increased police powers.",  # no protest of his
        "It is a matter the French minister would have to discuss with the German cabinet.",
    ],
)
def test_hard_negatives_code_no_event(text):
    assert summary(events(text)) == []


def test_figurative_attacks_are_criticism():
    found = events("The Tories launched an attack on Labour's spending plans.", dt.date(2005, 3, 1))
    assert summary(found) == [("ACCUSE", "GBROPP", "GBRGOV")]
    found = events("Charles Kennedy attacked Gordon Brown over his record.", dt.date(2005, 3, 1))
    assert [e.type for e in found] == ["ACCUSE"]
    # a thing attacked is criticism of its political owner, never violence
    found = events("Mr Howard attacked government red tape.", dt.date(2005, 3, 1))
    assert [(e.type, e.target.code if e.target else None) for e in found] == [("ACCUSE", "---GOV")]
    found = events("Michael Howard attacked Labour's record on crime.", dt.date(2005, 3, 1))
    assert summary(found) == [("ACCUSE", "GBROPP", "GBRGOV")]
    # a person fought off is no one's politics
    assert summary(events("He admitted fighting off the child's mother.")) == []


def test_physical_attacks_stay_violence():
    [event] = events("Russia launched drones at Ukraine overnight.")
    assert (event.type, event.cameo_code, event.source.code, event.target.code) == (
        "ASSAULT", "1952", "RUS", "UKR"
    )  # fmt: skip
    [event] = events("North Korea fired two ballistic missiles toward Japan on Sunday.")
    assert (event.type, event.target.code) == ("ASSAULT", "JPN")
    [event] = events("North Korea fired two ballistic missiles into the sea on Sunday.")
    assert (event.type, event.target.code) == ("MOBILIZE", None)


def test_protesters_storming_a_building_is_a_violent_protest():
    [event] = events("Eight protesters stormed the parliament chamber during the debate.")
    assert (event.type, event.cameo_code) == ("PROTEST", "145")


def test_modals_and_conditions_are_not_acts():
    [event] = events("The first minister should withdraw these remarks, Mr Salmond said.")
    assert event.type == "REQUEST" and event.target.name == "The first minister"
    found = events("Iran threatened to close the Strait of Hormuz if the United States imposed "
                   "new sanctions.")  # fmt: skip
    assert summary(found) == [("THREATEN", "IRN", "USA")]


def test_intentions_reach_every_conjoined_verb():
    found = events("Pakistan plans to expand trade and to sign a security pact with Iran.")
    assert summary(found) == [("AGREE", "PAK", "IRN")]


def test_state_coercion_gives_its_country_to_people_without_one():
    found = events("China's crackdown on protesters in Tiananmen Square was condemned by the US.")
    assert summary(found) == [("COERCE", "CHN", "CHNOPP"), ("ACCUSE", "USA", "CHN")]
    found = events("Chinese police detained two Canadian tourists in Beijing.")
    assert summary(found) == [("COERCE", "CHNCOP", "CANCVL")]  # a country of their own is kept


def test_what_should_have_been_done_is_blame_not_a_demand():
    [event] = events("The minister should have told Parliament first, Mr Hague said.")
    assert (event.type, event.cameo_code, event.target.name) == ("ACCUSE", "111", "The minister")
    [event] = events("Mr Hague said the minister should tell Parliament first.")
    assert (event.type, event.target.name) == ("REQUEST", "the minister")


def test_a_verdict_inside_a_quotation_is_the_speakers_criticism():
    text = ('Shadow Home Secretary David Davis spoke on Monday. "Once again the Home Office '
            'has shown crass incompetence. It cannot be trusted," he said.')  # fmt: skip
    found = events(text, dt.date(2005, 3, 1))
    assert [(e.type, e.source.name, e.target.name) for e in found] == [
        ("ACCUSE", "David Davis", "Home Office")
    ]  # "It cannot be trusted": a pronoun in a quote, no event
    text = 'Michael Howard spoke. "If the attorney general was wrong, we will know it," he said.'
    assert summary(events(text, dt.date(2005, 3, 1))) == []  # a condition, not a verdict


def test_raids_and_arrests_by_the_state_keep_whom_they_seized():
    [event] = events("Russian police raided the offices of the human rights group Memorial.")
    assert (event.type, event.source.code, event.target.code) == ("COERCE", "RUSCOP", "RUS")
    assert "Memorial" in (event.target.name or "")
    [event] = events("Tanzanian police said on Tuesday they had arrested 14 foreigners.")
    assert (event.type, event.source.code, event.target.name, event.target.code) == (
        "COERCE", "TZACOP", "14 foreigners", None
    )  # fmt: skip
    assert summary(events("Schools are now seizing the tools we gave them.")) == []


def test_welcoming_his_apology_targets_the_one_who_apologised():
    text = ("Charles Clarke apologised to MPs on Monday. Shadow home secretary David Davis "
            "welcomed his apology.")  # fmt: skip
    found = events(text, dt.date(2005, 3, 1))
    assert [(e.type, e.source.name, e.target.name) for e in found][-1] == (
        "SUPPORT", "David Davis", "Charles Clarke"
    )  # fmt: skip


def test_who_is_locked_in_talks_holds_them():
    [event] = events(
        "The Irish prime minister has been locked in talks with the British government."
    )
    assert (event.type, event.source.code, event.target.code) == ("CONSULT", "IRLGOV", "GBRGOV")
    found = events("The MP believes UK security services were involved in some arson attacks.")
    assert summary(found) == []  # involved, not said to have attacked


def test_an_inquiry_or_report_acts_as_its_author():
    found = events("A report by Amnesty International criticised the Egyptian government.")
    assert summary(found) == [("ACCUSE", "NGOHRIAMN", "EGYGOV")]


def test_training_forces_is_military_aid():
    [event] = events("Turkish officers have been training Somali troops in Mogadishu.")
    assert (event.type, event.cameo_code, event.source.code[:3], event.target.code[:3]) == (
        "AID", "072", "TUR", "SOM"
    )  # fmt: skip


def test_a_rejection_of_the_charges_targets_who_made_them():
    found = events("Iran accused Israeli forces of shelling the convoy. The Israeli army "
                   "rejected the allegations on Sunday.")  # fmt: skip
    assert summary(found)[-1] == ("REJECT", "ISRMIL", "IRN")
    found = events("The Israeli army rejected the allegations on Sunday.")
    assert summary(found) == []  # no one made them in this text


def test_wishes_are_requests_of_the_one_wished_to_act():
    found = events("The unions want the government to withdraw the regulations.", DATE)
    assert [e.type for e in found] == ["REQUEST"]
    found = events("Ms Sturgeon wrote to Mr Swinney on Monday, calling for him to apologise for "
                   "the remark and withdraw it.", dt.date(2005, 3, 1))  # fmt: skip
    assert [(e.type, e.source.name, e.target.name) for e in found] == [
        ("REQUEST", "Sturgeon", "Swinney")
    ]  # not her retreat, nor his apology


def test_visits_inside_the_actors_own_country_are_no_event():
    assert events("Mr Blair visited Sheffield on Monday.", dt.date(2005, 3, 1)) == []
    [event] = events("Mr Blair visited Washington on Monday.", dt.date(2005, 3, 1))
    assert (event.type, event.target.code) == ("CONSULT", "USA")


def test_claims_inside_quotes_keep_who_reported_them():
    found = events('"Ukraine attacked our villages," the Kremlin spokesman Dmitry Peskov said.')
    assert [(e.type, e.reported_by) for e in found] == [("ASSAULT", "Dmitry Peskov")]


# -- recall: constructions real copy uses --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Union praised Turkey on Friday for its reforms.",
         [("SUPPORT", "IGOEUREEC", "TUR")]),
        ("Kenya handed over two suspects to the United States on Friday.",
         [("COOPERATE", "KEN", "USA")]),
        ("The US embassy in Moscow asked the Russian government for an explanation.",
         [("REQUEST", "USAGOV", "RUSGOV")]),
        ("The minister has been accused of criticising the judges.",
         [("ACCUSE", "---GOV", "---JUD")]),
        ("Washington announced a new aid package for Iraq.", [("AID", "USAGOV", "IRQ")]),
        ("Sir Digby Jones warned Gordon Brown not to raise taxes.",
         [("REQUEST", "GBR", "GBRGOV")]),
    ],
)  # fmt: skip
def test_recall_on_political_constructions(text, expected):
    assert summary(events(text, dt.date(2005, 3, 1))) == expected


def test_condemning_an_act_targets_whoever_did_it():
    [event] = events("Egypt condemned the cowardly bombings on Friday.")
    assert (event.type, event.source.code, event.target.code) == ("ACCUSE", "EGY", None)
    [event] = events("Egypt condemned the cowardly, criminal and tragic bombings on Friday.")
    assert (event.type, event.target.code) == ("ACCUSE", None)  # "criminal" names no one
    found = events("Egypt condemned the Israeli air strikes on Friday.")
    assert ("ACCUSE", "EGY", "ISR") in summary(found)


def test_verdicts_and_stances_are_criticism():
    found = events(
        "The Tories dismissed Labour's childcare plan as desperate.", dt.date(2005, 3, 1)
    )
    assert summary(found) == [("ACCUSE", "GBROPP", "GBRGOV")]  # not a rejection
    found = events("Labour said Michael Howard's plans were a fraud.", dt.date(2005, 3, 1))
    assert summary(found) == [("ACCUSE", "GBRGOV", "GBROPP")]
    found = events("The Lib Dems were critical of Tony Blair's failure.", dt.date(2005, 3, 1))
    assert summary(found) == [("ACCUSE", "GBROPP", "GBRGOV")]


def test_coordinated_actors_keep_every_member():
    [event] = events("Kenya and Tanzania signed a trade agreement on Monday.")
    assert event.mutual and {a.code for a in event.sources} == {"KEN", "TZA"}


def test_prisoner_exchanges_are_releases_both_ways():
    [event] = events("Russia and Ukraine exchanged prisoners on Saturday.")
    assert (event.type, event.cameo_code, event.mutual) == ("RETREAT", "0841", True)
    assert {a.code for a in event.sources} == {"RUS", "UKR"}


def test_talks_with_a_counterpart_are_coded_both_ways():
    [event] = events("Iran held talks with Oman on Tuesday.")
    assert event.mutual and {a.code for a in event.sources} == {"IRN", "OMN"}


def test_passive_arrests_are_the_home_countrys_police():
    article = Article(
        id="1",
        outlet="BBC News",
        paragraphs=["Mr Conlon was arrested when travelling to London from Belfast."],
        published=dt.date(2005, 3, 1),
    )
    [analysis] = analyze_articles([article])
    # Mr Conlon: unplaced, in a British paper's British story -> GBR
    assert summary(analysis.events) == [("COERCE", "GBRCOP", "GBR")]


def _home_story(*paragraphs: str, outlet: str = "BBC News") -> list[tuple[str, str, str]]:
    article = Article(
        id="1", outlet=outlet, paragraphs=list(paragraphs), published=dt.date(2005, 3, 1)
    )
    [analysis] = analyze_articles([article])
    return summary(analysis.events)


def test_unplaced_people_and_bodies_take_a_confirmed_home_country():
    found = _home_story(
        "Liberal Democrat Alan Beith urged Mr Thomas to investigate the Cabinet Office.",
        "The watchdog said London officials had deleted the e-mails in Britain.",
    )
    assert ("REQUEST", "GBROPP", "GBR") in found  # "Mr Thomas": no country of his own


def test_no_home_country_for_people_when_the_places_are_abroad():
    found = _home_story(  # a British outlet, but an Iraqi story: no guess
        "Mr Hassan urged Mr Kadhim to leave Baghdad.",
        "Iraq and Iraqi officials in Basra and Mosul said Iraq would decide.",
    )
    assert found == [("REQUEST", None, None)]


def test_criticism_of_a_plan_targets_whose_plan_it_is():
    found = _home_story(
        "Liberal Democrat leader Charles Kennedy said his party would oppose the plans.",
        "Opposition MPs in London criticised Labour's proposals for Britain.",
    )
    assert ("REJECT", "GBROPP", "GBRGOV") in found  # unowned plans: the home government's
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found  # Labour's, in government in 2005


def test_a_government_opposing_plans_is_not_its_own_target():
    found = _home_story(
        "Home Secretary Charles Clarke said the government would oppose the plans in Britain.",
    )
    assert not any(kind == "REJECT" and target == "GBRGOV" for kind, _, target in found)


def test_his_chancellor_is_another_person_of_his_country():
    found = _home_story("Tony Blair praised his chancellor in a speech in London.")
    assert found == [("SUPPORT", "GBRGOV", "GBRGOV")]


def test_by_accusing_inherits_the_subject():
    found = _home_story("Tony Blair responded by accusing Michael Howard of lying.")
    assert found == [("ACCUSE", "GBRGOV", "GBROPP")]


def test_an_undated_party_leader_leads_a_party_not_the_government():
    article = Article(id="1", paragraphs=["Lib Dem leader Charles Kennedy criticised Tony Blair."])
    [analysis] = analyze_articles([article])
    assert summary(analysis.events) == [("ACCUSE", "GBRPTY", "GBRGOV")]


def test_a_refusal_to_accept_is_no_agreement():
    found = _home_story("Mr Blair's refusal to accept the Tories' proposals angered MPs in London.")
    assert found == [("REJECT", "GBRGOV", "GBROPP")]


def test_talking_to_ones_own_public_is_campaign_talk():
    found = _home_story(
        "Tony Blair said he would talk to as many people as possible in Britain.",
        "Michael Howard wanted to meet ordinary members of the public in London.",
        "Patricia Hewitt announced a drive to help women in British workplaces.",
    )
    assert found == []


def test_meeting_rules_is_meeting_no_one():
    found = _home_story("Ed Balls said Gordon Brown would meet his fiscal rules in Britain.")
    assert not any(kind in {"CONSULT", "AGREE"} for kind, _, _ in found)


def test_his_predecessor_is_another_person_and_a_named_counterpart_is_the_name():
    found = _home_story(
        "Lord Butler's assessment was backed by his predecessor, Lord Armstrong, in London.",
        "Jack Straw met his Spanish counterpart Miguel Moratinos in London.",
    )
    assert ("SUPPORT", "GBR", "GBR") in found  # not Lord Butler backing himself
    assert any(kind == "CONSULT" and "ESP" in (s or "") + (t or "") for kind, s, t in found)


def test_a_verdict_with_the_speaker_after_it():
    article = Article(
        id="1", paragraphs=["Mr Blair's comments were irresponsible, Michael Howard said."]
    )
    [analysis] = analyze_articles([article])
    assert summary(analysis.events) == [("ACCUSE", "GBRPTY", "GBRGOV")]
    article = Article(
        id="2", paragraphs=["Tony Blair's plan was well justified, Charles Kennedy said."]
    )
    [analysis] = analyze_articles([article])
    assert summary(analysis.events) == [("SUPPORT", "GBRPTY", "GBRGOV")]
