"""The main window: the Monitor view, and an empty state that offers the starter sources.

Calendar, Listen and Dashboard join the navigation as their views land (desktop-app issue).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.monitor import MonitorData, MonitorView


class MainWindow(QMainWindow):
    starter_sources_requested = Signal()
    refresh_requested = Signal()
    cancel_requested = Signal()
    closing = Signal()  # desktop stops background work before the window goes

    def __init__(self, database_label: str, data: MonitorData) -> None:
        super().__init__()
        self.setWindowTitle("Attaché")
        self.resize(1200, 760)
        self.monitor = MonitorView(data)
        self.sources = self.monitor.sources  # the source list (tests, shortcuts)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        # Offered while there are no sources, never required.
        self.starter_button = QPushButton("Add the starter sources (State Dept, UN News, RFE/RL…)")
        self.starter_button.setObjectName("starter")
        self.starter_button.clicked.connect(self.starter_sources_requested)
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch()
        column.addWidget(self.summary)
        column.addWidget(self.starter_button, alignment=Qt.AlignmentFlag.AlignCenter)
        column.addStretch()

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(self.monitor)
        self.setCentralWidget(self.pages)
        self.database_label = database_label
        self.statusBar().showMessage(f"Database: {database_label}")
        self.monitor.status.connect(
            lambda text: self.statusBar().showMessage(f"{text} — {self.database_label}"))

        # Background work in the status bar: what runs, how far it is, and a way to stop it.
        self.task_label = QLabel()
        self.task_bar = QProgressBar()
        self.task_bar.setMaximumWidth(180)
        self.task_cancel = QToolButton()
        self.task_cancel.setText("Cancel")
        self.task_cancel.clicked.connect(self.cancel_requested)
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self.refresh_action = QAction("Refresh", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)  # F5
        self.refresh_action.triggered.connect(self.refresh_requested)
        self.addAction(self.refresh_action)
        self.menuBar().addMenu("&File").addAction(self.refresh_action)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.closing.emit()
        super().closeEvent(event)

    def show_task(self, text: str, done: int = 0, total: int = 0) -> None:
        """A running job: 'Refreshing 37/212 — 3 errors', with its progress bar."""
        self.task_label.setText(text)
        self.task_bar.setRange(0, max(total, 0))  # 0..0: busy indicator until totals arrive
        self.task_bar.setValue(done)
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            widget.show()
        self.refresh_action.setEnabled(False)

    def hide_task(self, message: str = "") -> None:
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            widget.hide()
        self.refresh_action.setEnabled(True)
        if message:
            self.statusBar().showMessage(message)

    def show_sources(self, rows: Sequence[dict] | None = None) -> None:
        """Refresh the source list (rows as from core.feeds.sources.list_sources)."""
        self.monitor.refresh_sources()
        count = self.sources.count() - 1  # without "All items"
        self.starter_button.setVisible(count == 0)
        if count:
            self.pages.setCurrentWidget(self.monitor)
        else:
            self.summary.setText("No sources yet.\n"
                                 "Add one with: attache sources add URL\n"
                                 "or start with a curated set of public feeds:")
            self.pages.setCurrentIndex(0)
