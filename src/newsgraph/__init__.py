"""newsgraph: raw news articles in, a knowledge base of who said what, who did
what to whom, when and where out — every fact traceable to its sentence."""

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from newsgraph.article import build_article, parse_paths
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import Analysis, Article, RawDocument, json_schema
from newsgraph.sources import read_documents

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Analysis",
    "Article",
    "InputError",
    "NewsgraphError",
    "RawDocument",
    "__version__",
    "analyze",
    "analyze_many",
    "build_article",
    "json_schema",
    "parse_paths",
    "read_documents",
]


def __getattr__(name: str) -> Any:
    """``analyze`` and ``analyze_many`` import spaCy: only when first used."""
    if name in {"analyze", "analyze_many"}:
        from newsgraph import extract

        return getattr(extract, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
