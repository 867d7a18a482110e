"""Quote speakers linked to entities: the speaker mention that ``find_quotes``
found ("he", "the ministry", "they", a name) resolved to the entity it refers
to in the article's ``EntityGraph``, and the ``Quote`` records made from them.

In order: the entity named by the speaker mention; the name in apposition to
it ("The shadow secretary, Theresa May, said"); a descriptor ("the prime
minister", "the chancellor", "the Tory leader", "the MEP") resolved to the
person the article names with that title or role, else to the person of the
article the office-holder table knows in that office; "the ministry" to the
body named before; "he"/"she" the coreference stage left open to the
last-named person of that gender before the quote, across paragraphs;
"they" to the people of the sentence before, "it" to the organisation that
is its subject; a personal name the model missed ("Theresa May said") to a
person of its own. A descriptor that names no one
stays a descriptor: ``speaker`` null, ``speaker_name`` set."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import knowledge
from newsgraph.extract.entities.graph import Cluster, EntityGraph, guess_gender
from newsgraph.extract.entities.mentions import TextMention, lexicon
from newsgraph.extract.quotes.finder import QuoteSpan
from newsgraph.model import Quote

__all__ = ["link_quotes", "quote_speakers"]


_SPEAKER_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}


def quote_speakers(doc: Doc, graph: EntityGraph, span: QuoteSpan) -> list[Cluster]:
    """The entities that spoke a quote: the named entity the speaker mention
    refers to, else the one the rules of the module docstring resolve it to;
    an unnamed cluster ("a spokesman") only when nothing names it."""
    if span.speaker_start is None or span.speaker_end is None:
        return []
    speaker = doc.char_span(span.speaker_start, span.speaker_end, alignment_mode="expand")
    head = speaker.root if speaker is not None else None
    found = [
        c
        for c in graph.clusters_at(span.speaker_start, span.speaker_end)
        if c.label in _SPEAKER_ORDER
        and (head is None or any(m.start <= head.idx < m.end for m in c.mentions))
    ]
    if named_found := [c for c in found if c.named]:
        return [min(named_found, key=lambda c: _SPEAKER_ORDER[c.label])]
    resolved = _resolved(graph, doc, span, speaker, head)
    if resolved or not found:
        return resolved
    return [min(found, key=lambda c: _SPEAKER_ORDER[c.label])]  # an unnamed one: its words


def _resolved(
    graph: EntityGraph, doc: Doc, span: QuoteSpan, speaker: Span | None, head: Token | None
) -> list[Cluster]:
    """A speaker mention that names no entity itself, resolved (the rules of
    the module docstring after the first)."""
    assert span.speaker_start is not None
    if head is not None and (named := _apposition(graph, head)) is not None:
        return [named]
    said_by = span.speaker_text or ""
    if (party := knowledge.organisation(said_by)) is not None:  # "The Lib Dems" untagged
        for cluster in graph.clusters:
            if cluster.label == "ORG" and cluster.name == party.name:
                return [cluster]
    if (described := described_person(graph, said_by, span.speaker_start)) is not None:
        return [described]
    if head is not None and (body := _spoken_for(graph, head)) is not None:
        return [body]
    if speaker is not None and (named := _unrecognised_name(graph, speaker)) is not None:
        return [named]
    if said_by.casefold() in _PRONOUN_GENDERS:
        last = _last_person(graph, span.speaker_start, _PRONOUN_GENDERS[said_by.casefold()])
        return [last] if last is not None else []
    words = (span.speaker_text or "").split()
    if len(words) == 2 and words[0].casefold() in {"the", "this"}:  # "the ministry said"
        noun = words[1].casefold()
        bodies = [
            c
            for c in graph.clusters
            if c.label == "ORG"
            and c.name.split()[-1].casefold() == noun
            and any(m.start < span.speaker_start for m in c.mentions)
        ]
        start = span.speaker_start
        if (
            not bodies and noun in lexicon().organisation_nouns
        ):  # "The SEC sued. The agency said ..."
            bodies = [
                c
                for c in graph.clusters
                if c.label == "ORG" and any(start - 600 < m.start < start for m in c.mentions)
            ]
        if bodies:
            return [max(bodies, key=lambda c: max(m.start for m in c.mentions if m.start < start))]
    pronoun = (span.speaker_text or "").casefold()
    if pronoun not in {"they", "them", "it"} or speaker is None or speaker.sent.start == 0:
        return []
    previous = doc[speaker.sent.start - 1].sent
    people = [
        c
        for c in graph.people()
        if c.named and any(previous.start_char <= m.start < previous.end_char for m in c.mentions)
    ]
    if people and pronoun != "it":
        return people
    body = _subject_body(graph, previous)  # "The committee reported. It said: ..."
    return [body] if body is not None else []


def _subject_body(graph: EntityGraph, sentence: Span) -> Cluster | None:
    """The organisation that is the subject of ``sentence``, if one is."""
    for token in sentence:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        for cluster in graph.clusters_at(token.idx, token.idx + len(token)):
            if cluster.label == "ORG" and cluster.named:
                return cluster
    return None


def link_quotes(spans: list[QuoteSpan], speakers_of: list[list[Cluster]]) -> list[Quote]:
    """Quote records with their speakers resolved to entities (whose records
    must have been made, so that ``entity_id`` is set)."""
    quotes: list[Quote] = []
    for number, (span, speakers) in enumerate(zip(spans, speakers_of, strict=True), 1):
        quotes.append(
            Quote(
                id=f"q{number}",
                text=span.text,
                kind=span.kind,
                speaker=next((c.entity_id for c in speakers if c.entity_id), None),
                speaker_name=(
                    " and ".join(c.name for c in speakers)
                    if speakers and not _voice(span.speaker_text)
                    else span.speaker_text
                ),
                speakers=[c.entity_id for c in speakers if c.entity_id],
                start=span.start,
                end=span.end,
                cue=span.cue,
                parts=[(a, b) for a, b in span.parts],
            )
        )
    return quotes


_PRONOUN_GENDERS = {"he": "male", "she": "female"}
_MINISTERIAL = frozenset({"minister", "secretary", "chancellor"})
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|its|their|his|her)\s+", re.IGNORECASE)
PRONOUN_REACH = 1500
"""How far back (characters) an unresolved "he"/"she" looks for its person."""


def _apposition(graph: EntityGraph, head: Token) -> Cluster | None:
    """The person named in apposition to the speaker's head noun."""
    for child in head.children:
        if child.dep_ != "appos":
            continue
        for cluster in graph.clusters_at(child.idx, child.idx + len(child)):
            if cluster.label == "PERSON" and cluster.named:
                return cluster
    return None


_VOICES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "source", "sources", "statement"}
)


def _voice(text: str | None) -> bool:
    """Whether a speaker is someone speaking for a body ("a Home Office
    spokesman"): the words are kept as ``speaker_name``."""
    words = _descriptor_words(text or "")
    return bool(words) and words[-1] in _VOICES


def _spoken_for(graph: EntityGraph, head: Token) -> Cluster | None:
    """The organisation a spokesperson speaks for ("a Home Office
    spokesman", "a spokeswoman for Human Rights Watch"): the quote is the
    body's word, and ``speaker_name`` keeps who said it."""
    if head.lemma_.lower() not in _VOICES and head.lower_ not in _VOICES:
        return None
    found = _body_of(graph, head)
    if found is not None or not any(t.lower_ in {"the", "this"} for t in head.lefts):
        return found
    for earlier in reversed(head.doc[max(0, head.i - 400) : head.i]):
        # "the spokesman" after "a Home Office spokesman": the same body
        if earlier.lemma_.lower() in _VOICES and (body := _body_of(graph, earlier)) is not None:
            return body
    return None


def _body_of(graph: EntityGraph, head: Token) -> Cluster | None:
    """The organisation named in the phrase headed by ``head``."""
    for token in head.subtree:
        if token.i == head.i:
            continue
        for cluster in graph.clusters_at(token.idx, token.idx + len(token)):
            if cluster.label == "ORG" and cluster.named:
                return cluster
    return None


def _unrecognised_name(graph: EntityGraph, speaker: Span) -> Cluster | None:
    """A speaker written as a personal name the model did not take for one
    ("Theresa May said"): two or three capitalised words, the first a known
    first name. It becomes a person of the article."""
    words = [t for t in speaker if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return None
    if words[0].is_stop or knowledge.organisation(speaker.text) is not None:
        return None  # "The Lib Dems": a party, not a person
    if guess_gender(speaker.text, []) is None:
        return None
    name = " ".join(t.text for t in words)
    for cluster in graph.people():
        if cluster.named and cluster.name == name:
            return cluster
    mention = TextMention(
        start=words[0].idx,
        end=words[-1].idx + len(words[-1]),
        text=name,
        label="PERSON",
        kind="name",
        token_start=words[0].i,
        token_end=words[-1].i + 1,
    )
    cluster = graph.new(f"person:{name.casefold()}:{mention.start}", "PERSON", name, mention)
    cluster.gender = guess_gender(name, [])
    return cluster


def _before(cluster: Cluster, offset: int) -> int:
    return max((m.start for m in cluster.mentions if m.start < offset), default=-1)


def _descriptor_words(text: str) -> list[str]:
    text = _DETERMINERS.sub("", " ".join(text.split()))
    return [w.strip(".,").casefold() for w in text.split() if w.strip(".,")]


def _described_by(words: list[str], value: str) -> bool:
    """Whether a title or role (``value``) is what the descriptor says: the
    same words, or the same head noun with the descriptor's other words in it
    ("leader" for "Conservative leader", "minister" for "prime minister")."""
    known = _descriptor_words(value)
    if not words or not known:
        return False
    if words == known:
        return True
    if words == ["minister"] and known[-1] in _MINISTERIAL:  # "the minister": a Secretary too
        return True
    return words[-1] == known[-1] and set(words[:-1]) <= set(known[:-1]) and len(words) == 1


def _office(words: list[str]) -> str:
    """The office a descriptor names, party adjectives spelled out ("tory
    leader" -> "leader of the conservative party")."""
    if len(words) >= 2 and (party := knowledge.organisation(" ".join(words[:-1]))) is not None:
        return f"{words[-1]} of the {party.name.casefold()}"
    return " ".join(words)


def described_person(graph: EntityGraph, text: str, offset: int) -> Cluster | None:
    """The person a descriptor speaker ("the prime minister") is: one the
    article names with that title or role, else one the office-holder table
    knows in that office; the last mentioned before ``offset`` wins."""
    words = _descriptor_words(text)
    if not words or words[0] in _PRONOUN_GENDERS or len(words) > 5:
        return None
    people = [c for c in graph.people() if c.named and _before(c, offset) >= 0]
    titled = [c for c in people if any(_described_by(words, v) for v in [*c.titles, *c.roles])]
    if not titled:
        offices = {
            *knowledge.offices_called(_office(words)),
            *knowledge.offices_called(" ".join(words)),
        }
        titled = [
            c
            for c in people
            if (facts := knowledge.person(c.name, surname_alone=True)) is not None
            and any(knowledge.holds(facts, office) for office in offices)
        ]
    if not titled:
        return None
    return max(titled, key=lambda c: _before(c, offset))


def _last_person(graph: EntityGraph, offset: int, gender: str) -> Cluster | None:
    """The named person of ``gender`` (or of unknown gender) last mentioned
    before ``offset``, within ``PRONOUN_REACH`` characters."""
    near = [
        c
        for c in graph.people()
        if c.named
        and c.gender in {gender, None}
        and offset - PRONOUN_REACH <= _before(c, offset) >= 0
    ]
    if not near:
        return None
    best = max(near, key=lambda c: _before(c, offset))
    if best.gender is None and any(c.gender == gender for c in near):
        best = max((c for c in near if c.gender == gender), key=lambda c: _before(c, offset))
    return best
