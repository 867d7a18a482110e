"""Bylines: who wrote the article, and for whom.

"By THOMAS ERDBRINK, New York Times" -> (["Thomas Erdbrink"], "New York Times");
"By Jane Doe and John Roe | Bloomberg"; "JANE DOE, Staff Writer"; Reuters'
"(Reporting by A and B in Kyiv; Editing by C)" names A and B.
Job titles and particles are data (``data/bylines.yaml``).
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph import data
from newsgraph.article.outlets import find_outlet, known_outlet, strip_outlets

_MAX_BYLINE_CHARS = 120
_REPORTING_FROM = re.compile(r"(?i)(reporting|writing) from [A-Z][\w .,'-]{1,60}")
_LOCATED = re.compile(r"(.{3,80}?)\s+in\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})")
_BY = re.compile(r"^\s*by\b[\s:]*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|\band\b|&|\bwith\b|\n)\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][a-z]?\.|[A-Z][\w’'`-]*\.?|(?:Mc|Mac|O['’]|D['’])[A-Z][\w’'-]*)$"
)


@cache
def _title_pattern() -> re.Pattern[str]:
    table = data.load("bylines")
    titles = "|".join(re.escape(t) for t in sorted(table["titles"], key=len, reverse=True))
    prefixes = "|".join(
        re.escape(p) for p in sorted(table["title_prefixes"], key=len, reverse=True)
    )
    return re.compile(rf"(?:(?:{prefixes})\s+)*(?:{titles})", re.IGNORECASE)


@cache
def _particles() -> frozenset[str]:
    return frozenset(data.load("bylines")["particles"])


def is_title(text: str) -> bool:
    """Whether ``text`` is a job title ("Staff Writer", "AP Diplomatic Writer")."""
    return bool(_title_pattern().fullmatch(text.strip(" ,.")))


def starts_byline(line: str) -> bool:
    """Whether the line opens a byline: "By Jane Doe", or a bare "By"."""
    if line.strip().casefold() in {"by", "by:"}:
        return True
    match = _BY.match(line)
    if not match or len(line) > _MAX_BYLINE_CHARS:
        return False  # "By Aaron Humes: The Americas cannot ..." is a paragraph
    rest = line[match.end() :]
    return bool(re.match(r"[A-Z]", rest)) and is_credit_text(rest)


def is_credit_text(text: str) -> bool:
    """Whether ``text`` holds nothing but names, job titles, outlets and places
    ("JANE DOE and JOHN ROE, Associated Press"), not a sentence ("By Monday
    morning, more than 200,000 homes ...")."""
    if ends_with_sentence(text) or any(ch.isdigit() for ch in text):
        return False
    without_outlets = strip_outlets(text)
    pieces = [_clean_name(p) for p in _SPLIT.split(without_outlets)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return without_outlets != text  # only an outlet: "Reuters", ", New York Times"
    return all(is_title(p) or _is_full_name(_drop_trailing_title(p)) for p in pieces)


def _is_full_name(text: str) -> bool:
    return is_name(text) and len(text.split()) >= 2


def ends_with_sentence(text: str) -> bool:
    return bool(re.search(r"[a-z]{3,}[.!?][\"'”’]*$", text.strip()))


def is_name(text: str) -> bool:
    """Whether ``text`` looks like a person's name (1 to 5 capitalised words)."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    particles = _particles()
    named = [t for t in tokens if t.casefold() not in particles]
    return bool(named) and all(_NAME_TOKEN.match(t) for t in named)


def is_byline_fragment(line: str) -> bool:
    """Whether a line can continue a byline split over several lines:
    an ALL-CAPS name, ", New York Times", "and JOHN ROE", "Staff Writer"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    if stripped[0] in ",|&" or re.match(r"(?i)and\s", stripped):
        return is_credit_text(stripped.lstrip(",|&").strip())
    if known_outlet(stripped) or is_title(stripped):
        return True
    rest = strip_outlets(stripped).strip(" ,|")
    if rest != stripped and (not rest or is_title(rest) or _is_place(rest)):
        return True  # "Political correspondent, BBC News", "BBC News, Lagos"
    if _REPORTING_FROM.fullmatch(stripped):  # NYT: "Reporting from Jerusalem"
        return True
    letters = [c for c in stripped if c.isalpha()]
    return bool(letters) and stripped.isupper() and is_name(stripped.title())


def _is_place(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def is_credit_line(line: str) -> bool:
    """A byline without "By": "Jane Doe, Staff Writer", "JANE DOE, Associated
    Press", "Jane Doe | Bloomberg", "Jane Doe in Nairobi"."""
    if ends_with_sentence(line):
        return False
    located = _LOCATED.fullmatch(line.strip())
    if located:
        names = re.split(r"\s+(?:and|&)\s+|,\s*", located.group(1))
        return all(len(n.split()) >= 2 and is_name(n) for n in names)
    parts = [p for p in re.split(r"\s*[,|]\s*", line.strip()) if p]
    if len(parts) < 2 or len(line) > 100:
        return False
    names, rest = parts[:-1], parts[-1]
    credited = bool(
        known_outlet(rest) or is_title(rest) or find_outlet(rest) and is_title(strip_outlets(rest))
    )
    names = [n for name in names for n in re.split(r"\s+(?:and|&)\s+", name)]
    return credited and all(is_name(_clean_name(n)) for n in names)


def _clean_name(piece: str) -> str:
    piece = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", piece.strip())  # "X in Lyon"
    piece = piece.strip(" ,;:|()")
    # a final period belongs to an initial or "Jr.", not to the sentence
    return piece if re.search(r"(?:\b[A-Z]|\bJr|\bSr)\.$", piece) else piece.rstrip(".")


def normalize_name(name: str) -> str:
    """Title-case a name written in capitals ("SEAN O'BRIEN" -> "Sean O'Brien",
    "ANNA MCDONALD" -> "Anna McDonald"); leave mixed case alone."""
    name = " ".join(name.split())
    if not (name.isupper() or name.islower()):
        # AFP style "Claire MARCHAND": the capitalised words only
        return " ".join(
            normalize_name(w) if w.isupper() and len(w.strip(".")) > 2 else w for w in name.split()
        )
    particles = _particles()
    words = []
    for i, word in enumerate(name.split(" ")):
        lower = word.lower()
        if i > 0 and lower in particles:
            words.append(lower)
            continue
        titled = "-".join(_title_word(part) for part in word.split("-"))
        words.append(titled)
    return " ".join(words)


def _title_word(word: str) -> str:
    titled = word[:1].upper() + word[1:].lower()
    titled = re.sub(r"(?<=['’])([a-z])", lambda m: m.group(1).upper(), titled)
    match = re.match(r"Mc([a-z])(\w+)$", titled)  # not "Mac": Machado, Maciejewski
    if match:
        titled = "Mc" + match.group(1).upper() + match.group(2)
    return titled


def parse_byline(text: str) -> tuple[list[str], str | None]:
    """Authors (normalised) and the outlet a byline credits."""
    body = _BY.sub("", text.strip(), count=1)
    outlet = find_outlet(body)
    if outlet:
        body = strip_outlets(body)
    authors: list[str] = []
    for piece in _SPLIT.split(body):
        piece = _clean_name(piece)
        if not piece or is_title(piece):
            continue
        piece = _drop_trailing_title(piece)
        if not _is_full_name(piece):
            continue
        name = normalize_name(piece)
        if name not in authors:
            authors.append(name)
    return authors, outlet


def _drop_trailing_title(piece: str) -> str:
    words = piece.split()
    for cut in range(1, len(words)):
        if is_title(" ".join(words[cut:])):
            return " ".join(words[:cut])
    return piece


def reporting_authors(line: str) -> list[str]:
    """The names a Reuters-style credit gives as reporters and writers:
    "(Reporting by A and B in Kyiv; Additional reporting by C; Editing by D)"
    -> [A, B]."""
    authors: list[str] = []
    for segment in re.split(r"[;()]", line):
        segment = segment.strip()
        if re.match(r"(?i)additional\b", segment):
            continue
        match = re.match(r"(?i)(?:reporting|writing)\s+by\s+(.+)", segment)
        if not match:
            continue
        names, _ = parse_byline(match.group(1))
        authors.extend(n for n in names if n not in authors)
    return authors


def clean_authors(value: str | list[str]) -> list[str]:
    """Author names from metadata (a page's meta tags, a JSON field): split at
    ";" when given as one string, "By" and job titles dropped, capitals
    normalised. Less strict than a byline: metadata names need not look like
    "First Last" ("marc" stays)."""
    names = value.split(";") if isinstance(value, str) else value
    split: list[str] = []
    for raw in names:
        pieces = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", raw) if p.strip()]
        if len(pieces) > 1 and all(is_name(p) and len(p.split()) >= 2 for p in pieces):
            split.extend(pieces)
        else:
            split.append(raw)
    authors: list[str] = []
    for raw in split:
        name = _BY.sub("", raw.strip(), count=1)
        name = _clean_name(_drop_trailing_title(name))
        if not name or is_title(name) or known_outlet(name):
            continue
        name = normalize_name(name) if name.isupper() else name
        if name not in authors:
            authors.append(name)
    return authors


def leading_byline(paragraph: str) -> list[str]:
    """Authors named by a "By Jane Doe: ..." or "By JANE DOE — ..." opening of a
    paragraph that goes on with the text (the paragraph itself stays)."""
    match = re.match(r"(?i)by\s+([^:—–]{3,80}?)\s*[:—–]\s", paragraph)
    return parse_byline(match.group(1))[0] if match else []
