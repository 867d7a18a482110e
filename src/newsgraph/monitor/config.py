"""The sources ``watch`` follows: feed or sitemap URLs given on the command
line, or YAML files listing them with their outlet, interval and language.

A sources file is a list (or a mapping with a ``sources`` list) of entries,
each a URL or a mapping::

    sources:
      - url: https://www.example.com/world/rss.xml
        outlet: Example News      # for articles whose page names none
        interval: 10m             # 30s, 15m, 2h, 1d (default: watch's --interval)
        language: en              # ISO 639-1, for articles whose language is unknown
      - https://www.example.org/news-sitemap.xml

Every problem is a NewsgraphError naming the file, the entry and what is
wrong with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.monitor.urls import canonical_url, is_url

__all__ = ["WatchSource", "parse_interval", "read_sources"]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_FIELDS = {"url", "outlet", "interval", "language"}
MIN_INTERVAL = 1.0


@dataclass(frozen=True)
class WatchSource:
    """A followed feed or sitemap; ``interval`` in seconds (None: the
    watch's own)."""

    url: str
    outlet: str | None = None
    interval: float | None = None
    language: str | None = None


def parse_interval(text: str | float | int, where: str = "--interval") -> float:
    """Seconds in ``15m``, ``30s``, ``2h``, ``1d`` or a plain number of seconds."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        seconds = float(text)
    else:
        found = _INTERVAL.match(str(text))
        if not found:
            raise NewsgraphError(f"{where}: {text!r} is not an interval (say 30s, 15m, 2h or 1d)")
        seconds = float(found.group(1)) * _UNITS[found.group(2).lower()]
    if seconds < MIN_INTERVAL:
        raise NewsgraphError(f"{where}: {text!r} is shorter than {MIN_INTERVAL:g} second")
    return seconds


def _entry(item: Any, where: str) -> WatchSource:
    if isinstance(item, str):
        item = {"url": item}
    if not isinstance(item, dict):
        raise NewsgraphError(f"{where}: expected a URL or a mapping with a url")
    unknown = sorted(set(item) - _FIELDS)
    if unknown:
        raise NewsgraphError(
            f"{where}: unknown field {unknown[0]!r} (a source has {', '.join(sorted(_FIELDS))})"
        )
    url = item.get("url")
    if not isinstance(url, str) or not is_url(url) or canonical_url(url) is None:
        raise NewsgraphError(f"{where}: url {url!r} is not an http(s) URL")
    interval = item.get("interval")
    language = item.get("language")
    outlet = item.get("outlet")
    if language is not None and not (
        isinstance(language, str) and re.match(r"^[a-z]{2}$", language)
    ):
        raise NewsgraphError(f"{where}: language {language!r} is not an ISO 639-1 code like 'en'")
    if outlet is not None and not isinstance(outlet, str):
        raise NewsgraphError(f"{where}: outlet should be a string")
    return WatchSource(
        url=url.strip(),
        outlet=outlet.strip() if outlet else None,
        interval=parse_interval(interval, f"{where}: interval") if interval is not None else None,
        language=language,
    )


def _read_file(path: Path) -> list[WatchSource]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewsgraphError(f"{path}: can't read: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise NewsgraphError(f"{path}: not a YAML sources file: {reason}") from None
    if isinstance(data, dict) and set(data) == {"sources"}:
        data = data["sources"]
    if not isinstance(data, list) or not data:
        raise NewsgraphError(f"{path}: expected a list of sources (or 'sources:' with one)")
    return [_entry(item, f"{path}: source {n}") for n, item in enumerate(data, 1)]


def read_sources(values: list[str]) -> list[WatchSource]:
    """The sources of ``watch``'s arguments, each URL once (the last
    settings win)."""
    found: dict[str, WatchSource] = {}
    for value in values:
        if is_url(value):
            sources = [_entry(value, value)]
        else:
            path = Path(value).expanduser()
            if not path.is_file():
                raise NewsgraphError(
                    f"{value}: no such file; a source is a feed or sitemap URL "
                    "(http:// or https://) or a YAML file of sources"
                )
            sources = _read_file(path)
        for source in sources:
            key = canonical_url(source.url) or source.url
            found[key] = source
    if not found:
        raise NewsgraphError("watch: no sources given")
    return list(found.values())
