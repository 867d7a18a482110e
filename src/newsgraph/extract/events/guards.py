"""Precision on political language: what a trigger's clause must not be
coded as, read off the parse and the word lists of ``data/events.yaml``.

- **Figurative violence.** "attacked the plans", "fight the Suffolk seat",
  "launched an attack on Labour", "a crackdown on truants": a word of
  violence is ASSAULT only when what it hits is physical or military (a
  place, a building, troops, civilians), when the one who hits is armed
  (army, police, rebels), or when weapons are in the clause. Said of a
  person, party, government or policy it is criticism (ACCUSE 111); said of a
  seat or an election it is no event.
- **Sport and entertainment.** A clause that speaks of matches, hoops or
  films codes nothing.
- **Hypotheticals.** An action under "should/must/could/may" or inside an
  if/unless clause did not happen; "want/hope/expect X to ..." only wishes it.
- **Acts, not actors.** "condemned the bombings": the target is whoever did
  the act (its possessor, nationality or "by" agent), if the text says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.extract import knowledge
from newsgraph.extract.events import codes
from newsgraph.extract.events.actors import EventContext, actors_of
from newsgraph.extract.events.syntax import (
    clause_tokens,
    names_country,
    owner_words,
    place_objects,
    prep_objects,
    subject_heads,
)
from newsgraph.extract.events.wording import (
    abstract_gift,
    bears_out,
    company_post,
    habit,
    ironic,
    planned_trip,
    priced,
    proviso,
)
from newsgraph.gazetteer import geo
from newsgraph.model import Actor

if TYPE_CHECKING:  # readings imports this module
    from newsgraph.extract.events.readings import Trigger

__all__ = [
    "act_agents",
    "official",
    "physical_heads",
    "violence",
    "hypothetical",
    "physical",
    "sport",
    "wished_by",
]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def sport(ctx: EventContext, token: Token) -> bool:
    """Whether the clause of ``token`` (its verb and what hangs from it, not
    the clauses within: "staged a protest ..., close to the stadium where the
    Olympics will open" is a protest) is about sport or entertainment."""
    words = ctx.lex.sport_words
    clause = sorted(clause_tokens(token), key=lambda t: t.i)
    nouns = (t for t in clause if t.pos_ in {"NOUN", "PROPN"})  # not "match their support"
    if any(t.lower_ in words or t.lemma_.casefold() in words for t in nouns):
        return True
    text = " ".join(t.lower_ for t in clause)
    return any(" " in w and w in text for w in words)


def information_object(ctx: EventContext, verb: Token) -> bool:
    """Whether what ``verb`` releases is information ("released dramatic
    video", "released its findings"), not people or property."""
    return _object_among(verb, ctx.lex.information_objects)


def _object_among(verb: Token, words: frozenset[str]) -> bool:
    """Whether the verb ``verb`` acts on one of ``words`` (object or passive subject)."""
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"dobj", "obj", "nsubjpass"} and words & {c.lemma_.casefold(), c.lower_}
        for c in verb.children
    )


def _withdrawn_words(ctx: EventContext, verb: Token) -> bool:
    """Whether what ``verb`` withdraws is words or plans ("withdrew his
    remarks", "has withdrawn proposals"), not troops or support; not when
    it is asked for ("want the government to withdraw the reform", "should
    withdraw these remarks": a demand)."""
    wished = verb.dep_ in {"xcomp", "ccomp", "advcl"} and verb.head.lemma_ in ctx.lex.wish_verbs
    demanded = any(
        c.dep_ == "aux" and c.lower_ in ctx.lex.hypothetical_modals for c in verb.children
    )
    return not (wished or demanded) and _object_among(verb, ctx.lex.verbal_objects)


_SHOWN = frozenset({"demonstrate", "demonstration"})
_LIBERTIES = frozenset("right rights freedom freedoms liberty liberties ability".split())


def other_sense(ctx: EventContext, kind: str, token: Token) -> bool:
    """Whether the trigger word means something else here: releasing video or
    findings (no one released); "demonstrated that", "as demonstrated by"
    (shown, not a protest); "the right to protest", "freedom to strike" (a
    liberty, not an act)."""
    if kind == "RETREAT" and (information_object(ctx, token) or _withdrawn_words(ctx, token)):
        return True  # "released video", "has withdrawn proposals to give ...": no retreat
    if ironic(token) or bears_out(token) or priced(token) or proviso(token) or habit(kind, token):
        return True  # "mockingly welcoming", "to back up his optimism", "charge $6 million"
    if kind == "RETREAT" and company_post(token) or kind == "AID" and abstract_gift(token):
        return True  # "resigned as CEO", "provided strong opposition to": no retreat, no aid
    if kind == "PROTEST" and token.lemma_.casefold() in _SHOWN and token.pos_ in {"VERB", "AUX"}:
        shown = {"dobj", "obj", "ccomp", "nsubjpass", "auxpass", "agent"}
        if any(c.dep_ in shown for c in token.children):
            return True
    if token.dep_ in {"acl", "xcomp"} and token.head.lemma_.casefold() in _LIBERTIES:
        return True
    if standing(kind, token) or called_off(token):
        return True
    before = token.doc[max(token.i - 2, 0) : token.i]  # "curbing of rights to protest", misparsed
    return (
        len(before) == 2 and before[1].lower_ == "to" and before[0].lemma_.casefold() in _LIBERTIES
    )


def called_off(token: Token) -> bool:
    """Whether a meeting, visit or summit named by a noun did not take place:
    "a meeting ... that was canceled", "unable to reschedule a meeting",
    "postponed the talks"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ in {"relcl", "acl"} and _cancels(c) for c in token.children):
        return True
    return token.dep_ in {"dobj", "obj", "nsubjpass"} and (
        _cancels(token.head) or token.head.lemma_.casefold() == "reschedule"
    )


def _cancels(verb: Token) -> bool:
    word = verb.lemma_.casefold()
    return word in _CALLED_OFF or (
        word == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    )


_CALLED_OFF = frozenset({"cancel", "postpone", "scrap", "abandon", "delay", "shelve"})


def standing(kind: str, token: Token) -> bool:
    """Whether a relative clause in the simple present says what someone does
    as a rule, not what happened: "the committee which monitors the
    department", "a charity, which she supports", "the terrorists who
    threaten Britain today"."""
    return (
        token.dep_ == "relcl"
        and token.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ in {"aux", "auxpass", "neg"} for c in token.children)
        and (
            kind in {"AID", "COOPERATE", "CONSULT", "THREATEN", "AGREE"}  # "who threaten", "offers"
            or token.lemma_ in _DUTIES
            or (kind == "SUPPORT" and not any(c.lower_ == "who" for c in token.children))
        )  # not "Diane Abbott, who backs the proposal": a person's stance
    )


#: Verbs whose simple present in a relative clause is an office's duty.
_DUTIES = frozenset({"monitor", "oversee", "investigate", "scrutinise", "scrutinize", "police"})


def _sector(actor: Actor) -> str:
    code = actor.code or ""
    if code.startswith(("IGO", "NGO")):
        return code[-3:] if len(code) > 6 else ""
    return code[3:6]


def physical(
    ctx: EventContext,
    trigger: Token,
    sources: list[Actor],
    targets: list[Actor],
    target_heads: list[Token],
) -> bool:
    """Whether a word of violence at ``trigger`` is physical: a source that is
    not a politician, party, official or civil body (a state, an armed group),
    an armed source or target, a physical thing hit, or weapons in the
    clause."""
    lex = ctx.lex
    quarrel = trigger.lemma_.casefold() in _QUARRELS  # "clashed with his leaders"
    crowd = any(_sector(t) in lex.armed_sectors | {"OPP", "CVL"} for t in targets)
    if (not quarrel or crowd) and any(_sector(s) in lex.armed_sectors for s in sources):
        return True  # "troops attacked", "Syrian forces clashed with rioters"
    if not quarrel and not all(_political(ctx, s) for s in sources):
        return True  # "ISIL attacked Iraq", "Russia attacked Ukraine"
    if any(_sector(t) in lex.armed_sectors for t in targets):
        return True
    for head in target_heads:
        if head.lemma_.casefold() in lex.physical_objects or head.lower_ in lex.physical_objects:
            return True
    clause = clause_tokens(trigger)
    if any(t.lower_ in lex.weapon_words or t.lemma_.casefold() in lex.weapon_words for t in clause):
        return True
    return False


_RIOTS = frozenset({"storm", "attack", "clash", "riot", "hit", "throw", "smash", "burn", "assault"})
_QUARRELS = frozenset({"clash", "fight", "battle", "row", "spar", "feud"})
_POLITICAL_SECTORS = frozenset(
    "GOV LEG OPP PTY JUD MED EDU BUS LAB CVL HRI NGO REL ELI HLH".split()
)


def _political(ctx: EventContext, actor: Actor) -> bool:
    """A person, or a body of politics or civil life: their "attacks" are
    usually words."""
    entity = ctx.entities.get(actor.entity or "")
    if entity is not None and entity.type == "PERSON":
        return True
    return _sector(actor) in _POLITICAL_SECTORS


def electoral(ctx: EventContext, target_heads: list[Token]) -> bool:
    """ "fight the seat", "battle for the leadership": an election, not an event."""
    lex = ctx.lex
    return any(
        h.lemma_.casefold() in lex.election_objects or h.lower_ in lex.election_objects
        for h in target_heads
    )


def hypothetical(ctx: EventContext, verb: Token) -> str | None:
    """How the clause of ``verb`` is not a fact: "modal" (should, must, could, may:
    a demand or a possibility), "condition" (in an if or unless clause), "wish"
    (what someone wants another to do), "plan" ("a bid to oust him", "in order to
    open a route for aid", "will visit Tanzania"); None when it is stated as a
    fact (or a future: "will", "would" are intentions, coded elsewhere)."""
    lex = ctx.lex
    heads = [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    for head in heads:
        if any(c.dep_ == "aux" and c.lower_ in lex.hypothetical_modals for c in head.children):
            return "modal"
        if planned_trip(head):
            return "plan"  # "he will visit an orphanage in Tanzania"; not "will visit Senegal"
    obliged = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_ == "have" else None
    if obliged is not None and any(
        c.dep_ == "aux" and c.lower_ in _NOT_YET for c in obliged.children
    ):
        return "modal"  # "a matter he would have to discuss with the partners"
    if (
        verb.dep_ == "acl"
        and verb.head.lemma_.casefold() in _SCHEMES
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return "plan"  # "a failed government scheme to offer courses online"
    if (
        verb.pos_ in {"NOUN", "PROPN"}
        and any(  # "in order to open a route for military aid"
            a.dep_ == "acl" and a.head.lemma_.casefold() in _SCHEMES and _infinitive(a)
            for a in list(verb.ancestors)[:4]
        )
    ):
        return "plan"
    if (
        _infinitive(verb)
        and verb.dep_ == "advcl"
        and _infinitive(verb.head)
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    ):  # "called for a body to be set up to monitor immigration": what it would be for
        return "plan"
    if any(c.dep_ == "advmod" and c.lower_ == "hopefully" for c in verb.children):
        return "wish"  # "hopefully the members will support his action"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "need":
        return "modal"  # "Britain needs to cut aid", "do not need to attack": nothing stated
    node = verb
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in node.children):
            return "condition"
        start = node.left_edge.i
        if [t.lower_ for t in node.doc[max(start - 2, 0) : start]] == ["in", "case"]:
            return "condition"  # "on standby in case they need to help evacuate"
        if node.dep_ in {"ROOT"} or node.head is node:
            break
        if node.head.lemma_.casefold() in lex.speech_verbs:
            break  # "said that ...": what was said is reported, not hypothetical
        if node.dep_ == "ccomp" and node.head.lemma_.casefold() in lex.wish_verbs:
            return "wish"  # "hope (that) the government will act"
        if node.dep_ == "xcomp" and _predicted(node.head):
            return "prediction"  # "is expected to attack Mr Blair's words", "likely to meet"
        if node.dep_ not in {"conj", "advcl", "xcomp", "ccomp", "acl", "relcl"}:
            break
        node = node.head
    return None


_SCHEMES = frozenset(  # "order": "in order to open a route for aid", "an order to arrest him"
    "scheme plan proposal bid attempt effort initiative programme program idea strategy "
    "order".split()
)


_PREDICTIONS = frozenset({"expect", "predict", "likely", "unlikely", "tip", "forecast", "due"})


_NOT_YET = frozenset({"would", "will", "'ll", "wo", "may", "might", "could", "'d"})


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _predicted(head: Token) -> bool:
    """Whether ``head`` says what others expect of its subject ("is expected
    to", "is likely to", "had been due to welcome"), not what the subject intends."""
    if head.lemma_.casefold() not in _PREDICTIONS:
        return False
    return head.pos_ == "ADJ" or any(c.dep_ == "auxpass" for c in head.children)


def wished_by(ctx: EventContext, verb: Token) -> tuple[Token, Token] | None:
    """(the wisher, the one wished to act) when ``verb`` is what someone
    wants another to do: "They want the government to withdraw ..." ->
    (They, government); None otherwise (also for "want to attack", where the
    wisher acts: an intention)."""
    head = verb.head
    if verb.dep_ == "conj" and head is not verb and (shared := wished_by(ctx, head)):
        return shared  # "want him to apologise and withdraw it"
    if verb.dep_ == "conj" and verb.tag_ == "VB" and head.tag_ == "VBG":
        for wished in head.children:  # "calling for him to apologise ... and withdraw it",
            if (
                wished.dep_ in {"advcl", "xcomp"}
                and wished.i < verb.i
                and any(  # misparsed
                    c.dep_ == "aux" and c.lower_ == "to" for c in wished.children
                )
            ):
                return wished_by(ctx, wished)
    if head.lemma_.casefold() not in ctx.lex.wish_verbs:
        return None
    marked = verb.dep_ == "advcl" and any(  # "calling for him to apologise"
        c.dep_ == "mark" and c.lower_ == "for" for c in verb.children
    )
    if verb.dep_ not in {"xcomp", "ccomp"} and not marked:
        return None
    if head.lemma_.casefold() in ctx.lex.verb_senses and not marked:
        return None  # "urged X to", "asked X to": a request trigger of its own
    if verb.dep_ == "ccomp" and not _unrealised(verb):
        return None  # "told the BBC they had reached a settlement": news, not a wish
    if head.lemma_.casefold() == "tell" and not _obliged(verb):
        return None  # 'told MPs: "we will support a change"': a statement, not a wish
    actor = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
    if actor is None:
        actor = next((c for c in verb.children if c.dep_ in {"nsubj"}), None)
    if actor is None and marked:  # "called for the embargo to be lifted": its owner, asked
        actor = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    wisher = next((c for c in head.children if c.dep_ in {"nsubj"}), None)
    if wisher is None and marked:  # "wrote to X, calling for him to ...": the writer
        wisher = next(iter(subject_heads(head)), None)
    if actor is None or wisher is None:
        return None
    return wisher, actor


def _obliged(verb: Token) -> bool:
    """Whether a clause told to someone says what another must do ("told
    them they should leave"), not what the speaker will do."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    subjects = {c.lower_ for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
    return bool(auxiliaries & {"should", "must", "to"}) and not subjects & {"i", "we"}


def _unrealised(verb: Token) -> bool:
    """Whether a complement clause states what is to be done ("to withdraw",
    "should withdraw", "that they withdraw"), not what was done."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxiliaries & {"to", "should", "must", "would", "will", "could"}) or (
        verb.tag_ == "VB" and not auxiliaries
    )


def act_agents(ctx: EventContext, heads: list[Token]) -> tuple[list[Token], bool]:
    """For the objects of "condemned", "praised", "rejected": (the heads that
    stand for the target, whether any object was an act). An act ("the
    bombings", "Russia's annexation", "the attack by rebels") stands for
    whoever did it, else for nobody; other heads stand for themselves."""
    lex = ctx.lex
    found: list[Token] = []
    acts = False
    for head in heads:
        word = head.lemma_.casefold()
        if head.pos_ != "NOUN" or not (word in lex.act_nouns or head.lower_ in lex.act_nouns):
            found.append(head)
            continue
        acts = True
        for child in head.children:
            if child.dep_ == "poss" or (
                child.dep_ in {"amod", "compound", "nmod"} and child.i < head.i
                and names_country(child)
            ):  # fmt: skip
                found.append(child)
        found += prep_objects(head, ("by", "from"))
    return found, acts


def sanction_authorises(ctx: EventContext, verb: Token) -> bool:
    """ "a resolution sanctioning military action": authorising, not punishing."""
    if verb.lemma_.casefold() != "sanction":
        return False
    return any(
        c.dep_ in {"dobj", "obj"} and c.lemma_.casefold() in ctx.lex.authorised_objects
        for c in verb.children
    )


def own_country_visit(source: Actor, visited: Actor | None, home: str | None) -> bool:
    """A visit by someone of no known country to a place in the document's own
    country ("Mr Blair visited Sheffield" in a British paper): no event."""
    country = codes.country_of_code(source.code)
    target = codes.country_of_code(visited.code) if visited else None
    return target is not None and (country == target or (country is None and target == home))


_CIVIL_SECTORS = ("CVL", "REF", "MED", "EDU", "BUS", "LAB", "CRM", "HLH", "REL", "AGR")
_CAMPAIGN = frozenset({"AGREE", "CONSULT", "AID", "REQUEST", "SUPPORT"})


def addresses_the_public(kind: str, sources: list[Actor], targets: list[Actor]) -> bool:
    """A politician or body talking to, helping or asking its own unnamed
    public ("talk to as many people as possible", "a drive to help women",
    "urged people from ethnic minorities to ..."): campaign and policy talk,
    not an interaction between political actors. Targets named as entities,
    and foreigners ("refugees from Kosovo"), stay events. Nor is one
    company providing for another ("the firm that provided the technological
    backbone of Disney's streaming"): trade, not aid."""
    parties = sources + targets
    if kind == "AID" and sources and targets and all(_sector(a) == "BUS" for a in parties):
        return True
    if kind not in _CAMPAIGN or not targets or not sources:
        return False
    country = codes.country_of_code(sources[0].code)
    return country is not None and all(
        t.entity is None
        and (t.code or "").startswith(country)
        and (t.code or "")[3:6] in {"CVL", "EDU", "HLH"}
        for t in targets
    )


def not_own_nation(kind: str, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
    """What a speaker says his own country as a whole should or must do
    ("Mr Howard said Britain should take its fair share", "UK Muslims should
    accept ...") is an opinion on national policy, no request of an actor:
    such targets are left out (a foreign country, or his government, stays)."""
    if kind != "REQUEST":
        return targets
    own = {codes.country_of_code(s.code) for s in sources} - {None}

    def nation(t: Actor) -> bool:  # the country, or its people unnamed; not "Prince Harry"
        named = t.entity is None or geo.country_code(t.name or "") == t.code
        return t.code in own and len(t.code or "") == 3 and named

    return [t for t in targets if not nation(t)]


def official(ctx: EventContext, actor: Actor) -> bool:
    """Whether ``actor`` can pay a visit: not ordinary people, firms or
    reporters, and someone the text places or names; a person only with a
    public role (a country alone says where he is from: "after arriving in
    London, Mr Makarov" travels)."""
    code = actor.code or ""
    entity = ctx.entities.get(actor.entity or "")
    if entity is not None and entity.type == "PERSON" and len(code) <= 3:
        return False
    return bool(code or actor.entity) and not code.endswith(_CIVIL_SECTORS)


def physical_heads(ctx: EventContext, heads: list[Token]) -> bool:
    for head in heads:
        if head.lemma_.casefold() in ctx.lex.physical_objects:
            return True
        if head.ent_type_ in {"GPE", "LOC", "FAC", "PERSON", "NORP", "ORG"}:
            return True
    return False


def meant(
    ctx: EventContext,
    trigger: Trigger,
    coded: tuple[str, str, list[Actor]],
    sources: list[Actor],
    source_heads: list[Token],
    target_heads: list[Token],
) -> tuple[str, str, list[Actor]] | None:
    """(type, code, targets) of a word of violence as it is meant, or None
    when it codes no event; other words pass unchanged. An intention keeps
    its type unless the violence is figurative: "will attack the Lib Dems
    for ..." is criticism to come (ACCUSE), not a threat."""
    kind, code, targets = coded
    if (kind == "ASSAULT" or trigger.token.lemma_ == "appeal") and any(
        h.lemma_.casefold() in ctx.lex.verbal_objects for h in source_heads
    ):
        return None  # "Britain's open door approach is hitting workers", "policies appealed to"
    token = trigger.token
    if trigger.sense.type != "ASSAULT" and not (kind == "COERCE" and token.lemma_ == "crackdown"):
        return coded
    violent = violence(ctx, token, trigger.code, trigger.nominal, sources, targets, target_heads)
    if violent is None or kind != "THREATEN":
        return violent
    countries = any(len(t.code or "") == 3 for t in violent[2])  # "wants to attack Switzerland"
    return violent if violent[0] == "ACCUSE" and not countries else (kind, code, violent[2])


def violence(
    ctx: EventContext,
    token: Token,
    code: str,
    nominal: bool,
    sources: list[Actor],
    targets: list[Actor],
    target_heads: list[Token],
) -> tuple[str, str, list[Actor]] | None:
    """A word of violence that may be figurative: (type, code, targets) as it
    is meant, or None when it codes no event (an election fought, a
    crackdown on truants)."""
    word = token.lemma_.casefold()
    kind = "COERCE" if word == "crackdown" else "ASSAULT"
    crowd = sources and all(_sector(s) in {"OPP", "CVL"} and not s.entity for s in sources)
    if kind == "ASSAULT" and crowd and word in _RIOTS:
        return "PROTEST", "145", targets  # "protesters stormed the chamber": a violent protest
    if word == "strike" and not nominal and _walkout(token, sources):
        return "PROTEST", "143", targets  # "teachers will strike", "workers struck on Friday"
    objects = [c.lemma_.casefold() for c in token.children if c.dep_ in {"dobj", "obj"}]
    words = {word, token.lower_, *objects}  # "launched an attack on": the attack decides
    under = token.dep_ == "pobj" and token.head.lower_ == "under"  # "came under fire from MPs"
    if under and not targets:
        return None  # "the very reason this country is a good place to live is under attack"
    if not words & ctx.lex.figurative and not under:
        return kind, code, targets
    heads = target_heads + ([] if nominal else place_objects(token))
    if electoral(ctx, heads):
        return None  # "fight the Suffolk Coastal seat"
    if physical(ctx, token, sources, targets, heads):
        return kind, code, targets
    if kind == "COERCE":
        return None  # "a crackdown on persistent truants"
    if targets:  # "attacked Mr Brown", "launched an attack on Labour"
        return "ACCUSE", "111", targets
    owners = [c for h in target_heads for c in owner_words(h)]  # "attacked government red tape"
    owned = [a for a in actors_of(ctx, owners) if _sector(a) in _POLITICAL and a not in sources]
    return ("ACCUSE", "111", owned) if owned else None  # "Labour's pledges": their owner's


_POLITICAL = frozenset({"GOV", "OPP", "PTY", "LEG"})
#: Who strikes as labour does: unions, workers, teachers, doctors, civil servants.
_STAFF = frozenset({"LAB", "EDU", "HLH", "CVL", "MED", "GOV", "BUS"})


def _walkout(token: Token, sources: list[Actor]) -> bool:
    """ "Teachers will strike": a strike with no one struck, by working people
    (not "the government struck a deal", "strike at Hamas")."""
    if any(c.dep_ in {"dobj", "obj", "prep", "prt"} and c.lower_ not in {"on", "in", "over"}
           for c in token.children):  # fmt: skip
        return False
    return bool(sources) and all(_sector(s) in _STAFF and not s.entity for s in sources)


def same_person(ctx: EventContext, sources: list[Actor], targets: list[Actor]) -> bool:
    """Whether one person would act on himself (a misread pronoun or title;
    not "Georgian demonstrators ... the Georgian government", one country)."""
    shared = {s.entity for s in sources} & {t.entity for t in targets} - {None}
    if any(ctx.entities[e].type == "PERSON" for e in shared if e in ctx.entities):
        return True
    if ctx.published is None:  # without a day, a former holder ("Howard ... the Home
        return False  # Secretary's plans") cannot be told from the holder
    people = [
        facts
        for s in sources
        if s.entity in ctx.entities
        and ctx.entities[s.entity].type == "PERSON"
        and (facts := knowledge.person(ctx.entities[s.entity].name)) is not None
    ]
    return any(  # "Tony Blair ... the prime minister", by the office-holder table
        facts in knowledge.office_holders(office, None, ctx.published)
        for t in targets
        if t.entity is None and t.name and t.name.casefold().startswith("the ")
        for office in knowledge.offices_called(t.name.casefold().removeprefix("the "))
        for facts in people
    )
