"""Downloading the pinned Phoenix dictionaries, against local HTTP servers
(this machine has no internet): one serving the files of
../shared/dictionaries/petrarch2 in the repository's layout (skipped when
that folder is absent), others serving wrong bytes, errors or nothing."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.dictionaries import fetch_dictionaries, load_dictionaries
from newsgraph.dictionaries.fetch import BASE_URL, COMMIT, PINNED_FILES
from newsgraph.errors import NewsgraphError

from ..conftest import SHARED

PHOENIX = SHARED / "dictionaries" / "petrarch2"

Responder = Callable[[str], tuple[int, bytes]]
"""Request path -> (status, body)."""


@contextmanager
def serving(respond: Responder, delay: float = 0.0) -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server answering GETs with ``respond``; yields its base
    URL and the list of paths requested."""
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            requested.append(self.path)
            if delay:
                time.sleep(delay)
            status, body = respond(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def shared_files(path: str) -> tuple[int, bytes]:
    """The repository layout at the pinned commit, from ../shared."""
    for pinned in PINNED_FILES:
        if path == "/" + pinned.path:
            return 200, (PHOENIX / pinned.name).read_bytes()
    return 404, b"not found"


def needs_shared() -> None:
    if not all((PHOENIX / p.name).is_file() for p in PINNED_FILES):
        pytest.skip(f"{PHOENIX} not found (set NEWSGRAPH_SHARED to the shared/ folder)")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_pins_name_the_readme_files_and_the_commit() -> None:
    assert len(COMMIT) == 40 and COMMIT.startswith("676801c")
    assert BASE_URL == f"https://raw.githubusercontent.com/openeventdata/petrarch2/{COMMIT}"
    assert [p.name for p in PINNED_FILES] == [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "CAMEO.2.0.txt",
        "Phoenix.discards.txt",
        "LICENSE",
    ]
    assert PINNED_FILES[0].url(BASE_URL + "/") == (
        f"{BASE_URL}/petrarch2/data/dictionaries/Phoenix.Countries.actors.txt"
    )
    assert PINNED_FILES[-1].url(BASE_URL) == f"{BASE_URL}/LICENSE"


def test_pins_match_the_shared_copies() -> None:
    needs_shared()
    for pinned in PINNED_FILES:
        data = (PHOENIX / pinned.name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (pinned.size, pinned.sha256)


def test_fetch_downloads_checks_and_then_keeps(tmp_path: Path) -> None:
    needs_shared()
    target = tmp_path / "new" / "dictionaries"
    seen: list[tuple[str, bool]] = []
    with serving(shared_files) as (url, requested):
        paths = fetch_dictionaries(
            target, base_url=url, progress=lambda p, d: seen.append((p.name, d))
        )
        assert paths == [target / p.name for p in PINNED_FILES]
        assert seen == [(p.name, True) for p in PINNED_FILES]
        assert leftovers(target) == sorted(p.name for p in PINNED_FILES)
        for pinned in PINNED_FILES:
            assert (target / pinned.name).read_bytes() == (PHOENIX / pinned.name).read_bytes()
        assert len(requested) == len(PINNED_FILES)

        (target / "Phoenix.discards.txt").write_text("edited\n")  # wrong checksum: fetched again
        seen.clear()
        assert (
            fetch_dictionaries(target, base_url=url, progress=lambda p, d: seen.append((p.name, d)))
            == paths
        )
        assert [name for name, downloaded in seen if downloaded] == ["Phoenix.discards.txt"]
        assert len(requested) == len(PINNED_FILES) + 1
    assert len(load_dictionaries(target).verbs) > 6000


def test_a_corrupted_file_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    def corrupted(path: str) -> tuple[int, bytes]:
        return 200, b"ALPHA_ [AAA]\n"  # the right path, the wrong bytes

    with serving(corrupted) as (url, _):
        with pytest.raises(NewsgraphError) as caught:
            fetch_dictionaries(tmp_path, base_url=url)
    message = str(caught.value)
    first = PINNED_FILES[0]
    assert message.startswith(f"{first.name}: {url}/{first.path}: checksum mismatch")
    assert leftovers(tmp_path) == []


def test_a_partly_served_shared_set_keeps_only_checked_files(tmp_path: Path) -> None:
    needs_shared()

    def one_bad(path: str) -> tuple[int, bytes]:
        status, body = shared_files(path)
        if path.endswith("/Phoenix.agents.txt"):
            body = body.replace(b"[~JUD]", b"[~MIL]", 1)
        return status, body

    with serving(one_bad) as (url, _):
        with pytest.raises(NewsgraphError, match=r"^Phoenix\.agents\.txt: .*checksum mismatch"):
            fetch_dictionaries(tmp_path, base_url=url)
    assert leftovers(tmp_path) == [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ]


def test_an_http_error_names_the_file_and_url(tmp_path: Path) -> None:
    with serving(lambda path: (404, b"no")) as (url, _):
        with pytest.raises(NewsgraphError) as caught:
            fetch_dictionaries(tmp_path, base_url=url + "/")
    first = PINNED_FILES[0]
    assert str(caught.value) == f"{first.name}: {url}/{first.path}: HTTP 404"
    assert leftovers(tmp_path) == []


def test_a_file_larger_than_pinned_is_cut_off(tmp_path: Path) -> None:
    big = b"x" * (PINNED_FILES[0].size + 10)
    with serving(lambda path: (200, big)) as (url, _):
        with pytest.raises(NewsgraphError, match="larger than the pinned"):
            fetch_dictionaries(tmp_path, base_url=url)
    assert leftovers(tmp_path) == []


def test_a_silent_server_times_out(tmp_path: Path) -> None:
    with serving(lambda path: (200, b""), delay=1.0) as (url, _):
        with httpx.Client(timeout=0.2) as client:
            with pytest.raises(NewsgraphError, match=r"Phoenix\.Countries\.actors\.txt: http"):
                fetch_dictionaries(tmp_path, base_url=url, client=client)
    assert leftovers(tmp_path) == []


def test_no_server_at_all(tmp_path: Path) -> None:
    with serving(lambda path: (200, b"")) as (url, _):
        pass  # closed: nothing listens on that port any more
    with pytest.raises(NewsgraphError, match=r"^Phoenix\.Countries\.actors\.txt: http://"):
        fetch_dictionaries(tmp_path, base_url=url)
    assert leftovers(tmp_path) == []


# ---- newsgraph dictionaries fetch


def test_cli_fetch_prints_one_line_per_file(tmp_path: Path) -> None:
    needs_shared()
    with serving(shared_files) as (url, _):
        first = CliRunner().invoke(app, ["dictionaries", "fetch", str(tmp_path), "--base-url", url])
        again = CliRunner().invoke(app, ["dictionaries", "fetch", str(tmp_path), "--base-url", url])
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == [
        f"{p.name}: downloaded ({p.size:,} bytes)" for p in PINNED_FILES
    ]
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [
        f"{p.name}: already present ({p.size:,} bytes)" for p in PINNED_FILES
    ]
    checked = CliRunner().invoke(app, ["dictionaries", "check", str(tmp_path)])
    assert checked.exit_code == 0 and "verbs file: CAMEO.2.0.txt" in checked.stdout


def test_cli_fetch_reports_a_failure_in_one_line(tmp_path: Path) -> None:
    with serving(lambda path: (500, b"oops")) as (url, _):
        result = CliRunner().invoke(
            app, ["dictionaries", "fetch", str(tmp_path), "--base-url", url]
        )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: error: {PINNED_FILES[0].name}: {url}/{PINNED_FILES[0].path}: HTTP 500"
    ]
    assert leftovers(tmp_path) == []
