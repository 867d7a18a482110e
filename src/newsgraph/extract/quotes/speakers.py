"""Attribution cues and their speakers, read from the dependency parse.

The helpers of :mod:`newsgraph.extract.quotes.finder`:

- ``lexicon()``: the cues of ``data/attribution.yaml`` (speech and characterising
  verbs, particles, phrases, finding verbs, the documents that speak);
- ``cue_at(token)``: the cue a token starts ("said", "pointed out", "according
  to") with its speaker, found through the parse (``speaker_token``): the verb's
  ``nsubj``, climbing ``conj``/``xcomp``/``advcl`` heads that share it ("... and
  said", "declined to say", "adding that") and the words of a quotation the parse
  hung the cue on; the noun a relative pronoun stands for ("Stevie Wonder, who
  joked"); for a participle on a noun, who did the verb that noun depends on
  ("Trump posted a message reading ...") or the document itself ("a statement
  saying ..."); the subject of "was quoted as saying", the agent of a passive, the
  object of "according to"; a name after the verb ("said Smith");
- ``mention_span(token)``: the mention as a reader would quote it: the noun with
  its determiners, modifiers, name parts and short ``of``/``for`` phrases ("the
  spokesman for the ministry", "President Donald Trump"), without appositions and
  relative clauses; a common noun with a name in apposition gives the name ("The
  official, Hamidreza Taraghi" -> "Hamidreza Taraghi");
- ``reported_clauses(doc, quoted)``: indirect speech, the clause a speech verb
  reports: its ``ccomp`` ("said that ...", "said Iran had ..."), the clause it
  interrupts (``parataxis``: "Iran, officials said, had ..."), its ``to``
  complement ("warned officials to ...", "vowed to ..."), or the clause an
  "according to" phrase modifies; kept within the cue's sentence and paragraph;
- around a quotation: ``window_speaker`` (the noun group next to a cue when the
  parse gives none), ``dash_name`` (“...” ― Name), ``colon_subject`` (who speaks
  after a colon), ``governing_cue`` (the cue above a partial quote).

Pronouns are speakers like any noun ("he", "they"): resolving them is coreference's job.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph import data

Span = tuple[int, int]

_LEFT = {"det", "predet", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"}
_RIGHT_PREPS = {"of", "for", "at", "from", "with", "in", "on"}
_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"}
_NOUNISH = {"NOUN", "PROPN", "PRON"}
_RELATIVE = {"who", "that", "which", "whom"}
_MAX_MENTION = 14
_NOMINAL = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"}
_COMMITTING = {"vow", "pledge", "promise", "threaten", "demand", "agree"}
ADDRESSING = {"tell", "ask", "call", "inform", "urge", "assure", "thank", "caution", "warn"}
_NOT_SPEAKERS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
_MARKS = {"“", "”", '"', "''", "``", "‘", "’", "«", "»"}


@dataclass(frozen=True)
class AttributionLexicon:
    """Cue words: lemmas of speech and characterising verbs, particles, phrases."""

    speech: frozenset[str]
    characterising: frozenset[str]
    particles: tuple[tuple[str, str], ...]
    phrases: tuple[tuple[str, ...], ...]
    documents: frozenset[str] = frozenset()
    findings: frozenset[str] = frozenset()


@cache
def lexicon() -> AttributionLexicon:
    """The cues of ``attribution.yaml`` (read once per process)."""
    raw = data.load("attribution")
    return AttributionLexicon(
        speech=frozenset(str(v).lower() for v in raw.get("speech", []) or []),
        characterising=frozenset(str(v).lower() for v in raw.get("characterising", []) or []),
        particles=tuple(
            (str(k).lower(), str(v).lower()) for k, v in (raw.get("particles") or {}).items()
        ),
        phrases=tuple(tuple(str(p).lower().split()) for p in raw.get("phrases", []) or [] if p),
        documents=frozenset(str(v).lower() for v in raw.get("documents", []) or []),
        findings=frozenset(str(v).lower() for v in raw.get("findings", []) or []),
    )


@dataclass(frozen=True)
class Cue:
    """An attribution cue in the text and the speaker mention it points to."""

    text: str
    start: int
    end: int
    token: Token  # the verb, or the first word of a phrase
    speaker: Span | None
    speech: bool  # a verb of saying or a phrase: may introduce reported speech
    phrase: bool = False


def cue_at(
    token: Token, lex: AttributionLexicon | None = None, quoted: Callable[[int], bool] | None = None
) -> Cue | None:
    """The cue that ``token`` starts, or None (``quoted``: see ``speaker_token``)."""
    lex = lex or lexicon()
    phrase = _phrase_at(token, lex)
    if phrase is not None:
        return phrase
    if token.pos_ != "VERB" and not (token.tag_.startswith("VB") and token.dep_ == "compound"):
        return None  # but "Said Ellis: ..." parsed as a name
    if token.dep_ == "amod":
        return None
    if token.dep_ == "acl" and token.tag_ == "VBN" and not _misparsed(token):
        return None  # "a man called Joe", "a report released"
    lemma = token.lemma_.lower()
    end_token = token
    particle = dict(lex.particles).get(lemma)
    if particle is not None:
        prt = next(
            (c for c in token.rights if c.dep_ in {"prt", "advmod"} and c.lower_ == particle), None
        )
        if prt is None:
            return None
        speech = True
        end_token = prt if prt.i == token.i + 1 else token
    elif lemma in lex.speech:
        speech = True
    elif lemma in lex.characterising:
        speech = False
    elif lemma in lex.findings and _has_document_subject(token, lex):
        speech = True  # "the poll found that ..."
    else:
        return None
    subject = speaker_token(token, lex, quoted)
    return Cue(
        text=token.doc[token.i : end_token.i + 1].text,
        start=token.idx,
        end=end_token.idx + len(end_token),
        token=token,
        speaker=mention_span(subject) if subject is not None else None,
        speech=speech,
    )


def _phrase_at(token: Token, lex: AttributionLexicon) -> Cue | None:
    doc = token.doc
    for words in lex.phrases:
        if token.lower_ != words[0]:
            continue
        end = token.i + len(words)
        if end > len(doc) or [t.lower_ for t in doc[token.i : end]] != list(words):
            continue
        last = doc[end - 1]
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((t for t in doc[end : end + 4] if t.pos_ in _NOUNISH), None)
        return Cue(
            text=doc[token.i : end].text,
            start=token.idx,
            end=last.idx + len(last),
            token=token,
            speaker=mention_span(obj) if obj is not None else None,
            speech=True,
            phrase=True,
        )
    return None


def speaker_token(
    verb: Token, lex: AttributionLexicon | None = None, quoted: Callable[[int], bool] | None = None
) -> Token | None:
    """The token naming who performs the speech act of ``verb``, or None.

    ``quoted(offset)`` tells whether an offset lies inside quotation marks: the
    parse often hangs a cue on a verb of the quotation it attributes, so quoted
    words are climbed over and never taken as the speaker.
    """
    lex = lex or lexicon()
    inside = quoted or (lambda _: False)
    doc = verb.doc
    current = verb
    for _ in range(8):
        within = current.i != verb.i and inside(current.idx)
        if not within:
            for child in current.children:
                if _not_speaker(child) or inside(child.idx):
                    continue
                if child.dep_ == "nsubj" or (
                    child.dep_ == "nsubjpass" and current.lemma_ == "quote"
                ):
                    return _antecedent(child, current)
                if child.dep_ == "agent":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            if any(c.dep_ == "auxpass" for c in current.children) and current.lemma_ != "quote":
                return None
        head = current.head
        if head.i == current.i or any(
            "\n" in t.text_with_ws for t in doc[min(head.i, current.i) : max(head.i, current.i)]
        ):
            break
        if not within and current.dep_ == "acl" and head.pos_ in _NOUNISH:
            if current.tag_ != "VBG" and not _misparsed(current):
                break
            if _misparsed(current):
                return head
            # "Trump posted a message reading ...", "emailed supporters saying ...":
            # who posted; else the document itself ("a statement saying that ...")
            governor = head.head
            for _ in range(3):
                if governor.pos_ == "VERB" or governor.head.i == governor.i:
                    break
                governor = governor.head
            if governor.pos_ == "VERB" and governor.i != head.i:
                found = next(
                    (c for c in governor.children if c.dep_ == "nsubj" and not inside(c.idx)),
                    None,
                )
                if found is not None:
                    return _antecedent(found, governor)
            return head if head.lemma_.lower() in lex.documents else None
        if within or inside(head.idx) or current.dep_ in _CLIMB:
            current = head
            continue
        break
    for child in verb.rights:  # inverted, mislabelled: '"...," said Smith'
        if child.i - verb.i > 4:
            break
        if _not_speaker(child):
            continue
        if child.pos_ == "PROPN" and child.dep_ in {"attr", "dobj", "npadvmod", "dep", "appos"}:
            if verb.lemma_ not in ADDRESSING:
                return child
    return None


def _has_document_subject(verb: Token, lex: AttributionLexicon) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in lex.documents


def _not_speaker(token: Token) -> bool:
    """A date or an amount ("said Thursday"), but not "the 46-year-old"."""
    return token.ent_type_ in _NOT_SPEAKERS and not any(c.dep_ == "det" for c in token.children)


def _misparsed(verb: Token) -> bool:
    """A past participle taken for a noun modifier in a sentence without a main
    verb: the parse of a dateline ("TEHRAN, Iran — An official dismissed ...")."""
    return verb.sent.root.pos_ not in {"VERB", "AUX"}


def _antecedent(subject: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("listeners who said" -> listeners;
    in a list, the nearest item: "Patti LaBelle and Stevie Wonder, who joked")."""
    if subject.lower_ not in _RELATIVE or subject.tag_ not in {"WP", "WDT"}:
        return subject
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "relcl" and clause.head.pos_ in _NOUNISH:
        items = [clause.head, *(c for c in clause.head.subtree if c.dep_ == "conj")]
        before = [t for t in items if t.i < subject.i and t.pos_ in _NOUNISH]
        return max(before, key=lambda t: t.i) if before else clause.head
    previous = subject.nbor(-1) if subject.i > 0 else subject
    if previous.is_punct and previous.i > 0:
        previous = previous.nbor(-1)
    if previous.pos_ in {"PROPN", "NOUN"} and not _not_speaker(previous):
        return previous
    return subject


def mention_span(token: Token) -> Span:
    """Character offsets of the mention headed by ``token``."""
    if token.pos_ == "PRON":
        return token.idx, token.idx + len(token)
    if token.pos_ != "PROPN":
        name = next((c for c in token.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            return mention_span(name)
    keep = {token.i}
    for child in token.lefts:
        if child.dep_ in _LEFT:
            keep.update(t.i for t in child.subtree)
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "nummod"}:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS and child.i == max(keep) + 1:
            sub = list(child.subtree)
            if len(sub) <= 8 and not any(t.pos_ in {"VERB", "PUNCT"} for t in sub):
                keep.update(t.i for t in sub)
        elif child.dep_ == "cc" and child.i == max(keep) + 1:
            conj = next((c for c in token.rights if c.dep_ == "conj" and c.pos_ in _NOUNISH), None)
            if conj is not None:
                start, end = mention_span(conj)
                keep.update(t.i for t in token.doc if start <= t.idx < end)
                keep.add(child.i)
        else:
            break
    low, high = min(keep), max(keep)
    if high - low >= _MAX_MENTION:
        low, high = min(k for k in keep if k <= token.i), token.i
    doc = token.doc
    while low < token.i and (doc[low].is_punct or doc[low].is_space):
        low += 1
    while high > token.i and (doc[high].is_punct or doc[high].is_space):
        high -= 1
    return doc[low].idx, doc[high].idx + len(doc[high])


def reported_clauses(
    doc: Doc,
    quoted: Callable[[int, int], float],
    lex: AttributionLexicon | None = None,
    blocked: Callable[[int], bool] | None = None,
) -> list[tuple[Cue, tuple[Span, ...]]]:
    """Indirect speech: (cue, content parts) for each speech cue reporting a clause.

    ``quoted(start, end)`` is the share of a character range inside quotation marks;
    a cue inside a quotation, or a clause that is mostly one, is skipped (the
    quotation is reported as a direct or partial quote instead). ``blocked(offset)``
    says where no speaker can be (quotations, datelines).
    """
    lex = lex or lexicon()
    found: list[tuple[Cue, tuple[Span, ...]]] = []
    text = doc.text
    blocked = blocked or (lambda offset: quoted(offset, offset + 1) > 0)
    for token in doc:
        if quoted(token.idx, token.idx + len(token)) > 0:
            continue
        cue = cue_at(token, lex, blocked)
        if cue is not None and cue.speaker is None and not cue.phrase and not _passive(token):
            run = nominal_before([t for t in token.sent if t.i < token.i], adjacent=True)
            if run and not blocked(run[0].idx):
                cue = dataclasses.replace(cue, speaker=(run[0].idx, run[-1].idx + len(run[-1])))
        if cue is None or not cue.speech or cue.speaker is None:
            continue
        tokens = _clause(cue)
        if tokens is None:
            continue
        # the parse may run over a paragraph break: keep the cue's sentence and paragraph
        sentence = cue.token.sent
        low = max(sentence.start_char, text.rfind("\n", 0, cue.start) + 1)
        high = text.find("\n", cue.start)
        high = min(sentence.end_char, high if high >= 0 else len(text))
        tokens = [t for t in tokens if low <= t.idx < high]
        parts = _parts(doc, tokens)
        if not parts:
            continue
        size = sum(e - s for s, e in parts)
        if size == 0 or sum(quoted(s, e) * (e - s) for s, e in parts) / size > 0.6:
            continue
        found.append((cue, parts))
    return found


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def blank(token: Token) -> bool:
    return token.is_punct or token.is_space


def nominal(token: Token) -> bool:
    """A word that may belong to a noun group ("Ukraine 's foreign ministry")."""
    return token.pos_ in _NOMINAL or token.tag_ == "POS" or (token.is_title and not token.is_punct)


def nominal_before(tokens: list[Token], *, adjacent: bool = False) -> list[Token]:
    """The noun group nearest the end of ``tokens``; unless ``adjacent``, over
    commas and a parenthesis ("Rep. Jane Doe (D-Calif.)")."""
    k = len(tokens) - 1
    while not adjacent and k >= 0 and blank(tokens[k]):
        if tokens[k].text == ")":
            while k >= 0 and tokens[k].text != "(":
                k -= 1
        k -= 1
    run: list[Token] = []
    while k >= 0 and nominal(tokens[k]):
        run.insert(0, tokens[k])
        k -= 1
    while run and run[0].tag_ == "POS":
        run.pop(0)
    return run


def _clause(cue: Cue) -> list[Token] | None:
    """The tokens of the clause a cue reports, or None."""
    verb = cue.token
    if cue.phrase:
        head = verb.head
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        exclude = {t.i for t in verb.subtree}
        return [t for t in head.subtree if t.i not in exclude]
    complements = [c for c in verb.children if c.dep_ == "ccomp"]
    if complements:
        return [t for c in complements for t in c.subtree]
    wanted = [  # "warned officials to boost ...", "vowed to fight on"
        c
        for c in verb.children
        if c.dep_ == "xcomp"
        and c.i > verb.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    addressed = any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    if wanted and (addressed or verb.lemma_ in _COMMITTING) and cue_at(wanted[0]) is None:
        return list(wanted[0].subtree)
    if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
        exclude = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in exclude]
    return None


def _parts(doc: Doc, tokens: Iterable[Token]) -> tuple[Span, ...]:
    """Contiguous runs of ``tokens`` as character spans, trimmed of punctuation,
    conjunctions that open them and the complementizer "that"."""
    indices = sorted({t.i for t in tokens})
    runs: list[list[int]] = []
    for i in indices:
        if runs and (
            i == runs[-1][-1] + 1 or all(doc[j].is_punct for j in range(runs[-1][-1] + 1, i))
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    parts: list[Span] = []
    words = 0
    for run in runs:
        while run and (
            doc[run[0]].is_punct
            or doc[run[0]].is_space
            or doc[run[0]].dep_ == "cc"
            or (doc[run[0]].dep_ == "mark" and doc[run[0]].lower_ == "that")
        ):
            run.pop(0)
        while run and (doc[run[-1]].is_punct or doc[run[-1]].is_space or doc[run[-1]].dep_ == "cc"):
            if doc[run[-1]].text in _MARKS and sum(doc[j].text in _MARKS for j in run) % 2 == 0:
                break  # the closing mark of a quotation inside the clause
            run.pop()
        if run:
            parts.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])))
            words += sum(1 for i in run if not doc[i].is_punct)
    return tuple(parts) if words >= 2 else ()


# --------------------------------------------------------------------------- around quotations


def window_speaker(
    cue: Cue, window: list[Token], blocked: Callable[[int], bool], *, after: bool = False
) -> Cue:
    """``cue``, with the words next to it in ``window`` as speaker when the parse
    gave none or one in a ``blocked`` place (a quotation, a dateline): the words
    opening an attribution after a quote (“...,” Rep. Elijah E. Cummings (D-Md.)
    said), else the nearest noun group before the cue, else a name after it."""
    first, last = window[0].idx, window[-1].idx + len(window[-1])
    speaker = cue.speaker
    if speaker is not None and not blocked(speaker[0]) and first <= speaker[0] < last:
        return cue
    if speaker is None and (cue.phrase or _passive(cue.token)):
        return cue
    at = next(k for k, t in enumerate(window) if t.i == cue.token.i)
    run: list[Token] = []
    if after:
        run = list(itertools.takewhile(nominal, itertools.dropwhile(blank, window[:at])))
    if not run:
        run = nominal_before(window[:at])
    if not run and cue.token.lemma_ not in ADDRESSING:
        run = list(itertools.takewhile(nominal, window[at + 1 :]))
        run = run if any(t.pos_ == "PROPN" for t in run) else []
    if not run and speaker is not None and not blocked(speaker[0]):
        return cue  # the parse's speaker lies outside the window, but nothing better
    return dataclasses.replace(cue, speaker=_span(run))


def _span(tokens: list[Token]) -> Span | None:
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1])) if tokens else None


def name_run(tokens: list[Token]) -> list[Token]:
    """The leading proper-noun run of ``tokens`` ("Edwin G. Monroy")."""
    run: list[Token] = []
    for token in tokens:
        if token.is_space or (run and token.text == "." and run[-1].text[:1].isupper()):
            continue
        if token.pos_ != "PROPN" and not token.is_title:
            break
        run.append(token)
    return run


_DASH = re.compile(r"[ \t\xa0]*(―|—|–|--?)[ \t\xa0]*")


def dash_name(doc: Doc, text: str, close: int, after: list[Token]) -> Cue | None:
    """An attribution by dash after the closing mark at ``close``: “...” ― Carla Sanchez."""
    dash = _DASH.match(text, close)
    if dash is None:
        return None
    run = name_run([t for t in after if t.idx >= dash.end()])
    if not run or len(run) > 6:
        return None
    token = next(t for t in doc if t.idx + len(t) > dash.start(1))
    return Cue(dash.group(1), dash.start(1), dash.end(1), token, _span(run), speech=False)


def colon_subject(before: list[Token], lex: AttributionLexicon, *, headline: bool) -> Cue | None:
    """The speaker of a quote after a colon with no cue: an inverted verb's name
    ("Stated Stone:"), the subject of the clause before the colon ("Obama is
    rolling out a new message: “It's about me.”"), or in a ``headline`` the name
    that opens it ("Warren Hammers CEO: ‘You should ...’")."""
    words = [t for t in before if not blank(t)]
    if not words:
        return None
    first = words[0]
    if _inflected_speech(first, lex) and (name := name_run(words[1:])):
        return Cue(first.text, first.idx, first.idx + len(first), first, _span(name), True)
    tail = _names_before_colon([t for t in before if not t.is_space and t.text != ":"])
    if tail:  # "POLLS WRONG - Mark Blumenthal and Jon Cohen:", "More from Jones:"
        last = words[-1]
        return Cue(":", last.idx + len(last), last.idx + len(last) + 1, last, _span(tail), False)
    verb: Token | None = words[-1]
    while verb is not None and not (
        verb.pos_ in {"VERB", "AUX"} and any(c.dep_ == "nsubj" for c in verb.children)
    ):
        verb = verb.head if verb.head.i != verb.i else None
    if verb is not None and first.i <= verb.i <= words[-1].i:
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        if subject.i >= first.i and subject.lower_ not in {"it", "there", "this", "that", "here"}:
            speaker = mention_span(subject)
            return Cue(verb.text, verb.idx, verb.idx + len(verb), verb, speaker, False)
    run = name_run(words)
    if headline and run and len(words) <= 12:
        last = words[-1]
        return Cue(":", last.idx + len(last), last.idx + len(last) + 1, last, _span(run), False)
    return None


def _names_before_colon(words: list[Token]) -> list[Token]:
    """Names ending a colon's lead-in after a dash or "from" (or making all of it)."""
    k = len(words)
    while k > 0 and (words[k - 1].pos_ == "PROPN" or words[k - 1].lower_ == "and"):
        k -= 1
    names = words[k:]
    while names and names[0].lower_ == "and":
        names = names[1:]
    if not names or len(names) > 8 or names[-1].lower_ == "and":
        return []
    if k == 0 or words[k - 1].text in {"-", "—", "–", "―", "--"} or words[k - 1].lower_ == "from":
        return names
    return []


_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}


def _inflected_speech(token: Token, lex: AttributionLexicon) -> bool:
    """Whether a capitalised word is a speech verb ("Said", "Continued"), whatever
    the parse took it for."""
    word = token.lower_
    stems = {_IRREGULAR.get(word, ""), word[:-1], word[:-2], word[:-3] + "y"}  # inflected
    return token.is_title and word not in lex.speech and bool(stems & lex.speech)


def governing_cue(
    root: Token, cue_of: Callable[[Token], Cue | None], inside: Callable[[int], bool]
) -> tuple[Cue | None, bool]:
    """The nearest cue among the ancestors of a quotation's ``root`` token, and
    whether the path crossed a reported clause or a prepositional object (where
    titles sit: "said he watched “Meet the Press”", "on “Fox and Friends”")."""
    node, crossed = root, False
    for _ in range(12):
        if not inside(node.idx):
            cue = cue_of(node)
            if cue is not None:
                return cue, crossed
        if node.dep_ == "ccomp" or (node.dep_ == "pobj" and node.head.lower_ not in {"as", "like"}):
            crossed = True
        if node.head.i == node.i:
            break
        node = node.head
    return None, False
