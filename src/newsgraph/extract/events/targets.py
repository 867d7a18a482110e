"""An event's targets: the argument heads as actors ("offer X to Y" -> Y), else
what the complement acts on ("agreed to meet X", "threatened to ... if X ...");
one actor per country among unnamed phrases; people hit take the country of where
it happened; an unstated target from the place or the reporter; whom a wish asks
("called for the embargo to be lifted": its owner); whose a thing is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from newsgraph.extract.events import codes
from newsgraph.extract.events.actors import (
    QUANTITY,
    EventContext,
    actors_of,
    country_actor,
    entity_actor,
)
from newsgraph.extract.events.readings import Coded, Trigger, demand_sense
from newsgraph.extract.events.syntax import (
    agent_heads,
    asks,
    for_clauses,
    is_passive,
    owner_words,
    patients,
    prep_objects,
    subject_heads,
)
from newsgraph.model import Actor, Entity

__all__ = [
    "BYSTANDERS",
    "distinct",
    "fill_target",
    "find_targets",
    "government_asked",
    "judged_thing",
    "held_by",
    "protested",
    "where_hit",
    "whose_thing",
    "wish_request",
]

ON_WHOM = ("on", "against", "with")
_CLAUSE_TARGET = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
BYSTANDERS = ("CVL", "EDU", "MED", "LAB", "BUS", "REL", "HLH")


def find_targets(
    ctx: EventContext, trigger: Trigger, heads: list[Token], sources: list[Actor]
) -> list[Actor]:
    """The target actors: the argument heads; "offer X to Y" -> Y; else the
    object's prepositions ("discussed the issue with X"), the complement's
    arguments ("agreed to meet X", "threatened to attack X"), or the subject
    of a demanded clause ("demanded that X ...")."""
    token = trigger.token
    # not "hosted a conference at its London HQ", "investigating a problem in Darlington"
    things = trigger.sense.type != "CONSULT" and not trigger.code.startswith("09")
    own = {codes.country_of_code(s.code) for s in sources} - {None}
    heads = [h for h in heads if not own_forces(h, own)]
    if not things:  # "meet his fiscal rules": a thing, no one to meet
        heads = [h for h in heads if not _a_thing(ctx, h)]
    if not trigger.nominal and trigger.demanded is None:
        given = {"to", "for"} if trigger.sense.type == "AID" else {"to"}  # "praised X for Y"
        recipients = [h for h in heads if h.dep_ == "pobj" and h.head.lower_ in given]
        recipients += [h for h in heads if h.dep_ == "dative"]
        if recipients and actors_of(ctx, recipients, things):  # "offer X to Y": Y, not X
            heads = [h for h in heads if h.dep_ not in {"dobj", "obj"}]
        elif recipients:  # "praised Turkey for its reforms": the reason, not a recipient
            heads = [h for h in heads if h not in recipients or h.head.lower_ == "to"]
    targets = _policed([t for t in actors_of(ctx, heads, things) if t not in sources], sources)
    if trigger.code == "161":  # "recalled its ambassador to Tehran": home, not a break with it
        targets = [t for t in targets if codes.country_of_code(t.code) not in own]
    if targets or trigger.nominal:
        return targets
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    fallbacks = [o for obj in objects for o in prep_objects(obj, trigger.sense.targets)]
    for child in [
        *token.children,
        *(g for c in token.children if c.dep_ == "xcomp" for g in c.children),
    ]:
        if (
            trigger.sense.type == "THREATEN"
            and child.dep_ == "advcl"
            and any(
                c.dep_ == "mark" and c.lower_ in ctx.lex.hypothetical_marks for c in child.children
            )
        ):  # "threatened to close the strait if the United States imposed sanctions"
            fallbacks += subject_heads(child)
            continue
        purpose = child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if (
            child.dep_ == "xcomp"
            or purpose
            or (child.dep_ == "ccomp" and trigger.sense.type in _CLAUSE_TARGET)
        ):
            for verb in [child, *child.conjuncts]:
                if child.dep_ == "ccomp":  # "investigating whether X ...", not "how X would"
                    fallbacks += [] if asks(verb, ("how", "why")) else subject_heads(verb)
                    continue
                objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
                fallbacks += objects  # "refused to lift the curfew on Palestinians"
                fallbacks += [o for t in objects for o in prep_objects(t, ON_WHOM)]
                fallbacks += prep_objects(verb, ("with", "to", "against", "on", "from", "between"))
    if trigger.sense.type == "CONCEDE" and trigger.code.startswith("08"):
        # "lifted a night curfew in Montenegro": where the restriction held
        fallbacks += [
            o
            for h in [token, *objects]
            for o in prep_objects(h, ("in",))
            if any(t.ent_type_ == "GPE" for t in o.subtree)
        ]
    found = _policed([t for t in actors_of(ctx, fallbacks, True) if t not in sources], sources)
    if trigger.code == "161":
        found = [t for t in found if codes.country_of_code(t.code) not in own]
    return [t for t in found if t.entity or not (t.code or "").startswith(codes.NO_COUNTRY)]


def _policed(targets: list[Actor], sources: list[Actor]) -> list[Actor]:
    """People a country's police act on, named without a country of their own
    ("Hong Kong police ... threatened to use live ammunition on 800 students"),
    are in that country: police act at home."""
    police = next(
        (codes.country_of_code(s.code) for s in sources if (s.code or "").endswith("COP")), None
    )
    if police is None:
        return targets
    return [
        t.model_copy(update={"code": police + (t.code or "").removeprefix(codes.NO_COUNTRY)})
        if not t.entity and (t.code or "").startswith(codes.NO_COUNTRY)
        else t
        for t in targets
    ]


_RULES = frozenset(
    "plan plans bill bills law laws legislation scheme schemes proposal proposals policy "
    "policies measure measures reform reforms budget move moves decision decisions attempt "
    "attempts strategy programme programmes initiative initiatives regulation regulations "
    "rules rule ban changes change cuts spending tax taxes announcement announcements "
    "system systems approach handling target targets guidelines blueprint crackdown orders".split()
)


_PURPOSES = frozenset({"advcl", "xcomp", "acl", "pcomp"})
_PRINTED = frozenset({"report", "article", "story", "claim", "allegation"})
_MANNER = frozenset({"way", "manner"})
#: What a call naming no one asks of a government ("called for a public inquiry").
_ASKED_OF_GOVERNMENT = _RULES | frozenset(
    "inquiry inquiries review reviews investigation body bodies referendum watchdog "
    "commission guarantee guarantees fund agency regulator authority ombudsman register".split()
)


def government_asked(
    ctx: EventContext,
    token: Token,
    objects: list[Token],
    sources: list[Actor],
    demanded: Token | None = None,
) -> list[Actor]:
    """Whom a call for a rule, review or body asks when the text names no one:
    in a story of the home country, by someone of that country outside its
    government, the home government (as ``whose_thing`` takes a plan's owner)."""
    home = _home_outsider(ctx, sources)
    if home is None:
        return []
    clauses = for_clauses(token)  # "called for an independent body to be set up"
    if demanded is not None and is_passive(demanded):
        if any(c.dep_ == "neg" for c in demanded.children):
            return []  # "a cap should not be introduced yet": advice against, asked of no one
        clauses.append(demanded)  # "a body should be set up, MPs say"
    things = objects + prep_objects(token, ("for",))  # "called for a public inquiry"
    things += [s for c in clauses for s in c.children if s.dep_ == "nsubjpass"]
    if not any(t.lemma_.casefold() in _ASKED_OF_GOVERNMENT for t in things):
        return []
    if any(c.dep_ == "poss" for t in things for c in t.children):
        return []  # "called for Labour's plans to be dropped": their owner's, not known here
    return [Actor(name="the government", code=f"{home}GOV")]


def protested(ctx: EventContext, carriers: list[Token], sources: list[Actor]) -> list[Actor]:
    """Whom a protest is against when no preposition says it: the first coded
    actor its purpose names, not the protesters ("staged demonstrations to demand
    reforms by Suharto's government", "calling for independence from Iraq", "in
    protest of the Russian government's refusal"), else the owner of that thing."""
    words: list[Token] = []
    for carrier in carriers:
        marked = [c for c in carrier.children if c.dep_ == "prep" and c.lower_ == "in"
                  and any(g.lower_ in {"protest", "defiance"} for g in c.children)]  # fmt: skip
        for child in carrier.children:
            purpose = child.dep_ in _PURPOSES
            against = child.dep_ == "prep" and (  # not where it was: "marched through Nairobi"
                child.lower_ in {"against", "over"} or child in marked
                or (child.lower_ == "at" and bool(marked))  # "in protest at", the parser's sibling
            )  # fmt: skip
            if purpose or against:
                words += [
                    t for t in child.subtree if t.dep_ in {"pobj", "dobj", "poss", "compound"}
                ]
    chosen = set(words)
    for word in sorted(chosen, key=lambda t: t.i):
        if word.dep_ in {"poss", "compound"} and word.head in chosen:
            continue  # "Uganda's president": the phrase, not its owner
        for actor in actors_of(ctx, [word]):
            if (
                actor.code
                and actor not in sources
                and not any(actor.entity and actor.entity == s.entity for s in sources)
            ):
                return [actor]
    # "in protest at the government's job cuts": the owner of what is protested at
    return whose_thing(ctx, [w for w in chosen if w.dep_ in {"pobj", "dobj"}], sources)


def whose_thing(ctx: EventContext, heads: list[Token], sources: list[Actor]) -> list[Actor]:
    """The target of criticism, praise or rejection of a thing ("oppose the
    plans", "welcomed his apology", "criticised attempts to bring in trial
    without jury"): its owner ("his", "Labour's", "government plans", "the
    decision by the court"); else, for a rule or plan in a story of the home
    country, by someone of that country outside its government, the home
    government, whose plans the copy of domestic politics reports."""
    owners: list[Token] = []
    heads = [_rule_before(h) if h.lower_ == "it" else h for h in heads]
    for head in heads:
        owners += owner_words(head)
        printed = ("in",) if head.lemma_ in _PRINTED else ()  # "reports in the Sunday Times"
        owners += prep_objects(head, ("by", "of", "from", *printed))
        owners += [o for acl in head.children if acl.dep_ == "acl" for o in agent_heads(acl)]
        if head.lemma_ in _MANNER:  # "criticised the way Tony Blair's government operates"
            owners += [o for c in head.children if c.dep_ == "relcl" for o in subject_heads(c)]
    found = [t for t in actors_of(ctx, owners) if t not in sources and t.code]
    if found:
        return found
    for owner in owners:  # "Davis welcomed his apology": his is rarely the welcomer's own
        if owner.lower_ in {"his", "her"} and (other := _other_person(ctx, owner, sources)):
            return [other]
    for head in heads:  # "criticised the embargo" after "the EU embargo"
        if not owners and (earlier := thing_owner(ctx, head, sources)):
            return earlier
    rules = [h for h in heads if is_rule(h)]
    home = _home_outsider(ctx, sources)
    if home is None or not rules:
        return []  # a foreigner's view, or the government's own plans
    for node in rules[0].subtree:  # "the plans to process asylum claims abroad": not owned
        if node.dep_ == "poss":
            return []
    return [Actor(name="the government", code=f"{home}GOV")]


def _home_outsider(ctx: EventContext, sources: list[Actor]) -> str | None:
    """The home country, when the first source is of it and not its
    government: whose government an unowned plan or call concerns."""
    home = ctx.resident_country
    source = (sources[0].code or "") if sources else ""
    if home is None or codes.country_of_code(source) != home or source == f"{home}GOV":
        return None
    return home


def is_rule(word: Token) -> bool:
    """A plan, rule or policy ("the plan", "the reforms")."""
    return word.lemma_.casefold() in _RULES or word.lower_ in _RULES


def judged_thing(word: Token) -> bool:
    """What a passive label judges ("said it was misdirected", "the plan was
    flawed"): its subject, when a plan or "it"; not "billions ... should have
    been used", whose places are no owners."""
    return word.dep_ == "nsubjpass" and (word.lower_ in {"it", "this"} or is_rule(word))


def _rule_before(it: Token) -> Token:
    """The plan or rule "it" stands for when one is named earlier in its
    sentence ("The Tories dismissed the plan, while the Lib Dems said it was
    misdirected"); else "it" itself."""
    for token in reversed(it.doc[it.sent.start : it.i]):
        if token.pos_ == "NOUN" and is_rule(token):
            return token
    return it


def _other_person(ctx: EventContext, pronoun: Token, sources: list[Actor]) -> Actor | None:
    """The person last named before ``pronoun`` (in the 400 characters
    before it) who is not one of ``sources``: whose "his" a source's
    praise or criticism of "his apology" means."""
    own = {s.entity for s in sources if s.entity}
    best: tuple[int, Actor] | None = None
    for cluster in ctx.graph.clusters:
        if cluster.label != "PERSON" or not cluster.entity_id or cluster.entity_id in own:
            continue
        starts = [m.start for m in cluster.mentions if pronoun.idx - 400 <= m.start < pronoun.idx]
        actor = entity_actor(ctx, cluster) if starts else None
        if actor is not None and actor.code and (best is None or max(starts) > best[0]):
            best = (max(starts), actor)
    return best[1] if best else None


def _a_thing(ctx: EventContext, head: Token) -> bool:
    counted = any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    if head.lower_ in QUANTITY and counted:
        return False  # "met a group of Iraqi officials": the officials
    return (
        head.pos_ == "NOUN"
        and not head.ent_type_
        and codes.head_sector(head) is None
        and not any(
            m.start <= head.idx < m.end
            for c in ctx.graph.clusters_at(head.idx, head.idx + len(head))
            for m in c.mentions
        )
    )


def where_hit(targets: list[Actor], place: Entity | None) -> list[Actor]:
    """People hit where the event happened are of that place's country
    ("killed 23 people in Tel Aviv"), not of the document's home country."""
    country = place.attributes.get("country") if place else None
    if not isinstance(country, str):
        return targets
    return [
        t.model_copy(update={"code": country + t.code[3:]})
        if t.entity is None
        and t.code
        and (
            t.code[3:6] in {"CVL", "REF"}
            or (t.code.startswith(codes.NO_COUNTRY) and t.code[3:6] in BYSTANDERS)
        )
        else t
        for t in targets
    ]


_SEIZURES = frozenset("arrest detain raid jail imprison deport expel abduct kidnap".split())


_STATE = frozenset({"GOV", "COP", "JUD", "MIL"})


def _state(actor: Actor) -> str | None:
    """The country whose state ``actor`` is (its government, police, courts or
    forces, or the country itself: "China's crackdown"), else None."""
    code = actor.code or ""
    if len(code) == 3 or code[3:6] in _STATE:
        return codes.country_of_code(code)
    return None


def coerced(verb: Token, sources: list[Actor]) -> list[Actor]:
    """Whom or what a state's police, courts or forces arrest, detain, raid
    or deport when no actor code fits: the object phrase as written, uncoded
    ("police arrested 14 foreigners", "raided the offices of the rights group
    Memorial")."""
    if verb.lemma_.casefold() not in _SEIZURES or not any(_state(s) for s in sources):
        return []
    objects = patients(verb) if is_passive(verb) else [
        c for c in verb.children if c.dep_ in {"dobj", "obj"}
    ]  # fmt: skip
    return [
        Actor(name=codes.phrase_text(o))
        for o in objects
        if o.pos_ in {"NOUN", "PROPN", "NUM"} and o.ent_type_ not in {"DATE", "TIME"}
    ]


def held_by(
    kind: str, sources: list[Actor], targets: list[Actor], home: str | None = None, code: str = ""
) -> list[Actor]:
    """People a state's police, courts or government coerce whom the text
    gives no country ("officers arrested Webb", "China's crackdown on
    protesters in Tiananmen Square") are of that state: an arrest, a
    sentence or a crackdown happens in the state's own jurisdiction. A
    phrase given the document's ``home`` country by default only (no name,
    no country word: "protesters" in a British story about China) is
    given none. Never the deported or expelled (CAMEO 174): they are
    foreigners where they are sent from."""
    if kind != "COERCE" or code.startswith("174"):
        return targets
    states = {country for s in sources if (country := _state(s))}
    if len(states) != 1:
        return targets
    [country] = states

    def unplaced(t: Actor) -> bool:
        if not t.code or t.code.startswith(codes.NO_COUNTRY):
            return True
        words = (t.name or "").replace("'s", " ").split()
        return (
            t.entity is None
            and codes.country_of_code(t.code) == home
            and not any(codes.place_code(w) for w in words)
        )

    return [
        t.model_copy(update={"code": country + (t.code or "")[3:]})
        if unplaced(t)
        and "foreign" not in (t.name or "").casefold()  # "arrested 14 foreigners": not theirs
        else t
        for t in targets
    ]


def distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per country among unnamed phrases when one is the bare country
    ("relations with Russia unless the Kremlin": one target; "the chancellor and
    the Tories": two); no codeless phrase beside coded actors."""
    coded = [a for a in actors if a.code and not a.code.startswith(codes.NO_COUNTRY)]
    kept: list[Actor] = []
    for actor in actors:
        country = codes.country_of_code(actor.code)
        if actor.entity is None and not actor.code and coded:
            continue
        same = [k for k in kept if country and codes.country_of_code(k.code) == country
                and 3 in {len(k.code or ""), len(actor.code or "")}]  # fmt: skip
        if same and (actor.entity is None or any(k.entity is None for k in same)):
            if len(actor.code or "") > len(same[0].code or ""):  # keep the more specific
                kept[kept.index(same[0])] = actor
            continue
        kept.append(actor)
    return kept


def own_forces(head: Token, countries: set[str | None]) -> bool:
    """ "withdraw its troops", "their forces", "his troops": the source's own,
    not a target; but "praised his chancellor" is someone else."""
    sector = codes.head_sector(head)
    if not countries or sector is None:
        return False
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ in {"its", "their"}:
            return True
        if child.dep_ == "poss" and child.lower_ in {"his", "her"} and sector in _ARMED:
            return True
    return False


_ARMED = frozenset({"MIL", "COP", "REB", "INS", "UAF", "SPY"})


def fill_target(ctx: EventContext, coded: Coded, earlier: Sequence[Coded] = ()) -> None:
    """An unstated target. A rejection of "the accusations" or "these
    claims" targets who last made them against the source (``earlier``: the
    article's events before it). A protest, show of force or attack in
    another country than the source's targets that country ("staged a
    protest in Beijing"), and a source with no country of its own acts where
    it is ("protesters marched through Nairobi" -> KENOPP). A directed action
    reported by someone of another country (not by the media) targets the
    reporter's country ("he said, referring to Trump's threats")."""
    if coded.targets or coded.mutual:
        return
    if coded.type == "REJECT" and (accusers := _accusers(ctx, coded, earlier)):
        coded.targets = accusers  # "The Pentagon rejected these accusations"
        coded.confidence -= 0.1
        return
    if coded.type == "REQUEST" and (asked := _asked_of(ctx, coded)):
        coded.targets = asked  # "called for a guarantee that the government consults"
        coded.confidence -= 0.2
        return
    source = codes.country_of_code(coded.sources[0].code)
    place_country = coded.place.attributes.get("country") if coded.place else None
    if coded.type in ctx.lex.untargeted and place_country:
        if source is None and coded.sources[0].code:
            sector = coded.sources[0].code.removeprefix(codes.NO_COUNTRY)
            coded.sources[0] = coded.sources[0].model_copy(update={"code": place_country + sector})
        elif source and place_country != source:
            coded.targets = [country_actor(ctx, place_country)]
            coded.confidence -= 0.2
        return
    reporter = coded.reporter_country
    if not reporter or not source or reporter == source or coded.reporter_is_media:
        return
    if coded.type not in _VICTIM_REPORTS:
        return
    coded.targets = [country_actor(ctx, reporter)]
    coded.confidence -= 0.4


_CALLS = frozenset({"call", "urge", "demand", "press", "push", "appeal"})
_AUTHORITIES = frozenset({"GOV", "LEG"})


def _asked_of(ctx: EventContext, coded: Coded) -> list[Actor]:
    """Whom a call for something is made of when no one is named: the
    government or legislature the thing asked for names ("called for a
    guarantee that the government consults", "called for talks between
    unions and the government"). A call for "an independent body to be set
    up" names no one and keeps no target: that it is the home government's
    to do is the reader's inference, not the text's."""
    verb = coded.trigger.token
    if verb.lemma_.casefold() not in _CALLS or coded.trigger.nominal:
        return []
    asked = prep_objects(verb, ("for",)) + [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    words = [w for head in asked for w in head.subtree if w.pos_ in {"NOUN", "PROPN"}]
    named = [
        a
        for a in actors_of(ctx, words)
        if a not in coded.sources and (a.code or "")[3:6] in _AUTHORITIES
    ]
    return named[:1]


_VICTIM_REPORTS = frozenset({"THREATEN", "ASSAULT", "COERCE", "SANCTION"})
_CHARGES = frozenset(
    "accusation accusations allegation allegations claim claims charge charges criticism "
    "criticisms suggestion suggestions".split()
)


_OWNING = frozenset({"by", "of", "from"})  # "the claims by Labour": owned, see whose_thing


def _accusers(ctx: EventContext, coded: Coded, earlier: Sequence[Coded]) -> list[Actor]:
    """Who made the charges a rejection rejects ("denied the allegations"):
    the sources of the last accusation before it against the rejecting side,
    in this article; none when the charges have an owner of their own."""
    verb = coded.trigger.token
    charges = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "obj"}
        and c.lemma_.casefold() in _CHARGES
        and not any(
            m.dep_ in {"poss", "acl", "relcl"} or (m.dep_ == "prep" and m.lower_ in _OWNING)
            for m in c.children
        )
    ]
    if not charges:
        return []
    rejecting = {codes.country_of_code(s.code) for s in coded.sources} - {None}
    entities = {s.entity for s in coded.sources} - {None}
    for accusation in reversed(earlier):
        if accusation.type != "ACCUSE" or accusation.trigger.token.i >= verb.i:
            continue
        accused = accusation.targets
        if any(t.entity in entities for t in accused) or (
            rejecting and {codes.country_of_code(t.code) for t in accused} & rejecting
        ):
            return [a for a in accusation.sources if a not in coded.sources]
    return []


def wish_request(ctx: EventContext, trigger: Trigger, wish: tuple[Token, Token]) -> Coded | None:
    """ "The unions want the government to withdraw the rules": the unions'
    request (020) to the government, not the government's act."""
    askers = actors_of(ctx, [wish[0]])
    asked = [a for a in actors_of(ctx, [wish[1]]) if a not in askers]
    if not asked and wish[1].dep_ == "nsubjpass":
        asked = thing_owner(ctx, wish[1], askers)  # "for the embargo to be lifted": the EU
    if not askers or not asked:
        return None
    sense = demand_sense("REQUEST", "020")
    demand = Trigger(trigger.token.head, sense, "020", nominal=False)
    return Coded(demand, "REQUEST", "020", askers, asked, confidence=0.7)


def thing_owner(ctx: EventContext, head: Token, exclude: Iterable[Actor] = ()) -> list[Actor]:
    """Whose thing ``head`` is: the actors its owner words name ("the EU
    embargo", "Labour's plans", "the ban by the council"); for "the embargo"
    with none, those of its last earlier mention that has them ("the EU
    embargo ... called for the embargo to be lifted")."""
    skip = list(exclude)
    mentions = [head]
    if not _owner_words(head) and any(c.lower_ == "the" for c in head.children):
        lemma = head.lemma_.casefold()
        mentions += [
            t
            for t in reversed(head.doc[: head.i])
            if t.pos_ == "NOUN" and t.lemma_.casefold() == lemma and _owner_words(t)
        ][:1]
    for mention in mentions:
        found = [a for a in actors_of(ctx, _owner_words(mention)) if a not in skip and a.code]
        if found:
            return found
    return []


def _owner_words(head: Token) -> list[Token]:
    owners = [
        c
        for c in head.children
        if c.dep_ in {"poss", "compound", "nmod"}
        and c.i < head.i
        or (c.dep_ == "amod" and c.i < head.i and codes.place_code(c.text))  # not "the same"
    ]
    return owners + [
        o
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in {"by", "of", "from"}
        for o in p.children
        if o.dep_ == "pobj"
    ]
