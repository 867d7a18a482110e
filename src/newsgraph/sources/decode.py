"""Bytes to text: gzip, byte-order marks, binary detection, encoding detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInputError, EmptyInputError

GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"WARC/": "a WARC archive (read it with --input-format warc or auto)",
}
_WEB_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def describe_binary(data: bytes) -> str | None:
    """What a binary file looks like ("a PDF document"), or None for text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def _web_codec(name: str) -> str | None:
    """The codec a browser would use for a declared charset name, or None."""
    if name.lower() in _WEB_AS_CP1252:  # what browsers do (WHATWG encoding standard)
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# Latin-script code pages a detector may prefer for a short Western text.
_LATIN_SCRIPT = frozenset(
    {
        "cp775",
        "cp850",
        "cp437",
        "cp1250",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_4",
        "iso8859_13",
        "iso8859_15",
        "mac_latin2",
        "mac_roman",
    }
)
_WESTERN_PUNCTUATION = frozenset("\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u20ac")


def _western(data: bytes) -> bool:
    """Whether the bytes read as cp1252 give only Western European letters
    and news punctuation (then a detector's Baltic or Central European guess
    for a short text, "Cafķ in M³nchen", is worse than the web's default)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(
        c < "\x80"
        or "\u00c0" <= c <= "\u00ff"
        or c in _WESTERN_PUNCTUATION
        or c in "\u00a0\u00ab\u00bb\u00b0\u00a3\u00a7"
        for c in text
    )


def decode(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a document's bytes.

    Order: byte-order mark, the ``declared`` charset (an HTTP Content-Type's,
    when the container has one), strict UTF-8, an HTML <meta charset>, then
    charset-normalizer's detection. Raises EmptyInputError or BinaryInputError.
    """
    if not data.strip():
        raise EmptyInputError(source, "empty file" if not data else "file holds only white space")
    what = describe_binary(data)
    if what:
        raise BinaryInputError(source, f"not a text file: looks like {what}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                break
    codec = _web_codec(declared) if declared else None
    if codec:
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # the header lied; go on as if it had said nothing
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(1, len(lenient) // 2000):  # UTF-8 with a stray byte
        return lenient, "utf-8"
    found = _META_CHARSET.search(data[:4096])
    if found:
        meta = _web_codec(found.group(1).decode("ascii", "replace"))
        if meta:
            try:
                return data.decode(meta), meta
            except (LookupError, UnicodeDecodeError):
                pass
    results = from_bytes(data[:1_000_000])
    best = results.best()
    if best is None or best.encoding is None:
        raise BinaryInputError(source, "not a text file: no text encoding fits its bytes")
    encoding = best.encoding
    # Single-byte Western text fits several code pages equally well; the web's
    # most common one (and what browsers read "latin-1" as) wins the tie.
    single_byte = encoding.startswith(("cp12", "cp7", "cp8", "latin", "iso8859", "mac"))
    if encoding != "cp1252" and single_byte:
        if any(m.encoding == "cp1252" for m in results) or (
            encoding in _LATIN_SCRIPT and _western(data)
        ):
            encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        raise BinaryInputError(source, f"not a text file: undecodable as {encoding}") from None
