"""The web UI in a real browser: Debian's Chromium driven by Playwright
against a real server (uvicorn in a thread) over a knowledge base holding
the example article. Screenshots of every page go to test-artifacts/.

Needs /usr/bin/chromium (``apt-get install chromium``); without it these
tests fail, unless NEWSGRAPH_SKIP_BROWSER=1, when they are skipped."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from newsgraph.runs import ingest
from newsgraph.server import create_app
from newsgraph.store.db import open_database
from newsgraph.store.read import find_entities, search

from ..conftest import DATA, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SKIP_ENV = "NEWSGRAPH_SKIP_BROWSER"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium() -> Path:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium` "
            f"(or set {SKIP_ENV}=1 to skip the browser tests)",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    opened = open_database(str(tmp_path_factory.mktemp("browser") / "kb.db"))
    ingest([str(DATA / "nyt-iran-prisoners.txt")], opened, date=dt.date(2018, 1, 11))
    yield opened
    opened.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(engine: Engine, chromium: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        create_app(engine), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS)
        yield launched
        launched.close()


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def watch(page: Any) -> list[str]:
    """Console errors and refused requests (a CSP violation shows here)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_from_the_article_to_the_speaker_to_the_events(
    browser: Any, server: str, engine: Engine
) -> None:
    from playwright.sync_api import expect

    [hit] = search(engine, "back-channel", limit=1)
    taraghi = find_entities(engine, "Hamidreza Taraghi")[0].id
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)

    page.goto(f"{server}/articles/{hit.article_id}")
    name = page.locator(
        f'.article-text a.ent[href="/entities/{taraghi}"]', has_text="Hamidreza Taraghi"
    )
    expect(name).to_be_visible()
    expect(page.locator(".article-text .quote").first).to_be_visible()
    expect(page.locator("#speakers")).to_contain_text("Hamidreza Taraghi")
    shoot(page, "article")

    name.click()
    page.wait_for_url(f"{server}/entities/{taraghi}")
    expect(page.locator("h1")).to_have_text("Hamidreza Taraghi")
    expect(page.locator("#quotes")).to_contain_text("old news")
    marks = page.locator("#timeline svg.timeline .mark title")
    assert marks.count() >= 2
    labels = " ".join(marks.all_text_contents())
    assert "REJECT" in labels and "THREATEN" in labels
    expect(page.locator("#timeline svg.timeline")).to_contain_text("events it reported")
    expect(page.locator("#network svg.network a").first).to_be_attached()
    shoot(page, "entity")

    page.goto(f"{server}/events?source=IRN&target=USA")
    row = page.locator("#table tbody tr", has_text="REJECT")
    expect(row).to_be_visible()
    expect(row).to_contain_text("rejected the entreaties")
    expect(page.locator(".network")).to_be_visible()
    shoot(page, "events")

    page.goto(f"{server}/search?q=prisoners")
    expect(page.locator(".hits mark").first).to_be_visible()
    shoot(page, "search")

    page.goto(f"{server}/analyze")
    page.fill("#text", (DATA / "nyt-iran-prisoners.txt").read_text(encoding="utf-8"))
    page.fill("#date", "2018-01-11")
    page.click("button[type=submit]")
    expect(page.locator(".result-h")).to_be_visible(timeout=60_000)
    expect(page.locator(".article-text .ent", has_text="Hamidreza Taraghi").first).to_be_visible()
    shoot(page, "analyze")

    context.close()
    assert not problems, problems


def test_pages_fit_a_phone(browser: Any, server: str, engine: Engine) -> None:
    [hit] = search(engine, "back-channel", limit=1)
    taraghi = find_entities(engine, "Hamidreza Taraghi")[0].id
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems = watch(page)
    pages = {
        "article": f"/articles/{hit.article_id}",
        "entity": f"/entities/{taraghi}",
        "events": "/events?source=IRN&target=USA",
        "search": "/search?q=prisoners",
        "analyze": "/analyze",
        "missing": "/articles/99999",
    }
    for name, path in pages.items():
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (name, width)
        shoot(page, f"{name}-375")
    context.close()
    assert not [p for p in problems if "404" not in p], problems


def test_the_quotes_page_downloads_a_csv_that_reads_back(
    browser: Any, server: str, engine: Engine
) -> None:
    import csv

    from playwright.sync_api import expect

    from newsgraph.store.read import quotes

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{server}/quotes?speaker=Taraghi&text=talks")
    expect(page.locator(".speaker-group h2").first).to_contain_text("Hamidreza Taraghi")
    shoot(page, "quotes")
    with page.expect_download() as waiting:
        page.click(".downloads a:text('CSV')")
    saved = waiting.value.path()
    rows = list(csv.DictReader(Path(saved).read_text(encoding="utf-8").splitlines()))
    wanted = list(quotes(engine, speaker="Taraghi", text="talks", limit=None))
    assert [int(r["quote_id"]) for r in rows] == [q.quote_id for q in wanted]
    assert {r["speaker"] for r in rows} == {"Hamidreza Taraghi"}
    assert int(page.locator("#quote-total").inner_text()) == len(rows)
    context.close()
    assert not problems, problems
