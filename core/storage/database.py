"""Opening a database: the engine, SQLite's pragmas, and transactions that never leave half a write.

One ``Database`` per process is enough; it is cheap to share between threads because every
unit of work opens its own connection from the pool.

What the engine does to every statement, so no caller can forget it:

- text parameters are made storable on both databases (``core.storage.text``: no NUL, no lone
  surrogates);
- a busy, full, damaged or read-only database raises a plain ``core.storage.errors`` error
  instead of SQLAlchemy's text;
- a write transaction that meets another process's write lock waits and retries for
  ``write_wait_s`` (telling ``busy_listeners`` once, and again when it stops waiting) before
  it gives up, since the other writer (a second Attaché, a scheduled refresh) normally
  finishes within seconds.

An SQLite file that cannot be written (read-only file, folder or disk) is opened read-only:
reading works, and a write says "read-only" instead of failing to open at all.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from core.errors import KnownError
from core.storage.errors import BUSY_RETRYING, DatabaseBusyError, failure_kind, plain_failure
from core.storage.text import clean_parameters
from core.storage.urls import masked_url, scrub

log = logging.getLogger("attache.storage")

SQLITE_BUSY_TIMEOUT_MS = 15_000  # one attempt to take the write lock (SQLite waits inside)
WRITE_WAIT_S = 120.0  # all attempts together, before "another Attaché is busy" is an error
RETRY_PAUSE_S = 0.2


def _unicode_lower(value: object) -> str | None:
    """SQL ``lower()`` for every script; like SQLite's, NULL stays NULL and anything else
    becomes text."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").lower()
    return str(value).lower()


def read_only_sqlite_url(path: Path) -> URL | None:
    """A read-only URL for an SQLite file this process cannot write, else None.

    ``mode=ro`` when SQLite can still share the WAL index (its ``-shm`` file exists or the
    folder is writable); ``immutable=1`` otherwise (a read-only disk or folder: nobody can be
    writing the file there, and without it SQLite cannot even read a WAL database).
    """
    if not path.is_file():
        return None
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and folder_writable:
        return None
    shm = path.with_name(path.name + "-shm")
    mode = {"mode": "ro"} if folder_writable or shm.exists() else {"immutable": "1"}
    return URL.create("sqlite", database=path.resolve().as_uri(),
                      query={**mode, "uri": "true"})


def _clean_statement(conn: Connection, cursor: object, statement: str, parameters: object,
                     context: object, executemany: bool) -> tuple[str, object]:
    """before_cursor_execute: every text parameter storable on both databases."""
    return statement, clean_parameters(parameters, executemany)


def one_line(text: str) -> str:
    """A driver's message on one line (psycopg adds "Is the server running…" on the next)."""
    return " ".join(text.split())


class Database:
    """An engine plus the few ways Attaché talks to it."""

    def __init__(self, url: str, *, echo: bool = False, busy_timeout_ms: int | None = None,
                 write_wait_s: float | None = None) -> None:
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
            raise KnownError(f"not a database URL: {masked_url(url)!r} "
                             "(e.g. sqlite:///path/attache.db)") from exc
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        # None: the module's values, read now (tests and tools may change them).
        self.busy_timeout_ms = (SQLITE_BUSY_TIMEOUT_MS if busy_timeout_ms is None
                                else busy_timeout_ms)
        self.write_wait_s = WRITE_WAIT_S if write_wait_s is None else write_wait_s
        # Called (from the writing thread) with BUSY_RETRYING when a write starts waiting for
        # another process, and with "" when the wait is over.
        self.busy_listeners: list[Callable[[str], None]] = []
        self.read_only = False
        engine_url: URL = parsed
        path = self.sqlite_path
        if path is not None:
            read_only = read_only_sqlite_url(path)
            if read_only is not None:
                engine_url, self.read_only = read_only, True
                log.warning("%s cannot be written: opened read-only", path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(engine_url, echo=echo, pool_pre_ping=not self.is_sqlite)
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            hint = " (install the extra: pip install 'attache[postgres]')" if "postgres" in str(
                parsed.drivername) else ""
            raise KnownError(f"no database driver for {parsed.drivername}{hint}") from exc
        event.listen(self.engine, "before_cursor_execute", _clean_statement, retval=True)
        event.listen(self.engine, "handle_error", self._plain_error)
        if self.is_sqlite:
            self._install_sqlite_pragmas()

    def _install_sqlite_pragmas(self) -> None:
        """WAL, foreign keys and a busy timeout on every connection; BEGIN emitted by us.

        pysqlite starts transactions lazily and skips BEGIN before DDL; taking over BEGIN (the
        SQLAlchemy-documented recipe) makes migrations and refresh writes truly atomic, and
        lets a writer ask for ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout
        instead of failing half-way with "database is locked".
        """

        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:  # setting the journal mode writes the file's header
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.close()
            # SQLite's own lower() folds ASCII only, so "sort by title" put "арбуз" after
            # "Яблоко" (every capital Cyrillic letter sorts before every small one); Python's
            # folds every script, as PostgreSQL's does. No index, trigger or FTS table uses
            # lower(), so nothing stored depends on which one runs (the sqlite3 shell's builtin
            # gives the same rows).
            dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Connection) -> None:
            if conn.get_execution_options().get("sqlite_immediate", False):
                self._begin_immediate(conn)
            else:
                conn.exec_driver_sql("BEGIN")

    def _begin_immediate(self, conn: Connection) -> None:
        """Take the write lock, waiting up to ``write_wait_s`` for another process's writer.

        Nothing has been done in the transaction yet, so trying again is always safe.
        """
        deadline = time.monotonic() + self.write_wait_s
        told = False
        try:
            while True:
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                    return
                except DatabaseBusyError:
                    if time.monotonic() >= deadline:
                        raise
                    if not told:
                        told = True
                        log.warning("%s: %s", self.describe(), BUSY_RETRYING)
                        self._tell_busy(BUSY_RETRYING)
                    time.sleep(RETRY_PAUSE_S)
        finally:
            if told:  # the write goes ahead (or gives up with its own error): wait no more
                self._tell_busy("")

    def _tell_busy(self, message: str) -> None:
        for listener in list(self.busy_listeners):
            listener(message)

    def _plain_error(self, context: ExceptionContext) -> None:
        """SQLAlchemy's handle_error hook: a busy, full, damaged or read-only database becomes
        its plain ``KnownError`` (the driver's error stays attached as the cause, for the
        log)."""
        kind = failure_kind(context.original_exception)
        if kind is not None:
            where = str(self.sqlite_path) if self.sqlite_path is not None else self.describe()
            raise plain_failure(kind, where) from context.original_exception

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database).expanduser()

    def describe(self) -> str:
        """The URL without its password (nor one in its query string), fit for messages and
        logs."""
        return masked_url(self.url)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: all of it lands or none of it does."""
        with self.writer() as conn, conn.begin():
            yield conn

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """A connection for a series of write transactions, each ``with conn.begin():``.

        For a writer that commits many small transactions in a row (a refresh writes one per
        source): no pool checkout per transaction.
        """
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn = conn.execution_options(sqlite_immediate=True)
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def check_reachable(self) -> None:
        try:
            with self.engine.connect() as conn:
                # Reading the schema makes a file that is not a database say so here.
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master" if self.is_sqlite
                                     else "SELECT 1")
        except OperationalError as exc:
            raise KnownError(f"cannot open database {self.describe()}: "
                             f"{one_line(scrub(str(exc.orig), self.url))}") from exc

    def dispose(self) -> None:
        self.engine.dispose()
