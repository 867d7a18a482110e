"""Canonical URLs (monitor.urls) and sources files (monitor.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.monitor.config import parse_interval, read_sources
from newsgraph.monitor.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM:443/a?utm_source=rss&id=3#top", "https://example.com/a?id=3"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:8080/x?fbclid=1", "http://example.com:8080/x"),
        ("ftp://example.com/x", None),
        ("not a url", None),
    ],
)
def test_urls_canonical(url: str, canonical: str | None) -> None:
    assert canonical_url(url) == canonical


def test_urls_relative_links_resolve_against_the_feed() -> None:
    assert canonical_url("/news/1", base="http://a.example/feed.xml") == "http://a.example/news/1"


def test_config_intervals() -> None:
    assert parse_interval("15m") == 900
    assert parse_interval("30s") == 30
    assert parse_interval("2h") == 7200
    with pytest.raises(NewsgraphError, match="not an interval"):
        parse_interval("soon")


def test_config_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - url: http://a.example/feed.xml\n    outlet: A Times\n    interval: 10m\n    language: en\n"
        "  - http://b.example/sitemap.xml\n",
        encoding="utf-8",
    )
    first, second = read_sources([str(path), "http://c.example/rss"])[:2]
    assert (first.url, first.outlet, first.interval, first.language) == (
        "http://a.example/feed.xml",
        "A Times",
        600.0,
        "en",
    )
    assert second.url == "http://b.example/sitemap.xml" and second.interval is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- url: file:///etc/passwd\n", "source 1: url 'file:///etc/passwd' is not an http"),
        ("- url: http://a.example/\n  colour: red\n", "source 1: unknown field 'colour'"),
        (
            "- url: http://a.example/\n  interval: often\n",
            "source 1: interval: 'often' is not an interval",
        ),
        ("- url: http://a.example/\n  language: English\n", "not an ISO 639-1 code"),
        ("{}", "expected a list of sources"),
        ("[unclosed", "not a YAML sources file"),
    ],
)
def test_config_bad_sources_files_name_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        NewsgraphError, match=problem.replace("(", r"\(").replace(")", r"\)")
    ) as raised:
        read_sources([str(path)])
    assert str(path) in str(raised.value)


def test_config_a_missing_file_says_what_a_source_is() -> None:
    with pytest.raises(NewsgraphError, match="no such file; a source is a feed or sitemap URL"):
        read_sources(["nowhere.yaml"])
