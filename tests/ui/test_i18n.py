"""Interface translation: Russian for the shell and the settings dialogs, English plurals,
and a silent fall-back to English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from core.storage.database import Database
from desktop import settings_dialog as wiring
from desktop.context import AppContext
from desktop.i18n import available_languages, install_translator, remove_translators
from desktop.page_monitor import monitor_data
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def translators(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """Whatever a test installs is removed again: other tests expect English."""
    installed: list[QTranslator] = []
    yield installed
    remove_translators(qapp, installed)


def test_russian_translates_the_main_window(qapp: QApplication, translators: list,
                                            db: Database, qtbot) -> None:  # noqa: ANN001
    translators += install_translator(qapp, "ru")
    assert translators
    window = MainWindow(db.describe(), monitor_data(db))
    qtbot.addWidget(window)
    assert window.menus["file"].title() == "&Файл"
    assert window.menus["tools"].title() == "&Сервис"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"  # Qt's own


def test_russian_settings_dialog(qapp: QApplication, translators: list, ctx: AppContext,
                                 qtbot) -> None:  # noqa: ANN001
    translators += install_translator(qapp, "ru_RU")  # a country variant finds "ru"
    dialog = SettingsDialog(wiring.settings_data(ctx), ctx.window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Настройки"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())][:3] == [
        "Общие", "Сеть", "База данных"]


def test_english_plural_forms(qapp: QApplication, translators: list, ctx: AppContext,
                              tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    opml = tmp_path / "one.opml"
    opml.write_text('<opml version="2.0"><body><outline text="MFA" '
                    'xmlUrl="https://mfa.example/rss.xml"/></body></opml>', encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text(f'[defaults]\ndefault_sources = "{opml.name}"\n', encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))
    translators += install_translator(qapp, "en")
    dialog = wiring.maybe_first_run(ctx)
    assert dialog.starter.text() == ("Add the starter source chosen by your IT department: "
                                     "1 feed")
    dialog.done(0)


@pytest.mark.parametrize("language", ["xx", "de"])
def test_unknown_languages_fall_back_to_english(qapp: QApplication, translators: list,
                                                language: str, db: Database,
                                                qtbot) -> None:  # noqa: ANN001
    translators += install_translator(qapp, language)
    window = MainWindow(db.describe(), monitor_data(db))
    qtbot.addWidget(window)
    assert window.menus["file"].title() == "&File"


def test_shipped_languages() -> None:
    assert {"en", "ru"} <= set(available_languages())
