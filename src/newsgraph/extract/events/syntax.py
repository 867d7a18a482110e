"""Clause syntax the event coder reads off the dependency parse: subjects
(inherited through coordination, control and participles), agents and
patients of passives, objects of prepositions, light verbs, clause extents.
Pure functions of spaCy tokens."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from newsgraph.extract.events import codes
from newsgraph.gazetteer import geo

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})


CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj", "conj"})


RELATIVE = frozenset({"who", "which", "that", "whom"})


PLURAL = frozenset({"they", "them", "their"})


NEUTER = frozenset({"it", "its"})
#: Words of dismay ("they were concerned the government had not consulted"):
#: criticism of what another did (verdicts), and, read by the parser as a
#: passive in quotation marks, a "they" that is the sayers (actors).
DISMAY = frozenset("concerned worried alarmed dismayed disappointed appalled angry furious".split())


_OWNING_UP = frozenset({"admit", "confess", "plead", "own"})


_MANNER = frozenset({"by", "after", "before", "while", "without", "in"})


def is_passive(verb: Token) -> bool:
    return (
        any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        or (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and not _name_as_root(verb)
            and not any(c.dep_ == "nsubj" for c in verb.children)  # "announcement that X
        )  # had reached": a clause of its own
        or headline_passive(verb)
    )


def headline_passive(verb: Token) -> bool:
    """A headline's participle with no auxiliary ("Hong Kong 'threatened with
    Chinese military intervention'"): its subject is acted on."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "obj"} for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ in {"with", "by"} for c in verb.children)
    )


def _name_as_root(verb: Token) -> bool:
    """ "Vincent Cable, for the Liberal Democrats, called on Mr Brown to ...":
    the parser took the name for the sentence's root and the main verb for a
    participle modifying it."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ == "PROPN"
        and verb.i > 0
        and verb.nbor(-1).text == ","
        and any(c.dep_ in {"prep", "dobj", "xcomp", "ccomp"} for c in verb.children)
    )


def hindsight(verb: Token) -> bool:
    """Whether ``verb`` says what should have been done ("should have
    volunteered a statement", "ought to have resigned"): blame for the past,
    not a demand."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"have", "'ve"} for c in verb.children
    )


def overdue(clause: Token) -> Token | None:
    """The verb of "it is time for X to act" / "it's time X acted" (a demand
    on X), else None; also under "we believe (that) ..."."""
    if clause.lemma_ in {"believe", "think", "feel"}:
        clause = next((c for c in clause.children if c.dep_ == "ccomp"), clause)
    if clause.lemma_ != "be" or not any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children
    ):
        return None
    for attr in clause.children:
        if attr.dep_ == "attr" and attr.lower_ == "time" and not list(attr.lefts):
            return next(
                (
                    v
                    for v in attr.children
                    if v.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in v.children)
                ),
                None,
            )
    return None


def patients(verb: Token) -> list[Token]:
    """What a passive clause acts on: its subject, or the noun a participle
    modifies ("10 Russian soldiers killed")."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found = [verb.head]
    if not found and headline_passive(verb):
        found = [c for c in verb.children if c.dep_ == "nsubj"]
    return found


def subject_heads(verb: Token, depth: int = 0) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        return subjects[-1:]  # the one nearest the verb (a dateline may parse as another)
    if depth > 4:
        return []
    head = verb.head
    if verb.dep_ in {"acomp", "attr", "oprd"} and (
        verb.pos_ == "ADJ" or verb.tag_ == "VBN"
    ):  # "X was critical of", "they were concerned (that)"
        return subject_heads(head, depth + 1)
    if verb.dep_ == "amod" and verb.pos_ == "ADJ":  # "an artist critical of"
        return [head]
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
        if (
            head.dep_ == "ccomp"
            and (
                verb.tag_ in {"VB", "VBP"} or (verb.tag_ in {"VBD", "VBZ"} and not is_passive(verb))
            )
            and (
                any(c.dep_ == "nsubjpass" for c in head.children)
                or (
                    head.tag_ == "VBN"
                    and any(c.lower_ in {"has", "have", "had"} for c in head.children)
                    and not any(c.dep_ == "aux" for c in verb.children)  # not "and would"
                )
            )
        ):  # "say the issue should be decided ... and believe", "agree that China has
            return subject_heads(head.head, depth + 1)  # taken advantage and support"
        return subject_heads(head, depth + 1)
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]  # "is said to have"
        return objects[:1] or passive[:1] or subject_heads(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "of":
        owner = head.head  # "was accused of criticising", "suspected X of helping"
        if owner.lemma_.casefold() in {"accuse", "suspect"}:
            found = [c for c in owner.children if c.dep_ in {"nsubjpass", "dobj", "obj"}]
            return found[:1] or subject_heads(owner, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _MANNER:
        return subject_heads(head.head, depth + 1)  # "responded by accusing the minister"
    if (
        verb.dep_ == "pcomp"
        and head.dep_ == "prep"
        and head.lower_ == "to"
        and head.head.lemma_.casefold() in _OWNING_UP
    ):
        return subject_heads(head.head, depth + 1)  # "Webb admitted to threatening the girl"
    if verb.dep_ == "ccomp" and any(c.dep_ in {"dobj", "obj"} for c in head.children):
        return [c for c in head.children if c.dep_ in {"dobj", "obj"}][
            :1
        ]  # "wants Putin to attack"
    if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN", "VB"}:
        described = [
            c
            for c in head.children
            if c.dep_ in {"dobj", "obj"} and c.right_edge.i == verb.i - 1 and verb.tag_ == "VBG"
        ]
        if described:  # "investigating a BNP leaflet opposing plans": the leaflet, no comma
            return described
        return subject_heads(head, depth + 1)
    if _name_as_root(verb):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and _written_to(head):
        return subject_heads(head.head.head, depth + 1)  # "wrote to X accusing Y": the writer
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return []  # "soldiers killed in Ukraine": the noun is acted on
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return [head]
    return []


_WRITING = frozenset({"write", "send", "complain", "appeal", "reply", "respond", "turn"})


def _written_to(noun: Token) -> bool:
    """Whether ``noun`` is whom someone wrote to ("has written to the watchdog")."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lemma_ in _WRITING


def agent_heads(verb: Token) -> list[Token]:
    found = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not found and headline_passive(verb):  # "threatened with Chinese intervention"
        return prep_objects(verb, ("by", "with"))
    if found or not any(c.dep_ == "auxpass" for c in verb.children):
        return found
    # "was branded a disgrace by MPs": the "by" phrase parsed under the label
    labels = [c for c in verb.children if c.dep_ in {"dobj", "obj", "oprd", "attr"}]
    return prep_objects(verb, ("by",)) + [o for c in labels for o in prep_objects(c, ("by",))]


def prep_objects(token: Token, preps: Sequence[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            found += [o for o in child.children if o.dep_ == "pobj"]
        if child.dep_ == "prt" and child.lower_ in preps:  # "reach out to" parsed as particle
            found += [o for o in child.children if o.dep_ == "pobj"]
    return found


def place_objects(token: Token) -> list[Token]:
    return prep_objects(token, ("to", "in", "at")) + [
        c for c in token.children if c.dep_ in {"dobj", "obj"}
    ]


#: Nouns that count or group events: "a series of attacks on X", "a round of talks with X".
_QUANTITIES = frozenset(
    "series wave string spate barrage flurry round volley raft slew number host couple "
    "pair batch litany catalogue catalog".split()
)


def counted_by(noun: Token) -> Token | None:
    """The noun that counts the event noun ``noun`` ("series" in "launched a
    series of attacks on Kuwait"): the parser hangs the verb and the
    prepositions from it."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.casefold() in _QUANTITIES:
        return head.head
    return None


def light_verb(noun: Token, light_verbs: frozenset[str]) -> Token | None:
    """The verb whose object the event noun is ("held talks", "enter into
    discussions", "imposed sanctions on")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"into", "in", "on"}:
        head = head.head  # "enter into talks", "engage in negotiations", "went on strike"
    elif noun.dep_ not in {"dobj", "obj", "nsubjpass"}:
        return None
    if head.pos_ in {"VERB", "AUX"} and (
        head.lemma_.casefold() in light_verbs or _regular_lemma(head.lower_) in light_verbs
    ):
        return head
    return None


_INVOLVED = frozenset({"lock", "involve", "embroil", "engage"})


def light_subjects(light: Token, cooperative: bool = True) -> list[Token]:
    """Who does what a light verb's noun names: its subject; in the passive
    its agent ("talks were held by X"), but the one involved for "was locked
    in talks", "is involved in negotiations" (``cooperative`` events only:
    "were involved in some arson attacks" does not say who attacked)."""
    if not is_passive(light):
        return subject_heads(light)
    if light.lemma_.casefold() in _INVOLVED:
        return patients(light) if cooperative else []
    return agent_heads(light)


def _regular_lemma(word: str) -> str:
    """The base of a regular past form the lemmatizer gets wrong ("staged" ->
    "stag"): "staged" -> "stage"."""
    if word.endswith("ed") and len(word) > 4:
        return word[:-1]
    return word


def owner_words(head: Token) -> list[Token]:
    """The words before a noun that say whose it is ("Labour's plans",
    "government red tape", "Tory plans")."""
    return [
        c
        for c in head.children
        if c.dep_ == "poss" or (c.dep_ in {"compound", "amod", "nmod"} and c.i < head.i)
    ]


def names_country(token: Token) -> bool:
    text = " ".join(t.text for t in token.subtree if not t.is_punct)
    return bool(
        geo.demonym_country(token.text) or geo.country_code(text) or geo.country_code(token.text)
    ) or (token.ent_type_ == "ORG" and codes.body_code(text) is not None)


def clause_tokens(token: Token) -> list[Token]:
    """The tokens of ``token``'s clause, without clauses nested in it."""
    found: list[Token] = []
    stack = [token]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(
            c for c in node.children if c.dep_ not in CLAUSES or c.head is token and c.dep_ == "acl"
        )
    return found


#: Verbs whose subject bears the event noun they take ("faced criticism from X").
_BORNE = frozenset("face receive draw attract suffer weather endure win gain earn".split())
_SUBJECT_OF = frozenset({"subject", "target", "focus", "object"})


def borne_by(noun: Token) -> list[Token]:
    """Who an event noun is aimed at when its clause says so and no
    preposition does: the subject of "faced criticism", "won support",
    "came under attack", "is the subject of an inquiry"."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_ in _BORNE:
        return subject_heads(head)
    if noun.dep_ == "pobj" and head.lower_ == "under":  # "came under pressure from X"
        return subject_heads(head.head)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _SUBJECT_OF:
        holder = head.head  # "WeWork is the subject of an SEC inquiry"
        if holder.dep_ == "attr" and holder.head.lemma_ == "be":
            return subject_heads(holder.head)
    return []


def for_clauses(verb: Token) -> list[Token]:
    """The clauses "for" opens under ``verb`` ("called for a body to be set up")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
    ]


#: Words that open a question or an explanation, not a time or place ("when").
_ASKING = frozenset({"why", "how", "whether"})


def asks(verb: Token, words: Collection[str] = _ASKING) -> bool:
    """Whether a question or explanation word opens ``verb``'s clause ("why
    the government thought ...", "whether it is a disgrace"); ``words``
    narrows which."""
    return any(c.lower_ in words and (c.tag_ == "WRB" or c.dep_ == "mark") for c in verb.children)
