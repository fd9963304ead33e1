"""The plan as CSV and XLSX: what Excel opens, and edits made there coming back."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.calendar.ics import ImportRejected
from core.calendar.observances import list_occurrences
from core.calendar.posts import PostFields, get_post, list_posts, update_post
from core.calendar.tables import COLUMNS, export_csv, export_xlsx, import_table
from core.errors import KnownError
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

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def plan(db: Database) -> dict[str, int]:
    return make_plan(db)


def csv_rows(db: Database) -> list[dict[str, str]]:
    data = export_csv(list_posts(db), list_occurrences(db, FIRST, LAST))
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


def new_row(**values: str) -> dict[str, str]:
    return {**dict.fromkeys(COLUMNS, ""), **values}


def titles(db: Database) -> list[str]:
    return sorted(p["title"] for p in list_posts(db))


# ------------------------------------------------------------------------------ CSV

def test_csv_has_a_bom_and_keeps_cyrillic_and_uzbek(db: Database, plan: dict[str, int]) -> None:
    data = export_csv(list_posts(db), list_occurrences(db, FIRST, LAST))
    assert data.startswith(BOM)
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    rows = {r["title"]: r for r in csv_rows(db)}
    timed = rows[HUMAN_RIGHTS]
    assert (timed["kind"], timed["date"], timed["time"], timed["end_time"], timed["tz"]) == (
        "post", "2026-12-10", "10:00", "10:30", "Asia/Tashkent")
    assert timed["channels"] == "1;2" and timed["status"] == "approved"
    assert timed["campaign"] == "Human rights week" and timed["version"] == "2"
    assert (rows[UZBEK]["all_day"], rows[UZBEK]["date"], rows[UZBEK]["time"]) == (
        "yes", "2026-12-09", "")
    observance = rows["Human Rights Day"]
    assert (observance["kind"], observance["status"], observance["category"],
            observance["country"], observance["estimated"]) == (
        "observance", "", "custom", "UZ", "no")
    assert observance["id"] == str(plan["observance"])


def test_csv_round_trip_changes_nothing(db: Database, plan: dict[str, int],
                                        tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(export_csv(list_posts(db), list_occurrences(db, FIRST, LAST)))
    before = versions(db)
    report = import_table(db, path, default_tz="Asia/Tashkent")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert versions(db) == before


def test_csv_edit_updates_one_and_creates_one(db: Database, plan: dict[str, int],
                                              tmp_path: Path) -> None:
    rows = csv_rows(db)
    for row in rows:
        if row["title"] == UZBEK:
            row["title"] = "O‘zbekiston: Mustaqillik kuni — yakuniy"
    rows.append(new_row(title="Брифинг для прессы", date="2026-12-20", time="15:00",
                        end_time="16:00", tz="Asia/Tashkent", status="draft",
                        campaign="Human rights week", channels="1"))
    report = import_table(db, write_csv(tmp_path / "edited.csv", rows), default_tz="UTC")
    assert (report.created, report.updated, report.unchanged) == (1, 1, 3)
    assert get_post(db, plan["all_day"])["title"] == "O‘zbekiston: Mustaqillik kuni — yakuniy"
    assert get_post(db, plan["all_day"])["version"] == 2
    created = [p for p in list_posts(db) if p["title"] == "Брифинг для прессы"][0]
    assert created["start"] == "2026-12-20T15:00:00+05:00"
    assert (created["duration_minutes"], created["status"], created["campaign"],
            created["channels"]) == (60, "draft", "Human rights week", [1])


def test_semicolon_csv_from_russian_excel_is_read(db: Database, plan: dict[str, int],
                                                  tmp_path: Path) -> None:
    rows = csv_rows(db)
    rows[0]["notes"] = "новая заметка"
    path = write_csv(tmp_path / "excel-ru.csv", rows, delimiter=";")
    report = import_table(db, path, default_tz="UTC")
    assert (report.created, report.updated) == (0, 1)


def test_bad_lines_are_all_named_and_nothing_is_written(db: Database, plan: dict[str, int],
                                                        tmp_path: Path) -> None:
    rows = csv_rows(db)  # lines 2..5: three posts and the observance
    rows[0]["title"] = "A good edit that must not be saved"
    rows[1]["date"] = "2026-31-12"  # line 3
    rows.append(new_row(title="Another", date="2026-12-01", status="aproved"))  # line 6
    rows[3], rows[4] = rows[4], rows[3]  # the bad-status row on line 5
    before = (titles(db), versions(db), post_count(db))
    with pytest.raises(ImportRejected) as caught:
        import_table(db, write_csv(tmp_path / "bad.csv", rows), default_tz="UTC")
    message = str(caught.value)
    assert "line 3: bad date '2026-31-12'" in message
    assert "line 5: unknown status 'aproved'" in message
    assert "line 2" not in message
    assert len(caught.value.report.errors) == 2
    assert (titles(db), versions(db), post_count(db)) == before


def test_every_problem_on_a_line_is_reported(db: Database, tmp_path: Path) -> None:
    rows = [new_row(title="", date="tomorrow", time="25:00", tz="Asia/Nowhere",
                    channels="x", version="two")]
    with pytest.raises(KnownError) as caught:
        import_table(db, write_csv(tmp_path / "bad.csv", rows), default_tz="UTC")
    message = str(caught.value)
    for part in ("line 2:", "title is empty", "bad date", "bad time", "unknown time zone",
                 "channel 'x'", "version 'two'"):
        assert part in message
    assert post_count(db) == 0


def test_a_rule_that_never_happens_from_its_row_is_refused_with_the_line(
        db: Database, tmp_path: Path) -> None:
    rows = [new_row(title="Good", date="2026-12-01", time="10:00", rrule="FREQ=DAILY;COUNT=2"),
            new_row(title="Ended", date="2026-12-01", time="10:00",
                    rrule="FREQ=WEEKLY;UNTIL=20261124"),
            new_row(title="Zero", date="2026-12-01", rrule="FREQ=WEEKLY;INTERVAL=0")]
    with pytest.raises(ImportRejected) as caught:
        import_table(db, write_csv(tmp_path / "rules.csv", rows), default_tz="Asia/Tashkent")
    assert [str(e) for e in caught.value.report.errors] == [
        "line 3: RRULE 'FREQ=WEEKLY;UNTIL=20261124' never happens: its UNTIL is before the "
        "post's start (2026-12-01 10:00)",
        "line 4: RRULE 'FREQ=WEEKLY;INTERVAL=0' has INTERVAL=0; INTERVAL must be a whole number "
        "of at least 1"]
    assert post_count(db) == 0


def test_a_stale_row_is_a_conflict_and_nothing_is_written(db: Database, plan: dict[str, int],
                                                          tmp_path: Path) -> None:
    rows = csv_rows(db)
    update_post(db, plan["timed"], PostFields(body="A colleague's change"))  # now version 3
    for row in rows:
        if row["title"] == HUMAN_RIGHTS:
            row["title"] = "My stale edit"
        if row["title"] == UZBEK:
            row["title"] = "A fine edit"
    before = (titles(db), versions(db))
    with pytest.raises(KnownError, match=r"changed by someone else since this export \(version "
                                         r"2, now 3"):
        import_table(db, write_csv(tmp_path / "stale.csv", rows), default_tz="UTC")
    assert (titles(db), versions(db)) == before


def test_rows_from_another_database_become_new_posts(db: Database, plan: dict[str, int],
                                                     tmp_path: Path) -> None:
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    ensure_schema(fresh)
    try:
        path = tmp_path / "plan.csv"
        path.write_bytes(export_csv(list_posts(db), []))
        # Source and observance ids belong to the first database.
        with pytest.raises(KnownError, match=r"line 4: there is no source 1 .*; there is no "
                                             r"observance 1"):
            import_table(fresh, path, default_tz="UTC")
        rows = csv_rows(db)
        for row in rows:
            row["channels"] = row["observance_id"] = ""
        report = import_table(fresh, write_csv(path, rows), default_tz="UTC")
        assert (report.created, report.updated, report.unchanged) == (3, 0, 1)
        keys = ("uid", "title", "start", "tz", "all_day", "status", "campaign", "rrule")
        assert ([{k: p[k] for k in keys} for p in list_posts(fresh)]
                == [{k: p[k] for k in keys} for p in list_posts(db)])
        again = import_table(fresh, write_csv(path, rows), default_tz="UTC")
        assert (again.created, again.updated) == (0, 0)  # matched by uid, not by id
    finally:
        fresh.dispose()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_series_keeps_its_exceptions_in_another_database(db: Database, tmp_path: Path,
                                                           fmt: str) -> None:
    """The sheet had no column for a series' cancelled occurrences: in a colleague's database
    they came back, next to the row of the occurrence that had been moved."""
    from zoneinfo import ZoneInfo

    from core.calendar.posts import create_post

    tashkent = ZoneInfo("Asia/Tashkent")
    create_post(db, PostFields(title="Daily briefing", at=datetime(2026, 12, 1, 10, 0,
                                                                   tzinfo=tashkent),
                               tz="Asia/Tashkent", rrule="FREQ=DAILY;COUNT=5",
                               exdates=[datetime(2026, 12, 2, 10, 0),
                                        datetime(2026, 12, 4, 10, 0)]))
    create_post(db, PostFields(title="Weekly day", day=date(2026, 12, 7),
                               rrule="FREQ=WEEKLY;COUNT=3", exdates=[date(2026, 12, 14)]))
    rows = csv_rows(db)
    assert [r["exdates"] for r in rows] == ["2026-12-02 10:00;2026-12-04 10:00", "2026-12-14"]
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes((export_csv if fmt == "csv" else export_xlsx)(list_posts(db), []))
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    ensure_schema(fresh)
    try:
        assert import_table(fresh, path, default_tz="UTC").created == 2
        keys = ("uid", "start", "rrule", "exdates")
        assert ([{k: p[k] for k in keys} for p in list_posts(fresh)]
                == [{k: p[k] for k in keys} for p in list_posts(db)])
        again = import_table(fresh, path, default_tz="UTC")
        assert (again.created, again.updated) == (0, 0)
    finally:
        fresh.dispose()
    # An exception added in the sheet (as Russian Excel re-saves dates) is saved; a bad one
    # is refused with its line.
    rows[0]["exdates"] = "02.12.2026 10:00;04.12.2026 10:00; 05.12.2026 10:00"
    report = import_table(db, write_csv(tmp_path / "edit.csv", rows), default_tz="UTC")
    assert (report.updated, report.unchanged) == (1, 1)
    assert by_title_exdates(db)["Daily briefing"] == [
        "2026-12-02T10:00:00", "2026-12-04T10:00:00", "2026-12-05T10:00:00"]
    rows[1]["exdates"] = "next week"
    with pytest.raises(ImportRejected, match=r"line 3: bad exdates value 'next week'"):
        import_table(db, write_csv(tmp_path / "bad.csv", rows), default_tz="UTC")


def by_title_exdates(db: Database) -> dict[str, list[str]]:
    return {p["title"]: p["exdates"] for p in list_posts(db)}


# ------------------------------------------------------------------------------ XLSX

def test_xlsx_has_frozen_header_autofilter_and_real_dates(db: Database,
                                                          plan: dict[str, int]) -> None:
    data = export_xlsx(list_posts(db), list_occurrences(db, FIRST, LAST))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions == "A1:X5"
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    header = {c.value: c.column_letter for c in sheet[1]}
    row = next(r for r in range(2, 6) if sheet[f"{header['title']}{r}"].value == HUMAN_RIGHTS)
    day, clock = sheet[f"{header['date']}{row}"], sheet[f"{header['time']}{row}"]
    assert day.is_date and day.number_format == "yyyy-mm-dd"
    assert day.value == datetime(2026, 12, 10)
    assert clock.is_date and clock.value == time(10, 0)
    assert sheet.column_dimensions[header["title"]].width >= 40


def test_xlsx_edit_updates_one_and_creates_one(db: Database, plan: dict[str, int],
                                               tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(export_xlsx(list_posts(db),
                                                list_occurrences(db, FIRST, LAST))))
    sheet = book.active
    header = {c.value: c.column for c in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        if row[header["title"] - 1].value == HUMAN_RIGHTS:
            row[header["title"] - 1].value = "День прав человека: видео посла"
    added = [None] * len(COLUMNS)
    added[header["title"] - 1] = "Пресс-релиз: Bishkek"
    added[header["date"] - 1] = date(2026, 12, 24)  # typed into Excel as a real date
    added[header["time"] - 1] = time(9, 30)
    added[header["tz"] - 1] = "Asia/Bishkek"
    sheet.append(added)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    report = import_table(db, path, default_tz="UTC")
    assert (report.created, report.updated, report.unchanged) == (1, 1, 3)
    assert get_post(db, plan["timed"])["title"] == "День прав человека: видео посла"
    created = [p for p in list_posts(db) if p["title"] == "Пресс-релиз: Bishkek"][0]
    assert created["start"] == "2026-12-24T09:30:00+06:00" and created["status"] == "idea"


def test_xlsx_round_trip_changes_nothing(db: Database, plan: dict[str, int],
                                         tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(list_posts(db), list_occurrences(db, FIRST, LAST)))
    before = versions(db)
    report = import_table(db, path, default_tz="UTC")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert versions(db) == before


def test_xlsx_keeps_a_title_starting_with_equals_as_text(db: Database, plan: dict[str, int],
                                                        tmp_path: Path) -> None:
    update_post(db, plan["weekly"], PostFields(title="=HYPERLINK(\"http://x\")"))
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(list_posts(db), []))
    cells = [c for row in load_workbook(path).active.iter_rows() for c in row
             if c.value == "=HYPERLINK(\"http://x\")"]
    assert len(cells) == 1 and cells[0].data_type == "s"
    assert import_table(db, path, default_tz="UTC").updated == 0


def test_unknown_file_types_are_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plan.ods"
    path.write_bytes(b"x")
    with pytest.raises(KnownError, match="only .csv and .xlsx"):
        import_table(db, path, default_tz="UTC")


def test_two_new_rows_with_one_uid_are_refused(db: Database, tmp_path: Path) -> None:
    rows = [new_row(title=t, date="2026-12-01", uid="same@attache") for t in ("One", "Two")]
    with pytest.raises(KnownError, match="line 3: uid same@attache is also on line 2"):
        import_table(db, write_csv(tmp_path / "dup.csv", rows), default_tz="UTC")
    assert post_count(db) == 0


def test_an_all_day_rows_zone_change_is_saved(db: Database, plan: dict[str, int],
                                              tmp_path: Path) -> None:
    rows = csv_rows(db)
    for row in rows:
        if row["title"] == UZBEK:
            row["tz"] = "Asia/Samarkand"
    report = import_table(db, write_csv(tmp_path / "tz.csv", rows), default_tz="UTC")
    assert report.updated == 1
    assert get_post(db, plan["all_day"])["tz"] == "Asia/Samarkand"


def test_a_nul_in_a_cell_or_event_does_not_make_every_reimport_an_update(
        db: Database, tmp_path: Path) -> None:
    """The database keeps text without NUL; the file's text with it compared as changed, so
    importing the same file again bumped every such post's version."""
    from core.calendar.icsimport import import_ics

    sheet = write_csv(tmp_path / "nul.csv", [new_row(title="Брифинг\x00", date="2026-12-01",
                                                     body="Text\x00 here")])
    assert import_table(db, sheet, default_tz="UTC").created == 1
    again = import_table(db, sheet, default_tz="UTC")
    assert (again.updated, again.unchanged) == (0, 1)
    event = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Planner//EN\r\n"
             b"BEGIN:VEVENT\r\nUID:a\x00b@planner.example\r\nDTSTAMP:20261101T000000Z\r\n"
             b"DTSTART:20261201T100000Z\r\nSUMMARY:Hi\x00 there\r\nEND:VEVENT\r\n"
             b"END:VCALENDAR\r\n")
    assert import_ics(db, event, default_tz="UTC").created == 1
    second = import_ics(db, event, default_tz="UTC")
    assert (second.updated, second.unchanged) == (0, 1)
    assert sorted(p["title"] for p in list_posts(db)) == ["Hi there", "Брифинг"]
