"""The Calendar page: month, week and agenda views over a seeded plan; drag-to-reschedule
with undo; conflicts; the observance panel and the post editor hooks."""

from __future__ import annotations

import html
import sys
import types
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QAbstractItemModelTester, QTest

from core.calendar.campaigns import add_campaign
from core.calendar.posts import PostFields, create_post, get_post, update_post
from core.feeds.sources import insert_source
from core.settings import Settings
from desktop import page_calendar
from desktop.context import AppContext
from ui.calendar import agenda_model
from ui.calendar.chips import OBSERVANCE, POST, PREPARE
from ui.calendar.data import CalendarData
from ui.calendar.dragging import post_mime
from ui.calendar.view import AGENDA, MONTH, WEEK, CalendarView
from ui.calendar.week_view import HOUR_HEIGHT

TASHKENT = ZoneInfo("Asia/Tashkent")
TODAY = date(2027, 3, 10)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=TASHKENT)


@pytest.fixture
def plan(db) -> dict[str, int]:  # noqa: ANN001
    settings = Settings()
    settings.set("timezone", "Asia/Tashkent")
    settings.save()
    channel = insert_source(db, url="https://t.me/usembassytashkent", kind="telegram",
                            title="Telegram", category=None, own=True, interval_minutes=60).id
    add_campaign(db, "Fulbright 2027", color="#00897b")
    return {
        "webinar": create_post(db, PostFields(
            title="Вебинар: как подать на визу", at=at(9, 10), tz="Asia/Tashkent",
            status="review", duration_minutes=60, channels=[channel],
            campaign="Fulbright 2027")),
        "greeting": create_post(db, PostFields(
            title="Navro‘z tabrigi", day=date(2027, 3, 20), tz="Asia/Tashkent",
            status="approved", body="Bayramingiz muborak!")),
        "weekly": create_post(db, PostFields(
            title="Weekly #AskTheConsul", at=at(4, 17), tz="Asia/Tashkent",
            status="scheduled", rrule="FREQ=WEEKLY;COUNT=4")),
        "channel": channel,
    }


@pytest.fixture
def page(ctx: AppContext, plan: dict[str, int], qtbot) -> CalendarView:  # noqa: ANN001
    view = page_calendar.build(ctx)
    qtbot.addWidget(view)
    view.data.today = lambda: TODAY
    view.resize(1200, 760)
    view.show()
    qtbot.waitExposed(view)
    view.show_day(TODAY)
    view.reload()
    return view


@pytest.fixture
def editor_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Stands in for desktop.post_dialogs (written separately) and records every call."""
    calls: list[dict] = []
    fake = types.ModuleType("desktop.post_dialogs")

    def open_post_editor(ctx, post_id=None, prefill=None):  # noqa: ANN001, ANN202
        calls.append({"post_id": post_id, "prefill": prefill})

    fake.open_post_editor = open_post_editor
    fake.open_export_dialog = lambda ctx: calls.append({"dialog": "export"})
    fake.open_import_dialog = lambda ctx: calls.append({"dialog": "import"})
    monkeypatch.setitem(sys.modules, "desktop.post_dialogs", fake)
    return calls


def texts(view: CalendarView, day: date) -> list[tuple[str, str]]:
    return [(chip.kind, chip.text) for chip in view.month.chips_on(day)]


def start_of(db, post_id: int) -> str:  # noqa: ANN001
    return get_post(db, post_id)["start"]


# ------------------------------------------------------------------ month grid

def test_month_grid_shows_posts_and_observances_in_their_cells(page: CalendarView) -> None:
    assert page.title.text() == "March 2027"
    assert page.month.first_day == date(2027, 3, 1)  # a Monday
    ninth = texts(page, date(2027, 3, 9))
    # On a host-country holiday: core's plan check warns, and the chip shows it.
    assert (POST, "⚠ 10:00 Вебинар: как подать на визу") in ninth
    webinar = next(c for c in page.month.chips_on(date(2027, 3, 9)) if c.kind == POST)
    assert "public holiday" in webinar.post.warnings[0]
    assert "public holiday" in webinar.tooltip
    assert (OBSERVANCE, "≈ Eid al-Fitr") in ninth  # the holidays package's estimate
    assert (POST, "Navro‘z tabrigi") in texts(page, date(2027, 3, 20))  # all-day: no time
    assert (OBSERVANCE, "Nowruz") in texts(page, date(2027, 3, 21))
    # Nowruz (host pack, 14 days' lead) says when to start preparing.
    assert (PREPARE, "⚑ Prepare: Nowruz") in texts(page, date(2027, 3, 7))
    # A weekly post shows on each of its occurrences, marked as repeating.
    for day in (4, 11, 18, 25):
        assert (POST, "↻ 17:00 Weekly #AskTheConsul") in texts(page, date(2027, 3, day))
    assert not any(kind == POST for kind, _ in texts(page, date(2027, 3, 10)))
    chip = next(c for c in page.month.chips_on(date(2027, 3, 9)) if c.kind == POST)
    assert chip.stripe is not None  # the campaign's colour
    assert chip.stripe.name() == "#00897b"
    assert page.summary.text() == "3 posts · 8 observances"  # 22 Mar: Nowruz observed (day off)


def test_a_crowded_day_says_how_many_more(page: CalendarView, db) -> None:  # noqa: ANN001
    for hour in range(8, 16):
        create_post(db, PostFields(title=f"Post {hour}", at=at(16, hour), tz="Asia/Tashkent"))
    page.reload()
    shown = page.month.chips_on(date(2027, 3, 16))
    assert page.month.hidden_count(date(2027, 3, 16)) == 8 - len(shown)
    assert page.month.hidden_count(date(2027, 3, 16)) > 0


def test_switching_months_and_modes(page: CalendarView) -> None:
    page.next_button.click()
    assert page.title.text() == "April 2027"
    assert page.month.first_day == date(2027, 3, 29)
    assert (OBSERVANCE, "World Health Day") in texts(page, date(2027, 4, 7))
    assert not any(kind == POST for day in range(1, 31)
                   for kind, _ in texts(page, date(2027, 4, day)))
    page.previous_button.click()
    page.previous_button.click()
    assert page.title.text() == "February 2027"
    page.today_button.click()
    assert page.title.text() == "March 2027"
    page.mode_buttons[WEEK].click()
    assert page.mode == WEEK and page.visible_range() == (date(2027, 3, 8), date(2027, 3, 14))
    assert page.title.text() == "8 – 14 March 2027"
    page.next_button.click()
    assert page.visible_range() == (date(2027, 3, 15), date(2027, 3, 21))
    page.mode_buttons[MONTH].click()
    assert page.title.text() == "March 2027"


def test_keyboard_moves_the_selected_day_across_months(page: CalendarView) -> None:
    page.month.setFocus()
    page.month.select_day(date(2027, 3, 31))
    QTest.keyClick(page.month, Qt.Key.Key_Right)
    assert page.month.selected == date(2027, 4, 1)
    assert page.title.text() == "April 2027"
    QTest.keyClick(page.month, Qt.Key.Key_PageUp)
    assert page.title.text() == "March 2027"


# ------------------------------------------------------------------ week and agenda

def test_week_view_places_posts_at_their_time(page: CalendarView, plan) -> None:  # noqa: ANN001
    page.set_mode(WEEK)
    hours = page.week.hours
    placed = {p.chip.post.post_id: p for p in hours.placed_chips()}
    webinar = placed[plan["webinar"]]
    assert webinar.rect.top() == pytest.approx(10 * HOUR_HEIGHT + 1)
    assert webinar.rect.height() == pytest.approx(HOUR_HEIGHT - 2)  # 60 minutes
    assert hours.day_at(webinar.rect.center()) == date(2027, 3, 9)
    strip = [p.chip for p in page.week.all_day.placed_chips()]
    assert any(c.kind == OBSERVANCE and c.text == "≈ Eid al-Fitr" for c in strip)
    assert any(c.kind == OBSERVANCE and c.text == "Women's Day" for c in strip)
    weekly = placed[plan["weekly"]]  # the repeating post's occurrence of this week
    assert hours.day_at(weekly.rect.center()) == date(2027, 3, 11)
    assert weekly.rect.top() == pytest.approx(17 * HOUR_HEIGHT + 1)


def test_overlapping_posts_share_their_column(page: CalendarView, db) -> None:  # noqa: ANN001
    create_post(db, PostFields(title="Same time", at=at(9, 10, 15), tz="Asia/Tashkent"))
    page.set_mode(WEEK)
    rects = [p.rect for p in page.week.hours.placed_chips()
             if p.chip.post.day == date(2027, 3, 9)]
    assert len(rects) == 2
    left, right = sorted(rects, key=lambda r: r.left())
    assert left.right() <= right.left()
    assert left.width() < page.week.hours.column_width() / 2


def test_agenda_model_lists_the_month(page: CalendarView, plan) -> None:  # noqa: ANN001
    page.set_mode(AGENDA)
    model = page.agenda_model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(page.agenda_proxy,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    webinar = next(r for r in rows if r[agenda_model.TITLE] == "⚠ Вебинар: как подать на визу")
    assert webinar[agenda_model.DATE] == "Tue 9 Mar"
    assert webinar[agenda_model.TIME] == "10:00"
    assert webinar[agenda_model.STATUS] == "in review"
    assert webinar[agenda_model.CHANNELS] == "Telegram"
    assert webinar[agenda_model.CAMPAIGN] == "Fulbright 2027"
    eid = next(r for r in rows if r[agenda_model.TITLE] == "≈ Eid al-Fitr")
    assert eid[agenda_model.STATUS] == "date estimated"
    assert sum(r[agenda_model.TITLE] == "Weekly #AskTheConsul" for r in rows) == 4
    assert any(r[agenda_model.KIND] == "Prepare" and "Nowruz" in r[agenda_model.TITLE]
               for r in rows)
    days = [model.index(r, 0).data(agenda_model.RawRole).day for r in range(model.rowCount())]
    assert days == sorted(days) and all(d.month == 3 for d in days)
    page.agenda.sortByColumn(agenda_model.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [page.agenda_proxy.index(r, agenda_model.TITLE).data().lower()
              for r in range(page.agenda_proxy.rowCount())]
    assert titles == sorted(titles)


def test_agenda_gives_the_title_the_width_and_tooltips_the_rest(page: CalendarView,  # noqa: ANN001
                                                               plan) -> None:  # noqa: ANN001
    page.resize(1100, 600)
    page.show()
    page.set_mode(AGENDA)
    header = page.agenda.horizontalHeader()
    assert header.sectionSize(agenda_model.TITLE) > max(
        header.sectionSize(c) for c in (agenda_model.KIND, agenda_model.CAMPAIGN,
                                        agenda_model.CHANNELS))
    assert header.sectionSize(agenda_model.KIND) < 200
    model = page.agenda_model
    row = next(r for r in range(model.rowCount())
               if model.index(r, agenda_model.CAMPAIGN).data() == "Fulbright 2027")
    assert "Fulbright 2027" in model.index(row, agenda_model.CAMPAIGN).data(
        Qt.ItemDataRole.ToolTipRole)  # plain text, escaped as a rich-text tooltip
    title = model.index(row, agenda_model.TITLE)
    assert html.escape(title.data()) in title.data(Qt.ItemDataRole.ToolTipRole)


def test_an_empty_plan_says_what_to_do(qtbot) -> None:  # noqa: ANN001
    """The views need no database: a CalendarData of stubs is enough (and shows empties)."""
    data = CalendarData(posts=lambda first, last: [], observances=lambda first, last: [],
                        reschedule=lambda *args: 1, today=lambda: TODAY)
    view = CalendarView(data)
    qtbot.addWidget(view)
    view.reload()
    assert "No posts planned" in view.summary.text()
    assert view.panel.list.isHidden() and not view.panel.empty.isHidden()
    assert "attache config set packs" in view.panel.empty.text()
    view.set_mode(AGENDA)
    assert view.agenda_page.currentWidget() is view.agenda_empty
    assert "Ctrl+N" in view.agenda_empty.text()


# ------------------------------------------------------------------ rescheduling

def test_moving_a_post_to_another_day_keeps_its_time_and_undo_restores_it(
        page: CalendarView, ctx: AppContext, db, plan, qtbot) -> None:  # noqa: ANN001
    original = start_of(db, plan["webinar"])
    with qtbot.waitSignal(ctx.bus.posts_changed):
        assert page.move_post_to_day(plan["webinar"], date(2027, 3, 12))
    assert start_of(db, plan["webinar"]) == "2027-03-12T10:00:00+05:00"
    assert get_post(db, plan["webinar"])["duration_minutes"] == 60
    assert (POST, "10:00 Вебинар: как подать на визу") in texts(page, date(2027, 3, 12))
    stack = ctx.window.undo_stack
    assert stack.undoText() == "Move “Вебинар: как подать на визу”"
    stack.undo()
    assert start_of(db, plan["webinar"]) == original
    assert (POST, "⚠ 10:00 Вебинар: как подать на визу") in texts(page, date(2027, 3, 9))
    stack.redo()
    assert start_of(db, plan["webinar"]) == "2027-03-12T10:00:00+05:00"


def test_dropping_on_the_month_grid_reschedules_through_the_drop_handler(
        page: CalendarView, ctx: AppContext, db, plan) -> None:  # noqa: ANN001
    post = page.find_post(plan["greeting"])
    target = page.month.cell_rect(date(2027, 3, 24)).center()
    mime = post_mime(post)  # kept alive: QDropEvent does not own it
    event = QDropEvent(target, Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.month.dropEvent(event)
    assert event.isAccepted()
    moved = get_post(db, plan["greeting"])
    assert moved["start"] == "2027-03-24" and moved["all_day"]
    ctx.window.undo_stack.undo()
    assert start_of(db, plan["greeting"]) == "2027-03-20"


def test_dropping_in_the_week_grid_snaps_to_the_slot(
        page: CalendarView, ctx: AppContext, db, plan) -> None:  # noqa: ANN001
    page.set_mode(WEEK)
    hours = page.week.hours
    post = page.find_post(plan["webinar"])
    x = hours.column_left(3) + 10  # Thursday 11 March
    y = 14 * HOUR_HEIGHT + 20 + 7  # 14:25, grabbed 7 px below the chip's top → 14:15
    mime = post_mime(post, grab_y=7)
    event = QDropEvent(QPointF(x, y), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    hours.dropEvent(event)
    assert start_of(db, plan["webinar"]) == "2027-03-11T14:15:00+05:00"
    ctx.window.undo_stack.undo()
    assert start_of(db, plan["webinar"]) == "2027-03-09T10:00:00+05:00"


def test_dropping_a_timed_post_on_the_all_day_strip_makes_it_all_day_and_undo_restores(
        page: CalendarView, ctx: AppContext, db, plan) -> None:  # noqa: ANN001
    page.set_mode(WEEK)
    strip = page.week.all_day
    post = page.find_post(plan["webinar"])
    mime = post_mime(post)
    event = QDropEvent(QPointF(strip.column_left(4) + 10, 10), Qt.DropAction.MoveAction,
                       mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    strip.dropEvent(event)
    moved = get_post(db, plan["webinar"])
    assert moved["all_day"] and moved["start"] == "2027-03-12"
    ctx.window.undo_stack.undo()
    restored = get_post(db, plan["webinar"])
    assert restored["start"] == "2027-03-09T10:00:00+05:00"
    assert restored["duration_minutes"] == 60 and not restored["all_day"]


def test_a_real_mouse_drag_starts_a_drag_of_the_post(page: CalendarView, plan,
                                                     monkeypatch) -> None:  # noqa: ANN001
    started = []
    monkeypatch.setattr("ui.calendar.chip_canvas.start_drag",
                        lambda widget, post, *rest: started.append(post.post_id))
    chip = next(p for p in page.month._placed[date(2027, 3, 9)] if p.chip.kind == POST)
    origin = chip.rect.center().toPoint()
    QTest.mousePress(page.month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     origin)
    QTest.mouseMove(page.month, origin + type(origin)(40, 30))
    QTest.mouseRelease(page.month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       origin + type(origin)(40, 30))
    assert started == [plan["webinar"]]


def test_a_repeating_post_is_not_moved_by_dragging(page: CalendarView, db,
                                                   plan) -> None:  # noqa: ANN001
    assert not page.move_post_to_day(plan["weekly"], date(2027, 3, 5))
    assert start_of(db, plan["weekly"]) == "2027-03-04T17:00:00+05:00"


def test_a_conflicting_move_shows_a_message_and_reloads(
        page: CalendarView, ctx: AppContext, db, plan, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr("ui.calendar.view.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    update_post(db, plan["webinar"], PostFields(title="Вебинар (обновлено)"))  # a colleague
    assert not page.move_post_to_day(plan["webinar"], date(2027, 3, 12))
    assert len(shown) == 1 and "Someone else changed this post" in shown[0]
    assert start_of(db, plan["webinar"]) == "2027-03-09T10:00:00+05:00"
    assert ctx.window.undo_stack.count() == 0
    assert page.find_post(plan["webinar"]).title == "Вебинар (обновлено)"  # reloaded


def test_undo_after_a_colleague_saved_refuses_and_drops_the_step(
        page: CalendarView, ctx: AppContext, db, plan, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr("ui.calendar.view.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    assert page.move_post_to_day(plan["webinar"], date(2027, 3, 12))
    update_post(db, plan["webinar"], PostFields(status="approved"))  # a colleague
    ctx.window.undo_stack.undo()
    assert shown and "Someone else changed this post" in shown[0]
    assert start_of(db, plan["webinar"]) == "2027-03-12T10:00:00+05:00"  # their work kept
    assert ctx.window.undo_stack.count() == 0
    assert page.find_post(plan["webinar"]).status == "approved"


def test_posts_changed_elsewhere_reloads_the_calendar(page: CalendarView, ctx: AppContext,
                                                      db) -> None:  # noqa: ANN001
    create_post(db, PostFields(title="Added in the editor", at=at(10, 9), tz="Asia/Tashkent"))
    ctx.bus.posts_changed.emit()
    assert (POST, "09:00 Added in the editor") in texts(page, date(2027, 3, 10))


# ------------------------------------------------------------------ editor hooks

def test_plan_a_post_opens_the_editor_prefilled(page: CalendarView,
                                                editor_calls: list[dict]) -> None:
    panel = page.panel
    entries = panel.entries()
    assert entries and all(e.last >= TODAY for e in entries)
    nowruz = next(i for i, e in enumerate(entries) if e.name == "Nowruz")
    panel.list.setCurrentRow(nowruz)
    assert panel.plan.isEnabled()
    panel.plan.click()
    assert editor_calls[-1]["prefill"] == {"title": "Nowruz", "date": date(2027, 3, 21),
                                           "time": None,
                                           "observance_id": entries[nowruz].observance_id}


def test_double_clicks_open_the_editor(page: CalendarView, plan,
                                       editor_calls: list[dict]) -> None:  # noqa: ANN001
    chip = next(p for p in page.month._placed[date(2027, 3, 9)] if p.chip.kind == POST)
    QTest.mouseDClick(page.month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      chip.rect.center().toPoint())
    assert editor_calls[-1] == {"post_id": plan["webinar"], "prefill": None}
    empty = page.month.cell_rect(date(2027, 3, 17)).center().toPoint()
    QTest.mouseDClick(page.month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      empty)
    assert editor_calls[-1] == {"post_id": None,
                                "prefill": {"date": date(2027, 3, 17), "time": None}}
    page.set_mode(WEEK)
    slot = page.week.hours
    QTest.mouseDClick(slot, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      QPointF(slot.column_left(2) + 5, 15.5 * HOUR_HEIGHT + 3).toPoint())
    assert editor_calls[-1]["prefill"] == {"date": date(2027, 3, 10), "time": time(15, 30)}


def test_file_menu_actions(page: CalendarView, ctx: AppContext,
                           editor_calls: list[dict]) -> None:
    actions = {a.text(): a for a in ctx.window.menus["file"].actions()}
    new = actions["&New post…"]
    assert new.shortcut().toString() == "Ctrl+N"
    page.month.select_day(date(2027, 3, 15))
    new.trigger()
    assert editor_calls[-1]["prefill"]["date"] == date(2027, 3, 15)
    actions["&Export calendar…"].trigger()
    actions["&Import calendar…"].trigger()
    assert {"dialog": "export"} in editor_calls and {"dialog": "import"} in editor_calls
    names = [a.text() for a in ctx.window.menus["file"].actions()]
    assert names.index("&Import calendar…") < names.index(ctx.window.quit_action.text())


def test_screenshot_extras_without_the_dialogs_module(ctx: AppContext,
                                                      monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setitem(sys.modules, "desktop.post_dialogs", None)  # import fails
    assert page_calendar.screenshot_extras(ctx) == {}
