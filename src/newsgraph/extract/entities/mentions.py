"""Mentions: the names, role nouns and pronouns that can refer to an entity.

Reads ``doc.ents``, the parse and the lexicon in ``data/titles.yaml``; fixes
what the small English model gets wrong where it matters for news:

- titles are split off a person's name and kept ("President Donald Trump",
  "Ayatollah Ali Khamenei", "Secretary of State Antony Blinken");
- "the Trump administration" is an organisation, not a person;
- platforms and agencies taken for people ("Twitter") are organisations;
- "the island of Kish" makes Kish a place; "his son Siamak" makes Siamak a person;
- possessive endings are not part of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from newsgraph import data
from newsgraph.extract.entities import acronyms

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})
PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
    "they": "plural", "them": "plural", "their": "plural", "themselves": "plural",
}  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")

Kind = Literal["name", "nominal", "pronoun"]


@dataclass
class TextMention:
    """A stretch of text that refers to something: a name, a role noun phrase
    ("the official"), or a pronoun. Offsets are characters into ``doc.text``."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, ... for names; PERSON for role nouns; "" for pronouns
    kind: Kind
    token_start: int
    token_end: int
    titles: list[str] = field(default_factory=list)
    title_start: int = -1  # where the titles before a name begin (chars), else start
    relation: tuple[str, str] | None = None  # ("son", pronoun/owner text) for "his son Siamak"
    head: str = ""  # head noun lemma of a nominal ("official")
    definite: bool = False
    expands: str = ""  # an acronym defined in the text: its long form ("QCA")


@dataclass(frozen=True)
class NameLexicon:
    titles: tuple[tuple[str, ...], ...]  # token sequences, longest first
    titles_by_last: dict[str, list[tuple[str, ...]]]  # last word -> titles ending in it
    titles_by_first: dict[str, list[tuple[str, ...]]]
    person_nouns: frozenset[str]
    relations: frozenset[str]
    family_relations: frozenset[str]
    organizations: frozenset[str]
    place_heads: frozenset[str]
    city_heads: frozenset[str]
    storms: frozenset[str]
    government_heads: frozenset[str]
    government_bodies: frozenset[str]
    organisation_nouns: frozenset[str]
    locative_prepositions: frozenset[str]
    title_genders: dict[str, str]
    relation_genders: dict[str, str]
    not_names: frozenset[str] = frozenset()


_YAML_KEYS = {"family_relations": "family_name_relations"}  # field -> key in titles.yaml


@cache
def lexicon() -> NameLexicon:
    table = data.load("titles")
    titles = sorted({tuple(t.split()) for t in table["titles"]}, key=len, reverse=True)
    by_last: dict[str, list[tuple[str, ...]]] = {}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        by_last.setdefault(title[-1], []).append(title)
        by_first.setdefault(title[0], []).append(title)
    word_sets = {
        f.name: frozenset(table[_YAML_KEYS.get(f.name, f.name)])
        for f in fields(NameLexicon)
        if f.type == "frozenset[str]"
    }
    return NameLexicon(
        titles=tuple(titles),
        titles_by_last=by_last,
        titles_by_first=by_first,
        title_genders=dict(table["title_genders"]),
        relation_genders=dict(table["relation_genders"]),
        **word_sets,
    )


def _title_before(doc: Doc, index: int) -> tuple[int, list[str]]:
    """Titles written right before token ``index``: (first title token, titles)."""
    titles: list[str] = []
    position = index
    by_last = lexicon().titles_by_last
    while position > 0:
        for title in by_last.get(doc[position - 1].text, ()):
            n = len(title)
            if position - n >= 0 and all(doc[position - n + k].text == title[k] for k in range(n)):
                titles.insert(0, " ".join(title))
                position -= n
                break
        else:
            break
    return position, titles


def _split_title(doc: Doc, span: Span) -> tuple[int, list[str]]:
    """Titles at the start of a PERSON span: (first name token, titles)."""
    titles: list[str] = []
    start = span.start
    by_first = lexicon().titles_by_first
    while start < span.end - 1:
        for title in by_first.get(doc[start].text, ()):
            n = len(title)
            if start + n < span.end and all(doc[start + k].text == title[k] for k in range(n)):
                titles.append(" ".join(title))
                start += n
                break
        else:
            break
    return start, titles


def _relation_before(doc: Doc, index: int) -> tuple[str, str] | None:
    """("son", "his") when the tokens before ``index`` read "his son" or "his son,"."""
    position = index - 1
    if position >= 0 and doc[position].text == ",":
        position -= 1
    if position >= 1 and doc[position].lower_ in lexicon().relations:
        owner = doc[position - 1]
        if owner.tag_ == "PRP$" or owner.dep_ == "poss":
            return doc[position].lower_, owner.text
    return None


def _place_before(doc: Doc, index: int) -> str | None:
    """The head noun when the tokens before ``index`` read "the island of"."""
    if (
        index >= 2
        and doc[index - 1].lower_ == "of"
        and doc[index - 2].lower_ in lexicon().place_heads
    ):
        return doc[index - 2].lower_
    return None


def _make(doc: Doc, start: int, end: int, label: str, kind: Kind = "name") -> TextMention:
    span = doc[start:end]
    text = _POSSESSIVE.sub("", span.text) if kind == "name" else span.text
    return TextMention(
        start=span.start_char,
        end=span.start_char + len(text),
        text=text,
        label=label,
        kind=kind,
        token_start=start,
        token_end=end,
    )


_HONORIFICS = frozenset(
    {
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Baroness",
    }
)


def _titled_name(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is a personal name with a title: two or three
    capitalised words after a title, inside the span or just before it."""
    first, inside = _split_title(doc, doc[start:end])
    before: list[str] = []
    if not inside:
        first, before = start, _title_before(doc, start)[1]
        words = doc[start:end]
        if not before and start > 0 and doc[start - 1].lower_ in lexicon().person_nouns:
            # "Treasury spokesman Vince Cable": a role noun, then a first name
            return 2 <= len(words) <= 3 and first_name_gender(words[0].text) is not None
        if not before:
            return False
    rest = doc[first:end]
    shortest = 1 if set(inside + before) & _HONORIFICS else 2  # "Mr Okonkwo"
    return shortest <= len(rest) <= 3 and all(t.is_alpha and t.text[:1].isupper() for t in rest)


_DASHES = frozenset({"-", "–", "—", "--", ",", ":", ";"})


def _name_mention(doc: Doc, ent: Span) -> TextMention | None:
    lex = lexicon()
    label = ent.label_
    head = ""
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in _DASHES):
        end -= 1  # "David Kahn -" tagged with the dash that follows
    if end <= start:
        return None
    text = doc[start:end].text
    relation = _relation_before(doc, start)
    place = _place_before(doc, start)
    storm = start > 0 and doc[start - 1].text in lex.storms or doc[start].text in lex.storms
    if storm:
        label = "EVENT"  # "Typhoon Haiyan" is not a person
    elif text in lex.organizations:
        label = "ORG"
    elif place:
        label = "GPE" if place in lexicon().city_heads else "LOC"
        head = place
    elif relation and label in {"ORG", "GPE", "NORP", "PRODUCT"}:
        label = "PERSON"
    if label in {"PERSON", "ORG"} and end < len(doc) and doc[end].lower_ in lex.government_heads:
        return _make(doc, start, end + 1, "ORG")  # "the Trump administration"
    if not any(t.text[:1].isupper() for t in doc[start:end]):
        return None  # "south coast": not a name
    titles: list[str] = []
    title_start = start
    if label in {"ORG", "NORP", "GPE"} and _titled_name(doc, start, end):
        label = "PERSON"  # "MEP Chris Davies", the name tagged ORG
    if label == "PERSON":
        title_start = start
        start, titles = _split_title(doc, doc[start:end])
        title_start, outside = _title_before(doc, title_start)
        titles = outside + titles
        if not any(t.is_alpha for t in doc[start:end]):
            return None
    mention = _make(doc, start, end, label)
    mention.titles = titles
    mention.title_start = doc[title_start].idx
    mention.head = head
    mention.relation = relation if label == "PERSON" else None
    return mention


def _propn_run(doc: Doc, start: int, taken: set[int]) -> int:
    end = start + 1
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and end not in taken
        and doc[end].text[:1].isupper()
    ):
        end += 1
    return end


def _appositive_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised words in apposition to a role noun ("The
    Shadow Secretary of State for the Family, Theresa May, said")."""
    if not 2 <= end - start <= 3 or not all(t.is_alpha and t.is_title for t in doc[start:end]):
        return False
    root = doc[end - 1]
    if root.dep_ != "appos":
        return False
    head = root.head
    return head.lemma_.lower() in lexicon().person_nouns or any(
        head.text == t[-1] for t in lexicon().titles
    )


_PRONOUNS = frozenset("i me my we us our you he him his she her it its they them their".split())


def _pronoun(token: Token) -> bool:
    """ "He", "It", "Our"; not "US" or "IT" in capitals."""
    return token.lower_ in _PRONOUNS and not (token.text.isupper() and len(token.text) > 1)


def _missed_names(doc: Doc, taken: set[int], known: dict[str, str]) -> list[TextMention]:
    """Names the model missed: "his son Siamak", "the island of Kish",
    "Governor Ana Ruiz", a country or capital ("Kyiv"), and later mentions of
    a name found elsewhere in the article ("Lopez", "UNICEF")."""
    from newsgraph.extract import knowledge
    from newsgraph.gazetteer import geo

    found: list[TextMention] = []
    for token in doc:
        if token.i in taken or not token.text[:1].isupper():
            continue
        if not token.text.replace(".", "").isalpha():
            continue
        if token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and token.i - 1 not in taken:
            continue  # not the first word of a name
        end = _propn_run(doc, token.i, taken) if token.pos_ == "PROPN" else token.i + 1
        if end - token.i > 1 and knowledge.organisation(doc[token.i : end].text) is None:
            for cut in range(end - 1, token.i, -1):
                if knowledge.organisation(doc[token.i : cut].text) is not None:
                    end = cut  # "Labour" of "a Labour MP": the party, then a role
                    break
        text = doc[token.i : end].text
        relation = _relation_before(doc, token.i)
        place = _place_before(doc, token.i)
        label = None
        name_start, titles = (
            _split_title(doc, doc[token.i : end]) if end - token.i > 1 else (token.i, [])
        )
        if titles and name_start < end:  # "Governor Ana Ruiz"
            mention = _make(doc, name_start, end, "PERSON")
            mention.titles, mention.title_start = titles, token.idx
            found.append(mention)
            taken.update(range(token.i, end))
            continue
        if token.pos_ == "PROPN" and relation:
            label = "PERSON"
        elif token.pos_ == "PROPN" and place:
            label = "GPE" if place in lexicon().city_heads else "LOC"
        elif token.pos_ == "PROPN" and _title_before(doc, token.i)[1] and token.i > 0:
            label = "PERSON"
        elif token.pos_ == "PROPN" and _appositive_name(doc, token.i, end):
            label = "PERSON"  # "The Shadow Secretary ..., Theresa May, said"
        elif text in known and not _pronoun(token):
            label = known[text]  # not the pronoun "He" after "Liu He"
        elif text in lexicon().organizations or knowledge.organisation(text) is not None:
            label = "ORG"
        elif token.pos_ == "PROPN" and knowledge.person(text, surname_alone=end - token.i == 1):
            label = "PERSON"  # "Xi Jinping", "Pelosi" the model missed: holders of the table
        elif token.pos_ == "PROPN" and (geo.country_code(text) or geo.capital_country(text)):
            label = "GPE"
        if label is None:
            continue
        mention = _make(doc, token.i, end, label)
        if label == "PERSON":
            mention.relation = relation
            mention.title_start, mention.titles = _title_start(doc, token.i)
        if place:
            mention.head = place
        found.append(mention)
        taken.update(range(token.i, end))
    return found


def _title_start(doc: Doc, index: int) -> tuple[int, list[str]]:
    first, titles = _title_before(doc, index)
    return doc[first].idx if first < len(doc) else doc[index].idx, titles


def _fix_labels(doc: Doc, mentions: list[TextMention]) -> None:
    """A name the model called an organisation or place is a person when its
    last word is a person's name elsewhere in the article ("Mehmet Arslan" ORG,
    later "Arslan" PERSON) or a role noun stands in apposition ("The diplomat,
    Mehmet Arslan")."""
    from newsgraph.gazetteer import geo

    surnames = {
        m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1
    }
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "PERSON":
            place = geo.country_code(mention.text) or geo.capital_country(mention.text)
            after_the = mention.token_start > 0 and doc[mention.token_start - 1].lower_ == "the"
            if len(words) == 1 and (place or after_the):
                mention.label = "GPE" if place else "LOC"  # "Kyiv", "the Danube"
            continue
        if mention.label not in {"ORG", "GPE", "NORP"}:
            continue
        if (
            mention.label == "ORG"
            and len(words) <= 3
            and (geo.country_code(mention.text) or geo.capital_country(mention.text))
        ):
            mention.label = "GPE"  # "officials in Kyiv" tagged as an organisation
            continue
        appositive = (
            mention.token_start >= 2
            and doc[mention.token_start - 1].text == ","
            and doc[mention.token_start - 2].lemma_.lower() in lexicon().person_nouns
        )
        if 2 <= len(words) <= 4 and (words[-1] in surnames or appositive):
            mention.label = "PERSON"
        elif len(words) == 1 and words[0] in surnames:  # "Hollis" tagged NORP
            if not (geo.country_code(words[0]) or geo.demonym_country(words[0])):
                mention.label = "PERSON"


@cache
def _first_names() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """ "male"/"female" for a common first name, else None."""
    guess = _first_names().get_gender(word)
    return {
        "male": "male",
        "mostly_male": "male",
        "female": "female",
        "mostly_female": "female",
    }.get(guess)


def _party_split(doc: Doc, ent: Span) -> list[Span]:
    """A name that opens with a party or body the knowledge files know, then
    a person ("Lib Dem Norman Baker", "Tory MP John Smith"): the organisation
    and the rest, each a name of its own."""
    from newsgraph.extract import knowledge

    for size in (3, 2, 1):
        if ent.end - ent.start <= size:
            continue
        prefix = doc[ent.start : ent.start + size]
        after = doc[ent.start + size]
        if knowledge.organisation(prefix.text) is None or not after.text[:1].isupper():
            continue
        rest = doc[ent.start + size : ent.end]
        named = [t for t in rest if t.is_title and t.is_alpha]
        party = Span(doc, prefix.start, prefix.end, label="ORG")
        if len(named) >= 2 and first_name_gender(named[-2].text) is not None:
            return [party, Span(doc, rest.start, rest.end, label="PERSON")]
        return [party]  # "Lib Dem Treasury [spokesman]": the rest is a role, not a name
    return [ent]


def name_mentions(doc: Doc) -> list[TextMention]:
    """Every name in ``doc``, with spaCy's mistakes fixed, in text order."""
    mentions: list[TextMention] = []
    taken: set[int] = set()
    for defined in acronyms.definitions(doc):
        label = next(
            (e.label_ for e in doc.ents if e.start < defined.end <= e.end and e.label_ != "PERSON"),
            "ORG",
        )
        label = label if label in NAME_LABELS else "ORG"
        long = _make(doc, defined.start, defined.end, label)
        short = _make(doc, defined.acronym, defined.acronym + 1, label)
        short.expands = long.text
        mentions.extend([long, short])
        taken.update([*range(defined.start, defined.end), defined.acronym])
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        for part in _party_split(doc, ent):
            if len(part) == 1 and _pronoun(part[0]):
                continue  # "He" tagged as a person (the surname of "Liu He")
            mention = _name_mention(doc, part)
            if mention is None:
                continue
            mentions.append(mention)
            taken.update(range(mention.token_start, mention.token_end))
    _fix_labels(doc, mentions)
    known: dict[str, str] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            words = mention.text.split()
            known.setdefault(mention.text, "PERSON")
            if len(words) > 1:
                known.setdefault(words[-1], "PERSON")  # "Lopez" after "Carlos Lopez"
        elif mention.label in {"ORG", "GPE", "LOC"}:
            known.setdefault(mention.text, mention.label)
    mentions.extend(_missed_names(doc, taken, known))
    return sorted(mentions, key=lambda m: m.start)


def nominal_mentions(doc: Doc, names: list[TextMention]) -> list[TextMention]:
    """Noun phrases that name a person by role: "An Iranian official",
    "the official", "a former UNICEF diplomat"."""
    lex = lexicon()
    taken = {i for m in names for i in range(m.token_start, m.token_end)}
    found: list[TextMention] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in lex.person_nouns or root.i in taken or root.tag_ == "NNPS":
            continue
        if root.tag_ == "NNS":
            continue  # plural groups ("Iranian officials") are not one person
        if any(
            t.pos_ == "PROPN"
            for t in chunk
            if t.i != root.i and t.i in taken and t.ent_type_ == "PERSON"
        ):
            continue
        mention = _make(doc, chunk.start, chunk.end, "PERSON", kind="nominal")
        mention.head = root.lemma_.lower()
        first = chunk[0].lower_
        mention.definite = first in {"the", "this", "that"} or chunk[0].tag_ == "PRP$"
        found.append(mention)
    return found


def pronoun_mentions(doc: Doc) -> list[TextMention]:
    """Third-person pronouns: he, she, they and their other forms."""
    return [
        _make(doc, t.i, t.i + 1, "", kind="pronoun")
        for t in doc
        if t.lower_ in PRONOUNS and t.pos_ == "PRON" or (t.lower_ in PRONOUNS and t.tag_ == "PRP$")
    ]


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
