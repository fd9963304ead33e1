"""Issue 16 item 11 in the window: while another process holds SQLite's write lock, the status
bar says another Attaché is busy writing, and the line goes when the write goes ahead.

The lock is held by a real second connection on the same file (as another process would hold
it), and the write runs on the task runner's real writer thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from core.feeds.items import list_items, mark_items
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from desktop.app import create_main_window
from tests.core.storage.test_database_busy import _item, write_lock_held


@pytest.fixture
def quick_db(tmp_path: Path) -> Iterator[Database]:
    """Writers try the lock for 100 ms at a time and wait up to 10 s in all."""
    database = Database(f"sqlite:///{tmp_path / 'busy.db'}", busy_timeout_ms=100,
                        write_wait_s=10)
    ensure_schema(database)
    yield database
    database.dispose()


class Threads(QObject):
    """Where the bus's busy signal arrives (a slot of an object of the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, bool]] = []

    def record(self, message: str) -> None:
        on_gui = QThread.currentThread() == QApplication.instance().thread()
        self.seen.append((message, on_gui))


def test_the_status_bar_says_another_attache_is_writing_until_the_write_proceeds(
        qtbot, quick_db: Database) -> None:  # noqa: ANN001
    item_id = _item(quick_db)
    window = create_main_window(quick_db)
    qtbot.addWidget(window)
    window.show()
    threads = Threads()
    window.ctx.bus.database_busy.connect(threads.record)
    assert not window.busy_label.isVisible()
    done: list[int] = []
    with write_lock_held(quick_db.sqlite_path, 1.5) as released:
        window.ctx.runner.run(lambda _progress: mark_items(quick_db, [item_id], "read"),
                              on_done=done.append, kind="write", name="Mark")
        qtbot.waitUntil(window.busy_label.isVisible, timeout=5000)
        assert window.busy_label.text().startswith("Another Attaché is busy writing")
        assert not released.is_set() and done == []  # waiting, not failed
        qtbot.waitUntil(lambda: not window.busy_label.isVisible(), timeout=10000)
        assert released.is_set()
    qtbot.waitUntil(lambda: done == [1], timeout=5000)
    assert list_items(quick_db)[0]["read"] is True
    assert [message for message, _ in threads.seen] == [
        "another Attaché is busy writing; retrying", ""]
    assert all(on_gui for _, on_gui in threads.seen)  # marshalled from the writer thread
    window.close()


def test_a_closed_window_no_longer_listens_to_the_database(qtbot, quick_db: Database) -> None:  # noqa: ANN001
    window = create_main_window(quick_db)
    assert len(quick_db.busy_listeners) == 1
    window.close()  # stops the writer thread
    window.deleteLater()
    qtbot.waitUntil(lambda: quick_db.busy_listeners == [])
