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
from newsgraph.extract.events.lexicon import EventLexicon, Sense
from newsgraph.extract.events.syntax import hindsight, subject_heads
from newsgraph.model import Actor, Entity

__all__ = ["Coded", "Trigger", "demand_of_reporter", "demand_sense", "labelling"]


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


def labelling(token: Token, lex: EventLexicon) -> Trigger | None:
    """ "called X a scandal", "described X as ludicrous": criticism or praise of X."""
    found = guards.label_kind(lex, token)
    if found is None:
        return None
    kind, code, _ = found
    return Trigger(token, Sense(code=code, type=kind, targets=()), code, nominal=False)


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
