"""Templates and responses: one Jinja environment with autoescaping on for
every template, the security headers every page carries, error pages."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from newsgraph import __version__
from newsgraph.web.charts import date_label
from newsgraph.web.colours import type_colour
from newsgraph.web.links import host, href, safe_url

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

templates = Environment(
    loader=PackageLoader("newsgraph.web", "templates"),
    autoescape=True,  # every template is HTML: all data is escaped
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates ship with the package: no stat of their files per page
)
templates.globals.update(
    date_label=date_label,
    host=host,
    href=href,
    safe_url=safe_url,
    type_colour=type_colour,
    version=__version__,
)


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` rendered as an HTML response."""
    html = templates.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(status: int, title: str, message: str, *, section: str = "") -> HTMLResponse:
    return page("error.html", status, title=title, message=message, section=section)


TITLES = {
    400: "Bad request",
    401: "Token needed",
    403: "Not allowed",
    404: "Not found",
    413: "Too large",
    503: "Unavailable",
}


def error_body(status: int, message: str) -> tuple[bytes, dict[str, str]]:
    """An error page's body and headers, for answers made outside Starlette
    (the server's guard)."""
    text = message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
    response = error_page(status, TITLES.get(status, "Error"), text)
    return bytes(response.body), {"content-type": "text/html; charset=utf-8", **SECURITY_HEADERS}
