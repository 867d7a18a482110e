"""Expand command-line paths: files, directories (recursive), globs, and '-'."""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import InputError, MissingInputError, NotArticleError

STDIN = "-"
# In a directory, files with these endings (or none) are read; others are skipped.
ARTICLE_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".jsonl",
        ".ndjson",
        ".json",
        ".warc",
    }
)


def _wanted(path: Path) -> bool:
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    return not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES


_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# pipes the shell hands over by name (`<(zcat x.jsonl.gz)`) are read like stdin
_PASSED_PIPES = ("/dev/fd/", "/proc/self/fd/", "/dev/stdin")


def _problem(path: Path, named: bool) -> InputError | None:
    """Why ``path`` is not a file to read: a symbolic link loop, or a special
    file (a FIFO would block forever, a device never ends), skipped with one
    line; None for a regular file (or a pipe the shell passed by name)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(str(path), "a symbolic link loop (it points back to itself)")
        return None  # gone, or unreadable: opening it says why
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if named and str(path).startswith(_PASSED_PIPES):
        return None
    kind = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return NotArticleError(str(path), f"{kind}, not a file; skipped")


def walk(directory: Path) -> Iterator[Path | InputError]:
    """Article files below ``directory``, recursively, in a stable order;
    hidden files and folders are left out, special files reported."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if _wanted(path):
                yield _problem(path, named=False) or path


def expand(paths: Iterable[str]) -> Iterator[str | Path | InputError]:
    """Each input to read: '-' for standard input, or a file path; a path that
    names nothing comes back as a MissingInputError, in its place."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        try:
            path = Path(raw).expanduser()
        except RuntimeError:  # "~nosuchuser/x.txt"
            yield MissingInputError(raw, "no such user's home directory")
            continue
        problem = _problem(path, named=True)
        if problem is not None:
            yield problem
        elif path.is_dir():
            empty = True
            for child in walk(path):
                empty = False
                yield child
            if empty:
                yield MissingInputError(raw, "no article files in this directory")
        elif path.exists():
            yield path
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
            if not matches:
                yield MissingInputError(raw, "no file matches this pattern")
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    yield from walk(found)
                elif _wanted(found):
                    yield _problem(found, named=False) or found
        else:
            yield MissingInputError(raw, "no such file or directory")


def estimate_documents(paths: Iterable[str]) -> int | None:
    """About how many documents ``paths`` hold, cheaply, for a progress bar:
    a line per JSON Lines record (gzip members unopened count one per file),
    one per other file; None when standard input is among them."""
    total = 0
    for item in expand(paths):
        if item == STDIN:
            return None
        if isinstance(item, InputError):
            total += 1
            continue
        path = Path(item)
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            with path.open("rb") as stream:
                total += sum(
                    chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b"")
                )
        else:
            total += 1
    return total
