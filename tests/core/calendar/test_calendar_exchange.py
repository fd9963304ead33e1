"""The export/import path shared by ``attache calendar`` and the dialogs; import problems as
records."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.calendar.exchange import ExportCounts, export_calendar, import_calendar
from core.calendar.imports import (
    EntryProblems,
    ImportProblem,
    ImportRejected,
    ImportReport,
    RejectedEntry,
)
from core.calendar.posts import list_posts
from core.errors import KnownError
from core.settings import Settings
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from tests.core.calendar.test_ics import (
    FIRST,
    HUMAN_RIGHTS,
    LAST,
    UZBEK,
    make_plan,
    post_count,
    versions,
)
from tests.core.calendar.test_tables import csv_rows, new_row, write_csv


@pytest.fixture
def plan(db: Database) -> dict[str, int]:
    return make_plan(db)


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A colleague's database, to import into."""
    database = Database(f"sqlite:///{tmp_path / 'other.db'}")
    ensure_schema(database)
    yield database
    database.dispose()


# ------------------------------------------------------------------------------ export

def test_export_writes_every_format_and_counts(db: Database, plan: dict[str, int],
                                               tmp_path: Path) -> None:
    counts = export_calendar(db, tmp_path / "plan.ics", "ics", first=FIRST, last=LAST)
    assert counts == ExportCounts(posts=3, observance_days=1)
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    posts, days = export_calendar(db, tmp_path / "plan.csv", "csv", first=FIRST, last=LAST,
                                  statuses=["draft"], include_observances=False)
    assert (posts, days) == (1, 0)
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "plan.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["status"] for r in rows] == ["draft"]
    export_calendar(db, tmp_path / "plan.xlsx", "xlsx", first=FIRST, last=LAST)
    assert (tmp_path / "plan.xlsx").read_bytes()[:2] == b"PK"
    with pytest.raises(KnownError, match="unknown format"):
        export_calendar(db, tmp_path / "plan.pdf", "pdf", first=FIRST, last=LAST)


def test_export_brings_the_packs_up_to_date_and_filters_observances(
        db: Database, tmp_path: Path) -> None:
    out = tmp_path / "days.csv"
    assert export_calendar(db, out, "csv", first=FIRST, last=LAST) == (0, 0)  # no packs yet
    settings = Settings(countries=["UZ"], packs=["un", "host"])
    _, everything = export_calendar(db, out, "csv", first=FIRST, last=LAST, settings=settings)
    _, host = export_calendar(db, out, "csv", first=FIRST, last=LAST, categories=["host"])
    assert 0 < host < everything


# ------------------------------------------------------------------------------ import

def test_a_dry_run_reports_what_the_import_will_do_and_writes_nothing(
        db: Database, plan: dict[str, int], tmp_path: Path) -> None:
    rows = csv_rows(db)
    rows[0]["title"] = "Edited in Excel"
    rows.append(new_row(title="New one", date="2026-12-01"))
    path = write_csv(tmp_path / "plan.csv", rows)
    before = (versions(db), post_count(db))
    check = import_calendar(db, path, default_tz="UTC", dry_run=True)
    assert (check.created, check.updated) == (1, 1)
    assert (versions(db), post_count(db)) == before
    done = import_calendar(db, path, default_tz="UTC")
    assert (done.created, done.updated) == (check.created, check.updated)
    assert "Edited in Excel" in {p["title"] for p in list_posts(db)}


def test_an_import_names_the_fields_it_really_changes(db: Database, plan: dict[str, int],
                                                     tmp_path: Path) -> None:
    rows = {r["title"]: r for r in csv_rows(db) if r["kind"] == "post"}
    timed, all_day = rows[HUMAN_RIGHTS], rows[UZBEK]
    timed["title"] = "Human Rights Day: the statement"
    timed["time"], timed["end_time"] = "11:30", "12:00"  # later the same day, as long
    path = write_csv(tmp_path / "plan.csv", list(rows.values()))
    check = import_calendar(db, path, default_tz="UTC", dry_run=True)
    assert (check.updated, check.changed_fields) == (1, ["title", "time"])
    assert check.updated_text() == "updated 1 (title, time)"
    timed["time"], timed["end_time"] = "09:00", "10:30"  # earlier, ending where it did
    path = write_csv(tmp_path / "plan.csv", list(rows.values()))
    longer = import_calendar(db, path, default_tz="UTC", dry_run=True)
    assert longer.changed_fields == ["title", "time"]
    timed["time"], timed["end_time"] = "10:00", "11:00"  # a longer meeting
    path = write_csv(tmp_path / "plan.csv", list(rows.values()))
    longer = import_calendar(db, path, default_tz="UTC", dry_run=True)
    assert longer.changed_fields == ["title", "end_time"]

    all_day["date"] = "2026-12-08"
    all_day["tz"] = "Asia/Almaty"
    timed["title"], timed["time"], timed["end_time"] = HUMAN_RIGHTS, "10:00", "10:30"
    path = write_csv(tmp_path / "plan.csv", list(rows.values()))
    moved = import_calendar(db, path, default_tz="UTC")
    assert (moved.updated, moved.changed_fields) == (1, ["date", "tz"])


def test_an_ics_import_names_the_fields_it_changes(db: Database, plan: dict[str, int],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    export_calendar(db, path, "ics", first=FIRST, last=LAST)
    text = path.read_bytes().decode("utf-8")
    assert "Asia/Tashkent:20261210T100000" in text  # the timed post, at 10:00 Tashkent
    text = text.replace("Asia/Tashkent:20261210T1", "Asia/Tashkent:20261211T1")  # start, end
    path.write_bytes(text.encode("utf-8"))
    report = import_calendar(db, path, default_tz="UTC", dry_run=True)
    assert (report.updated, report.changed_fields) == (1, ["date"])
    assert report.updated_text() == "updated 1 (date)"


def test_an_ics_dry_run_sees_its_own_observances(db: Database, plan: dict[str, int],
                                                 tmp_path: Path, other_db: Database) -> None:
    path = tmp_path / "plan.ics"
    export_calendar(db, path, "ics", first=FIRST, last=LAST)
    check = import_calendar(other_db, path, default_tz="UTC", dry_run=True)
    assert (check.created, check.observances_added) == (3, 1)
    assert post_count(other_db) == 0
    done = import_calendar(other_db, path, default_tz="UTC")
    assert (done.created, done.observances_added) == (3, 1)


def test_import_refuses_missing_and_unknown_files(db: Database, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="no such file"):
        import_calendar(db, tmp_path / "missing.csv", default_tz="UTC")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    with pytest.raises(KnownError, match=r"takes \.ics, \.csv or \.xlsx"):
        import_calendar(db, notes, default_tz="UTC", dry_run=True)


def test_rejected_lines_come_as_records_with_the_cli_text(db: Database, plan: dict[str, int],
                                                          tmp_path: Path) -> None:
    rows = csv_rows(db)
    rows[1]["date"] = "2026-31-12"  # line 3
    rows.append(new_row(title="", date="2026-12-01", status="aproved"))  # line 6
    with pytest.raises(ImportRejected) as caught:
        import_calendar(db, write_csv(tmp_path / "bad.csv", rows), default_tz="UTC",
                        dry_run=True)
    entries = caught.value.report.rejected()
    assert [e.line for e in entries] == ["3", "6"]
    assert [str(e) for e in entries] == [str(e) for e in caught.value.report.errors]
    assert str(entries[0]) == "line 3: bad date '2026-31-12' (use YYYY-MM-DD)"
    assert [p.field for p in entries[1].problems] == ["title", "status"]


# ------------------------------------------------------------------------------ records

def test_an_entry_prints_as_the_importers_one_line_message() -> None:
    entry = RejectedEntry("line 7", (ImportProblem("all_day", "an all-day post has no time"),
                                     ImportProblem("channels", "there is no source 9")))
    assert str(entry) == "line 7: an all-day post has no time; there is no source 9"
    assert entry.line == "7"
    whole = RejectedEntry.of("", KnownError("not a calendar"))
    assert (str(whole), whole.line, whole.problems[0].field) == ("not a calendar", "", "")
    raised = EntryProblems([ImportProblem("date", "the date is empty"),
                            ImportProblem("tz", "unknown time zone 'Asia/Nowhere'")])
    assert str(raised) == "the date is empty; unknown time zone 'Asia/Nowhere'"
    event = RejectedEntry.of("event 2 (UID abc@x)", raised)
    assert event.line == "event 2" and [p.field for p in event.problems] == ["date", "tz"]
    report = ImportReport(errors=[event, "line 3: the title is empty"])
    assert [str(e) for e in report.rejected()] == [str(event), "line 3: the title is empty"]


def test_plain_importer_messages_split_into_records() -> None:
    entry = RejectedEntry.from_text(
        "line 7: an all-day post has no time; clear the time or set all_day to no; there is "
        "no source 9 to use as a channel")
    assert [(entry.line, p.field) for p in entry.problems] == [("7", "all_day"),
                                                               ("7", "channels")]
    assert entry.problems[0].message.endswith("set all_day to no")
    event = RejectedEntry.from_text("event 2 (UID abc@x): bad DTSTART: not a date")
    assert (event.line, event.problems[0].field) == ("event 2", "DTSTART")
    stale = RejectedEntry.from_text(
        "line 4: post 3 was changed by someone else since this export (version 1, now 2: "
        "title differ); export again and redo the edit")
    [problem] = stale.problems
    assert (problem.field, problem.message.endswith("redo the edit")) == ("version", True)
    assert str(RejectedEntry.from_text("the file is empty")) == "the file is empty"
