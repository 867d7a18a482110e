"""Data files (YAML) that hold knowledge rather than logic.

``load(name)`` reads ``<name>.yaml`` from ``NEWSGRAPH_DATA_DIR`` when that
folder has it, else from the copy shipped in this package. Files are read once
per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph import settings
from newsgraph.errors import NewsgraphError

__all__ = ["load"]

# libyaml's safe loader where PyYAML was built with it: the same results,
# parsed about six times faster (people.yaml alone takes 0.6 s in Python).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    """The parsed content of the data file ``<name>.yaml``."""
    override = settings.get("data_dir")
    if override and (Path(override) / f"{name}.yaml").is_file():
        path = Path(override) / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        where = str(path)
    else:
        text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        where = f"newsgraph/data/{name}.yaml"
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise NewsgraphError(f"{where}: not valid YAML: {exc}") from None
