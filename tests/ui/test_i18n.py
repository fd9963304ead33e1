"""Interface translation: Russian for the shell and the settings dialogs, English plurals,
and a silent fall-back to English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from core.storage.database import Database
from desktop import settings_dialog as wiring
from desktop.context import AppContext
from desktop.i18n import available_languages, install_translator, remove_translators
from desktop.page_monitor import monitor_data
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog


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


def _texts(widget, kind: type) -> set[str]:  # noqa: ANN001
    """Every visible-ish text of ``kind`` children: button labels, placeholders, check boxes."""
    found = set()
    for child in widget.findChildren(kind):
        for getter in ("text", "placeholderText"):
            value = getattr(child, getter, None)
            if value and value():
                found.add(value())
    return found


def test_russian_translates_every_page(qapp: QApplication, translators: list, db: Database,
                                       qtbot) -> None:  # noqa: ANN001
    """Navigation titles and one known string per page module come out in Russian."""
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit, QPushButton

    from desktop.app import create_main_window

    translators += install_translator(qapp, "ru")
    window = create_main_window(db, build_pages=False)
    qtbot.addWidget(window)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Мониторинг", "Календарь", "Отклики", "Сводка", "Источники"]
    expected = {  # page → (widget kind, a Russian text it must show, the English source)
        "monitor": (QCheckBox, "Непрочитанные", "Unread"),
        "calendar": (QAbstractButton, "Се&годня", "T&oday"),
        "listen": (QLineEdit, "Поиск по ответам и авторам", "Search replies and authors"),
        "dashboard": (QPushButton, "Обновить", "Refresh"),
        "sources": (QPushButton, "&Добавить источник…", "&Add source…"),
    }
    for key, (kind, russian, english) in expected.items():
        page = window.monitor if key == "monitor" else window.page(key)
        texts = _texts(page, kind)
        assert russian in texts, (key, sorted(texts))
        assert english not in texts, key
    file_menu = [a.text() for a in window.menus["file"].actions() if a.text()]
    assert "&Новая публикация…" in file_menu and "&New post…" not in file_menu


def test_russian_messages_keep_placeholders_and_one_accelerator() -> None:
    """A translation that drops {0}, %n or HTML, or gains a second &, breaks the UI."""
    import re
    import xml.etree.ElementTree as ET

    from desktop.i18n import translations_dir

    root = ET.parse(translations_dir() / "attache_ru.ts").getroot()
    finished = 0
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        source = message.findtext("source")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [
            translation.text or ""]
        for text in forms:
            assert text.strip(), source
            assert sorted(re.findall(r"\{\d\}", text)) == sorted(
                re.findall(r"\{\d\}", source)), (source, text)
            assert ("%n" in text) == ("%n" in source), (source, text)
            assert sorted(re.findall(r"</?\w+", text)) == sorted(
                re.findall(r"</?\w+", source)), (source, text)
            accelerators = len(re.findall(r"&(?!nbsp;|amp;)\w", text))
            assert accelerators == len(re.findall(r"&(?!nbsp;|amp;)\w", source)), (source, text)
        finished += 1
    assert finished > 500


def test_russian_reaches_helper_strings_and_dates(qapp: QApplication,
                                                  translators: list) -> None:
    """Strings built outside a widget's own tr() (table columns, labels, crash messages) are
    extracted under the context they are looked up with, and dates follow the language."""
    from PySide6.QtCore import QDate, QLocale

    from desktop.crash import plain_message
    from ui.dashboard import account_columns, agenda_columns
    from ui.models.replies_table import label_name, language_name

    translators += install_translator(qapp, "ru")
    assert [c.header for c in agenda_columns()] == ["День", "Время", "Что", "Статус"]
    assert account_columns(4)[0].header == "Аккаунт"
    assert label_name("unsupported") == "не проанализировано"
    assert label_name("positive") == "позитивно"
    assert language_name("uz") == "узбекский"
    busy = plain_message(RuntimeError("database is locked"))
    assert busy is not None and busy.startswith("База данных занята")
    assert QLocale().standaloneMonthName(11) == "ноябрь"  # the calendar: «ноябрь 2026»
    assert QLocale().toString(QDate(2026, 11, 30), "ddd") == "пн"
    remove_translators(qapp, translators)
    translators.clear()
    assert agenda_columns()[0].header == "Day"
    assert label_name("unsupported") == "not analysed"
    assert language_name("uz") == "Uzbek"
