"""The post editor: creating, editing, counting, the workflow, plan warnings, conflicts."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTime
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from core.calendar.campaigns import add_campaign
from core.calendar.observances import ensure_packs, list_occurrences
from core.calendar.posts import PostFields, create_post, get_post, list_posts, update_post
from core.feeds.sources import insert_source
from core.settings import Settings
from core.storage.database import Database
from desktop.context import AppContext
from desktop.post_dialogs import build_post_editor, open_post_editor, screenshot_widgets
from ui.post_editor import PostEditor

TASHKENT = ZoneInfo("Asia/Tashkent")


@pytest.fixture
def channels(db: Database) -> dict[str, int]:
    """Own accounts on three platforms (X through its export-file source), a watched feed,
    Tashkent time and the Uzbek packs."""
    Settings(timezone="Asia/Tashkent", countries=["UZ"]).save()
    ensure_packs(db, ["UZ"], ["un", "us", "host", "programme"])
    found = {}
    for key, url, kind, title, own in (
            ("bluesky", "https://bsky.app/profile/usembassy.bsky.social", "bluesky",
             "usembassy.bsky.social", True),
            ("x", "import:x", "import", "X (imported)", True),
            ("mastodon", "https://mastodon.social/@usembassy", "mastodon",
             "@usembassy@mastodon.social", True),
            ("news", "https://kun.uz/news/rss", "feed", "Kun.uz", False)):
        found[key] = insert_source(db, url=url, kind=kind, title=title, category=None, own=own,
                                   interval_minutes=60).id
    return found


def editor_for(ctx: AppContext, qtbot, post_id: int | None = None,  # noqa: ANN001
               prefill: dict | None = None) -> PostEditor:
    editor = build_post_editor(ctx, post_id, prefill)
    qtbot.addWidget(editor, before_close_func=PostEditor.discard)
    editor.show()
    return editor


def saved_post(db: Database, post_id: int) -> dict:
    return get_post(db, post_id)


class DeferredRunner:
    """Holds back jobs of the kinds given (a write waiting behind a refresh) until
    ``finish``; runs the others at once."""

    def __init__(self, *kinds: str) -> None:
        self.kinds = kinds
        self.pending: list[tuple] = []

    def __call__(self, job, on_done, on_error, kind: str) -> None:  # noqa: ANN001
        if kind in self.kinds:
            self.pending.append((job, on_done, on_error))
        else:
            on_done(job())

    def finish(self) -> None:
        while self.pending:
            job, on_done, on_error = self.pending.pop(0)
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - handed on as the runner does
                on_error(exc)
            else:
                on_done(result)


def test_a_new_post_is_saved_with_everything_set_in_the_dialog(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    add_campaign(db, "Human Rights Week")
    day = date(2026, 12, 10)
    observance = next(o["id"] for o in list_occurrences(db, day, day)
                      if "Human Rights" in o["name"])
    editor = editor_for(ctx, qtbot, prefill={
        "title": "Human Rights Day", "date": day, "time": time(10, 30),
        "observance_id": observance, "campaign_id": 1, "channels": [channels["bluesky"]]})
    assert editor.windowTitle() == "New Post"
    assert editor.zone.tz_combo.currentData() == "Asia/Tashkent"
    assert editor.zone.tz.text() == "UTC+05:00"
    assert editor.observance.currentData() == observance
    assert editor.campaign.currentText() == "Human Rights Week"
    assert not editor.delete_button.isEnabled()
    editor.body.setPlainText("Инсон ҳуқуқлари куни муборак! #HumanRightsDay")
    editor.set_channels([channels["bluesky"], channels["mastodon"]])
    editor.notes.setPlainText("Photo: embassy archive")
    editor.workflow.buttons["review"].click()
    with qtbot.waitSignal(ctx.bus.posts_changed, timeout=1000):
        editor.save()

    [post] = list_posts(db)
    assert (post["title"], post["status"], post["start"], post["tz"]) == (
        "Human Rights Day", "review", "2026-12-10T10:30:00+05:00", "Asia/Tashkent")
    assert post["body"].startswith("Инсон ҳуқуқлари")
    assert post["channels"] == sorted([channels["bluesky"], channels["mastodon"]])
    assert (post["campaign"], post["observance_id"], post["notes"]) == (
        "Human Rights Week", observance, "Photo: embassy archive")
    assert editor.windowTitle() == "Edit Post" and editor.delete_button.isEnabled()
    assert not editor.is_modified()


def test_an_all_day_post_and_a_new_campaign(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                            channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot, prefill={"date": date(2026, 11, 2)})
    editor.title.setText("Fulbright deadline reminder")
    editor.when.all_day.setChecked(True)
    assert not editor.when.at.isEnabled()
    editor.campaign.setCurrentText("Fulbright 2027")
    editor.save()
    [post] = list_posts(db)
    assert (post["all_day"], post["start"], post["campaign"]) == (
        True, "2026-11-02", "Fulbright 2027")


def test_saving_an_edit_checks_the_version_and_bumps_it(ctx: AppContext, qtbot,  # noqa: ANN001
                                                       db: Database,
                                                       channels: dict[str, int]) -> None:
    post_id = create_post(db, PostFields(title="Q&A", body="Ask us", tz="Asia/Tashkent",
                                         at=datetime(2026, 12, 3, 15, 0, tzinfo=TASHKENT),
                                         duration_minutes=60, rrule="FREQ=WEEKLY;COUNT=3"))
    editor = editor_for(ctx, qtbot, post_id)
    assert (editor.version, editor.title.text(), editor.when.at.time().hour()) == (1, "Q&A", 15)
    editor.title.setText("Q&A with the Ambassador")
    assert editor.is_modified()
    editor.save()
    post = saved_post(db, post_id)
    assert (post["version"], post["title"]) == (2, "Q&A with the Ambassador")
    # What the editor does not show is kept.
    assert (post["duration_minutes"], post["rrule"]) == (60, "FREQ=WEEKLY;COUNT=3")
    assert editor.version == 2
    editor.body.setPlainText("Ask us anything")
    editor.save()  # the editor tracks the new version: no conflict with itself
    assert saved_post(db, post_id)["version"] == 3


def test_live_counts_follow_the_channels_and_the_text(ctx: AppContext, qtbot,  # noqa: ANN001
                                                     channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot)
    editor.body.setPlainText("Salom!")
    assert editor.counts.counters() == {"characters": ("6 characters", False)}
    editor.set_channels([channels["bluesky"], channels["x"]])
    assert editor.counts.counters() == {"bluesky": ("Bluesky 6/300", False),
                                 "x": ("X 6/280", False)}
    link = "https://uz.usembassy.gov/" + "a" * 60
    editor.body.setPlainText("a" * 250 + " " + link)  # X counts the link as 23
    counts = editor.counts.counters()
    assert counts["x"] == ("X 274/280", False)
    assert counts["bluesky"] == (f"Bluesky {251 + len(link)}/300", True)
    label = editor.findChild(type(editor.zone.tz), "count-bluesky")
    assert label.property("over") is True and "c62828" in label.styleSheet()
    editor.set_channels([channels["x"]])
    assert list(editor.counts.counters()) == ["x"]


def test_only_own_accounts_are_channels(ctx: AppContext, qtbot,  # noqa: ANN001
                                        channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot)
    ids = [editor.channels.channel_list.item(i).data(Qt.ItemDataRole.UserRole)
           for i in range(editor.channels.channel_list.count())]
    assert sorted(ids) == sorted([channels["bluesky"], channels["x"], channels["mastodon"]])
    assert editor.channels.no_channels.isHidden()


def test_without_own_accounts_the_editor_says_where_to_add_them(ctx: AppContext,
                                                                qtbot) -> None:  # noqa: ANN001
    editor = editor_for(ctx, qtbot)
    assert editor.channels.channel_list.isHidden() and not editor.channels.no_channels.isHidden()
    assert "Sources page" in editor.channels.no_channels.text()


def enabled_statuses(editor: PostEditor) -> set[str]:
    return {s for s, b in editor.workflow.buttons.items() if b.isEnabled()}


def test_status_buttons_follow_the_workflow(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                            channels: dict[str, int]) -> None:
    post_id = create_post(db, PostFields(title="Navruz greetings", status="draft",
                                         day=date(2027, 3, 21), tz="Asia/Tashkent"))
    editor = editor_for(ctx, qtbot, post_id)
    assert editor.workflow.buttons["draft"].isChecked()
    assert enabled_statuses(editor) == {"idea", "draft", "review", "cancelled"}
    editor.workflow.buttons["review"].click()
    assert editor.status() == "review"
    # Until saved, the steps are those from the saved status: the click can be taken back.
    assert enabled_statuses(editor) == {"idea", "draft", "review", "cancelled"}
    editor.save()
    assert saved_post(db, post_id)["status"] == "review"
    assert enabled_statuses(editor) == {"draft", "review", "approved", "cancelled"}
    editor.body.setPlainText("Navruz muborak! С праздником Навруз!")
    editor.workflow.buttons["approved"].click()
    editor.save()
    assert enabled_statuses(editor) == {"review", "approved", "scheduled", "published",
                                        "cancelled"}
    editor.workflow.buttons["published"].click()
    editor.save()
    assert enabled_statuses(editor) == {"published"}


def test_warnings_for_a_crowded_channel_and_a_public_holiday(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    create_post(db, PostFields(title="Constitution Day greeting", tz="Asia/Tashkent",
                               at=datetime(2026, 12, 7, 10, 0, tzinfo=TASHKENT),
                               channels=[channels["bluesky"]]))
    editor = editor_for(ctx, qtbot, prefill={"title": "Photo gallery", "date": date(2026, 12, 7),
                                             "time": time(10, 30)})
    editor.check_now()
    assert editor.warnings.texts() == []
    assert "No clashes" in editor.warnings.label.text()

    editor.set_channels([channels["bluesky"]])
    assert editor.check_timer.isActive()  # re-checked shortly after the change …
    editor.check_now()  # … (tests do not wait for the timer)
    [gap] = editor.warnings.texts()
    assert "“Photo gallery” goes out 30 min after “Constitution Day greeting”" in gap
    assert "on Bluesky — usembassy.bsky.social" in gap

    editor.when.day.setDate(editor.when.day.date().addDays(1))  # 8 December: Constitution Day (UZ)
    editor.check_now()
    [holiday] = editor.warnings.texts()
    assert "Constitution Day (UZ), a public holiday" in holiday

    editor.workflow.buttons["cancelled"].click()
    editor.check_now()
    assert editor.warnings.texts() == []  # like check_plan, cancelled posts are not checked


def test_the_saved_version_of_the_post_being_edited_is_no_collision(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    post_id = create_post(db, PostFields(title="Visa Q&A", tz="Asia/Tashkent",
                                         at=datetime(2026, 11, 5, 10, 0, tzinfo=TASHKENT),
                                         channels=[channels["x"]]))
    editor = editor_for(ctx, qtbot, post_id)
    editor.when.at.setTime(editor.when.at.time().addSecs(30 * 60))
    editor.check_now()
    assert editor.warnings.texts() == []


def test_a_concurrent_save_is_reported_and_can_be_reloaded(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    post_id = create_post(db, PostFields(title="Fulbright info session", day=date(2026, 11, 20),
                                         tz="Asia/Tashkent"))
    editor = editor_for(ctx, qtbot, post_id)
    update_post(db, post_id, PostFields(title="Fulbright info session (Samarkand)"),
                expect_version=1)  # a colleague saves first
    shown: list[tuple[str, str]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: next(
        b for b in box.buttons() if b.text() == "Keep Editing"))
    editor.body.setPlainText("Apply by 1 February")
    editor.save()
    [(text, detail)] = shown
    assert "Someone else saved this post" in text
    assert "Samarkand" in detail  # what they changed
    post = saved_post(db, post_id)
    assert (post["version"], post["body"]) == (2, "")  # nothing of ours was written
    assert editor.body.toPlainText() == "Apply by 1 February"  # still there to redo

    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: next(
        b for b in box.buttons() if b.text() == "Reload Their Version"))
    editor.save()
    assert editor.title.text() == "Fulbright info session (Samarkand)"
    assert (editor.version, editor.body.toPlainText()) == (2, "")
    assert not editor.is_modified()


def test_delete_asks_first(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                           channels: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    post_id = create_post(db, PostFields(title="Old idea", day=date(2026, 11, 1)))
    editor = editor_for(ctx, qtbot, post_id)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text, *args):  # noqa: ANN001, ANN202
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    editor.delete()
    assert list_posts(db) and editor.isVisible()
    with qtbot.waitSignal(ctx.bus.posts_changed, timeout=1000):
        editor.delete()
    assert list_posts(db) == [] and not editor.isVisible()
    assert "Delete “Old idea”" in asked[0]


def test_closing_with_unsaved_changes_asks(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                          channels: dict[str, int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    editor = editor_for(ctx, qtbot, prefill={"title": "Draft", "date": date(2026, 12, 1)})
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    editor.reject()  # untouched prefill: nothing to save, closes without asking
    assert not editor.isVisible() and answers
    editor.show()
    editor.title.setText("Draft: Independence Day")
    editor.reject()  # Cancel
    assert editor.isVisible()
    editor.close()  # the title bar's close: Save
    assert not editor.isVisible()
    assert [p["title"] for p in list_posts(db)] == ["Draft: Independence Day"]


def test_a_post_needs_a_title(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                              channels: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    editor = editor_for(ctx, qtbot)
    editor.save()
    assert warned and "title" in warned[0] and list_posts(db) == []


def test_screenshot_widgets(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                            channels: dict[str, int]) -> None:
    widgets = screenshot_widgets(ctx)
    for widget in widgets.values():
        qtbot.addWidget(widget, before_close_func=getattr(type(widget), "discard", None))
    editor = widgets["post-editor"]
    assert editor.title.text().startswith("Human Rights Day")
    assert "Инсон" in editor.body.toPlainText()
    assert "Human Rights Day" in editor.observance.currentText()
    assert not editor.is_modified()
    assert set(widgets) >= {"post-editor", "export-dialog"}


def test_typing_while_a_save_waits_is_kept(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                          channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot, prefill={"title": "Visa info", "date": date(2026, 12, 1)})
    runner = editor.data.run = DeferredRunner("write")
    editor.body.setPlainText("Apply online")
    editor.save()
    assert not editor.save_button.isEnabled()  # busy: the save waits on the writer
    editor.body.setPlainText("Apply online at ustraveldocs.com")  # the officer keeps typing
    with qtbot.waitSignal(ctx.bus.posts_changed, timeout=1000):
        runner.finish()
    [post] = list_posts(db)
    assert post["body"] == "Apply online"  # what was sent
    assert editor.body.toPlainText() == "Apply online at ustraveldocs.com"  # not overwritten
    assert editor.is_modified()  # the typing is still unsaved
    assert (editor.draft_id, editor.version) == (post["id"], 1)
    assert editor.windowTitle() == "Edit Post" and editor.delete_button.isEnabled()
    editor.save()
    runner.finish()  # the second save is an update of the same post, not a new one
    [post] = list_posts(db)
    assert (post["body"], post["version"]) == ("Apply online at ustraveldocs.com", 2)
    assert not editor.is_modified()


def test_save_and_close_stays_open_for_text_typed_while_saving(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    editor = editor_for(ctx, qtbot, prefill={"title": "Visa info", "date": date(2026, 12, 1)})
    runner = editor.data.run = DeferredRunner("write")
    editor.save(close_after=True)
    editor.title.setText("Visa info: new hours")
    runner.finish()
    assert editor.isVisible() and editor.is_modified()
    assert [p["title"] for p in list_posts(db)] == ["Visa info"]


def test_an_opened_editor_is_deleted_on_close_and_late_answers_are_dropped(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    editor = open_post_editor(ctx, prefill={"title": "Nowruz", "date": date(2027, 3, 21)})
    runner = editor.data.run = DeferredRunner("read")
    editor.when.day.setDate(editor.when.day.date().addDays(1))
    editor.check_now()  # a plan check still running when the editor closes
    editor.discard()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(editor)
    runner.finish()  # no "Internal C++ object already deleted"


# ------------------------------------------------------------------------------ zone, repeat

def test_a_weekly_post_through_the_dialog(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                          channels: dict[str, int]) -> None:
    thursday = date(2026, 11, 26)
    editor = editor_for(ctx, qtbot, prefill={"title": "Visa Q&A live", "date": thursday,
                                             "time": time(16, 0)})
    assert editor.repeating.repeat.currentData() == "" and not editor.repeating.rrule.isVisible()
    editor.repeating.repeat.setCurrentIndex(editor.repeating.repeat.findData("weekly"))
    assert editor.repeating.repeat.currentText() == "Weekly on Thursday"
    editor.span.duration.setValue(45)
    assert editor.span.ends_at.text() == "ends 16:45"
    editor.save()
    [post] = list_posts(db)
    assert (post["rrule"], post["duration_minutes"]) == ("FREQ=WEEKLY;BYDAY=TH", 45)
    assert not editor.is_modified()
    assert [p["id"] for p in list_posts(db, first=date(2026, 12, 3), last=date(2026, 12, 3))
            ] == [post["id"]]  # a Thursday in December


def test_repeat_until_a_date_and_a_number_of_times(ctx: AppContext, qtbot,  # noqa: ANN001
                                                  db: Database,
                                                  channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot, prefill={"title": "Daily tip", "date": date(2026, 11, 2),
                                             "time": time(9, 0)})
    editor.repeating.repeat.setCurrentIndex(editor.repeating.repeat.findData("daily"))
    editor.repeating.ends.setCurrentIndex(editor.repeating.ends.findData("count"))
    editor.repeating.count.setValue(5)
    editor.save()
    post = list_posts(db)[0]
    assert post["rrule"] == "FREQ=DAILY;COUNT=5"
    editor.repeating.repeat.setCurrentIndex(editor.repeating.repeat.findData("monthly"))
    assert editor.repeating.repeat.currentText() == "Monthly on day 2"
    editor.repeating.ends.setCurrentIndex(editor.repeating.ends.findData("until"))
    editor.repeating.until.setDate(QDate(2027, 3, 2))
    editor.save()
    assert saved_post(db, post["id"])["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=2;UNTIL=20270302T235959"
    reopened = editor_for(ctx, qtbot, post["id"])
    assert reopened.repeating.repeat.currentData() == "monthly"
    repeating = reopened.repeating
    assert repeating.ends.currentData() == "until" and repeating.until.date() == QDate(2027, 3, 2)


def test_an_existing_custom_rule_shows_as_custom(ctx: AppContext, qtbot,  # noqa: ANN001
                                                db: Database,
                                                channels: dict[str, int]) -> None:
    # Thursday, but repeating on Tuesdays and Thursdays: no preset says that
    post_id = create_post(db, PostFields(
        title="Visa Q&A", tz="Asia/Tashkent", rrule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8",
        at=datetime(2026, 11, 26, 16, 0, tzinfo=TASHKENT)))
    editor = editor_for(ctx, qtbot, post_id)
    assert editor.repeating.repeat.currentData() == "custom"
    rule = editor.repeating.rrule
    assert rule.isVisible() and rule.text() == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8"
    assert not editor.repeating.rrule_error.isVisible() and not editor.is_modified()
    editor.title.setText("Visa Q&A (live)")
    editor.save()
    assert saved_post(db, post_id)["rrule"] == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8"


def test_an_invalid_custom_rule_is_shown_inline_and_not_saved(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    post_id = create_post(db, PostFields(title="Visa Q&A", tz="Asia/Tashkent",
                                         at=datetime(2026, 11, 26, 16, 0, tzinfo=TASHKENT)))
    editor = editor_for(ctx, qtbot, post_id)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: asked.append(a[2]))
    editor.repeating.repeat.setCurrentIndex(editor.repeating.repeat.findData("custom"))
    editor.repeating.rrule.setText("FREQ=FORTNIGHTLY")
    assert editor.repeating.rrule_error.isVisible()
    assert "not a valid RRULE" in editor.repeating.rrule_error.text()
    editor.save()
    post = saved_post(db, post_id)
    assert (post["rrule"], post["version"]) == (None, 1)
    assert editor.is_modified() and not asked
    editor.repeating.rrule.setText("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")
    assert not editor.repeating.rrule_error.isVisible()
    editor.save()
    assert saved_post(db, post_id)["rrule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"


def test_a_post_planned_in_new_york_keeps_its_wall_clock_time(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int]) -> None:  # noqa: ANN001
    editor = editor_for(ctx, qtbot, prefill={"title": "Visa Q&A for Washington",
                                             "date": date(2026, 11, 26), "time": time(10, 0)})
    assert editor.zone.tz_combo.currentData() == "Asia/Tashkent"
    editor.zone.tz_combo.setCurrentIndex(editor.zone.tz_combo.findData("America/New_York"))
    assert editor.when.at.time() == QTime(10, 0)  # the time shown stays as planned
    assert editor.zone.tz.text() == "UTC-05:00"
    assert editor.check_timer.isActive()  # the warnings are checked again
    editor.check_now()
    editor.save()
    [post] = list_posts(db)
    assert (post["tz"], post["start"]) == ("America/New_York", "2026-11-26T10:00:00-05:00")
    reopened = editor_for(ctx, qtbot, post["id"])
    assert reopened.zone.tz_combo.currentData() == "America/New_York"
    assert reopened.when.at.time() == QTime(10, 0) and not reopened.is_modified()


def test_the_zone_combo_finds_a_zone_as_you_type(ctx: AppContext, qtbot,  # noqa: ANN001
                                                db: Database,
                                                channels: dict[str, int]) -> None:
    editor = editor_for(ctx, qtbot, prefill={"title": "x", "date": date(2026, 11, 26)})
    completer = editor.zone.tz_combo.completer()
    completer.setCompletionPrefix("york")
    assert completer.currentCompletion() == "America/New_York"


def test_an_all_day_post_has_no_duration(ctx: AppContext, qtbot, db: Database,  # noqa: ANN001
                                         channels: dict[str, int]) -> None:
    post_id = create_post(db, PostFields(title="Live", tz="Asia/Tashkent", duration_minutes=60,
                                         at=datetime(2026, 11, 26, 16, 0, tzinfo=TASHKENT)))
    editor = editor_for(ctx, qtbot, post_id)
    assert editor.span.duration.value() == 60 and editor.span.duration.isEnabled()
    editor.when.all_day.setChecked(True)
    assert not editor.span.duration.isEnabled()
    editor.save()
    post = saved_post(db, post_id)
    assert (post["all_day"], post["duration_minutes"]) == (True, None)


def test_images_with_alt_text_are_added_kept_and_removed_in_the_editor(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int],  # noqa: ANN001
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Images were reachable only from the CLI: the editor adds up to four, each with its
    alt text, refuses to save one without (the setting's default), keeps the stored bytes
    when only the alt text changes, and removes one."""
    from core.calendar.posts import post_details
    from core.publish.images import stored_images
    from tests.publishing import png

    files = []
    for n, name in enumerate(("flags.png", "crowd.png", "stage.png", "hall.png", "extra.png")):
        path = tmp_path / name
        path.write_bytes(png(width=n + 1))
        files.append(str(path))
    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: refused.append(text))
    editor = editor_for(ctx, qtbot, prefill={"title": "Navruz", "date": date(2027, 3, 21),
                                             "time": time(10, 0)})
    editor.images.choose = lambda _parent: files  # what the file dialog would answer
    editor.images.add_button.click()
    assert len(editor.images.rows) == 4 and not editor.images.add_button.isEnabled()
    assert editor.is_modified()
    editor.findChild(QWidget, "image-remove-3").click()
    assert [i.name for i in editor.images.images()] == ["flags.png", "crowd.png", "stage.png"]
    editor.save()  # no alt text yet: refused, with the reason, nothing saved
    assert refused and "has no alt text" in refused[-1] and list_posts(db) == []

    for n, alt in enumerate(("The flags of both countries", "A crowd in Tashkent",
                             "The stage")):
        editor.findChild(QLineEdit, f"image-alt-{n}").setText(alt)
    editor.save()
    [post] = list_posts(db)
    details = post_details(db, post["id"])
    assert [(i["filename"], i["alt"]) for i in details["images"]] == [
        ("flags.png", "The flags of both countries"), ("crowd.png", "A crowd in Tashkent"),
        ("stage.png", "The stage")]
    assert not editor.is_modified()

    # Reopened: the stored images are shown; a new alt text keeps the bytes; Remove removes.
    before = stored_images(db, post["id"])
    for path in files:
        Path(path).unlink()  # the files are gone: what is stored is what counts
    again = editor_for(ctx, qtbot, post["id"])
    assert [i.name for i in again.images.images()] == ["flags.png", "crowd.png", "stage.png"]
    again.findChild(QLineEdit, "image-alt-1").setText("A crowd at the embassy's concert")
    again.findChild(QWidget, "image-remove-0").click()
    again.save()
    after = stored_images(db, post["id"])
    assert [(i.filename, i.alt) for i in after.values()] == [
        ("crowd.png", "A crowd at the embassy's concert"), ("stage.png", "The stage")]
    assert [i.data for i in after.values()] == [before[2].data, before[3].data]


def test_with_alt_text_optional_the_editor_says_so_and_saves_without_it(
        ctx: AppContext, qtbot, db: Database, channels: dict[str, int],  # noqa: ANN001
        tmp_path) -> None:  # noqa: ANN001
    """require_alt_text off (Settings → Publishing): the hint no longer says each image needs
    alt text, and an image without it is saved."""
    from core.calendar.posts import post_details
    from core.settings import Settings
    from desktop.context import AppSettings
    from tests.publishing import png

    required = editor_for(ctx, qtbot, prefill={"title": "Navruz", "date": date(2027, 3, 21)})
    assert "each needs alt text" in required.images.hint.text()
    ctx.settings = AppSettings(lambda: Settings(require_alt_text=False))
    path = tmp_path / "flags.png"
    path.write_bytes(png(width=2))
    editor = editor_for(ctx, qtbot, prefill={"title": "Navruz", "date": date(2027, 3, 21),
                                             "time": time(10, 0)})
    assert "where you can" in editor.images.hint.text()
    editor.images.choose = lambda _parent: [str(path)]
    editor.images.add_button.click()
    editor.save()
    [post] = list_posts(db)
    assert [(i["filename"], i["alt"]) for i in post_details(db, post["id"])["images"]] == [
        ("flags.png", "")]
