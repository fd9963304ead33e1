"""The only door from Attaché to the system's URL and folder openers.

Every link the window shows came from a feed, a platform or a file someone sent, so it goes
through ``core.links.openable_link`` here, whatever widget it was clicked in: http, https and
mailto open in the system's browser or mail program; ``file:``, ``smb:``, ``ms-msdt:``,
``javascript:`` and the rest are refused and logged (never run). A test checks that nothing
else in ``ui/`` or ``desktop/`` calls ``QDesktopServices.openUrl``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from core.links import openable_link

log = logging.getLogger("attache.links")


def open_external(url: QUrl | str) -> bool:
    """Open a web or mail link from untrusted content; ``False`` (and nothing run) otherwise."""
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded) if isinstance(url, QUrl) \
        else url
    safe = openable_link(text)
    if safe is None:
        scheme = text.split(":", 1)[0][:20] if isinstance(text, str) and ":" in text else "?"
        log.warning("refused to open a link with scheme %r", scheme)
        return False
    return QDesktopServices.openUrl(QUrl(safe, QUrl.ParsingMode.StrictMode))


def open_folder(path: str | Path) -> bool:
    """Show one of Attaché's own folders (data, logs) in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
