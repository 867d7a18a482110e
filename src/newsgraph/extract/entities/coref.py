"""Coreference for people, by rules over the parse (no model: none is
installable offline).

The approach, in order:

1. **Appositions** tie a role noun phrase to a name and give roles and ages:
   "The official, Hamidreza Taraghi," / "the supreme leader, Ayatollah Ali
   Khamenei" (role before the name); "Baquer Namazi, 81, a former UNICEF
   diplomat" and "Taraghi, an adviser to ..." (age and role after it).
2. **Relations**: "his son Siamak" names Siamak after the relative the
   possessive points to ("Siamak Namazi", son of Baquer Namazi).
3. **Role nouns**: an indefinite "an Iranian official" introduces a person; a
   later definite "the official" refers back to the latest person described
   by the same noun; when that definite phrase stands in apposition to a name,
   the earlier person *is* the named one and the two merge. A demonym in the
   phrase gives the nationality.
4. **Pronouns** he/she/him/his/her (outside quotation marks, where "he" is the
   speaker's, not the narrator's): a person named earlier in the same
   sentence, else the subject of the nearest preceding sentence that has a
   person as subject, else the last person mentioned; never a person whose
   gender the text has shown to be the other one.
5. **Capitals for governments**: "Washington had reached out to Tehran" adds
   the mentions to the United States and Iran (the cities stay entities too),
   unless the capital is a place ("a meeting in Vienna").
"""

from __future__ import annotations

import re
from itertools import islice

from spacy.tokens import Doc, Span

from newsgraph.extract.entities.graph import Cluster, EntityGraph, _append, guess_gender, name_words
from newsgraph.extract.entities.mentions import PRONOUNS, TextMention, lexicon
from newsgraph.extract.quotes.marks import scan_quotes
from newsgraph.gazetteer import geo

_AGE = re.compile(r",\s*(\d{1,3})\s*,\s*")
_ROLE_AFTER = re.compile(  # a period ends the role, not one after a capital ("the U.S. Army")
    r",\s*((?:a|an|the|(?-i:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)['’]s)\s+[^,;:()“”\"]{2,120}?)"
    r"\s*(?=[,;:)]|(?-i:(?<![A-Z]))\.|$)",  # "Liu He, China's top trade negotiator"
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:a|an|the|this|that)\s+", re.IGNORECASE)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Where quotations are, as the quote finder's marks give them: a straight
    mark left open at a paragraph's end does not pair with one paragraphs
    later and turn the narration between them into a quotation."""
    return [part for marked in scan_quotes(text) for part in marked.parts]


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in spans)


def _role_text(text: str) -> str:
    return _DETERMINER.sub("", text.strip()).strip()


def _closes_clause(doc: Doc, nominal: TextMention, name: TextMention) -> bool:
    """Whether a role noun phrase before a comma ends a clause of its own (the
    object of a preposition or verb) and the name after it opens the next as
    its subject ("begins his term as US President, Tony Blair said"), not a
    description of the name ("close to the supreme leader, Ayatollah Ali
    Khamenei")."""
    role = doc.char_span(nominal.start, nominal.end, alignment_mode="expand")
    named = doc.char_span(name.start, name.end, alignment_mode="expand")
    return (
        role is not None
        and named is not None
        and role.root.dep_ in {"pobj", "dobj", "obj"}
        and named.root.dep_ in {"nsubj", "nsubjpass"}
    )


def _described_before(doc: Doc, comma: int) -> Span | None:
    """The description opening a sentence before a name and its comma ("A
    member of the Syrian parliament, Mohammed Mamoun, ..."), if it names a
    person by role."""
    sent = doc[comma].sent
    if comma - sent.start > 10 or comma <= sent.start:
        return None
    phrase = doc[sent.start : comma]
    if phrase[0].lower_ not in {"a", "an"} or any(
        t.pos_ in {"VERB", "AUX"} or t.is_punct for t in phrase
    ):
        return None
    return phrase if _has_person_noun(phrase.text) else None


def _has_person_noun(text: str) -> bool:
    nouns = lexicon().person_nouns
    return any(w.casefold() in nouns for w in re.findall(r"[\w-]+", text))


def _nationality(doc: Doc, span: Span) -> str | None:
    for token in span:
        if any(a.dep_ in {"relcl", "acl"} and a in span for a in token.ancestors):
            continue  # "a KGB officer who became an agent for the British": not British
        iso = geo.demonym_country(token.text) if token.text[:1].isupper() else None
        if iso:
            return iso
        named = token.dep_ in {"compound", "nmod", "poss"}  # "China's top negotiator"
        if token.ent_type_ == "GPE" and named and token.head in span:
            place = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if iso := geo.country_code(place.text if place is not None else token.text):
                return iso  # "a spokesperson for the U.S. military"; "Northern Ireland": GBR
        if token.ent_type_ == "GPE" and token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS":
            iso = geo.country_code(token.text)
            if iso:
                return iso
    return None


def attach(
    doc: Doc, graph: EntityGraph, names: list[TextMention], nominals: list[TextMention]
) -> None:
    """Appositions, ages, roles, relations and capitals-for-governments."""
    text = doc.text
    by_end = {m.end: m for m in nominals}
    for mention in names:
        if mention.label != "PERSON":
            continue
        clusters = graph.clusters_at(mention.start, mention.end)
        cluster = next((c for c in clusters if c.label == "PERSON"), None)
        if cluster is None:
            continue
        after = text[mention.end : mention.end + 200]
        age = _AGE.match(after)
        if age and 0 < int(age.group(1)) < 120:
            cluster.attributes.setdefault("age", int(age.group(1)))
            after = after[age.end() - 2 :]  # keep ", " before the role
        role = _ROLE_AFTER.match(after)
        if role and _has_person_noun(role.group(1)):
            _append(cluster.roles, _role_text(role.group(1)))
            span = doc.char_span(
                mention.end + role.start(1), mention.end + role.end(1), alignment_mode="expand"
            )
            if span is not None and (iso := _nationality(doc, span)):
                cluster.attributes.setdefault("nationality", iso)
        outer = mention.title_start if mention.title_start >= 0 else mention.start
        _premodifiers(doc, mention, outer, cluster)
        before = text[max(0, outer - 3) : outer]
        if before.endswith(", "):
            nominal = by_end.get(outer - 2)
            if nominal is not None and _closes_clause(doc, nominal, mention):
                nominal = None  # "... his second term as US President, Tony Blair said"
            if nominal is not None:  # "The official, Hamidreza Taraghi"
                graph.link(nominal, cluster)
                nominal.definite = True
                _append(cluster.roles, _role_text(nominal.text))
                span = doc.char_span(nominal.start, nominal.end)
                if span is not None and (iso := _nationality(doc, span)):
                    cluster.attributes.setdefault("nationality", iso)
            else:  # "A fifth American, Robert A. Levinson"
                head = doc.char_span(outer - 2, outer - 1, alignment_mode="expand")
                if head is not None and head.start > 0:
                    prev = doc[head.start - 1]
                    iso = geo.demonym_country(prev.text) if prev.text[:1].isupper() else None
                    if iso:
                        cluster.attributes.setdefault("nationality", iso)
                    elif (phrase := _described_before(doc, head.start)) is not None:
                        _append(cluster.roles, _role_text(phrase.text))  # "A member of the
                        if nation := _nationality(doc, phrase):  # Syrian parliament, X"
                            cluster.attributes.setdefault("nationality", nation)
    _relations(doc, graph, names)
    _capitals(doc, graph, names)


def _premodifiers(doc: Doc, mention: TextMention, outer: int, cluster: Cluster) -> None:
    """Nationality and role from the words before a name and its titles, in
    the same noun phrase: "Zimbabwean Prime Minister Robert Mugabe", "Niger's
    ambassador Brah Mohamane", "Nigerian junior foreign minister Dubem Oniya"."""
    root = doc[mention.token_end - 1]
    first = doc.char_span(outer, mention.end, alignment_mode="expand")
    if first is None or root.left_edge.i >= first.start:
        return
    span = doc[root.left_edge.i : first.start]
    if len(span) > 6 or any(
        (t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod") or t.is_punct for t in span
    ):  # "Jordan's visiting King Abdullah II": a participle modifier is no clause
        return
    if iso := _nationality(doc, span):
        cluster.attributes.setdefault("nationality", iso)
    words = [
        t
        for t in span
        if (t.pos_ in {"NOUN", "ADJ"} and t.text[:1].islower())
        or (t.is_sent_start and t.lower_ in _QUALIFIERS)  # "Shadow home secretary X" opening
    ]
    role = bool(words) and _has_person_noun(words[-1].text)
    if role:
        _append(cluster.roles, " ".join(t.lower_ if t.is_sent_start else t.text for t in words))
    if role or mention.title_start >= 0:  # "Kremlin spokesman", "Bryansk Governor X"
        end = words[0].i if role else first.start
        names = [t for t in span if t.i < end and (t.pos_ == "PROPN" or t.tag_ == "POS")]
        owner = [t for t in names if t.tag_ != "POS"]  # "Jordan's visiting King": a country
        if names and names[0].i == span.start and not geo.country_code(" ".join(map(str, owner))):
            cluster.attributes.setdefault("organisation", doc[names[0].i : names[-1].i + 1].text)


#: Words that change the office a role names ("shadow home secretary" is not
#: the home secretary), kept in the role when they open a sentence capitalised.
_QUALIFIERS = frozenset({"shadow", "former", "deputy", "acting", "junior", "ex"})
#: Of those, the ones whose bearer is never "the minister" of a later mention
#: without the word (a deputy or junior minister still is "the minister").
_NOT_THE_HOLDER = frozenset({"shadow", "former", "ex"})


def _relations(doc: Doc, graph: EntityGraph, names: list[TextMention]) -> None:
    lex = lexicon()
    for mention in names:
        if mention.label != "PERSON" or not mention.relation:
            continue
        relation, owner = mention.relation
        gender = PRONOUNS.get(owner.casefold())
        relative = _last_person_before(graph, mention.start, exclude=None, gender=gender)
        words = name_words(mention.text)
        name = mention.text
        if relative is not None and len(words) == 1 and relation in lex.family_relations:
            name = f"{mention.text} {name_words(relative.name)[-1]}"
        existing = [c for c in graph.people() if c.named and c.name == name]
        cluster = (
            existing[0] if existing else graph.new(f"person:{name.casefold()}", "PERSON", name)
        )
        graph.link(mention, cluster)
        cluster.gender = cluster.gender or lexicon().relation_genders.get(relation)
        cluster.gender = cluster.gender or guess_gender(f"{mention.text} {relation}", [])
        if relative is not None:
            cluster.attributes["relation"] = f"{relation} of {relative.name}"
            cluster.attributes.setdefault("related_to", relative.name)


def _last_person_before(
    graph: EntityGraph, position: int, exclude: Cluster | None, gender: str | None = None
) -> Cluster | None:
    best: tuple[int, Cluster] | None = None
    for cluster in graph.people():
        if cluster is exclude or not cluster.named:
            continue
        if gender in {"male", "female"} and not _compatible(cluster, gender):
            continue
        starts = [m.start for m in cluster.mentions if m.start < position and m.kind == "name"]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), cluster)
    return best[1] if best else None


def _capitals(doc: Doc, graph: EntityGraph, names: list[TextMention]) -> None:
    for mention in names:
        if mention.label != "GPE" or geo.country_code(mention.text):
            continue
        iso = geo.capital_country(mention.text)
        country = geo.country(iso) if iso else None
        if country is None:
            continue
        root = doc[mention.token_start : mention.token_end].root
        if root.dep_ == "pobj" and root.head.lower_ in lexicon().locative_prepositions:
            continue  # a place: "a meeting in Vienna"
        if root.dep_ == "compound" or mention.text.isupper():
            continue  # "Tehran University"; "TEHRAN, Iran —" (a dateline)
        key = f"country:{iso}"
        cluster = graph.by_key.get(key) or graph.new(key, "GPE", country.name)
        cluster.attributes["country"] = iso
        graph.link(mention, cluster)
        cluster.attributes.setdefault("capital_metonymy", True)


def resolve(
    doc: Doc, graph: EntityGraph, nominals: list[TextMention], pronouns: list[TextMention]
) -> None:
    """Role nouns and pronouns to people."""
    quoted = _quoted(doc.text)
    events = sorted([*nominals, *pronouns], key=lambda m: m.start)
    for mention in events:
        if mention.kind == "nominal":
            _resolve_nominal(doc, graph, mention)
        elif not _inside(quoted, mention.start):
            _resolve_pronoun(doc, graph, mention)


def introduced_by_description(doc: Doc, graph: EntityGraph) -> None:
    """The news lede that describes a person before naming him: "An
    ex-Russian intelligence officer ... is on hunger strike. Viktor Makarov,
    50, claims ...", "..., says a top academic. Amitai Etzioni ... says":
    the described one (the subject of one of the first two sentences, an
    indefinite role noun) is the person the next sentence names as its
    subject for the first time. The name is kept, the description's
    nationality joins it."""
    sentences = list(islice(doc.sents, 3))
    for first, second in zip(sentences, sentences[1:], strict=False):
        described = _subject_cluster(graph, first, {"nsubj"})  # who acts, not "was killed"
        named = _subject_cluster(graph, second, {"nsubj", "nsubjpass"})
        if (
            described is None
            or named is None
            or described.named
            or not named.named
            or described.label != "PERSON"
            or named.label != "PERSON"
            or min(m.start for m in named.mentions) < second.start_char
            or (described.gender is not None and not _compatible(named, described.gender))
            or set(named.titles) - _COURTESY  # "Defence Secretary Geoff Hoon said": another
            or any(r for r in named.roles)  # "John Smith, a spokesman, said": someone else
        ):
            continue
        graph.merge(named, described)
        return


_COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame"})


def _subject_cluster(graph: EntityGraph, sent: Span, deps: set[str]) -> Cluster | None:
    """The person or unnamed someone that is the subject of ``sent``'s main verb."""
    for token in sent:
        if token.dep_ in deps and token.head.dep_ == "ROOT":
            start = token.left_edge.idx
            end = token.idx + len(token)
            owners = [c for c in graph.clusters_at(start, end) if c.label == "PERSON"]
            return owners[0] if owners else None
    return None


def _described(cluster: Cluster, head: str, text: str = "") -> bool:
    """Whether ``cluster`` was described by the noun ``head`` (of the mention
    ``text``): "the home secretary" is not someone whose role is "shadow home
    secretary" or "former home secretary"."""
    said = set(text.casefold().split())
    return head in cluster.attributes.get("described_as", []) or any(
        head in words and not (_NOT_THE_HOLDER & set(words)) - said
        for words in (r.casefold().split() for r in cluster.roles)
    )


def _resolve_nominal(doc: Doc, graph: EntityGraph, mention: TextMention) -> None:
    owners = graph.clusters_at(mention.start, mention.end)
    named = next((c for c in owners if c.label == "PERSON" and c.named), None)
    earlier = [
        c
        for c in graph.people()
        if c is not named
        and _described(c, mention.head, mention.text)
        and any(m.start < mention.start for m in c.mentions)
    ]
    earlier.sort(key=lambda c: max(m.start for m in c.mentions if m.start < mention.start))
    if named is not None:  # in apposition to a name: an earlier unnamed one is the same
        if earlier and not earlier[-1].named and mention.definite:
            graph.merge(named, earlier[-1])
        _describe(named, mention, doc)
        return
    if mention.definite and earlier:
        graph.link(mention, earlier[-1])
        _describe(earlier[-1], mention, doc)
        return
    if not mention.definite:
        span = doc.char_span(mention.start, mention.end)
        if span is not None and (
            span.root.dep_ == "attr"
            or (span.root.dep_ == "appos" and span.root.head.ent_type_ == "PERSON")
        ):
            return  # "he is an official", "Taraghi, an adviser": a description, not a new person
        cluster = graph.new(f"someone:{mention.start}", "PERSON", mention.text, mention)
        cluster.named = False
        _describe(cluster, mention, doc)


def _describe(cluster: Cluster, mention: TextMention, doc: Doc) -> None:
    described = cluster.attributes.setdefault("described_as", [])
    if mention.head not in described:
        described.append(mention.head)
    span = doc.char_span(mention.start, mention.end)
    if span is not None and (iso := _nationality(doc, span)):
        cluster.attributes.setdefault("nationality", iso)


def _sentence_subject_person(graph: EntityGraph, sent: Span) -> Cluster | None:
    for token in sent:
        if token.dep_ in {"nsubj", "nsubjpass"}:
            for cluster in graph.clusters_at(token.idx, token.idx + len(token)):
                if cluster.label == "PERSON":
                    return cluster
    return None


def _compatible(cluster: Cluster, gender: str) -> bool:
    return cluster.gender in (None, gender)


def _resolve_pronoun(doc: Doc, graph: EntityGraph, mention: TextMention) -> None:
    gender = PRONOUNS[mention.text.casefold()]
    if gender == "plural":
        return
    token = doc[mention.token_start]
    sent = token.sent
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.tag_ == "PRP$" and following is not None and following.lower_ in lexicon().relations:
        nearest = _last_person_before(graph, mention.start, exclude=None, gender=gender)
        if nearest is not None:  # "and his son"
            graph.link(mention, nearest)
            nearest.gender = nearest.gender or gender
            return
    same = [
        c
        for c in graph.people()
        if _compatible(c, gender)
        and any(
            sent.start_char <= m.start < mention.start and m.kind != "pronoun" for m in c.mentions
        )
    ]
    chosen: Cluster | None = None
    if same:
        subject = _sentence_subject_person(graph, sent)
        chosen = (
            subject
            if subject in same
            else max(
                same, key=lambda c: max(m.start for m in c.mentions if m.start < mention.start)
            )
        )
    else:
        sentences = list(doc.sents)
        index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
        for previous in reversed(sentences[max(0, index - 4) : index]):
            subject = _sentence_subject_person(graph, previous)
            if subject is not None and _compatible(subject, gender):
                chosen = subject
                break
        if chosen is None:
            chosen = _last_person_before(graph, mention.start, exclude=None, gender=gender)
    if chosen is not None:
        graph.link(mention, chosen)
        chosen.gender = chosen.gender or gender
