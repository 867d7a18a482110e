"""Downloading the public PETRARCH-2 / Phoenix dictionaries for a user.

The six dictionary files and the licence of the repository
openeventdata/petrarch2 (MIT) are fetched from one pinned commit, each
checked against the SHA-256 and size pinned here, so what lands on disk is
exactly what was reviewed. A file is written under a temporary name in the
target folder and renamed only once its checksum matches: an interrupted or
corrupted download never leaves a file under its final name. Files already
present with the right checksum are not downloaded again.

newsgraph never ships these files; ``newsgraph dictionaries fetch DIR`` is
how a user gets them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "BASE_URL",
    "COMMIT",
    "PINNED_FILES",
    "TIMEOUT",
    "PinnedFile",
    "fetch_dictionaries",
    "is_present",
]

COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
"""openeventdata/petrarch2, 2019-03-18 ("Eliminate transformation pattern
using WILL in line 9182"), the last commit touching the dictionaries."""

BASE_URL = f"https://raw.githubusercontent.com/openeventdata/petrarch2/{COMMIT}"
TIMEOUT = 60.0
"""Seconds to wait for the server at each step of a download (15 to connect)."""

_FOLDER = "petrarch2/data/dictionaries"


@dataclass(frozen=True)
class PinnedFile:
    """One file to fetch: its name on disk, its path in the repository, and
    the size and SHA-256 it must have."""

    name: str
    path: str
    size: int
    sha256: str

    def url(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/{self.path}"


PINNED_FILES: tuple[PinnedFile, ...] = tuple(
    PinnedFile(name, f"{_FOLDER}/{name}" if name != "LICENSE" else name, size, sha256)
    for name, size, sha256 in (
        (
            "Phoenix.Countries.actors.txt",
            1469783,
            "8d4ee11692ccb1636a5cf4421849c420508acbd9b930adab457472b843276506",
        ),
        (
            "Phoenix.International.actors.txt",
            515713,
            "6fafbbe39bc47858edb9262411ab005b97977818237f85f3808fd11701a3ad2c",
        ),
        (
            "Phoenix.MilNonState.actors.txt",
            77005,
            "78496d642ceb3501137f12a3d8af7820b139319200b5ecffa05f0f91a2508f3b",
        ),
        (
            "Phoenix.agents.txt",
            61930,
            "336330de3ae91cb7daeeb50a7320ff4c9f11e5e69b6dd3a4ebedc522751a95c6",
        ),
        (
            "CAMEO.2.0.txt",
            408921,
            "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f",
        ),
        (
            "Phoenix.discards.txt",
            14880,
            "862e66f907e520906142fff15a2be58c540c11f2ebdc0610e97fe45c36ed067a",
        ),
        (
            "LICENSE",
            1082,
            "77efcd0831a60488f61d4eda6565cafbbdcc733751430bf91e2612c518c6ecb7",
        ),
    )
)
"""The dictionaries of the README of ../shared/dictionaries/petrarch2 and the
repository's licence, as of ``COMMIT``."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_present(directory: Path, pinned: PinnedFile) -> bool:
    """Whether ``directory`` holds ``pinned`` with the right size and checksum."""
    path = directory / pinned.name
    try:
        return path.stat().st_size == pinned.size and _sha256(path) == pinned.sha256
    except OSError:
        return False


def _download(client: httpx.Client, url: str, target: Path, pinned: PinnedFile) -> None:
    """Fetch ``url`` into ``target`` through a temporary file, checked."""
    import httpx

    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{pinned.name}.", suffix=".part")
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise NewsgraphError(f"{pinned.name}: {url}: HTTP {response.status_code}")
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > pinned.size:
                    raise NewsgraphError(
                        f"{pinned.name}: {url}: larger than the pinned {pinned.size} bytes"
                    )
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != pinned.sha256:
            raise NewsgraphError(
                f"{pinned.name}: {url}: checksum mismatch (sha256 {digest.hexdigest()}, "
                f"expected {pinned.sha256})"
            )
        os.replace(temporary, target)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise NewsgraphError(f"{pinned.name}: {url}: {exc or type(exc).__name__}") from None
    except OSError as exc:
        raise NewsgraphError(f"{pinned.name}: {target}: {exc.strerror or exc}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def fetch_dictionaries(
    directory: Path,
    *,
    base_url: str = BASE_URL,
    client: httpx.Client | None = None,
    progress: Callable[[Path, bool], None] | None = None,
) -> list[Path]:
    """Download the pinned dictionaries and licence into ``directory``
    (created if need be) from ``base_url`` (the repository root at the
    pinned commit, or a mirror of its layout); returns the paths of all the
    files, in the order of ``PINNED_FILES``. ``progress(path, downloaded)``
    is called after each file (``downloaded`` is False when it was already
    present). ``client``: an httpx.Client to use (default: a new one with a
    ``TIMEOUT`` that follows redirects). Raises ``NewsgraphError`` naming
    the file and URL on an HTTP error, a timeout or a checksum mismatch."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsgraphError(f"{directory}: can't create the folder: {exc.strerror}") from None
    own = client is None
    if client is None:
        import httpx

        client = httpx.Client(timeout=httpx.Timeout(TIMEOUT, connect=15.0), follow_redirects=True)
    paths = []
    try:
        for pinned in PINNED_FILES:
            target = directory / pinned.name
            downloaded = not is_present(directory, pinned)
            if downloaded:
                _download(client, pinned.url(base_url), target, pinned)
            paths.append(target)
            if progress is not None:
                progress(target, downloaded)
    finally:
        if own:
            client.close()
    return paths
