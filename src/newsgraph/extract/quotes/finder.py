"""Quotes: who said what, as direct, partial and indirect (reported) speech.

A stage over one parsed spaCy ``Doc`` (reads tokens, lemmas and the dependency
parse; entities are not needed, and nothing is written to the Doc).
``find_quotes(doc)`` returns ``QuoteSpan`` records whose offsets point into
``doc.text``, whose paragraphs are separated by line breaks ("\\n\\n"). Speakers
are mentions as written ("Hamidreza Taraghi", "he", "the ministry", "they"):
linking them to entities is coreference's job, not this stage's.

1. **Quotation marks** (``scan_quotes``): curly “ ”, straight ", typewriter
   `` '' and '' '', guillemets « », and single ‘ ’ / ' ' at the top level (an
   apostrophe between letters is not a mark). A quotation inside another stays
   part of it (“... what he calls “hell” ...”); a mistyped or mixed closing mark
   still closes (“...," / ...,“ said). A paragraph that opens a quotation without
   closing it continues into the next paragraph when that one opens with a mark
   of the same style (one quote, a part per paragraph); otherwise the quotation
   ends with its paragraph.
2. **Direct or partial**: *direct* when the quotation opens its sentence (after
   at most a conjunction or adverb, or a parenthesis), follows a colon, or
   follows its cue ("he said, “...”", "according to X, “...”"); *partial* when a
   few words are quoted inside the writer's own sentence (dismissed as “old news”).
3. **Speaker**: the cues of ``data/attribution.yaml`` outside any quotation, in
   the quote's sentence. Direct quote: the attribution after it (“...,” he said /
   said X), else the one before it; a dash and a name after it (“...” ― Carla
   Sanchez); after a colon without a cue, the subject of the lead-in ("Obama is
   rolling out a message: “...”") or the name ending it ("HEADLINE - Jon Cohen:",
   "Said Ellis:", a headline "Trump: ‘...’"), also when the colon ends the
   previous paragraph ("He said:\\n\\n“...”"). Partial quote: the cue governing it
   in the parse (its nearest cue ancestor), else the sentence's nearest cue. The
   speaker is the cue's subject (:mod:`newsgraph.extract.quotes.speakers`); when
   the parse puts it inside the quotation, in a dateline ("KYIV, Nov 10 (Reuters)
   -") or outside the attribution, the noun group next to the cue is used.
4. **Split quotes**: “Anyway,” he added. “This is old news.” is one quote in two
   parts when the first part ends with a comma and the attribution between them
   is bare (at most six words, no comma after the cue), or when the second part
   goes on in the same sentence (“I think,” he said, “that ...”). The text joins
   the parts with " ... " (the parts of a multi-paragraph quote with a space).
5. **Carried speakers**: a direct quote without a cue in its sentence (the rest
   of a quoted paragraph, a paragraph that is only a quote), or whose cue has no
   subject ("Adding, “...”"), takes the speaker a reader would: the last quote's
   in its paragraph, else the last attribution there, else the last one of the
   previous paragraph (``carried=True``); further back it stays unknown.
6. **Indirect speech**: the clause a speech verb reports ("X said (that) ...",
   "X said Iran had ...", "..., X reported", "Iran, officials said, had ...",
   "according to X, ...", "X warned officials to ...", "the poll found that ...")
   with the verb's subject as speaker; the clause, without "that", is the text.
   A partial quote inside such a clause is also reported on its own.

Left out on purpose (documented choices): quoted words that no cue governs and
that are short (scare quotes of 1-3 words) or Title Case (titles of works,
shows, slogans, sub-headings) when no speaker can be found for them; a Title
Case quotation is kept only when a cue governs it directly (called him “Crooked
Hillary”), not across a reported clause or a preposition ("said he watched
“Meet the Press”", "on “Fox and Friends”"). Indirect speech needs a speaker.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from newsgraph.extract.quotes.marks import Marked, Span, paragraphs, scan_quotes
from newsgraph.extract.quotes.speakers import (
    AttributionLexicon,
    Cue,
    colon_subject,
    cue_at,
    dash_name,
    governing_cue,
    lexicon,
    reported_clauses,
    window_speaker,
)

Kind = Literal["direct", "partial", "indirect"]

__all__ = ["Marked", "QuoteSpan", "find_quotes", "paragraphs", "scan_quotes", "swallows_narration"]


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation or reported statement, with offsets into ``doc.text``.

    ``start``/``end`` span the content (without quotation marks); ``parts`` are
    the content's pieces when it is split around its attribution or runs over
    several paragraphs. ``speaker_*`` is the speaker mention as written (a name,
    a pronoun, "the ministry"); ``carried`` says it came from an earlier sentence.
    """

    text: str
    kind: Kind
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    parts: tuple[Span, ...] = ()
    carried: bool = False


# --------------------------------------------------------------------------- context


_NARRATION = re.compile(
    r"\b(?:he|she|they|(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?\s+[A-Z][\w'’-]+)\s+"
    r"(?:said|says|told|added|insisted|warned|argued|claimed|stressed)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z\"“‘])")


def swallows_narration(text: str, marked: Marked) -> bool:
    """A quotation never closed that runs on into the writer's own sentences
    ("... a shambles. Mr Brown said he would press on"): not a quote. A
    sentence after its first that attributes speech in the third person
    gives it away."""
    if marked.closed:
        return False
    content = " ".join(text[s:e] for s, e in marked.parts)
    sentences = _SENTENCE_END.split(content)
    return any(_NARRATION.search(sentence) for sentence in sentences[1:])


class _Context:
    """Lookups over one document: tokens by offset, quotations, paragraphs."""

    def __init__(self, doc: Doc, lex: AttributionLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = text = doc.text  # built anew on each access: read it once
        self.marked = marked = [m for m in scan_quotes(text) if not swallows_narration(text, m)]
        self.cues: dict[int, Cue | None] = {}
        self.starts = [t.idx for t in doc]
        self.spans = sorted((m.open, m.close) for m in marked)
        self.opens = [s for s, _ in self.spans]
        self.spans_of_paras = paragraphs(text) or [(0, len(text))]
        self.paras = [s for s, _ in self.spans_of_paras]
        self.datelines = [
            (start, found.end())
            for start, _ in self.spans_of_paras
            if (found := _DATELINE.match(text, start)) is not None
        ]

    def cue(self, token: Token) -> Cue | None:
        """The cue ``token`` starts (cached)."""
        if token.i not in self.cues:
            self.cues[token.i] = cue_at(token, self.lex, self.blocked)
        return self.cues[token.i]

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def para(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paras, offset) - 1)

    def blocked(self, offset: int) -> bool:
        """Inside a quotation or a dateline: no speaker there."""
        if self.inside(offset):
            return True
        k = bisect.bisect_right(self.datelines, (offset, len(self.text))) - 1
        return k >= 0 and self.datelines[k][0] <= offset < self.datelines[k][1]

    def inside(self, offset: int) -> bool:
        k = bisect.bisect_right(self.opens, offset) - 1
        return k >= 0 and self.spans[k][0] <= offset < self.spans[k][1]

    def quoted(self, start: int, end: int) -> float:
        """Share of [start, end) inside quotation marks."""
        if end <= start:
            return 0.0
        k = max(0, bisect.bisect_right(self.opens, start) - 1)
        covered = 0
        while k < len(self.spans) and self.spans[k][0] < end:
            covered += max(0, min(end, self.spans[k][1]) - max(start, self.spans[k][0]))
            k += 1
        return covered / (end - start)

    def before(self, at: int) -> list[Token]:
        """Tokens from the sentence (or previous quotation) start up to ``at``."""
        para = self.paras[self.para(at)]
        window: list[Token] = []
        i = self.token_at(at) - 1
        while i >= 0:
            token = self.doc[i]
            if token.idx < para or self.inside(token.idx) or token.text in _STOPS:
                break
            window.insert(0, token)
            i -= 1
        return window

    def after(self, marked: Marked) -> tuple[list[Token], str, int]:
        """Tokens after the quote to the end of its sentence, the next quotation or
        the paragraph end; how the window stopped; the token index after it."""
        number = self.para(max(marked.open, marked.close - 1))
        end = self.paras[number + 1] if number + 1 < len(self.paras) else len(self.text)
        window: list[Token] = []
        i = bisect.bisect_left(self.starts, marked.close)
        while i < len(self.doc):
            token = self.doc[i]
            if token.idx >= end:
                return window, "paragraph", i
            if self.inside(token.idx):
                return window, "quote", i
            window.append(token)
            if token.text in _STOPS:
                return window, "sentence", i + 1
            i += 1
        return window, "paragraph", i


_STOPS = {".", "!", "?"}
_DATELINE = re.compile(  # TEHRAN, Iran — / KYIV, Nov 10 (Reuters) - / Paris (AFP) –
    r"(?:[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Za-z.'’-]*)*"  # TEHRAN, Iran / KYIV
    r"(?:,[^\n—–―()]{1,40}?)?\s*(?:\([^)\n]{1,30}\))?"  # , Nov 10 (Reuters)
    r"|[A-Z][\w.'’ -]{1,40}?\s*\([A-Z][^)\n]{1,30}\))"  # Paris (AFP)
    r"\s*(?:—|–|―|--|-)\s*"
)
_LEAD = {"CCONJ", "ADV", "INTJ", "SCONJ"}
_SMALL = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "vs"}


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _title_case(content: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", content)
    if len(words) < 2 or content.rstrip()[-1:] in {"?", "!", ","}:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL for w in words)


@dataclass
class _Candidate:
    marked: Marked
    para: int
    kind: Kind
    cue: Cue | None
    side: str  # where the cue was found: after, before, tree, or ""
    stop: str
    next_token: int
    bare: bool
    words_after: int
    n_words: int
    title: bool
    first_token: int
    text: str = field(default="")


def _candidate(ctx: _Context, marked: Marked) -> _Candidate:
    text = " ".join(ctx.text[s:e] for s, e in marked.parts)
    before = _before(ctx, marked)
    after, stop, next_token = ctx.after(marked)
    b_cues = [window_speaker(c, before, ctx.blocked) for t in before if (c := ctx.cue(t))]
    a_cues = [window_speaker(c, after, ctx.blocked, after=True) for t in after if (c := ctx.cue(t))]
    if text.rstrip()[-1:] == "." and len(_words(after)) > 6:
        a_cues = []  # “... soft.” He says referees ...: a new sentence, not an attribution
    lead = _words(before)
    introduced = bool(b_cues) and _introduces(b_cues[-1], before)
    colon = bool(before) and _last(before).text == ":"
    opening = not lead or (  # "But “...”" opens a sentence; “A” and “B” do not
        all(t.pos_ in _LEAD for t in lead) and not ctx.inside(before[0].idx - 2)
    )
    opening = opening or _last(before).text == "("
    direct = opening or colon or introduced
    if direct:
        cue, side = _direct_cue(ctx, marked, text, before, after, b_cues, a_cues, colon, introduced)
    else:
        cue, side = _partial_cue(ctx, marked, text, b_cues, a_cues)
    bare = False
    if side == "after" and cue is not None:
        bare = len(_words(after)) <= 6 and not any(
            t.text == "," and t.idx > cue.start for t in after
        )
    return _Candidate(
        marked=marked,
        para=ctx.para(marked.open),
        kind="direct" if direct else "partial",
        cue=cue,
        side=side,
        stop=stop,
        next_token=next_token,
        bare=bare,
        words_after=len(_words(after)),
        n_words=len(re.findall(r"\w+", text)),
        title=_title_case(text),
        first_token=ctx.token_at(marked.open),
        text=text,
    )


def _before(ctx: _Context, marked: Marked) -> list[Token]:
    """The words before a quote in its sentence; for a quote opening a paragraph
    after one that ends with a colon ("He said:"), that paragraph's last words."""
    before = ctx.before(marked.open)
    number = ctx.para(marked.open)
    if before or number == 0:
        return before
    end = ctx.spans_of_paras[number - 1][1]
    if not ctx.text[:end].endswith(":"):
        return before
    return [*ctx.before(end - 1), ctx.doc[ctx.token_at(end - 1)]]


def _direct_cue(
    ctx: _Context,
    marked: Marked,
    text: str,
    before: list[Token],
    after: list[Token],
    b_cues: list[Cue],
    a_cues: list[Cue],
    colon: bool,
    introduced: bool,
) -> tuple[Cue | None, str]:
    """The cue of a direct quote and where it was found."""
    headline = colon and ctx.para(marked.open) == 0  # Trump: ‘I’m the Worst Thing ...’
    if headline and (found := colon_subject(before, ctx.lex, headline=True)):
        return found, "before"
    ordered = [("before", b_cues[::-1]), ("after", a_cues)]
    if not (colon or introduced) or text.rstrip()[-1:] == ",":
        ordered.reverse()  # “...,” he said
    for side, cues in ordered:
        if cues:
            return _best(cues), side
    found = dash_name(ctx.doc, ctx.text, marked.close, after)
    if found is not None:
        return found, "after"
    found = colon_subject(before, ctx.lex, headline=headline) if colon else None
    return found, "before" if found is not None else ""


def _partial_cue(
    ctx: _Context, marked: Marked, text: str, b_cues: list[Cue], a_cues: list[Cue]
) -> tuple[Cue | None, str]:
    """The cue of a partial quote: the one governing it, else the nearest."""
    start, end = marked.parts[0]
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, ""
    cue, crossed = governing_cue(span.root, ctx.cue, ctx.inside)
    if cue is not None:
        return (None, "") if crossed and _title_case(text) else (cue, "tree")
    nearest = [*b_cues[-1:], *a_cues[:1]]
    if not nearest:
        return None, ""
    cue = min(nearest, key=lambda c: abs(c.token.i - ctx.token_at(marked.open)))
    return cue, "before" if cue in b_cues else "after"


def _last(tokens: list[Token]) -> Token:
    return next((t for t in reversed(tokens) if not t.is_space), tokens[-1])


def _best(cues: list[Cue]) -> Cue:
    """The first cue with a speaker, else the first."""
    return next((c for c in cues if c.speaker is not None), cues[0])


def _introduces(cue: Cue, before: list[Token]) -> bool:
    """Whether ``cue`` introduces the quotation right after ``before``:
    nothing but its speaker, object or adverbials, then a comma or colon."""
    between = [t for t in before if t.idx >= cue.end]
    if not _words(between):
        return True
    if _last(before).text not in {",", ":"}:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} or t.lower_ in {"that", "whether"} for t in between)


def _mergeable(first: _Candidate, second: _Candidate) -> bool:
    """Whether ``second`` continues ``first`` around its attribution."""
    if first.kind != "direct" or first.side != "after" or first.cue is None:
        return False
    if second.para != first.para or first.next_token != second.first_token:
        return False
    if second.side == "after" and second.cue is not None and second.cue.start != first.cue.start:
        return False
    if first.stop == "quote":
        return True
    return first.stop == "sentence" and first.bare and first.text.rstrip()[-1:] in {",", "—", "–"}


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class _Event:
    """An attribution seen so far: where it ends, its paragraph, cue and speaker."""

    at: int
    para: int
    cue: Cue
    quote: bool = False


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """Direct, partial and indirect quotes of ``doc`` with their cues and speakers."""
    lex = lexicon()
    ctx = _Context(doc, lex)
    marked = ctx.marked
    groups: list[list[_Candidate]] = []
    for candidate in (_candidate(ctx, m) for m in marked):
        if groups and _mergeable(groups[-1][-1], candidate):
            groups[-1].append(candidate)
        else:
            groups.append([candidate])

    events = [
        _Event(c.end, ctx.para(c.start), c)
        for t in doc
        if not ctx.inside(t.idx)
        and (c := ctx.cue(t)) is not None
        and c.speaker is not None
        and not _nested(t, lex)
    ]
    quotes: list[QuoteSpan] = []
    for group in groups:
        head = group[0]
        cue, carried = head.cue, False
        if cue is None:
            keep = not head.title and (
                head.n_words >= 4 or (head.kind == "direct" and head.words_after == 0)
            )  # not a heading, a title or a scare quote
            previous = _previous(events, head, same_paragraph_only=head.kind == "partial")
            if not keep or (previous is None and head.kind == "partial"):
                continue
            cue, carried = previous, previous is not None
        elif cue.speaker is None and head.kind == "partial":
            continue
        elif cue.speaker is None:  # Adding, “...”
            previous = _previous(events, head, same_paragraph_only=False)
            if previous is not None:
                cue, carried = dataclasses.replace(cue, speaker=previous.speaker), True
        parts = tuple(p for c in group for p in c.marked.parts)
        text = " ... ".join(c.text for c in group)
        quote = _quote(ctx.text, text, head.kind, parts, cue, carried)
        quotes.append(quote)
        if cue is not None and cue.speaker is not None:
            at = max(group[-1].marked.close, cue.end)
            events.append(_Event(at, ctx.para(group[-1].marked.close - 1), cue, quote=True))
            events.sort(key=lambda e: e.at)

    direct = [q for q in quotes if q.kind == "direct"]
    for cue, parts in reported_clauses(doc, ctx.quoted, lex, ctx.blocked):
        if any(
            q.cue_start == cue.start and q.start < e and s < q.end for q in direct for s, e in parts
        ):
            continue  # the cue of a direct quote, whose clause the parse stretched
        text = " ... ".join(ctx.text[s:e] for s, e in parts)
        quotes.append(_quote(ctx.text, text, "indirect", parts, cue, False))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _nested(token: Token, lex: AttributionLexicon) -> bool:
    """Whether a cue sits inside the clause another speech verb reports."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "ccomp":
            head = cue_at(node.head, lex)
            if head is not None and head.speech:
                return True
        node = node.head
    return False


def _previous(events: list[_Event], quote: _Candidate, *, same_paragraph_only: bool) -> Cue | None:
    """The speaker of the last quote before ``quote`` in its paragraph, else the last
    attribution there, else the last attribution of the previous paragraph."""
    at, para = quote.marked.open, quote.para
    here = [e for e in events if e.at <= at and e.para == para]
    quoted = [e for e in here if e.quote]
    if quoted or here:
        return (quoted or here)[-1].cue
    if same_paragraph_only:
        return None
    previous = [e for e in events if e.at <= at and e.para == para - 1]
    return previous[-1].cue if previous else None


def _quote(
    source: str, text: str, kind: Kind, parts: tuple[Span, ...], cue: Cue | None, carried: bool
) -> QuoteSpan:
    speaker = cue.speaker if cue is not None else None
    return QuoteSpan(
        text=text,
        kind=kind,
        start=parts[0][0],
        end=parts[-1][1],
        cue=cue.text if cue else None,
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        speaker_start=speaker[0] if speaker else None,
        speaker_end=speaker[1] if speaker else None,
        speaker_text=source[speaker[0] : speaker[1]] if speaker else None,
        parts=parts,
        carried=carried,
    )
