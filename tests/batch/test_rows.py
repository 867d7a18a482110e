"""The batch job's per-partition function and rows, without Spark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.batch.job import process_files
from newsgraph.batch.rows import TABLES, location
from newsgraph.extract import analysis as analysis_module

from ..conftest import DATA


def test_location() -> None:
    assert location("a.jsonl", 3) == "a.jsonl:3"
    assert location("a.jsonl (line 7)") == "a.jsonl:7"
    assert location("c.warc.gz (offset 1234)") == "c.warc.gz@1234"
    assert location("c.warc.gz", None, "broken WARC record at byte offset 99: x") == "c.warc.gz@99"
    assert location("a.txt") == "a.txt"


def test_a_stage_that_raises_is_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (DATA / "nyt-iran-prisoners.txt").read_text("utf-8")
    source = tmp_path / "two.jsonl"
    records = [
        {"url": "https://example.test/ok", "published": "2023-09-18", "text": text},
        {"url": "https://example.test/boom", "published": "2023-09-19", "text": text + "\n\nBoom."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    real = analysis_module.analyze_doc

    def flaky(article, doc, headline, **options):  # type: ignore[no-untyped-def]
        if article.url.endswith("boom"):
            raise RuntimeError("stage broke")
        return real(article, doc, headline, **options)

    monkeypatch.setattr(analysis_module, "analyze_doc", flaky)
    rows = list(process_files([str(source)]))
    articles = [dict(zip(TABLES["articles"], r, strict=True)) for t, r in rows if t == "articles"]
    errors = [dict(zip(TABLES["errors"], r, strict=True)) for t, r in rows if t == "errors"]
    assert [a["url"] for a in articles] == ["https://example.test/ok"]
    assert len(errors) == 1
    assert errors[0]["location"] == f"{source}:2"
    assert errors[0]["stage"] == "analyse"
    assert errors[0]["published"] == "2023-09-19"
    assert "stage broke" in errors[0]["reason"]
