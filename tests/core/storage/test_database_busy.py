"""Issue 16 item 11: another process holding SQLite's write lock longer than the busy timeout.

The lock is held by a real second connection (another process would hold it the same way:
``BEGIN IMMEDIATE`` on the same file) for a bounded time; timeouts are shortened so each test
takes a second or two instead of minutes.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from core.errors import KnownError
from core.feeds.items import list_items, mark_items
from core.feeds.refresh import NOT_STORED_BUSY, FeedRefresher
from core.feeds.sources import add_source, get_source
from core.net.fetch import Fetcher
from core.storage import database as database_module
from core.storage.database import Database
from core.storage.errors import BUSY_RETRYING, DatabaseBusyError
from core.storage.migrate import ensure_schema
from tests.feedserver import FeedServer


@contextmanager
def write_lock_held(path: Path, seconds: float) -> Iterator[threading.Event]:
    """Another connection takes the write lock and keeps it for ``seconds``, then lets go."""
    taken, released = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO meta (key, value) VALUES ('lock-test', 'held')")
            taken.set()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
            released.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert taken.wait(5)
    try:
        yield released
    finally:
        thread.join(seconds + 5)


@pytest.fixture
def quick_db(tmp_path: Path) -> Iterator[Database]:
    """A database whose writers give up on the lock quickly: 100 ms per attempt, 5 s in all."""
    database = Database(f"sqlite:///{tmp_path / 'busy.db'}", busy_timeout_ms=100,
                        write_wait_s=5)
    ensure_schema(database)
    yield database
    database.dispose()


def _item(db: Database) -> int:
    from datetime import UTC, datetime

    from core.entries.entry import ParsedEntry
    from core.entries.store import store_entries

    source = add_source(db, "https://e.test/feed.xml")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("a", None, "A", None, now, None, "", "")],
                      now)
    return list_items(db)[0]["id"]


def test_items_mark_waits_for_a_writer_that_holds_the_lock_past_the_busy_timeout(
        quick_db: Database) -> None:
    item_id = _item(quick_db)
    told: list[str] = []
    quick_db.busy_listeners.append(told.append)
    with write_lock_held(quick_db.sqlite_path, 1.0) as released:  # 10× the busy timeout
        started = time.monotonic()
        assert mark_items(quick_db, [item_id], "read") == 1
        assert released.is_set()  # it waited for the other writer, then wrote
    assert time.monotonic() - started < 5
    assert told == [BUSY_RETRYING, ""]  # said once, in plain words; "" when it wrote
    assert list_items(quick_db)[0]["read"] is True


def test_a_writer_that_never_lets_go_gets_a_plain_message(quick_db: Database) -> None:
    item_id = _item(quick_db)
    quick_db.write_wait_s = 0.5
    with write_lock_held(quick_db.sqlite_path, 2.0), pytest.raises(DatabaseBusyError) as caught:
        mark_items(quick_db, [item_id], "read")
    message = str(caught.value)
    assert isinstance(caught.value, KnownError)
    assert message.startswith("another Attaché is busy writing to the database")
    for leak in ("sqlalche", "[SQL", "OperationalError", "UPDATE"):
        assert leak not in message
    assert list_items(quick_db)[0]["read"] is False  # nothing half-written


def _feeds(server: FeedServer, db: Database, count: int) -> list[int]:
    return [add_source(db, server.static(f"/f{n}.xml", "rss2.xml")).id for n in range(count)]


def test_a_refresh_meeting_a_busy_database_keeps_what_it_fetched(
        quick_db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    ids = _feeds(server, quick_db, 6)
    quick_db.write_wait_s = 0.3  # each attempt gives up fast: the refresh itself retries
    with write_lock_held(quick_db.sqlite_path, 1.5):
        results = FeedRefresher(quick_db, fetcher).refresh()
    assert [r.status for r in results] == ["ok"] * 6
    assert sum(r.new_items for r in results) == 6 * 5
    assert all(get_source(quick_db, i).status == "ok" for i in ids)


def test_a_refresh_that_waits_too_long_reports_each_source_and_loses_nothing_stored(
        quick_db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    ids = _feeds(server, quick_db, 3)
    quick_db.write_wait_s = 0.2
    refresher = FeedRefresher(quick_db, fetcher)
    refresher.busy_patience_s = 0.5
    with write_lock_held(quick_db.sqlite_path, 2.0):
        results = refresher.refresh()
    assert [(r.status, r.error) for r in results] == [("error", NOT_STORED_BUSY)] * 3
    # Not stored, not marked failed: each stays due and the next refresh fetches it.
    assert all(get_source(quick_db, i).status == "new" for i in ids)
    again = refresher.refresh()
    assert [r.status for r in again] == ["ok"] * 3


def test_the_cli_says_it_is_retrying_and_then_succeeds(
        cli, db_url: str, server: FeedServer,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("sources", "add", server.static("/feed.xml", "rss2.xml"))[0] == 0
    monkeypatch.setattr(database_module, "SQLITE_BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(database_module, "WRITE_WAIT_S", 10.0)
    path = Path(db_url.removeprefix("sqlite:///"))
    with write_lock_held(path, 1.0):
        code, out, err = cli("sources", "disable", "1")
    assert code == 0, err
    assert f"attache: {BUSY_RETRYING}" in err


def test_the_cli_gives_up_with_one_plain_line(cli, db_url: str,  # noqa: ANN001
                                              server: FeedServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("sources", "add", server.static("/feed.xml", "rss2.xml"))[0] == 0
    monkeypatch.setattr(database_module, "SQLITE_BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(database_module, "WRITE_WAIT_S", 0.5)
    path = Path(db_url.removeprefix("sqlite:///"))
    with write_lock_held(path, 2.0):
        code, _out, err = cli("items", "mark", "1", "--read")
    assert code == 1
    assert "attache: another Attaché is busy writing to the database" in err
    for leak in ("unexpected error", "sqlalche", "OperationalError", "[SQL"):
        assert leak not in err
