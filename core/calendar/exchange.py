"""Export the plan to a file and import one back: the one path behind the CLI and the dialogs.

``attache calendar export|import`` and the Calendar page's Export…/Import… dialogs both call
these, so a file written from the window is byte-for-byte what the shell writes for the same
choices, and the dialog's "Check" is the importer itself run as a dry run. The formats are
the records of ``core.formats``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from core.calendar import observances as observance_ops
from core.calendar import posts as post_ops
from core.calendar.imports import ImportReport
from core.errors import KnownError
from core.formats import reader_for, writer_of
from core.settings import Settings
from core.storage.database import Database


class ExportCounts(NamedTuple):
    """What an export wrote (a tuple, so ``posts, days = export_calendar(...)`` reads well)."""

    posts: int
    observance_days: int


def export_calendar(db: Database, path: Path, fmt: str, *, first: date, last: date,
                    statuses: Sequence[str] = (), campaigns: Sequence[str] = (),
                    channels: Sequence[int] = (), include_observances: bool = True,
                    categories: Sequence[str] = (), countries: Sequence[str] = (),
                    settings: Settings | None = None) -> ExportCounts:
    """Write the posts (and observance days) between ``first`` and ``last`` to ``path``.

    ``statuses``/``campaigns``/``channels`` narrow the posts (empty: all); ``categories`` and
    ``countries`` narrow the observance days (empty: all). ``settings`` first brings the
    built-in observance packs up to date for its countries and packs, so the file has this
    year's dates; None exports the database as it is.
    """
    write = writer_of(fmt).writer
    if settings is not None:
        observance_ops.ensure_packs(db, settings.countries, settings.packs)
    posts = post_ops.list_posts(db, first=first, last=last, statuses=statuses,
                                campaigns=campaigns, channels=channels)
    days: list[dict] = []
    if include_observances:
        days = observance_ops.list_occurrences(db, first, last, categories=categories,
                                               countries=countries)
    data = write(posts, days)
    try:
        Path(path).write_bytes(data)
    except OSError as exc:  # no such folder, no permission, a full disk: the officer can fix it
        raise KnownError(f"cannot write {path}: {exc.strerror or exc}") from None
    return ExportCounts(len(posts), len(days))


def import_calendar(db: Database, path: Path, *, default_tz: str,
                    dry_run: bool = False) -> ImportReport:
    """Merge an .ics, .csv or .xlsx plan (chosen by suffix) into the database.

    Times without a zone are read in ``default_tz``. A file with any problem raises
    ``ImportRejected`` (its ``report.errors`` lists them) and nothing is written. ``dry_run``
    runs the whole import, then rolls it back: the report says exactly what a real import
    would do, and the database is left as it was.
    """
    path = Path(path)
    if not path.is_file():
        raise KnownError(f"no such file: {path}")
    reader_for(path)  # refuses a file no format reads, before anything is opened
    if not dry_run:
        return _import_file(db, path, default_tz)
    with db.writer() as conn:
        outer = conn.begin()
        try:
            return _import_file(_DryRunDatabase(db, conn), path, default_tz)  # type: ignore[arg-type]
        finally:
            outer.rollback()


def _import_file(db: Database, path: Path, default_tz: str) -> ImportReport:
    return reader_for(path).reader(db, path, default_tz)


class _DryRunDatabase:
    """A ``Database`` whose reads and writes all happen in one transaction the caller rolls back.

    Each ``write()`` is a savepoint on that one connection and ``read()`` uses it too, so a
    later step sees an earlier one (a post linked to an observance the same file adds), as in
    the real import.
    """

    def __init__(self, db: Database, conn: Any) -> None:
        self._db = db
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self._conn.begin_nested():
            yield self._conn

    @contextmanager
    def read(self) -> Iterator[Any]:
        yield self._conn
