"""The event lexicon: words that state actions, their CAMEO codes and PLOVER types.

Read once per process from ``data/events.yaml`` (see that file for the
entry format and sources). A word has one or more *senses*; a sense may need a
particle ("reach out"), a preposition ("call for") or a direct object
("sign an agreement", whose noun may also refine the code).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from newsgraph import data
from newsgraph.errors import NewsgraphError
from newsgraph.extract.events.syntax import for_clauses


@dataclass(frozen=True)
class Sense:
    """One way a word states an event."""

    code: str  # CAMEO code, 2-4 digits
    type: str  # PLOVER type
    targets: tuple[str, ...]  # prepositions whose object is the target
    particle: str | None = None
    prep: str | None = None
    objects: tuple[tuple[str, str], ...] | None = None  # object lemma -> CAMEO code
    no_object_target: bool = False
    visit: bool = False
    patient_possessive: bool = False  # "their arrest": the possessor is acted on
    patient_of: bool = False  # "the arrest of X"
    light_only: bool = False  # a noun that is an event only as a light verb's object
    reciprocal: bool = False  # "exchanged prisoners": each side acts on the other
    needs_target: bool = False  # a noun that is an event only with a target ("raid on X")
    needs_between: bool = False  # "a news conference between X and Y"; not "a news conference"
    predicate_only: bool = False  # a noun that is an event only said of X ("X is a critic of")

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class EventLexicon:
    verb_senses: dict[str, tuple[Sense, ...]]
    noun_senses: dict[str, tuple[Sense, ...]]  # one to three words, lower case
    adjective_senses: dict[str, tuple[Sense, ...]]
    plover_roots: dict[str, str]
    type_targets: dict[str, tuple[str, ...]]  # PLOVER type -> its default target prepositions
    plover_codes: dict[str, str]
    untargeted: frozenset[str]
    untargeted_verbs: frozenset[str]  # concessions that stand without a target
    mutual: frozenset[str]
    hostile: frozenset[str]
    cooperative: frozenset[str]
    intent_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    modal_words: frozenset[str]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    verbal_objects: frozenset[str]
    information_objects: frozenset[str]
    figurative: frozenset[str]
    physical_objects: frozenset[str]
    election_objects: frozenset[str]
    weapon_words: frozenset[str]
    armed_sectors: frozenset[str]
    sport_words: frozenset[str]
    authorised_objects: frozenset[str]
    hypothetical_modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    wish_verbs: frozenset[str]
    act_nouns: frozenset[str]
    labelling_verbs: frozenset[str]
    negative_labels: frozenset[str]
    positive_labels: frozenset[str]
    verdict_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    instruction_verbs: dict[str, str]

    def plover(self, code: str) -> str | None:
        """The PLOVER type of a CAMEO code (None for CAMEO 01, statements)."""
        return _plover(code, self.plover_roots, self.plover_codes)

    @property
    def verbs(self) -> dict[str, tuple[str, str]]:
        """Each verb's first sense as (PLOVER type, CAMEO code)."""
        return {lemma: (s[0].type, s[0].code) for lemma, s in self.verb_senses.items()}


def evaluation(lex: EventLexicon, words: list[Token]) -> tuple[str, str] | None:
    """(PLOVER type, CAMEO code) of words that judge: a negative label
    ("scandal", "ill-advised") is criticism (ACCUSE 111), a positive one
    praise (SUPPORT 051); None otherwise."""
    ordered = sorted(words, key=lambda t: t.i)
    text = " ".join(t.lower_ for t in ordered).replace(" - ", "-")
    lower = {t.lower_ for t in words} | {t.lemma_.casefold() for t in words} | set(text.split())
    for labels, kind, code in (
        (lex.negative_labels, "ACCUSE", "111"),
        (lex.positive_labels, "SUPPORT", "051"),
    ):
        if lower & labels or any(" " in w and w in text for w in labels):
            return kind, code
    return None


_LYING = frozenset({"lie", "lies", "lied", "lying"})


def misconduct(lex: EventLexicon, verb: Token) -> bool:
    """Whether ``verb`` says its doer misbehaved ("has misled", "lied", "is
    shirking", "covered up"): a verb of ``blame_verbs``, not negated, and
    not "the potential lay in" or "covered the costs"."""
    lemma = verb.lemma_.casefold()
    if lemma == "add":  # "the sums do not add up"
        return any(c.dep_ == "neg" for c in verb.children) and any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
        )
    if lemma not in lex.blame_verbs or any(c.dep_ == "neg" for c in verb.children):
        return False
    if lemma == "lie":
        return verb.lower_ in _LYING
    if lemma == "drag":  # "dragging its heels"; not "dragged into the row"
        return any(c.dep_ == "dobj" and c.lower_ == "heels" for c in verb.children)
    if lemma in _PARTICLED:  # "covered up", "let down"; not "covered the costs"
        return any(c.dep_ == "prt" and c.lower_ == _PARTICLED[lemma] for c in verb.children)
    if lemma == "fail":  # "has failed pensioners", "... and has failed"; not "failed to act"
        if not any(c.dep_ in _FAILED_AT for c in verb.children):
            return verb.tag_ in {"VBN", "VBD"}  # "had the chance ... and has failed"
        return any(
            c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.lemma_ not in _TESTS
            for c in verb.children
        )
    return True


_PARTICLED = {"cover": "up", "let": "down"}
_FAILED_AT = frozenset({"dobj", "xcomp", "ccomp", "prep", "advcl", "nsubjpass", "auxpass"})
_TESTS = frozenset("test tests exam exams examination inspection check checks bid vote".split())


def _word(value: Any) -> Any:
    """YAML 1.1 reads a bare ``on`` / ``off`` as a boolean: the words back."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return [_word(v) for v in value]
    return value


def _senses(word: str, entry: Any, table: dict[str, Any]) -> tuple[Sense, ...]:
    entries = entry if isinstance(entry, list) else [entry]
    senses: list[Sense] = []
    for item in entries:
        fields: dict[str, Any] = {"code": item} if isinstance(item, str) else dict(item)
        for key in ("particle", "prep", "targets"):
            if key in fields:
                fields[key] = _word(fields[key])
        code = str(fields.pop("code", ""))
        if not code.isdigit() or len(code) < 2:
            raise NewsgraphError(f"newsgraph/data/events.yaml: {word!r}: bad CAMEO code {code!r}")
        kind = _plover(code, table["plover_roots"], table["plover_codes"])
        if kind is None:
            raise NewsgraphError(f"newsgraph/data/events.yaml: {word!r}: no PLOVER type for {code}")
        objects = fields.pop("objects", None)
        targets = fields.pop("targets", None) or _word(table["targets"].get(kind, []))
        senses.append(
            Sense(
                code=code,
                type=kind,
                targets=tuple(targets),
                objects=tuple((k, str(v)) for k, v in objects.items()) if objects else None,
                **fields,
            )
        )
    return tuple(senses)


def _plover(code: str, roots: dict[str, str], codes: dict[str, str]) -> str | None:
    for size in (4, 3):
        if code[:size] in codes:
            return codes[code[:size]]
    return roots.get(code[:2])


@cache
def lexicon() -> EventLexicon:
    table = data.load("events")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in table[key])

    return EventLexicon(
        verb_senses={w: _senses(w, e, table) for w, e in table["verbs"].items()},
        noun_senses={w: _senses(w, e, table) for w, e in table["nouns"].items()},
        adjective_senses={w: _senses(w, e, table) for w, e in table["adjectives"].items()},
        plover_roots={str(k): v for k, v in table["plover_roots"].items()},
        type_targets={k: tuple(_word(v)) for k, v in table["targets"].items()},
        plover_codes={str(k): v for k, v in table["plover_codes"].items()},
        untargeted=words("untargeted"),
        untargeted_verbs=words("untargeted_verbs"),
        mutual=words("mutual"),
        hostile=words("hostile"),
        cooperative=words("cooperative"),
        intent_verbs=words("intent_verbs"),
        refusal_verbs=words("refusal_verbs"),
        modal_words=words("modal_words"),
        light_verbs=words("light_verbs"),
        speech_verbs=words("speech_verbs"),
        speech_nouns=words("speech_nouns"),
        verbal_objects=words("verbal_objects"),
        information_objects=words("information_objects"),
        figurative=words("figurative"),
        physical_objects=words("physical_objects"),
        election_objects=words("election_objects"),
        weapon_words=words("weapon_words"),
        armed_sectors=words("armed_sectors"),
        sport_words=words("sport_words"),
        authorised_objects=words("authorised_objects"),
        hypothetical_modals=words("hypothetical_modals"),
        hypothetical_marks=words("hypothetical_marks"),
        wish_verbs=words("wish_verbs"),
        act_nouns=words("act_nouns"),
        labelling_verbs=words("labelling_verbs"),
        negative_labels=words("negative_labels"),
        positive_labels=words("positive_labels"),
        verdict_verbs=words("verdict_verbs"),
        blame_verbs=words("blame_verbs"),
        instruction_verbs={str(k): str(v) for k, v in table["instruction_verbs"].items()},
    )


def _object_code(token: Token, sense: Sense) -> str | None:
    """The code a sense gives when the verb's object fits it, else None."""
    if sense.objects is None:
        return sense.code
    objects = dict(sense.objects)
    for child in token.children:
        if child.dep_ in {"dobj", "obj", "nsubjpass"}:
            for word in (child.lower_, child.lemma_.casefold()):
                if word in objects:
                    return objects[word]
    return None


def _when(prep: Token) -> bool:
    """ "on Sunday", "at night": a preposition of time, not of the target."""
    return any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children if o.dep_ == "pobj")


def verb_sense(token: Token, lex: EventLexicon | None = None) -> tuple[Sense, str] | None:
    """The sense (and its code) in which the verb ``token`` states an event."""
    lex = lex or lexicon()
    senses = lex.verb_senses.get(token.lemma_.casefold())
    if not senses:
        return None
    children = list(token.children)
    for sense in senses:
        if sense.particle and not any(
            c.lower_ == sense.particle
            and (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1))
            for c in children
        ):
            continue  # "brushed aside" parses "aside" as an adverb
        if (
            sense.prep
            and not any(
                c.dep_ in {"prep", "agent"} and c.lower_ == sense.prep and not _when(c)
                for c in children
            )
            and not _marked_clause(token, sense.prep)
        ):
            continue
        code = _object_code(token, sense)
        if code is not None:
            kind = lex.plover(code)
            if kind and kind != sense.type:  # "closed its borders": 172, not the verb's 160
                sense = replace(sense, type=kind, code=code)
            return sense, code
    return None


def _marked_clause(verb: Token, prep: str) -> bool:
    """ "called for a body to be set up": "for" marks a clause, not a phrase,
    whose verb states no event of its own ("called for the embargo to be
    lifted" is the lifting, asked of its owner)."""
    return prep == "for" and any(verb_sense(c) is None for c in for_clauses(verb))


def noun_sense(token: Token, lex: EventLexicon | None = None) -> tuple[Sense, str] | None:
    """The sense in which the noun ``token`` (maybe with the word before it:
    "air strike") states an event."""
    nouns = (lex or lexicon()).noun_senses
    start = token.sent.start
    keys = []
    if token.i - 2 >= start:  # "state of emergency"
        keys.append(" ".join(t.lower_ for t in token.doc[token.i - 2 : token.i + 1]))
    if token.i - 1 >= start:  # "air strike"
        keys.append(f"{token.nbor(-1).lower_} {token.lower_}")
    keys += [token.lower_, token.lemma_.casefold()]
    for key in keys:
        if key in nouns:
            sense = nouns[key][0]
            return sense, sense.code
    return None
