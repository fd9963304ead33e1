"""Every file format Attaché writes or reads for the calendar, declared once: one ``FileFormat``
record each. (The reports' formats are records of their own kind, with the same rule:
core/reports/formats.py.)

``attache calendar export --format``, the import's choice by suffix, and the Calendar page's
Export…/Import… dialogs (format list, file filter, the suggested name's suffix) all read these
records.

Adding a format is one module and one record: write its writer and/or reader (as
core/calendar/ics.py and tables.py do), then add a ``FileFormat`` below. A writer takes the
posts and observance days (``core.calendar.posts.list_posts``, ``observances.list_occurrences``)
and returns the file's bytes; a reader merges a file into the database and returns an
``ImportReport``. The small functions below adapt the existing modules to those two shapes;
a new module can have them directly. README "Development" says the same.

Nothing heavy is imported here (the CLI's parser and the dialogs read the records): the
writers and readers import their libraries when called.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import KnownError

if TYPE_CHECKING:
    from core.calendar.imports import ImportReport
    from core.storage.database import Database

Writer = Callable[[list[dict], list[dict]], bytes]
Reader = Callable[["Database", Path, str], "ImportReport"]


@dataclass(frozen=True)
class FileFormat:
    key: str  # --format value; never changes once released
    label: str  # "iCalendar": what the dialogs list (with the first suffix)
    suffixes: tuple[str, ...]  # lower case; the first is what an export is named
    writer: Writer | None = None  # (posts, observance days) -> bytes
    reader: Reader | None = None  # (db, path, default_tz) -> ImportReport

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


def _write_ics(posts: list[dict], days: list[dict]) -> bytes:
    from core.calendar.ics import export_ics

    return export_ics(posts, days)


def _read_ics(db: Database, path: Path, default_tz: str) -> ImportReport:
    from core.calendar.icsimport import import_ics

    return import_ics(db, path.read_bytes(), default_tz=default_tz)


def _write_csv(posts: list[dict], days: list[dict]) -> bytes:
    from core.calendar.tables import export_csv

    return export_csv(posts, days)


def _write_xlsx(posts: list[dict], days: list[dict]) -> bytes:
    from core.calendar.tables import export_xlsx

    return export_xlsx(posts, days)


def _read_table(db: Database, path: Path, default_tz: str) -> ImportReport:
    from core.calendar.tables import import_table

    return import_table(db, path, default_tz=default_tz)


CALENDAR_FORMATS: tuple[FileFormat, ...] = (
    FileFormat("ics", "iCalendar", (".ics", ".ical", ".ifb"), _write_ics, _read_ics),
    FileFormat("csv", "CSV", (".csv",), _write_csv, _read_table),
    FileFormat("xlsx", "Excel", (".xlsx",), _write_xlsx, _read_table),
)


def export_keys(formats: Sequence[FileFormat] = CALENDAR_FORMATS) -> tuple[str, ...]:
    return tuple(f.key for f in formats if f.writer is not None)


def import_suffixes(formats: Sequence[FileFormat] = CALENDAR_FORMATS) -> tuple[str, ...]:
    return tuple(s for f in formats if f.reader is not None for s in f.suffixes)


def writer_of(key: str, formats: Sequence[FileFormat] = CALENDAR_FORMATS) -> FileFormat:
    """The format ``--format key`` names; a KnownError listing the choices otherwise."""
    for found in formats:
        if found.key == key and found.writer is not None:
            return found
    raise KnownError(f"unknown format {key!r}; one of {', '.join(export_keys(formats))}")


def reader_for(path: Path, formats: Sequence[FileFormat] = CALENDAR_FORMATS) -> FileFormat:
    """The format that reads ``path``, by its suffix; a KnownError naming the ones read."""
    suffix = Path(path).suffix.lower()
    for found in formats:
        if found.reader is not None and suffix in found.suffixes:
            return found
    primary = [f.suffix for f in formats if f.reader is not None]
    listed = ", ".join(primary[:-1]) + f" or {primary[-1]}" if len(primary) > 1 else primary[0]
    raise KnownError(f"{Path(path).name}: import takes {listed} files")
