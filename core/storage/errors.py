"""Database failures a user can act on, in plain words instead of SQLAlchemy's text.

A busy, full, damaged or read-only database is not a bug: the officer (or IT) can wait, free
space, restore a backup or fix permissions. ``Database`` turns the driver's error into one of
these ``KnownError``\\ s as it is raised (SQLAlchemy's ``handle_error`` hook), so every caller —
the CLI's one-line message, the app's dialog, a refresh's per-source error — shows a sentence
and never a statement, its parameters or a link to SQLAlchemy's error pages.

SQLite says what happened in its result code (Python ≥ 3.11: ``sqlite_errorcode``), PostgreSQL
in its SQLSTATE; the message text is only a fallback for drivers that give neither.
"""

from __future__ import annotations

from core.errors import KnownError

BUSY_RETRYING = "another Attaché is busy writing; retrying"


class DatabaseUnavailableError(KnownError):
    """The database cannot do what was asked right now; nothing was half-written."""


class DatabaseBusyError(DatabaseUnavailableError):
    """Another process kept the write lock longer than we waited."""


class DatabaseFullError(DatabaseUnavailableError):
    """The disk (or the server's disk) has no room left."""


class DatabaseDamagedError(DatabaseUnavailableError):
    """The file is not a database any more, or some of its pages are damaged."""


class DatabaseReadOnlyError(DatabaseUnavailableError):
    """The file, its folder, its disk or the server only allows reading."""


# SQLite primary result codes (the low byte of an extended code).
_SQLITE_KINDS: dict[int, type[DatabaseUnavailableError]] = {
    5: DatabaseBusyError,  # SQLITE_BUSY
    6: DatabaseBusyError,  # SQLITE_LOCKED
    8: DatabaseReadOnlyError,  # SQLITE_READONLY
    11: DatabaseDamagedError,  # SQLITE_CORRUPT
    13: DatabaseFullError,  # SQLITE_FULL
    26: DatabaseDamagedError,  # SQLITE_NOTADB
}
# PostgreSQL SQLSTATEs (class 53: insufficient resources; 25006; 55P03 / 40P01; XX001/2).
_PG_KINDS: dict[str, type[DatabaseUnavailableError]] = {
    "53100": DatabaseFullError,  # disk_full
    "25006": DatabaseReadOnlyError,  # read_only_sql_transaction (a standby server)
    "55P03": DatabaseBusyError,  # lock_not_available
    "40P01": DatabaseBusyError,  # deadlock_detected
    "XX001": DatabaseDamagedError,  # data_corrupted
    "XX002": DatabaseDamagedError,  # index_corrupted
}
_TEXT_KINDS: tuple[tuple[str, type[DatabaseUnavailableError]], ...] = (
    ("database is locked", DatabaseBusyError),
    ("database table is locked", DatabaseBusyError),
    ("database or disk is full", DatabaseFullError),
    ("no space left on device", DatabaseFullError),
    ("database disk image is malformed", DatabaseDamagedError),
    ("file is not a database", DatabaseDamagedError),
    ("attempt to write a readonly database", DatabaseReadOnlyError),
)


def failure_kind(exc: BaseException) -> type[DatabaseUnavailableError] | None:
    """Which plain failure ``exc`` (a driver error, or SQLAlchemy's wrapper of one) is."""
    if isinstance(exc, DatabaseUnavailableError):
        return type(exc)
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
        return _SQLITE_KINDS[code & 0xFF]
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(state, str) and state in _PG_KINDS:
        return _PG_KINDS[state]
    text = str(orig).lower()
    return next((kind for words, kind in _TEXT_KINDS if words in text), None)


def plain_failure(kind: type[DatabaseUnavailableError],
                  where: str = "") -> DatabaseUnavailableError:
    """The error to raise for ``kind`` on the database shown as ``where`` (a masked URL or a
    path; empty when the caller does not know it)."""
    at = f" ({where})" if where else ""
    if kind is DatabaseBusyError:
        return kind(f"another Attaché is busy writing to the database{at} and stayed busy for "
                    "as long as we waited; nothing was changed. Try again in a moment.")
    if kind is DatabaseFullError:
        return kind(f"the disk holding your database is full{at}; nothing was half-written. "
                    "Free some space on that disk, then try again.")
    if kind is DatabaseDamagedError:
        return kind(f"the database{at} is damaged, so Attaché stopped. 'attache db check' "
                    "says what is wrong; 'attache db restore' moves the damaged file aside and "
                    "puts the newest automatic backup in its place.")
    return kind(f"the database{at} is read-only (the file, its folder, its disk or the server "
                "only allows reading): Attaché can show what is stored but cannot change it. "
                "Ask IT for write access, or copy the file somewhere writable.")


def storing_failed(exc: BaseException) -> str:
    """One readable sentence for a failed write: the plain failure, or for anything else (a
    bug) the kind of error — never its text, which holds the statement and the data."""
    kind = failure_kind(exc)
    if kind is not None:
        return str(plain_failure(kind))
    orig = getattr(exc, "orig", None) or exc
    return (f"could not store what was fetched ({type(orig).__name__}); nothing of it was "
            "saved, and the log has the details")
