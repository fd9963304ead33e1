"""Search boxes that filter after the officer pauses typing, not on every key.

Each keystroke restarting a query over thousands of rows makes typing stutter; waiting for a
short pause (the Monitor's and the Listen page's search boxes) keeps the box responsive and
still feels immediate. One delay for the whole app, so every search box behaves alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

SEARCH_DELAY_MS = 250


def search_after_pause(search: QLineEdit, reload: Callable[[], None]) -> QTimer:
    """Call ``reload`` once the text of ``search`` has stopped changing for a moment.

    Returns the timer (parented to the box) so the caller can ``stop()`` it when it reloads
    for another reason first, e.g. when the filters are reset.
    """
    timer = QTimer(search)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(reload)
    search.textChanged.connect(lambda _text: timer.start())
    return timer
