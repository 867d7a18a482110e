"""The spaCy model is the one DESIGN.md pins, and it loads offline."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsgraph.errors import ModelError
from newsgraph.extract import DEFAULT_MODEL, load_pipeline, model_name


def _meta() -> dict:
    package = resources.files(DEFAULT_MODEL)
    [meta] = [p for p in package.iterdir() if p.is_dir() and (p / "meta.json").is_file()]
    return json.loads((meta / "meta.json").read_text("utf-8"))


def test_pipeline_model_fingerprint_matches_official_release():
    meta = _meta()
    assert meta["version"] == "3.8.0"
    # explosion/spacy-models meta/en_core_web_sm-3.8.0.json, to ten digits
    assert round(meta["performance"]["ents_f"], 10) == 0.8433119744
    assert round(meta["performance"]["speed"], 10) == 9426.1029865937


def test_pipeline_loads_and_parses():
    nlp = load_pipeline()
    doc = nlp("Hamidreza Taraghi spoke in Tehran on Thursday.")
    assert nlp.meta["version"] == "3.8.0"
    assert {ent.label_ for ent in doc.ents} & {"PERSON", "GPE", "DATE"}
    assert load_pipeline() is nlp  # once per process


def test_pipeline_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match="not installed"):
        load_pipeline("no_such_pipeline_xyz")


def test_pipeline_model_name_from_environment(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODEL", "my_model")
    assert model_name() == "my_model"
    assert model_name("explicit") == "explicit"
