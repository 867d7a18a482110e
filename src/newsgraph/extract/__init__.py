"""Understanding: stages over one shared spaCy ``Doc`` per article.

``analyze`` / ``analyze_many`` / ``analyze_articles`` run the stages
(entities with coreference, quotes, times) over each article's parse; the
pipeline is loaded once per process by ``load_pipeline``.
"""

from newsgraph.extract.analysis import analyze, analyze_articles, analyze_many
from newsgraph.extract.pipeline import DEFAULT_MODEL, EXPECTED_VERSION, load_pipeline, model_name

__all__ = [
    "DEFAULT_MODEL",
    "EXPECTED_VERSION",
    "analyze",
    "analyze_articles",
    "analyze_many",
    "load_pipeline",
    "model_name",
]
