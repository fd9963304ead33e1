"""The calendar's format records (core/formats.py) drive the export, the import and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import formats
from core.calendar.exchange import export_calendar, import_calendar
from core.errors import KnownError
from core.storage.database import Database
from tests.core.calendar.test_ics import FIRST, LAST, make_plan, post_count

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("record", [f for f in formats.CALENDAR_FORMATS
                                    if f.writer and f.reader], ids=lambda f: f.key)
def test_each_format_reads_back_what_it_writes(record: formats.FileFormat, db: Database,
                                               tmp_path: Path) -> None:
    make_plan(db)
    path = tmp_path / f"plan{record.suffix}"
    posts, _days = export_calendar(db, path, record.key, first=FIRST, last=LAST)
    report = import_calendar(db, path, default_tz="Asia/Tashkent")  # its own export: no change
    assert (report.created, report.updated, report.errors) == (0, 0, [])
    assert report.unchanged >= posts == post_count(db) > 0


def test_a_file_is_read_by_the_format_its_suffix_names() -> None:
    assert formats.reader_for(Path("Plan.ICAL")).key == "ics"
    assert formats.reader_for(Path("plan.csv")).key == "csv"
    with pytest.raises(KnownError, match=r"plan.txt: import takes \.ics, \.csv or \.xlsx files"):
        formats.reader_for(Path("plan.txt"))


def test_an_unknown_export_format_names_the_choices() -> None:
    with pytest.raises(KnownError, match="unknown format 'pdf'; one of ics, csv, xlsx"):
        formats.writer_of("pdf")


def test_the_cli_offers_exactly_the_formats_that_write(cli) -> None:  # noqa: ANN001
    code, _out, err = cli("calendar", "export", "--from", "2026-01-01", "--to", "2026-01-31",
                          "--format", "pdf", "-o", "x.pdf")
    assert code == 2
    assert "invalid choice: 'pdf' (choose from 'ics', 'csv', 'xlsx')" in err


def test_the_records_load_without_the_file_libraries() -> None:
    code = ("import sys, core.formats\n"
            "print(sorted(m for m in ('icalendar', 'openpyxl', 'core.calendar.ics') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
