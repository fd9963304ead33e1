"""Cancel and quit against a server that trickles (issue 16.5), through the real task runner.

The refresh runs on the runner's writer thread with the shipped settings (a 60 s deadline per
fetch); the server would hold the connection for two minutes. Cancel must end the job within
a second or two, and closing the window must not wait for the server either.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from core.feeds.sources import add_source, get_source
from core.net.fetch import Fetcher
from core.storage.database import Database
from desktop.context import AppContext, Bus
from desktop.page_monitor import monitor_data
from desktop.refresh import RefreshController
from desktop.reuse_fetch import FetchedResponses, ReusingFetcher
from desktop.tasks import TaskRunner
from tests.feedserver import FeedServer, trickle_headers
from ui.main_window import MainWindow


@pytest.fixture
def threaded(qtbot, db: Database) -> Iterator[tuple[AppContext, RefreshController]]:  # noqa: ANN001
    window = MainWindow(db.describe(), monitor_data(db))
    qtbot.addWidget(window)
    ctx = AppContext(db=db, runner=TaskRunner(window), window=window, bus=Bus(window))
    controller = RefreshController(ctx)
    yield ctx, controller
    controller.shut_down()


def slow_source(db: Database, server: FeedServer) -> tuple[int, threading.Event]:
    started = threading.Event()
    url = server.route("/slow", trickle_headers(every=0.1, total=1200, started=started))
    return add_source(db, url).id, started


def test_cancel_ends_the_refresh_within_seconds(qtbot, db: Database, server: FeedServer,  # noqa: ANN001
                                                threaded) -> None:  # noqa: ANN001
    ctx, controller = threaded
    source_id, started = slow_source(db, server)
    assert controller.start(force=True)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    cancelled_at = time.monotonic()
    ctx.window.cancel_requested.emit()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert time.monotonic() - cancelled_at < 5
    source = get_source(db, source_id)
    assert (source.status, source.error) == ("new", None)  # a cancel is not the feed's fault
    assert ctx.window.statusBar().currentMessage().startswith("Refresh cancelled")
    # The next refresh is not blocked by the one that was cancelled.
    assert controller.start(force=True)
    qtbot.waitUntil(lambda: len(server.hits("/slow")) == 2, timeout=10_000)


def test_closing_the_window_does_not_wait_for_the_server(qtbot, db: Database,  # noqa: ANN001
                                                        server: FeedServer, threaded) -> None:  # noqa: ANN001
    ctx, controller = threaded
    _, started = slow_source(db, server)
    assert controller.start(force=True)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    closing_at = time.monotonic()
    ctx.window.close()  # emits closing → RefreshController.shut_down
    assert time.monotonic() - closing_at < 5
    assert not ctx.runner.busy


def test_a_refresh_reusing_the_preview_still_reuses_it_when_cancellable(
        server: FeedServer, fetcher: Fetcher) -> None:
    # The refresher makes its fetcher cancellable; Add source's reuse must survive that.
    responses = FetchedResponses()
    url = server.static("/feed.xml", "rss2.xml")
    reusing = ReusingFetcher(fetcher, responses)
    assert reusing.fetch(url).ok
    cancel = threading.Event()
    assert reusing.cancellable(cancel).fetch(url).ok
    assert len(server.requests) == 1 and responses.reused == 1
    cancel.set()
    fresh = server.static("/other.xml", "rss2.xml")
    assert reusing.cancellable(cancel).fetch(fresh).cancelled  # not reused: cut
