"""``attache db check``: is the database whole, and is its schema the one this code expects?

A damaged file is exactly when this command is run, so it must report rather than fail: an
SQLite file's header is read directly first (a file cut short, or one whose first bytes are
not SQLite's, is named as such), and damage SQLite finds later is a problem in the report,
not an "unexpected error". A read-only file is checked with reads only.
"""

from __future__ import annotations

import struct
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from core.errors import KnownError
from core.storage.database import Database, one_line
from core.storage.errors import DatabaseDamagedError, DatabaseReadOnlyError
from core.storage.migrate import _is_known, head_revision, schema_state

HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100


def sqlite_file_problems(path: Path) -> list[str]:
    """What the header of the SQLite file at ``path`` says is wrong (no SQLite involved)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except FileNotFoundError:
        return []  # nothing there yet: the first use creates it
    except OSError as exc:
        return [f"the file cannot be read: {exc.strerror or exc}"]
    if size == 0:
        return []  # SQLite's own empty database
    if len(header) < HEADER_SIZE:
        return [f"the file is cut short: {size} bytes, less than an SQLite header"]
    if not header.startswith(HEADER):
        return ["the file's header is damaged: it does not begin as an SQLite database does"]
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        return [f"the file's header is damaged: page size {raw_page_size} is impossible"]
    change_counter, = struct.unpack(">I", header[24:28])
    pages, = struct.unpack(">I", header[28:32])
    valid_for, = struct.unpack(">I", header[92:96])
    expected = pages * page_size
    if pages and change_counter == valid_for and size < expected:
        return [f"the file is cut short: {size} bytes, but its header says {expected}"]
    return []


def check_database(db: Database) -> dict:
    path = db.sqlite_path
    notes: list[str] = []
    problems = sqlite_file_problems(path) if path is not None else []
    current = None
    schema = "not read (the file is damaged)"
    if path is not None and not path.exists():
        # Checking a mistyped path must not leave an empty database there.
        problems.append(f"there is no database file at {path}")
        schema = "not read (no file)"
    if not problems:
        try:
            db.check_reachable()
            state = schema_state(db)
            current = state.current
            schema, problems = _schema_words(state.current, state.up_to_date)
            problems.extend(_sqlite_problems(db, notes) if db.is_sqlite
                            else _pg_problems(db, state.current))
        except DatabaseDamagedError as exc:
            problems.append(f"SQLite reports damage: {_driver_words(exc)}")
        except DBAPIError as exc:
            problems.append(f"integrity check failed to run: {one_line(str(exc.orig))}")
        except KnownError as exc:  # the server cannot be reached: said in the report too
            schema = "not read (the database cannot be opened)"
            problems.append(str(exc))
    if db.read_only:
        notes.append("the database is read-only: checked without writing")
    integrity_ok = not any(p for p in problems if "schema" not in p)
    report = {
        "ok": not problems and current is not None,
        "database": db.describe(),
        "dialect": db.dialect,
        "schema_version": current,
        "code_version": head_revision(),
        "schema": schema,
        "integrity_ok": integrity_ok,
        "problems": problems,
        "notes": notes,
        "read_only": db.read_only,
    }
    if not integrity_ok and path is not None:
        from core.storage.recover import newest_usable_backup

        backup = newest_usable_backup(path)
        report["recovery"] = {
            "backup": str(backup) if backup else None,
            "command": "attache db restore" if backup else None,
        }
    return report


def _schema_words(current: str | None, up_to_date: bool) -> tuple[str, list[str]]:
    if up_to_date:
        return "up to date", []
    if current is None:
        return "empty (run: attache db upgrade)", []
    if _is_known(current):
        return "older; will be upgraded on next use (or: attache db upgrade)", []
    return ("newer than this Attaché; install the newer version",
            [f"schema {current} is unknown to this version"])


def _driver_words(exc: BaseException) -> str:
    """SQLite's own short words for the damage ("database disk image is malformed")."""
    cause = exc.__cause__
    return str(cause).splitlines()[0] if cause is not None else str(exc)


def _sqlite_problems(db: Database, notes: list[str]) -> list[str]:
    problems = []
    with db.read() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.extend(f"integrity: {r}" for r in rows[:20])
        for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent}")
        has_fts = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'item_fts'").first()
        if has_fts and db.read_only:
            # FTS5's integrity check is an INSERT: on a read-only file it can only fail.
            notes.append("the search index was not checked (its check needs to write)")
        elif has_fts:
            try:
                conn.exec_driver_sql(
                    "INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
            except DatabaseReadOnlyError:
                notes.append("the search index was not checked (its check needs to write)")
            except (DatabaseDamagedError, DBAPIError):
                problems.append("the search index is out of step with the items "
                                "(rebuild: attache db upgrade after restoring a backup)")
    return problems


def _pg_problems(db: Database, revision: str | None) -> list[str]:
    if revision is None:
        return []
    problems = []
    with db.read() as conn:
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM item i LEFT JOIN source s ON s.id = i.source_id "
            "WHERE s.id IS NULL").scalar_one()
        if orphans:
            problems.append(f"{orphans} items point to a missing source")
    return problems
