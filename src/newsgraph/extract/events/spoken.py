"""Events that speakers' words make: an accusation of violence ("The US said
Iraq had attacked ...": ACCUSE 112 against Iraq, the attack kept as
reported) and a verdict inside a quotation ("'This government has shown
crass insensitivity,' said Mr Ancram": his criticism, ACCUSE 111, of the
government)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from newsgraph.extract.events import codes, guards
from newsgraph.extract.events.actors import EventContext, actors_of, entity_id_actor
from newsgraph.extract.events.lexicon import Sense, evaluation, misconduct
from newsgraph.extract.events.readings import Coded, Trigger
from newsgraph.extract.events.syntax import asks
from newsgraph.extract.events.targets import whose_thing
from newsgraph.model import Actor, Quote

__all__ = ["accusation", "quoted_verdicts"]

_ALLEGED = frozenset({"ASSAULT", "COERCE"})


def _stated_first(ctx: EventContext, token: Token) -> bool:
    """Whether the clause of ``token`` is what someone says, with the sayer
    first ("The US said that Iraq attacked"), not a source given after it
    ("..., the Israeli army said": the writer's attribution)."""
    node = token
    for _ in range(8):
        if node.dep_ == "ROOT":
            return False
        below, node = node, node.head
        if node.pos_ in {"VERB", "AUX"} and node.lemma_.casefold() in ctx.lex.speech_verbs:
            return node.i < token.i and below.dep_ == "ccomp"  # what is said, not "one day after"
    return False


def accusation(ctx: EventContext, coded: Coded) -> Coded | None:
    """ "The US said Iraq had attacked ...", "Israel said a mortar bomb was
    fired at it from Gaza": a party stating another's violence or coercion
    accuses it (CAMEO 112). Not so when the media, or the acting side itself
    ("the U.S. Central Command said"), reports it."""
    if coded.type not in _ALLEGED or coded.negated or coded.reporter_is_media:
        return None
    if not _stated_first(ctx, coded.trigger.token):
        return None
    reporter, country = coded.reporter_code, coded.reporter_country
    accused = [a for a in coded.sources if a.code]
    if not reporter or not country or not coded.reported_by or not accused:
        return None
    if any(codes.country_of_code(a.code) == country for a in accused):
        return None
    source = Actor(name=coded.reported_by, code=reporter)
    return Coded(
        coded.trigger,
        "ACCUSE",
        "112",
        [source],
        accused,
        confidence=coded.confidence - 0.1,
        reported_by=coded.reported_by,
        reporter_country=country,
        reporter_code=reporter,
        place=coded.place,
    )


# -- verdicts inside quotations -------------------------------------------------

_SHOWING = frozenset({"show", "prove", "display", "betray", "reveal"})  # "has shown crass X"
_SELF = frozenset({"i", "we", "me", "us", "you", "it", "this", "that", "there", "they"})


def _speaker(ctx: EventContext, quote: Quote) -> Actor | None:
    entity = ctx.entities.get(quote.speaker or "")
    if entity is None or entity.type not in {"PERSON", "ORG"}:
        return None
    return entity_id_actor(ctx, entity.id)


def _judged_words(clause: Token) -> list[Token]:
    """The words of a clause that can judge its subject: the predicate of
    "be" ("is a shambles"), the object of "show"/"prove" ("has shown crass
    insensitivity"), or a passive participle ("was misdirected")."""
    deps = {"acomp", "attr", "oprd"}
    if clause.lemma_.casefold() in _SHOWING:
        deps |= {"dobj", "obj"}
    elif clause.lemma_.casefold() != "be" and not (
        clause.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in clause.children)
    ):
        return []
    words = [w for c in clause.children if c.dep_ in deps for w in c.subtree]
    if not words and clause.tag_ == "VBN":
        words = [clause]
    if any(c.dep_ == "neg" for c in clause.children) or any(
        w.lower_ in {"not", "n't", "never", "no"} for w in words
    ):
        return []  # "it was not wrong"
    return words


def _clauses(ctx: EventContext, quote: Quote) -> Iterator[Token]:
    doc = ctx.doc
    span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if span is None:
        return
    for token in span:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ROOT", "conj", "ccomp"}:
            yield token


def quoted_verdicts(ctx: EventContext, coded: Sequence[Coded]) -> list[Coded]:
    """Criticism or praise a speaker voices in a direct quotation of an actor
    the clause is about: "'Once again this government has shown crass
    insensitivity,' said Mr Ancram" -> Ancram ACCUSE 111 the government;
    "'Labour's plans are a shambles'" -> the owner of the plans. Pronoun
    subjects ("we", "it", "they") are not resolved inside quotes and make no
    event; nor does a clause an event was already coded for."""
    taken = {c.trigger.token.i for c in coded} | {
        c.trigger.demanded.i for c in coded if c.trigger.demanded is not None
    }
    found: list[Coded] = []
    for quote in ctx.quotes:
        speaker = _speaker(ctx, quote) if quote.kind == "direct" else None
        if speaker is None or not speaker.code:
            continue
        found += _labelled_of(ctx, quote, speaker, taken)  # "the breathtaking hypocrisy of MPs"
        for clause in _clauses(ctx, quote):
            explained = asks(clause) or asks(clause.head)  # "why the government thought ..."
            if clause.i in taken or guards.hypothetical(ctx, clause) or explained:
                continue  # "if ... it might be illegal"
            subjects = [
                c for c in clause.children
                if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _SELF
            ]  # fmt: skip
            words = _judged_words(clause) if subjects else []
            judged = evaluation(ctx.lex, words) if words else None
            active = not any(c.dep_ == "auxpass" for c in clause.children)
            if judged is None and subjects and active and misconduct(ctx.lex, clause):
                judged = ("ACCUSE", "111")  # "'The government has misled the public,' said X"
            if judged is None:
                continue
            targets = [a for a in actors_of(ctx, subjects) if a.code and a != speaker]
            targets = targets or whose_thing(ctx, subjects, [speaker])
            targets = [
                t
                for t in targets
                if not (t.entity and t.entity == speaker.entity)
                and (t.entity or not (t.code or "").endswith("CVL"))  # "Many people are afraid"
            ]
            if not targets:
                continue
            kind, code = judged
            trigger = Trigger(clause, Sense(code=code, type=kind, targets=()), code, nominal=False)
            found.append(
                Coded(
                    trigger,
                    kind,
                    code,
                    [speaker],
                    targets,
                    confidence=0.7,
                    reported_by=speaker.name,
                )  # fmt: skip
            )
    return found


def _labelled_of(ctx: EventContext, quote: Quote, speaker: Actor, taken: set[int]) -> list[Coded]:
    """A label noun with "of" an actor in a speaker's direct quotation ("the
    breathtaking hypocrisy of MPs", "the incompetence of this government"):
    his criticism (or praise) of that actor."""
    span = ctx.doc.char_span(quote.start, quote.end, alignment_mode="contract")
    found: list[Coded] = []
    labels = ctx.lex.negative_labels | ctx.lex.positive_labels
    for noun in span if span is not None else []:
        named = noun.pos_ == "NOUN" and (noun.lower_ in labels or noun.lemma_.casefold() in labels)
        judged = evaluation(ctx.lex, [noun]) if named else None
        if judged is None or noun.i in taken:
            continue
        owners = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        targets = [a for a in actors_of(ctx, owners) if a.code and a != speaker]
        if targets:
            kind, code = judged
            trigger = Trigger(noun, Sense(code=code, type=kind, targets=()), code, True)
            found.append(Coded(trigger, kind, code, [speaker], targets, confidence=0.7,
                               reported_by=speaker.name))  # fmt: skip
    return found
