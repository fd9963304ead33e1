"""Opening a database: the engine, SQLite's pragmas, and transactions that never leave half a write.

One ``Database`` per process is enough; it is cheap to share between threads because every
unit of work opens its own connection from the pool.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from core.errors import KnownError
from core.storage.urls import masked_url, scrub

log = logging.getLogger("attache.storage")

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _unicode_lower(value: object) -> str | None:
    """SQL ``lower()`` for every script; like SQLite's, NULL stays NULL and anything else
    becomes text."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").lower()
    return str(value).lower()


def _install_sqlite_pragmas(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; BEGIN emitted by us.

    pysqlite starts transactions lazily and skips BEGIN before DDL; taking over BEGIN (the
    SQLAlchemy-documented recipe) makes migrations and refresh writes truly atomic, and lets a
    writer ask for ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of
    failing half-way with "database is locked".
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()
        # SQLite's own lower() folds ASCII only, so "sort by title" put "арбуз" after "Яблоко"
        # (every capital Cyrillic letter sorts before every small one); Python's folds every
        # script, as PostgreSQL's does. No index, trigger or FTS table uses lower(), so nothing
        # stored depends on which one runs (the sqlite3 shell's builtin gives the same rows).
        dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """An engine plus the few ways Attaché talks to it."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
            raise KnownError(f"not a database URL: {masked_url(url)!r} "
                             "(e.g. sqlite:///path/attache.db)") from exc
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(parsed, echo=echo, pool_pre_ping=not self.is_sqlite)
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            hint = " (install the extra: pip install 'attache[postgres]')" if "postgres" in str(
                parsed.drivername) else ""
            raise KnownError(f"no database driver for {parsed.drivername}{hint}") from exc
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)

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
                conn.exec_driver_sql("SELECT 1")
        except OperationalError as exc:
            raise KnownError(f"cannot open database {self.describe()}: "
                             f"{scrub(str(exc.orig), self.url)}") from exc

    def dispose(self) -> None:
        self.engine.dispose()
