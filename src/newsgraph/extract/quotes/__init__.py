"""The quotes stage: direct, partial and indirect speech with speakers.

``marks`` scans quotation marks, ``speakers`` finds the attribution cue and
its subject, ``finder`` makes ``QuoteSpan`` records (``find_quotes``), and
``linking`` resolves each speaker to an entity of the article."""

from newsgraph.extract.quotes.finder import QuoteSpan, find_quotes
from newsgraph.extract.quotes.linking import link_quotes, quote_speakers

__all__ = ["QuoteSpan", "find_quotes", "link_quotes", "quote_speakers"]
