"""Modality of a clause for the event coder: negation and denial ("did not
attack", "denied that ..."), intention and conditional threats ("wants to
attack", "will vote against ... unless"), and what a speaker says another
needs to do. Functions of spaCy tokens and the event lexicon."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.events.actors import EventContext
from newsgraph.extract.events.codes import head_sector
from newsgraph.extract.events.readings import Trigger
from newsgraph.extract.events.syntax import light_verb

__all__ = ["FUTURE", "conditioned_on", "expectation", "intention", "needs_to", "negation"]


_NEGATIONS = frozenset({"never", "not", "n't", "nor", "neither"})


def _denied(verb: Token) -> bool:
    """Whether the clause of ``verb`` is what someone denies, directly or
    through a clause in between ("denied her faith meant she would refuse")."""
    node = verb
    for _ in range(3):
        if node.dep_ != "ccomp" or node.head is node:
            return False
        node = node.head
        if node.lemma_ in {"deny", "dismiss"}:
            return True
    return False


def negation(ctx: EventContext, verb: Token) -> tuple[bool, bool]:
    """(negated, under a modal or refusal) for the clause of ``verb``; a
    clause someone denies ("denied that its forces had attacked") is negated."""
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)
    negated = negated or _denied(verb)
    if verb.dep_ == "conj" and any(c.lower_ in {"nor", "neither"} for c in verb.head.children):
        negated = True  # "does not commit suicide, nor does she kill"
    if verb.dep_ == "xcomp" and not negated:  # "do not need to attack", "never tried to meet"
        negated = any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.head.children)
    modal = any(c.dep_ == "aux" and c.lower_ in ctx.lex.modal_words for c in verb.children)
    if verb.dep_ == "conj" and not modal:
        modal = any(c.dep_ == "aux" and c.lower_ in ctx.lex.modal_words for c in verb.head.children)
    return negated, modal


def intention(ctx: EventContext, trigger: Trigger, kind: str, code: str) -> tuple[str, str]:
    """An action someone wants, plans, is ready to or will take is an
    intention (CAMEO 03 / 13): "wants to attack" -> THREATEN, "will
    support" -> AGREE."""
    token = trigger.token
    if trigger.nominal:  # "would raise tariffs on": the light verb's intention
        token = light_verb(token, ctx.lex.light_verbs) or token
    if token is trigger.token and trigger.nominal or trigger.demanded is not None:
        return kind, code
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # "aims to promote ... and provide"
    head = first.head
    intended = first.dep_ == "xcomp" and head.lemma_.casefold() in ctx.lex.intent_verbs
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE for c in token.children)
    if not (intended or future):
        return kind, code
    marks = {
        m.lower_
        for c in token.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark"
    }
    if "unless" in marks or ("if" in marks and kind in ctx.lex.hostile | {"REJECT"}):
        return "THREATEN", "130"  # "will withdraw its force unless ...": a conditional threat
    if kind in ctx.lex.hostile and kind != "THREATEN":
        return "THREATEN", "138" if kind == "ASSAULT" else "130"
    if kind in ctx.lex.cooperative and kind != "AGREE":
        return "AGREE", "036" if kind == "CONSULT" else "030"
    return kind, code


FUTURE = frozenset({"will", "'ll", "wo", "shall", "would"})


def needs_to(clause: Token) -> bool:
    """ "(said) the Lib Dems needed to explain", "X has to go": what someone
    says another must do; not "we need to", "I have to"."""
    return (
        clause.lemma_ in {"need", "have"}
        and not any(c.dep_ == "aux" and c.lower_ in FUTURE | {"could", "may", "might"}
                    for c in clause.children)  # "would have to": not yet asked
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                for c in clause.children)
        and any(c.dep_ == "nsubj" and c.lower_ not in {"i", "we", "you", "they", "he", "she", "it"}
                for c in clause.children)
    )  # fmt: skip


_THINGS = frozenset({"it", "this", "that", "there"})


def expectation(clause: Token) -> bool:
    """Whether a "should" or "must" clause says what the speaker expects of a
    thing, not what anyone is to do: "he believed the changes should be
    sufficient", "it must be wrong"; not "the UK should be more active" (an
    actor) nor "the law should be changed" (a passive: a demand)."""
    if clause.lemma_ != "be" or not any(c.dep_ == "acomp" for c in clause.children):
        return False
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.lower_ in _THINGS or (s.pos_ == "NOUN" and not s.ent_type_ and head_sector(s) is None)
        for s in subjects
    )


def conditioned_on(carrier: Token) -> list[Token]:
    """Who a conditional threat is aimed at: the subject of its "unless" or
    "if" clause ("would go on strike unless the government backed down")."""
    return [
        s
        for c in carrier.children
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in {"unless", "if"} for m in c.children)
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ not in {"i", "we"}  # not "if we don't get"
    ]
