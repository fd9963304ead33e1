"""Keys and focus: one Ctrl+F that reaches the search box of the page on screen, Esc clears
it, a search that finds nothing says so; every dialog opens with the cursor where typing
belongs; no two actions share a shortcut; the status bar describes the page on screen."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from core.demo import demo_database
from core.storage.database import Database
from desktop.app import create_main_window
from desktop.screenshots import all_dialogs
from ui.main_window import MainWindow

# Where typing goes when each dialog opens (object names; the dialogs are those the
# screenshots command opens, so a new dialog must be added here).
FOCUS = {"post-editor": "title", "add-source": "address", "settings": "timezone",
         "first-run": "timezone", "import-dialog": "path", "export-dialog": "first",
         "edit-source": "source-title", "about": "close", "shortcuts": "shortcuts",
         "reports": "kind", "post-editor-publishing": "title"}


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    db = Database(demo_database(tmp_path / "demo"))
    yield db
    db.dispose()


@pytest.fixture
def window(demo: Database, qtbot) -> MainWindow:  # noqa: ANN001
    built = create_main_window(demo)
    qtbot.addWidget(built)
    built.show()
    built.activateWindow()
    qtbot.waitExposed(built)
    return built


def dialogs(window: MainWindow) -> dict[str, QWidget]:
    """Every dialog the screenshots command opens (the same list, so a new one is covered)."""
    return all_dialogs(window)


def initial_focus(dialog: QWidget) -> QWidget | None:
    """Where the cursor is when the dialog is activated: the widget it gave the focus, else
    (as Qt does) the first widget in its tab order that takes the focus."""
    if dialog.focusWidget() is not None:
        return dialog.focusWidget()
    widget = dialog.nextInFocusChain()
    while widget is not dialog:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog)
                and widget.isEnabled()):
            return widget
        widget = widget.nextInFocusChain()
    return None


def test_every_dialog_opens_with_the_focus_where_typing_belongs(window: MainWindow,
                                                                qtbot) -> None:  # noqa: ANN001
    # Dialogs only: the screenshots also show rendered report pages, which take no typing,
    # and Settings once per tab (settings-publishing…): the dialog "settings" opens as.
    found = {n: d for n, d in dialogs(window).items()
             if isinstance(d, QDialog) and not n.startswith("settings-")}
    assert set(found) == set(FOCUS)
    for name, dialog in found.items():
        qtbot.addWidget(dialog)
        dialog.show()
        focus = initial_focus(dialog)
        assert focus is not None, name
        assert FOCUS[name] in (focus.objectName(), focus.parent().objectName()), (
            name, focus.objectName())
        dialog.close()


def test_post_editor_types_into_the_title(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    editor = dialogs(window)["post-editor"]
    qtbot.addWidget(editor)
    editor.show()
    before = editor.zone.tz_combo.currentText()
    qtbot.keyClicks(initial_focus(editor), "Abc")
    assert editor.title.text().endswith("Abc")
    assert editor.zone.tz_combo.currentText() == before
    editor.discard()


def shortcut_scopes(window: MainWindow) -> dict[tuple[str, object], list[str]]:
    """Every shortcut by (keys, where it is live): window-wide, one page, one widget."""
    pages = {window.pages.widget(i): key for i, key in enumerate(window.page_keys)}

    def page_of(widget: QWidget) -> object:
        while widget is not None:
            if widget in pages:
                return pages[widget]
            widget = widget.parentWidget()
        return "window"

    found: dict[tuple[str, object], list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            if action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut,
                                            Qt.ShortcutContext.ApplicationShortcut):
                scope: object = ("window", action.parent().window())
            else:
                scope = ("widget", action.parent())
            found[(sequence.toString(), scope)].append(action.text())
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.context() == Qt.ShortcutContext.WindowShortcut:
            scope = ("window", parent.window(), page_of(parent))
        else:
            scope = ("widget", parent)
        found[(shortcut.key().toString(), scope)].append(parent.objectName())
    return found


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    window.build_pages()
    found = shortcut_scopes(window)
    assert ("Ctrl+F", ("window", window)) in found
    window_wide = {keys for (keys, scope) in found if scope[0] == "window" and
                   scope[1] is window and len(scope) == 2}
    clashes = {key: names for key, names in found.items() if len(names) > 1}
    # A page's own window-level shortcut must not take a key the window already uses.
    clashes.update({key: names for key, names in found.items()
                    if key[1][0] == "window" and len(key[1]) == 3 and key[0] in window_wide})
    assert not clashes


@pytest.mark.parametrize("page", ["monitor", "listen", "sources"])
def test_ctrl_f_focuses_the_search_of_the_page_on_screen(window: MainWindow, page: str,
                                                         qtbot) -> None:  # noqa: ANN001
    window.build_pages()
    window.show_page(page)
    window.navigation.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    assert isinstance(focus, QLineEdit) and focus.isVisible()
    assert window.current_page() == page
    shown = window.monitor if page == "monitor" else window.page(page)
    assert focus is getattr(shown, "search", None) or focus is getattr(shown, "filter", None)


@pytest.mark.parametrize("page", ["monitor", "listen", "sources"])
def test_esc_clears_and_an_empty_search_says_so(window: MainWindow, page: str,
                                                qtbot) -> None:  # noqa: ANN001
    window.build_pages()
    window.show_page(page)
    qtbot.waitUntil(lambda: not window.runner.busy)  # the page's rows are read
    shown = window.monitor if page == "monitor" else window.page(page)
    box: QLineEdit = getattr(shown, "search", None) or shown.filter
    box.setText("zzqxnothing")
    debounce = getattr(shown, "_debounce", None)
    if debounce is not None:
        debounce.timeout.emit()  # as if the officer paused typing
    notice = shown.no_match.label
    assert notice.isVisible()
    assert "match “zzqxnothing”" in notice.text() and "clear the" in notice.text()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    if debounce is not None:
        debounce.timeout.emit()
    assert not notice.isVisible()
    assert shown.table.model().rowCount() > 0


def test_the_no_match_link_clears_the_search(window: MainWindow) -> None:
    monitor = window.monitor
    monitor.search.setText("zzqxnothing")
    monitor._debounce.timeout.emit()
    monitor.no_match.label.linkActivated.emit("#clear-search")
    assert monitor.search.text() == ""


def test_status_bar_describes_the_page_on_screen(window: MainWindow) -> None:
    window.build_pages()
    window.show_page("monitor")
    window.monitor.search.setText("visa")
    window.monitor._debounce.timeout.emit()
    monitor_line = window.statusBar().currentMessage()
    assert "items" in monitor_line
    window.show_page("calendar")
    assert window.statusBar().currentMessage().startswith("Calendar")
    window.show_page("listen")
    assert "replies" in window.statusBar().currentMessage()
    window.show_page("dashboard")
    assert window.statusBar().currentMessage().startswith("Dashboard")
    # A Monitor reload while another page is shown does not take the bar over.
    window.monitor.refresh_items()
    assert window.statusBar().currentMessage().startswith("Dashboard")
    window.show_page("monitor")
    assert window.statusBar().currentMessage() == monitor_line
