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
    """The example article (a copy of ../shared/examples/nyt-iran-prisoners.txt);
    its analyst's expectations sit beside it as ``.expected.yaml``."""
    return DATA / "nyt-iran-prisoners.txt"
