"""The records an event is coded through (``Trigger``, ``Coded``) and the
readings that turn a clause into someone else's act: "X should withdraw,"
said Y (Y's demand), "called X a scandal" (criticism of X). "They want the
government to withdraw" (their request) is ``targets.wish_request``."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events import guards
from newsgraph.extract.events.actors import EventContext, actors_of
from newsgraph.extract.events.context import reporter
from newsgraph.extract.events.lexicon import EventLexicon, Sense, evaluation
from newsgraph.extract.events.syntax import hindsight, subject_heads
from newsgraph.model import Actor, Entity

__all__ = ["Coded", "Trigger", "demand_of_reporter", "demand_sense", "label_kind", "labelling"]


@dataclass
class Trigger:
    token: Token
    sense: Sense
    code: str
    nominal: bool
    demanded: Token | None = None  # "X said Y must ...": the clause's verb


@dataclass
class Coded:
    """An event while it is being coded."""

    trigger: Trigger
    type: str
    code: str
    sources: list[Actor]
    targets: list[Actor]
    negated: bool = False
    mutual: bool = False
    confidence: float = 0.9
    reported_by: str | None = None
    reporter_country: str | None = None
    reporter_code: str | None = None
    reporter_is_media: bool = False
    place: Entity | None = None
    act: bool = False  # the target is an act ("condemned the bombings"): may stay unknown


def demand_sense(kind: str, code: str) -> Sense:
    return Sense(code=code, type=kind, targets=())


def label_kind(lex: EventLexicon, verb: Token) -> tuple[str, str, Token] | None:
    """ "called Camp Delta a 'major human-rights scandal'", "described the
    plan as ludicrous", "branded the decision unacceptable": (PLOVER type,
    CAMEO code, the one labelled) when the label is evaluative; else None."""
    if verb.lemma_.casefold() not in lex.labelling_verbs:
        return None
    labelled = next((c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)
    small = [s for c in verb.children if c.dep_ in {"ccomp", "oprd", "xcomp"}
             for s in c.children if s.dep_ == "nsubj"]  # fmt: skip
    labelled = labelled or (small[0] if small else None)  # "branded the decision unacceptable"
    if labelled is None:
        return None
    labels = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}]
    if labelled.dep_ == "nsubjpass":  # "was branded a disgrace"
        labels += [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    # "branded the ID scheme a waste of money and 'deeply flawed'", "his actions 'stupid'":
    labels += [
        c
        for c in labelled.children
        if c.dep_ in {"appos", "oprd", "dobj", "conj"} or (c.dep_ == "amod" and c.i > labelled.i)
    ]  # parsed under the one labelled
    # "as a gimmick", "as desperate", also on the one labelled: "his conduct as scandalous"
    as_ = [p for p in (*verb.children, *labelled.children) if p.dep_ == "prep" and p.lower_ == "as"]
    labels += [c for p in as_ for c in p.children]  # and "branded the plan a 'shambles'":
    labels += [c for c in verb.children if c.dep_ in {"dobj", "obj"} and c.i > labelled.i]
    for label in labels:
        found = evaluation(lex, list(label.subtree))
        if found is not None:
            return found[0], found[1], labelled
    return None


def labelling(token: Token, lex: EventLexicon) -> Trigger | None:
    """ "called X a scandal", "described X as ludicrous": criticism or praise
    of X; "branded the decision unacceptable": of the small clause's subject."""
    found = label_kind(lex, token)
    if found is None:
        return None
    kind, code, labelled = found
    clause = labelled.head if labelled.dep_ == "nsubj" else None  # read as a verdict on it
    return Trigger(token, Sense(code=code, type=kind, targets=()), code, False, clause)


def _reporter_actor(ctx: EventContext, token: Token) -> Actor | None:
    name, code = reporter(ctx, token)
    if not name:
        return None
    entity = next((e.id for e in ctx.entities.values() if e.name == name), None)
    return Actor(name=name, code=code, entity=entity)


def demand_of_reporter(ctx: EventContext, trigger: Trigger, carrier: Token) -> Coded | None:
    """ "The first minister should withdraw these remarks," said X: X's demand
    (REQUEST) to the first minister, not the first minister's act; "should
    have withdrawn" is X's criticism of him (ACCUSE 111)."""
    musts = {"must": "100", "have": "100", "ought": "020", "should": "020"}
    modal = next(
        (c.lower_ for c in carrier.children if c.dep_ == "aux" and c.lower_ in musts), None
    )
    if modal is None:
        return None
    asker = _reporter_actor(ctx, trigger.token)
    asked = actors_of(ctx, subject_heads(carrier))
    if asker is not None and not hindsight(carrier):
        asked = guards.not_own_nation("REQUEST", [asker], asked)
    if asker is None or not asked or asker in asked:
        return None
    code = "111" if hindsight(carrier) else musts[modal]  # "should have resigned": blame
    sense = demand_sense(ctx.lex.plover(code) or "REQUEST", code)
    demand = Trigger(trigger.token, sense, code, nominal=False)
    coded = Coded(demand, sense.type, code, [asker], asked, confidence=0.7)
    coded.reported_by = asker.name
    return coded
