"""File → Reports… on a real database (synchronous task runner), and the Monitor's D key."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from core.feeds.items import items_by_ids
from core.settings import Settings
from core.storage.database import Database
from desktop.reports import install, open_reports, reports_data
from tests import reportdata as data
from ui.reports_dialog import ReportsDialog


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    return data.fill(db)


def dialog_for(ctx, qtbot) -> ReportsDialog:  # noqa: ANN001
    reports = reports_data(ctx)
    reports.today = lambda: data.DAY
    dialog = ReportsDialog(reports, ctx.window)
    qtbot.addWidget(dialog)
    dialog.show()  # a hidden (closed) dialog ignores answers that arrive late
    return dialog


def test_file_menu_opens_the_dialog_with_a_preview(ctx, qtbot, filled) -> None:  # noqa: ANN001
    install(ctx)
    assert ctx.window.reports_action in ctx.window.menus["file"].actions()
    assert ctx.window.reports_action.shortcut().toString() == "Ctrl+Shift+R"
    ctx.window.reports_action.trigger()
    dialog = ctx.window.reports_dialog
    qtbot.waitUntil(lambda: not dialog.page.image().isNull(), timeout=10000)
    assert re.match(r"\d+ pages? as PDF — ", dialog.pages.text())
    open_reports(ctx)  # a second time: the same, open dialog comes forward
    assert ctx.window.reports_dialog is dialog


def test_preview_and_save_the_summary_in_word(ctx, qtbot, filled,  # noqa: ANN001
                                              tmp_path: Path) -> None:
    dialog = dialog_for(ctx, qtbot)
    dialog.first.setDate(dialog.last.date())  # only 4 December
    dialog.embassy.setText("U.S. Embassy Tashkent")
    dialog.classification.setText("Unclassified")
    dialog.refresh_preview()
    assert dialog.pages.text().endswith("4 stories in 3 groups")
    image = dialog.page.image()
    assert image.width() > 300 and image.height() > image.width()  # a portrait page
    target = tmp_path / "summary.docx"
    dialog.file.edit.setText(str(target))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    titles = [p.text for p in Document(str(target)).paragraphs if p.style.name == "Heading 2"]
    assert data.KK_TITLE in titles and len(titles) == 4
    assert "Saved" in dialog.status.text()
    settings = Settings.load()  # the letterhead is remembered
    assert (settings.embassy_name, settings.report_classification) == (
        "U.S. Embassy Tashkent", "Unclassified")


def test_period_report_formats_follow_the_report(ctx, qtbot, filled,  # noqa: ANN001
                                                 tmp_path: Path) -> None:
    dialog = dialog_for(ctx, qtbot)
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert formats == ["docx", "pdf", "html", "txt"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("period"))
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert formats == ["docx", "pdf", "html", "txt", "xlsx"]
    assert dialog.request().first == date(2026, 11, 5)  # a month by default
    assert dialog.channel.itemText(1) == "Embassy on Mastodon"
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.file.edit.text().endswith("period-report-2026-11-05-to-2026-12-04.pdf")
    dialog.file.edit.setText(str(tmp_path / "month.pdf"))
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.save()
    assert (tmp_path / "month.pdf").read_bytes().startswith(b"%PDF-")


def test_an_unwritable_file_is_said_in_the_dialog(ctx, qtbot, filled,  # noqa: ANN001
                                                  tmp_path: Path) -> None:
    dialog = dialog_for(ctx, qtbot)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog.file.edit.setText(str(blocker / "r.docx"))
    dialog.save()
    assert dialog.status.text().startswith("cannot write")
    assert dialog.save_button.isEnabled()


def test_d_marks_the_current_item_for_the_summary(ctx, qtbot, filled,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = ctx.window
    window.show_sources()
    monitor = window.monitor
    monitor.table.selectRow(0)
    item_id = monitor.model.item_id(0)
    before = items_by_ids(ctx.db, [item_id])[item_id]["summary"]
    keys = {s.key().toString(): s for s in monitor.table.findChildren(QShortcut)}
    assert {"S", "D", "Shift+D"} <= set(keys)  # D beside S (star)
    keys["D"].activated.emit()
    assert items_by_ids(ctx.db, [item_id])[item_id]["summary"] is (not before)
    shown = monitor.model.index(0, 0).data()
    assert shown.endswith("▤") is (not before)
    monkeypatch.setattr("ui.monitor.view.QInputDialog.getMultiLineText",
                        lambda *args: ("  An English gist.  ", True))
    monitor.edit_summary_note()
    row = items_by_ids(ctx.db, [item_id])[item_id]
    assert (row["summary"], row["summary_note"]) == (True, "An English gist.")
    assert "An English gist." in monitor.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_a_closed_dialog_ignores_a_late_answer(ctx, qtbot, filled) -> None:  # noqa: ANN001
    dialog = dialog_for(ctx, qtbot)
    answers = []
    dialog.data.run = lambda job, done, failed, moved: answers.append((job, done))
    dialog.refresh_preview()
    dialog.close()
    job, done = answers[-1]
    done(object())  # would fail on a real preview: it must not even be looked at
    assert dialog.pages.text() == ""
