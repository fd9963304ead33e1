"""Help: About (version, data folder, database, licences of what ships), the shortcuts list,
the log and data folders, and a problem report on the clipboard."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel

from core import __version__, paths
from desktop.context import AppContext
from desktop.help import about_dialog, install, problem_report, shortcuts_dialog


class FolderCatcher(QObject):
    """Stands in for the file manager: records the folders Attaché asks to show."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_help_menu_entries(ctx: AppContext) -> None:
    install(ctx)
    texts = [a.text() for a in ctx.window.menus["help"].actions() if a.text()]
    assert texts == ["&About Attaché", "&Keyboard Shortcuts", "Open &Log Folder",
                     "Open &Data Folder", "&Report a Problem…"]


def test_about_names_version_folders_database_and_credits(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    dialog = about_dialog(ctx)
    qtbot.addWidget(dialog)
    facts = dialog.findChild(QLabel, "about-facts").text()
    assert __version__ in facts and str(paths.data_dir()) in facts
    assert ctx.window.database_label in facts
    credits = dialog.findChild(QObject, "credits").toPlainText()
    assert "Noto Emoji" in credits and "SIL Open Font License" in credits


def test_shortcuts_list_names_menu_and_page_keys(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    dialog = shortcuts_dialog(ctx)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QObject, "shortcuts")
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["F5"] == "Refresh sources" and rows["Ctrl+F"] == "Find…"
    assert "J / K" in rows and "1 / 2 / 3" in rows


def test_folders_open_in_the_file_manager(ctx: AppContext) -> None:
    install(ctx, log_path=lambda: paths.log_dir() / "attache.log")
    catcher = FolderCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        actions = {a.text(): a for a in ctx.window.menus["help"].actions()}
        actions["Open &Log Folder"].trigger()
        actions["Open &Data Folder"].trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.opened == [str(paths.log_dir()), str(paths.data_dir())]


def test_report_copies_version_and_the_end_of_the_log(ctx: AppContext) -> None:
    log = paths.log_dir() / "attache.log"
    log.write_text("".join(f"line {n}\n" for n in range(200)), encoding="utf-8")
    install(ctx, log_path=lambda: log)
    next(a for a in ctx.window.menus["help"].actions()
         if a.text() == "&Report a Problem…").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Attaché {__version__}")
    assert "line 199" in copied and "line 140" in copied and "line 139\n" not in copied
    assert "Copied" in ctx.window.statusBar().currentMessage()
    assert problem_report("x", log.parent / "missing.log").endswith("missing.log\n")
