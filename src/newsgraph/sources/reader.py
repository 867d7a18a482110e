"""Read inputs lazily: one RawDocument (or one InputError) at a time.

Errors are yielded in place of the document they spoil, so that one broken
file or record never stops the others.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from newsgraph.errors import InputError, InputTooLargeError
from newsgraph.model import RawDocument
from newsgraph.settings import SETTINGS
from newsgraph.sources.decode import GZIP_MAGIC, decode
from newsgraph.sources.detect import FORMATS, Format, detect_format
from newsgraph.sources.feeds import read_feed
from newsgraph.sources.files import STDIN, expand
from newsgraph.sources.records import read_json, read_json_lines
from newsgraph.sources.warc import looks_like_warc, read_warc

DEFAULT_MAX_BYTES = int(SETTINGS["max_bytes"].default or 0)
_SNIFF = 65_536

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "read_documents", "read_source"]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _open(item: str | Path) -> tuple[BinaryIO, int | None]:
    if item == STDIN:
        return sys.stdin.buffer, None
    handle = Path(item).open("rb")
    try:
        return handle, os.fstat(handle.fileno()).st_size
    except OSError:
        handle.close()
        raise


def read_source(
    item: str | Path, *, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """The documents of one file (or of standard input for '-')."""
    source = "<stdin>" if item == STDIN else str(item)
    try:
        raw, size = _open(item)
    except OSError as exc:
        yield InputError(source, f"can't read: {exc.strerror or exc}")
        return
    try:
        with contextlib.nullcontext() if item == STDIN else raw:  # never close stdin
            yield from _read_stream(raw, size, source, input_format, max_bytes)
    except OSError as exc:
        yield InputError(source, f"can't read: {exc.strerror or exc}")
    except (EOFError, zlib.error) as exc:
        yield InputError(source, f"broken gzip data: {exc}")


def _read_stream(
    raw: BinaryIO, size: int | None, source: str, input_format: str, max_bytes: int
) -> Iterator[RawDocument | InputError]:
    buffered = io.BufferedReader(
        cast(io.RawIOBase, _Replay(raw.read(_SNIFF), raw)), buffer_size=_SNIFF
    )
    if input_format == "warc" or (
        input_format == "auto" and looks_like_warc(buffered.peek(_SNIFF)[:_SNIFF], source)
    ):
        # warcio reads the file as stored: it gunzips member by member itself
        yield from read_warc(buffered, source, max_bytes=max_bytes)
        return
    stream = buffered
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        unzipped = cast(io.RawIOBase, gzip.GzipFile(fileobj=buffered))
        stream = io.BufferedReader(unzipped, buffer_size=_SNIFF)
        size = None
    try:
        head = stream.peek(_SNIFF)[:_SNIFF]
        auto = input_format == "auto"
        fmt: Format = detect_format(head, source) if auto else input_format  # type: ignore[assignment]
        if fmt == "jsonl":
            yield from read_json_lines(stream, source, max_bytes=max_bytes)
            return
        if fmt == "warc":  # a single-member .gz, or named otherwise: read it unzipped
            yield from read_warc(stream, source, max_bytes=max_bytes)
            return
        if size is not None and size > max_bytes:
            raise InputTooLargeError(source, _too_large(size, max_bytes))
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLargeError(source, _too_large(None, max_bytes))
        if fmt == "feed":  # RSS/Atom: each item a document (sources.feeds)
            yield from read_feed(data, source)
            return
        text, encoding = decode(data, source)
    except InputError as exc:
        yield exc
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(source, f"broken gzip data: {exc}")
        return
    if fmt == "json":
        records = list(read_json(text, source))
        malformed = len(records) == 1 and not isinstance(records[0], RawDocument)
        if not (auto and malformed and "malformed JSON" in str(records[0])):
            yield from records or [InputError(source, "no records in this JSON file")]
            return
        fmt = "text"  # "[Updated 3 p.m.] ..." is a scrape that happens to open with a bracket
    yield RawDocument(source=source, format=fmt, content=text, encoding=encoding)


def _too_large(size: int | None, limit: int) -> str:
    measured = f"is {_megabytes(size)}" if size is not None else "is larger than that"
    return (
        f"file {measured}, over the {_megabytes(limit)} limit for one article "
        "(JSON Lines are read record by record; raise the limit with --max-bytes)"
    )


class _Replay(io.RawIOBase):
    """A raw stream that replays bytes already read, then reads on."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(view))
        view[: len(chunk)] = chunk
        return len(chunk)


def read_documents(
    paths: Iterable[str], *, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """Every document in ``paths`` (files, directories, globs, '-'), lazily."""
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; choose from {', '.join(FORMATS)}")
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_source(item, input_format=input_format, max_bytes=max_bytes)
