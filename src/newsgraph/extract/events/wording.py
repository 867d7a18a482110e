"""Words that say something other than an event here: irony ("mockingly
welcoming"), corroboration ("to back up his optimism"), a price ("to
charge WeWork $6 million") and a company post left ("resigned as CEO").
Functions of spaCy tokens, for ``guards.other_sense``."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["bears_out", "company_post", "ironic", "priced"]

_IRONY = frozenset({"mockingly", "sarcastically", "ironically", "jokingly", "facetiously"})

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
