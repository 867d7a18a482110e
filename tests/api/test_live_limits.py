"""Body limits on a real server: uvicorn in a process of its own on
127.0.0.1, a chunked body streamed to it with httpx, and the server's
memory read from /proc (its peak, VmHWM, against its size before)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

MB = 1024 * 1024
STREAMED_MB = 400
"""What the client offers; the server reads at most its limit (5 MB) of it."""
MEMORY_GROWTH_MB = 50

SERVER = """
import sys
import uvicorn
from newsgraph.server import create_app
from newsgraph.store.db import open_database

engine = open_database(sys.argv[1])
token = sys.argv[3] or None
app = create_app(engine, token=token, local=True)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Server:
    """``newsgraph.server.create_app`` under uvicorn in a child process."""

    def __init__(self, folder: Path, token: str = "") -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(folder / "kb.db"), str(self.port), token]
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
            assert self.process.poll() is None, "the server ended"
        raise AssertionError("the server did not start")

    def memory_mb(self) -> dict[str, float]:
        """The process's resident size now (VmRSS) and at its peak (VmHWM)."""
        found = {}
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in {"VmRSS", "VmHWM"}:
                    found[key] = int(value.split()[0]) / 1024
        return found

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path, token="s3cret")
    try:
        yield running
    finally:
        running.stop()


def chunks(megabytes: int, sent: list[int]) -> Iterator[bytes]:
    """A body of ``megabytes`` MB in 1 MB chunks, with no Content-Length
    (httpx sends it chunked); ``sent`` counts the chunks taken."""
    block = b"x" * MB
    for _ in range(megabytes):
        sent.append(1)
        yield block


def stream(server: Server, path: str, megabytes: int) -> tuple[httpx.Response, float, int]:
    """POST a chunked body; the answer, the server's memory growth in MB
    (its peak during the request over its size before) and the MB sent."""
    before = server.memory_mb()
    sent: list[int] = []
    answer = httpx.post(
        server.url + path,
        content=chunks(megabytes, sent),
        headers={"Content-Type": "application/json"},
        timeout=120,
    )
    after = server.memory_mb()
    return answer, after["VmHWM"] - before["VmRSS"], len(sent)


def test_live_a_chunked_body_is_refused_as_it_streams_in(server: Server) -> None:
    answer, growth, sent = stream(server, "/api/v1/analyze", STREAMED_MB)
    assert answer.status_code == 413, answer.text
    assert "over the limit of 5 MB" in answer.json()["error"]["message"]
    assert growth < MEMORY_GROWTH_MB, f"the server grew by {growth:.1f} MB"
    assert sent < STREAMED_MB  # the server stopped taking it
    assert httpx.get(server.url + "/api/v1/health").status_code == 200  # and still serves


def test_live_a_write_without_the_token_is_refused_before_its_body(guarded: Server) -> None:
    answer, growth, _sent = stream(guarded, "/api/v1/entities/1/merge", 300)
    assert answer.status_code == 401, answer.text
    assert growth < MEMORY_GROWTH_MB, f"the server grew by {growth:.1f} MB"
    with socket.create_connection(("127.0.0.1", guarded.port), timeout=30) as raw:
        raw.sendall(
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Authorization: Bearer s3cret\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {400 * MB}\r\n\r\n".encode()
        )
        first = raw.recv(4096).split(b"\r\n", 1)[0]
    assert first == b"HTTP/1.1 413 Request Entity Too Large"  # on its Content-Length alone
