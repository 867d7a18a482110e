"""Shared test fixtures and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
EVAL_DEV = SHARED / "eval-dev"


@pytest.fixture
def shared_example() -> Path:
    path = SHARED / "examples" / "nyt-iran-prisoners.txt"
    if not path.exists():
        pytest.skip(f"{path} not found (set NEWSGRAPH_SHARED to the shared/ folder)")
    return path
