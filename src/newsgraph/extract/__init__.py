"""Understanding: stages over one shared spaCy ``Doc`` per article.

This release provides the pipeline loader; the entity, quote, time and event
stages build on it.
"""

from newsgraph.extract.pipeline import DEFAULT_MODEL, EXPECTED_VERSION, load_pipeline, model_name

__all__ = ["DEFAULT_MODEL", "EXPECTED_VERSION", "load_pipeline", "model_name"]
