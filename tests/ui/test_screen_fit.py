"""Everything fits a 1366×768 laptop: the main window, every page and every dialog open no
larger than the available screen, long forms scroll inside with their buttons in view, and
``attache screenshots --screen`` writes no picture larger than the screen it was given."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from core.demo import demo_database
from core.errors import KnownError
from core.storage.database import Database
from desktop.app import create_main_window
from desktop.i18n import install_translator
from desktop.screenshots import all_dialogs, screen_size
from ui.main_window import MainWindow
from ui.widgets.screen_fit import ScreenFit, available_geometry, room_for, set_screen_override

LAPTOP = QSize(1366, 728)  # 1366×768 less a 40-pixel taskbar


@pytest.fixture
def laptop(qapp: QApplication) -> Iterator[QSize]:
    fit = ScreenFit(qapp)
    qapp.installEventFilter(fit)
    set_screen_override(LAPTOP)
    yield LAPTOP
    set_screen_override(None)
    qapp.removeEventFilter(fit)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    db = Database(demo_database(tmp_path / "demo"))
    yield db
    db.dispose()


def dialogs(window: MainWindow) -> dict[str, QWidget]:
    """Every dialog the screenshots command opens (the same list, so a new one is covered)."""
    return all_dialogs(window)


def inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_every_window_and_dialog_fits_a_1366x768_screen(laptop: QSize, demo: Database,
                                                        qtbot) -> None:  # noqa: ANN001
    window = create_main_window(demo)
    qtbot.addWidget(window)
    window.show()
    room = room_for(window)
    assert window.width() <= room.width() and window.height() <= room.height()
    found = dialogs(window)
    assert {"post-editor", "settings", "add-source", "first-run"} <= set(found)
    for name, dialog in found.items():
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert dialog.width() <= room.width(), name
        assert dialog.height() <= room.height(), name
        assert available_geometry(dialog).contains(dialog.frameGeometry()), name
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog) and button.text() in ("&Save", "Save",
                                                                 "Save and Close", "Close",
                                                                 "Cancel"):
                assert inside(button, dialog), (name, button.text())
        dialog.close()
    window.close()


def test_in_russian_no_form_is_cut_off_on_the_right(laptop: QSize, demo: Database, qtbot,  # noqa: ANN001
                                                     translators: list) -> None:
    """Forms scroll up and down only: a row wider than the dialog (Russian words are longer)
    would be cut off, so the dialog is at least as wide as its widest row."""
    translators += install_translator(QApplication.instance(), "ru")
    window = create_main_window(demo)
    qtbot.addWidget(window)
    for name, dialog in dialogs(window).items():
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        for area in dialog.findChildren(QScrollArea):
            if (area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                    or area.widget() is None or not area.isVisible()):
                continue
            needed = area.widget().minimumSizeHint().width()
            assert needed <= area.viewport().width(), (name, needed, area.viewport().width())
        for button in dialog.findChildren(QAbstractButton):
            if not button.isVisibleTo(dialog) or not button.text():
                continue
            # Its words whole (Russian ones are longer), and in reach: a button outside the
            # scrolling fields (Save, OK, Cancel…) lies inside the dialog.
            assert button.width() >= button.minimumSizeHint().width(), (name, button.text())
            if not any(area.isAncestorOf(button) for area in dialog.findChildren(QScrollArea)):
                assert inside(button, dialog), (name, button.text())
        dialog.close()
    window.close()


def test_the_publishing_views_are_screenshotted_and_in_russian(laptop: QSize, demo: Database,
                                                              qtbot, translators: list) -> None:  # noqa: ANN001
    """What publishing added — Settings → Publishing and → Reports, the editor's per-channel
    panel with a send to check — is among the screenshots (so the two tests above cover it),
    speaks Russian, and its buttons are reached with the keyboard."""
    from ui.publish_panel import PublishPanel
    from ui.settings_dialog import SettingsDialog

    translators += install_translator(QApplication.instance(), "ru")
    window = create_main_window(demo)
    qtbot.addWidget(window)
    found = dialogs(window)
    assert {"settings-publishing", "settings-reports", "post-editor-publishing",
            "reports"} <= set(found)
    for name in ("settings-publishing", "settings-reports"):
        settings = found[name]
        assert isinstance(settings, SettingsDialog)
        assert settings.tabs.tabText(settings.tabs.currentIndex()) in ("Публикация", "Отчёты")
    editor = found["post-editor-publishing"]
    qtbot.addWidget(editor)
    editor.show()
    panel = editor.findChild(PublishPanel)
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.rows))
    first = panel.findChild(QWidget, "send-0")
    assert panel.rows[0]["state"] == "unconfirmed"  # what waits for the officer comes first
    assert "проверить" in first.text() and "attache publish confirm" not in first.text()
    for key in ("send-there-0", "send-missing-0"):
        button = panel.findChild(QAbstractButton, key)
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert not button.text().isascii()  # «Она там…», «Её там нет»
    for widget in found.values():
        widget.close()
    window.close()


def test_long_forms_scroll_with_save_in_view(laptop: QSize, demo: Database, qtbot) -> None:  # noqa: ANN001
    window = create_main_window(demo)
    qtbot.addWidget(window)
    set_screen_override(QSize(1024, 560))  # a netbook: even the squeezed form is too tall
    found = dialogs(window)
    editor = found["post-editor"]
    qtbot.addWidget(editor)
    editor.show()
    # The 860-pixel form no longer fits: the fields scroll, the buttons do not.
    assert editor.height() <= 520
    assert editor.fields_area.verticalScrollBar().maximum() > 0
    assert inside(editor.save_close, editor) and editor.save_close.isVisible()
    assert not editor.fields_area.isAncestorOf(editor.save_close)


def test_first_run_size_fills_a_small_screen_and_not_a_big_one(qapp: QApplication,
                                                               db: Database, qtbot) -> None:  # noqa: ANN001
    from desktop.page_monitor import monitor_data
    from ui.main_window import first_run_size

    try:
        set_screen_override(QSize(1366, 728))
        assert first_run_size() == QSize(1280, 688)
        set_screen_override(QSize(1920, 1040))
        size = first_run_size()
        assert 1280 < size.width() <= 1904 and 800 < size.height() <= 1000
        window = MainWindow(db.describe(), monitor_data(db))
        qtbot.addWidget(window)
        assert window.size() == size
    finally:
        set_screen_override(None)


def test_screenshots_at_a_screen_size_are_no_larger(tmp_path: Path, db_url: str) -> None:
    from desktop.cli import run

    folder = tmp_path / "shots"
    assert run(["screenshots", str(folder), "--screen", "1366x768", "--db", db_url]) == 0
    pictures = sorted(folder.glob("*.png"))
    assert len(pictures) >= 6
    for picture in pictures:
        width, height = struct.unpack(">II", picture.read_bytes()[16:24])
        assert width <= 1366 and height <= 768, picture.name


@pytest.mark.parametrize("text", ["1366", "axb", "100x100", ""])
def test_screen_size_refuses_what_is_not_a_size(text: str) -> None:
    with pytest.raises(KnownError, match="--screen"):
        screen_size(text)
    assert screen_size("1920×1080") == (1920, 1080)


def test_in_russian_the_calendar_week_keeps_its_title_and_labels_whole(
        laptop: QSize, demo: Database, qtbot, translators: list) -> None:  # noqa: ANN001
    """At 1366×768 in Russian the week's title lost its year ("6 дек. 202") and the all-day
    strip its first letter ("есь день"): the counts now wrap and the gutter fits its label."""
    translators += install_translator(QApplication.instance(), "ru")
    window = create_main_window(demo)
    qtbot.addWidget(window)
    window.show()
    window.show_page("calendar")
    view = window.page("calendar")
    view.set_mode("week")
    QApplication.processEvents()
    assert view.title.width() >= view.title.minimumSizeHint().width()
    strip = view.week.all_day
    assert strip.gutter() - 4 >= strip.fontMetrics().horizontalAdvance("весь день")
    assert view.week.hours.gutter() == strip.gutter()  # the columns line up
    window.close()
