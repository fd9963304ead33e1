"""What the Settings tabs are made of: a setting on screen (its editor, a grey hint and the
problem shown under it) and the few editors several tabs use.

A tab lists its settings in ``fields``; the dialog reads and sets every one through its
``get``/``set``, locks the ones IT locked, and shows core's problems under them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.plain import plain_tooltip


def sentence(text: str) -> str:
    """Core's messages start in lower case (they follow "attache: " on the command line);
    shown on their own in a dialog they start with a capital."""
    return text[:1].upper() + text[1:] if text else text


class ErrorLabel(QLabel):
    """A field's problem, shown in red under it until the value changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(sentence(text))
        self.setVisible(bool(text))


@dataclass
class Field:
    """One setting on screen: how to read and show it, and where its problems go."""

    key: str
    widget: QWidget  # enabled/disabled as a whole (locked keys)
    get: Callable[[], Any]
    set: Callable[[Any], None]
    error: ErrorLabel
    tab: int = -1  # its tab's index in the dialog, once the dialog has placed it

    def lock(self, message: str) -> None:
        """Read-only, with IT's message ("proxy is set by your IT department…") under it."""
        self.widget.setEnabled(False)
        self.widget.setToolTip(plain_tooltip(message))
        for child in self.widget.findChildren(QWidget):
            child.setToolTip(plain_tooltip(message))
        self.error.setStyleSheet("color: palette(placeholder-text);")
        self.error.show_error(message)


class SettingsTab(QWidget):
    """A tab of settings: its fields by key, laid out top to bottom in ``column``."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.fields: dict[str, Field] = {}
        self.column = QVBoxLayout(self)

    def add(self, form: QFormLayout, key: str, label: str, widget: QWidget,
            get: Callable[[], Any], set_: Callable[[Any], None],
            hint: str | None = None) -> Field:
        """A row: the editor, an optional grey hint and the (hidden) problem under it."""
        error = ErrorLabel()
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(widget)
        if hint:
            stack.addWidget(hint_label(hint))
        stack.addWidget(error)
        if label:
            form.addRow(label, cell)
        else:
            form.addRow(cell)
        spec = Field(key, widget, get, set_, error)
        self.fields[key] = spec
        return spec

    def check_box(self, form: QFormLayout, key: str, text: str,
                  hint: str | None = None) -> QCheckBox:
        box = QCheckBox(text)
        self.add(form, key, "", box, box.isChecked, lambda v: box.setChecked(bool(v)), hint)
        return box

    def problems(self, changes: dict[str, Any]) -> dict[str, str]:
        """Problems only this tab can see (two fields that disagree…), by key."""
        return {}


def number_box(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setMinimumWidth(120)
    box.setMaximumWidth(200)  # a number, not a text: no need to span the dialog
    return box


def decimal_box(low: float, high: float, suffix: str, decimals: int = 1,
                step: float = 1.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setMinimumWidth(120)
    box.setMaximumWidth(200)  # a number, not a text: no need to span the dialog
    return box


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
