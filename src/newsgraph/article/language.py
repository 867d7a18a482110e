"""An article's language (ISO 639-1) and the rules that refuse inputs that
are not articles.

**Language** is identified by py3langid (a maintained, offline port of
langid.py with its model inside the package) on the headline and the first
3,000 characters of the body. A text of fewer than 12 words, or one the
model gives less than 0.99 probability, gets no language (``None``): too
short or unsure to tell, and treated as English by the analysis, so a
one-line record ("Obama met Netanyahu in Washington") is still analysed.

**Not articles** (refused with one line, never stored):

- a file whose name says what it is: README, LICENSE/LICENCE, COPYING,
  CHANGELOG/CHANGES, AUTHORS, CONTRIBUTORS, CONTRIBUTING, NOTICE, INSTALL,
  MANIFEST, TODO (any case, any extension: ``README.TXT``, ``LICENSE.md``);
- a directory listing: a text that opens with "Index of /", or whose
  non-empty lines are mostly (8 or more, and over 60%) file names or URLs;
- a page that is navigation only: no body text left after boilerplate is
  removed (``NoArticleError``, as before).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from typing import Any

__all__ = ["NOT_ARTICLE_NAMES", "detect_language", "not_an_article"]

NOT_ARTICLE_NAMES = frozenset(
    "readme license licence copying changelog changes authors contributors contributing "
    "notice install manifest todo".split()
)
_MIN_WORDS = 12
_SURE = 0.99  # names-heavy English lines come out as Malagasy at 0.95: not sure is no language
_SAMPLE = 3000
_FILE_OR_URL = re.compile(
    r"^\s*(?:\S+\.(?:txt|html?|xml|json|jsonl|csv|pdf|gz|zip|warc|md|doc|docx)|https?://\S+)"
    r"(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when it is too short
    to tell."""
    sample = text[:_SAMPLE]
    if len(sample.split()) < _MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= _SURE else None


def not_an_article(source: str, text: str) -> str | None:
    """Why the input at ``source`` with ``text`` is not an article (one
    short phrase), or None when it may be one."""
    name = PurePath(source.split("#", 1)[0]).name
    stem = name.split(".", 1)[0].casefold()
    if stem in NOT_ARTICLE_NAMES:
        return f"a {stem} file, by its name"
    head = text.lstrip()[:200]
    if head.casefold().startswith("index of /"):
        return "a directory listing"
    lines = [line for line in text.splitlines() if line.strip()]
    listed = sum(1 for line in lines if _FILE_OR_URL.match(line))
    if listed >= 8 and listed > 0.6 * len(lines):
        return "a listing of files or links"
    return None
