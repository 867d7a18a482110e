"""Readers: files, directories, globs, standard input -> RawDocument, lazily.

Formats: plain-text scrapes, HTML pages, JSON Lines and JSON records, each
optionally gzip-compressed, and WARC web archives (``.warc``, ``.warc.gz``);
detected from content unless ``input_format`` says otherwise.
"""

from newsgraph.sources.detect import FORMATS, detect_format
from newsgraph.sources.reader import DEFAULT_MAX_BYTES, read_documents, read_source
from newsgraph.sources.warc import WarcStats, read_warc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "WarcStats",
    "detect_format",
    "read_documents",
    "read_source",
    "read_warc",
]
