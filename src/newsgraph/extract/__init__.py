"""Understanding: named stages over one shared spaCy ``Doc`` per article.

``analyze`` / ``analyze_many`` / ``analyze_articles`` run the stages
(``STAGES``: entities, quotes, times, events; each a subpackage with one entry
point) over each article's parse; the pipeline is loaded once per process by
``load_pipeline``.
"""

from newsgraph.extract.analysis import (
    STAGES,
    analyze,
    analyze_articles,
    analyze_many,
    resolve_stages,
)
from newsgraph.extract.pipeline import DEFAULT_MODEL, EXPECTED_VERSION, load_pipeline, model_name

__all__ = [
    "DEFAULT_MODEL",
    "EXPECTED_VERSION",
    "STAGES",
    "analyze",
    "analyze_articles",
    "analyze_many",
    "load_pipeline",
    "model_name",
    "resolve_stages",
]
