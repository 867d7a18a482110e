"""Events in real reporting: what speakers judge, which departures are
political, and where a story is set when only bodies' names say so.
Sentences written for these tests (none from a gold set, the dev gold or the
example article); each rule has a hard negative."""

from __future__ import annotations

from newsgraph.extract import analyze
from newsgraph.extract.analysis import dominant_country
from newsgraph.model import Entity, Mention
from tests.extract.test_events_politics import DATE, _home_story, events


def test_each_of_conjoined_verdicts_is_coded():
    found = _home_story(
        'Charles Kennedy said he thought Lord Butler\'s comments were "well justified" and '
        'Tony Blair\'s handling of the war was "disgraceful".'
    )
    assert ("SUPPORT", "GBROPP", "GBR") in found  # the first verdict, on Lord Butler
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found  # the second verdict, on Mr Blair
    # one verdict only: one event
    found = _home_story("Charles Kennedy said Tony Blair's handling of the war was disgraceful.")
    assert found.count(("ACCUSE", "GBROPP", "GBRGOV")) == 1


def test_leaving_a_company_post_is_no_political_retreat():
    assert events("Acme founder John Carter resigned as CEO on Monday.") == []
    assert events("John Carter stepped down as chief executive officer of Acme.") == []
    # a minister's resignation is a retreat (CAMEO 0831)
    [event] = events("Ukraine's defence minister resigned on Monday.")
    assert event.type == "RETREAT" and (event.source.code or "").startswith("UKR")


def test_charging_a_price_is_no_criminal_charge():
    assert events("Carter planned to charge the French company $6 million for his trademark.") == []
    [event] = events("French prosecutors charged the Algerian man over a $5 million fraud.")
    assert (event.type, event.source.code) == ("COERCE", "FRAJUD")


def _org(name: str, mentions: int, **attributes: str) -> Entity:
    spans = [Mention(text=name, start=i * 100, end=i * 100 + len(name)) for i in range(mentions)]
    return Entity(id=name, name=name, type="ORG", mentions=spans, attributes=dict(attributes))


def test_bodies_named_for_a_country_set_the_story_there():
    """No place is named, but the bodies' names are American ("New York
    State ...", "U.S. ...", "the FBI"): the story is American. A wire agency
    cited and a foreign company do not count."""
    bodies = [
        _org("New York State Attorney General", 3),
        _org("U.S. Securities and Exchange Commission", 1),
        _org("FBI", 1),
        _org("Reuters", 4),
        _org("SoftBank", 3, country="JPN"),
    ]
    assert dominant_country(bodies) == "USA"
    # British bodies outnumber the American one: no American story
    british = [_org("Serious Fraud Office", 3, country="GBR"), _org("Home Office", 2)]
    assert dominant_country([*bodies[1:3], *british]) == "GBR"


def test_what_a_purpose_clause_names_has_not_happened():
    found = events(
        "Iran has pressed the United States to leave the base, in order to open a route "
        "for Iranian military aid to Syrian government forces."
    )
    assert [e.type for e in found] == ["REQUEST"]  # no AID: the route is not open
    # the aid itself sent, with a purpose: still sent
    [event] = events("Iran sent military aid to Syrian government forces in order to help them.")
    assert (event.type, event.source.code, event.target.code) == ("AID", "IRN", "SYRMIL")


def test_events_counted_by_a_noun_keep_their_verb_and_target():
    """ "a series of attacks on X": the parser hangs the verb and the
    prepositions from "series"."""
    [event] = events("Iraq launched a series of attacks on Kuwait.")
    assert (event.type, event.source.code, event.target.code) == ("ASSAULT", "IRQ", "KWT")
    [event] = events("Iran held a new round of talks with Germany on Monday.")
    assert event.type == "CONSULT" and {event.source.code, event.target.code} == {"IRN", "DEU"}
    # the counter's "of" is the event noun, not a target
    [event] = events("The Egyptian opposition made a string of accusations against Israel.")
    assert (event.type, event.target.code) == ("ACCUSE", "ISR")


def test_criticisms_about_someone_are_aimed_at_them():
    found = _home_story("David Blunkett made criticisms about Gordon Brown.")
    assert found == [("ACCUSE", "GBRGOV", "GBRGOV")]
    # about a topic that is no one: no event
    assert _home_story("There was criticism about the timing of the vote.") == []


def test_the_deported_are_not_of_the_country_that_deports_them():
    [event] = events("Ravi Kumar, 24, was deported from Arizona on Monday.")
    assert event.type == "COERCE" and event.cameo_code == "174"
    assert event.source.code == "USAGOV"  # where he was deported from
    assert not (event.target.code or "").startswith("USA")
    # the arrested are of the state that holds them
    found = [e for e in events("Arizona police arrested Ravi Kumar.") if e.type == "COERCE"]
    assert [e.target.code for e in found] == ["USA"]


def test_sanctions_and_tariffs_called_off_are_eased():
    for text in (
        "The US suspended sanctions on Iran.",
        "Washington scrapped the tariffs on Canadian steel.",
        "The EU removed sanctions against Belarus.",
    ):
        [event] = events(text)
        assert (event.type, event.cameo_code) == ("RETREAT", "085"), text
    # other things suspended or cancelled keep their sense, or none
    [event] = events("The US suspended aid to Egypt.")
    assert (event.type, event.cameo_code) == ("SANCTION", "162")
    assert events("Chelsea cancelled the match against Arsenal.") == []


def test_who_acts_during_talks_held_them():
    [event] = events(
        "Mr. Trump announced the deal during a meeting in the Oval Office with Liu He, "
        "China's top trade negotiator."
    )
    assert (event.type, event.source.code, event.target.code) == ("CONSULT", "USAGOV", "CHNGOV")
    # an act beside the talks is not taking part in them
    found = events("Iranian protesters marched during talks with Germany.")
    assert [e.type for e in found] == ["PROTEST"]


def test_a_role_after_a_name_may_open_with_a_country_possessive():
    found = {
        e.name: e.code
        for e in analyze("Liu He, China's top trade negotiator, arrived.", date=DATE).entities
    }
    assert found["Liu He"] == "CHNGOV"


def test_what_one_company_provides_another_is_trade_not_aid():
    assert events("Google provided the software behind Apple's new phones.") == []
    # a state's weapons, food or money are aid, the finer code from the object
    [event] = events("The US provided weapons to Ukraine.")
    assert (event.type, event.cameo_code, event.target.code) == ("AID", "072", "UKR")
    [event] = events("Britain provided food to Sudan.")
    assert (event.type, event.cameo_code) == ("AID", "073")


def test_irony_corroboration_and_expectations_state_no_event():
    found = _home_story(
        "Michael Howard spoke after mockingly welcoming the chancellor back to the campaign."
    )
    assert [k for k, _, _ in found if k == "SUPPORT"] == []
    assert _home_story("Charles Kennedy has results to back up his optimism.") == []
    # what a speaker expects of a thing is no demand; of an actor it is
    found = _home_story("Mr Clarke said the changes should be sufficient to satisfy the Lords.")
    assert [k for k, _, _ in found if k == "REQUEST"] == []
    found = _home_story("Menzies Campbell said France should be more active in Europe.")
    assert ("REQUEST", "GBROPP", "FRA") in found


def test_co_hosts_host_others_not_each_other():
    assert events("Prince Charles and Camilla Parker Bowles hosted a dinner at Windsor.") == []
    [event] = events("Tony Blair hosted Jacques Chirac at Chequers.")
    assert (event.type, event.cameo_code) == ("CONSULT", "043")
    assert (event.target.code or "").startswith("FRA")


_PLACED = "MPs in London said Britain needed better rules."


def _uk(*paragraphs: str) -> list[tuple[str, str | None, str | None]]:
    """A British outlet's story whose places confirm Britain as its home."""
    return _home_story(_PLACED, *paragraphs)


def test_pleasure_at_what_someone_did_is_praise_of_them():
    found = _uk("Rowan Williams said he was pleased that Gordon Brown had decided to stay.")
    assert ("SUPPORT", "GBRREL", "GBRGOV") in found or ("SUPPORT", "GBR", "GBRGOV") in found
    found = _uk("Tony Blair said he was delighted for Gordon Brown.")
    assert [k for k, _, _ in found] == ["SUPPORT"]
    # pleasure at one's own plans or whereabouts praises no one
    assert _uk("Mr Howard said he was pleased to be in Leeds.") == []


def test_praise_denied_is_criticism_and_criticism_denied_nothing():
    found = _uk("UKIP officials argue Robert Kilroy-Silk has not been straightforward.")
    assert [k for k, _, _ in found] == ["ACCUSE"]
    assert _uk("Labour said the Tory plan was not a disgrace.") == []


def test_who_has_failed_is_criticised():
    found = _uk(
        "Tony Blair has had the chance to tackle the problems and has failed, Michael Howard said."
    )
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found
    # failing to do something is not failing someone: no event
    assert _uk("Michael Howard said the talks failed to reach a deal.") == []


def test_admiration_congratulations_and_support_offered():
    assert ("SUPPORT", "GBRGOV", "GBRGOV") in _uk("Tony Blair said he admired Gordon Brown.")
    found = _uk("Tony Blair offered his congratulations to Gordon Brown.")
    assert found == [("SUPPORT", "GBRGOV", "GBRGOV")]  # no AGREE from "offered"
    found = _uk("Tony Blair offered his support to Gordon Brown.")
    assert found == [("SUPPORT", "GBRGOV", "GBRGOV")]
    # "offered to" keeps its own sense
    [event] = events("Iran offered to mediate between Iraq and Kuwait.")
    assert event.type == "AGREE"


def test_quitting_a_post_is_a_resignation_quitting_a_party_is_not():
    found = _uk("David Blunkett quit as home secretary last week.")
    assert [(k, t) for k, _, t in found] == [("RETREAT", None)]
    assert [k for k, _, _ in _uk("Robert Kilroy-Silk quit UKIP last week.")] != ["RETREAT"]
    found = _uk("Robin Cook quit the cabinet over the Iraq war.")
    assert [(k, t) for k, _, t in found] == [("RETREAT", None)]


def test_a_group_of_people_met_is_those_people():
    [event] = events("Tony Blair met a group of Iraqi officials in Basra.")
    assert (event.type, event.target.code) == ("CONSULT", "IRQGOV")
    # a group of no one placed: no one to meet
    assert _uk("Tony Blair met a group of students in Leeds.") == []


def test_unowned_announcements_and_systems_are_the_home_governments():
    found = _uk('Plaid Cymru\'s Dai Lloyd called the announcement "hugely disappointing".')
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    found = _uk("The charity's director Robert Tapsfield criticised the existing system.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    # owned: its owner
    found = _uk("Dai Lloyd criticised the Conservative Party's announcement.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBROPP")]


def test_a_deal_hammered_out_with_someone():
    found = _uk("The unions hammered out a deal with Labour's leadership.")
    assert [(k, s, t) for k, s, t in found] == [("SUPPORT", "GBRLAB", "GBRGOV")]  # 057


def test_what_ones_own_country_should_do_is_an_opinion_not_a_request():
    assert _uk("Michael Howard said Britain should take its fair share of refugees.") == []
    # his government, a foreign country, or a person of his country: requests
    found = _uk("Michael Howard said the government should take its fair share of refugees.")
    assert found == [("REQUEST", "GBROPP", "GBRGOV")]
    found = _uk("Michael Howard said France should take its fair share of refugees.")
    assert found == [("REQUEST", "GBROPP", "FRA")]
    found = _uk('"Prince Harry should apologise," Michael Howard said.')
    assert [k for k, _, _ in found] == ["REQUEST"]


def test_a_partys_spokesmen_and_officials_are_the_partys():
    found = _uk("A spokesman for UKIP called on Mr Hockney to quit the London Assembly.")
    assert [(k, s) for k, s, _ in found] == [("REQUEST", "GBROPP")]  # not the government
    found = _uk("Conservative officials accused Labour of lying.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    # a ministry's spokesman is of the government
    [event] = events("A spokesman for the Kremlin criticised Ukraine.")
    assert event.source.code == "RUSGOV"


def test_questioning_how_something_works_questions_no_one():
    found = _uk("Chief constable Steve Green questioned how his officers would use the powers.")
    assert found == []
    # questioning someone is an investigation of him
    found = _uk("Police questioned Tony Blair about the loans.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    # investigating whether someone did something is an investigation of him
    found = _uk("Sir Alan Budd is investigating whether David Blunkett helped the nanny.")
    assert ("ACCUSE", "GBR", "GBRGOV") in found or ("ACCUSE", "GBRGOV", "GBRGOV") in found


def test_a_conditional_threat_is_aimed_at_whom_the_condition_names():
    found = _uk(
        "Mark Serwotka said the unions would go on strike unless the government backed down."
    )
    assert found == [("THREATEN", "GBRLAB", "GBRGOV")]
    # "if we don't get ...": the speaker's own condition names no target
    found = _uk(
        'Michael Howard said: "If we do not get the amendments, we will vote against the bill."'
    )
    assert ("THREATEN", "GBROPP", "GBRGOV") in found


def test_providing_as_a_conjunction_provides_nothing():
    found = _uk(
        "Edward Heath believed he could remain in office providing the 14 Liberal MPs "
        "would support his government."
    )
    assert [k for k, _, _ in found if k == "AID"] == []
    # the verb itself still gives aid
    found = _uk("Britain is providing aid to Iraq.")
    assert ("AID", "GBR", "IRQ") in found or ("AID", "GBRGOV", "IRQ") in found


def test_a_habit_is_no_event():
    found = _uk("Cherie Blair said she often criticised her husband Tony Blair at home.")
    assert [k for k, _, _ in found if k == "ACCUSE"] == []
    # acts repeated are still acts, and violence done as a rule is news
    found = _uk("Michael Howard repeatedly criticised Tony Blair over the war.")
    assert ("ACCUSE", "GBROPP", "GBRGOV") in found
    [event] = events("Israeli soldiers routinely beat up Palestinian detainees.")
    assert event.type == "ASSAULT"


def test_a_protest_at_a_thing_is_against_its_owner():
    found = _uk("Workers marched in London in protest at the government's job cuts.")
    assert found == [("PROTEST", "GBRLAB", "GBRGOV")]
    # an actor named in the protest's purpose is still its target
    found = _uk("Workers marched in protest at Labour's job cuts.")
    assert [(k, t) for k, _, t in found] == [("PROTEST", "GBRGOV")]


def test_a_label_the_parser_hangs_on_the_one_labelled_is_read():
    found = _uk("Dominic Grieve branded David Blunkett's conduct as 'scandalous'.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    found = _uk('Michael Howard branded the plan a "shambles".')
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    # a label that judges nothing is no criticism
    assert _uk("Michael Howard branded the plan a new departure.") == []


def test_nouns_for_a_countrys_people_are_its_people():
    [event] = events("Iran detained three Britons.")
    assert [t.code for t in event.targets or [event.target]] == ["GBR"]
    [event] = events("Police in Paris arrested two Frenchmen.")
    assert event.target is not None and event.target.code == "FRA"


def test_held_without_trial_is_a_detention():
    found = _uk("The four Britons have been held by the US without charge for three years.")
    assert found == [("COERCE", "USA", "GBR")]
    # talks or seats held are no detention
    assert _uk("The talks were held without preconditions.") == []
    assert _uk("Labour held the seat without difficulty.") == []


def test_a_detention_abroad_is_not_the_home_polices():
    found = _uk("The Britons were detained as part of the US-led war on terror.")
    assert found == []
    found = _uk("Two British men were detained as part of the US-led war on terror.")
    assert found == []
    # with nothing abroad, the home country's police did it
    found = _uk("Two Iraqis were arrested on Monday.")
    assert [(k, s) for k, s, _ in found] == [("COERCE", "GBRCOP")]


def test_abhorrent_and_its_kin_are_criticism():
    found = _uk("Michael Howard said the BNP's policies were \"abhorrent\".")
    assert [(k, s) for k, s, _ in found] == [("ACCUSE", "GBROPP")]


def test_an_unnamed_he_is_who_said_it():
    found = _uk("The UK's top judge has revealed he has clashed with ministers.")
    assert [(k, s) for k, s, _ in found] == [("ACCUSE", "GBRJUD")]
    # a named "he" stays the entity stage's
    found = _uk("Michael Howard said he had criticised Tony Blair.")
    assert [(k, s, t) for k, s, t in found] == [("ACCUSE", "GBROPP", "GBRGOV")]


def test_faith_groups_are_religious_actors():
    found = _uk("The police were accused of Islamophobia by Muslim groups.")
    assert found == [("ACCUSE", "GBRREL", "GBRCOP")]
    found = _uk("Church leaders criticised the government.")
    assert found == [("ACCUSE", "GBRREL", "GBRGOV")]


def test_an_object_it_is_the_body_named_as_an_object_before():
    found = _uk(
        "Robert Kilroy-Silk has quit the UK Independence Party and accused it of betraying "
        "its supporters."
    )
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRPTY")]


def test_condemning_a_deletion_condemns_an_act():
    # no doer named: the condemnation stands without a target
    found = _uk("Richard Thomas condemned the deletion of e-mails.")
    assert found == [("ACCUSE", "GBR", None)]
    [event] = events("Richard Thomas condemned the deletion of e-mails by the Cabinet Office.")
    assert event.type == "ACCUSE" and event.target is not None
    assert event.target.name == "Cabinet Office"


def test_labels_the_parser_reads_as_a_small_clause_or_a_modifier():
    found = _uk("Michael Howard branded the government's decision unacceptable.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    found = _uk('Mark Oaten has branded the ID scheme a waste of money and "deeply flawed".')
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    found = _uk("Lord Janner branded Tony Blair's actions 'stupid and evil'.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    # a label that praises or judges nothing is no criticism
    assert _uk("Michael Howard branded the decision important.") == []


def test_welfare_and_church_groups_act_and_targets_are_the_governments():
    found = _uk("Animal welfare groups have welcomed the ban.")
    assert found == [("SUPPORT", "GBRNGO", "GBRGOV")]
    found = _uk("Church groups criticised the new targets.")
    assert found == [("ACCUSE", "GBRREL", "GBRGOV")]


def test_idioms_of_misconduct_in_what_someone_says_are_criticism():
    found = _uk("Edward Leigh said the Home Office was 'dragging its heels'.")
    assert found == [("ACCUSE", "GBR", "GBRGOV")]
    found = _uk("Edward Leigh said the Home Office had been 'dreadfully slow' in paying its bills.")
    assert found == [("ACCUSE", "GBR", "GBRGOV")]
    found = _uk("Lynton Crosby said Labour was trying to distract attention from the issues.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBRGOV")]
    # dragged into a row, or a slow economy, blames no one
    assert _uk("Michael Howard said he had been dragged into the row.") == []
    assert _uk("Edward Leigh said the economy had been slow.") == []


def test_a_demand_made_in_writing_is_of_whom_it_was_written_to():
    found = _uk("Michael Howard has written to Tony Blair demanding an explanation of the rules.")
    assert found == [("REQUEST", "GBROPP", "GBRGOV")]
    found = _uk("Nicola Sturgeon wrote to Jack McConnell demanding an apology.")
    assert [(k, t) for k, _, t in found] == [("REQUEST", "GBRGOV")]
    # a book demanding change is addressed to no one
    assert _uk("Michael Howard wrote a book demanding change.") == []


def test_unplaced_troops_in_a_story_abroad_are_not_the_home_countrys():
    found = _uk(
        "The EU imposed its arms ban on China in 1989 after troops opened fire on "
        "protestors in Tiananmen Square."
    )
    assert ("SANCTION", "IGOEUREEC", "CHN") in found
    assert not any(s == "GBRMIL" for _, s, _ in found)
    # with nothing abroad, the home country's
    found = _uk("Troops opened fire on protesters in Londonderry.")
    assert [(k, s) for k, s, _ in found] == [("ASSAULT", "GBRMIL")]
    # a ban only mentioned is no sanction imposed
    assert _uk("The EU is likely to lift its arms ban on China.") == []


def test_some_in_a_party_are_of_the_party():
    found = _uk("Some in the Tory party are urging Michael Howard to announce tax cuts.")
    assert [(k, s) for k, s, _ in found] == [("REQUEST", "GBROPP")]


def test_working_people_striking_is_a_labour_strike():
    found = _uk("Public service workers struck on Friday.")
    assert found == [("PROTEST", "GBRLAB", None)]
    found = _uk("Union leaders said workers would strike unless ministers backed down.")
    assert found == [("THREATEN", "GBRLAB", "GBRGOV")]
    # strikes on someone stay violence; a deal struck is none
    [event] = events("Israel struck Hamas targets in Gaza.")
    assert event.type == "ASSAULT"
    assert _uk("The government struck a deal with the unions.") == []


def test_a_noun_of_judgement_on_a_thing_targets_its_owner():
    found = _uk("The Countryside Alliance launched a legal challenge to the hunting ban.")
    assert found == [("ACCUSE", "GBR", "GBRGOV")]
    found = _uk("The announcement won broad support from opposition parties.")
    assert found == [("SUPPORT", "GBROPP", "GBRGOV")]


def test_a_label_noun_of_an_actor_in_a_quotation_is_criticism_of_it():
    found = _uk('Michael Howard said: "We have seen the incompetence of this government."')
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    # praise of no one, or a label of a thing, is none
    assert _uk('Michael Howard said: "It is a story of great success."') == []


def test_accepting_a_decision_or_resignation_agrees_with_its_owner():
    found = _uk("Michael Howard has accepted the resignation of Jonathan Sayeed.")
    assert [(k, s) for k, s, _ in found] == [("AGREE", "GBROPP")]
    found = _uk("The Conservatives accepted Tony Blair's promise that MPs could review it.")
    assert found == [("AGREE", "GBROPP", "GBRGOV")]


def test_a_body_named_as_the_place_gives_only_its_country():
    found = _uk("Jonathan Sayeed made an unreserved apology to MPs in the Commons chamber.")
    assert [t for _, _, t in found] == ["GBRLEG"]  # was GBRLEGLEG


def test_generic_nations_are_not_the_home_countrys():
    found = _uk("Gordon Brown has called on rich nations to fund a plan to fight Aids.")
    assert found == [("REQUEST", "GBRGOV", "---GOV")]


def test_words_that_look_like_events_but_are_not():
    # an offer as a standing quality, a planned visit to a place, "appealed to" as attracted,
    # and an abstract "provided"
    assert _uk("People want a credible party which offers a different vision of Britain.") == []
    assert _uk("Gordon Brown will visit an Aids orphanage in Tanzania.") == []
    assert _uk("Charles Kennedy insisted the Lib Dem policies appealed to all sides.") == []
    assert _uk("The Lib Dems provided strong opposition to the government's plans.") == []
    # planned state visits stay intentions, aid provided stays aid
    assert _uk("Tony Blair will visit Senegal.") == [("AGREE", "GBRGOV", "SEN")]
    assert _uk("Britain provided aid to Iraq.") == [("AID", "GBR", "IRQ")]


def test_dodgy_is_criticism():
    found = _uk("Michael Howard said the Budget was dodgy.")
    assert [(k, s) for k, s, _ in found] == [("ACCUSE", "GBROPP")]


def test_coordinated_unnamed_targets_of_one_country_are_each_kept():
    [event] = events("Michael Howard accused the government and the chancellor of lying.", DATE)
    assert len(event.targets) == 2 and event.targets[0].name == "the government"
    [event] = events("Charles Kennedy criticised both the chancellor and the Tories.", DATE)
    assert len(event.targets) == 2
    # a bare country and its government are one target
    [event] = events("Britain cut relations with Russia unless the Kremlin withdrew.", DATE)
    assert len(event.targets or [event.target]) == 1


def test_more_idioms_of_criticism_and_praise():
    found = _uk("Labour claims the Lib Dem sums do not add up.")
    assert [(k, t) for k, _, t in found] == [("ACCUSE", "GBROPP")]
    found = _uk("Charles Kennedy told delegates that Labour had abused the public's trust.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    found = _uk("Liam Fox called Tony Blair a disappointment of historic proportions.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]
    # figures that add up accuse no one
    assert _uk("Michael Howard said the figures added up.") == []


def test_a_donation_made_to_a_party_is_aid():
    found = _uk("Lord Sainsbury has made a £2m donation to the Labour Party.")
    assert [(k, t) for k, _, t in found] == [("AID", "GBRGOV")]
    assert _uk("The donation was declared last week.") == []


def test_tributes_and_political_epithets():
    found = _uk("Michael Howard paid tribute to Tony Blair.")
    assert found == [("SUPPORT", "GBROPP", "GBRGOV")]
    found = _uk("Michael Howard said Tony Blair's government was a bossy, interfering government.")
    assert found == [("ACCUSE", "GBROPP", "GBRGOV")]


def test_denying_a_report_rejects_whoever_ran_it():
    found = _uk("Lynton Crosby has denied a report in The Times claiming he warned Michael Howard.")
    assert [(k, t) for k, _, t in found] == [("REJECT", "GBRMED")]
    found = _uk("Labour denied the Tory claims.")
    assert [(k, t) for k, _, t in found] == [("REJECT", "GBROPP")]
    # denying someone bail or a thing is no rejection of a claim
    assert _uk("The judge denied him bail.") == []


def test_a_call_for_an_inquiry_names_the_government():
    found = _uk("Michael Howard called for a public inquiry.")
    assert found == [("REQUEST", "GBROPP", "GBRGOV")]
    # a call for what no government gives asks no one
    assert _uk("Michael Howard called for more sunshine.") == []
