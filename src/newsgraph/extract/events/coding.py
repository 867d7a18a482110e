"""Events: who did what to whom, coded in PLOVER with CAMEO codes.

Stage contract: reads the dependency parse of the article's ``Doc``, the
entity graph (coreference resolved), the entity records (with actor codes and
places), the time expressions and the quotes; writes ``Event`` records.

How a sentence is coded:

1. **Triggers**: verbs and nouns of the event lexicon (``data/events.yaml``,
   ``events.lexicon``) in the sense the sentence uses ("reach out to",
   "call for", "sign an agreement", "air strike").
2. **Absorption**: an action inside another's purpose or complement ("agreed
   to release five Iranians and unfreeze $6 billion", "reached out ... to
   establish talks", "refused to provide details") is part of that event,
   not an event of its own: one event per real action.
3. **Arguments** over the parse: the subject is the source and the object or
   the object of a type's preposition ("talks *with* X", "attack *on* X") the
   target; passive clauses swap them ("were convicted by an Iranian court");
   subjects are inherited through coordination, control ("asked X to"),
   participles ("diplomats from Oman coming to Kish") and relative clauses.
   Nouns take the possessor ("Trump's threats"), a nationality before them
   ("a Russian attack"), "by/from X", or the subject of the light verb whose
   object they are ("X held talks with Y"). Visits make the visited place's
   country the target.
4. **Actors**: an argument is the entity it refers to (names, role nouns and
   pronouns by the entity stage; "it", "they" and an unnamed "he" here), else a
   noun phrase coded by ``events.codes`` ("diplomats from Oman" -> OMNGOV);
   "X and Y" gives several actors.
5. **Modality**: an action someone wants, plans or prepares is an intention
   (hostile -> THREATEN, cooperative -> AGREE); a negated cooperative action
   under a modal or a refusal ("would never enter into discussions") is
   REJECT; other negated actions keep their type with ``negated: true``.
6. **Context**: ``reported_by`` is the subject of a speech verb above the
   trigger ("Taraghi said that ..."), the source of a report noun ("a report
   in the Western news media that ..."), or the speaker of the quote it is
   in; the time is the nearest time expression of the trigger's clause, else
   of its sentence, else the publication date; the place is a place named
   in the trigger's clause ("at a meeting in Vienna"). A directed action
   whose target is unstated, reported by someone of another country, takes
   the reporter's country as target, with lower confidence.
7. **Clean-up**: an event needs a source, and a target unless its type stands
   alone (protests, mobilisation, violence); events of one sentence with the same
   type and source merge; a party stating another's violence accuses it, the act
   kept as reported."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.events import codes, guards
from newsgraph.extract.events.actors import (
    EventContext,
    actors_of,
    between_actors,
)
from newsgraph.extract.events.community import active
from newsgraph.extract.events.context import (
    addressed,
    authorities,
    crowd,
    event_place,
    event_time,
    reporter,
    talking_reporter,
    unidentified_attackers,
    visit_target,
)
from newsgraph.extract.events.lexicon import EventLexicon, misconduct, noun_sense, verb_sense
from newsgraph.extract.events.modality import (
    conditioned_on,
    expectation,
    intention,
    needs_to,
    negation,
)
from newsgraph.extract.events.readings import (
    Coded,
    Trigger,
    demand_of_reporter,
    demand_sense,
    labelling,
)
from newsgraph.extract.events.spoken import accusation, quoted_verdicts
from newsgraph.extract.events.syntax import (
    OBJECTS,
    agent_heads,
    borne_by,
    counted_by,
    hindsight,
    is_passive,
    light_subjects,
    light_verb,
    names_country,
    overdue,
    patients,
    place_objects,
    prep_objects,
    subject_heads,
)
from newsgraph.extract.events.targets import (
    BYSTANDERS,
    coerced,
    distinct,
    fill_target,
    find_targets,
    government_asked,
    held_by,
    judged_thing,
    protested,
    where_hit,
    whose_thing,
    wish_request,
)
from newsgraph.extract.events.verdicts import extra_triggers
from newsgraph.model import Actor, Entity, Event

__all__ = ["EventContext", "find_events"]

_PURPOSE = frozenset({"xcomp", "advcl", "ccomp"})
_TERROR = frozenset({"terror", "terrorist", "suicide", "bomb", "car", "militant"})


_MUST = {"must": "100", "should": "020"}
_OFFERS = frozenset({"offer", "pledge", "extend"})
_CONDITIONAL = frozenset({"PROTEST", "SANCTION", "COERCE", "REJECT", "ASSAULT"})  # on a condition


# -- triggers ----------------------------------------------------------------


def _triggers(sent: Span, lex: EventLexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for token in sent:
        if token.lemma_.casefold() in lex.speech_verbs:  # "X said Y must ..."
            for clause in token.children:
                modal = next((c for c in clause.children if c.lower_ in _MUST), None)
                if clause.dep_ == "ccomp" and modal is not None and not expectation(clause):
                    code = "111" if hindsight(clause) else _MUST[modal.lower_]
                    sense = demand_sense(lex.plover(code) or "REQUEST", code)
                    found.append(Trigger(token, sense, code, nominal=False, demanded=clause))
                elif clause.dep_ == "ccomp" and (due := overdue(clause)) is not None:
                    sense = demand_sense("REQUEST", "020")  # "it is time for X to ..."
                    found.append(Trigger(token, sense, "020", nominal=False, demanded=due))
                elif clause.dep_ == "ccomp" and needs_to(clause):
                    sense = demand_sense("REQUEST", "020")  # "said the Lib Dems needed to explain"
                    found.append(Trigger(token, sense, "020", nominal=False, demanded=clause))
        extra = extra_triggers(token, lex)  # verdicts, stances, instructions
        if extra:
            found += extra
            if any(t.sense.type == "REQUEST" or t.token.pos_ == "ADJ" for t in extra):
                continue
        if token.pos_ == "VERB" and token.lemma_.casefold() in lex.labelling_verbs:
            labelled = labelling(token, lex)
            if labelled is not None:  # "called Camp Delta a scandal"
                found.append(labelled)
                continue
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            hit = verb_sense(token, lex)
            if hit:
                found.append(Trigger(token, hit[0], hit[1], nominal=False))
        elif token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in _NAMED:
            hit = noun_sense(token, lex)  # not "Exchange" of "Securities and Exchange Commission"
            if hit:
                found.append(Trigger(token, hit[0], hit[1], nominal=True))
    return found


_HAPPEN = frozenset("take continue begin resume start open proceed go".split())
_NAMED = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART"})  # names, not events


def _absorbed(triggers: list[Trigger]) -> set[int]:
    """Token indexes inside another trigger's purpose or complement."""
    inside: set[int] = set()
    nouns = {t.token.i for t in triggers if t.nominal}
    for trigger in triggers:
        token = trigger.token
        light = [token.head] if trigger.nominal and token.dep_ in {"dobj", "obj"} else []
        for child in [c for h in light for c in h.children if c.dep_ in _PURPOSE]:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                inside.update(t.i for t in child.subtree)  # "staged rallies to demand reform"
        for child in token.children:
            if child.dep_ == "xcomp" or (
                child.dep_ in _PURPOSE
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ):
                inside.update(t.i for t in child.subtree)
            if (
                not trigger.nominal
                and child.dep_ in {"dobj", "obj"}
                and child.i in nouns
                and not any(c.dep_ == "poss" or names_country(c) for c in child.children)
            ):  # "lodged a protest with X": one event, the verb's
                inside.add(child.i)
            elif not trigger.nominal and token.lemma_ in _OFFERS and child.i in nouns:
                inside.add(token.i)  # "offered his support to X": the noun's event, no offer
            if trigger.nominal and child.dep_ == "acl":  # "threats to scuttle the pact"
                inside.update(t.i for t in child.subtree)
            if child.dep_ == "ccomp" and (
                child is trigger.demanded or trigger.sense.type in {"REQUEST", "THREATEN"}
            ):  # "demanded that X cancel ...", "said Y must lift ...": what is asked
                inside.update(t.i for t in child.subtree)
    # "say the issue should be decided in Scotland and believe the executive is
    # shirking": a verdict of its own, parsed as a conjunct inside the demand
    return inside - {
        t.token.i for t in triggers if t.demanded is not None and t.token.dep_ == "conj"
    }


# -- arguments ---------------------------------------------------------------


def _arguments(
    ctx: EventContext, trigger: Trigger
) -> tuple[list[Token], list[Token], Token | None]:
    """Heads of the source and target phrases, and the verb that carries the
    clause (the trigger, or the light verb of an event noun)."""
    token, sense = trigger.token, trigger.sense
    if trigger.demanded is not None:
        demanded = trigger.demanded  # "claims he was betrayed by X": X, who misbehaved
        holders = subject_heads(token) or [c for c in token.children if c.dep_ == "nsubjpass"]
        if is_passive(demanded) and sense.type == "ACCUSE":  # not whom "told" addresses
            if agent_heads(demanded) or misconduct(ctx.lex, demanded):  # "abused by Labour"
                return holders, agent_heads(demanded), token
            return holders, [c for c in demanded.children if judged_thing(c)], token
        return holders, subject_heads(demanded), token  # "said it was misdirected": "it"
    if not trigger.nominal and trigger.sense in ctx.lex.adjective_senses.get(token.lower_, ()):
        sources = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        sources = sources or subject_heads(token)
        return sources, prep_objects(token, sense.targets), token
    if not trigger.nominal:
        if is_passive(token):
            sources = agent_heads(token)
            targets = patients(token)
        else:
            sources = subject_heads(token)
            targets = (
                []
                if sense.no_object_target or sense.visit
                else [c for c in token.children if c.dep_ in OBJECTS - {"attr", "oprd"}]
            )
        targets += prep_objects(token, sense.targets)
        return sources, targets, token
    if sense.predicate_only:  # "X is a critic of Y", "X, a staunch backer of Y,"
        holder = _holder(token)
        if holder is None:
            return [], [], None
        return [holder], prep_objects(token, sense.targets), token
    sources, targets = [], []
    terror = any(c.lower_ in _TERROR for c in token.children)  # "the US terror attacks": where
    for child in token.children:
        if child.dep_ == "poss":
            (targets if sense.patient_possessive else sources).append(child)
        elif child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i:
            if names_country(child) and not terror:
                sources.append(
                    child
                )  # "a Russian attack", "U.S. sanctions", not "a Brussels summit"
    counter = counted_by(token)  # "a series of attacks on X": the parser's head for both
    phrase = [token] + ([counter] if counter is not None else [])
    sources += [o for word in phrase for o in prep_objects(word, ("by", "from"))]
    if sense.needs_between and not prep_objects(token, ("between",)):
        return [], [], None  # "a news conference", not "a news conference between X and Y"
    if token.dep_ == "pobj" and token.head.lower_ == "despite":  # "... despite US objections"
        targets += subject_heads(token.head.head)
    if sense.patient_of:
        targets += prep_objects(token, ("of",))
    targets += prep_objects(token, sense.targets)
    if counter is not None:  # its "of" is the event noun itself
        targets += prep_objects(counter, tuple(p for p in sense.targets if p != "of"))
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in _HAPPEN:
        targets += prep_objects(token.head, sense.targets)  # "talks were taking place with X"
    if bearers := borne_by(token):  # "X faced criticism from Y", "X is the subject of a Y inquiry"
        bearing = token.head.head if token.dep_ == "pobj" else token.head  # "came under fire from"
        targets, sources = targets + bearers, sources + prep_objects(bearing, ("from",))
    light = light_verb(counter or token, ctx.lex.light_verbs)
    if light is not None:
        bound = [s for s in sources if s.dep_ == "poss" and s.pos_ == "PRON"]
        if bound and (subjects := light_subjects(light, sense.type in ctx.lex.cooperative)):
            sources = subjects  # "supporters launched their challenge": the supporters'
        if not sources:
            sources = light_subjects(light, sense.type in ctx.lex.cooperative)
        targets += prep_objects(light, sense.targets)
        if token.dep_ == "pobj" and counter is None:  # "engaged X in a firefight"
            targets += [c for c in light.children if c.dep_ in {"dobj", "obj"}]
    elif sense.light_only and not bearers:  # "came under fire from MPs": borne by the subject
        return [], [], None
    return sources, targets, light or token


def _holder(noun: Token) -> Token | None:
    """Whom a predicate noun is said of: the subject of "be" ("X has been a
    critic of") or the noun it stands in apposition to ("X, a critic of,")."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next(iter(subject_heads(noun.head)), None)
    if noun.dep_ == "appos":
        return noun.head
    return None


# -- coding ------------------------------------------------------------------


_FAILURES = frozenset({"fail", "failure"})  # "failed to reach agreement": a rejection
_REFUSALS = frozenset(
    {"refusal", "failure", "reluctance", "unwillingness"}
)  # "his refusal to accept"
_TALKS = frozenset("talk telephone phone negotiate confer talks negotiations discussions".split())


def _code_trigger(ctx: EventContext, trigger: Trigger) -> Coded | None:
    source_heads, target_heads, carrier = _arguments(ctx, trigger)
    if carrier is None or guards.sport(ctx, carrier):
        return None
    if guards.sanction_authorises(ctx, trigger.token):
        return None
    if guards.other_sense(ctx, trigger.sense.type, trigger.token):
        return None  # "released video", "as demonstrated by", "the right to protest"
    negated, modal = negation(ctx, carrier)
    refused = (
        carrier.dep_ == "xcomp" and carrier.head.lemma_.casefold() in ctx.lex.refusal_verbs
    ) or (carrier.dep_ in {"acl", "xcomp"} and carrier.head.lemma_.casefold() in _REFUSALS)
    kind, code = trigger.sense.type, trigger.code
    failed = refused and carrier.head.lemma_.casefold() in _FAILURES | _REFUSALS
    if (negated and (modal or refused) or failed) and kind in ctx.lex.cooperative:
        kind, code, negated = "REJECT", "125" if kind == "CONSULT" else "120", False
    elif (wish := guards.wished_by(ctx, carrier)) is not None and not trigger.nominal:
        return wish_request(ctx, trigger, wish)  # "they want the government to withdraw"
    elif trigger.demanded is None and (unreal := guards.hypothetical(ctx, carrier)):
        if unreal == "modal" and not trigger.nominal:
            return demand_of_reporter(ctx, trigger, carrier)  # "X should withdraw", said Y
        return None  # "if the United States imposed sanctions", "hope they will act"
    elif not negated:
        kind, code = intention(ctx, trigger, kind, code)
    verbal = _verbal_object(ctx, trigger)
    if verbal is not None:  # "attacked the government's plans": criticism
        kind, code = "ACCUSE", "111"
        target_heads = [c for c in verbal.children if c.dep_ in {"poss", "compound", "amod"}]
        target_heads += prep_objects(verbal, ("by", "of"))
        if not is_passive(trigger.token):  # "attacked the decision by X", "by" misattached
            target_heads += prep_objects(trigger.token, ("by",))
        target_heads += [  # "attacked Tory plans" parsed as two objects: whose plans
            c
            for c in trigger.token.children
            if c.dep_ in {"dobj", "obj"} and c.i < verbal.i and c.pos_ == "PROPN"
        ]
        trigger = Trigger(trigger.token, demand_sense(kind, code), code, trigger.nominal)
    if kind == "REQUEST" and trigger.token.lemma_ == "ask" and _asks_a_question(trigger.token):
        return None  # "was asked by journalists about his view"
    sources = actors_of(ctx, source_heads)
    if not sources and trigger.nominal and kind in ctx.lex.mutual:
        sources = between_actors(ctx, trigger.token)  # "talks between Trump and Liu He"
    light = light_verb(trigger.token, ctx.lex.light_verbs) if trigger.nominal else None
    if not sources and light is not None:  # "continued their hunger strike": who continued
        sources = actors_of(ctx, light_subjects(light, kind in ctx.lex.cooperative))
    if not sources and trigger.token.dep_ == "xcomp":
        sources = actors_of(ctx, subject_heads(trigger.token))
    inferred = False
    if not sources and kind == "COERCE" and is_passive(trigger.token):
        sources = authorities(ctx, carrier)  # "was arrested in Lebanon"
        inferred = bool(sources)
    if not sources and kind == "ASSAULT" and not trigger.nominal:
        sources = unidentified_attackers(ctx, trigger.token, source_heads)  # "a bombing killed"
        inferred = bool(sources)
    if not sources and kind == "PROTEST":
        sources = crowd(
            ctx, trigger.token, trigger.nominal, source_heads
        )  # "Thousands marched in X"
        inferred = bool(sources)
    if not sources and trigger.nominal and kind == "CONSULT" and target_heads:
        sources = talking_reporter(ctx, trigger.token)  # "Straw said discussions were
        inferred = bool(sources)  # taking place with US officials": Straw's side talks
    if not sources:
        return None
    acts = False
    objects = target_heads
    if kind in {"ACCUSE", "SUPPORT", "REJECT"} and verbal is None:
        target_heads, acts = guards.act_agents(ctx, target_heads)  # "condemned the bombings"
    targets = find_targets(ctx, trigger, target_heads, sources)
    if not targets and kind == "THREATEN" and trigger.sense.type in _CONDITIONAL:
        targets = actors_of(ctx, conditioned_on(carrier))  # "would strike unless the government"
    if acts and not target_heads:
        targets = []
    owned = False
    judged = kind in {"ACCUSE", "SUPPORT", "REJECT"} or (  # "will vote against the bill if",
        kind == "THREATEN" and trigger.sense.type in {"ACCUSE", "REJECT"}  # "accepted his plan"
    ) or (kind == "AGREE" and trigger.token.lemma_ == "accept")  # fmt: skip
    if not targets and judged:
        targets = whose_thing(ctx, objects, sources)  # "oppose the plans": the government's
        owned = bool(targets)
    if not targets and kind == "PROTEST":
        targets = protested(ctx, [trigger.token, carrier], sources)  # "to demand X's resignation"
        owned = bool(targets)
    if not targets and kind == "REQUEST" and not trigger.nominal:
        targets = addressed(ctx, trigger.token) or government_asked(
            ctx, trigger.token, objects, sources, trigger.demanded
        )
        owned = bool(targets)
    if not targets and kind == "COERCE" and not trigger.nominal and not inferred:
        targets = coerced(trigger.token, sources)  # "police arrested 14 foreigners"
    if trigger.nominal and trigger.sense.needs_target and not targets:
        return None  # "a raid" alone, "the strike" of workers
    if guards.same_person(ctx, sources, targets):
        return None  # "why will the prime minister not ..., he demanded": "he" misread
    reciprocal = trigger.sense.reciprocal and len(sources) + len(targets) > 1
    meant = guards.meant(ctx, trigger, (kind, code, targets), sources, source_heads, target_heads)
    if meant is None:
        return None  # "Britain's open door approach is hitting workers", "fight the seat"
    kind, code, targets = meant
    if kind == "ASSAULT" and not trigger.nominal and not targets and not reciprocal:
        if trigger.token.lemma_ in _WEAPON_VERBS:  # "fired missiles into the sea": a show of force
            kind, code = "MOBILIZE", "150"
        elif not target_heads and not place_objects(trigger.token):
            return None  # "France attacked relentlessly": nothing attacked
        elif not guards.physical_heads(ctx, target_heads + place_objects(trigger.token)):
            return None  # "shot basketball hoops": nothing anyone owns or lives in
    if trigger.demanded is not None:  # "X said the government should ...": an actor that acts
        targets = [t for t in targets if t.code and not t.code.endswith(BYSTANDERS)]
        targets = guards.not_own_nation(kind, sources, targets)  # "said Britain should ..."
    talks = (
        kind == "CONSULT"
        and trigger.token.lemma_.casefold() in _TALKS
        and len(targets) == 1
        and codes.country_of_code(targets[0].code) is not None
    )
    if guards.addresses_the_public(kind, sources, targets):
        return None  # "wants to meet as many members of the public", "help women who want to work"
    if reciprocal or talks:  # "exchanged prisoners with Ukraine", "held talks with X": both ways
        sources, targets = sources + [t for t in targets if t not in sources], []
        reciprocal = True
    each_other = kind in ctx.lex.mutual and not code.startswith("043")  # co-hosts host others
    mutual = not targets and len(sources) > 1 and (each_other or reciprocal)
    place: Entity | None = None
    if trigger.sense.visit:
        if not guards.official(ctx, sources[0]):
            return None  # "people coming to the UK": travel, not a visit
        visited, place = visit_target(ctx, trigger.token, carrier)
        if visited and guards.own_country_visit(sources[0], visited[0], ctx.home_country):
            return None  # "Mr Blair visited Sheffield"
        source_country = codes.country_of_code(sources[0].code)
        if not targets:  # "will visit Mauritania and Senegal": each country visited
            targets = [v for v in visited if v.code and v.code != source_country]
    coded = Coded(trigger, kind, code, sources, targets, negated=negated, mutual=mutual)
    coded.act = acts
    coded.reported_by, reporter_code = reporter(ctx, trigger.token)
    coded.reporter_country = codes.country_of_code(reporter_code)
    coded.reporter_code = reporter_code
    coded.reporter_is_media = bool(reporter_code and reporter_code.endswith("MED"))
    exclude = {t.i for h in source_heads for t in h.subtree}
    coded.place = place or event_place(ctx, carrier, exclude)
    if coded.place and not trigger.sense.visit and any(t.entity == coded.place.id for t in targets):
        coded.place = None  # "sanctions on Belarus": the target, not where it happened
    coded.confidence = 0.9 - (0.1 if trigger.nominal or owned else 0.0) - (0.3 if inferred else 0.0)
    hit = where_hit(coded.targets, coded.place)
    coded.targets = distinct(held_by(kind, sources, hit, ctx.home_country, code))
    return coded


_WEAPON_VERBS = frozenset({"fire", "launch", "test"})


def _verbal_object(ctx: EventContext, trigger: Trigger) -> Token | None:
    """The object of an attack that is words or plans, not people or places
    ("attacked the decision", "hit out at the plans")."""
    if trigger.sense.type != "ASSAULT":
        return None
    objects = [c for c in trigger.token.children if c.dep_ in {"dobj", "obj"}]
    objects += [o for obj in objects for o in prep_objects(obj, ("at", "on", "against"))]
    objects += prep_objects(trigger.token, ("at", "on", "against"))
    for obj in objects:
        if obj.lemma_.casefold() in ctx.lex.verbal_objects:
            return obj
    return None


def _asks_a_question(verb: Token) -> bool:
    """ "asked about ...", "asked whether ...": a question, not a request."""
    for child in [
        *verb.children,
        *(o for a in verb.children if a.dep_ == "agent" for o in a.subtree),
    ]:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ == "ccomp" and any(
            c.lower_ in {"whether", "if", "what", "why", "how", "when", "who"}
            for c in child.children
        ):
            return True
    return False


def _same_actor(a: Actor, b: Actor) -> bool:
    return (a.entity is not None and a.entity == b.entity) or (
        a.code is not None and a.code == b.code and a.name == b.name
    )


def _merge(events: list[Coded]) -> list[Coded]:
    kept: list[Coded] = []
    for event in events:
        twin = next(
            (
                k
                for k in kept
                if k.type == event.type
                and k.trigger.token.sent == event.trigger.token.sent
                and _same_actor(k.sources[0], event.sources[0])
            ),
            None,
        )
        if twin is None:
            kept.append(event)
            continue
        if not twin.targets and event.targets:
            twin.targets, twin.mutual = event.targets, False
            twin.code = event.code if twin.code[:2] == event.code[:2] else twin.code
        twin.place = twin.place or event.place
        twin.confidence = max(twin.confidence, event.confidence)
    return kept


def _joint(actors: list[Actor]) -> Actor:
    if not actors:
        return Actor()
    if len(actors) == 1:
        return actors[0]
    names = [a.name for a in actors if a.name]
    return Actor(  # every actor is in ``sources`` / ``targets``; the code is the first's
        name=" and ".join(names),
        code=next((a.code for a in actors if a.code), None),
        entity=actors[0].entity,
    )


def _record(ctx: EventContext, number: int, coded: Coded) -> Event:
    sent = coded.trigger.token.sent
    place = coded.place
    root = coded.code[:2]
    sources, targets = coded.sources, coded.targets
    if coded.mutual:  # "X and Y met": each acted on the other
        sources, targets = coded.sources[:1], coded.sources[1:]
    return Event(
        id=f"v{number}",
        type=coded.type,
        cameo=root,
        cameo_code=coded.code if len(coded.code) > 2 else None,
        source=_joint(sources),
        target=_joint(targets),
        sources=coded.sources if len(coded.sources) > 1 else [],
        targets=coded.targets if len(coded.targets) > 1 else [],
        mutual=coded.mutual,
        trigger=coded.trigger.token.text,
        text=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        time=event_time(ctx, coded.trigger.token),
        place=place.name if place else None,
        place_entity=place.id if place else None,
        place_country=place.attributes.get("country") if place else None,
        lat=place.attributes.get("lat") if place else None,
        lon=place.attributes.get("lon") if place else None,
        reported_by=coded.reported_by,
        negated=coded.negated,
        confidence=round(max(0.05, min(1.0, coded.confidence)), 2),
    )


def find_events(ctx: EventContext) -> list[Event]:
    """The events of one parsed article."""
    coded_all: list[Coded] = []
    community = active()
    for sent in ctx.doc.sents:
        if community is not None and community.discarded(sent.text):
            continue  # a discard phrase of the dictionaries: sport, entertainment
        triggers = _triggers(sent, ctx.lex)
        absorbed = _absorbed(triggers)
        for trigger in triggers:
            if trigger.token.i in absorbed:
                continue
            coded = _code_trigger(ctx, trigger)
            if coded is None:
                continue
            coded_all.append(coded)
    coded_all += quoted_verdicts(ctx, coded_all)  # "'X has shown crass insensitivity,' said Y"
    kept: list[Coded] = []
    for coded in _merge(coded_all):
        fill_target(ctx, coded, kept)
        verb = coded.trigger.token
        alone = (  # "has given way", "relented"; not "conceded that it was difficult"
            coded.type == "CONCEDE"
            and verb.lemma_.casefold() in ctx.lex.untargeted_verbs
            and not any(c.dep_ == "ccomp" for c in verb.children)
        )
        if coded.targets or coded.mutual or coded.type in ctx.lex.untargeted or coded.act or alone:
            charge = accusation(ctx, coded)
            if charge is not None:  # the accusation is a fact; what it alleges stays reported
                kept.append(charge)
                coded.confidence -= 0.2
            kept.append(coded)
    return [_record(ctx, n, c) for n, c in enumerate(kept, 1)]
