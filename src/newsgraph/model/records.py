"""Plain typed records: what each stage reads and writes.

``RawDocument`` is what a reader yields; ``Article`` is the clean article;
``Analysis`` bundles an article with the records the extraction stages attach
(entities, quotes, times, events). Offsets (``start``/``end``) are character
offsets into ``Article.text``, the paragraphs joined by a blank line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PARAGRAPH_SEPARATOR = "\n\n"

ContentFormat = Literal["text", "html"]


class Record(BaseModel):
    """Base of every record: strict field names, JSON in and out."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Any:
        return cls.model_validate_json(data)


class RawDocument(Record):
    """One document as a reader found it, before any cleaning.

    ``content`` is decoded text (plain text or HTML, per ``format``); the other
    fields are whatever metadata the container carried (a JSON Lines record's
    fields, nothing for a bare text file).
    """

    source: str = Field(description="Path of the file it came from, or '<stdin>'.")
    location: str | None = Field(
        default=None, description="Where inside the source: 'line 12' for JSON Lines."
    )
    format: ContentFormat = Field(description="How `content` is to be read: plain text or HTML.")
    content: str
    encoding: str | None = Field(default=None, description="Encoding the bytes were decoded from.")
    url: str | None = None
    title: str | None = None
    published: str | None = Field(
        default=None, description="Publication date as the container gave it, unparsed."
    )
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    section: str | None = None
    fetched: str | None = Field(
        default=None,
        description="When a crawler fetched it (WARC-Date), as the archive gives it; not "
        "the publication date.",
    )

    explicit: bool = Field(
        default=False,
        description="The text was given as article text (a record's `text` field, the API), "
        "not scraped: it is analysed whatever its length.",
    )

    @property
    def where(self) -> str:
        """The source and location, as error messages name them."""
        return f"{self.source} ({self.location})" if self.location else self.source


def attached_country(attributes: dict[str, Any]) -> str | None:
    """The country the text attaches to a person or body (a nationality, a
    place, an affiliation), from its entity attributes; not one taken only
    from the article's home country (``country_source: home``), which does
    not tell namesakes apart nor holds for a foreigner elsewhere."""
    value = attributes.get("nationality")
    if value is None and attributes.get("country_source") != "home":
        value = attributes.get("country")
    return value if isinstance(value, str) else None


def stable_id(*parts: str) -> str:
    """A short, stable identifier from the given strings (sha1, 16 hex digits)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


class Article(Record):
    """A clean, structured news article."""

    id: str = Field(default="", description="Stable id: from the URL, else from the text.")
    url: str | None = None
    source: str | None = Field(default=None, description="Where it was read from.")
    outlet: str | None = Field(default=None, description="Publisher, e.g. 'New York Times'.")
    section: str | None = None
    headline: str | None = None
    description: str | None = Field(default=None, description="Deck, standfirst or page summary.")
    authors: list[str] = Field(default_factory=list)
    dateline: str | None = Field(default=None, description="Dateline place, e.g. 'TEHRAN, Iran'.")
    published: dt.date | None = Field(
        default=None, description="Publication date from the input or the caller; never guessed."
    )
    copyright: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    text: str = Field(default="", description="The paragraphs joined by a blank line.")
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code of the text's language (py3langid); none when the text "
        "is too short to tell. Only English (or unknown) text is analysed.",
    )

    @model_validator(mode="after")
    def _derive(self) -> Article:
        joined = PARAGRAPH_SEPARATOR.join(self.paragraphs)
        if self.text and self.text != joined:
            raise ValueError("text must equal the paragraphs joined by a blank line")
        self.text = joined
        if not self.id:  # from the URL, else from outlet + headline + body
            self.id = (
                stable_id("url", self.url)
                if self.url
                else stable_id("text", self.outlet or "", self.headline or "", joined)
            )
        return self


class Mention(Record):
    text: str
    start: int = Field(description="Character offset into the text named by `field`.")
    end: int
    field: Literal["text", "headline"] = Field(
        default="text", description="Offsets point into article.text, or into article.headline."
    )


class Entity(Record):
    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, ...")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    code: str | None = Field(default=None, description="CAMEO/PLOVER actor code, e.g. 'IRNGOV'.")


class Quote(Record):
    id: str
    text: str
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = Field(default=None, description="Entity id of the speaker.")
    speaker_name: str | None = None
    speakers: list[str] = Field(
        default_factory=list,
        description="Entity ids of every speaker ('they said' after two people).",
    )
    start: int
    end: int
    cue: str | None = Field(default=None, description="The attribution verb, e.g. 'said'.")
    parts: list[tuple[int, int]] = Field(
        default_factory=list, description="Offsets of each part of a quote split around its cue."
    )


class TimeExpression(Record):
    text: str
    value: str | None = Field(default=None, description="ISO 8601 / TIMEX3 value, or null.")
    kind: Literal["date", "time", "duration", "set"]
    start: int
    end: int


class Actor(Record):
    """One side of an event: the name as the text gives it, its CAMEO/PLOVER
    actor code (ISO 3166 alpha-3 country + optional sector: ``IRN``,
    ``USAGOV``, ``IRNJUD``; ``IGO...`` for intergovernmental bodies) and the
    entity it refers to, if the entity stage found one."""

    name: str | None = None
    code: str | None = None
    entity: str | None = Field(default=None, description="Entity id.")


class Event(Record):
    """Who did what to whom: one coded action, with the sentence that states it."""

    id: str
    type: str = Field(description="PLOVER event type, e.g. 'REJECT'.")
    cameo: str = Field(description="CAMEO root code, two digits.")
    cameo_code: str | None = Field(
        default=None, description="The finer CAMEO code (e.g. '042'), where the wording gives it."
    )
    source: Actor
    target: Actor
    sources: list[Actor] = Field(
        default_factory=list, description="Every source actor (a compound 'X and Y')."
    )
    targets: list[Actor] = Field(default_factory=list, description="Every target actor.")
    mutual: bool = Field(
        default=False,
        description="The sources acted on each other ('Iran and Iraq agreed'); the target is "
        "the second of them.",
    )
    trigger: str | None = Field(default=None, description="The words stating the action.")
    text: str = Field(description="The sentence that states the event.")
    start: int
    end: int
    time: str | None = None
    place: str | None = None
    place_entity: str | None = Field(default=None, description="Entity id of the place.")
    place_country: str | None = Field(default=None, description="ISO alpha-3 of the place.")
    lat: float | None = None
    lon: float | None = None
    reported_by: str | None = None
    negated: bool = False
    confidence: float = Field(ge=0.0, le=1.0)


class Analysis(Record):
    """The analysis document: one article and what was extracted from it."""

    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
