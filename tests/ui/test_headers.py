"""Column titles too wide for their column end in "…" and show whole in a tooltip, on every
table and tree of the window (Qt's header would cut "Полярность" to "лярно")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QToolTip

from core.storage.database import Database
from desktop.app import create_main_window
from ui.widgets.headers import elide_titles, title_width


def _tip_at(qtbot, header: QHeaderView, section: int) -> str:  # noqa: ANN001
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides it on a short timer
    point = QPoint(header.sectionViewportPosition(section) + 2, header.height() // 2)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, header.viewport().mapToGlobal(point))
    QApplication.sendEvent(header.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_title_ends_in_an_ellipsis_and_shows_whole_on_hover(qtbot) -> None:  # noqa: ANN001
    model = QStandardItemModel(3, 2)
    model.setHorizontalHeaderLabels(["Полярность", "Дата"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    header = elide_titles(view)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    header.resizeSection(0, 40)
    header.resizeSection(1, 200)
    assert title_width(header, 0) > 40
    assert "Полярность" in _tip_at(qtbot, header, 0)
    assert _tip_at(qtbot, header, 1) == ""  # a title that fits needs no tooltip

    model.setHeaderData(0, Qt.Orientation.Horizontal, "How positive", Qt.ItemDataRole.ToolTipRole)
    assert "How positive" in _tip_at(qtbot, header, 0)  # the model's own tooltip wins


def test_every_table_and_tree_of_the_window_elides_its_titles(qtbot, db: Database) -> None:  # noqa: ANN001
    window = create_main_window(db)  # every page built
    qtbot.addWidget(window)
    headers = [h for h in window.findChildren(QHeaderView)
               if h.orientation() == Qt.Orientation.Horizontal]
    assert len(headers) >= 6  # Monitor's tree and items, Calendar, Listen, Dashboard, Sources
    assert all(h.textElideMode() == Qt.TextElideMode.ElideRight for h in headers), [
        h.parent().objectName() for h in headers
        if h.textElideMode() != Qt.TextElideMode.ElideRight]
