"""Triggers that are not a verb or noun of the lexicon standing alone:
verdicts ("the Lib Dems said it was misdirected": criticism of it),
stances ("critical of the government", "opposed to the plans") and
instructions ("warned Mr Brown not to be tempted": a request of Mr Brown)."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.events.lexicon import EventLexicon, Sense, evaluation, misconduct
from newsgraph.extract.events.readings import Trigger
from newsgraph.extract.events.syntax import DISMAY, asks

__all__ = ["extra_triggers"]

_PREDICATES = frozenset({"acomp", "attr", "oprd"})
_STANCE_DEPS = frozenset({"acomp", "amod", "attr", "conj", "oprd"})


def _label(lex: EventLexicon, words: list[Token]) -> tuple[str, str] | None:
    """(PLOVER type, CAMEO code) of an evaluative predicate, if it is one;
    praise denied is criticism ("has not been straightforward"), criticism
    denied nothing ("said it was not wrong")."""
    if any(t.dep_ == "neg" or t.lower_ in {"not", "n't", "never"} for t in words):
        found = evaluation(lex, [t for t in words if t.dep_ != "neg"])
        return ("ACCUSE", "111") if found and found[0] == "SUPPORT" else None
    return evaluation(lex, words)


def _verdicts(lex: EventLexicon, verb: Token) -> list[Trigger]:
    """ "X said (that) Y was <label>", and "Y was <label>, X said" (the
    parser hangs the speech verb from the clause): X's criticism or praise
    of Y; each of conjoined verdicts ("said Y was justified and Z's style
    was corrosive": praise of Y, criticism of Z)."""
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if verb.dep_ in {"ccomp", "parataxis"} and verb.head.i < verb.i and verb.head.lemma_ == "be":
        clauses.append(verb.head)
    clauses += [c for clause in clauses for c in clause.children if c.dep_ == "conj"]
    verdicts: list[Trigger] = []
    for clause in clauses:
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            continue
        predicates = [c for c in clause.children if c.dep_ in _PREDICATES]
        if clause.lemma_ == "be" and predicates:
            words = [w for p in predicates for w in p.subtree]
        elif any(c.dep_ == "auxpass" for c in clause.children) and clause.tag_ == "VBN":
            words = [clause]  # "said it was misdirected"
        elif clause.pos_ == "ADJ":  # "said Defra had been 'dreadfully slow'", parsed as its head
            words = [clause, *(c for c in clause.children if c.dep_ == "advmod")]
        else:
            continue
        words += [c for c in clause.children if c.dep_ == "neg"]
        found = _label(lex, words)
        if found:
            kind, code = found
            sense = Sense(code=code, type=kind, targets=())
            verdicts.append(Trigger(verb, sense, code, nominal=False, demanded=clause))
    return verdicts


_SELF = frozenset({"i", "we", "me", "us"})


def _blame(lex: EventLexicon, verb: Token) -> Trigger | None:
    """ "X said the executive is shirking its responsibility", "X claims he
    has been betrayed by the British authorities": X's criticism (ACCUSE
    111) of whoever the clause says misbehaved (its subject, or the agent of
    a passive)."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not (
            misconduct(lex, clause) or _finite_misdeed(lex, clause)  # "... and has failed"
            or any(c.dep_ == "xcomp" and misconduct(lex, c) for c in clause.children)
        ):  # fmt: skip
            continue  # not "said it had not misled anyone", "the potential lay in"
        doers = [c for c in clause.children if c.dep_ == "nsubj"]
        if any(c.dep_ == "auxpass" for c in clause.children):
            doers = [o for a in clause.children if a.dep_ == "agent" for o in a.children]
        if not doers or doers[0].lower_ in _SELF:
            continue
        sense = Sense(code="111", type="ACCUSE", targets=())
        return Trigger(verb, sense, "111", nominal=False, demanded=clause)
    return None


def _finite_misdeed(lex: EventLexicon, clause: Token) -> bool:
    """A finite misdeed conjoined deeper in the clause, with the clause's
    subject ("has had the chance to tackle the problems and has failed":
    the parser joins "has failed" to "tackle")."""
    return any(
        t.dep_ == "conj" and any(a.dep_ == "aux" for a in t.children) and misconduct(lex, t)
        for t in clause.subtree
        if t.i != clause.i and not any(c.dep_ == "nsubj" for c in t.children)
    )


def _infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _instruction(lex: EventLexicon, verb: Token) -> Trigger | None:
    """ "warned Mr Brown not to be tempted", "ordered the army to withdraw"."""
    code = lex.instruction_verbs.get(verb.lemma_.casefold())
    if code is None:
        return None
    children = list(verb.children)
    if not any(c.dep_ in {"dobj", "obj"} for c in children):
        return None
    if not any(
        c.dep_ in {"xcomp", "ccomp"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in children
    ):
        return None
    kind = lex.plover(code) or "REQUEST"
    return Trigger(verb, Sense(code=code, type=kind, targets=()), code, nominal=False)


def _concern(word: Token) -> Trigger | None:
    """ "The MPs said they were concerned the government had not consulted":
    dismay at what another did is criticism (ACCUSE 111) of the doer."""
    quoted = word.dep_ == "ccomp" and any(c.dep_ == "auxpass" for c in word.children)
    if word.lower_ not in DISMAY or (word.dep_ not in {"acomp", "ROOT"} and not quoted):
        return None  # quoted: 'said they were "concerned" the ...', parsed as a passive
    for clause in word.children:
        if clause.dep_ != "ccomp" or any(
            c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "might", "may"}
            for c in clause.children
        ):
            continue  # "worried that it could fail": a fear, not a charge
        doers = [
            c
            for c in clause.children
            if c.dep_ == "nsubj" and c.lower_ not in _SELF | {"it", "there", "this", "that"}
        ]
        if doers:
            sense = Sense(code="111", type="ACCUSE", targets=())
            return Trigger(word, sense, "111", nominal=False, demanded=clause)
    return None


_PLEASED = frozenset({"pleased", "delighted", "glad", "heartened", "encouraged"})


def _pleasure(word: Token) -> Trigger | None:
    """ "I am pleased that Prince Charles has decided ...", "said he was
    delighted for the couple": praise (SUPPORT 051) of whoever did it, or
    of whom the pleasure is for."""
    if word.lower_ not in _PLEASED or word.dep_ not in {"acomp", "ROOT"}:
        return None
    sense = Sense(code="051", type="SUPPORT", targets=("for", "with"))
    for clause in word.children:
        if clause.dep_ != "ccomp" or any(c.dep_ == "neg" for c in clause.children):
            continue
        doers = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in _SELF]
        if doers and not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return Trigger(word, sense, "051", nominal=False, demanded=clause)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in word.children):
        return Trigger(word, sense, "051", nominal=False)
    return None


def _stance(lex: EventLexicon, word: Token) -> Trigger | None:
    """ "critical of the government", "opposed to the plans"."""
    senses = lex.adjective_senses.get(word.lower_)
    passive_root = word.dep_ == "ROOT" and any(c.dep_ == "auxpass" for c in word.children)
    if not senses or (
        word.dep_ not in {"acomp", "amod", "attr", "conj", "oprd"} and not passive_root
    ):
        return None
    sense = senses[0]
    if not any(c.dep_ == "prep" and c.lower_ in sense.targets for c in word.children):
        return None
    return Trigger(word, sense, sense.code, nominal=False)


def extra_triggers(token: Token, lex: EventLexicon) -> list[Trigger]:
    """The verdict, stance or instruction ``token`` opens, if any."""
    found: list[Trigger] = []
    if token.pos_ == "ADJ" or token.tag_ in {"JJ", "VBN"}:
        stance = _stance(lex, token) or _concern(token) or _pleasure(token)
        if stance is not None:
            found.append(stance)
    if token.pos_ != "VERB":
        return found
    lemma = token.lemma_.casefold()
    if asks(token):
        return found  # "to persuade the British why the government thought Iraq a threat"
    if lemma in lex.verdict_verbs and (verdicts := _verdicts(lex, token)):
        found += verdicts
    elif lemma in lex.verdict_verbs and (blamed := _blame(lex, token)) is not None:
        found.append(blamed)
    if lemma in lex.instruction_verbs and (order := _instruction(lex, token)) is not None:
        found.append(order)
    return found
