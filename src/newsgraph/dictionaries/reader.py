"""Reading a folder of PETRARCH / TABARI event-coding dictionaries (the
public Phoenix set that ``newsgraph dictionaries fetch`` downloads, or any
folder in the same formats) into one ``CommunityDictionaries``.

Files are found by name, case aside:

- ``*.actors.txt``: actors (``actors.read_actors``);
- ``*agents*.txt``: agents (``actors.read_agents``);
- ``CAMEO*.txt`` or ``*verbs*.txt`` holding at least one verb block header
  (``--- NAME [code] ---``): verbs and synonym sets (``verbs.read_verbs``);
- ``*discards*.txt``: discards (``actors.read_discards``).

Other files (a LICENSE, a README, issue or preposition lists) are ignored;
a folder with none of these is an error. Every malformed line is skipped and
listed in ``problems`` as ``FILE:LINE: what is wrong``; reading goes on.

Two-digit years in date windows: ``yy < pivot`` is ``20yy``, else ``19yy``
(pivot 30: ``140608`` is 2014-06-08, ``320101`` is 1932-01-01, ``990101``
is 1999-01-01). Eight-digit ``yyyymmdd`` dates are read as they are.

Nothing is cached here: each call reads the folder again (about a second
for the Phoenix set); the caller keeps the result.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.dictionaries.actors import read_actors, read_agents, read_discards
from newsgraph.dictionaries.model import ActorCode, CommunityDictionaries, VerbPattern
from newsgraph.dictionaries.text import DEFAULT_PIVOT
from newsgraph.dictionaries.verbs import looks_like_verbs, read_verbs
from newsgraph.errors import InputError, MissingInputError

__all__ = [
    "EXPECTED_FILES",
    "ROLES",
    "ActorCode",
    "CommunityDictionaries",
    "VerbPattern",
    "find_dictionary_files",
    "load_dictionaries",
]

ROLES = ("actors", "agents", "verbs", "discards")
"""The kinds of dictionary file, in the order they are read."""

EXPECTED_FILES = (
    "*.actors.txt, *agents*.txt, CAMEO*.txt or *verbs*.txt with verb blocks, *discards*.txt"
)


def _role(path: Path) -> str | None:
    name = path.name.lower()
    if not name.endswith(".txt") or not path.is_file():
        return None
    if name.endswith(".actors.txt"):
        return "actors"
    if "agents" in name:
        return "agents"
    if "discards" in name:
        return "discards"
    if (name.startswith("cameo") or "verbs" in name) and looks_like_verbs(path):
        return "verbs"
    return None


def find_dictionary_files(directory: Path) -> dict[str, list[Path]]:
    """The dictionary files of ``directory`` by role (see ``ROLES``), each
    list sorted by name; InputError when the folder is missing or holds none."""
    if not directory.exists():
        raise MissingInputError(str(directory), "no such folder")
    if not directory.is_dir():
        raise InputError(str(directory), "not a folder")
    found: dict[str, list[Path]] = {role: [] for role in ROLES}
    try:
        for path in sorted(directory.iterdir()):
            role = _role(path)
            if role:
                found[role].append(path)
    except OSError as exc:
        raise InputError(str(directory), f"can't be read: {exc.strerror or exc}") from None
    if not any(found.values()):
        raise InputError(
            str(directory),
            f"not a folder of PETRARCH/TABARI dictionaries (expected {EXPECTED_FILES})",
        )
    return found


def load_dictionaries(directory: Path, *, pivot: int = DEFAULT_PIVOT) -> CommunityDictionaries:
    """Read the PETRARCH / TABARI dictionaries of ``directory`` (see the
    module docstring). Raises ``newsgraph.errors.InputError`` (a
    ``NewsgraphError``) when the folder is missing, unreadable or holds no
    dictionary file; malformed lines only end up in ``problems``."""
    if not 0 <= pivot <= 100:
        raise ValueError(f"pivot must be between 0 and 100, not {pivot}")
    files = find_dictionary_files(directory)
    result = CommunityDictionaries()
    synsets: dict[str, set[str]] = {}
    discards: set[str] = set()
    for role in ROLES:
        for path in files[role]:
            try:
                if role == "actors":
                    result.actor_entries += read_actors(path, pivot, result.actors, result.problems)
                elif role == "agents":
                    read_agents(path, result.agents, result.problems)
                elif role == "verbs":
                    read_verbs(path, result.verbs, synsets, result.problems)
                else:
                    read_discards(path, discards, result.problems)
            except OSError as exc:
                raise InputError(str(path), f"can't be read: {exc.strerror or exc}") from None
    result.synsets = {name: frozenset(words) for name, words in synsets.items()}
    result.discards = frozenset(discards)
    return result
