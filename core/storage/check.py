"""``attache db check``: is the database whole, and is its schema the one this code expects?"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from core.storage.database import Database
from core.storage.migrate import _is_known, schema_state


def check_database(db: Database) -> dict:
    db.check_reachable()
    state = schema_state(db)
    problems: list[str] = []
    if state.up_to_date:
        schema = "up to date"
    elif state.current is None:
        schema = "empty (run: attache db upgrade)"
    elif _is_known(state.current):
        schema = "older; will be upgraded on next use (or: attache db upgrade)"
    else:
        schema = "newer than this Attaché; install the newer version"
        problems.append(f"schema {state.current} is unknown to this version")
    try:
        problems.extend(_sqlite_problems(db) if db.is_sqlite else _pg_problems(db, state.current))
    except DBAPIError as exc:
        problems.append(f"integrity check failed to run: {exc.orig}")
    integrity_ok = not any(p for p in problems if "schema" not in p)
    return {
        "ok": not problems and state.current is not None,
        "database": db.describe(),
        "dialect": db.dialect,
        "schema_version": state.current,
        "code_version": state.head,
        "schema": schema,
        "integrity_ok": integrity_ok,
        "problems": problems,
    }


def _sqlite_problems(db: Database) -> list[str]:
    problems = []
    with db.read() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.extend(f"integrity: {r}" for r in rows[:20])
        for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent}")
        has_fts = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'item_fts'").first()
        if has_fts:
            try:
                conn.exec_driver_sql(
                    "INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
            except DBAPIError:
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

