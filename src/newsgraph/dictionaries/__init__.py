"""The PETRARCH / TABARI community event-coding dictionaries: reading a
folder of them (``load_dictionaries``) and downloading the public Phoenix set
(``fetch_dictionaries``). The files themselves never ship with newsgraph.

This package imports nothing heavy; ``fetch_dictionaries`` imports httpx when
it is called.
"""

from __future__ import annotations

from newsgraph.dictionaries.fetch import fetch_dictionaries
from newsgraph.dictionaries.model import (
    ActorCode,
    CommunityDictionaries,
    VerbPattern,
    phrase_key,
)
from newsgraph.dictionaries.reader import find_dictionary_files, load_dictionaries

__all__ = [
    "ActorCode",
    "CommunityDictionaries",
    "VerbPattern",
    "fetch_dictionaries",
    "find_dictionary_files",
    "load_dictionaries",
    "phrase_key",
]
