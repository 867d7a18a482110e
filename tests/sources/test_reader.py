"""Readers: format detection, encodings, containers, and every bad input."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingInputError,
    RecordError,
)
from newsgraph.model import RawDocument
from newsgraph.sources import detect_format, read_documents, read_source

STORY = "Headline here\n\nBy JANE DOE\n\nLONDON (Reuters) - The body of the story goes on for a while.\n"
PAGE = "<!doctype html><html><head><title>T</title></head><body><p>Hello there.</p></body></html>"


def _read(paths, **kwargs) -> list[RawDocument | InputError]:
    return list(read_documents([str(p) for p in paths], **kwargs))


def _one(path: Path, **kwargs) -> RawDocument:
    [doc] = list(read_source(path, **kwargs))
    assert isinstance(doc, RawDocument), doc
    return doc


def test_reader_detects_formats():
    assert detect_format(STORY.encode(), "x") == "text"
    assert detect_format(PAGE.encode(), "x") == "html"
    assert detect_format(b'  {"text": "a"}\n{"text": "b"}\n', "x") == "jsonl"
    assert detect_format(b'{\n  "text": "a"\n}\n', "x") == "json"
    assert detect_format(b'[{"text": "a"}]', "x") == "json"
    assert detect_format(b"Plain <b>text</b> that mentions a tag.", "x") == "text"
    assert (
        detect_format(b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "x") == "feed"
    )
    assert detect_format(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "x") == "feed"
    assert detect_format(b"<urlset><url><loc>http://a/</loc></url></urlset>", "x") == "feed"


def test_reader_plain_text_and_html(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, "utf-8")
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    text, html = _read([tmp_path / "story.txt", tmp_path / "page.html"])
    assert (text.format, text.content, text.encoding) == ("text", STORY, "utf-8")
    assert html.format == "html" and "<p>Hello there.</p>" in html.content


def test_reader_input_format_override(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    assert _one(path, input_format="text").format == "text"


def test_reader_gzip_is_transparent(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode()))
    assert _one(path).content == STORY


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        (
            "windows-1252",
            "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve r\u00e9sum\u00e9 text, long enough to detect.\n"
            * 5,
        ),
        ("utf-16", "UTF-16 with a byte-order mark \u2014 caf\u00e9.\n"),
        ("utf-8-sig", "UTF-8 with a BOM \u2014 caf\u00e9.\n"),
    ],
)
def test_reader_detects_encodings(tmp_path, encoding, data):
    path = tmp_path / "story.txt"
    path.write_bytes(data.encode(encoding))
    doc = _one(path)
    assert doc.content == data
    assert doc.encoding


def test_reader_html_declared_charset(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Gr\u00fc\u00dfe aus K\u00f6ln</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("iso-8859-1"))
    assert "Gr\u00fc\u00dfe aus K\u00f6ln" in _one(path).content


def test_reader_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY, "utf-8")
    (tmp_path / "a.html").write_text(PAGE, "utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, "utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    docs = _read([tmp_path])
    assert [Path(d.source).name for d in docs] == ["a.html", "two.txt"]


def test_reader_glob_pattern(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(STORY, "utf-8")
    docs = _read([tmp_path / "x*.txt"])
    assert [Path(d.source).name for d in docs] == ["x1.txt", "x2.txt"]


def test_reader_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    [doc] = list(read_documents(["-"]))
    assert doc.source == "<stdin>" and doc.content == STORY


def test_reader_stdin_json_lines_streams(monkeypatch):
    lines = b"".join(json.dumps({"text": f"Story {i}."}).encode() + b"\n" for i in range(3))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines)))
    docs = list(read_documents(["-"]))
    assert [d.content for d in docs] == ["Story 0.", "Story 1.", "Story 2."]
    assert docs[2].location == "line 3"


def test_reader_json_lines_fields(tmp_path):
    records = [
        {
            "url": "https://ex.org/a",
            "title": "A",
            "text": "Body A.",
            "published": "2018-01-11",
            "outlet": "Reuters",
            "authors": ["Jane Doe"],
            "section": "World",
        },
        {
            "link": "https://ex.org/b",
            "headline": "B",
            "html": PAGE,
            "date_publish": "2019-02-03 10:00:00",
            "source_domain": "ex.org",
            "author": "John Roe",
        },
        {"maintext": "news-please style", "source": {"name": "AP"}},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    a, b, c = _read([path])
    assert (a.url, a.title, a.format, a.published, a.outlet, a.authors, a.section) == (
        "https://ex.org/a",
        "A",
        "text",
        "2018-01-11",
        "Reuters",
        ["Jane Doe"],
        "World",
    )
    assert (b.url, b.title, b.format, b.published, b.outlet, b.authors) == (
        "https://ex.org/b",
        "B",
        "html",
        "2019-02-03 10:00:00",
        "ex.org",
        ["John Roe"],
    )
    assert (c.content, c.outlet) == ("news-please style", "AP")


def test_reader_json_array(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]), "utf-8")
    docs = _read([path])
    assert [d.content for d in docs] == ["One.", "Two."]
    assert docs[1].location == "record 1"


# --- bad input: each is one clear error naming the file, the rest still read ---


def test_reader_bad_json_lines_records_are_reported_and_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"text": "good one"}\n'
        b'{"text": "broken\n'
        b'["not", "an", "object"]\n'
        b'{"title": "no text"}\n'
        b'{"text": 42}\n'
        b'{"text": "caf\xe9 latin-1"}\n'
        b'{"text": "good two"}\n'
    )
    items = _read([path])
    good = [i.content for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert good == ["good one", "good two"]
    assert [(e.line, type(e)) for e in errors] == [(n, RecordError) for n in (2, 3, 4, 5, 6)]
    assert str(errors[0]).startswith(f"{path}:2: malformed JSON")
    assert "expected a JSON object" in str(errors[1])
    assert "no article text" in str(errors[2])
    assert "should be a string" in str(errors[3])
    assert "not valid UTF-8" in str(errors[4])


def test_reader_missing_path_and_empty_glob(tmp_path):
    missing, nothing = _read([tmp_path / "nope.txt", tmp_path / "*.nothing"])
    assert isinstance(missing, MissingInputError)
    assert str(missing) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert isinstance(nothing, MissingInputError) and "no file matches" in str(nothing)


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyInputError, "empty file"),
        (b"  \n\t\n", EmptyInputError, "only white space"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), BinaryInputError, "PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), BinaryInputError, "PDF document"),
        (b"text\x00with\x00nul" * 10, BinaryInputError, "NUL bytes"),
    ],
)
def test_reader_bad_files(tmp_path, content, error, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [item] = _read([path])
    assert isinstance(item, error)
    assert str(item).startswith(str(path)) and message in str(item)


def test_reader_very_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        chunk = b"All work and no play makes a very long article. " * 20_000
        while out.tell() < 50_000_000:
            out.write(chunk)
        out.truncate(50_000_000)
    start = time.perf_counter()
    [item] = _read([path])
    assert time.perf_counter() - start < 1.0
    assert isinstance(item, InputTooLargeError)
    assert "is 50.0 MB, over the 10.0 MB limit" in str(item) and "--max-bytes" in str(item)


def test_reader_large_gzip_is_refused(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 2_000_000))
    [item] = _read([path], max_bytes=1_000_000)
    assert isinstance(item, InputTooLargeError)


def test_reader_truncated_gzip(tmp_path):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode() * 50)[:60])
    [item] = _read([path])
    assert isinstance(item, InputError) and "gzip" in str(item)


def test_reader_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "1.txt").write_text(STORY, "utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text(STORY, "utf-8")
    kinds = [type(i).__name__ for i in _read([tmp_path])]
    assert kinds == ["RawDocument", "EmptyInputError", "RawDocument"]


# --- edge cases found in review ---


def test_reader_json_lines_with_a_long_first_record(tmp_path):
    body = "A long article body. " * 1000  # ~21 KB, longer than a read buffer
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": body}) + "\n" + json.dumps({"text": "Second."}) + "\n")
    docs = _read([path])
    assert [d.content for d in docs] == [body, "Second."]


def test_reader_corrupt_gzip_is_one_error(tmp_path):
    data = bytearray(gzip.compress(STORY.encode() * 20))
    data[30:40] = b"\xff" * 10
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(bytes(data))
    [item] = _read([path])
    assert isinstance(item, InputError) and "gzip" in str(item)


def test_reader_odd_metadata_is_dropped_not_fatal(tmp_path, caplog):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": "Body.",
                "authors": [{"id": 1}, {"name": "Jane Doe"}],
                "published": 1515628800,
                "outlet": {"$oid": "x"},
            }
        )
        + "\n"
    )
    [doc] = _read([path])
    assert doc.authors == ["Jane Doe"]
    assert doc.published == "2018-01-11"
    assert doc.outlet is None and "should be a string" in caplog.text


def test_reader_scrape_opening_with_a_bracket_is_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("[Updated at 3 p.m.] Storm hits the coast\n\nThe storm arrived on Monday.\n")
    [doc] = _read([path])
    assert doc.format == "text" and doc.content.startswith("[Updated")


def test_reader_empty_directory_and_unknown_home(tmp_path):
    (tmp_path / "empty").mkdir()
    empty, home = _read([tmp_path / "empty", "~nosuchuser-xyz/x.txt"])
    assert isinstance(empty, MissingInputError) and "no article files" in str(empty)
    assert isinstance(home, MissingInputError)


def test_reader_utf8_with_a_stray_byte_and_declared_latin1(tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_bytes(("Caf\u00e9 society " * 200).encode() + b"\xff" + b" and more text.\n")
    [doc] = _read([stray])
    assert doc.content.startswith("Caf\u00e9 society") and doc.encoding == "utf-8"
    page = tmp_path / "page.html"
    page.write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><p>\x93Quoted\x94 \x96 text</p></body></html>'
    )
    [doc] = _read([page])
    assert "\u201cQuoted\u201d \u2013 text" in doc.content


def test_reader_overlong_json_lines_record_is_skipped(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    first, second = _read([path], max_bytes=1000)
    assert isinstance(first, RecordError) and first.line == 1 and "over the limit" in str(first)
    assert second.content == "ok"


def test_short_western_text_in_a_single_byte_code_page_reads_as_cp1252(tmp_path):
    """A detector may take a short Latin-1 text for a Baltic code page
    ("Cafķ in M³nchen"); Cyrillic and Central European texts keep theirs."""
    from newsgraph.sources.decode import decode

    latin = "Café in München: the café owner said prices rose.".encode("latin-1")
    assert decode(latin, "x")[0].startswith("Café in München")
    russian = ("Москва заявила в понедельник, что переговоры продолжатся. " * 3).encode("cp1251")
    text, encoding = decode(russian, "x")
    assert text.startswith("Москва") and encoding == "cp1251"
    polish = ("Warszawa poinformowała, że rząd zbierze się w środę. Łódź też. " * 3).encode(
        "cp1250"
    )
    text, _ = decode(polish, "x")
    assert "poinformowała" in text and "Łódź" in text
