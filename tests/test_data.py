"""Data files: shipped copies load, and a user's folder overrides them."""

from __future__ import annotations

import pytest

from newsgraph import data
from newsgraph.article import outlets


@pytest.fixture
def fresh_caches():
    data.load.cache_clear()
    outlets._table.cache_clear()
    yield
    data.load.cache_clear()
    outlets._table.cache_clear()


def test_data_files_say_where_their_facts_come_from():
    from importlib import resources

    for name in (
        "outlets",
        "boilerplate",
        "bylines",
        "titles",
        "countries",
        "attribution",
        "timex",
    ):
        text = resources.files("newsgraph.data").joinpath(f"{name}.yaml").read_text("utf-8")
        assert "Source" in text.split("\n\n")[0] or "Source:" in text[:600], name
        assert data.load(name)


def test_data_user_folder_overrides_a_file(tmp_path, monkeypatch, fresh_caches):
    (tmp_path / "outlets.yaml").write_text(
        "outlets:\n  - name: Gazette of Nowhere\n    aliases: [Nowhere Gazette]\n", "utf-8"
    )
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path))
    assert outlets.find_outlet("Copyright 2020 Nowhere Gazette") == "Gazette of Nowhere"
    assert data.load("bylines")["titles"]  # files not in the folder still come from the package


def test_data_broken_user_file_is_a_clear_error(tmp_path, monkeypatch, fresh_caches):
    (tmp_path / "outlets.yaml").write_text("outlets: [unclosed", "utf-8")
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path))
    with pytest.raises(Exception, match="outlets.yaml: not valid YAML"):
        data.load("outlets")


def test_data_invalid_pattern_names_the_file_and_pattern(tmp_path, monkeypatch, fresh_caches):
    from newsgraph.article import boilerplate
    from newsgraph.errors import NewsgraphError

    (tmp_path / "boilerplate.yaml").write_text("stamp:\n  - '(unclosed'\n", "utf-8")
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path))
    boilerplate._patterns.cache_clear()
    boilerplate.classify.cache_clear()
    try:
        with pytest.raises(
            NewsgraphError, match=r"boilerplate.yaml: pattern under 'stamp'.*\(unclosed"
        ):
            boilerplate.classify("Posted Updated")
    finally:
        data.load.cache_clear()
        boilerplate._patterns.cache_clear()
        boilerplate.classify.cache_clear()
