"""The watch loop (runs.watch) against a real local site whose feeds and
pages change between cycles: new items stored through the ingest path,
seen ones skipped (also after a restart), 304s, failing, slow and
forbidden sources that stop nothing, feed fields filling what pages lack."""

from __future__ import annotations

import datetime as dt
import gzip

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.monitor.config import WatchSource
from newsgraph.runs.watch import CycleReport, Watch
from newsgraph.store.db import open_database
from newsgraph.store.feeds import list_sources
from newsgraph.store.schema import ArticleRow, FeedItem, Run

from .site import STORIES, Site, page, publish, rfc822, rss


def stored(engine: Engine) -> dict[str, ArticleRow]:
    with Session(engine) as session:
        rows = session.execute(select(ArticleRow)).scalars().all()
        session.expunge_all()
    return {row.key: row for row in rows}


def watch(engine: Engine, *urls: str, workers: int = 1, **source: object) -> Watch:
    return Watch(
        engine,
        [WatchSource(url, **source) for url in urls],  # type: ignore[arg-type]
        interval=60,
        workers=workers,
    )


def cycle(engine: Engine, *urls: str, **options: object) -> CycleReport:
    """One cycle of a new loop (as after a restart)."""
    with watch(engine, *urls, **options) as loop:  # type: ignore[arg-type]
        return loop.cycle()


def page_hits(site: Site) -> list[str]:
    return [h.path for h in site.requests() if h.path.startswith("/news/")]


def test_watch_stores_new_items_and_skips_seen_ones(site: Site, engine: Engine) -> None:
    feed = site.url("/feed.xml")
    publish(site, "/feed.xml", ["gershkovich", "rates"])
    report = cycle(engine, feed)
    (source,) = report.sources
    assert (source.new, source.seen, source.failed, source.error) == (2, 0, 0, None)
    keys = stored(engine)
    assert set(keys) == {site.url("/news/gershkovich"), site.url("/news/rates")}  # canonical
    assert keys[site.url("/news/gershkovich")].headline == "Reporter detained in Russia"
    assert "Gershkovich" in keys[site.url("/news/gershkovich")].text

    # a restart: a new loop, the same knowledge base; the feed has not changed
    again = cycle(engine, feed)
    assert again.sources[0].not_modified and again.sources[0].new == 0
    assert site.requests("/feed.xml")[-1].headers.get("If-None-Match")
    assert sorted(page_hits(site)) == ["/news/gershkovich", "/news/rates"]

    # the feed changes: only the new item is fetched
    publish(site, "/feed.xml", ["gershkovich", "rates", "harvest"])
    third = cycle(engine, feed)
    assert (third.sources[0].new, third.sources[0].seen) == (1, 2)
    assert sorted(page_hits(site)) == ["/news/gershkovich", "/news/harvest", "/news/rates"]
    assert len(stored(engine)) == 3
    (state,) = list_sources(engine)
    assert (state.url, state.items, state.seen, state.last_status, state.kind) == (
        feed,
        3,
        3,
        200,
        "feed",
    )
    with Session(engine) as session:  # stored through the ingest path: a run per cycle
        runs = session.execute(select(Run.stored).order_by(Run.id)).scalars().all()
    assert runs == [2, 1]
    assert "new 1, seen 2, failed 0" in third.line()


def test_watch_failing_sources_stop_nothing_and_are_tried_again(
    site: Site, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_FETCH_TIMEOUT", "0.5")
    engine = open_database(str(tmp_path / "kb.db"))
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    publish(site, "/ok.xml", ["election", "rates"])
    site.fail_next["/news/rates"] = 1  # the page fails once
    site.set("/down.xml", "oops", status=500)
    publish(site, "/slow.xml", ["harvest"], prefix="/slow/")
    site.routes["/slow.xml"].delay = 1.5
    site.set("/private/feed.xml", rss([]))
    urls = ["/ok.xml", "/down.xml", "/slow.xml", "/private/feed.xml"]
    loop = watch(engine, *(site.url(u) for u in urls), workers=2)
    report = loop.cycle()
    by_url = {s.url.rsplit("/", 1)[-1]: s for s in report.sources}
    assert (by_url["ok.xml"].new, by_url["ok.xml"].failed) == (1, 1)
    assert by_url["down.xml"].error == "HTTP 500"
    assert "timed out" in (by_url["slow.xml"].error or "")
    assert "robots.txt disallows" in (by_url["feed.xml"].error or "")
    assert site.requests("/private/feed.xml") == []
    line = report.line()
    assert "ok.xml: new 1, seen 0, failed 1" in line and "down.xml: failed (HTTP 500)" in line
    states = {s.url.rsplit("/", 1)[-1]: s for s in list_sources(engine)}
    assert states["down.xml"].last_error == "HTTP 500" and states["down.xml"].failures == 1
    with Session(engine) as session:
        item = session.execute(select(FeedItem).where(FeedItem.url.like("%rates"))).scalar_one()
        assert (item.status, item.attempts) == ("failed", 1)

    # next cycle: the source is back, the page answers; the failed item is tried again
    publish(site, "/down.xml", ["gershkovich"], prefix="/back/")
    site.routes["/slow.xml"].delay = 0
    for source in loop.sources:
        loop._next[source.url] = 0
    second = loop.cycle()
    by_url = {s.url.rsplit("/", 1)[-1]: s for s in second.sources}
    assert (by_url["ok.xml"].new, by_url["ok.xml"].seen) == (1, 1)
    assert by_url["down.xml"].new == 1 and by_url["slow.xml"].new == 1
    assert len(stored(engine)) == 4
    loop.close()
    engine.dispose()


def test_watch_feed_fields_fill_what_the_page_lacks(site: Site, tmp_path) -> None:
    engine = open_database(str(tmp_path / "kb.db"))
    headline, paragraphs = STORIES["harvest"]
    site.set(
        "/bare",
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>",
    )
    site.set(
        "/feed.xml",
        rss(
            [
                {
                    "title": headline,
                    "link": site.url("/bare"),
                    "date": rfc822(2024, 6, 2),
                    "author": "desk@example.org (Olena Kovalenko)",
                    "summary": "Wheat.",
                }
            ]
        ),
    )
    report = cycle(engine, site.url("/feed.xml"), language="en")
    assert report.sources[0].new == 1
    row = stored(engine)[site.url("/bare")]
    assert row.headline == headline
    assert row.published == dt.date(2024, 6, 2)
    assert row.authors == ["Olena Kovalenko"]
    engine.dispose()


def test_watch_news_sitemaps_and_indexes(site: Site, tmp_path) -> None:
    engine = open_database(str(tmp_path / "kb.db"))
    for name in ("rates", "election"):
        headline, paragraphs = STORIES[name]
        site.set(f"/news/{name}", page(headline, paragraphs))
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/news/rates')}</loc></url>"
        f"<url><loc>{site.url('/news/election')}</loc></url></urlset>"
    )
    site.set("/s1.xml.gz", gzip.compress(sitemap.encode()), content_type="application/gzip")
    site.set(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/s1.xml.gz')}</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    report = cycle(engine, site.url("/sitemap.xml"))
    assert report.sources[0].new == 2
    assert set(stored(engine)) == {site.url("/news/rates"), site.url("/news/election")}
    assert list_sources(engine)[0].kind == "sitemap"
    engine.dispose()
