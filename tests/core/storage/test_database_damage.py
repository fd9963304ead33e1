"""Issue 16 items 13 and 17: a damaged, read-only or full database says so in plain words.

Damage is made the way disks and copies make it: a file cut short, a header overwritten, the
pages of one table overwritten. Read-only and full disks are real mounts when the test runs
as root (a read-only bind mount; a 1 MiB tmpfs) and are skipped otherwise; the full-disk core
test falls back to SQLite's own SQLITE_FULL through ``PRAGMA max_page_count``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import list_items
from core.feeds.sources import add_source
from core.storage.check import check_database, sqlite_file_problems
from core.storage.database import Database
from core.storage.errors import DatabaseFullError, DatabaseReadOnlyError
from core.storage.migrate import ensure_schema
from core.storage.recover import (
    automatic_backups,
    daily_backup,
    is_usable,
    restore_newest_backup,
)
from tests.feedserver import FeedServer
from tests.mounts import can_mount, read_only_view
from tests.mounts import small_disk as mounted_small_disk

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def entries(count: int, size: int = 200, prefix: str = "e") -> list[ParsedEntry]:
    return [ParsedEntry(f"{prefix}{n}", f"https://e.test/{n}", f"Title {n}", None, NOW, None,
                        f"<p>{'x' * size}</p>", "x" * size) for n in range(count)]


def filled(url: str, count: int = 200) -> None:
    db = Database(url)
    ensure_schema(db)
    source = add_source(db, "https://e.test/feed.xml")
    with db.write() as conn:
        store_entries(conn, source.id, entries(count), NOW)
    db.dispose()  # the last connection closing moves the WAL into the main file
    assert not Path(url.removeprefix("sqlite:///") + "-wal").exists()


def run_cli(*args: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from desktop.cli import run

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def overwrite_pages_of(path: Path, *names: str) -> None:
    """Overwrite the root pages of the named tables/indexes with garbage (a bad sector)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                              (name,)).fetchone()[0] for name in names]
    conn.close()
    with path.open("r+b") as file:
        for root in roots:
            file.seek((root - 1) * page_size)
            file.write(b"\xa5" * page_size)


# ----------------------------------------------------------------------- db check

def test_db_check_reports_a_truncated_file(db_url: str, tmp_path: Path) -> None:
    filled(db_url)
    path = tmp_path / "test.db"
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.truncate(size // 2)
    code, out, err = run_cli("db", "check", "--json", "--db", db_url)
    assert code == 1 and "unexpected error" not in err
    (report,) = json.loads(out)
    assert report["ok"] is False and report["integrity_ok"] is False
    assert report["problems"] == [f"the file is cut short: {size // 2} bytes, but its header "
                                  f"says {size}"]
    assert report["recovery"] == {"backup": None, "command": None}  # none was made yet


@pytest.mark.parametrize("garbage", [b"\x00" * 100, b"PK\x03\x04" + b"\x00" * 96])
def test_db_check_reports_a_damaged_header(db_url: str, tmp_path: Path, garbage: bytes) -> None:
    filled(db_url)
    path = tmp_path / "test.db"
    with path.open("r+b") as file:
        file.write(garbage)
    code, out, err = run_cli("db", "check", "--json", "--db", db_url)
    assert code == 1 and "unexpected error" not in err
    (report,) = json.loads(out)
    assert report["problems"] == ["the file's header is damaged: it does not begin as an SQLite "
                                  "database does"]


def test_db_check_reports_damaged_pages_sqlite_finds(db_url: str, tmp_path: Path) -> None:
    filled(db_url)
    overwrite_pages_of(tmp_path / "test.db", "ix_item_sort_date")
    code, out, err = run_cli("db", "check", "--json", "--db", db_url)
    assert code == 1 and "unexpected error" not in err
    (report,) = json.loads(out)
    assert report["integrity_ok"] is False and report["problems"]


def test_the_header_check_accepts_healthy_and_empty_files(db: Database, tmp_path: Path) -> None:
    assert sqlite_file_problems(db.sqlite_path) == []
    (tmp_path / "empty.db").write_bytes(b"")
    assert sqlite_file_problems(tmp_path / "empty.db") == []
    assert sqlite_file_problems(tmp_path / "missing.db") == []


# ----------------------------------------------------------------------- refresh on damage

def test_a_refresh_on_damaged_pages_stops_and_says_so(db_url: str, tmp_path: Path,
                                                      server: FeedServer) -> None:
    filled(db_url)
    db = Database(db_url)
    add_source(db, server.static("/rss2.xml", "rss2.xml"))
    add_source(db, server.static("/atom.xml", "atom.xml", content_type="application/atom+xml"))
    db.dispose()
    overwrite_pages_of(tmp_path / "test.db", "item", "sqlite_autoindex_item_1")
    code, _out, err = run_cli("refresh", "--db", db_url)
    assert code == 1
    assert "is damaged, so Attaché stopped" in err and "attache db restore" in err
    assert "unexpected error" not in err and "sqlalche" not in err


# ----------------------------------------------------------------------- restore

def test_restore_puts_the_newest_healthy_backup_back_and_keeps_the_damaged_file(
        db_url: str, tmp_path: Path) -> None:
    filled(db_url, count=3)
    path = tmp_path / "test.db"
    db = Database(db_url)
    backup = daily_backup(db)
    assert backup is not None and daily_backup(db) is None  # one a day
    db.dispose()
    assert automatic_backups(path) == [backup]
    with path.open("r+b") as file:
        file.write(b"\x00" * 100)
    code, _out, err = run_cli("db", "restore", "--db", db_url)  # no TTY and no --yes
    assert code == 1 and "--yes" in err
    code, out, err = run_cli("db", "restore", "--yes", "--db", db_url)
    assert code == 0, err
    (damaged,) = tmp_path.glob("test.damaged-*.db")
    assert damaged.read_bytes()[:16] == b"\x00" * 16  # kept as it was, not deleted
    assert f"restored {path} from {backup}" in out
    restored = Database(db_url)
    try:
        assert len(list_items(restored)) == 3
        assert check_database(restored)["ok"]
    finally:
        restored.dispose()


def test_restore_skips_a_damaged_backup_and_refuses_without_one(db_url: str,
                                                                tmp_path: Path) -> None:
    filled(db_url, count=3)
    path = tmp_path / "test.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "test-20261201T000000Z.db").write_bytes(b"not a database at all")
    with pytest.raises(Exception, match="no usable automatic backup"):
        restore_newest_backup(path)
    assert path.exists()  # nothing moved


def test_restore_never_takes_another_databases_backup(tmp_path: Path) -> None:
    """test.db and test-2.db side by side: test-2's daily copy (test-2-<time>.db) is not
    test.db's, neither to decide that a copy is due, nor to prune, nor to restore."""
    other_url = f"sqlite:///{tmp_path / 'test-2.db'}"
    filled(other_url, count=5)
    other = Database(other_url)
    other_backup = daily_backup(other)
    other.dispose()
    assert other_backup is not None
    path = tmp_path / "test.db"
    filled(f"sqlite:///{path}", count=3)
    assert automatic_backups(path) == []
    own = Database(f"sqlite:///{path}")
    own_backup = daily_backup(own, keep=1)
    own.dispose()
    assert own_backup is not None  # test-2's fresh copy did not count as test's
    assert other_backup.exists()  # nor was it pruned as test's
    with path.open("r+b") as file:
        file.write(b"\x00" * 100)
    assert restore_newest_backup(path).backup == own_backup
    restored = Database(f"sqlite:///{path}")
    try:
        assert len(list_items(restored)) == 3  # test's items, not test-2's 5
    finally:
        restored.dispose()


def test_an_automatic_backup_is_one_file_even_after_it_is_checked(db: Database) -> None:
    """The copy of a WAL database is written in rollback mode: checking or restoring it leaves
    no -wal/-shm beside it, and pruning removes a copy whole."""
    first = daily_backup(db)
    assert first is not None and is_usable(first)
    assert sorted(p.name for p in first.parent.iterdir()) == [first.name]
    with sqlite3.connect(first) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    older = first.with_name("test-20200101T000000Z.db")  # yesterday's, as an older build left it
    first.rename(older)
    os.utime(older, (0, 0))
    for side in ("-wal", "-shm"):
        older.with_name(older.name + side).write_bytes(b"")
    newest = daily_backup(db, keep=1)
    assert newest is not None
    assert sorted(p.name for p in newest.parent.iterdir()) == [newest.name]


# ----------------------------------------------------------------------- read-only

@pytest.fixture
def read_only_copy(db_url: str, tmp_path: Path) -> Iterator[str]:
    """The filled database seen through a read-only bind mount (a read-only disk or share)."""
    if not can_mount():
        pytest.skip("needs root to bind-mount a folder read-only")
    filled(db_url, count=3)
    target = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
    target.mkdir()
    with read_only_view(tmp_path, target):
        yield f"sqlite:///{target / 'test.db'}"


def test_a_read_only_disk_serves_reads_and_says_read_only_for_writes(
        read_only_copy: str) -> None:
    code, out, err = run_cli("items", "list", "--json", "--db", read_only_copy)
    assert code == 0, err
    assert len(json.loads(out)) == 3
    code, _out, err = run_cli("items", "mark", "1", "--read", "--db", read_only_copy)
    assert code == 1
    assert "is read-only" in err and "unexpected error" not in err
    code, out, err = run_cli("db", "check", "--json", "--db", read_only_copy)
    (report,) = json.loads(out)
    assert code == 0 and report["ok"] is True and report["problems"] == []
    assert report["read_only"] is True  # and no false search-index problem
    db = Database(read_only_copy)
    try:
        with pytest.raises(DatabaseReadOnlyError), db.write() as conn:
            conn.exec_driver_sql("DELETE FROM item")
    finally:
        db.dispose()


# ----------------------------------------------------------------------- full disk

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB file system (tmpfs), so the disk is really full (ENOSPC)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    with mounted_small_disk(folder):
        yield folder


def _fill_until_full(db: Database) -> None:
    source = add_source(db, "https://e.test/big.xml")
    for batch in range(200):  # bounded: 200 × 100 KB is far more than 1 MiB
        with db.write() as conn:
            store_entries(conn, source.id, entries(10, 10_000, prefix=f"b{batch}-"), NOW)


def _assert_full_then_consistent(db: Database) -> None:
    with pytest.raises(DatabaseFullError) as caught:
        _fill_until_full(db)
    assert str(caught.value).startswith("the disk holding your database is full")
    assert "sqlalche" not in str(caught.value) and "INSERT" not in str(caught.value)
    # Every batch that committed is whole; the one that did not left nothing behind.
    counts = {}
    for row in list_items(db, limit=0):
        batch = row["guid"].split("-")[0]
        counts[batch] = counts.get(batch, 0) + 1
    assert counts and set(counts.values()) == {10}


def test_a_full_disk_is_a_plain_message_on_a_real_small_disk(small_disk: Path) -> None:
    db = Database(f"sqlite:///{small_disk / 'attache.db'}")
    ensure_schema(db)
    try:
        _assert_full_then_consistent(db)
    finally:
        db.dispose()


def test_a_full_database_is_a_plain_message_with_sqlite_full(db_url: str) -> None:
    """Where no small disk can be mounted: SQLite's own SQLITE_FULL (max_page_count)."""
    db = Database(db_url)
    ensure_schema(db)
    with db.read() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    event.listen(db.engine, "connect", lambda dbapi, _record: dbapi.execute(
        f"PRAGMA max_page_count = {pages + 100}"))
    db.engine.dispose()  # new connections get the cap
    try:
        _assert_full_then_consistent(db)
    finally:
        db.dispose()


def test_the_cli_says_the_disk_is_full(small_disk: Path, server: FeedServer) -> None:
    url = f"sqlite:///{small_disk / 'attache.db'}"
    big = ("<rss version='2.0'><channel><title>Big</title>" + "".join(
        f"<item><guid>g{n}</guid><title>T{n}</title><description>{'y' * 20_000}</description>"
        "</item>" for n in range(100)) + "</channel></rss>").encode()
    code, _out, err = run_cli("sources", "add", server.static("/big.xml", big), "--db", url)
    assert code == 0, err
    code, _out, err = run_cli("refresh", "--db", url)
    assert code == 1
    assert "the disk holding your database is full" in err
    assert "unexpected error" not in err and "sqlalche" not in err


def test_db_check_on_a_missing_file_says_so_and_creates_nothing(tmp_path: Path) -> None:
    """A mistyped --db made db check create an empty database there and call it "empty"."""
    path = tmp_path / "typo" / "attache.db"
    code, out, err = run_cli("db", "check", "--json", "--db", f"sqlite:///{path}")
    (report,) = json.loads(out)
    assert code == 1 and not path.exists()
    assert report["problems"] == [f"there is no database file at {path}"]
    assert report["recovery"] == {"backup": None, "command": None}


def test_db_check_on_a_server_it_cannot_reach_reports_in_one_line(tmp_path: Path) -> None:
    """psycopg's message spans two lines ("… Connection refused\\n\\tIs the server running…"),
    and db check --json printed no report at all."""
    import socket

    with socket.socket() as free:  # a port nothing listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"postgresql+psycopg://attache:S3cret@127.0.0.1:{port}/attache"
    code, out, err = run_cli("db", "check", "--json", "--db", url)
    (report,) = json.loads(out)
    assert code == 1 and report["ok"] is False
    (problem,) = report["problems"]
    assert problem.startswith(f"cannot open database postgresql+psycopg://attache:***@127.0.0.1:"
                              f"{port}/attache: ") and "\n" not in problem
    assert "S3cret" not in out + err
    code, out, err = run_cli("posts", "list", "--db", url)
    assert code == 1 and err.count("\n") == 1 and "S3cret" not in err


def test_db_backup_to_a_place_it_cannot_write_is_one_plain_line(db: Database,
                                                                 tmp_path: Path) -> None:
    """A folder that cannot be made was "unexpected error: FileNotFoundError"."""
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    target = blocker / "backups" / "copy.db"
    code, out, err = run_cli("db", "backup", str(target), "--db", f"sqlite:///{tmp_path}/test.db")
    assert (code, out) == (1, "")
    assert err.startswith(f"attache: cannot write the backup to {target}: ")
    assert "unexpected" not in err and err.count("\n") == 1
