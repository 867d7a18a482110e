"""Per-file publication dates for undated corpora: --dates FILE.csv and
--date-from-path, under the article's own date and over --date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.runs import read_articles
from newsgraph.runs.dates import date_from_path, read_dates

STORY = "Blair visits Iraq\n\nTony Blair flew to Baghdad last Monday to meet Iraqi leaders.\n\n"


@pytest.mark.parametrize(
    ("source", "day"),
    [
        ("archive/2004-11-03/story.txt", dt.date(2004, 11, 3)),
        ("archive/2004/11/03/story.txt", dt.date(2004, 11, 3)),
        ("bbc_20050210_politics.txt", dt.date(2005, 2, 10)),
        ("feed-2019-07-01.jsonl (line 4)", dt.date(2019, 7, 1)),
        ("politics/001.txt", None),
        ("2004/13/40/x.txt", None),
    ],
)
def test_date_from_path(source: str, day: dt.date | None) -> None:
    assert date_from_path(source) == day


def test_read_dates_matches_paths_names_and_skips_a_header(tmp_path: Path) -> None:
    (tmp_path / "dates.csv").write_text(
        "path,date\nsub/a.txt,2004-11-03\nb.txt,2005-02-10\n", encoding="utf-8"
    )
    date_of = read_dates(tmp_path / "dates.csv")
    assert date_of(str(tmp_path / "sub" / "a.txt")) == dt.date(2004, 11, 3)
    assert date_of("elsewhere/b.txt (line 2)") == dt.date(2005, 2, 10)  # by file name
    assert date_of("c.txt") is None


def test_read_dates_names_the_bad_line(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("a.txt,2004-11-03\nb.txt,2005-13-10\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: '2005-13-10' is not a YYYY-MM-DD date"):
        read_dates(tmp_path / "bad.csv")


def test_per_file_dates_come_under_the_article_own_and_over_the_run_date(tmp_path: Path) -> None:
    folder = tmp_path / "2004" / "11" / "03"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": STORY, "published": "2010-01-01"}) + "\n", encoding="utf-8"
    )
    found = {
        Path(a.source.split(" (")[0]).name: a.published
        for a in read_articles([str(tmp_path)], date=dt.date(2020, 1, 1), date_of=date_from_path)
    }
    assert found == {
        "a.txt": dt.date(2004, 11, 3),  # from its path
        "b.txt": dt.date(2020, 1, 1),  # nothing in its path: the run's date
        "c.jsonl": dt.date(2010, 1, 1),  # its own date wins
    }


def test_analyze_resolves_times_against_the_per_file_date(tmp_path: Path) -> None:
    folder = tmp_path / "2004-11-03"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(folder / "a.txt"), "--date-from-path", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert analysis["article"]["published"] == "2004-11-03"
    [monday] = [t for t in analysis["times"] if t["text"] == "last Monday"]
    assert monday["value"] == "2004-11-01"


def test_a_dates_file_that_cannot_be_read_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["parse", str(tmp_path / "a.txt"), "--dates", str(tmp_path / "none.csv")]
    )
    assert result.exit_code == 2
    assert "none.csv: cannot read the dates file" in result.stderr
