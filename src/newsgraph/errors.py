"""The one exception tree of newsgraph.

    NewsgraphError                 base: every error newsgraph raises on purpose
    ├── InputError                 an input (file, record, stream) can't be read or parsed
    │   ├── MissingInputError      the path does not exist or matches nothing
    │   ├── EmptyInputError        zero bytes, or nothing but white space
    │   ├── BinaryInputError       not text (NUL bytes, undecodable, an image...)
    │   ├── InputTooLargeError     over the size limit for one document
    │   ├── RecordError            one malformed record of a JSON Lines file
    │   ├── UnsupportedFormatError a format this version does not read
    │   ├── NoArticleError         readable, but no article text in it
    │   └── FetchError             a URL can't be fetched (network, HTTP status, robots.txt)
    ├── ModelError                 the spaCy pipeline is missing or not the one expected
    ├── DatabaseError              the knowledge base can't be opened or used
    ├── QueryError                 a query can't be answered as asked
    └── BatchError                 the Spark batch job could not run

Every error carries ``source`` (a path, ``<stdin>``, or a name) and, where it
applies, ``line``; ``str(error)`` is the one line the CLI prints.

A failure that is not one of these (a bug) is reported per record with
``internal_error(stage, exc)``: one line that asks the user to report it.
"""

from __future__ import annotations

from newsgraph.model.safe import shown

__all__ = [
    "BatchError",
    "BinaryInputError",
    "DatabaseError",
    "EmptyInputError",
    "FetchError",
    "InputError",
    "InputTooLargeError",
    "MissingInputError",
    "ModelError",
    "NewsgraphError",
    "NoArticleError",
    "QueryError",
    "RecordError",
    "UnsupportedFormatError",
    "internal_error",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input can't be read or parsed; names the input and the problem."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        # what a file or record says is shown, never obeyed: escapes as \x1b
        self.source = shown(source, 1000)
        self.reason = shown(reason, 1000)
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {self.reason}")


class MissingInputError(InputError):
    """The path does not exist, or a glob matched nothing."""


class EmptyInputError(InputError):
    """The input has no content."""


class BinaryInputError(InputError):
    """The input is not text in any encoding we can detect."""


class InputTooLargeError(InputError):
    """The input is larger than the limit for a single document."""


class RecordError(InputError):
    """One record of a JSON Lines input is malformed."""


class UnsupportedFormatError(InputError):
    """The input is in a format this version of newsgraph does not read."""


class NoArticleError(InputError):
    """The input was read but holds no article text."""


class FetchError(InputError):
    """A URL can't be fetched: the network, an HTTP error status, robots.txt,
    a timeout or the size limit; ``source`` is the URL."""


class NotArticleError(InputError):
    """The input is not an article (a readme, a licence, a listing): refused,
    never stored, and not counted as a failure."""


class ModelError(NewsgraphError):
    """The spaCy pipeline can't be loaded or is not the expected one."""


class DatabaseError(NewsgraphError):
    """The knowledge base can't be opened or used (bad URL, server down)."""


class QueryError(NewsgraphError):
    """A query can't be answered as asked: an unknown entity, a bad date, an
    export to an impossible place. ``str(error)`` is one line for the CLI."""


class BatchError(NewsgraphError):
    """The batch job could not run: no input, Spark would not start, a job failed."""


def internal_error(stage: str, exc: BaseException) -> str:
    """The one line for an unexpected failure (a bug) of one record in
    ``stage`` ("parsing", "analysing", ...): what broke, and a request to
    report it."""
    return f"internal error while {stage}: {exc!r} (please report it)"
