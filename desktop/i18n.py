"""The interface language: Attaché's own translations plus Qt's, installed before any window.

Translations are ``resources/i18n/attache_<lang>.qm``, compiled from the ``.ts`` files by
``scripts/update_translations.sh``. Qt's own strings (standard buttons, file dialogs, context
menus) come from PySide6's ``qtbase_<lang>.qm`` when it is there. A language without a file
falls back silently to the English source text: a missing translation must never stop the app.
English has a small file too, for plural forms only ("1 feed", "2 feeds").
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("attache.desktop")

PREFIX = "attache"


def translations_dir() -> Path:
    from resources import RESOURCES  # a frozen bundle puts resources/ elsewhere

    return RESOURCES / "i18n"


def available_languages() -> list[str]:
    """Language codes with a compiled translation, e.g. ["en", "ru"]."""
    return sorted(p.stem.removeprefix(f"{PREFIX}_") for p in
                  translations_dir().glob(f"{PREFIX}_*.qm"))


def install_translator(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Install the translators for ``language`` ("ru", "ru_RU"…; None = the system's).

    Returns the installed translators (parented to ``app``, so they live as long as it does);
    an empty list means English source text.
    """
    locale = QLocale(language) if language else QLocale.system()
    if language and locale.language() == QLocale.Language.C:
        log.warning("unknown interface language %r; using English", language)
        return []
    installed: list[QTranslator] = []
    own = QTranslator(app)
    # QTranslator.load(locale, …) tries attache_ru_RU, then attache_ru, for each UI language.
    if own.load(locale, PREFIX, "_", str(translations_dir())):
        app.installTranslator(own)
        installed.append(own)
        if language:
            # Month and day names (the calendar's «ноябрь 2026», пн…вс) and number formats come
            # from the default QLocale: the chosen interface language, not the system's.
            QLocale.setDefault(locale)
    else:
        if locale.language() != QLocale.Language.English:
            log.info("no translation for %s; using English", locale.name())
        # English source text still needs its plural forms ("1 like", "7 likes").
        if own.load(QLocale(QLocale.Language.English), PREFIX, "_", str(translations_dir())):
            app.installTranslator(own)
            installed.append(own)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if locale.language() != QLocale.Language.English and qt_own.load(
            locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo ``install_translator`` (tests; a language switch without restart later)."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
