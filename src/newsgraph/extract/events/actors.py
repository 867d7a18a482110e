"""Who an argument of an event is: the entity it refers to (names, role nouns and
pronouns resolved by the entity stage; "it", "they" and an unnamed "he" here), else
a noun phrase coded by ``events.codes`` ("diplomats from Oman" -> OMNGOV), several
for "X and Y" and lists. ``EventContext``: what the coder knows besides the parse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.entities.graph import Cluster, EntityGraph
from newsgraph.extract.events import codes
from newsgraph.extract.events.lexicon import EventLexicon, lexicon
from newsgraph.extract.events.syntax import CLAUSES, DISMAY, NEUTER, PLURAL, RELATIVE, SUBJECTS
from newsgraph.gazetteer import geo
from newsgraph.model import Actor, Entity, Quote, TimeExpression


@dataclass
class EventContext:
    """What the coder needs besides the parse."""

    doc: Doc
    graph: EntityGraph
    entities: dict[str, Entity]
    times: list[TimeExpression]
    quotes: list[Quote]
    published: dt.date | None
    home_country: str | None = None  # the dateline's country: for "prosecutors", "police"
    resident_country: str | None = None  # the home country, when the text's places agree
    dateline_end: int = 0  # characters of the dateline opening the text ("BRUSSELS (Reuters) -")
    lex: EventLexicon = field(default_factory=lexicon)


def cluster_at(ctx: EventContext, token: Token) -> Cluster | None:
    for cluster in ctx.graph.clusters_at(token.idx, token.idx + len(token)):
        if cluster.entity_id and any(m.start <= token.idx < m.end for m in cluster.mentions):
            return cluster
    return None


def entity_actor(ctx: EventContext, cluster: Cluster) -> Actor | None:
    return entity_id_actor(ctx, cluster.entity_id)


def entity_id_actor(ctx: EventContext, entity_id: str | None) -> Actor | None:
    """The entity ``entity_id`` as an actor (people, bodies, places, peoples)."""
    entity = ctx.entities.get(entity_id or "")
    if entity is None or entity.type not in {"PERSON", "ORG", "GPE", "NORP"}:
        return None
    code = resident_code(entity, ctx.resident_country)
    return Actor(name=entity.name, code=code, entity=entity.id)


def resident_code(entity: Entity, home: str | None) -> str | None:
    """The code of a person or body the text does not place, in an article
    whose home country its places confirm (a British paper's story of
    British politics): of that country, its sector kept ("Mr Beith" -> GBR,
    "Unison" -> GBRLAB). Never so for the armed, whose stories are as often
    abroad, nor for a named foreigner (placed, so coded)."""
    code = entity.code
    if home is None or entity.type not in {"PERSON", "ORG"}:
        return code
    if entity.attributes.get("country") or entity.attributes.get("nationality"):
        return code
    if code is None:
        return home
    if code.startswith(codes.NO_COUNTRY) and code[3:6] in codes.RESIDENT_SECTORS:
        return home + code[3:]
    return code


def in_quote(ctx: EventContext, token: Token) -> Quote | None:
    for quote in ctx.quotes:
        if quote.kind != "indirect" and quote.start <= token.idx < quote.end:
            return quote
    return None


_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


def _speaker_actors(ctx: EventContext, token: Token) -> list[Actor]:
    """ "I", "we" inside a direct quotation: its speaker, when the quote
    has a named person or body as speaker ("'We will not accept this,'
    said Unison"); nothing outside quotations."""
    quote = in_quote(ctx, token)
    if quote is None or quote.kind != "direct":
        return []
    actor = entity_id_actor(ctx, quote.speaker)
    return [actor] if actor is not None and actor.code else []


def _sayer(ctx: EventContext, token: Token) -> list[Actor]:
    """Who "he" is in "X said he had ...", when no name is his: X's phrase."""
    verb, said = token.head.head, (token.dep_, token.head.dep_) == ("nsubj", "ccomp")
    if not said or verb.lemma_ not in ctx.lex.speech_verbs:
        return []
    return actors_of(ctx, [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"][:1])


def pronoun_actors(ctx: EventContext, token: Token) -> list[Actor]:
    """ "it" -> the organisation or country before it in the sentence; "they"
    -> the people the sentence before lists."""
    if in_quote(ctx, token):
        return []
    word = token.lower_
    sent = token.sent
    if word in NEUTER:
        for candidate in reversed(list(sent.doc[sent.start : token.i])):
            # a subject, or an object for an object: "quit UKIP and accused it"
            if candidate.dep_ in SUBJECTS or {candidate.dep_, token.dep_} == {"dobj"}:
                cluster = cluster_at(ctx, candidate)
                if cluster and cluster.label in {"ORG", "GPE", "FAC", "NORP"}:
                    actor = entity_actor(ctx, cluster)
                    return [actor] if actor else []
                body = codes.body_code(codes.phrase_text(candidate))
                if body:  # "The Kremlin denied that its forces ..."
                    return [Actor(name=codes.phrase_text(candidate), code=body)]
        return []
    # 'said they were "concerned"', read as a passive: the sayers (not "they were charged")
    felt = token.dep_ == "nsubjpass" and token.head.lower_ in DISMAY
    if word in PLURAL and (token.dep_ == "nsubj" or felt) and token.head.dep_ == "ccomp":
        speaker = token.head.head  # "Tanzanian police said they had arrested ..."
        if speaker.lemma_.casefold() in ctx.lex.speech_verbs:
            said = [c for c in speaker.children if c.dep_ == "nsubj" and c.lower_ not in PLURAL]
            if said and (found := actors_of(ctx, said[:1])):
                return found
    if word in {"them", "their"} and (listed := _listed_before(ctx, token)):
        return listed  # "trade talks with partners, including Europe and Japan, threatening them"
    if word in PLURAL and sent.start > 0:
        previous = ctx.doc[sent.start - 1].sent
        subject = next((t for t in previous if t.dep_ in SUBJECTS and t.head.dep_ == "ROOT"), None)
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
            return [a for c in people if (a := entity_actor(ctx, c))]
        speakers = [t for t in previous if t.dep_ == "nsubj" and _plural_body(ctx, t)]
        for subject in speakers[-1:]:  # "..., Russian officials said. They blamed Ukraine."
            return _actor(ctx, subject)
    return []


def _pair_before(ctx: EventContext, token: Token) -> list[Actor] | None:
    """ "the two sides", "both countries": the last two parties of different
    countries named together ("the United States and China") in the three
    sentences up to this one; None when ``token`` is no such phrase."""
    if token.lemma_.casefold() not in _PAIRED or not any(
        c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"}
        for c in token.children
    ):
        return None
    start = token.sent.start
    for _ in range(2):
        if start > 0:
            start = ctx.doc[start - 1].sent.start
    for word in reversed(list(ctx.doc[start : token.i])):
        if len(word.conjuncts) != 1 or word.conjuncts[0].i < word.i:
            continue
        found = [a for a in actors_of(ctx, [word]) if a.code]
        countries = {codes.country_of_code(a.code) for a in found}
        if len(found) == 2 and len(countries - {None}) == 2:
            return found
    return []


_PAIRED = frozenset({"side", "country", "nation", "government", "leader"})


def _listed_before(ctx: EventContext, token: Token) -> list[Actor]:
    """What an object "them" means from the same sentence: the parties it
    lists before as examples ("partners, including Europe, Japan, Canada and
    Mexico"), else the nearest people named by a plural noun as an object
    before it ("pinning 800 students inside and threatened to use live
    ammunition on them")."""
    sent = token.sent
    before = list(ctx.doc[sent.start : token.i])
    for word in reversed(before):
        if word.dep_ == "prep" and word.lower_ in {"including", "like", "such"}:
            members = [o for o in word.subtree if o.dep_ == "pobj"][:1]
            found = [a for a in actors_of(ctx, members) if a.code]
            return found if len(found) >= 2 else []
    for word in reversed(before):
        if word.tag_ == "NNS" and word.dep_ in {"dobj", "obj", "pobj"} and codes.head_sector(word):
            return [a for a in _actor(ctx, word) if a.code]
    return []


def _plural_body(ctx: EventContext, token: Token) -> bool:
    """Whether ``token`` can be what a later "they" means: a plural noun
    ("officials", "MPs", which the tagger takes for a name), or an
    organisation ("Unison said ... They called for")."""
    if token.tag_ in {"NNS", "NNPS"} or (
        len(token) > 2 and token.text[:-1].isupper() and token.text.endswith("s")
    ):
        return True
    cluster = cluster_at(ctx, token)
    return cluster is not None and cluster.label == "ORG"


def _modifier_actor(ctx: EventContext, head: Token) -> Actor | None:
    """The entity a modifier of ``head`` names ("Trump administration
    officials", "officials of the Foreign Ministry")."""
    candidates = [
        c for c in head.children if c.i < head.i and c.dep_ in {"compound", "amod", "nmod", "poss"}
    ]
    speaks = head.lemma_.casefold().startswith("spokes")  # "a spokesman for UKIP"
    for prep in head.children:
        owned = prep.lower_ in {"from", "of"} or (speaks and prep.lower_ == "for")
        if prep.dep_ == "prep" and owned:
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for candidate in candidates:
        if codes.stance_prefix(candidate):
            continue  # "an anti-Syria journalist"
        cluster = cluster_at(ctx, candidate)
        if cluster:
            actor = entity_actor(ctx, cluster)
            if actor and actor.code:
                return actor
        elif candidate.dep_ == "compound" and (sector := codes.head_sector(candidate)):
            if sector in {"GOV", "LEG", "JUD", "COP", "MIL"}:  # "a government scheme"
                code = codes.code_phrase(candidate, default_country=ctx.home_country)
                return Actor(
                    name=codes.phrase_text(candidate), code=code
                )  # "a Hong Kong court ruling"
    return None


_STUDIES = frozenset("inquiry investigation report review study probe survey audit".split())


def _phrase_actor(ctx: EventContext, head: Token, things: bool = False) -> Actor | None:
    if head.lemma_.casefold() in _STUDIES:  # "the inquiry by Sir Alan Budd is investigating"
        authors = [o for p in head.children if p.lower_ == "by" for o in p.children]
        found = actors_of(ctx, [o for o in authors if o.dep_ == "pobj"])
        if found:
            return found[0]
    if head.pos_ == "PROPN" and (body := codes.institution_code(codes.phrase_text(head))):
        return Actor(name=codes.phrase_text(head), code=body)  # "the Scottish Executive"
    sector = codes.head_sector(head)
    mine = any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in head.children)
    if sector and mine and (own := codes.modifier_country(head)):
        return Actor(
            name=codes.phrase_text(head), code=codes.join(own, sector)
        )  # "his Spanish counterpart"
    owner = _modifier_actor(ctx, head)
    if sector and owner and owner.code and not owner.code.startswith(codes.NO_COUNTRY):
        someone = owner.entity in ctx.entities and ctx.entities[owner.entity].type == "PERSON"
        return Actor(
            name=codes.phrase_text(head),
            code=codes.with_sector(owner.code, sector),
            entity=None if someone else owner.entity,  # "Blair's spokesman" is not Blair
        )
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if sector and pronoun is not None:  # "its forces": whose they are, never the dateline's
        owners = pronoun_actors(ctx, pronoun) if pronoun.lower_ in NEUTER | PLURAL else []
        person = cluster_at(ctx, pronoun) if pronoun.lower_ in {"his", "her"} else None
        if person is not None:  # "his chancellor": of his country, not him
            owners = [
                a.model_copy(update={"entity": None}) for a in [entity_actor(ctx, person)] if a
            ]
        if owners and owners[0].code and not owners[0].code.startswith(codes.NO_COUNTRY):
            owned = codes.with_sector(owners[0].code, sector)
            return Actor(name=codes.phrase_text(head), code=owned, entity=owners[0].entity)
        return Actor(name=codes.phrase_text(head), code=codes.join(None, sector))
    code = codes.code_phrase(head, default_country=ctx.home_country)
    if code:
        return Actor(name=codes.phrase_text(head), code=code)
    if sector is None and owner is not None and head.lemma_.casefold() in _RELATIVES:
        country = codes.country_of_code(owner.code)  # "his predecessor": another person
        return Actor(name=codes.phrase_text(head), code=country) if country else None
    if (
        sector is None
        and owner is not None
        and head.lemma_.casefold() not in _MISHAPS | _NAMED_AFTER
    ):
        return owner  # "Argentina's bid", "Ukrainian drones"; not "the Malaysia Airlines crash"
    if (
        things
        and sector is None
        and head.lower_ not in ctx.lex.speech_nouns
        and head.lemma_.casefold() not in _MISHAPS
    ):
        after = head.lemma_.casefold() in _NAMED_AFTER
        for child in head.children:  # "German goods", "Palestinian homes": whose they are
            if (
                not after
                and child.dep_ == "amod"
                and child.i < head.i
                and (iso := geo.demonym_country(child.text))
            ):
                return country_actor(ctx, iso)
        # a place or thing attacked or seized: "a government-held part of Aleppo"
        venue = {t.i for p in head.children if p.lower_ in {"in", "at"} for t in p.subtree}
        for token in _phrase_tokens(head):
            if codes.stance_prefix(token) or (after and token.i < head.i):
                continue
            cluster = cluster_at(ctx, token)
            if cluster and cluster.label == "ORG" and token.i in venue:
                continue  # "challenging the plans in the High Court": where, not whose
            if cluster and cluster.label in {"GPE", "ORG"}:  # not "two Western states"
                actor = entity_actor(ctx, cluster)
                if actor and actor.code and cluster.label == "GPE" and len(actor.code) == 3:
                    return country_actor(ctx, actor.code)  # "supporters in Lahore" -> Pakistan
                if actor and actor.code:
                    return actor
    return None


_RELATIVES = frozenset(
    "predecessor successor deputy colleague aide adviser advisor wife husband son daughter "
    "father mother brother sister family friend rival opponent critic ally lawyer partner boss "
    "supporter backer".split()
)  # someone's X is another person, of the same country ("counterpart" is of another)


_MISHAPS = frozenset(
    "crash accident collision explosion blast fire flood floods storm earthquake disease "
    "outbreak derailment sinking".split()
)  # "the Malaysia Airlines crash": named after, not owned by


#: Pacts named after the place they were made: "the Kyoto protocol", "the Minsk
#: agreement" are nobody's; "an agreement with the EU" names a party.
_NAMED_AFTER = frozenset("protocol protocols treaty accord accords convention agreement".split())


def _phrase_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase without the clauses attached to it."""
    found: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(c for c in node.children if c.dep_ not in CLAUSES)
    return sorted(found, key=lambda t: t.i)


_ASKED = frozenset({"which", "what", "whichever", "whatever"})


QUANTITY = frozenset(
    "thousands hundreds dozens tens millions scores group groups members number some many "
    "most all few several crowd crowds majority part one two three four five "
    "committee panel delegation".split()  # "a committee of MPs" is MPs
)


def _actor(ctx: EventContext, token: Token, things: bool = False) -> list[Actor]:
    """The actors a noun phrase headed by ``token`` refers to; with
    ``things``, also the country of a place or thing named in it ("shelled a
    part of Aleppo")."""
    if token.lower_ in QUANTITY or token.pos_ == "NUM":  # "thousands of protesters", "some in"
        of = [o for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}
              for o in c.children]  # fmt: skip
        if of and of[0].dep_ == "pobj":
            return _actor(ctx, of[0], things)
    if any(c.dep_ == "det" and c.lower_ in _ASKED for c in token.children):
        return []  # "confirm which minister would ...": asked about, no one named
    if token.lower_ in RELATIVE:
        if token.pos_ != "PRON" or token.head.dep_ != "relcl":
            return []  # "that" opening a clause
        token = token.head.head
    if token.pos_ == "PRON" and token.lower_ in _FIRST_PERSON:
        return _speaker_actors(ctx, token)
    if (pair := _pair_before(ctx, token)) is not None:
        return pair  # "the two sides" after "the United States and China"
    if token.lower_ == "them" and token.dep_ in {"dobj", "obj", "pobj"}:
        if listed := _listed_before(ctx, token):  # "pinning 800 students ... on them"
            return listed
    if token.pos_ == "PRON" and (token.lower_ in NEUTER or token.lower_ in PLURAL):
        cluster = cluster_at(ctx, token)
        if cluster is None:
            return pronoun_actors(ctx, token)
    cluster = cluster_at(ctx, token)
    if cluster is None and token.lower_ in {"he", "she"} and (sayer := _sayer(ctx, token)):
        return sayer  # "The UK's top judge has revealed he has clashed with ministers"
    named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if cluster is None and named and _phrase_actor(ctx, token, things) is None:
        cluster = cluster_at(ctx, named[0])  # "his Spanish counterpart Miguel Moratinos"
    if cluster is not None and cluster.label == "NORP" and (where := codes.place_of(token)):
        return [Actor(name=codes.phrase_text(token), code=where)]  # "ethnic Albanians in Serbia"
    if cluster is not None:
        actor = entity_actor(ctx, cluster)
        if actor is not None and (actor.code or cluster.label == "PERSON"):
            if not actor.code and (phrase := _phrase_actor(ctx, token, things)):
                return [phrase]
            if cluster.label == "GPE" and actor.code and _names_capital(cluster, token):
                actor = actor.model_copy(update={"code": actor.code[:3] + "GOV"})
            return [actor]
    if (short := _short_name(ctx, token)) is not None:
        return [short]  # "the executive" after "the Scottish Executive"
    phrase = _phrase_actor(ctx, token, things)
    return [phrase] if phrase else []


_GENERIC_BODIES = frozenset({"union", "unions", "government", "states", "nations", "republic"})


def _short_name(ctx: EventContext, token: Token) -> Actor | None:
    """ "the executive", "the committee", "the commission" (only "the" and the
    word): the body named last before it whose name ends in that word ("the
    Scottish Executive", "the environment select committee")."""
    if token.pos_ != "NOUN" or [c.lower_ for c in token.children] != ["the"]:
        return None
    word = token.lower_
    if word in _GENERIC_BODIES:
        return None  # "the union" after "the European Union" is the trade union
    best: tuple[int, Cluster] | None = None
    for cluster in ctx.graph.clusters:
        if cluster.label != "ORG" or not cluster.entity_id:
            continue
        if cluster.name.split()[-1].casefold() != word or " " not in cluster.name:
            continue
        starts = [m.start for m in cluster.mentions if m.start < token.idx]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), cluster)
    if best is not None:
        return entity_actor(ctx, best[1])
    at = ctx.doc.text.rfind(" " + token.text.capitalize(), 0, token.idx)  # a national
    earlier = ctx.doc.char_span(at + 1, at + 1 + len(token.text)) if at >= 0 else None
    if earlier is not None and earlier.root.pos_ == "PROPN":  # institution the tagger missed
        name = codes.phrase_text(earlier.root)
        if code := codes.institution_code(name):
            return Actor(name=name, code=code)
    return None


def between_actors(ctx: EventContext, noun: Token) -> list[Actor]:
    """The named parties of "between X and Y" after ``noun``, read from the
    named-entity spans, as the parser often splits a name list ("between
    Trump and Chinese vice-premier Liu He"); a nationality word is a party
    only when fewer than two others are named, and an apposition ("his
    counterpart, Xi Jinping") is the party it stands beside."""
    found: list[Actor] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "between":
            continue
        words = {w.i for w in prep.subtree}
        named = [
            e for e in noun.doc.ents
            if e.root.i in words and e.label_ in {"PERSON", "ORG", "GPE", "NORP"}
        ]  # fmt: skip
        parties = [e for e in named if e.label_ != "NORP"]
        for ent in parties if len(parties) > 1 else named:
            head = ent.root.head if ent.root.dep_ == "appos" else ent.root
            for actor in [_styled(ent, a) for a in _actor(ctx, head)]:
                if (
                    actor not in found
                    and not _same_country(actor, found)
                    and not (actor.entity and any(a.entity == actor.entity for a in found))
                ):
                    found.append(actor)
    return found


def _styled(ent: Span, actor: Actor) -> Actor:
    """A person named after a nationality and a title ("Chinese vice-premier
    Liu He") is of that country, whatever else the article suggests."""
    if ent.label_ != "PERSON" or ent.start < 2:
        return actor
    doc = ent.doc
    words = list(doc[max(ent.sent.start, ent.start - 4) : ent.start])
    nationality = next((w for w in words if w.ent_type_ == "NORP"), None)
    title = doc[ent.start - 1]
    iso = geo.demonym_country(nationality.text) if nationality is not None else None
    sector = codes.head_sector(title) if title.ent_type_ != "NORP" else None
    if iso is None or sector is None:
        return actor
    return actor.model_copy(update={"code": codes.join(iso, sector)})


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


def _shared_head(ctx: EventContext, head: Token) -> list[Actor]:
    """ "US and British activists": one actor per nationality."""
    modifiers = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod"} and c.conjuncts]
    if not modifiers or codes.head_sector(head) is None:
        return []
    sector = codes.head_sector(head) or ""
    found: list[Actor] = []
    for word in [modifiers[0], *modifiers[0].conjuncts]:
        country = codes.place_code(word.text)
        if country:
            found.append(
                Actor(name=f"{word.text} {head.text}", code=codes.with_sector(country, sector))
            )
    return found if len(found) > 1 else []


def _others(token: Token) -> bool:
    """ "Mr Blair and other Cabinet ministers": of the first one's country."""
    return token.dep_ == "conj" and any(c.lower_ == "other" for c in token.children)


def _same_country(actor: Actor, found: list[Actor]) -> bool:
    """A bare country ("Colombian") already among the actors ("Colombians")."""
    code = actor.code
    return bool(code) and len(code or "") == 3 and any(a.code == code for a in found)


def _past_dateline(ctx: EventContext, head: Token) -> Token | None:
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


def _word(head: Token) -> Token:
    """The word a hyphen the parser took for a head stands in ("The Tory
    co-chairman attacked" parses "-" as the subject): the word after it; the
    noun of a participle the parser took for the subject ("The Red Cross
    operating in Iraq said")."""
    if (
        head.text in {"-", "‐"}
        and head.i + 1 < len(head.doc)
        and head.nbor().pos_ in {"NOUN", "PROPN"}
    ):
        return head.nbor()
    if head.tag_ == "VBG" and head.dep_ in {"nsubj", "nsubjpass"}:
        named = [c for c in head.children if c.dep_ == "nsubj" and c.i < head.i]
        if named:  # "The Red Cross operating in Iraq said": the Red Cross
            return named[0]
    return head


def actors_of(ctx: EventContext, heads: Iterable[Token], things: bool = False) -> list[Actor]:
    found: list[Actor] = []
    heads = [h for head in heads if (h := _past_dateline(ctx, _word(head))) is not None]
    for head in heads:
        for token in _members(head):
            if (
                token.pos_ == "ADJ"
                and token.dep_ in {"amod", "conj"}
                and not codes.place_code(token.text)
            ):
                continue  # "the cowardly, criminal and tragic bombings": no criminals named
            for actor in _shared_head(ctx, token) or _actor(ctx, token, things):
                kin = codes.country_of_code(found[0].code) if found else None
                if kin and _others(token) and (actor.code or "").startswith(codes.NO_COUNTRY):
                    actor = actor.model_copy(update={"code": kin + (actor.code or "")[3:]})
                if actor not in found and not _same_country(actor, found):
                    found.append(actor)
    return found


def country_actor(ctx: EventContext, iso3: str) -> Actor:
    """The country ``iso3`` as an actor: the article's entity for it if any."""
    for entity in ctx.entities.values():
        if entity.type == "GPE" and entity.code == iso3 and geo.country_code(entity.name) == iso3:
            return Actor(name=entity.name, code=iso3, entity=entity.id)
    country = geo.country(iso3)
    return Actor(name=country.name if country else iso3, code=iso3)
