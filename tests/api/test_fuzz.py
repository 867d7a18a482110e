"""Fuzzing every endpoint of the API (and the pages) with hypothesis:
random strings, digits of other scripts (``²①٣``), huge numbers, NUL bytes,
over-long strings and deep JSON, in paths, query parameters and bodies.
No answer may be a 5xx, and nothing may raise (the TestClient re-raises
what the app lets through)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from newsgraph.model.http import ServerLimits

from .test_api import engine, make  # noqa: F401  (the module's knowledge base)

NASTY = [
    "²", "①", "٣", "¹²³", "٣٤", "𝟙", "Ⅻ", "\x00", "a\x00b", "\x00" * 3, "", " ", "-1", "0",
    "1", "01", "+1", "1e9", "1.5", "0x10", str(2**63 - 1), str(2**63), str(2**64), "9" * 30,
    "9" * 5000, "%", "_", "%_%", "!", "' OR 1=1 --", '"', "NEAR(", "*", "\\", "[", "[" * 1000,
    "a" * 1001, "a" * 5_000, "IRN", "Iran", "Taraghi", "REJECT", "2018", "2018-01-11",
    "2018-13-45", "\ud7ff", "\u202e", "\n\r\t", "<script>alert(1)</script>",
]  # fmt: skip
"""Values that broke, or could break, a query."""

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet="0123456789²³¹①②٣٤۵", min_size=1, max_size=25),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        values,
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(values, inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["text", "html", "date", "url", "store", "gone", "alias"]
bodies = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4).map(json.dumps),
    json_values.map(lambda v: json.dumps(v, allow_nan=True)),
    st.sampled_from(["[" * 10_000, "{" * 10_000, '{"a":' * 2_000, "", "nul\x00", "\xff"]),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)

API_ROUTES = [
    ("GET", "/api/v1/articles"),
    ("GET", "/api/v1/articles/{id}"),
    ("DELETE", "/api/v1/articles/{id}"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/entities"),
    ("GET", "/api/v1/entities/{id}"),
    ("POST", "/api/v1/entities/{id}/merge"),
    ("POST", "/api/v1/entities/{id}/split"),
    ("GET", "/api/v1/quotes"),
    ("GET", "/api/v1/events"),
    ("GET", "/api/v1/stories"),
    ("GET", "/api/v1/entity-finder"),
    ("GET", "/api/v1/entity-duplicates"),
    ("GET", "/api/v1/trends"),
    ("GET", "/api/v1/network"),
    ("POST", "/api/v1/analyze"),
    ("GET", "/api/v1/alerts"),
    ("POST", "/api/v1/alerts"),
    ("DELETE", "/api/v1/alerts/{name}"),
    ("GET", "/api/v1/alerts/{name}/matches"),
    ("GET", "/api/v1/sources"),
    ("GET", "/api/v1/health"),
]
PAGES = [
    ("GET", "/"),
    ("GET", "/search"),
    ("GET", "/events"),
    ("GET", "/entities/{id}"),
    ("GET", "/articles/{id}"),
    ("GET", "/analyze"),
    ("POST", "/analyze"),
    ("GET", "/quotes"),
    ("GET", "/entities"),
    ("GET", "/duplicates"),
    ("POST", "/duplicates/merge"),
    ("POST", "/duplicates/split"),
    ("GET", "/trends"),
    ("GET", "/download/{id}"),
    ("GET", "/alerts"),
    ("POST", "/alerts"),
    ("POST", "/alerts/{id}/remove"),
    ("GET", "/api/v1/alerts/{name}/feed"),
]
PARAMETERS = [
    "q", "since", "until", "outlet", "entity", "type", "offset", "limit", "source", "target",
    "place", "speaker", "min_size", "page", "x", "text", "kind", "by", "format", "country",
    "what", "name",
]  # fmt: skip


@pytest.fixture(scope="module")
def client(engine: Engine) -> TestClient:  # noqa: F811
    return make(engine, limits=ServerLimits(analyze_max_chars=2000, analyze_timeout=30))


def test_fuzz_the_api_covers_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    described = {
        (method.upper(), path.replace("{article_id}", "{id}").replace("{entity_id}", "{id}"))
        for path, item in spec["paths"].items()
        for method in item
    }
    assert described == set(API_ROUTES)


def check(client: TestClient, method: str, path: str, **options: Any) -> None:
    answer = client.request(method, path, **options)
    assert answer.status_code < 500, (method, path, options, answer.text[:300])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(API_ROUTES + PAGES),
    ident=values,
    params=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4),
    body=bodies,
)
def test_fuzz_no_endpoint_answers_5xx(
    client: TestClient, route: tuple[str, str], ident: str, params: dict[str, str], body: str
) -> None:
    method, template = route
    path = template.replace("{id}", quote(ident, safe="") or "1")
    path = path.replace("{name}", quote(ident, safe="") or "x")
    options: dict[str, Any] = {"params": params}
    if method == "POST":
        options["content"] = body.encode("utf-8", "surrogatepass")
        options["headers"] = {
            "Content-Type": "application/json"
            if template.startswith("/api/")
            else "application/x-www-form-urlencoded"
        }
    check(client, method, path, **options)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=values,
    field=st.sampled_from(["text", "html"]),
    date=st.one_of(st.none(), values),
)
def test_fuzz_analyze_texts(client: TestClient, text: str, field: str, date: str | None) -> None:
    body: dict[str, Any] = {field: text}
    if date is not None:
        body["date"] = date
    check(client, "POST", "/api/v1/analyze", json=body)
    check(client, "POST", "/analyze", data={"text": text, "date": date or ""})


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000, "{" * 100_000, '{"text": ' + "[" * 50_000, '{"gone": ' + "9" * 5000 + "}"],
)
@pytest.mark.parametrize(
    "path", ["/api/v1/analyze", "/api/v1/entities/1/merge", "/api/v1/entities/1/split"]
)
def test_fuzz_deep_json_is_a_4xx(client: TestClient, path: str, body: str) -> None:
    answer = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert 400 <= answer.status_code < 500, answer.text[:300]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/api/v1/alerts/%C2%B2"),
        ("GET", "/api/v1/alerts/%C2%B2/matches"),
        ("GET", "/api/v1/alerts/%E2%91%A0/feed"),
        ("GET", "/api/v1/entity-finder?q=%C2%B2"),
    ],
)
def test_fuzz_unicode_digits_name_no_alert_or_entity(
    client: TestClient, method: str, path: str
) -> None:
    """'²' and '①' are digits to str.isdigit but no id: 404 or an empty answer."""
    answer = client.request(method, path)
    assert answer.status_code in {200, 404}, answer.text[:300]
    if answer.status_code == 200 and "entity-finder" in path:
        assert answer.json()["total"] == 0
