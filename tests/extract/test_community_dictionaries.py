"""The event stage with community dictionaries (PETRARCH / TABARI format):
an invented folder written here (actors with date windows, an agent, a verb
the built-in lexicon lacks with an object pattern, a discard phrase), and,
when ``../shared`` has them, the public Phoenix files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgraph.extract import analyze
from newsgraph.extract.events import community

from ..conftest import SHARED

PHOENIX = SHARED / "dictionaries" / "petrarch2"

ACTORS = """\
# invented actors
ZORBA_QUILLFEATHER_
\t[GRCGOV 150101-191231]
\t[GRCELI]
"""
AGENTS = """\
GRUMBLEMASTER [~OPP]
"""
VERBS = """\
---  BERATE_LOUDLY   [---]  ---
HARANGUE
- * PARLIAMENT                       [111]
---  BEFRIEND   [051]  ---
BEFRIEND
"""
DISCARDS = """\
QUIDDITCH MATCH
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in {
        "Test.actors.txt": ACTORS,
        "Test.agents.txt": AGENTS,
        "CAMEO.test.txt": VERBS,
        "Test.discards.txt": DISCARDS,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_DICTIONARIES", str(tmp_path))
    return tmp_path


def codes(text: str, date: dt.date) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.code, e.target.code) for e in analyze(text, date=date).events]


def test_without_dictionaries_the_invented_words_code_nothing(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_DICTIONARIES", raising=False)
    assert codes("Zorba Quillfeather befriended France.", dt.date(2017, 1, 1)) == []


def test_dated_actor_codes_choose_by_the_articles_date(folder):
    assert codes("Zorba Quillfeather befriended France.", dt.date(2017, 1, 1)) == [
        ("SUPPORT", "GRCGOV", "FRA")
    ]
    # outside the window: the undated code
    assert codes("Zorba Quillfeather befriended France.", dt.date(2021, 1, 1)) == [
        ("SUPPORT", "GRCELI", "FRA")
    ]


def test_verb_patterns_and_agents_extend_the_lexicon(folder):
    found = codes("Greek grumblemasters harangued the French parliament.", dt.date(2017, 1, 1))
    assert found == [("ACCUSE", "GRCOPP", "FRALEG")]


def test_discard_phrases_skip_their_sentence(folder):
    text = "Zorba Quillfeather befriended France after the quidditch match."
    assert codes(text, dt.date(2017, 1, 1)) == []


def test_a_missing_folder_is_one_clear_error(tmp_path, monkeypatch):
    from newsgraph.errors import NewsgraphError

    monkeypatch.setenv("NEWSGRAPH_DICTIONARIES", str(tmp_path / "nowhere"))
    with pytest.raises(NewsgraphError, match="nowhere"):
        community.active()


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="needs ../shared/dictionaries/petrarch2")
def test_phoenix_office_holders_code_people_the_tables_lack(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_DICTIONARIES", raising=False)
    text = "Michel Suleiman met Nicolas Sarkozy in Paris."
    without = {e.name: e.code for e in analyze(text, date=dt.date(2008, 7, 12)).entities}
    monkeypatch.setenv("NEWSGRAPH_DICTIONARIES", str(PHOENIX))
    found = {e.name: e.code for e in analyze(text, date=dt.date(2008, 7, 12)).entities}
    assert found["Michel Suleiman"] == "LBNGOV" and without["Michel Suleiman"] != "LBNGOV"
