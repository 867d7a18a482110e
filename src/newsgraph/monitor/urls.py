"""Canonical URLs: one spelling per page, so that an item met twice (in two
feeds, with tracking parameters, with a fragment) is fetched and stored once.

Lower-case scheme and host, no default port, no fragment, no empty query,
tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...) dropped, the
remaining parameters kept in their order, a path of ``""`` made ``/``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "is_url"]

TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
    }
)


def is_url(value: str) -> bool:
    """Whether a command-line input is an http(s) URL rather than a path."""
    return value.lower().startswith(("http://", "https://"))


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of ``url`` (resolved against ``base`` when
    relative); None when it is not an http(s) URL."""
    from urllib.parse import urljoin

    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))
