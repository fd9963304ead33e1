"""The app's way back from a damaged database: offered at start-up, done only with consent.

When the database cannot be opened because it is damaged, the officer is asked — with the date
of the newest automatic backup SQLite finds whole — whether to move the damaged file aside and
restore that backup (what ``attache db restore`` does; Firefox and Thunderbird offer the same).
Nothing happens without a yes, and the damaged file is kept. Once the window shows, the daily
automatic backup is written in the background (core.storage.recover).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.errors import KnownError
from core.storage.database import Database
from core.storage.errors import DatabaseDamagedError
from core.storage.recover import daily_backup, newest_usable_backup, restore_newest_backup

if TYPE_CHECKING:
    from desktop.context import AppContext

translate = QCoreApplication.translate
log = logging.getLogger("attache.desktop")

Ask = Callable[[str, str], bool]  # (title, text) -> the officer agreed


def offer_restore(db_url: str, error: KnownError, ask: Ask) -> bool:
    """Ask to restore the newest usable backup when ``error`` says the database is damaged;
    True when it was restored (open the database again), False when not offered or declined."""
    if not isinstance(error, DatabaseDamagedError):
        return False
    database = Database(db_url)
    path = database.sqlite_path
    database.dispose()
    backup = newest_usable_backup(path) if path is not None else None
    if path is None or backup is None:
        return False
    when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    text = translate(
        "recovery",
        "{0}\n\nAttaché keeps automatic backups. Restore the newest one, from {1}?\n\nChanges "
        "made after it will be missing. The damaged file is not deleted: it is kept beside "
        "the database as {2}.damaged-….").format(str(error), when, path.stem)
    if not ask(translate("recovery", "Attaché's database is damaged"), text):
        log.info("the officer declined restoring %s from %s", path, backup)
        return False
    restore_newest_backup(path)
    return True


def ask_with_dialog(title: str, text: str) -> bool:
    """The real question: a warning box with "Restore backup" and "Quit"."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    restore = box.addButton(translate("recovery", "Restore backup"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("recovery", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def start_daily_backup(ctx: AppContext) -> None:
    """Write today's automatic backup in the background, if it is due (SQLite only)."""
    ctx.runner.run(lambda _progress: daily_backup(ctx.db), on_done=None, kind="read",
                   name="automatic backup")
