"""newsgraph: raw news articles in, a knowledge base of who said what, who did
what to whom, when and where out — every fact traceable to its sentence.

The names below are imported when first used, so that ``import newsgraph``
(and ``newsgraph --version``) stays fast and loads none of spaCy,
trafilatura, dateparser or SQLAlchemy."""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

_LAZY = {
    "Analysis": "newsgraph.model",
    "Article": "newsgraph.model",
    "RawDocument": "newsgraph.model",
    "json_schema": "newsgraph.model",
    "InputError": "newsgraph.errors",
    "NewsgraphError": "newsgraph.errors",
    "build_article": "newsgraph.article",
    "parse_paths": "newsgraph.article",
    "read_documents": "newsgraph.sources",
    "analyze": "newsgraph.extract",
    "analyze_many": "newsgraph.extract",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    """The public names, from their modules on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    return getattr(import_module(module), name)
