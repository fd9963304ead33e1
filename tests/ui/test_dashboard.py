"""The Dashboard page: seeded numbers reach the widgets, models are sound, empty states help."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QWidget

from core.dashboard import agenda
from core.settings import Settings
from core.storage.database import Database
from desktop import page_dashboard
from desktop.context import AppContext
from tests.core.test_dashboard import NOW, TODAY, seed
from ui.dashboard import BadgeColorRole, DashboardView, RawRole, short_date
from ui.sparkline import Sparkline


@pytest.fixture
def tashkent() -> None:
    settings = Settings.load()
    settings.timezone = "Asia/Tashkent"
    settings.countries = ["UZ"]
    settings.save()


def build(ctx: AppContext) -> DashboardView:
    page = page_dashboard.build(ctx, now=lambda: NOW)
    assert isinstance(page, DashboardView)
    page.activated()  # the synchronous runner counts at once
    return page


def texts(model, column: int) -> list[str]:  # noqa: ANN001
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_page_shows_the_seeded_numbers(ctx: AppContext, db: Database,
                                           tashkent: None) -> None:
    ids = seed(db)
    page = build(ctx)
    assert page.loader.loads == 1
    for model in (page.agenda.model, page.health.problems_model, page.accounts.model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)

    expected = agenda(db, TODAY, 14, "Asia/Tashkent", countries=["UZ"])
    assert page.agenda.model.rowCount() == len(expected)
    titles = texts(page.agenda.model, 2)
    assert titles[0] == "Fulbright reminder"
    row = next(r for r in range(len(expected)) if expected[r].id == ids["post_thanks"]
               and expected[r].kind == "post")
    assert page.agenda.model.index(row, 1).data() == "10:00"
    assert page.agenda.model.index(row, 3).data() == "approved"
    assert "Embassy Mastodon" in page.agenda.model.index(row, 2).data(
        Qt.ItemDataRole.ToolTipRole)
    rights = next(r for r in range(len(expected)) if expected[r].id == ids["human_rights"]
                  and expected[r].kind == "observance")
    badge = page.agenda.model.index(rights, 3)
    assert badge.data() == f"prepare by {short_date(expected[rights].prepare_by)}"
    assert badge.data(BadgeColorRole).name() == "#c53030"  # overdue
    assert page.agenda.model.index(rights, 2).data(Qt.ItemDataRole.FontRole).italic()

    assert "<b>4</b>&nbsp;working" in page.health.counts.text()
    assert "<b>2</b>&nbsp;failing" in page.health.counts.text()
    assert "1 disabled" in page.health.counts.text()
    assert texts(page.health.problems_model, 0) == ["Broken B", "Broken A", "Old C"]
    assert texts(page.health.problems_model, 1) == ["5", "2", "gone"]
    assert "timed out after 60 s" in page.health.problems_model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole)

    assert [(n.text(), t.text(), s.values()) for n, t, s in page.watch.term_rows] == [
        ("Fulbright", "2", [0, 0, 0, 1, 0, 1, 0]),
        ("виз*", "1", [0, 0, 0, 0, 0, 0, 1]),
        ("#ThinkBeforeYouShare", "0", [0] * 7),
    ]

    legend = page.sentiment.legend.text()
    for part in ("<b>1</b>&nbsp;positive", "<b>2</b>&nbsp;negative",
                 "<b>1</b>&nbsp;not analysed (language)", "<b>1</b>&nbsp;not scored yet"):
        assert part in legend
    assert page.sentiment.bar.counts == {"positive": 1, "neutral": 0, "negative": 2,
                                         "unsupported": 1, "unscored": 1}
    assert "-0.10" in page.sentiment.note.text() and "67%" in page.sentiment.note.text()
    # Russian and Kazakh are analysed: the note no longer says "only English".
    assert "English" not in page.sentiment.note.text()
    assert "counted apart" in page.sentiment.note.text()

    model = page.accounts.model
    assert texts(model, 0) == ["Embassy Bluesky", "Embassy Mastodon", "Посольство в Telegram"]
    assert [model.index(1, c).data() for c in range(model.columnCount())] == [
        "Embassy Mastodon", "Mastodon", "2 days ago", "0.75", "2.33", "40%", "0%", "—",
        "●●● engaging"]  # nothing answered from Attaché yet: 0%, no time to answer
    assert model.index(2, 8).data() == "●○○ present"
    assert model.index(1, 0).data(RawRole).source_id == ids["mastodon"]
    assert page.accounts.absent.text() == "Not present on: YouTube, Facebook, Instagram, VK"
    for card in (page.agenda, page.health, page.sentiment, page.watch,
                 page.accounts):
        assert not card.is_empty()


def test_an_empty_database_says_what_to_do(ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
                                           tashkent: None) -> None:
    monkeypatch.setattr(page_dashboard, "sync_packs",
                        lambda _db, _settings: None)  # no observances
    page = build(ctx)
    assert page.agenda.is_empty()
    assert "Plan posts in the Calendar" in page.agenda.empty.text()
    assert page.health.empty.text().startswith("No sources yet")
    assert page.sentiment.empty.text().startswith("No replies in the last 7 days")
    assert page.watch.empty.text().startswith("No watch terms yet")
    assert page.accounts.empty.text().startswith(
        "No own accounts yet — add your embassy's Mastodon/Bluesky/Telegram in Sources")
    for card in (page.health, page.sentiment, page.watch, page.accounts):
        assert card.is_empty()
    QAbstractItemModelTester(page.agenda.model,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_a_burst_of_changes_recounts_once(qtbot, ctx: AppContext, db: Database,  # noqa: ANN001
                                          tashkent: None) -> None:
    page = build(ctx)
    assert page.loader.loads == 1
    ctx.bus.posts_changed.emit()  # hidden page: nothing now, it recounts when shown
    assert not page.loader.timer.isActive()
    page.show()
    qtbot.waitExposed(page)
    for signal in (ctx.bus.items_changed, ctx.bus.sources_changed, ctx.bus.replies_changed,
                   ctx.bus.items_changed):
        signal.emit()
    assert page.loader.timer.isActive() and page.loader.loads == 1
    qtbot.waitUntil(lambda: page.loader.loads == 2)
    assert not page.loader.timer.isActive()


def test_a_recount_asked_for_while_one_runs_follows_it(ctx: AppContext,
                                                       tashkent: None) -> None:
    page = build(ctx)
    loader = page.loader
    loader.running = True  # as if a job were in flight
    loader.load()
    assert loader.again and loader.loads == 1
    loader._done(loader.view.data)  # the running job ends: the asked-for one runs at once
    assert loader.loads == 3 and not loader.again


def test_lines_lead_to_their_pages(ctx: AppContext, db: Database, tashkent: None) -> None:
    ids = seed(db)
    opened: list[tuple[str, int]] = []

    class Calendar(QWidget):
        def show_day(self, day: date) -> None:
            opened.append(("day", day))

    ctx.window.add_page("calendar", "Calendar", Calendar())
    page = build(ctx)
    ctx.window.add_page("dashboard", "Dashboard", page)
    ctx.window.show_page("dashboard")
    row = next(r for r in range(page.agenda.model.rowCount())
               if page.agenda.model.index(r, 0).data(RawRole).kind == "post")
    page.agenda.view.clicked.emit(page.agenda.model.index(row, 2))
    assert ctx.window.current_page() == "calendar"
    assert opened == [("day", TODAY)]  # the Fulbright reminder, planned for today
    assert page.agenda.model.index(row, 0).data(RawRole).id == ids["post_fulbright"]
    health = page.health
    health.problems_view.clicked.emit(health.problems_model.index(0, 0))  # no Sources page here
    assert ctx.window.current_page() == "calendar"
    page.agenda.view.clicked.emit(QModelIndex())  # nothing under the click


def test_a_failed_count_is_shown_not_raised(ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
                                            tashkent: None) -> None:
    def broken(_db: Database, _now: datetime, _settings: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(page_dashboard, "snapshot", broken)
    page = build(ctx)
    assert "disk on fire" in page.updated.text()
    assert not page.loader.running


def test_sparkline_scales_from_zero(qtbot) -> None:  # noqa: ANN001
    spark = Sparkline([0, 2, 4])
    qtbot.addWidget(spark)
    spark.resize(106, 22)
    points = spark.points()
    assert [round(p.x()) for p in points] == [3, 53, 103]
    assert [round(p.y()) for p in points] == [19, 11, 3]  # zero on the baseline, max on top
    spark.set_values([0, 0], ["Mon", "Tue"])
    assert spark.toolTip() == "Mon: 0\nTue: 0"
    assert {round(p.y()) for p in spark.points()} == {19}
    spark.grab()  # paints without error, empty or not
    Sparkline([]).grab()


def test_an_account_opens_listen_filtered_to_it(ctx: AppContext, db: Database,
                                                tashkent: None) -> None:
    from core.social.replies import count_replies
    from desktop import page_listen

    ids = seed(db)
    listen = page_listen.build(ctx)
    ctx.window.add_page("listen", "Listen", listen)
    page = build(ctx)
    ctx.window.add_page("dashboard", "Dashboard", page)
    ctx.window.show_page("dashboard")
    model = page.accounts.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(RawRole).source_id == ids["mastodon"])
    page.accounts.view.clicked.emit(model.index(row, 0))
    assert ctx.window.current_page() == "listen"
    assert listen.account_filter.currentData() == ids["mastodon"]
    assert listen.model.total() == count_replies(db, source_id=ids["mastodon"]) > 0
    ctx.window.show_page("dashboard")
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(RawRole).source_id == ids["telegram"])
    page.accounts.view.activated.emit(model.index(row, 0))  # Enter on the row
    assert ctx.window.current_page() == "listen"
    assert listen.account_filter.currentData() == ids["telegram"]
    assert listen.model.total() == count_replies(db, source_id=ids["telegram"]) == 0
