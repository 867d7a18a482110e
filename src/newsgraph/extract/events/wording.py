"""Words that say something other than an event here: irony ("mockingly
welcoming"), corroboration ("to back up his optimism"), a price ("to
charge WeWork $6 million"), a company post left ("resigned as CEO"), a
proviso ("providing the MPs would support him") and a habit ("she often
criticised her husband"). Functions of spaCy tokens, for
``guards.other_sense``."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "abstract_gift",
    "bears_out",
    "company_post",
    "habit",
    "ironic",
    "planned_trip",
    "priced",
    "proviso",
]

_IRONY = frozenset({"mockingly", "sarcastically", "ironically", "jokingly", "facetiously"})
#: Adverbs of a habit: what someone does as a rule is no one event.
_HABIT = frozenset(
    "often usually always sometimes frequently routinely occasionally habitually "
    "typically generally".split()
)

#: Posts that are a company's: leaving one is no political event.
_COMPANY_POSTS = frozenset({"ceo", "cfo", "coo", "cto"})
_OFFICERS = frozenset({"executive", "financial", "operating", "technology"})  # "chief ... officer"


def company_post(token: Token) -> bool:
    """ "resigned as CEO", "stepped down as chief executive officer", "his
    resignation from his post as CEO"."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"as", "from"}:
            continue
        for word in prep.subtree:
            if word.lower_ in _COMPANY_POSTS and word.pos_ in {"NOUN", "PROPN"}:
                return True
            if word.lower_ == "officer" and word.i and word.nbor(-1).lower_ in _OFFICERS:
                return True
    return False


def ironic(token: Token) -> bool:
    """ "mockingly welcoming the chancellor back": no welcome."""
    return any(c.dep_ == "advmod" and c.lower_ in _IRONY for c in token.children)


def bears_out(token: Token) -> bool:
    """ "results to back up his optimism": evidence for it, backing no one."""
    return token.lemma_.casefold() == "back" and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in token.children
    )


def priced(token: Token) -> bool:
    """ "planned to charge WeWork almost $6 million": a price, not a charge."""
    return token.lemma_.casefold() == "charge" and any(
        w.ent_type_ == "MONEY" for c in token.children if c.dep_ != "prep" for w in c.subtree
    )


def habit(kind: str, token: Token) -> bool:
    """ "she often criticised her husband", "he has always backed the
    plan": a habit or a standing view, not an event; not "repeatedly
    criticised" (acts, counted), nor violence done as a rule ("soldiers
    routinely beat up detainees": the abuse is the news)."""
    if kind in {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}:
        return False
    return any(c.dep_ == "advmod" and c.lower_ in _HABIT for c in token.children)


def proviso(token: Token) -> bool:
    """ "to remain in office providing the 14 Liberal MPs would support his
    government", "provided the unions accept": a condition, nothing
    provided. The conjunction has no subject of its own and a clause
    follows it (which the parser may hang elsewhere)."""
    if token.lower_ not in {"providing", "provided"} or token.dep_ not in {"acl", "advcl", "prep"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in token.children):
        return False  # "Britain is providing aid", "aid provided by Britain"
    if any(c.dep_ in {"ccomp", "advcl"} or c.lower_ == "that" for c in token.children):
        return True
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    after = objects[0].right_edge.i + 1 if objects else token.i + 1
    return after < len(token.doc) and token.doc[after].tag_ in {"MD", "VBZ", "VBP", "VBD"}


#: What is "given" or "provided" without anything changing hands.
_ABSTRACT = frozenset(
    "opposition criticism evidence information details answers account "
    "explanation leadership direction impetus".split()
)


def abstract_gift(token: Token) -> bool:
    """ "provided strong opposition to the plans", "gave evidence to the
    committee": no aid given."""
    return any(
        c.dep_ in {"dobj", "obj"} and c.lemma_.casefold() in _ABSTRACT for c in token.children
    )


_TRAVEL = frozenset({"visit", "tour", "travel"})
_WILL = frozenset({"will", "'ll", "shall", "wo"})


def planned_trip(verb: Token) -> bool:
    """ "he will visit an orphanage in Tanzania": a trip still to come to a
    place that is no state (not "will visit Senegal", an intention to meet)."""
    return (
        verb.lemma_ in _TRAVEL
        and any(c.dep_ == "aux" and c.lower_ in _WILL for c in verb.children)
        and not any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in verb.children)
    )
