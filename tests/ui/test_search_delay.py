"""A search box filters once the officer pauses typing, not on every key."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ui.widgets.search_delay import search_after_pause


def test_one_reload_after_a_burst_of_typing(qtbot) -> None:  # noqa: ANN001
    box = QLineEdit()
    qtbot.addWidget(box)
    reloads: list[str] = []
    timer = search_after_pause(box, lambda: reloads.append(box.text()))
    qtbot.keyClicks(box, "visa")
    assert reloads == [] and timer.isActive()
    qtbot.waitUntil(lambda: reloads == ["visa"])
    assert not timer.isActive()
