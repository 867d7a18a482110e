"""WARC archives (Common Crawl, CC-NEWS, wget, ...) -> RawDocument, record by record.

Only ``response`` records holding a successful (HTTP 200) HTML page become
documents; every other record is counted in :class:`WarcStats` and skipped.
The file is streamed: plain WARC or gzip-per-record ``.warc.gz``, one record
in memory at a time, each body bounded by ``max_bytes``.

A document's ``location`` is the byte offset of its record in the file as
stored (the gzip member's offset for ``.warc.gz``), which is what CDX indexes
and ``warcio extract FILE OFFSET`` use. The crawl date (``WARC-Date``) is when
the page was fetched, not when it was published, so it is not put in
``published``.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
from warcio.statusandheaders import (  # type: ignore[import-untyped]
    StatusAndHeadersParserException,
)

from newsgraph.errors import InputError, InputTooLargeError
from newsgraph.model import RawDocument
from newsgraph.sources.decode import GZIP_MAGIC, decode

__all__ = ["HTML_TYPES", "WARC_MAGIC", "WARC_SUFFIXES", "WarcStats", "looks_like_warc", "read_warc"]

log = logging.getLogger("newsgraph")

WARC_MAGIC = b"WARC/1."
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# What warcio (and zlib under it) raise on a record it can't parse: its own
# errors, and plain ones (AttributeError on a WARC header cut short, ...).
_BROKEN = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    zlib.error,
    ValueError,
    LookupError,
    AttributeError,
    TypeError,
)


class _ArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, without its warning written straight to stderr (a
    record not followed by a blank line); read_warc logs it instead."""

    INC_RECORD = ""


@dataclass
class WarcStats:
    """What reading one or more WARC files found: records seen, documents
    yielded, records that failed, and records skipped, by reason
    ("request record", "HTTP 301", "content type application/pdf", ...)."""

    records: int = 0
    documents: int = 0
    errors: int = 0
    skipped_by_reason: Counter[str] = field(default_factory=Counter)

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_reason.values())

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {why}" for why, n in self.skipped_by_reason.most_common())
        return (
            f"{self.records} WARC records, {self.documents} HTML pages read, "
            f"{self.errors} failed, {self.skipped} skipped" + (f" ({reasons})" if reasons else "")
        )


def looks_like_warc(head: bytes, name: str = "") -> bool:
    """Whether an input is a WARC file: by its name (``.warc``, ``.warc.gz``)
    or by its first bytes, gunzipped if they are gzip."""
    if name.lower().endswith(WARC_SUFFIXES):
        return True
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(WARC_MAGIC))
        except zlib.error:
            return False
    return head.startswith(WARC_MAGIC)


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article page, or None to read it."""
    if record.rec_type != "response":
        return f"{record.rec_type} record"
    http = record.http_headers
    if http is None or not http.protocol.upper().startswith("HTTP/"):
        return "non-HTTP response"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP {status}"
    mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if mime not in HTML_TYPES:
        return f"content type {mime or '(none)'}"
    return None


def _charset(record: Any) -> str | None:
    found = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    return found.group(1) if found else None


def _read_body(record: Any, max_bytes: int) -> tuple[bytes, str | None]:
    """Up to ``max_bytes + 1`` bytes of a record's HTTP payload, with its
    transfer and content encodings undone; or why it can't be read (an
    unsupported or corrupt Content-Encoding: the record's bounds are intact,
    so the next record can still be read)."""
    try:
        stream = record.content_stream()
        chunks: list[bytes] = []
        wanted = max_bytes + 1
        while wanted > 0:
            chunk = stream.read(min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except Exception as exc:  # warcio raises a bare Exception for an unknown encoding
        return b"", str(exc) or type(exc).__name__
    return b"".join(chunks), None


def _truncated(iterator: Any, record: Any) -> bool:
    """Whether the record just read ended early: fewer bytes than its
    Content-Length, or a gzip member cut before its end. warcio reads both
    without complaint, so they are checked here."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return True
    decompressor = getattr(iterator.reader, "decompressor", None)
    return decompressor is not None and getattr(decompressor, "eof", True) is False


def read_warc(
    stream: BinaryIO, source: str, *, max_bytes: int, stats: WarcStats | None = None
) -> Iterator[RawDocument | InputError]:
    """The HTML pages of a WARC file, one record at a time.

    ``stream`` is the file as stored (gzip-compressed or not). A page over
    ``max_bytes`` or that can't be decoded is an InputError in its place; a
    corrupt or truncated record is an InputError naming its byte offset, and
    reading that file stops there (a WARC can't be resynchronised safely).
    Never raises for bad data; I/O errors of the stream propagate.
    """
    stats = stats if stats is not None else WarcStats()
    before = WarcStats(
        stats.records, stats.documents, stats.errors, Counter(stats.skipped_by_reason)
    )
    iterator = _ArchiveIterator(stream)
    records = iter(iterator)
    try:
        while True:
            offset: int = iterator.offset
            where = f"{source} (offset {offset})"
            try:
                try:
                    record = next(records)
                except StopIteration:
                    # warcio ends quietly on a record cut inside its headers;
                    # bytes read past the last whole record mean just that
                    if iterator.fh.tell() > offset:
                        raise EOFError("the file ends in the middle of this record") from None
                    return
                stats.records += 1
                reason = _skip_reason(record)
                body, problem = _read_body(record, max_bytes) if reason is None else (b"", None)
                warnings = iterator.err_count
                iterator.read_to_end()
                if _truncated(iterator, record):
                    raise EOFError("the file ends in the middle of this record")
                if iterator.err_count > warnings:
                    log.warning(
                        "%s: WARC record at byte offset %d is not followed by a blank line "
                        "(its Content-Length may be wrong)",
                        source,
                        offset,
                    )
            except _BROKEN as exc:
                stats.errors += 1
                detail = (str(exc).strip() or type(exc).__name__).splitlines()[0]
                yield InputError(
                    source,
                    f"broken WARC record at byte offset {offset}: {detail}; "
                    "the rest of this file is not read",
                )
                return
            if reason is not None:
                stats.skipped_by_reason[reason] += 1
                continue
            if problem is not None:
                stats.errors += 1
                yield InputError(where, f"can't read the page: {problem}")
                continue
            if len(body) > max_bytes:
                stats.errors += 1
                yield InputTooLargeError(
                    where,
                    f"page is over the limit of {max_bytes:,} bytes for one article "
                    "(raise it with --max-bytes)",
                )
                continue
            try:
                text, encoding = decode(body, where, declared=_charset(record))
            except InputError as exc:
                stats.errors += 1
                yield exc
                continue
            stats.documents += 1
            yield RawDocument(
                source=source,
                location=f"offset {offset}",
                format="html",
                content=text,
                encoding=encoding,
                url=record.rec_headers.get_header("WARC-Target-URI") or None,
                fetched=record.rec_headers.get_header("WARC-Date") or None,
            )
    finally:
        _log_summary(source, stats, before)


def _log_summary(source: str, stats: WarcStats, before: WarcStats) -> None:
    this_file = WarcStats(
        stats.records - before.records,
        stats.documents - before.documents,
        stats.errors - before.errors,
        stats.skipped_by_reason - before.skipped_by_reason,
    )
    log.info("%s: %s", source, this_file.summary())
