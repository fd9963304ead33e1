"""The Help menu: what the app is and where it keeps things, its keys, and a way to ask for
help that gives IT what it needs.

About names the version, the data folder and the database (a team database is shown without
its password) and shows the licences and credits of what ships with the app
(``resources/NOTICE.md``). *Report a problem* copies the version, the platform and the last
lines of the log to the clipboard, to paste into a mail to IT; the log never holds secrets.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import core
from core import paths

if TYPE_CHECKING:
    from desktop.context import AppContext

translate = QCoreApplication.translate
REPORT_LINES = 60  # the tail of the log a problem report carries

# Keys handled inside pages (not menu actions), for the shortcuts list.
PAGE_KEYS = (
    ("J / K", "HelpMenu", "Next / previous item or reply (Monitor, Listen)"),
    ("M", "HelpMenu", "Mark the item read or unread (Monitor)"),
    ("S", "HelpMenu", "Star or unstar the item (Monitor)"),
    ("1 / 2 / 3", "HelpMenu", "Label the selected replies positive / neutral / negative (Listen)"),
    ("0", "HelpMenu", "Give the selected replies back to the analyzer (Listen)"),
    ("Esc", "HelpMenu", "Clear the search box"),
    ("Ctrl+S", "HelpMenu", "Save the post and keep editing (post editor)"),
    ("Ctrl+Enter", "HelpMenu", "Send the answer (Listen, in the Answer box)"),
    ("Del", "HelpMenu", "Remove the selected source (Sources)"),
)
# lupdate sees these through the calls below; listed here so it finds the texts.
_ = (translate("HelpMenu", "Next / previous item or reply (Monitor, Listen)"),
     translate("HelpMenu", "Mark the item read or unread (Monitor)"),
     translate("HelpMenu", "Star or unstar the item (Monitor)"),
     translate("HelpMenu",
               "Label the selected replies positive / neutral / negative (Listen)"),
     translate("HelpMenu", "Give the selected replies back to the analyzer (Listen)"),
     translate("HelpMenu", "Clear the search box"),
     translate("HelpMenu", "Save the post and keep editing (post editor)"),
     translate("HelpMenu", "Send the answer (Listen, in the Answer box)"),
     translate("HelpMenu", "Remove the selected source (Sources)"))


def notice_text() -> str:
    from resources import RESOURCES

    try:
        return (RESOURCES / "NOTICE.md").read_text(encoding="utf-8")
    except OSError:
        return ""


def log_tail(path: Path, lines: int = REPORT_LINES) -> list[str]:
    """The last ``lines`` lines of the log (none if it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()[-lines:]
    except OSError:
        return []


def problem_report(database: str, log_path: Path) -> str:
    """What IT needs first: version, platform, database kind, the end of the log."""
    head = [f"Attaché {core.__version__}",
            f"Python {platform.python_version()} · Qt {qVersion()} · {platform.platform()}",
            f"Database: {database}", f"Log: {log_path}", ""]
    return "\n".join(head + log_tail(log_path))


def about_dialog(ctx: AppContext) -> QDialog:
    dialog = QDialog(ctx.window)
    dialog.setObjectName("about-dialog")
    dialog.setWindowTitle(translate("HelpMenu", "About Attaché"))
    facts = QLabel(translate(
        "HelpMenu", "<h3>Attaché {0}</h3><p>Monitor, plan and listen: a workbench for embassy "
                    "press officers.</p><p>Data folder: {1}<br>Database: {2}</p>").format(
        core.__version__, _escaped(paths.data_dir()), _escaped(ctx.window.database_label)))
    facts.setObjectName("about-facts")
    facts.setWordWrap(True)
    facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    credits = QTextBrowser()
    credits.setObjectName("credits")
    credits.setOpenLinks(False)
    credits.setMarkdown(notice_text())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(facts)
    layout.addWidget(credits, 1)
    layout.addWidget(buttons)
    dialog.resize(680, 560)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setObjectName("close")
    close.setFocus()
    return dialog


def shortcuts_dialog(ctx: AppContext) -> QDialog:
    """Every menu shortcut of the window and the keys pages handle themselves."""
    window = ctx.window
    window.build_pages()  # their menu entries (Ctrl+N…) join when they are built
    rows: list[tuple[str, str]] = []
    for action in window.actions():
        if isinstance(action, QAction) and not action.shortcut().isEmpty():
            rows.append((action.shortcut().toString(
                action.shortcut().SequenceFormat.NativeText), action.text().replace("&", "")))
    rows += [(keys, translate(context, text)) for keys, context, text in PAGE_KEYS]
    dialog = QDialog(window)
    dialog.setObjectName("shortcuts-dialog")
    dialog.setWindowTitle(translate("HelpMenu", "Keyboard Shortcuts"))
    table = QTableWidget(len(rows), 2)
    table.setObjectName("shortcuts")
    table.setHorizontalHeaderLabels([translate("HelpMenu", "Keys"),
                                     translate("HelpMenu", "What they do")])
    for row, (keys, text) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(text))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(560, 520)
    table.setFocus()
    return dialog


def _escaped(value: object) -> str:
    import html

    return html.escape(str(value))


def install(ctx: AppContext, log_path: Callable[[], Path] | None = None) -> None:
    """Fill the Help menu."""
    from desktop.links import open_folder
    from desktop.logs import LOG_FILE

    window = ctx.window
    logs = log_path or (lambda: paths.log_dir() / LOG_FILE)

    def show(build: Callable[[AppContext], QWidget]) -> None:
        dialog = build(ctx)
        dialog.show()

    def report() -> None:
        QGuiApplication.clipboard().setText(problem_report(window.database_label, logs()))
        window.statusBar().showMessage(translate(
            "HelpMenu", "Copied the version and the end of the log: paste them into a "
                        "message to IT"), 10000)

    window.about_action = window.add_action(
        "help", translate("HelpMenu", "&About Attaché"), None, lambda: show(about_dialog))
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.shortcuts_action = window.add_action(
        "help", translate("HelpMenu", "&Keyboard Shortcuts"), None,
        lambda: show(shortcuts_dialog))
    window.menus["help"].addSeparator()
    window.add_action("help", translate("HelpMenu", "Open &Log Folder"), None,
                      lambda: open_folder(logs().parent))
    window.add_action("help", translate("HelpMenu", "Open &Data Folder"), None,
                      lambda: open_folder(paths.data_dir()))
    window.report_action = window.add_action(
        "help", translate("HelpMenu", "&Report a Problem…"), None, report)


def screenshot_extras(ctx: AppContext) -> dict[str, QWidget]:
    return {"about": about_dialog(ctx), "shortcuts": shortcuts_dialog(ctx)}
