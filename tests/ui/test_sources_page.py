"""The Sources page: its table model, the shared source menu, and the OPML menu entries."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialog
from sqlalchemy import update

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.opml import read_opml
from core.feeds.sources import add_source, get_source, list_sources
from core.storage.database import Database
from core.storage.models import SOURCES
from desktop.context import AppContext
from desktop.page_monitor import connect
from desktop.page_sources import build
from desktop.source_actions import export_opml_file, import_opml_file
from ui.models.sources_table import (
    ERROR,
    ITEMS,
    LAST_FETCHED,
    STATUS,
    TITLE,
    UNREAD,
    SortRole,
    SourcesTableModel,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def seed(db: Database) -> dict[str, int]:
    news = add_source(db, "https://e.test/news", name="Embassy News", category="Embassy")
    broken = add_source(db, "https://e.test/broken", name="Газета", category="Media")
    gone = add_source(db, "https://e.test/gone", name="Old blog")
    with db.write() as conn:
        store_entries(conn, news.id, [ParsedEntry(f"g{n}", None, f"Item {n}", None, NOW, None,
                                                  "", "") for n in range(3)], NOW)
        conn.execute(update(SOURCES).where(SOURCES.c.id == news.id).values(
            status="ok", last_fetched=NOW))
        conn.execute(update(SOURCES).where(SOURCES.c.id == broken.id).values(
            status="error", error="HTTP 503 Service Unavailable", error_count=2))
        conn.execute(update(SOURCES).where(SOURCES.c.id == gone.id).values(
            status="gone", error="HTTP 410 Gone", enabled=False))
    return {"news": news.id, "broken": broken.id, "gone": gone.id}


def page_for(ctx: AppContext, qtbot):  # noqa: ANN001, ANN201
    connect(ctx)
    page = build(ctx)
    qtbot.addWidget(page)
    page.activated()
    return page


def row_of(page, source_id: int) -> dict:  # noqa: ANN001
    return page.model.row_dict(page.model.row_of(source_id))


def test_table_model_passes_the_tester_and_shows_health(qtbot, db: Database) -> None:  # noqa: ANN001
    ids = seed(db)
    model = SourcesTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_sources(list_sources(db))
    model.set_sources(list_sources(db)[:1])
    model.set_sources(list_sources(db))
    assert model.rowCount() == 3
    cell = {r: {c: model.index(model.row_of(ids[r]), c) for c in (TITLE, STATUS, ITEMS,
                                                                   UNREAD, ERROR, LAST_FETCHED)}
            for r in ids}
    assert cell["news"][TITLE].data() == "Embassy News"
    assert cell["news"][STATUS].data() == "OK" and cell["news"][ITEMS].data() == "3"
    assert cell["news"][UNREAD].data() == "3"
    assert cell["news"][UNREAD].data(Qt.ItemDataRole.FontRole).bold()
    assert cell["broken"][STATUS].data() == "Error"
    assert "HTTP 503" in cell["broken"][STATUS].data(Qt.ItemDataRole.ToolTipRole)
    assert cell["broken"][ERROR].data() == "HTTP 503 Service Unavailable"
    assert cell["broken"][LAST_FETCHED].data() == "never"
    assert cell["gone"][STATUS].data() == "Gone"
    assert not cell["gone"][STATUS].data(Qt.ItemDataRole.DecorationRole).isNull()
    # Sorting keys: never-fetched after any date, counts as numbers.
    assert cell["news"][LAST_FETCHED].data(SortRole) < cell["broken"][LAST_FETCHED].data(
        SortRole)
    assert cell["news"][ITEMS].data(SortRole) == 3


def test_page_sorts_filters_and_has_an_empty_state(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx, qtbot)
    assert page.stack.currentWidget() is page.empty
    assert "Add source" in page.empty.text()
    ids = seed(ctx.db)
    ctx.bus.sources_changed.emit()
    page.reload()  # hidden pages reload when shown; this one is not shown in the test
    assert page.stack.currentWidget() is page.table
    assert page.proxy.rowCount() == 3
    assert "2 need attention" in page.summary.text()
    page.table.sortByColumn(ITEMS, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, TITLE).data() == "Embassy News"
    page.filter.setText("газета")  # case-insensitive, Cyrillic
    assert page.proxy.rowCount() == 1
    page.filter.setText("")
    assert page.select_source(ids["gone"])
    assert page.current_row()["id"] == ids["gone"]


def test_menu_actions_write_to_the_database(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    ids = seed(ctx.db)
    page = page_for(ctx, qtbot)
    commands = page.commands
    changes = []
    ctx.bus.sources_changed.connect(lambda: changes.append(1))

    def labels(source: str) -> list[str]:
        menu = commands.menu(row_of(page, ids[source]))
        return [a.text() for a in menu.actions() if not a.isSeparator()]

    assert "&Disable" in labels("news") and "Re-&enable (it is back)" in labels("gone")
    assert commands.set_enabled(row_of(page, ids["news"]), False)
    assert not get_source(ctx.db, ids["news"]).enabled
    page.reload()
    assert "&Enable" in labels("news")
    assert commands.set_enabled(row_of(page, ids["news"]), True)
    assert get_source(ctx.db, ids["news"]).enabled
    assert commands.set_enabled(row_of(page, ids["gone"]), True)  # re-enable a gone one
    revived = get_source(ctx.db, ids["gone"])
    assert revived.enabled and revived.status == "new" and revived.error is None

    class Answer(QDialog):
        def exec(self) -> int:  # noqa: A003 - Qt's name
            return QDialog.DialogCode.Accepted

        def values(self) -> dict:
            return {"title": "Посольство США", "category": "Embassy / Tashkent",
                    "interval_minutes": 30}

    commands.edit_dialog = lambda row, categories: Answer()
    assert commands.edit(row_of(page, ids["news"]))
    edited = get_source(ctx.db, ids["news"])
    assert (edited.title, edited.category, edited.interval_minutes) == (
        "Посольство США", "Embassy / Tashkent", 30)

    questions = []
    commands.confirm = lambda question, detail: questions.append(question) or False
    assert not commands.remove(row_of(page, ids["news"]))  # cancelled: nothing removed
    assert "3 items" in questions[0]
    commands.confirm = lambda question, detail: True
    assert commands.remove(row_of(page, ids["news"]))
    assert {r["id"] for r in list_sources(ctx.db)} == {ids["broken"], ids["gone"]}
    assert "Removed the source and 3 items" in ctx.window.statusBar().currentMessage()
    assert len(changes) == 5  # every write announced itself
    assert ctx.window.monitor.source_count() == 2  # the Monitor's tree followed the bus


def test_refresh_from_the_menu_asks_the_refresher(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    ids = seed(ctx.db)
    page = page_for(ctx, qtbot)
    calls = []

    class Refresher:
        def start(self, **kwargs) -> bool:  # noqa: ANN003
            calls.append(kwargs)
            return True

    ctx.window.refresher = Refresher()  # type: ignore[attr-defined]
    page.commands.refresh(row_of(page, ids["news"]))
    assert calls == [{"force": True, "source_ids": [ids["news"]]}]


def test_opml_import_and_export_from_the_file_menu(ctx: AppContext, qtbot,  # noqa: ANN001
                                                   tmp_path) -> None:  # noqa: ANN001
    seed(ctx.db)
    connect(ctx)
    assert ctx.window.add_source_action.shortcut().toString() == "Ctrl+Shift+N"
    assert ctx.window.menus["file"].actions()[0] is ctx.window.add_source_action
    target = tmp_path / "sources.opml"
    export_opml_file(ctx, target)
    assert len(read_opml(target)) == 3
    assert "Exported 3 sources" in ctx.window.statusBar().currentMessage()
    for row in list_sources(ctx.db):
        from core.feeds.sources import remove_source

        remove_source(ctx.db, row["id"])
    import_opml_file(ctx, target)
    assert {r["category"] for r in list_sources(ctx.db)} == {"Embassy", "Media", None}
    assert "Imported 3 sources" in ctx.window.statusBar().currentMessage()
    assert ctx.window.monitor.source_count() == 3


def test_sources_are_read_in_a_read_job_and_the_newest_wins(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    from ui.sources_page import SourcesPage

    ids = seed(ctx.db)
    jobs = []

    class Held:
        """A runner that keeps the jobs until the test finishes them, in any order."""

        def run(self, job, *, on_done, on_error=None, kind="network", name=""):  # noqa: ANN001, ANN201
            jobs.append((kind, job, on_done))

    page = SourcesPage(lambda: list_sources(ctx.db), build(ctx).actions, runner=Held())
    qtbot.addWidget(page)
    page.reload()
    page.reload()
    assert [kind for kind, *_ in jobs] == ["read", "read"]
    assert page.model.rowCount() == 0  # nothing read on the GUI thread
    (_, newer, newer_done), (_, older, older_done) = jobs[1], jobs[0]
    newer_done(newer(None))
    older_done(older(None)[:1])  # an older answer arriving late is dropped
    assert page.model.rowCount() == 3 and page.model.row_of(ids["gone"]) >= 0


def test_remove_is_a_write_job_with_a_plain_error(ctx: AppContext, qtbot,  # noqa: ANN001
                                                  monkeypatch) -> None:  # noqa: ANN001
    import sqlite3

    from desktop import source_actions

    ids = seed(ctx.db)
    page = page_for(ctx, qtbot)
    kinds = []
    run = ctx.runner.run
    monkeypatch.setattr(ctx.runner, "run",
                        lambda job, **kw: kinds.append(kw.get("kind")) or run(job, **kw))
    warnings = []
    monkeypatch.setattr(source_actions.QMessageBox, "warning",
                        lambda _parent, title, text: warnings.append((title, text)))

    def locked(_db, _source_id):  # noqa: ANN001, ANN202
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(source_actions.sources, "remove_source", locked)
    page.commands.confirm = lambda question, detail: True
    changes = []
    ctx.bus.items_changed.connect(lambda: changes.append(1))
    page.commands.remove(row_of(page, ids["news"]))
    assert "write" in kinds
    assert warnings and warnings[0][0] == "Source not removed"
    assert "database is locked" in warnings[0][1] and "Try again" in warnings[0][1]
    assert not changes  # nothing changed, nothing announced
    assert len(list_sources(ctx.db)) == 3
