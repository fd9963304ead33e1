"""Refreshing sources end to end: real HTTP on loopback into a migrated SQLite database."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

import core.feeds.refresh as refresh_module
from core.feeds.items import list_items, mark_items
from core.feeds.refresh import FeedRefresher, RefreshResult
from core.feeds.sources import add_source, enable_source, list_sources
from core.net.fetch import Fetcher
from core.storage.database import Database
from core.storage.types import utcnow
from tests.feedserver import FeedServer

ETAG = '"rss2-v1"'


class Clock:
    """A clock the test moves by hand; starts at the real time so Retry-After lines up."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def refresher(db: Database, fetcher: Fetcher, clock: Clock) -> FeedRefresher:
    return FeedRefresher(db, fetcher, clock=clock)


def add(db: Database, url: str, **kwargs: object) -> int:
    return add_source(db, url, **kwargs).id


def source(db: Database, source_id: int) -> dict:
    return next(row for row in list_sources(db) if row["id"] == source_id)


def by_id(results: list[RefreshResult]) -> dict[int, RefreshResult]:
    return {r.source_id: r for r in results}


def items(db: Database, source_id: int) -> list[dict]:
    return list_items(db, source_id=source_id, limit=0)


# ------------------------------------------------------------------ the happy path

def test_first_refresh_stores_the_items(db: Database, server: FeedServer,
                                        refresher: FeedRefresher, clock: Clock) -> None:
    sid = add(db, server.static("/rss2.xml", "rss2.xml", etag=ETAG))
    [result] = refresher.refresh()
    assert result.status == "ok" and not result.failed
    assert (result.http_status, result.new_items, result.updated_items) == (200, 5, 0)
    assert result.error is None and result.warning is None
    row = source(db, sid)
    assert row["status"] == "ok" and row["error"] is None and row["error_count"] == 0
    assert row["item_count"] == 5 and row["title"] == "Embassy News"
    assert row["etag"] == ETAG
    assert row["next_fetch"] == clock.now + timedelta(minutes=60)
    assert len({i["guid"] for i in items(db, sid)}) == 5


def test_not_due_sources_are_left_alone_without_force(db: Database, server: FeedServer,
                                                      refresher: FeedRefresher) -> None:
    add(db, server.static("/rss2.xml", "rss2.xml"))
    refresher.refresh()
    assert refresher.refresh() == []
    assert len(server.hits("/rss2.xml")) == 1


def test_second_refresh_is_a_conditional_get(db: Database, server: FeedServer,
                                             refresher: FeedRefresher) -> None:
    sid = add(db, server.static("/rss2.xml", "rss2.xml", etag=ETAG))
    refresher.refresh()
    [result] = refresher.refresh(force=True)
    assert result.status == "ok"
    assert (result.http_status, result.new_items, result.updated_items) == (304, 0, 0)
    first, second = server.hits("/rss2.xml")
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"] == ETAG
    row = source(db, sid)
    assert row["status"] == "ok" and row["etag"] == ETAG and row["item_count"] == 5


def test_changed_feed_updates_in_place_and_keeps_marks(db: Database, server: FeedServer,
                                                       refresher: FeedRefresher) -> None:
    sid = add(db, server.static("/rss2.xml", "rss2.xml"))
    refresher.refresh()
    before = {i["guid"]: i for i in items(db, sid)}
    second = before["tashkent-2026-002"]
    mark_items(db, [second["id"]], "read")
    mark_items(db, [second["id"]], "star")

    server.static("/rss2.xml", "rss2_updated.xml")
    [result] = refresher.refresh(force=True)
    assert result.status == "ok"
    assert (result.new_items, result.updated_items) == (1, 1)

    after = items(db, sid)
    guids = [i["guid"] for i in after]
    assert len(guids) == len(set(guids)) == 6
    current = {i["guid"]: i for i in after}
    updated = current["tashkent-2026-002"]
    assert updated["id"] == second["id"]
    assert updated["read"] and updated["starred"]
    assert "UPDATED" in updated["content_html"] and "UPDATED" not in second["content_html"]
    assert updated["updated_at"] is not None
    assert "tashkent-2026-006" in current and "tashkent-2026-006" not in before
    untouched = current["tashkent-2026-001"]
    assert untouched["updated_at"] is None and not untouched["read"]


# ------------------------------------------------------------------ failures stay with their source

def test_broken_sources_fail_alone(db: Database, server: FeedServer,
                                   refresher: FeedRefresher) -> None:
    good = add(db, server.static("/rss2.xml", "rss2.xml"))
    missing = add(db, server.url("/missing.xml"))
    text = add(db, server.static("/not_a_feed.txt", "not_a_feed.txt", content_type="text/plain"))
    results = by_id(refresher.refresh())
    assert results[good].status == "ok" and not results[good].failed
    assert results[missing].status == "error" and results[missing].failed
    assert results[missing].http_status == 404
    assert results[missing].error == "HTTP 404 Not Found"
    assert results[text].status == "error" and results[text].failed
    assert results[text].http_status == 200
    assert "not a feed" in results[text].error
    assert any(r.failed for r in results.values())  # what makes `attache refresh` exit non-zero

    assert source(db, good)["status"] == "ok" and source(db, good)["item_count"] == 5
    for sid in (missing, text):
        row = source(db, sid)
        assert row["status"] == "error" and row["error"] == results[sid].error
        assert row["error_count"] == 1 and row["item_count"] == 0


def test_a_crashing_fetch_costs_one_source(db: Database, server: FeedServer,
                                           fetcher: Fetcher, refresher: FeedRefresher,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    good = add(db, server.static("/rss2.xml", "rss2.xml"))
    bad = add(db, server.static("/other.xml", "rss2.xml"))
    real_fetch = fetcher.fetch

    def fetch(url: str, *args: object) -> object:
        if url.endswith("/other.xml"):
            raise RuntimeError("a bug in fetching")
        return real_fetch(url, *args)

    monkeypatch.setattr(fetcher, "fetch", fetch)
    results = by_id(refresher.refresh())
    assert results[good].status == "ok" and results[good].new_items == 5
    assert results[bad].status == "error"
    assert results[bad].error == "download failed (RuntimeError)"
    assert source(db, bad)["status"] == "error"


def test_a_crash_while_storing_rolls_that_source_back(db: Database, server: FeedServer,
                                                      refresher: FeedRefresher,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    good = add(db, server.static("/rss2.xml", "rss2.xml"))
    doomed = add(db, server.static("/atom.xml", "atom.xml", content_type="application/atom+xml"))
    also_good = add(db, server.static("/rss1.rdf", "rss1.rdf", content_type="application/rdf+xml"))
    real_store = refresh_module.store_entries
    stored_then_crashed: list[int] = []

    def store_then_crash(conn, source_id, entries, fetched_at):  # noqa: ANN001, ANN202
        counts = real_store(conn, source_id, entries, fetched_at)
        if source_id == doomed:
            assert counts.new == 4  # the rows really were inserted before the crash
            stored_then_crashed.append(source_id)
            raise RuntimeError("disk on fire")
        return counts

    monkeypatch.setattr(refresh_module, "store_entries", store_then_crash)
    results = by_id(refresher.refresh())
    assert stored_then_crashed == [doomed]
    assert results[doomed].status == "error" and results[doomed].new_items == 0
    # One sentence naming the kind of failure; the exception's text (which for a database
    # error is the statement and the fetched data) stays in the log.
    assert results[doomed].error == ("could not store what was fetched (RuntimeError); nothing "
                                     "of it was saved, and the log has the details")
    row = source(db, doomed)
    assert row["item_count"] == 0 and items(db, doomed) == []
    assert row["status"] == "error" and row["error_count"] == 1
    assert row["title"] is None and row["feed_format"] is None  # the source update rolled back
    assert results[good].status == "ok" and source(db, good)["item_count"] == 5
    assert results[also_good].status == "ok" and source(db, also_good)["item_count"] == 3


def test_bozo_feed_is_kept_with_a_warning(db: Database, server: FeedServer,
                                          refresher: FeedRefresher) -> None:
    sid = add(db, server.static("/bozo.xml", "bozo.xml"))
    [result] = refresher.refresh()
    assert result.status == "ok" and not result.failed
    assert result.warning
    assert result.new_items >= 3
    row = source(db, sid)
    assert row["status"] == "ok" and row["parse_warning"] == result.warning
    assert row["item_count"] == result.new_items


# ------------------------------------------------------------------ redirects and gone

def test_permanent_redirect_updates_the_stored_url(db: Database, server: FeedServer,
                                                   refresher: FeedRefresher) -> None:
    new_home = server.static("/new/rss2.xml", "rss2.xml")
    old = add(db, server.redirect("/old/rss2.xml", 301, new_home))
    feed = server.static("/today/atom.xml", "atom.xml", content_type="application/atom+xml")
    temp_url = server.redirect("/temp/atom.xml", 302, feed)
    temp = add(db, temp_url)
    results = by_id(refresher.refresh())
    assert results[old].status == "ok" and results[old].url == new_home
    assert source(db, old)["url"] == new_home
    assert results[temp].status == "ok" and results[temp].url == temp_url
    assert source(db, temp)["url"] == temp_url
    # The next refresh goes straight to the new address.
    refresher.refresh(force=True)
    assert len(server.hits("/old/rss2.xml")) == 1
    assert len(server.hits("/temp/atom.xml")) == 2


def test_gone_source_is_not_polled_until_enabled(db: Database, server: FeedServer,
                                                 refresher: FeedRefresher) -> None:
    sid = add(db, server.status("/gone.xml", 410))
    [result] = refresher.refresh()
    assert result.status == "gone" and result.failed and result.http_status == 410
    assert "410" in result.error
    row = source(db, sid)
    assert row["status"] == "gone" and row["next_fetch"] is None

    assert refresher.refresh(force=True) == []
    [skipped] = refresher.refresh([sid], force=True)
    assert skipped.status == "skipped" and "410" in skipped.error
    assert len(server.hits("/gone.xml")) == 1

    server.static("/gone.xml", "rss2.xml")  # the feed came back
    enable_source(db, sid)
    [result] = refresher.refresh()
    assert result.status == "ok" and result.new_items == 5
    assert len(server.hits("/gone.xml")) == 2


def test_retry_after_is_honoured_even_when_forced(db: Database, server: FeedServer,
                                                  refresher: FeedRefresher,
                                                  clock: Clock) -> None:
    sid = add(db, server.status("/busy.xml", 429, {"Retry-After": "120"}))
    [result] = refresher.refresh()
    assert result.status == "error" and result.http_status == 429
    assert "wait until" in result.error
    row = source(db, sid)
    assert row["retry_after"] is not None
    assert clock.now + timedelta(seconds=110) < row["retry_after"]
    assert row["retry_after"] < clock.now + timedelta(seconds=130)

    clock.advance(seconds=60)
    assert refresher.refresh(force=True) == []
    [skipped] = refresher.refresh([sid], force=True)
    assert skipped.status == "skipped" and "wait until" in skipped.error
    assert len(server.hits("/busy.xml")) == 1

    server.static("/busy.xml", "rss2.xml")
    clock.advance(seconds=120)
    [result] = refresher.refresh(force=True)
    assert result.status == "ok" and result.new_items == 5
    assert len(server.hits("/busy.xml")) == 2
    assert source(db, sid)["retry_after"] is None


def test_repeated_failures_back_off(db: Database, server: FeedServer,
                                    refresher: FeedRefresher, clock: Clock) -> None:
    sid = add(db, server.status("/flaky.xml", 500), interval_minutes=30)
    waits = []
    for attempt in range(1, 5):
        [result] = refresher.refresh()
        assert result.status == "error" and result.error == "HTTP 500 Internal Server Error"
        row = source(db, sid)
        assert row["error_count"] == attempt
        waits.append(row["next_fetch"] - clock.now)
        clock.now = row["next_fetch"]  # exactly due again
    assert waits == [timedelta(minutes=m) for m in (30, 60, 120, 240)]

    server.static("/flaky.xml", "rss2.xml")
    [result] = refresher.refresh()
    assert result.status == "ok"
    row = source(db, sid)
    assert row["error_count"] == 0 and row["error"] is None
    assert row["next_fetch"] == clock.now + timedelta(minutes=30)


# ------------------------------------------------------------------ concurrency, progress, cancel

def _many(db: Database, server: FeedServer, count: int, hosts: list[str],
          delay: float = 0.0) -> list[int]:
    ids = []
    for n in range(count):
        server.static(f"/feed{n}.xml", "rss2.xml", delay=delay)
        ids.append(add(db, server.url(f"/feed{n}.xml", host=hosts[n % len(hosts)])))
    return ids


def test_at_most_two_requests_per_host(db: Database, server: FeedServer,
                                       fetcher: Fetcher) -> None:
    _many(db, server, 6, ["127.0.0.1"], delay=0.3)
    results = FeedRefresher(db, fetcher, workers=8, per_host=2).refresh()
    assert [r.status for r in results] == ["ok"] * 6
    assert len(server.requests) == 6
    assert server.peak_in_flight <= 2


def test_different_hosts_are_fetched_in_parallel(db: Database, server: FeedServer,
                                                 fetcher: Fetcher) -> None:
    hosts = ["127.0.0.1", server.also_listen("127.0.0.2"), server.also_listen("127.0.0.3")]
    _many(db, server, 6, hosts, delay=0.3)
    results = FeedRefresher(db, fetcher, workers=8, per_host=2).refresh()
    assert [r.status for r in results] == ["ok"] * 6
    assert server.peak_in_flight > 2


def test_progress_counts_up_to_the_total(db: Database, server: FeedServer,
                                         refresher: FeedRefresher) -> None:
    ids = _many(db, server, 4, ["127.0.0.1"])
    gone = add(db, server.status("/gone.xml", 410))
    refresher.refresh([gone])
    seen: list[tuple[int, int, int]] = []

    def on_result(result: RefreshResult, done: int, total: int) -> None:
        seen.append((result.source_id, done, total))

    # The gone source is reported as skipped, but is not part of the progress.
    results = refresher.refresh([*ids, gone], on_result=on_result)
    assert [(done, total) for _, done, total in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sorted(sid for sid, _, _ in seen) == ids
    assert len(results) == 5 and by_id(results)[gone].status == "skipped"


def test_cancel_stops_submitting_more(db: Database, server: FeedServer,
                                      fetcher: Fetcher) -> None:
    ids = _many(db, server, 6, ["127.0.0.1"], delay=0.1)
    cancel = threading.Event()
    calls: list[int] = []

    def on_result(result: RefreshResult, done: int, total: int) -> None:
        calls.append(done)
        cancel.set()

    refresher = FeedRefresher(db, fetcher, workers=8, per_host=2)
    results = refresher.refresh(on_result=on_result, cancel=cancel)
    # Two were in flight when the first result arrived; the other is cut (or finishes if it
    # was quicker than the cut), nothing else starts.
    assert 1 <= len(results) <= 2 < len(ids)
    assert calls == list(range(1, len(results) + 1))
    assert all(r.status == "ok" for r in results)
    assert len(results) <= len(server.requests) <= 2
    untouched = [sid for sid in ids if sid not in by_id(results)]
    assert all(source(db, sid)["status"] == "new" for sid in untouched)


def test_refresh_can_run_again_after_cancel(db: Database, server: FeedServer,
                                            fetcher: Fetcher) -> None:
    _many(db, server, 3, ["127.0.0.1"])
    cancel = threading.Event()
    cancel.set()
    refresher = FeedRefresher(db, fetcher, per_host=1)
    assert refresher.refresh(cancel=cancel) == []
    results = refresher.refresh()
    assert [r.status for r in results] == ["ok"] * 3
