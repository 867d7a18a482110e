"""Acronyms defined in the text: "The Qualifications and Curriculum Authority
(QCA)", "The New York State Attorney General (NYAG)".

The long form is the run of capitalised words (and "of", "and", "for", "the",
"on", "in", "to", "&") just before the parenthesis whose initials spell the acronym, in
the manner of Schwartz and Hearst (2003): every letter of the acronym is the
first letter of a word or a later letter of the word the previous letter
began, the first word starts it, the last word ends it, and at most one
capitalised word goes unspelt ("State" in NYAG). The small English model
often splits such names ("Qualifications" | "Curriculum Authority") or tags
nothing; the definition makes the long form one name and the acronym its
alias.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&", "in", "to"})
_MAX_WORDS = 9


@dataclass(frozen=True)
class Definition:
    start: int  # first token of the long form
    end: int  # token after the long form
    acronym: int  # token index of the acronym inside the parentheses


def _acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and letters[0].isupper()
        and sum(c.isupper() for c in letters) >= 2
    )


def _spells(words: tuple[str, ...], letters: str) -> bool:
    """Do ``words`` spell ``letters`` (case-insensitive), each word's first
    letter opening its share, the last word used, at most one capitalised
    word skipped?"""

    @cache
    def match(w: int, j: int, skipped: int) -> bool:
        if j == len(letters):
            return w == len(words)
        if w == len(words):
            return False
        word = words[w].casefold()
        if word[0] == letters[j]:  # this word spells letters[j:j+k], k >= 1
            k = 1
            while True:
                if match(w + 1, j + k, skipped):
                    return True
                if j + k >= len(letters) or word.find(letters[j + k], 1) < 0:
                    break
                k += 1
        if word in _CONNECTORS:
            return match(w + 1, j, skipped)
        return skipped == 0 and w > 0 and w < len(words) - 1 and match(w + 1, j, 1)

    return match(0, 0, 0)


def definitions(doc: Doc) -> list[Definition]:
    """Every "Long Form (ACR)" in ``doc`` whose long form spells the acronym."""
    found: list[Definition] = []
    for token in doc[2:-1]:
        i = token.i
        if token.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1]
        if not _acronym(acronym.text):
            continue
        letters = acronym.text.replace(".", "").replace("&", "").casefold()
        first = i
        while first > 0 and i - first < _MAX_WORDS:
            word = doc[first - 1]
            if not (word.text[:1].isupper() and word.is_alpha) and word.lower_ not in _CONNECTORS:
                break
            if word.is_sent_start and word.lower_ == "the":
                break
            first -= 1
        for start in range(first, i - 1):
            if doc[start].lower_ in _CONNECTORS or not doc[start].text[:1].isupper():
                continue
            words = tuple(t.text for t in doc[start:i])
            if _spells(words, letters):
                found.append(Definition(start, i, i + 1))
                break
    return found
