"""What the article page and the analyze page show of one article: the
same shape whether it comes from the knowledge base (``article_view``) or
from a fresh analysis (the ``/api/v1/analyze`` document), with the
headline and text already rendered as highlighted HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from markupsafe import Markup

from newsgraph.store.read import ArticleView
from newsgraph.web.colours import speaker_colours, type_colour
from newsgraph.web.highlight import Span, paragraphs, render, snap_to

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class EntityItem:
    id: int | None  # knowledge-base id (None: a fresh analysis)
    name: str
    type: str
    code: str | None
    mentions: int


@dataclass
class Speaker:
    key: str
    name: str
    entity: int | None
    colour: int
    quotes: int = 0


@dataclass
class HighlightedEvent:
    type: str
    colour: str
    cameo_code: str | None
    source_name: str | None
    source_code: str | None
    source_entity: int | None
    target_name: str | None
    target_code: str | None
    target_entity: int | None
    date: str | None
    place: str | None
    place_country: str | None
    reported_by: str | None
    negated: bool
    mutual: bool
    sentence: str


@dataclass
class ArticleModel:
    article: dict[str, Any]
    headline_html: Markup
    body_html: Markup
    entities: list[EntityItem] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    events: list[HighlightedEvent] = field(default_factory=list)
    times: int = 0
    quotes: int = 0
    copies: list[dict[str, Any]] = field(default_factory=list)


def entity_class(entity_type: str | None) -> str:
    return "ent ent-" + (re.sub(r"[^a-z]", "", (entity_type or "").lower()) or "other")


def _kb_id(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mention_spans(
    entities: list[dict[str, Any]], field_name: str, link: Callable[[dict[str, Any]], int | None]
) -> list[Span]:
    """One element per mentioned stretch of text: a link to the entity
    (a span when it has no page); when several entities claim the same
    stretch the first is linked and the others named in its tooltip."""
    claims: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for entity in entities:
        for mention in entity.get("mentions") or []:
            if mention.get("field", "text") == field_name:
                claims.setdefault((int(mention["start"]), int(mention["end"])), []).append(entity)
    spans = []
    for (start, end), owners in claims.items():
        first = owners[0]
        tip = " · ".join(
            str(v) for v in (first.get("name"), first.get("type"), first.get("code")) if v
        )
        others = [str(o.get("name")) for o in owners[1:] if o.get("name") != first.get("name")]
        if others:
            tip += " (also: " + ", ".join(others) + ")"
        attrs = [("class", entity_class(first.get("type"))), ("title", tip)]
        entity_id = link(first)
        if entity_id is not None:
            spans.append(Span(start, end, "a", (("href", f"/entities/{entity_id}"), *attrs)))
        else:
            spans.append(Span(start, end, "span", tuple(attrs)))
    return spans


def _time_spans(times: list[dict[str, Any]]) -> list[Span]:
    spans = []
    for t in times:
        value = t.get("value")
        kind = t.get("kind") or "time"
        tip = f"{value} ({kind})" if value else f"no normalised value ({kind})"
        if isinstance(value, str) and _ISO_DATE.match(value):
            attrs: tuple[tuple[str, str], ...] = (
                ("class", "timex"),
                ("datetime", value),
                ("title", tip),
            )
            spans.append(Span(int(t["start"]), int(t["end"]), "time", attrs))
        else:
            spans.append(
                Span(int(t["start"]), int(t["end"]), "span", (("class", "timex"), ("title", tip)))
            )
    return spans


def build(
    article: dict[str, Any],
    entities: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    times: list[dict[str, Any]],
    events: list[dict[str, Any]],
    *,
    linked: bool,
    copies: list[dict[str, Any]] | None = None,
) -> ArticleModel:
    """The page model. ``linked``: entity ids are knowledge-base ids (the
    entities get links); otherwise they are an analysis' own ids."""

    def link(entity: dict[str, Any]) -> int | None:
        return _kb_id(entity.get("id")) if linked else None

    names = {e.get("id"): e for e in entities}
    text = str(article.get("text") or "")
    headline = str(article.get("headline") or "")

    # speakers and their colours
    def speaker_key(q: dict[str, Any]) -> str:
        if q.get("speaker") is not None:
            return f"e:{q['speaker']}"
        return "n:" + str(q.get("speaker_name") or "unknown").casefold()

    colours = speaker_colours(speaker_key(q) for q in quotes)
    speakers: dict[str, Speaker] = {}
    quote_spans = []
    for q in quotes:
        key = speaker_key(q)
        owner = names.get(q.get("speaker"))
        name = str((owner or {}).get("name") or q.get("speaker_name") or "unknown speaker")
        speaker = speakers.setdefault(
            key, Speaker(key, name, link(owner) if owner else None, colours[key])
        )
        speaker.quotes += 1
        kind = q.get("kind") or "quote"
        tip = f"{name}: {kind} quote" + (f" ({q['cue']})" if q.get("cue") else "")
        quote_spans.append(
            Span(
                int(q["start"]),
                int(q["end"]),
                "span",
                (
                    (
                        "class",
                        f"quote quote-{re.sub(r'[^a-z]', '', str(kind))} spk-{speaker.colour}",
                    ),
                    ("title", tip),
                    ("id", f"quote-{q.get('id')}"),
                ),
            )
        )
    mentions = _mention_spans(entities, "text", link)
    body = render(
        text,
        [snap_to(quote_spans, mentions), mentions, _time_spans(times)],
        blocks=paragraphs(text),
    )
    headline_html = render(headline, [_mention_spans(entities, "headline", link)])

    items = []
    for e in entities:
        in_text = sum(1 for m in e.get("mentions") or [] if m.get("field", "text") == "text")
        items.append(
            EntityItem(
                link(e), str(e.get("name") or ""), str(e.get("type") or ""), e.get("code"), in_text
            )
        )
    items.sort(key=lambda i: (-i.mentions, i.name.casefold()))

    def actor(side: dict[str, Any] | None) -> tuple[str | None, str | None, int | None]:
        side = side or {}
        return side.get("name"), side.get("code"), _kb_id(side.get("entity")) if linked else None

    event_items = []
    for ev in events:
        source, target = actor(ev.get("source")), actor(ev.get("target"))
        event_items.append(
            HighlightedEvent(
                type=str(ev.get("type") or ""),
                colour=type_colour(ev.get("type")),
                cameo_code=ev.get("cameo_code") or ev.get("cameo"),
                source_name=source[0],
                source_code=source[1],
                source_entity=source[2],
                target_name=target[0],
                target_code=target[1],
                target_entity=target[2],
                date=ev.get("date") or ev.get("time"),
                place=ev.get("place"),
                place_country=ev.get("place_country"),
                reported_by=ev.get("reported_by"),
                negated=bool(ev.get("negated")),
                mutual=bool(ev.get("mutual")),
                sentence=" ".join(str(ev.get("text") or "").split()),
            )
        )
    return ArticleModel(
        article=article,
        headline_html=headline_html,
        body_html=body,
        entities=items,
        speakers=sorted(speakers.values(), key=lambda s: (-s.quotes, s.name.casefold())),
        events=event_items,
        times=len(times),
        quotes=len(quotes),
        copies=copies or [],
    )


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELDS[kind]


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` of the view (dataclasses, lists and dicts of
    str, numbers and None), without its per-value deep copies and checks:
    the same dicts and lists, several times faster."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return type(value)(_plain(v) for v in value)
    names = _field_names(type(value))
    if names is None:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


def from_view(view: ArticleView) -> ArticleModel:
    """A stored article (``store.read.article_view``), read as the same
    document as a fresh analysis."""
    document = _plain(view)
    return build(
        document["article"],
        document["entities"],
        document["quotes"],
        document["times"],
        document["events"],
        linked=True,
        copies=document["copies"],
    )


def from_analysis(document: dict[str, Any]) -> ArticleModel:
    """A fresh analysis (the ``/api/v1/analyze`` document): nothing links
    to the knowledge base, which does not hold it."""
    return build(
        dict(document.get("article") or {}),
        list(document.get("entities") or []),
        list(document.get("quotes") or []),
        list(document.get("times") or []),
        list(document.get("events") or []),
        linked=False,
    )
