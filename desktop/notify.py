"""Desktop notifications: a tray balloon when the system has a tray, the status bar otherwise.

Officers leave the app in the background all day; a new item about the embassy or a
watch-term hit is the reason to look. The user switches this off with the
``notifications`` setting (Settings → General).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QSystemTrayIcon

from ui.widgets.counts import counts

if TYPE_CHECKING:
    from core.feeds.refresh import RefreshResult
    from ui.main_window import MainWindow

MESSAGE_MS = 8000
translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…") calls


def refresh_news(results: Sequence[RefreshResult]) -> str | None:
    """What a background refresh found that is worth interrupting someone for, or None."""
    new_items = sum(r.new_items for r in results)
    new_replies = sum(r.new_replies for r in results)
    hits = sum(r.watch_hits for r in results)
    sources = sum(1 for r in results if r.new_items or r.new_replies)
    parts = []
    if new_items:
        parts.append(translate("notify", "{0} from {1}").format(
            counts().new_items(new_items), counts().sources(sources)))
    if new_replies:
        parts.append(counts().new_replies(new_replies))
    if hits:
        parts.append(counts().watch_hits(hits))
    return "; ".join(parts) or None


class Notifier(QObject):
    """Shows notifications; ``sent`` keeps what was shown (the status bar fallback and tests)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sent: list[tuple[str, str]] = []
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.setToolTip(self.tr("Attaché"))
            self.tray.activated.connect(lambda _reason: self._raise_window())
            self.tray.messageClicked.connect(self._raise_window)
            self.tray.show()

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def notify(self, title: str, text: str, *, enabled: bool = True) -> bool:
        """Show it (True) unless the user switched notifications off."""
        if not enabled:
            return False
        self.sent.append((title, text))
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information,
                                  MESSAGE_MS)
        else:
            self.window.statusBar().showMessage(f"{title}: {text}", MESSAGE_MS)
        return True
