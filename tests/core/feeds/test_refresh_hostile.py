"""Refreshes against hostile servers on 127.0.0.1 (issue 16 items 5, 6 and 15).

Each test reproduces the reported attack with a real server, bounded in time and size: the
servers here would hold a connection for 30 s or more, and the tests assert the refresh was
over long before that.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Iterator

import pytest

from core.entries.limits import MAX_DEPTH, MAX_TITLE_CHARS
from core.feeds.items import item_content, list_items
from core.feeds.refresh import DOWNGRADE_WARNING, FeedRefresher
from core.feeds.sources import add_source, get_source
from core.net.fetch import Fetcher, FetchLimits
from core.storage.database import Database
from tests.feedserver import FeedServer, trickle, trickle_headers

MIB = 1024 * 1024


@pytest.fixture
def patient() -> Iterator[Fetcher]:
    """A fetcher with the shipped timeouts' shape but a deadline no test waits for."""
    fetcher = Fetcher(FetchLimits(connect_timeout=5, read_timeout=30, deadline=60))
    yield fetcher
    fetcher.close()


def nested_rss(levels: int, title_chars: int = 20) -> bytes:
    content = "<div>" * levels + "deep text" + "</div>" * levels
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Hostile</title><item><guid>deep</guid><title>{'T' * title_chars}</title>"
            f"<description>{html.escape(content)}</description></item>"
            "</channel></rss>").encode()


# ---------------------------------------------------------------- 16.5: trickling servers

def test_a_server_trickling_headers_costs_one_source_its_deadline(db: Database,
                                                                  server: FeedServer) -> None:
    slow = add_source(db, server.route("/slow", trickle_headers(every=0.1, total=300))).id
    good = add_source(db, server.static("/feed.xml", "rss2.xml")).id
    fetcher = Fetcher(FetchLimits(connect_timeout=2, read_timeout=5, deadline=1.5))
    started = time.monotonic()
    try:
        results = {r.source_id: r for r in FeedRefresher(db, fetcher).refresh()}
    finally:
        fetcher.close()
    assert time.monotonic() - started < 15  # the server trickles for 30 s
    assert results[good].status == "ok" and results[good].new_items == 5
    assert results[slow].status == "error"
    assert "longer than 1.5 s" in results[slow].error
    assert "too slow" in get_source(db, slow).error


@pytest.mark.parametrize("phase", ["headers", "body"])
def test_cancel_ends_a_refresh_at_once_and_leaves_sources_as_they_were(
        db: Database, server: FeedServer, patient: Fetcher, phase: str) -> None:
    started = threading.Event()
    if phase == "headers":
        handler = trickle_headers(every=0.1, total=600, started=started)
    else:
        body = trickle(every=0.1, total=600)

        def handler(req) -> None:  # noqa: ANN001
            started.set()
            body(req)

    slow = add_source(db, server.route("/slow", handler)).id
    waiting = [add_source(db, server.static(f"/f{n}.xml", "rss2.xml", delay=0.2)).id
               for n in range(6)]
    cancel = threading.Event()
    outcome: list = []
    refresher = FeedRefresher(db, patient, workers=2, per_host=2)
    worker = threading.Thread(target=lambda: outcome.append(refresher.refresh(cancel=cancel)))
    worker.start()
    assert started.wait(10)
    cancel.set()
    cancelled_at = time.monotonic()
    worker.join(20)
    assert not worker.is_alive()
    assert time.monotonic() - cancelled_at < 5  # the fetch had 60 s, the server 60 s more
    results = outcome[0]
    assert slow not in {r.source_id for r in results}  # interrupted: nothing to report
    source = get_source(db, slow)
    assert (source.status, source.error, source.error_count) == ("new", None, 0)
    assert len(results) < len(waiting)  # the queue was not worked through
    assert all(r.status == "ok" for r in results)


def test_the_refresher_runs_again_after_a_cancel(db: Database, server: FeedServer,
                                                 patient: Fetcher) -> None:
    add_source(db, server.route("/slow", trickle_headers(every=0.1, total=600)))
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    refresher = FeedRefresher(db, patient)
    assert refresher.refresh(cancel=cancel) == []
    good = add_source(db, server.static("/feed.xml", "rss2.xml")).id
    results = refresher.refresh([good])
    assert [r.status for r in results] == ["ok"]


# ---------------------------------------------------------------- 16.6: deep and huge fields

def test_a_deeply_nested_feed_is_stored_flat_with_a_warning(db: Database, server: FeedServer,
                                                            patient: Fetcher) -> None:
    body = nested_rss(100_000, title_chars=MIB)  # 1.1 MB of <div>s and a 1 MiB title
    source_id = add_source(db, server.static("/deep.xml", body)).id
    results = FeedRefresher(db, patient).refresh()
    assert results[0].status == "ok" and results[0].new_items == 1
    item = list_items(db, source_id=source_id, limit=0)[0]
    assert len(item["title"]) == MAX_TITLE_CHARS
    content = item_content(db, item["id"])["content_html"]
    opened = len(re.findall(r"<div>", content))
    assert 0 < opened <= MAX_DEPTH
    warning = get_source(db, source_id).parse_warning
    assert "nested deeper than" in warning and "titles longer than" in warning


# ---------------------------------------------------------------- 16.15: https → http

def test_an_https_feed_moved_to_http_keeps_its_https_address(
        db: Database, tls_server: tuple[FeedServer, str], server: FeedServer) -> None:
    secure, cert = tls_server
    secure.redirect("/feed", 301, server.static("/feed.xml", "rss2.xml"))
    source_id = add_source(db, secure.url("/feed")).id
    fetcher = Fetcher(FetchLimits(connect_timeout=5, read_timeout=5, deadline=10),
                      ca_bundle=cert)
    try:
        results = FeedRefresher(db, fetcher).refresh()
    finally:
        fetcher.close()
    assert results[0].status == "ok" and results[0].new_items == 5
    assert DOWNGRADE_WARNING in results[0].warning
    source = get_source(db, source_id)
    assert source.url == secure.url("/feed")  # never silently http://
    assert DOWNGRADE_WARNING in source.parse_warning
