"""Try a database before switching to it: Settings → Database → "Test connection".

An officer typing the team's PostgreSQL URL wants to know *now* whether it works and what is in
it — not after a restart that ends in an error dialog. This opens the database without changing
anything (an SQLite file is opened read-only and never created; nothing is migrated), runs
``SELECT 1`` and says in plain words where its schema stands. Passwords never appear in the
message: URLs are shown masked and a driver's error text is scrubbed of the password.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from core.storage.migrate import _is_known, head_revision
from core.storage.urls import masked_url, scrub

log = logging.getLogger("attache.storage")

CONNECT_TIMEOUT_S = 5  # a server that does not answer in 5 s will not do better at start-up


def test_connection(url: str) -> tuple[bool, str]:
    """``(ok, message)``: could Attaché use the database at ``url``? Never raises for the
    user's mistakes (a bad URL, a missing driver, a server that does not answer)."""
    try:
        parsed = make_url(url.strip())
    except ValueError:  # make_url's int() of a port such as "h:abc"
        return False, "The port in this URL is not a number (e.g. server:5432)."
    except ArgumentError:
        return False, ("This is not a database URL. Examples: sqlite:///C:/Data/attache.db or "
                       "postgresql+psycopg://user@server/attache")
    shown = masked_url(parsed)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _test_sqlite(parsed)
    if backend != "postgresql":
        return False, f"Attaché works with SQLite or PostgreSQL, not {backend}."
    return _test_server(parsed, shown)


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _test_sqlite(parsed: URL) -> tuple[bool, str]:
    if not parsed.database or parsed.database == ":memory:":
        return False, "An SQLite URL needs a file name, e.g. sqlite:///C:/Data/attache.db"
    path = Path(parsed.database).expanduser()
    if path.is_dir():
        return False, f"{path} is a folder; choose a file name such as attache.db inside it."
    if not path.exists():
        folder = _existing_parent(path)
        if folder is None or not _writable(folder):
            return False, f"{path} does not exist, and its folder cannot be created or written."
        return True, (f"{path} does not exist yet: Attaché will create an empty database there "
                      "when it restarts.")
    # Read-only, as a URI: testing must not create, convert to WAL or migrate anything.
    uri = URL.create("sqlite", database=path.resolve().as_uri(),
                     query={"mode": "ro", "uri": "true"})
    return _inspect(create_engine(uri, poolclass=NullPool), str(path), parsed)


def _test_server(parsed: URL, shown: str) -> tuple[bool, str]:
    try:
        engine = create_engine(parsed, poolclass=NullPool,
                               connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (NoSuchModuleError, ModuleNotFoundError):
        return False, (f"The database driver for {parsed.drivername} is not installed "
                       "(pip install 'attache[postgres]', or ask IT).")
    return _inspect(engine, shown, parsed)


def _inspect(engine, shown: str, parsed: URL) -> tuple[bool, str]:  # noqa: ANN001
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            current = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
    except DBAPIError as exc:
        reason = scrub(str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip()
                        else type(exc.orig).__name__, parsed)
        log.info("connection test of %s failed: %s", shown, reason)
        return False, f"Cannot connect to {shown}: {reason}"
    except ModuleNotFoundError:
        return False, (f"The database driver for {parsed.drivername} is not installed "
                       "(pip install 'attache[postgres]', or ask IT).")
    finally:
        engine.dispose()
    head = head_revision()
    if current is None:
        if tables - {"alembic_version"}:
            return False, (f"Connected to {shown}, but it holds tables that are not an Attaché "
                           "database. Attaché will not touch it: choose an empty database.")
        return True, (f"Connected to {shown}. The database is empty: Attaché will set it up "
                      "when it restarts.")
    if current == head:
        return True, f"Connected to {shown}. It is an Attaché database and up to date."
    if _is_known(current):
        return True, (f"Connected to {shown}. It is an Attaché database from an older version: "
                      "it will be upgraded when Attaché restarts (an SQLite file is backed up "
                      "first).")
    return False, (f"Connected to {shown}, but it was written by a newer Attaché (schema "
                   f"{current}). Install the newer version to use it.")


def _existing_parent(path: Path) -> Path | None:
    for parent in path.parents:
        if parent.exists():
            return parent if parent.is_dir() else None
    return None


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)
