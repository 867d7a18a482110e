"""WARC archives: HTML responses become documents, everything else is counted and skipped."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import InputError, InputTooLargeError
from newsgraph.model import RawDocument
from newsgraph.sources import WarcStats, read_documents, read_warc
from newsgraph.sources.decode import GZIP_MAGIC
from newsgraph.sources.warc import looks_like_warc

from ..conftest import EVAL_DEV, ROOT

URL_A = "https://news.example.org/2024/05/17/harbour-bridge-reopens"
URL_B = "https://nouvelles.example.fr/2024/05/17/cafe-creme"
WHIRLWIND = EVAL_DEV / "articles" / "warc-fixture-commoncrawl" / "whirlwind.warc.gz"

PARAGRAPHS_A = [
    "The harbour bridge reopened to traffic on Friday after eight months of repairs, "
    "the city's transport department said in a statement.",
    "Officials said the work cost €41 million, slightly over the original budget, "
    "and that the last lane markings were painted overnight.",
    "“We are glad to give the bridge back to the people who use it every day,” "
    "said Maria Lopez, the transport commissioner, at a ceremony on the east bank.",
    "Commuters had faced detours of up to forty minutes while the crossing was shut.",
]
PARAGRAPHS_B = [
    "The old Café Crème on the market square will close its doors at the end of the "
    "month after ninety years in business, its owner said on Thursday.",
    "Élodie Marchand, whose grandfather opened the café in 1934, said rising rents had "
    "made the business impossible to keep going.",
    "“It breaks my heart, but the numbers no longer add up,” she told reporters in front "
    "of the shop, where regulars had gathered to say goodbye.",
    "The town council said it would look for a new tenant willing to keep the café open.",
]


def _page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


# Page A declares its charset only in the HTTP header (ISO-8859-15: "€" is byte
# 0xA4, which a guess would read as "¤"); page B only in a <meta> (Latin-1).
PAGE_A = _page("Harbour bridge reopens", PARAGRAPHS_A).encode("iso-8859-15", "replace")
PAGE_B = _page("Café Crème to close", PARAGRAPHS_B, head='<meta charset="iso-8859-1">').encode(
    "latin-1", "replace"
)


def build_warc(*, gzip: bool) -> tuple[bytes, dict[str, int]]:
    """A small crawl: warcinfo, a request, two HTML pages, a redirect, a PDF.
    Returns the bytes and each interesting record's byte offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets: dict[str, int] = {}

    def write(record: object) -> None:
        writer.write_record(record)
        record.raw_stream.close()  # type: ignore[attr-defined]  # warcio's spooled temp file

    def response(url: str, status: str, content_type: str, body: bytes) -> None:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        if status.startswith("301"):
            headers.append(("Location", URL_A))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http
        )
        offsets[url] = buffer.tell()
        write(record)

    write(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
    request = StatusAndHeaders(
        "GET /2024/05/17/harbour-bridge-reopens HTTP/1.1",
        [("Host", "news.example.org")],
        is_http_request=True,
    )
    write(
        writer.create_warc_record(URL_A, "request", payload=io.BytesIO(b""), http_headers=request)
    )
    response(URL_A, "200 OK", "text/html; charset=ISO-8859-15", PAGE_A)
    response("http://news.example.org/old", "301 Moved Permanently", "text/html", b"")
    response("https://news.example.org/report.pdf", "200 OK", "application/pdf", b"%PDF-1.7\n")
    response(URL_B, "200 OK", "text/html", PAGE_B)
    return buffer.getvalue(), offsets


def _read(data: bytes, source: str = "crawl.warc.gz", **kwargs: int):
    stats = WarcStats()
    max_bytes = kwargs.get("max_bytes", 1_000_000)
    items = list(read_warc(io.BytesIO(data), source, max_bytes=max_bytes, stats=stats))
    return items, stats


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_html_responses_become_documents(gzip: bool) -> None:
    data, offsets = build_warc(gzip=gzip)
    items, stats = _read(data)
    assert all(isinstance(item, RawDocument) for item in items)
    docs = [item for item in items if isinstance(item, RawDocument)]
    assert [d.url for d in docs] == [URL_A, URL_B]
    assert all(d.format == "html" and d.source == "crawl.warc.gz" for d in docs)
    # the HTTP header's charset is honoured; the <meta> one is used when it is alone
    assert "€41 million" in docs[0].content and docs[0].encoding == "iso8859-15"
    assert "Café Crème" in docs[1].content and docs[1].encoding == "cp1252"
    # each document points at its record's first byte
    for doc in docs:
        offset = int(doc.location.removeprefix("offset "))  # type: ignore[union-attr]
        assert offset == offsets[doc.url]  # type: ignore[index]
        start = data[offset:]
        assert start.startswith(GZIP_MAGIC if gzip else b"WARC/1.")
    # the crawl date is kept as the fetch date, never as a publication date
    assert all(d.published is None for d in docs)
    assert all(d.fetched and d.fetched[:2] == "20" for d in docs)
    assert stats.records == 6 and stats.documents == 2 and stats.errors == 0
    assert stats.skipped_by_reason == {
        "warcinfo record": 1,
        "request record": 1,
        "HTTP 301": 1,
        "content type application/pdf": 1,
    }
    assert "6 WARC records, 2 HTML pages read" in stats.summary()


def test_truncated_gzip_yields_the_good_records_then_one_error() -> None:
    data, offsets = build_warc(gzip=True)
    last = offsets[URL_B]
    cut = data[: last + (len(data) - last) // 2]  # in the middle of the last member
    items, stats = _read(cut, "cut.warc.gz")
    assert [i.url for i in items if isinstance(i, RawDocument)] == [URL_A]
    assert isinstance(items[-1], InputError)
    assert sum(isinstance(i, InputError) for i in items) == 1
    assert items[-1].source == "cut.warc.gz"
    assert f"byte offset {last}" in str(items[-1])
    assert stats.errors == 1 and stats.documents == 1


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("keep", [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_cut_anywhere_never_raises(gzip: bool, keep: float) -> None:
    data, _ = build_warc(gzip=gzip)
    items, _ = _read(data[: int(len(data) * keep)])
    assert isinstance(items[-1], InputError)
    assert "byte offset" in str(items[-1])


def test_corrupt_member_is_an_error_not_an_exception() -> None:
    data, offsets = build_warc(gzip=True)
    start = offsets[URL_B]
    broken = data[: start + 20] + bytes(b ^ 0x5A for b in data[start + 20 : start + 80])
    broken += data[start + 80 :]
    items, _ = _read(broken)
    assert [i.url for i in items if isinstance(i, RawDocument)] == [URL_A]
    assert isinstance(items[-1], InputError)
    assert f"byte offset {start}" in str(items[-1])


def test_a_page_over_the_limit_is_an_error_and_reading_goes_on() -> None:
    data, _ = build_warc(gzip=True)
    limit = (len(PAGE_A) + len(PAGE_B)) // 2
    assert len(PAGE_A) <= limit < len(PAGE_B)
    items, stats = _read(data, max_bytes=limit)
    assert [type(i) for i in items] == [RawDocument, InputTooLargeError]
    assert items[0].url == URL_A  # type: ignore[union-attr]
    assert "offset" in str(items[1]) and f"{limit:,} bytes" in str(items[1])
    assert stats.errors == 1 and stats.documents == 1


def test_read_documents_recognises_warc_by_name_and_by_content(tmp_path: Path) -> None:
    gz, _ = build_warc(gzip=True)
    plain, _ = build_warc(gzip=False)
    (tmp_path / "crawl.warc.gz").write_bytes(gz)
    (tmp_path / "crawl.warc").write_bytes(plain)
    (tmp_path / "nameless").write_bytes(gz)  # no suffix: known by its content
    (tmp_path / "nameless-plain").write_bytes(plain)
    docs = list(read_documents([str(tmp_path)]))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs if isinstance(d, RawDocument)] == [URL_A, URL_B] * 4
    forced = list(read_documents([str(tmp_path / "nameless")], input_format="warc"))
    assert [d.url for d in forced if isinstance(d, RawDocument)] == [URL_A, URL_B]


def test_looks_like_warc() -> None:
    gz, _ = build_warc(gzip=True)
    assert looks_like_warc(gz[:100]) and looks_like_warc(b"WARC/1.1\r\n")
    assert looks_like_warc(b"", "x/CC-NEWS-2024.warc.gz")
    assert not looks_like_warc(b"<html>", "page.html") and not looks_like_warc(GZIP_MAGIC + b"x")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_parse_reads_a_warc(tmp_path: Path) -> None:
    data, offsets = build_warc(gzip=True)
    good = tmp_path / "crawl.warc.gz"
    good.write_bytes(data)
    result = _cli("parse", str(good), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["url"] for a in articles] == [URL_A, URL_B]
    assert articles[0]["headline"] == "Harbour bridge reopens"
    assert "€41 million" in articles[0]["text"]
    assert articles[1]["source"] == f"{good} (offset {offsets[URL_B]})"

    cut = tmp_path / "cut.warc.gz"
    last = offsets[URL_B]
    cut.write_bytes(data[: last + (len(data) - last) // 2])
    result = _cli("parse", str(cut), "--format", "jsonl")
    assert result.returncode == 1
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == [URL_A]
    assert str(cut) in result.stderr and f"byte offset {last}" in result.stderr


@pytest.mark.skipif(not WHIRLWIND.exists(), reason="shared Common Crawl fixture not present")
def test_common_crawl_fixture() -> None:
    stats = WarcStats()
    with WHIRLWIND.open("rb") as stream:
        items = list(read_warc(stream, str(WHIRLWIND), max_bytes=10_000_000, stats=stats))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    doc = items[0]
    assert doc.url == "https://an.wikipedia.org/wiki/Escopete"
    assert "Escopete" in doc.content and doc.encoding == "utf-8"
    assert doc.location == "offset 1023"
    assert stats.skipped_by_reason == {
        "warcinfo record": 1,
        "request record": 1,
        "metadata record": 1,
    }
    via_reader = list(read_documents([str(WHIRLWIND)]))
    assert [d.url for d in via_reader if isinstance(d, RawDocument)] == [doc.url]
