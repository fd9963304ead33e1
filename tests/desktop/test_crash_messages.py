"""The last line of defence words database failures plainly even when one escapes untranslated
(a driver error from a connection of its own), by SQLite's result code, not its text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.crash import plain_message


def _raised(work) -> sqlite3.Error:  # noqa: ANN001
    with pytest.raises(sqlite3.Error) as caught:
        work()
    return caught.value


def test_a_full_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "full.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")  # SQLITE_FULL, as a full disk gives
    error = _raised(lambda: conn.executemany("INSERT INTO t VALUES (?)",
                                             [("x" * 4000,)] * 50))
    assert plain_message(error).startswith("The disk holding your database is full")


def test_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"\x00" * 4096)  # a header that is not SQLite's
    error = _raised(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master"))
    assert "damaged" in plain_message(error) and "attache db restore" in plain_message(error)


def test_a_bug_is_still_a_bug() -> None:
    assert plain_message(sqlite3.OperationalError("no such table: x")) is None
