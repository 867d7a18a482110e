"""Poison pills between good records, generated (issue 16, item 9): whatever
a record holds (random text with control characters and lone surrogates,
odd JSON values, huge numbers, deep nesting, absurd dates and URLs), the good
records around it are stored, on SQLite and on PostgreSQL, and the run ends
``finished`` with no traceback."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.runs import ingest
from newsgraph.store.db import open_database

_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=0, max_size=300)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False)
    | _TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["text", "url", "title", "published", "x"]), children)
    ),
    max_leaves=12,
)
_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "url": _TEXT | st.just("http://example.com/" + "u" * 3000),
        "title": _TEXT,
        "text": _TEXT | _JSON,
        "published": _TEXT | st.sampled_from(["9999-12-31", "0001-01-01", "2005-02-30"]) | _JSON,
        "outlet": _TEXT | st.just("O" * 1000),
        "section": _TEXT,
        "authors": st.lists(_TEXT, max_size=3) | _JSON,
        "html": st.sampled_from(["<html><body><script>", "<p>\x00</p>", "<" * 5000]),
    },
)


def _poison_line(kind: str, value: Any) -> str:
    if kind == "raw":
        return str(value).replace("\n", " ")
    if kind == "deep":
        return "[" * int(value) + "]" * int(value)
    return json.dumps(value)  # lone surrogates become \\udXXX escapes, as producers write them


_POISON = st.one_of(
    st.tuples(st.just("raw"), _TEXT),
    st.tuples(st.just("json"), _FIELDS),
    st.tuples(st.just("json"), _JSON),
    st.tuples(st.just("deep"), st.integers(min_value=500, max_value=200_000)),
)


def _good(tag: str, n: int) -> str:
    return json.dumps(
        {
            "url": f"http://example.com/{tag}/{n}",
            "title": f"Minister backs plan {n}",
            "text": f"Prime Minister Tony Blair said on Monday that plan {n} would work. "
            '"It is good for Britain," he said.',
        }
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(poison=_POISON)
def test_good_records_around_a_poison_pill_are_stored(
    poison: tuple[str, Any], db_url: str, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:12]
    source = tmp_path / f"{tag}.jsonl"
    lines = [_good(tag, 1), _poison_line(*poison), _good(tag, 2)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    engine = open_database(db_url)
    try:
        report = ingest([str(source)], engine, analyse_articles=False)
        with engine.connect() as connection:
            urls = set(
                connection.execute(
                    sa.text("SELECT url FROM articles WHERE url LIKE :p"),
                    {"p": f"http://example.com/{tag}/%"},
                ).scalars()
            )
            status = connection.execute(
                sa.text("SELECT status FROM runs WHERE id = :id"), {"id": report.run_id}
            ).scalar_one()
    finally:
        engine.dispose()
    assert urls == {f"http://example.com/{tag}/1", f"http://example.com/{tag}/2"}
    assert status == "finished"
    assert report.read == report.stored + report.duplicates + report.failed + report.refused


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_any_text_is_analysed_or_reported_never_raised(text: str) -> None:
    """The analysis of any text (control characters, surrogates, scripts)
    ends in an analysis or a clean error, in this process."""
    from newsgraph.errors import InputError
    from newsgraph.extract import analyze

    try:
        result = analyze("Tony Blair said. " + text)
    except InputError:
        return
    assert "\x00" not in result.article.text
