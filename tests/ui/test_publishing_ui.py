"""Publishing and answering in the app: the scheduler publishes due posts while the app runs
and says so; the Calendar's chip shows each channel's state; the Answer box under the Listen
reading pane answers a reply in its thread, once — against the loopback Mastodon."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from core.calendar.posts import get_post
from core.feeds.refresh import FeedRefresher
from core.net.fetch import Fetcher
from core.secrets import SERVICE
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import Reply
from desktop.context import AppContext
from desktop.notify import Notifier
from desktop.page_calendar import calendar_data
from desktop.publishing import PublishScheduler, publish_news
from tests.fakes.mastodon import FakeMastodon
from tests.feedserver import FeedServer
from tests.publishing import due, own_source, planned, published_for_a_while
from ui.answer_box import AnswerBox, AnswerData
from ui.calendar.chips import post_chip
from ui.models.replies_table import TEXT

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def publishing_db(db: Database) -> None:
    published_for_a_while(db)  # these tests live in real time, minutes after "now"


@pytest.fixture
def masto(server: FeedServer, memory_keyring) -> FakeMastodon:  # noqa: ANN001
    fake = FakeMastodon(server)
    memory_keyring.set_password(SERVICE, f"mastodon:{fake.host}", fake.token)
    return fake


def test_the_app_publishes_due_posts_and_tells_once(ctx: AppContext, masto: FakeMastodon) -> None:
    source = own_source(ctx.db, "mastodon", masto.profile)
    post_id = planned(ctx.db, [source], body="Published by the running app",
                      at=NOW - timedelta(minutes=1), title="Navruz")
    planned(ctx.db, [source], body="Later", at=NOW + timedelta(hours=3))
    notifier = Notifier(ctx.window)
    changed: list[bool] = []
    ctx.bus.posts_changed.connect(lambda: changed.append(True))
    publisher = PublishScheduler(ctx, notifier)
    assert publisher.tick()
    assert [s["text_sent"] for s in masto.statuses] == ["Published by the running app"]
    assert get_post(ctx.db, post_id)["status"] == "published"
    assert notifier.sent == [("Attaché: publishing", "Published 1 post on 1 channel")]
    assert changed == [True]
    assert publisher.tick()  # nothing more is due: no request, no word
    assert len(masto.status_posts()) == 1 and len(notifier.sent) == 1


def test_the_app_does_not_publish_when_switched_off_or_offline(ctx: AppContext,
                                                               masto: FakeMastodon) -> None:
    source = own_source(ctx.db, "mastodon", masto.profile)
    planned(ctx.db, [source], body="Not yet", at=NOW - timedelta(minutes=1))
    settings = Settings.load()
    settings.auto_publish = False
    settings.save()
    ctx.bus.settings_changed.emit()
    assert not PublishScheduler(ctx, Notifier(ctx.window)).tick()
    settings.auto_publish = True
    settings.save()
    ctx.bus.settings_changed.emit()
    assert not PublishScheduler(ctx, Notifier(ctx.window), offline=True).tick()  # the demo
    assert masto.server.requests == []


def test_publish_news_counts_what_matters() -> None:
    from core.publish.runner import Outcome

    assert publish_news([]) is None
    assert publish_news([Outcome(1, "", 1, "x", "skipped")]) is None
    text = publish_news([Outcome(1, "", 1, "mastodon", "published"),
                         Outcome(1, "", 2, "bluesky", "published"),
                         Outcome(2, "", 1, "mastodon", "failed", title="Visa", error="401"),
                         Outcome(3, "", 3, "telegram", "unconfirmed")])
    assert text == ("Published 1 post on 2 channels; not published on 1 channel (Visa: 401); "
                    "1 channel to check: the channel may have the post; say whether it does in "
                    "the post's editor")


def test_the_post_chip_shows_each_channel_s_state(db: Database, fetcher: Fetcher,
                                                 masto: FakeMastodon, qtbot) -> None:  # noqa: ANN001
    source = own_source(db, "mastodon", masto.profile, title="Embassy Mastodon")
    feed = own_source(db, "rss", "https://uz.usembassy.gov/feed/")
    at = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    planned(db, [source, feed], body="Chip", at=at, title="Human Rights Day")
    due(db, fetcher, at + timedelta(minutes=1))
    planned(db, [source], body="Second", at=at + timedelta(minutes=5), title="Webinar")
    masto.throttle(at + timedelta(hours=1))
    due(db, fetcher, at + timedelta(minutes=6))
    entries = {e.title: e for e in calendar_data(db, Settings()).posts(at.date(), at.date())}
    published, failed = entries["Human Rights Day"], entries["Webinar"]
    assert published.channel_states == (("Embassy Mastodon", "published",
                                         masto.statuses[0]["url"]),)
    chip = post_chip(published, {})
    # The mark comes before the title, which a month cell elides at its end.
    assert chip.text.endswith("✓ Human Rights Day")
    assert "✓ Embassy Mastodon: published" in chip.tooltip
    assert failed.channel_states[0][:2] == ("Embassy Mastodon", "failed")
    chip = post_chip(failed, {})
    assert chip.text.endswith("✗ Webinar") and "rate-limiting" in chip.tooltip


def test_the_chip_marks_each_channel_only_when_they_differ() -> None:
    from datetime import date

    from ui.calendar.data import PostEntry

    def chip_text(*states: str) -> str:
        entry = PostEntry(post_id=1, title="Navruz", status="scheduled",
                          start=date(2027, 3, 21), version=1, all_day=True,
                          channel_states=tuple((f"c{n}", s, None) for n, s in enumerate(states)))
        return post_chip(entry, {}).text

    assert chip_text("published", "published", "published") == "✓ Navruz"
    assert chip_text("published", "unconfirmed", "failed") == "✓?✗ Navruz"
    assert chip_text() == "Navruz"


# ---------------------------------------------------------------------------- answering

def answer_data(calls: list, result: dict | None = None) -> AnswerData:
    def answer(reply_id: int, text: str) -> dict:
        calls.append((reply_id, text))
        return result or {"status": "published", "remote_id": "9", "url": "https://x/@e/9"}

    return AnswerData(answer=answer,
                      refusal=lambda r: "Not here." if r.get("platform") == "telegram" else None,
                      measure=lambda platform, text: (len(text), 500))


def test_the_answer_box_counts_refuses_and_sends_once(qtbot) -> None:  # noqa: ANN001
    calls: list = []
    box = AnswerBox(answer_data(calls))
    qtbot.addWidget(box)
    answered: list[int] = []
    box.answered.connect(answered.append)
    assert not box.editor.isEnabled()  # nothing selected, and the box says what to do
    assert box.editor.placeholderText() == "Choose a reply above to answer it"
    box.set_reply({"id": 7, "platform": "telegram"})
    assert not box.editor.isEnabled() and "Not here." in box.status.text()
    box.set_reply({"id": 8, "platform": "mastodon"})
    assert box.editor.isEnabled() and not box.send_button.isEnabled()
    box.editor.setPlainText("x" * 501)
    assert not box.send_button.isEnabled() and box.count.text() == "501 / 500"
    box.editor.setPlainText("Thank you, the slots open on Monday.")
    assert box.send_button.isEnabled()
    box.send()
    box.send()  # a second click: the text is gone, nothing is sent again
    assert calls == [(8, "Thank you, the slots open on Monday.")]
    assert answered == [8]
    assert "Answer published." in box.status.text() and "https://x/@e/9" in box.status.text()


def test_the_answer_box_says_when_it_was_not_sent(qtbot) -> None:  # noqa: ANN001
    box = AnswerBox(answer_data([], {"status": "failed", "error": "the token is invalid"}))
    qtbot.addWidget(box)
    box.set_reply({"id": 8, "platform": "mastodon"})
    box.editor.setPlainText("Hello")
    box.send()
    assert "Not sent: the token is invalid" in box.status.text()
    assert box.editor.toPlainText() == "Hello"  # kept, to try again


def test_answering_from_the_listen_page(ctx: AppContext, masto: FakeMastodon,
                                        fetcher: Fetcher) -> None:
    from desktop.page_listen import build

    source = own_source(ctx.db, "mastodon", masto.profile, account_id="109000000000000001")
    planned(ctx.db, [source], body="Consular hours change", at=NOW - timedelta(hours=2))
    [posted] = due(ctx.db, fetcher, NOW)
    theirs = masto.add_reply(posted.remote_id, "guli@mastodon.uz", "From which date?")
    FeedRefresher(ctx.db, fetcher).refresh(force=True)
    page = build(ctx)
    ctx.window.add_page("listen", "Listen", page)
    ctx.window.show_page("listen")
    page.activated()
    model = page.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, TEXT).data() == "From which date?")
    page.table.setCurrentIndex(model.index(row, TEXT))
    box = page.answer_box
    assert box is not None and box.editor.isEnabled()
    assert "Mastodon" in box.title.text()
    box.editor.setPlainText("From 15 December.")
    box.send()
    assert "Answer published." in box.status.text()
    mine = masto.statuses[-1]
    assert (mine["in_reply_to_id"], mine["text_sent"]) == (
        theirs["id"], "@guli@mastodon.uz From 15 December.")
    with ctx.db.read() as conn:
        rows = {r.platform_id: r for r in conn.execute(select(Reply.__table__))}
    assert rows[mine["id"]].own and rows[theirs["id"]].answered_at is not None
    # The embassy's answer is in the thread, marked as its own — not a row of the replies,
    # which are the audience's.
    texts = [model.index(r, TEXT).data() for r in range(model.rowCount())]
    assert texts == ["From which date?"]
    shown = " ".join(page.reader.toPlainText().split())
    assert "The embassy answered" in shown and "Embassy" in shown
    assert "From 15 December." in shown


# ---------------------------------------------------------------------------- the editor

def test_the_editor_shows_who_changed_the_status_and_refuses_self_approval(
        ctx: AppContext, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from core.calendar.posts import PostFields, create_post, update_post
    from core.publish.clearance import Policy
    from desktop.post_dialogs import build_post_editor
    from ui.post_editor import PostEditor

    post_id = create_post(ctx.db, PostFields(
        title="Navruz", body="Navruz muborak!", at=datetime(2027, 3, 21, 5, 0, tzinfo=UTC),
        tz="Asia/Tashkent", status="draft"), policy=Policy("alice", True))
    update_post(ctx.db, post_id, PostFields(status="review"), policy=Policy("alice", True))
    settings = Settings.load()
    settings.user_name, settings.require_second_approver = "alice", True
    settings.save()
    ctx.bus.settings_changed.emit()
    editor = build_post_editor(ctx, post_id, None)
    qtbot.addWidget(editor, before_close_func=PostEditor.discard)
    editor.show()
    import re

    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d alice: Draft → In Review",
                        editor.history.text()), editor.history.text()
    assert "alice: new → Draft" in editor.history.toolTip()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    editor.workflow.buttons["approved"].click()
    editor.save()
    assert warnings and "clearance requires a second approver" in warnings[0]
    assert get_post(ctx.db, post_id)["status"] == "review"


def test_the_settings_dialog_sets_who_you_are_and_the_clearance_rule(ctx: AppContext,
                                                                     qtbot) -> None:  # noqa: ANN001
    from desktop import settings_dialog as wiring
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(wiring.settings_data(ctx), ctx.window)
    qtbot.addWidget(dialog)
    tab = dialog.publishing
    assert tab.auto_publish.isChecked() and tab.require_alt_text.isChecked()
    assert not tab.require_second_approver.isChecked()
    assert tab.parse_mode.currentData() == "HTML" and tab.late.value() == 12
    assert tab.all_day_time.time().toString("HH:mm") == "09:00"
    tab.all_day_time.setTime(QTime(8, 30))
    tab.user_name.setText("  Dilnoza  ")
    tab.require_second_approver.setChecked(True)
    tab.auto_publish.setChecked(False)
    tab.parse_mode.setCurrentIndex(tab.parse_mode.findData("MarkdownV2"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = Settings.load()
    assert (saved.user_name, saved.require_second_approver, saved.auto_publish,
            saved.telegram_parse_mode, saved.all_day_publish_time) == (
        "Dilnoza", True, False, "MarkdownV2", "08:30")


def test_the_editor_resolves_a_send_that_needs_checking(
        ctx: AppContext, qtbot, server: FeedServer, memory_keyring, fetcher: Fetcher,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton

    from desktop.post_dialogs import build_post_editor
    from tests.fakes.common import Scripted
    from tests.fakes.telegram import CHANNEL, TOKEN, FakeTelegram
    from ui.post_editor import PostEditor

    fake = FakeTelegram(server)
    monkeypatch.setenv("ATTACHE_TELEGRAM_BOT_API", fake.base)
    memory_keyring.set_password(SERVICE, f"telegram-bot:{CHANNEL}", TOKEN)
    source = own_source(ctx.db, "telegram", f"https://t.me/{CHANNEL}", account_id=CHANNEL,
                        title="Embassy Telegram")
    post_id = planned(ctx.db, [source], body="Did it arrive?", at=NOW - timedelta(minutes=1))
    fake.script.append(Scripted(502, {"ok": False, "error_code": 502,
                                      "description": "Bad Gateway"}))
    [outcome] = due(ctx.db, fetcher, NOW)
    assert outcome.status == "unconfirmed"
    editor = build_post_editor(ctx, post_id, None)
    qtbot.addWidget(editor, before_close_func=PostEditor.discard)
    editor.show()
    panel = editor.publishing
    assert panel is not None and panel.isVisible()
    assert "Embassy Telegram" in panel.findChild(QLabel, "send-0").text()
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (f"https://t.me/{CHANNEL}/777", True))
    panel.findChild(QPushButton, "send-there-0").click()
    assert get_post(ctx.db, post_id)["status"] == "published"
    assert editor.workflow.buttons["published"].isChecked()  # reloaded: nothing was unsaved
    label = panel.findChild(QLabel, "send-0")
    assert "published" in label.text() and f"https://t.me/{CHANNEL}/777" in label.text()
    assert panel.findChild(QPushButton, "send-there-0") is None
    assert fake.messages == []  # nothing was sent again


def test_a_missed_send_goes_out_from_the_editor_when_the_officer_says_so(
        ctx: AppContext, masto: FakeMastodon, fetcher: Fetcher, qtbot,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The computer was off at the post's time: publishing records the send as missed and
    sends nothing by itself; the editor's "Send now…" sends it (what only `attache publish
    post` could do), once, after the officer confirms."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop.post_dialogs import build_post_editor
    from ui.publish_panel import PublishPanel

    source = own_source(ctx.db, "mastodon", masto.profile, title="Embassy Mastodon")
    post_id = planned(ctx.db, [source], body="Navruz greetings", at=NOW - timedelta(days=2),
                      title="Navruz")
    due(ctx.db, fetcher, NOW)  # more than publish_late_hours late: recorded, not sent
    assert masto.status_posts() == []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: answers.pop(0))
    editor = build_post_editor(ctx, post_id)
    qtbot.addWidget(editor)
    panel = editor.findChild(PublishPanel)
    assert [r["state"] for r in panel.rows] == ["missed"]
    assert "missed its time" in panel.findChild(QWidget, "send-0").text()
    panel.findChild(QPushButton, "send-now-0").click()  # Cancel: nothing goes out
    assert masto.status_posts() == []
    panel.findChild(QPushButton, "send-now-0").click()  # Yes
    assert [s["text_sent"] for s in masto.statuses] == ["Navruz greetings"]
    assert [r["state"] for r in panel.rows] == ["published"]
    assert panel.findChild(QPushButton, "send-now-0") is None
    assert get_post(ctx.db, post_id)["status"] == "published"
    assert editor.workflow.status == "published"  # the editor shows it (nothing was edited)
