"""The last line of defence: any exception that escapes a slot is logged and explained.

Without a hook, PySide6 prints an exception raised in a slot to stderr — invisible in an
installed app — and carries on in an unknown state. Here every such exception goes to the
rotating log file with its traceback, and the user sees a dialog: a plain sentence for the
failures they can act on (offline, a busy, full, damaged or read-only database, a
``KnownError``), or "this is a bug" with
the log path to send to IT.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from core.errors import KnownError
from core.storage.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    failure_kind,
)

translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…") calls

log = logging.getLogger("attache.crash")

Show = Callable[[str, str, bool], None]  # (title, text, is_bug)


def plain_message(exc: BaseException) -> str | None:
    """A sentence the user can act on, or None when the exception is a bug."""
    if isinstance(exc, KnownError):
        return str(exc)
    text = str(exc).lower()
    try:
        import requests

        if isinstance(exc, requests.exceptions.ProxyError):
            return translate("crash", "The proxy refused the connection. Check the proxy "
                                      "in Settings → Network, or ask IT.")
        if isinstance(exc, requests.exceptions.SSLError):
            return translate("crash", "A secure connection could not be verified. If your "
                                      "office inspects TLS, IT must give Attaché its CA "
                                      "bundle (Settings → Network).")
        if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.Timeout):
            return translate("crash", "The network cannot be reached: you may be offline or "
                                      "behind a proxy. Attaché keeps working with what it has "
                                      "stored.")
    except ImportError:  # pragma: no cover - requests is a dependency
        pass
    kind = failure_kind(exc)  # a driver error that reached us untranslated
    if kind is DatabaseBusyError or "database is busy" in text:
        return translate("crash", "The database is busy: another Attaché or a backup is "
                                  "using it. Try again in a moment.")
    if kind is DatabaseFullError:
        return translate("crash", "The disk holding your database is full. Free some space "
                                  "on it, then try again; nothing was half-written.")
    if kind is DatabaseDamagedError:
        return translate("crash", "The database is damaged. Close Attaché and run "
                                  "'attache db restore' to put the newest automatic backup "
                                  "in its place (the damaged file is kept).")
    if kind is DatabaseReadOnlyError:
        return translate("crash", "The database is read-only: Attaché can show what is "
                                  "stored but cannot change it. Ask IT for write access.")
    if isinstance(exc, OSError) and exc.filename:
        return translate("crash", "Attaché cannot use the file {0}: {1}").format(
            exc.filename, exc.strerror or exc)
    return None


class ExceptionHook(QObject):
    """Installs itself as ``sys.excepthook`` and ``threading.excepthook``.

    Exceptions from other threads are marshalled to the GUI thread by a queued signal: a
    dialog may only be shown there.
    """

    _caught = Signal(str, str, bool)

    def __init__(self, log_path: Path | None, show: Show) -> None:
        super().__init__()
        self.log_path = log_path
        self._show = show
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self._caught.connect(self._present, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ExceptionHook:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value,
                                                        args.exc_traceback)
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException | None,
               tb: TracebackType | None) -> None:
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        error = exc if exc is not None else exc_type()
        message = plain_message(error)
        if message is None:
            log.error("unexpected error", exc_info=(exc_type, error, tb))
        else:
            log.warning("%s: %s", exc_type.__name__, error)
        if message is not None:
            self._caught.emit(translate("crash", "Attaché"), message, False)
            return
        where = (translate("crash", "The details are in the log file:\n{0}").format(
                     self.log_path)
                 if self.log_path else translate("crash", "The log file could not be written."))
        self._caught.emit(
            translate("crash", "Attaché ran into a bug"),
            translate("crash", "Something went wrong that Attaché did not expect ({0}: {1}).\n"
                               "Your data is safe: every change is saved as it is made.\n\n{2}\n\n"
                               "Please send that file to IT.").format(exc_type.__name__,
                                                              str(error)[:300], where),
            True)

    def _present(self, title: str, text: str, is_bug: bool) -> None:
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            self._show(title, text, is_bug)
        finally:
            self._showing = False


def message_box(parent_getter: Callable[[], object | None]) -> Show:
    """The real presenter: a QMessageBox over the main window."""
    def show(title: str, text: str, is_bug: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Critical if is_bug else QMessageBox.Icon.Warning
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok,
                          parent_getter())  # type: ignore[arg-type]
        box.exec()
    return show
