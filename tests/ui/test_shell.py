"""The shell around the pages: background refresh, notifications, the exception hook and the
window remembering where the user left it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
import requests

from core.errors import KnownError
from core.feeds.sources import add_source
from core.settings import Settings
from desktop.context import AppContext
from desktop.crash import ExceptionHook, plain_message
from desktop.logs import setup_logging
from desktop.notify import Notifier, refresh_news
from desktop.refresh import RefreshController
from desktop.scheduler import RefreshScheduler


def scheduled(ctx: AppContext) -> tuple[RefreshScheduler, Notifier]:
    notifier = Notifier(ctx.window)
    refresher = RefreshController(ctx)
    return RefreshScheduler(ctx, refresher, notifier, Settings.load), notifier


def test_a_scheduled_refresh_fetches_due_sources_and_notifies(ctx: AppContext,
                                                              server) -> None:  # noqa: ANN001
    add_source(ctx.db, server.static("/rss2.xml", "rss2.xml"))
    scheduler, notifier = scheduled(ctx)
    assert scheduler.tick()
    assert len(notifier.sent) == 1
    title, text = notifier.sent[0]
    assert "new items from 1 source" in text
    # Nothing is due a minute later: the tick changes nothing and says nothing.
    assert scheduler.tick()
    assert len(notifier.sent) == 1
    assert len(server.hits("/rss2.xml")) == 1


def test_notifications_and_auto_refresh_can_be_switched_off(ctx: AppContext,
                                                           server) -> None:  # noqa: ANN001
    add_source(ctx.db, server.static("/rss2.xml", "rss2.xml"))
    settings = Settings.load()
    settings.auto_refresh = False
    settings.save()
    scheduler, notifier = scheduled(ctx)
    assert not scheduler.tick()
    assert server.hits("/rss2.xml") == []
    settings.auto_refresh, settings.notifications = True, False
    settings.save()
    assert scheduler.tick()
    assert len(server.hits("/rss2.xml")) == 1
    assert notifier.sent == []


def test_a_refresh_the_user_started_does_not_notify(ctx: AppContext,
                                                    server) -> None:  # noqa: ANN001
    add_source(ctx.db, server.static("/rss2.xml", "rss2.xml"))
    scheduler, notifier = scheduled(ctx)
    assert scheduler.refresher.start(force=True)
    assert notifier.sent == []
    assert "new items" in ctx.window.statusBar().currentMessage()


def test_refresh_news_counts_what_matters() -> None:
    from core.feeds.refresh import RefreshResult

    assert refresh_news([RefreshResult(1, "u", "ok")]) is None
    text = refresh_news([RefreshResult(1, "u", "ok", new_items=3, watch_hits=2),
                         RefreshResult(2, "v", "ok", new_replies=4)])
    assert text == "3 new items from 2 sources; 4 new replies; 2 watch-term hits"


@pytest.fixture
def hook(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    shown: list[tuple[str, str, bool]] = []
    log_path = setup_logging()
    installed = ExceptionHook(log_path, lambda *args: shown.append(args)).install()
    yield installed, shown, log_path
    installed.uninstall()
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_attache", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_a_bug_is_logged_with_its_traceback_and_explained(qtbot, hook) -> None:  # noqa: ANN001
    installed, shown, log_path = hook
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as exc:
        installed.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(shown))
    title, text, is_bug = shown[0]
    assert is_bug and "bug" in title
    assert str(log_path) in text and "Your data is safe" in text
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "division by zero in a slot" in logged


def test_known_errors_get_plain_words_not_a_bug_report(qtbot, hook) -> None:  # noqa: ANN001
    installed, shown, _ = hook
    installed.handle(KnownError, KnownError("no such source: 42"), None)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0] == ("Attaché", "no such source: 42", False)


def test_an_exception_in_a_worker_thread_reaches_the_gui_thread(qtbot, hook) -> None:  # noqa: ANN001
    installed, shown, _ = hook
    seen_in: list[str] = []

    def boom() -> None:
        raise RuntimeError("worker failed")

    installed._show = lambda *args: (shown.append(args),  # noqa: SLF001
                                     seen_in.append(threading.current_thread().name))
    thread = threading.Thread(target=boom, name="worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown))
    assert seen_in == [threading.main_thread().name]
    assert shown[0][2] is True


def test_plain_messages_for_offline_and_a_busy_database() -> None:
    assert "offline" in plain_message(requests.exceptions.ConnectionError("refused"))
    assert "busy" in plain_message(Exception("(sqlite3.OperationalError) database is locked"))
    assert plain_message(ValueError("x")) is None


def test_the_window_reopens_on_the_page_it_was_closed_on(qtbot, db) -> None:  # noqa: ANN001
    from desktop.app import create_main_window

    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    window.show_page("calendar")
    window.resize(790, 520)
    closed_at = window.size()
    window.close()
    again = create_main_window(db)
    qtbot.addWidget(again)
    assert again.current_page() == "calendar"
    # The offscreen screen is 800 px wide: the width is clamped to it, the height is not.
    assert again.size().height() == closed_at.height() != 800
