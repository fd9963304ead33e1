"""Calendar export and import dialogs: files that other programs read, per-line problems."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from core.calendar.observances import ensure_packs
from core.calendar.posts import PostFields, create_post, get_post, list_posts
from core.feeds.sources import insert_source
from core.settings import Settings
from core.storage.database import Database
from desktop.context import AppContext
from desktop.i18n import install_translator
from desktop.post_dialogs import build_export_dialog, build_import_dialog
from tests.icscheck import check_export
from ui.calendar_io import ExportDialog, ImportDialog

TASHKENT = ZoneInfo("Asia/Tashkent")
HEADER = "title,status,date,time,tz,channels,body\n"


@pytest.fixture
def plan(db: Database) -> dict[str, int]:
    """Two posts on an own Telegram channel in December 2026, one approved; UZ packs."""
    Settings(timezone="Asia/Tashkent", countries=["UZ"]).save()
    ensure_packs(db, ["UZ"], ["un", "us", "host", "programme"])
    channel = insert_source(db, url="https://t.me/usembassytashkent", kind="telegram",
                            title="U.S. Embassy Tashkent", category=None, own=True,
                            interval_minutes=60).id
    approved = create_post(db, PostFields(
        title="Human Rights Day", body="Инсон ҳуқуқлари куни — O‘zbekiston", status="approved",
        at=datetime(2026, 12, 10, 10, 0, tzinfo=TASHKENT), tz="Asia/Tashkent",
        duration_minutes=30, channels=[channel], campaign="Human Rights Week"))
    idea = create_post(db, PostFields(title="New Year greetings", day=date(2026, 12, 31),
                                      tz="Asia/Tashkent", channels=[channel]))
    return {"channel": channel, "approved": approved, "idea": idea}


def export_dialog(ctx: AppContext, qtbot, path: Path, fmt: str) -> ExportDialog:  # noqa: ANN001
    dialog = build_export_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2026, 12, 1))
    dialog.last.setDate(QDate(2026, 12, 31))
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.file.edit.setText(str(path))
    return dialog


def test_export_ics_parses_with_icalendar_and_vobject(ctx: AppContext, qtbot,  # noqa: ANN001
                                                      tmp_path: Path, db: Database,
                                                      plan: dict[str, int]) -> None:
    target = tmp_path / "plan.ics"
    dialog = export_dialog(ctx, qtbot, target, "ics")
    with qtbot.waitSignal(dialog.exported, timeout=1000):
        dialog.export()
    assert dialog.result.text().startswith("Exported 2 posts and ")
    assert str(target) in dialog.result.text()
    data = target.read_bytes()
    check_export(data)  # and the strict reader

    uids = {get_post(db, plan[key])["uid"]: key for key in ("approved", "idea")}
    calendar = icalendar.Calendar.from_ical(data)
    events = {uids.get(str(e["uid"]), str(e["summary"])): e for e in calendar.walk("VEVENT")}
    assert {"approved", "idea", "Constitution Day"} <= set(events)  # observance days too
    start = events["approved"].decoded("dtstart")
    assert start == datetime(2026, 12, 10, 10, 0, tzinfo=TASHKENT)
    assert str(events["approved"]["summary"]) == "Human Rights Day"

    parsed = vobject.readOne(data.decode("utf-8"))
    posts = {uids[e.uid.value]: e for e in parsed.vevent_list if e.uid.value in uids}
    assert posts["idea"].summary.value == "New Year greetings"
    assert posts["idea"].dtstart.value == date(2026, 12, 31)
    assert "O‘zbekiston" in posts["approved"].description.value
    assert posts["approved"].dtstart.value == datetime(2026, 12, 10, 10, 0, tzinfo=TASHKENT)


def test_export_filters_by_status_and_without_observances(ctx: AppContext, qtbot,  # noqa: ANN001
                                                           tmp_path: Path,
                                                           plan: dict[str, int]) -> None:
    target = tmp_path / "approved.ics"
    dialog = export_dialog(ctx, qtbot, target, "ics")
    dialog.statuses.set_chosen(["approved"])
    assert dialog.statuses.text() == "Approved"
    dialog.observances.setChecked(False)
    dialog.export()
    assert dialog.result.text().startswith("Exported 1 post and 0 observance days")
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Human Rights Day"]


def test_export_csv_and_xlsx(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                             plan: dict[str, int]) -> None:
    dialog = export_dialog(ctx, qtbot, tmp_path / "plan.csv", "csv")
    dialog.observances.setChecked(False)
    dialog.export()
    with (tmp_path / "plan.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["title"], r["date"], r["time"]) for r in rows] == [
        ("Human Rights Day", "2026-12-10", "10:00"), ("New Year greetings", "2026-12-31", "")]
    assert rows[0]["body"] == "Инсон ҳуқуқлари куни — O‘zbekiston"

    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.file.edit.text().endswith("plan.xlsx")  # the suffix follows the format
    dialog.export()
    sheet = load_workbook(tmp_path / "plan.xlsx").active
    values = list(sheet.values)
    titles = [row[values[0].index("title")] for row in values[1:]]
    assert titles == ["Human Rights Day", "New Year greetings"]


def test_export_explains_what_is_missing(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                         plan: dict[str, int]) -> None:
    dialog = export_dialog(ctx, qtbot, tmp_path / "x.ics", "ics")
    dialog.file.edit.setText("")
    dialog.export()
    assert "Choose a file" in dialog.result.text()
    dialog.file.edit.setText(str(tmp_path / "no-such-folder" / "x.ics"))
    dialog.export()
    assert dialog.result.text().startswith("Could not export to")
    dialog.file.edit.setText(str(tmp_path / "x.ics"))
    dialog.last.setDate(QDate(2026, 11, 1))
    dialog.export()
    assert "ends before it starts" in dialog.result.text()


def import_dialog(ctx: AppContext, qtbot, path: Path) -> ImportDialog:  # noqa: ANN001
    dialog = build_import_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file.edit.setText(str(path))
    return dialog


def test_import_shows_every_problem_by_line_and_imports_nothing(
        ctx: AppContext, qtbot, tmp_path: Path, db: Database,  # noqa: ANN001
        plan: dict[str, int]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER
                   + "Fulbright open day,draft,2027-02-01,10:00,,,ok\n"
                   + ",aproved,2027-02-31,25:00,,,\n"
                   + "Visa Q&A,draft,2027-02-03,09:00,Mars/Olympus,99,\n", encoding="utf-8")
    dialog = import_dialog(ctx, qtbot, bad)
    dialog.check()
    rows = dialog.problem_rows()
    assert ("3", "title", "the title is empty") in rows
    assert any(r[0] == "3" and r[1] == "status" and "aproved" in r[2] for r in rows)
    assert any(r[0] == "3" and r[1] == "date" for r in rows)
    assert any(r[0] == "3" and r[1] == "time" for r in rows)
    assert any(r[0] == "4" and r[1] == "tz" for r in rows)
    assert any(r[0] == "4" and r[1] == "channels" and "99" in r[2] for r in rows)
    assert not any(r[0] == "2" for r in rows)
    assert not dialog.problems.isHidden()
    assert "nothing was imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    dialog.apply()  # even when forced: all or nothing, as the CLI
    assert dialog.problem_rows() == rows
    assert len(list_posts(db)) == 2


def test_import_checks_first_then_imports(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                         db: Database, plan: dict[str, int]) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER
                    + "Fulbright open day,draft,2027-02-01,10:00,,"
                    + f"{plan['channel']},Приходите!\n"
                    + "Navruz greetings,idea,2027-03-21,,,,\n", encoding="utf-8")
    dialog = import_dialog(ctx, qtbot, good)
    assert not dialog.import_button.isEnabled()
    dialog.check()
    assert "Import will make: 2 new, 0 changed, 0 unchanged" in dialog.summary.text()
    assert dialog.problems.isHidden()
    assert len(list_posts(db)) == 2  # the check wrote nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(ctx.bus.posts_changed, timeout=1000):
        dialog.apply()
    assert "Imported: 2 new" in dialog.summary.text()
    posts = {p["title"]: p for p in list_posts(db)}
    assert posts["Fulbright open day"]["start"] == "2027-02-01T10:00:00+05:00"
    assert posts["Fulbright open day"]["body"] == "Приходите!"
    assert posts["Navruz greetings"]["all_day"] is True


def test_import_names_what_it_changes_with_plural_forms(
        ctx: AppContext, qtbot, tmp_path: Path, db: Database,  # noqa: ANN001
        plan: dict[str, int], translators: list) -> None:
    target = tmp_path / "plan.csv"
    export = export_dialog(ctx, qtbot, target, "csv")
    export.observances.setChecked(False)
    export.export()
    text = target.read_bytes().decode("utf-8-sig")
    assert "Human Rights Day,approved,2026-12-10,10:00" in text
    target.write_bytes(text.replace("Human Rights Day,approved,2026-12-10,10:00",
                                    "Human Rights Day!,approved,2026-12-10,09:00")
                       .encode("utf-8-sig"))
    dialog = import_dialog(ctx, qtbot, target)
    dialog.check()
    assert "Import will make: 0 new, 1 changed (title, time), 1 unchanged." in (
        dialog.summary.text())

    translators += install_translator(QApplication.instance(), "ru")
    dialog.check()
    assert "0 новых, 1 изменена (название, время), 1 без изменений" in dialog.summary.text()
    target.write_text("title,date\n,2027-01-01\n,2027-01-02\n", encoding="utf-8")
    dialog.check()
    assert dialog.summary.text().startswith("2 проблемы в файле")


def test_an_exported_calendar_imports_back_unchanged(ctx: AppContext, qtbot,  # noqa: ANN001
                                                     tmp_path: Path, db: Database,
                                                     plan: dict[str, int]) -> None:
    target = tmp_path / "plan.ics"
    export_dialog(ctx, qtbot, target, "ics").export()
    dialog = import_dialog(ctx, qtbot, target)
    dialog.check()
    assert "Import will make: 0 new, 0 changed" in dialog.summary.text()
    assert dialog.problems.isHidden()
    dialog.apply()
    assert get_post(db, plan["approved"])["version"] == 1


def test_import_of_a_file_that_is_not_a_calendar(ctx: AppContext, qtbot,  # noqa: ANN001
                                                 tmp_path: Path, plan: dict[str, int]) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello", encoding="utf-8")
    dialog = import_dialog(ctx, qtbot, odd)
    dialog.check()
    [(line, field, message)] = dialog.problem_rows()
    assert (line, field) == ("", "") and "takes .ics, .csv or .xlsx" in message
    dialog.file.edit.setText(str(tmp_path / "missing.csv"))
    dialog.check()
    assert "There is no file" in dialog.summary.text()


def test_a_path_changed_while_checking_is_not_importable(
        ctx: AppContext, qtbot, tmp_path: Path, db: Database,  # noqa: ANN001
        plan: dict[str, int]) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "Navruz greetings,idea,2027-03-21,,,,\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "Not checked,idea,2027-03-22,,,,\n", encoding="utf-8")
    dialog = import_dialog(ctx, qtbot, good)
    pending: list[tuple] = []  # the check waits behind another write
    dialog.data.run = lambda job, done, failed, kind: pending.append((job, done))
    dialog.check()
    dialog.file.edit.setText(str(other))  # the officer picks another file meanwhile
    job, done = pending.pop()
    done(job())
    assert "Import will make: 1 new" in dialog.summary.text()  # the result of good.csv
    assert not dialog.import_button.isEnabled()  # other.csv was never checked
    dialog.file.edit.setText(str(good))
    dialog.data.run = lambda job, done, failed, kind: done(job())
    dialog.check()
    assert dialog.import_button.isEnabled()


def test_another_programs_calendar_lists_the_events_it_leaves_out(
        ctx: AppContext, qtbot, tmp_path: Path, db: Database,  # noqa: ANN001
        plan: dict[str, int]) -> None:
    foreign = tmp_path / "planner.ics"
    foreign.write_bytes((Path(__file__).resolve().parents[1] / "fixtures" / "calendar"
                         / "unrepresentable.ics").read_bytes())
    before = len(list_posts(db))
    dialog = import_dialog(ctx, qtbot, foreign)
    dialog.check()
    assert "Import will make: 1 new" in dialog.summary.text()
    assert "4 events of the file cannot be planned" in dialog.summary.text()
    rows = dialog.problem_rows()
    assert [r[0] for r in rows] == ["4", "15", "21", "24"]  # the lines of the file
    assert "ends before it starts" in rows[1][2]
    assert dialog.import_button.isEnabled()
    dialog.apply()
    assert "Imported: 1 new" in dialog.summary.text()
    assert len(list_posts(db)) == before + 1
