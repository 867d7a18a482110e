"""An event's context: who reported it (or held the talks it reports), when
and where it happened, and the country a visit went to. Reads the parse,
the quotes, the time expressions and the located entities carried by
``EventContext``."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.events import codes
from newsgraph.extract.events.actors import (
    EventContext,
    actors_of,
    cluster_at,
    country_actor,
    in_quote,
)
from newsgraph.extract.events.syntax import (
    clause_tokens,
    is_passive,
    place_objects,
    prep_objects,
    subject_heads,
)
from newsgraph.model import Actor, Entity

_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "through", "across", "around"}
)


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CHARGES = frozenset({"accuse", "blame", "suspect"})  # "accused Ukraine of shelling": alleged


def reporter(ctx: EventContext, token: Token) -> tuple[str | None, str | None]:
    """Who reported the clause of ``token``: (name, actor code)."""
    quote = in_quote(ctx, token)
    if quote is not None and quote.speaker_name:
        entity = ctx.entities.get(quote.speaker or "")
        return quote.speaker_name, entity.code if entity else None
    node = token
    for _ in range(8):
        if node.dep_ == "ROOT":
            break
        head = node.head
        lemma = head.lemma_.casefold()
        if head.pos_ in {"VERB", "AUX"} and (lemma in ctx.lex.speech_verbs or lemma in _CHARGES):
            actors = actors_of(ctx, subject_heads(head))
            if actors:
                return actors[0].name, actors[0].code
        if head.pos_ == "NOUN" and head.lower_ in ctx.lex.speech_nouns:
            for child in head.children:
                if child.dep_ == "poss" or (
                    child.dep_ == "prep" and child.lower_ in {"in", "by", "from"}
                ):
                    words = [w for w in child.subtree if w.dep_ != "case"]
                    objects = [o for o in child.children if o.dep_ == "pobj"] or [child]
                    actors = actors_of(ctx, objects)
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
            actors = actors_of(ctx, subject_heads(child))
            if actors:
                return actors[0].name, actors[0].code
    return None, None


def event_time(ctx: EventContext, verb: Token) -> str | None:
    sent = verb.sent
    clause = {t.idx for t in clause_tokens(verb)}
    dated = [
        t for t in ctx.times
        if t.value and t.kind == "date" and sent.start_char <= t.start < sent.end_char
    ]  # fmt: skip
    inside = [t for t in dated if any(t.start <= i < t.end for i in clause)]
    chosen = inside or dated
    if chosen:
        return min(chosen, key=lambda t: abs(t.start - verb.idx)).value
    return ctx.published.isoformat() if ctx.published else None


def event_place(ctx: EventContext, carrier: Token, exclude: set[int]) -> Entity | None:
    for token in sorted(clause_tokens(carrier), key=lambda t: t.i):
        if token.i in exclude or token.dep_ != "pobj" or token.head.lower_ not in _LOCATIVE:
            continue
        for word in token.subtree:
            cluster = cluster_at(ctx, word)
            entity = ctx.entities.get(cluster.entity_id) if cluster else None
            if (
                entity
                and entity.type in PLACE_LABELS
                and not entity.attributes.get("capital_metonymy")
            ):
                return entity
    return None


def visit_target(
    ctx: EventContext, token: Token, carrier: Token
) -> tuple[list[Actor], Entity | None]:
    """The countries visited and the first place ("coming to the island of
    Kish", "will visit Mauritania and Senegal"): ``token`` states the visit,
    ``carrier`` is its clause's verb."""
    places = place_objects(token)
    if carrier is not token:
        places += prep_objects(carrier, ("to", "in", "at"))
    for obj in places:
        found = [p for head in [obj, *obj.conjuncts] if (p := _place_in(ctx, head)) is not None]
        if found:
            visited = [
                country_actor(ctx, country)
                for entity in found
                if (
                    country := entity.attributes.get("country")
                    or codes.country_of_code(entity.code)
                )
            ]
            return list({a.code: a for a in visited}.values()), found[0]
    return [], None


def _place_in(ctx: EventContext, head: Token) -> Entity | None:
    """The first place named in the phrase of ``head``, its conjuncts left out."""
    others = {t.i for c in head.conjuncts if c.i > head.i for t in c.subtree}
    for word in head.subtree:
        cluster = cluster_at(ctx, word) if word.i not in others else None
        entity = ctx.entities.get(cluster.entity_id) if cluster else None
        if entity and entity.type in PLACE_LABELS:
            return entity
    return None


_LETTERS = frozenset({"write", "send"})


def addressed(ctx: EventContext, token: Token) -> list[Actor]:
    """Whom a demand made in writing is of, when it names no one: "has written
    to Tony Blair demanding an explanation" -> Tony Blair."""
    head = token.head
    if token.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ == "to":
        verb = head.head.head  # "written to Tony Blair demanding": parsed on the addressee
        return actors_of(ctx, [head]) if verb.lemma_.casefold() in _LETTERS else []
    if token.dep_ not in {"advcl", "xcomp", "conj"} or head.lemma_.casefold() not in _LETTERS:
        return []
    return actors_of(ctx, prep_objects(head, ("to",)))


_AUTHORITY = {"arrest": "COP", "detain": "COP", "hold": "COP", "round": "COP",
              "convict": "JUD", "sentence": "JUD", "jail": "JUD", "imprison": "JUD",
              "indict": "JUD", "charge": "JUD", "prosecute": "JUD", "try": "JUD",
              "deport": "GOV", "expel": "GOV", "ban": "GOV"}  # fmt: skip


def authorities(ctx: EventContext, carrier: Token) -> list[Actor]:
    """Who did a passive coercion no agent is given for: the government of the
    place where it happened ("a missionary was arrested in Lebanon" ->
    LBNGOV), else the document's home country's police or courts ("Mr Conlon
    was arrested" in a British paper -> GBRCOP; "was sentenced to life" ->
    GBRJUD)."""
    if carrier.lemma_.casefold() in {"deport", "expel"}:  # "deported from Arizona"
        for origin in prep_objects(carrier, ("from",)):
            cluster = cluster_at(ctx, origin)
            entity = ctx.entities.get(cluster.entity_id) if cluster else None
            country = entity.attributes.get("country") if entity else None
            if entity is not None and entity.type == "GPE" and isinstance(country, str):
                return [Actor(name=f"authorities in {entity.name}", code=f"{country}GOV")]
    place = event_place(ctx, carrier, set())
    country = place.attributes.get("country") if place else None
    if place is not None and country:
        return [Actor(name=f"authorities in {place.name}", code=f"{country}GOV")]
    sector = _AUTHORITY.get(carrier.lemma_.casefold())
    stated = carrier.dep_ in {"ROOT", "ccomp", "conj", "advcl"}  # not "X, jailed a year ago"
    held = frozenset(t.i for c in carrier.children if c.dep_ == "nsubjpass" for t in c.subtree)
    # not "The Britons were detained as part of the US-led 'war on terror'"
    elsewhere = codes.abroad(carrier, ctx.home_country, skip=held)
    if ctx.home_country and sector and stated and not elsewhere:
        names = {"COP": "police", "JUD": "the courts", "GOV": "the authorities"}
        return [Actor(name=names[sector], code=f"{ctx.home_country}{sector}")]
    return []


_CRIMES = frozenset("stabbing stabbings shooting shootings knifing".split())


_DEVICES = frozenset(
    "bombing bombings explosion explosions blast blasts bomb bombs device devices mine mines "
    "ied ieds landmine landmines attack attacks".split()
)


def unidentified_attackers(ctx: EventContext, verb: Token, heads: list[Token]) -> list[Actor]:
    """Who killed when a bomb or blast did ("A roadside bombing near Samarra
    killed a U.S. soldier", "were killed by an improvised explosive device
    outside Basra", "killed in a car bomb explosion in Beirut"): unidentified
    armed forces of the country where it happened (PLOVER's UAF), with lower
    confidence; nobody when the text places it nowhere."""
    heads = [h.head.head if h.lower_ in {"that", "which"} and h.head.dep_ == "relcl" else h
             for h in heads]  # fmt: skip
    weapons = [h for h in heads if h.lemma_.casefold() in _DEVICES | _CRIMES]
    if not heads and is_passive(verb):
        weapons = [o for o in prep_objects(verb, ("in",)) if o.lemma_.casefold() in _DEVICES]
    if not weapons:
        return []
    crime = all(w.lemma_.casefold() in _CRIMES for w in weapons)
    sector, name = ("CRM", "unidentified attacker") if crime else ("UAF", "unidentified attackers")
    sent = verb.sent
    places: list[str] = []
    for token in sent:
        cluster = cluster_at(ctx, token)
        entity = ctx.entities.get(cluster.entity_id) if cluster else None
        if entity is None or entity.type not in {"GPE", "LOC", "FAC"}:
            continue
        country = entity.attributes.get("country")
        if not isinstance(country, str) or len(country) != 3:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE | {"near", "outside", "of"}:
            return [Actor(name=name, code=f"{country}{sector}")]
        if crime:
            places.append(country)  # "a stabbing ... on a San Francisco Bay Area train"
    return [Actor(name=name, code=f"{places[0]}{sector}")] if places else []


#: Words for an unnamed crowd: who protests when the text names no group.
_CROWDS = frozenset(
    "thousands hundreds dozens tens crowd crowds people residents demonstrators protesters "
    "protestors marchers supporters opponents locals citizens".split()
)


def crowd(ctx: EventContext, trigger: Token, nominal: bool, heads: list[Token]) -> list[Actor]:
    """Who protests when a crowd does ("Thousands marched through London")
    or nobody is named ("protests in Bolivia against the government"): the
    civilians of the place where it happened (PLOVER's CVL), with lower
    confidence; nobody when the text places it nowhere."""
    if heads and not all(h.lower_ in _CROWDS for h in heads):
        return []
    place = None
    if not nominal:
        place = event_place(ctx, trigger, set())
    elif trigger.tag_ == "NNS":  # "protests in Bolivia", not "a hunger strike near X"
        for word in prep_objects(trigger, ("in", "across", "throughout")):
            cluster = cluster_at(ctx, word)
            place = ctx.entities.get(cluster.entity_id) if cluster else None
            if place is not None and place.type in PLACE_LABELS:
                break
            place = None
    country = place.attributes.get("country") if place else None
    if place is None or not isinstance(country, str) or len(country) != 3:
        return []
    return [Actor(name=f"protesters in {place.name}", code=f"{country}CVL")]


_DURING = frozenset({"during", "at", "after", "following", "before", "in"})
_DONE_AT_TALKS = frozenset("announce sign agree pledge promise unveil reach strike".split())


def talking_reporter(ctx: EventContext, noun: Token) -> list[Actor]:
    """Who holds the talks a speaker reports with no one named on his side
    ("Mr Straw said intense discussions were taking place with US
    officials"): the speaker, when the talks are the subject of what he says;
    and who acted during or after them ("announced the deal during a meeting
    with Liu He"): the subject of that act."""
    clause = noun.head
    act = clause.head  # "announced ... during a meeting with", not "marched during talks with"
    if noun.dep_ == "pobj" and clause.lower_ in _DURING and act.pos_ in {"VERB", "AUX"}:
        lemma = act.lemma_.casefold()
        said = lemma in ctx.lex.speech_verbs or lemma in _DONE_AT_TALKS
        return actors_of(ctx, subject_heads(act)) if said else []
    if noun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
        return []
    speaker = clause.head
    if speaker.lemma_.casefold() not in ctx.lex.speech_verbs:
        return []
    return actors_of(ctx, [c for c in speaker.children if c.dep_ == "nsubj"])
