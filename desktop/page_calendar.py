"""The Calendar page (placeholder until its view lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.context import AppContext


def build(ctx: AppContext) -> QWidget:
    return QLabel("Calendar")
