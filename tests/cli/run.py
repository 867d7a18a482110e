"""Running the installed ``newsgraph`` command as a user would, in a folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def newsgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m newsgraph ARGS`` in ``cwd``: its exit status and output."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
