"""Events: who did what to whom, coded in PLOVER with CAMEO codes.

Stage contract: reads the dependency parse of the article's ``Doc``, the
entity graph (coreference resolved), the entity records (with actor codes and
places), the time expressions and the quotes; writes ``Event`` records.

How a sentence is coded:

1. **Triggers**: verbs and nouns of the event lexicon (``data/events.yaml``,
   ``extract.event_words``) in the sense the sentence uses ("reach out to",
   "call for", "sign an agreement", "air strike").
2. **Absorption**: an action inside another's purpose or complement ("agreed
   to release five Iranians and unfreeze $6 billion", "reached out ... to
   establish talks", "refused to provide details") is part of that event,
   not an event of its own: one event per real action.
3. **Arguments** over the parse: the subject is the source and the object or
   the object of a type's preposition ("talks *with* X", "attack *on* X") the
   target; passive clauses swap them ("were convicted by an Iranian court");
   subjects are inherited through coordination, control ("asked X to"),
   participles ("diplomats from Oman coming to Kish") and relative clauses.
   Nouns take the possessor ("Trump's threats"), a nationality before them
   ("a Russian attack"), "by/from X", or the subject of the light verb whose
   object they are ("X held talks with Y"). Visits make the visited place's
   country the target.
4. **Actors**: an argument is the entity it refers to (names, role nouns and
   pronouns resolved by the entity stage; "it" and "they" resolved here to
   the subject before or the people of the sentence before), else a noun
   phrase coded by ``extract.actors`` ("diplomats from Oman" -> OMNGOV);
   "X and Y" gives several actors.
5. **Modality**: an action someone wants, plans or prepares is an
   intention (hostile -> THREATEN, cooperative -> AGREE); a negated
   cooperative action under a modal or a refusal ("would never enter into
   discussions") is REJECT; other negated actions keep their type with
   ``negated: true``.
6. **Context**: ``reported_by`` is the subject of a speech verb above the
   trigger ("Taraghi said that ..."), the source of a report noun ("a report
   in the Western news media that ..."), or the speaker of the quote it is
   in; the time is the nearest time expression of the trigger's clause, else
   of its sentence, else the publication date; the place is a place named
   in the trigger's clause ("at a meeting in Vienna"). A directed action
   whose target is unstated, reported by someone of another country, takes
   the reporter's country as target, with lower confidence.
7. **Clean-up**: an event needs a source, and a target unless its type
   stands alone (protests, mobilisation, violence); events of one sentence
   with the same type and source merge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import actors as codes
from newsgraph.extract import geo
from newsgraph.extract.entities import Cluster, EntityGraph
from newsgraph.extract.event_words import EventLexicon, Sense, lexicon, noun_sense, verb_sense
from newsgraph.model import Actor, Entity, Event, Quote, TimeExpression

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj", "conj"})
_PURPOSE = frozenset({"xcomp", "advcl", "ccomp"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "through", "across", "around"}
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLURAL = frozenset({"they", "them", "their"})
_NEUTER = frozenset({"it", "its"})


@dataclass
class Trigger:
    token: Token
    sense: Sense
    code: str
    nominal: bool
    demanded: Token | None = None  # "X said Y must ...": the clause's verb


_MUST = {"must": "100", "should": "020"}


@dataclass
class Context:
    """What the coder needs besides the parse."""

    doc: Doc
    graph: EntityGraph
    entities: dict[str, Entity]
    times: list[TimeExpression]
    quotes: list[Quote]
    published: dt.date | None
    home_country: str | None = None  # the dateline's country: for "prosecutors", "police"
    dateline_end: int = 0  # characters of the dateline opening the text ("BRUSSELS (Reuters) -")
    lex: EventLexicon = field(default_factory=lexicon)


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
    reporter_is_media: bool = False
    place: Entity | None = None


# -- triggers ----------------------------------------------------------------


def _demand_sense(kind: str, code: str) -> Sense:
    return Sense(code=code, type=kind, targets=())


def _triggers(sent: Span, lex: EventLexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for token in sent:
        if token.lemma_.casefold() in lex.speech_verbs:  # "X said Y must ..."
            for clause in token.children:
                modal = next((c for c in clause.children if c.lower_ in _MUST), None)
                if clause.dep_ == "ccomp" and modal is not None:
                    code = _MUST[modal.lower_]
                    sense = _demand_sense(lex.plover(code) or "REQUEST", code)
                    found.append(Trigger(token, sense, code, nominal=False, demanded=clause))
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            hit = verb_sense(token)
            if hit:
                found.append(Trigger(token, hit[0], hit[1], nominal=False))
        elif token.pos_ in {"NOUN", "PROPN"}:
            hit = noun_sense(token)
            if hit:
                found.append(Trigger(token, hit[0], hit[1], nominal=True))
    return found


def _absorbed(triggers: list[Trigger]) -> set[int]:
    """Token indexes inside another trigger's purpose or complement."""
    inside: set[int] = set()
    nouns = {t.token.i for t in triggers if t.nominal}
    for trigger in triggers:
        for child in trigger.token.children:
            if child.dep_ == "xcomp" or (
                child.dep_ in _PURPOSE
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ):
                inside.update(t.i for t in child.subtree)
            if (
                not trigger.nominal
                and child.dep_ in {"dobj", "obj"}
                and child.i in nouns
                and not any(c.dep_ == "poss" or _names_country(c) for c in child.children)
            ):  # "lodged a protest with X": one event, the verb's
                inside.add(child.i)
            if trigger.nominal and child.dep_ == "acl":  # "threats to scuttle the pact"
                inside.update(t.i for t in child.subtree)
            if child.dep_ == "ccomp" and (
                child is trigger.demanded or trigger.sense.type in {"REQUEST", "THREATEN"}
            ):  # "demanded that X cancel ...", "said Y must lift ...": what is asked
                inside.update(t.i for t in child.subtree)
    return inside


# -- actors -------------------------------------------------------------------


def _cluster_at(ctx: Context, token: Token) -> Cluster | None:
    for cluster in ctx.graph.clusters_at(token.idx, token.idx + len(token)):
        if cluster.entity_id and any(m.start <= token.idx < m.end for m in cluster.mentions):
            return cluster
    return None


def _entity_actor(ctx: Context, cluster: Cluster) -> Actor | None:
    entity = ctx.entities.get(cluster.entity_id)
    if entity is None or entity.type not in {"PERSON", "ORG", "GPE", "NORP"}:
        return None
    return Actor(name=entity.name, code=entity.code, entity=entity.id)


def _in_quote(ctx: Context, token: Token) -> Quote | None:
    for quote in ctx.quotes:
        if quote.kind != "indirect" and quote.start <= token.idx < quote.end:
            return quote
    return None


def _pronoun_actors(ctx: Context, token: Token) -> list[Actor]:
    """ "it" -> the organisation or country that is the subject before it in
    the sentence; "they" -> the people the sentence before lists."""
    if _in_quote(ctx, token):
        return []
    word = token.lower_
    sent = token.sent
    if word in _NEUTER:
        for candidate in reversed(list(sent.doc[sent.start : token.i])):
            if candidate.dep_ in _SUBJECTS:
                cluster = _cluster_at(ctx, candidate)
                if cluster and cluster.label in {"ORG", "GPE", "FAC", "NORP"}:
                    actor = _entity_actor(ctx, cluster)
                    return [actor] if actor else []
                body = codes.body_code(codes.phrase_text(candidate))
                if body:  # "The Kremlin denied that its forces ..."
                    return [Actor(name=codes.phrase_text(candidate), code=body)]
        return []
    if word in _PLURAL and sent.start > 0:
        previous = ctx.doc[sent.start - 1].sent
        subject = next((t for t in previous if t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT"), None)
        people = [
            c
            for c in ctx.graph.people()
            if c.entity_id
            and any(
                previous.start_char <= m.start < previous.end_char and m.kind == "name"
                for m in c.mentions
            )
            and not (
                subject is not None and any(m.start <= subject.idx < m.end for m in c.mentions)
            )
        ]
        if len(people) >= 2:
            return [a for c in people if (a := _entity_actor(ctx, c))]
        speakers = [t for t in previous if t.dep_ == "nsubj" and t.tag_ in {"NNS", "NNPS"}]
        for subject in speakers[-1:]:  # "..., Russian officials said. They blamed Ukraine."
            return _actor(ctx, subject)
    return []


def _modifier_actor(ctx: Context, head: Token) -> Actor | None:
    """The entity a modifier of ``head`` names ("Trump administration
    officials", "officials of the Foreign Ministry")."""
    candidates = [
        c for c in head.children if c.i < head.i and c.dep_ in {"compound", "amod", "nmod", "poss"}
    ]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "of"}:
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for candidate in candidates:
        cluster = _cluster_at(ctx, candidate)
        if cluster:
            actor = _entity_actor(ctx, cluster)
            if actor and actor.code:
                return actor
    return None


def _with_sector(code: str, sector: str) -> str:
    base = code if code.startswith(("IGO", "NGO")) else code[:3]
    return base + sector


def _phrase_actor(ctx: Context, head: Token, things: bool = False) -> Actor | None:
    sector = codes.head_sector(head)
    owner = _modifier_actor(ctx, head)
    if sector and owner and owner.code and not owner.code.startswith(codes.NO_COUNTRY):
        return Actor(
            name=codes.phrase_text(head), code=_with_sector(owner.code, sector), entity=owner.entity
        )
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if sector and pronoun is not None:  # "its forces": whose they are, never the dateline's
        owners = _pronoun_actors(ctx, pronoun) if pronoun.lower_ in _NEUTER | _PLURAL else []
        if owners and owners[0].code and not owners[0].code.startswith(codes.NO_COUNTRY):
            owned = _with_sector(owners[0].code, sector)
            return Actor(name=codes.phrase_text(head), code=owned, entity=owners[0].entity)
        return Actor(name=codes.phrase_text(head), code=codes.join(None, sector))
    code = codes.code_phrase(head, default_country=ctx.home_country)
    if code:
        return Actor(name=codes.phrase_text(head), code=code)
    if sector is None and owner is not None:  # "Argentina's bid", "Ukrainian drones"
        return owner
    if things and sector is None and head.lower_ not in ctx.lex.speech_nouns:
        # a place or thing attacked or seized: "a government-held part of Aleppo"
        for token in _phrase_tokens(head):
            cluster = _cluster_at(ctx, token)
            if cluster and cluster.label in {"GPE", "ORG", "NORP"}:
                actor = _entity_actor(ctx, cluster)
                if actor and actor.code and cluster.label == "GPE" and len(actor.code) == 3:
                    return _country_actor(ctx, actor.code)  # "supporters in Lahore" -> Pakistan
                if actor and actor.code:
                    return actor
    return None


def _phrase_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase without the clauses attached to it."""
    found: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSES)
    return sorted(found, key=lambda t: t.i)


_QUANTITY = frozenset(
    "thousands hundreds dozens tens millions scores group groups members number some many "
    "most all few several crowd crowds majority part one two three four five".split()
)


def _actor(ctx: Context, token: Token, things: bool = False) -> list[Actor]:
    """The actors a noun phrase headed by ``token`` refers to; with
    ``things``, also the country of a place or thing named in it ("shelled a
    part of Aleppo")."""
    if token.lower_ in _QUANTITY or token.pos_ == "NUM":  # "thousands of protesters"
        of = [
            o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
        ]
        if of and of[0].dep_ == "pobj":
            return _actor(ctx, of[0], things)
    if token.lower_ in _RELATIVE:
        if token.pos_ != "PRON" or token.head.dep_ != "relcl":
            return []  # "that" opening a clause
        token = token.head.head
    if token.pos_ == "PRON" and (token.lower_ in _NEUTER or token.lower_ in _PLURAL):
        cluster = _cluster_at(ctx, token)
        if cluster is None:
            return _pronoun_actors(ctx, token)
    cluster = _cluster_at(ctx, token)
    if cluster is not None:
        actor = _entity_actor(ctx, cluster)
        if actor is not None and (actor.code or cluster.label == "PERSON"):
            if not actor.code and (phrase := _phrase_actor(ctx, token, things)):
                return [phrase]
            if cluster.label == "GPE" and actor.code and _names_capital(cluster, token):
                actor = actor.model_copy(update={"code": actor.code[:3] + "GOV"})
            return [actor]
    phrase = _phrase_actor(ctx, token, things)
    return [phrase] if phrase else []


def _names_capital(cluster: Cluster, token: Token) -> bool:
    """Whether the mention at ``token`` is a capital standing for its
    government ("Washington had reached out to Tehran"): PLOVER codes a
    capital that acts or is acted on as the government."""
    for mention in cluster.mentions:
        if mention.start <= token.idx < mention.end:
            return (
                geo.capital_country(mention.text) is not None
                and geo.country_code(mention.text) is None
            )
    return False


def _members(head: Token) -> list[Token]:
    """The heads of "X and Y" and of lists parsed as appositions ("The US,
    Russia, and Switzerland met")."""
    members = [head, *head.conjuncts]
    if head.ent_type_ == "GPE":
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ == "GPE":
                members += [child, *child.conjuncts]
    return members


def _shared_head(ctx: Context, head: Token) -> list[Actor]:
    """ "US and British activists": one actor per nationality."""
    modifiers = [c for c in head.children if c.dep_ in {"amod", "compound"} and c.conjuncts]
    if not modifiers or codes.head_sector(head) is None:
        return []
    sector = codes.head_sector(head) or ""
    found: list[Actor] = []
    for word in [modifiers[0], *modifiers[0].conjuncts]:
        country = codes.place_code(word.text)
        if country:
            found.append(Actor(name=f"{word.text} {head.text}", code=_with_sector(country, sector)))
    return found if len(found) > 1 else []


def _same_country(actor: Actor, found: list[Actor]) -> bool:
    """A bare country ("Colombian") already among the actors ("Colombians")."""
    code = actor.code
    return bool(code) and len(code or "") == 3 and any(a.code == code for a in found)


def _past_dateline(ctx: Context, head: Token) -> Token | None:
    """A head inside the dateline is the parser's mistake ("BRUSSELS (Reuters)
    - The European Union imposed ..." parses BRUSSELS as the subject): the
    first noun after the dateline that hangs from it, else nothing."""
    if head.idx >= ctx.dateline_end:
        return head
    queue = list(head.children)
    while queue:
        node = queue.pop(0)
        if node.idx >= ctx.dateline_end and node.pos_ in {"NOUN", "PROPN", "PRON"}:
            return node
        queue.extend(node.children)
    for sibling in head.head.children:  # "SEOUL, South Korea (AP) — North Korea fired"
        if sibling.dep_ == head.dep_ and sibling.idx >= ctx.dateline_end:
            return sibling
    return None


def _actors(ctx: Context, heads: Iterable[Token], things: bool = False) -> list[Actor]:
    found: list[Actor] = []
    heads = [h for head in heads if (h := _past_dateline(ctx, head)) is not None]
    for head in heads:
        for token in _members(head):
            for actor in _shared_head(ctx, token) or _actor(ctx, token, things):
                if actor not in found and not _same_country(actor, found):
                    found.append(actor)
    return found


# -- arguments ---------------------------------------------------------------


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def _patients(verb: Token) -> list[Token]:
    """What a passive clause acts on: its subject, or the noun a participle
    modifies ("10 Russian soldiers killed")."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found = [verb.head]
    return found


def _subject_heads(verb: Token, depth: int = 0) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        return subjects[-1:]  # the one nearest the verb (a dateline may parse as another)
    if depth > 4:
        return []
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
        return _subject_heads(head, depth + 1)
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
        return objects[:1] or _subject_heads(head, depth + 1)
    if verb.dep_ == "ccomp" and any(c.dep_ in {"dobj", "obj"} for c in head.children):
        return [c for c in head.children if c.dep_ in {"dobj", "obj"}][
            :1
        ]  # "wants Putin to attack"
    if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN", "VB"}:
        return _subject_heads(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return []  # "soldiers killed in Ukraine": the noun is acted on
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return [head]
    return []


def _agent_heads(verb: Token) -> list[Token]:
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def _prep_objects(token: Token, preps: Sequence[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            found += [o for o in child.children if o.dep_ == "pobj"]
        if child.dep_ == "prt" and child.lower_ in preps:  # "reach out to" parsed as particle
            found += [o for o in child.children if o.dep_ == "pobj"]
    return found


def _place_objects(token: Token) -> list[Token]:
    return _prep_objects(token, ("to", "in", "at")) + [
        c for c in token.children if c.dep_ in {"dobj", "obj"}
    ]


def _light_verb(ctx: Context, noun: Token) -> Token | None:
    """The verb whose object the event noun is ("held talks", "enter into
    discussions", "imposed sanctions on")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"into", "in"}:
        head = head.head  # "enter into talks", "engage in negotiations"
    elif noun.dep_ not in {"dobj", "obj", "nsubjpass"}:
        return None
    if head.pos_ in {"VERB", "AUX"} and head.lemma_.casefold() in ctx.lex.light_verbs:
        return head
    return None


def _names_country(token: Token) -> bool:
    text = " ".join(t.text for t in token.subtree if not t.is_punct)
    return bool(
        geo.demonym_country(token.text) or geo.country_code(text) or geo.country_code(token.text)
    ) or (token.ent_type_ == "ORG" and codes.body_code(text) is not None)


def _arguments(ctx: Context, trigger: Trigger) -> tuple[list[Token], list[Token], Token | None]:
    """Heads of the source and target phrases, and the verb that carries the
    clause (the trigger, or the light verb of an event noun)."""
    token, sense = trigger.token, trigger.sense
    if trigger.demanded is not None:
        return _subject_heads(token), _subject_heads(trigger.demanded), token
    if not trigger.nominal:
        if _is_passive(token):
            sources = _agent_heads(token)
            targets = _patients(token)
        else:
            sources = _subject_heads(token)
            targets = (
                []
                if sense.no_object_target or sense.visit
                else [c for c in token.children if c.dep_ in _OBJECTS - {"attr", "oprd"}]
            )
        targets += _prep_objects(token, sense.targets)
        return sources, targets, token
    sources, targets = [], []
    for child in token.children:
        if child.dep_ == "poss":
            (targets if sense.patient_possessive else sources).append(child)
        elif child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i:
            if _names_country(
                child
            ):  # "a Russian attack", "U.S. sanctions", not "a Brussels summit"
                sources.append(child)
    sources += _prep_objects(token, ("by", "from"))
    if sense.patient_of:
        targets += _prep_objects(token, ("of",))
    targets += _prep_objects(token, sense.targets)
    light = _light_verb(ctx, token)
    if light is not None:
        if not sources:
            sources = _agent_heads(light) if _is_passive(light) else _subject_heads(light)
        targets += _prep_objects(light, sense.targets)
    elif sense.light_only:
        return [], [], None
    return sources, targets, light or token


# -- context -----------------------------------------------------------------


def _negated(ctx: Context, verb: Token) -> tuple[bool, bool]:
    """(negated, under a modal or refusal) for the clause of ``verb``; a
    clause someone denies ("denied that its forces had attacked") is negated."""
    negated = any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in verb.children)
    negated = negated or (verb.dep_ == "ccomp" and verb.head.lemma_ in {"deny", "dismiss"})
    modal = any(c.dep_ == "aux" and c.lower_ in ctx.lex.modal_words for c in verb.children)
    if verb.dep_ == "conj" and not modal:
        modal = any(c.dep_ == "aux" and c.lower_ in ctx.lex.modal_words for c in verb.head.children)
    return negated, modal


def _reporter(ctx: Context, token: Token) -> tuple[str | None, str | None]:
    """Who reported the clause of ``token``: (name, actor code)."""
    quote = _in_quote(ctx, token)
    if quote is not None and quote.speaker_name:
        entity = ctx.entities.get(quote.speaker or "")
        return quote.speaker_name, entity.code if entity else None
    node = token
    for _ in range(8):
        if node.dep_ == "ROOT":
            break
        head = node.head
        lemma = head.lemma_.casefold()
        if head.pos_ in {"VERB", "AUX"} and lemma in ctx.lex.speech_verbs:
            actors = _actors(ctx, _subject_heads(head))
            if actors:
                return actors[0].name, actors[0].code
        if head.pos_ == "NOUN" and head.lower_ in ctx.lex.speech_nouns:
            for child in head.children:
                if child.dep_ == "poss" or (
                    child.dep_ == "prep" and child.lower_ in {"in", "by", "from"}
                ):
                    words = [w for w in child.subtree if w.dep_ != "case"]
                    objects = [o for o in child.children if o.dep_ == "pobj"] or [child]
                    actors = _actors(ctx, objects)
                    name = (
                        ctx.doc[words[0].i : words[-1].i + 1].text if child.dep_ == "poss" else None
                    )
                    if child.dep_ == "prep":
                        obj = objects[0]
                        name = ctx.doc[obj.left_edge.i : obj.right_edge.i + 1].text
                    return name, actors[0].code if actors else None
        node = head
    root = token.sent.root
    for child in root.children:  # "..., The Wall Street Journal reported Thursday"
        if (
            child.dep_ in {"parataxis", "ccomp"}
            and child.lemma_.casefold() in ctx.lex.speech_verbs
            and child.i > token.i
        ):
            actors = _actors(ctx, _subject_heads(child))
            if actors:
                return actors[0].name, actors[0].code
    return None, None


def _clause(token: Token) -> list[Token]:
    """The tokens of ``token``'s clause, without clauses nested in it."""
    found: list[Token] = []
    stack = [token]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(
            c
            for c in node.children
            if c.dep_ not in _CLAUSES or c.head is token and c.dep_ == "acl"
        )
    return found


def _time(ctx: Context, verb: Token) -> str | None:
    sent = verb.sent
    clause = {t.idx for t in _clause(verb)}
    dated = [
        t for t in ctx.times
        if t.value and t.kind == "date" and sent.start_char <= t.start < sent.end_char
    ]  # fmt: skip
    inside = [t for t in dated if any(t.start <= i < t.end for i in clause)]
    chosen = inside or dated
    if chosen:
        return min(chosen, key=lambda t: abs(t.start - verb.idx)).value
    return ctx.published.isoformat() if ctx.published else None


def _place(ctx: Context, carrier: Token, exclude: set[int]) -> Entity | None:
    for token in sorted(_clause(carrier), key=lambda t: t.i):
        if token.i in exclude or token.dep_ != "pobj" or token.head.lower_ not in _LOCATIVE:
            continue
        for word in token.subtree:
            cluster = _cluster_at(ctx, word)
            entity = ctx.entities.get(cluster.entity_id) if cluster else None
            if (
                entity
                and entity.type in _PLACE_LABELS
                and not entity.attributes.get("capital_metonymy")
            ):
                return entity
    return None


def _visit_target(
    ctx: Context, trigger: Trigger, carrier: Token
) -> tuple[Actor | None, Entity | None]:
    """The country visited and the place ("coming to the island of Kish")."""
    places = _place_objects(trigger.token)
    if carrier is not trigger.token:
        places += _prep_objects(carrier, ("to", "in", "at"))
    for obj in places:
        for word in obj.subtree:
            cluster = _cluster_at(ctx, word)
            entity = ctx.entities.get(cluster.entity_id) if cluster else None
            if entity and entity.type in _PLACE_LABELS:
                country = entity.attributes.get("country") or codes.country_of_code(entity.code)
                return (_country_actor(ctx, country) if country else None), entity
    return None, None


# -- coding ------------------------------------------------------------------


def _intention(ctx: Context, trigger: Trigger, kind: str, code: str) -> tuple[str, str]:
    """An action someone wants, plans, is ready to or will take is an
    intention (CAMEO 03 / 13): "wants to attack" -> THREATEN, "will
    support" -> AGREE."""
    token = trigger.token
    if trigger.nominal or trigger.demanded is not None:
        return kind, code
    head = token.head
    intended = token.dep_ == "xcomp" and head.lemma_.casefold() in ctx.lex.intent_verbs
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in token.children)
    if not (intended or future):
        return kind, code
    if kind in ctx.lex.hostile and kind != "THREATEN":
        return "THREATEN", "138" if kind == "ASSAULT" else "130"
    if kind in ctx.lex.cooperative and kind != "AGREE":
        return "AGREE", "036" if kind == "CONSULT" else "030"
    return kind, code


_FUTURE = frozenset({"will", "'ll", "wo", "shall", "would"})


def _targets(
    ctx: Context, trigger: Trigger, heads: list[Token], sources: list[Actor]
) -> list[Actor]:
    """The target actors: the argument heads; "offer X to Y" -> Y; else the
    object's prepositions ("discussed the issue with X"), the complement's
    arguments ("agreed to meet X", "threatened to attack X"), or the subject
    of a demanded clause ("demanded that X ...")."""
    token = trigger.token
    if not trigger.nominal and trigger.demanded is None:
        recipients = [h for h in heads if h.dep_ == "pobj" and h.head.lower_ in {"to", "for"}]
        recipients += [h for h in heads if h.dep_ == "dative"]
        if recipients:
            heads = [h for h in heads if h.dep_ not in {"dobj", "obj"}]
    things = trigger.sense.type != "CONSULT"  # not "hosted a conference at its London HQ"
    targets = [t for t in _actors(ctx, heads, things) if t not in sources]
    if targets or trigger.nominal:
        return targets
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    fallbacks = [o for obj in objects for o in _prep_objects(obj, trigger.sense.targets)]
    for child in token.children:
        purpose = child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if (
            child.dep_ == "xcomp"
            or purpose
            or (child.dep_ == "ccomp" and trigger.sense.type in _CLAUSE_TARGET)
        ):
            for verb in [child, *child.conjuncts]:
                if child.dep_ == "ccomp":
                    fallbacks += _subject_heads(verb)
                    continue
                fallbacks += [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
                fallbacks += _prep_objects(verb, ("with", "to", "against", "on", "from", "between"))
    found = [t for t in _actors(ctx, fallbacks, True) if t not in sources]
    return [t for t in found if t.entity or not (t.code or "").startswith(codes.NO_COUNTRY)]


_CLAUSE_TARGET = frozenset({"REQUEST", "ACCUSE", "THREATEN"})


def _code_trigger(ctx: Context, trigger: Trigger) -> Coded | None:
    source_heads, target_heads, carrier = _arguments(ctx, trigger)
    if carrier is None:
        return None
    negated, modal = _negated(ctx, carrier)
    refused = carrier.dep_ == "xcomp" and carrier.head.lemma_.casefold() in ctx.lex.refusal_verbs
    kind, code = trigger.sense.type, trigger.code
    if negated and (modal or refused) and kind in ctx.lex.cooperative:
        kind, code, negated = "REJECT", "125" if kind == "CONSULT" else "120", False
    elif not negated:
        kind, code = _intention(ctx, trigger, kind, code)
    verbal = _verbal_object(ctx, trigger)
    if verbal is not None:  # "attacked the government's plans": criticism
        kind, code = "ACCUSE", "111"
        target_heads = [c for c in verbal.children if c.dep_ in {"poss", "compound", "amod"}]
        target_heads += _prep_objects(verbal, ("by", "of"))
        trigger = Trigger(trigger.token, _demand_sense(kind, code), code, trigger.nominal)
    if kind == "REQUEST" and trigger.token.lemma_ == "ask" and _asks_a_question(trigger.token):
        return None  # "was asked by journalists about his view"
    sources = _actors(ctx, source_heads)
    if not sources and trigger.token.dep_ == "xcomp":
        sources = _actors(ctx, _subject_heads(trigger.token))
    inferred = False
    if not sources and kind == "COERCE" and _is_passive(trigger.token):
        sources = _authorities(ctx, carrier)  # "was arrested in Lebanon"
        inferred = bool(sources)
    if not sources:
        return None
    targets = _targets(ctx, trigger, target_heads, sources)
    if kind == "ASSAULT" and not trigger.nominal and not targets:
        if trigger.token.lemma_ in _WEAPON_VERBS:  # "fired missiles into the sea": a show of force
            kind, code = "MOBILIZE", "150"
        elif not target_heads and not _place_objects(trigger.token):
            return None  # "France attacked relentlessly": nothing attacked
    if trigger.demanded is not None:  # "X said the government should ...": an actor that acts
        targets = [t for t in targets if t.code and not t.code.endswith(_BYSTANDERS)]
    mutual = not targets and len(sources) > 1 and kind in ctx.lex.mutual
    place: Entity | None = None
    if trigger.sense.visit:
        visited, place = _visit_target(ctx, trigger, carrier)
        source_country = codes.country_of_code(sources[0].code)
        if visited and visited.code and visited.code != source_country and not targets:
            targets = [visited]
    coded = Coded(trigger, kind, code, sources, targets, negated=negated, mutual=mutual)
    coded.reported_by, reporter_code = _reporter(ctx, trigger.token)
    coded.reporter_country = codes.country_of_code(reporter_code)
    coded.reporter_is_media = bool(reporter_code and reporter_code.endswith("MED"))
    exclude = {t.i for h in source_heads for t in h.subtree}
    coded.place = place or _place(ctx, carrier, exclude)
    if coded.place and not trigger.sense.visit and any(t.entity == coded.place.id for t in targets):
        coded.place = None  # "sanctions on Belarus": the target, not where it happened
    coded.confidence = 0.9 - (0.1 if trigger.nominal else 0.0) - (0.3 if inferred else 0.0)
    return coded


_WEAPON_VERBS = frozenset({"fire", "launch", "test"})
_BYSTANDERS = ("CVL", "EDU", "MED", "LAB", "BUS", "REL", "HLH")


def _verbal_object(ctx: Context, trigger: Trigger) -> Token | None:
    """The object of an attack that is words or plans, not people or places
    ("attacked the decision", "hit out at the plans")."""
    if trigger.nominal or trigger.sense.type != "ASSAULT":
        return None
    objects = [c for c in trigger.token.children if c.dep_ in {"dobj", "obj"}]
    objects += _prep_objects(trigger.token, ("at", "on"))
    for obj in objects:
        if obj.lemma_.casefold() in ctx.lex.verbal_objects:
            return obj
    return None


def _asks_a_question(verb: Token) -> bool:
    """ "asked about ...", "asked whether ...": a question, not a request."""
    for child in [
        *verb.children,
        *(o for a in verb.children if a.dep_ == "agent" for o in a.subtree),
    ]:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ == "ccomp" and any(
            c.lower_ in {"whether", "if", "what", "why", "how", "when", "who"}
            for c in child.children
        ):
            return True
    return False


def _country_actor(ctx: Context, iso3: str) -> Actor:
    """The country ``iso3`` as an actor: the article's entity for it if any."""
    for entity in ctx.entities.values():
        if entity.type == "GPE" and entity.code == iso3 and geo.country_code(entity.name) == iso3:
            return Actor(name=entity.name, code=iso3, entity=entity.id)
    country = geo.country(iso3)
    return Actor(name=country.name if country else iso3, code=iso3)


def _authorities(ctx: Context, carrier: Token) -> list[Actor]:
    """The government of the place where a passive coercion happened ("a
    missionary was arrested in Lebanon" -> LBNGOV), if the clause names one."""
    place = _place(ctx, carrier, set())
    country = place.attributes.get("country") if place else None
    if place is None or not country:
        return []
    return [Actor(name=f"authorities in {place.name}", code=f"{country}GOV")]


def _fill_target(ctx: Context, coded: Coded) -> None:
    """An unstated target. A protest, show of force or attack in another
    country than the source's targets that country ("staged a protest in
    Beijing"), and a source with no country of its own acts where it is
    ("protesters marched through Nairobi" -> KENOPP). A directed action
    reported by someone of another country (not by the media) targets the
    reporter's country ("he said, referring to Trump's threats")."""
    if coded.targets or coded.mutual:
        return
    source = codes.country_of_code(coded.sources[0].code)
    place_country = coded.place.attributes.get("country") if coded.place else None
    if coded.type in ctx.lex.untargeted and place_country:
        if source is None and coded.sources[0].code:
            sector = coded.sources[0].code.removeprefix(codes.NO_COUNTRY)
            coded.sources[0] = coded.sources[0].model_copy(update={"code": place_country + sector})
        elif source and place_country != source:
            coded.targets = [_country_actor(ctx, place_country)]
            coded.confidence -= 0.2
        return
    reporter = coded.reporter_country
    if not reporter or not source or reporter == source or coded.reporter_is_media:
        return
    if coded.type not in _VICTIM_REPORTS:
        return
    coded.targets = [_country_actor(ctx, reporter)]
    coded.confidence -= 0.4


_VICTIM_REPORTS = frozenset({"THREATEN", "ASSAULT", "COERCE", "SANCTION"})


def _same_actor(a: Actor, b: Actor) -> bool:
    return (a.entity is not None and a.entity == b.entity) or (
        a.code is not None and a.code == b.code and a.name == b.name
    )


def _merge(events: list[Coded]) -> list[Coded]:
    kept: list[Coded] = []
    for event in events:
        twin = next(
            (
                k
                for k in kept
                if k.type == event.type
                and k.trigger.token.sent == event.trigger.token.sent
                and _same_actor(k.sources[0], event.sources[0])
            ),
            None,
        )
        if twin is None:
            kept.append(event)
            continue
        if not twin.targets and event.targets:
            twin.targets, twin.mutual = event.targets, False
            twin.code = event.code if twin.code[:2] == event.code[:2] else twin.code
        twin.place = twin.place or event.place
        twin.confidence = max(twin.confidence, event.confidence)
    return kept


def _joint(actors: list[Actor]) -> Actor:
    if not actors:
        return Actor()
    if len(actors) == 1:
        return actors[0]
    names = [a.name for a in actors if a.name]
    return Actor(  # every actor is in ``sources`` / ``targets``; the code is the first's
        name=" and ".join(names),
        code=next((a.code for a in actors if a.code), None),
        entity=actors[0].entity,
    )


def _record(ctx: Context, number: int, coded: Coded) -> Event:
    sent = coded.trigger.token.sent
    place = coded.place
    root = coded.code[:2]
    sources, targets = coded.sources, coded.targets
    if coded.mutual:  # "X and Y met": each acted on the other
        sources, targets = coded.sources[:1], coded.sources[1:]
    return Event(
        id=f"v{number}",
        type=coded.type,
        cameo=root,
        cameo_code=coded.code if len(coded.code) > 2 else None,
        source=_joint(sources),
        target=_joint(targets),
        sources=coded.sources if len(coded.sources) > 1 else [],
        targets=coded.targets if len(coded.targets) > 1 else [],
        mutual=coded.mutual,
        trigger=coded.trigger.token.text,
        text=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        time=_time(ctx, coded.trigger.token),
        place=place.name if place else None,
        place_entity=place.id if place else None,
        place_country=place.attributes.get("country") if place else None,
        lat=place.attributes.get("lat") if place else None,
        lon=place.attributes.get("lon") if place else None,
        reported_by=coded.reported_by,
        negated=coded.negated,
        confidence=round(max(0.05, min(1.0, coded.confidence)), 2),
    )


def find_events(ctx: Context) -> list[Event]:
    """The events of one parsed article."""
    coded_all: list[Coded] = []
    for sent in ctx.doc.sents:
        triggers = _triggers(sent, ctx.lex)
        absorbed = _absorbed(triggers)
        for trigger in triggers:
            if trigger.token.i in absorbed:
                continue
            coded = _code_trigger(ctx, trigger)
            if coded is None:
                continue
            coded_all.append(coded)
    kept: list[Coded] = []
    for coded in _merge(coded_all):
        _fill_target(ctx, coded)
        if coded.targets or coded.mutual or coded.type in ctx.lex.untargeted:
            kept.append(coded)
    return [_record(ctx, n, c) for n, c in enumerate(kept, 1)]
