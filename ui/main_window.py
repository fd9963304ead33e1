"""The main window. A minimal one for now: the source list with health and item counts.

The Monitor, Calendar, Listen and Dashboard views arrive with the desktop-app issue.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

STATUS_MARK = {"ok": "●", "error": "▲", "gone": "✕", "new": "○"}


class MainWindow(QMainWindow):
    starter_sources_requested = Signal()

    def __init__(self, database_label: str) -> None:
        super().__init__()
        self.setWindowTitle("Attaché")
        self.resize(960, 600)
        self.sources = QListWidget()
        self.sources.setObjectName("sources")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        # Offered while there are no sources, never required.
        self.starter_button = QPushButton("Add the starter sources (State Dept, UN News, RFE/RL…)")
        self.starter_button.setObjectName("starter")
        self.starter_button.clicked.connect(self.starter_sources_requested)
        side = QWidget()
        column = QVBoxLayout(side)
        column.addStretch()
        column.addWidget(self.summary)
        column.addWidget(self.starter_button, alignment=Qt.AlignmentFlag.AlignCenter)
        column.addStretch()
        splitter = QSplitter()
        splitter.addWidget(self.sources)
        splitter.addWidget(side)
        splitter.setSizes([320, 640])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(f"Database: {database_label}")

    def show_sources(self, rows: Sequence[dict]) -> None:
        """Rows as returned by core.feeds.sources.list_sources."""
        self.sources.clear()
        total = 0
        for row in rows:
            total += row["item_count"]
            mark = STATUS_MARK.get(row["status"], "?")
            entry = QListWidgetItem(f"{mark} {row['title'] or row['url']}  ({row['item_count']})")
            entry.setToolTip(row["error"] or row["url"])
            entry.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.sources.addItem(entry)
        self.starter_button.setVisible(not rows)
        if rows:
            self.summary.setText(f"{len(rows)} sources, {total} items.\n"
                                 "Refresh from the command line: attache refresh")
        else:
            self.summary.setText("No sources yet.\n"
                                 "Add one with: attache sources add URL\n"
                                 "or start with a curated set of public feeds:")
