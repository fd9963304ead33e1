"""The welcome dialog on a first start: the few answers that make Attaché useful at once.

One screen, not a wizard: the time zone posts are planned in, the host countries and the
observances the calendar shows, and the starter sources (on by default) so the Monitor is not
empty. "Skip" keeps the defaults and is never asked again; everything stays changeable in
Settings. Like every ui/ widget it gets a ``FirstRunData`` of callables from ``desktop/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.settings_tabs.choices import country_boxes, pack_boxes, time_zone_combo


@dataclass
class FirstRunChoice:
    timezone: str
    countries: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    starter_sources: bool = True


@dataclass
class FirstRunData:
    """What the welcome dialog may ask of core (wired by ``desktop/settings_dialog.py``)."""

    values: Callable[[], dict[str, Any]]  # the current settings (IT's defaults included)
    locked: Callable[[], dict[str, str]]  # key -> IT's message
    check: Callable[[str, Any], str | None]  # the problem with a value, or None
    time_zones: Callable[[], Sequence[str]]
    local_zone: Callable[[], str]
    starter: Callable[[], tuple[int, bool]]  # (feeds in the starter list, is it IT's list)
    finish: Callable[[FirstRunChoice], str | None]  # save and set up; a problem or None
    skip: Callable[[], None]  # defaults; do not ask again


class FirstRunDialog(QDialog):
    def __init__(self, data: FirstRunData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first-run-dialog")
        self.setWindowTitle(self.tr("Welcome to Attaché"))
        self.data = data
        values = data.values()
        locked = data.locked()

        title = QLabel(self.tr("Welcome to Attaché"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr(
            "Attaché follows what is said about your embassy, plans posts around "
            "observances and shows how people react. Three questions to start; you can "
            "change every answer later in Tools → Settings (Ctrl+,)."))
        intro.setWordWrap(True)

        form = QFormLayout()
        self.timezone = time_zone_combo(self, data.time_zones(), None)
        self.timezone.setObjectName("timezone")
        zone = values.get("timezone") or data.local_zone()
        index = self.timezone.findData(zone)
        if index >= 0:
            self.timezone.setCurrentIndex(index)
        else:
            self.timezone.setCurrentText(zone)
        self.timezone_error = QLabel()
        self.timezone_error.setStyleSheet("color: #b00020;")
        self.timezone_error.setWordWrap(True)
        self.timezone_error.hide()
        zone_cell = QWidget()
        zone_stack = QVBoxLayout(zone_cell)
        zone_stack.setContentsMargins(0, 0, 0, 0)
        zone_stack.addWidget(self.timezone)
        zone_stack.addWidget(self.timezone_error)
        form.addRow(self.tr("Your &time zone:"), zone_cell)

        countries = QGroupBox(self.tr("Host countries (their public holidays and programme "
                                      "deadlines)"))
        country_grid = QGridLayout(countries)
        self.countries = country_boxes()
        for position, (code, box) in enumerate(self.countries.items()):
            box.setChecked(code in values.get("countries", []))
            country_grid.addWidget(box, position // 3, position % 3)

        packs = QGroupBox(self.tr("Observances in the calendar"))
        pack_column = QVBoxLayout(packs)
        self.packs = pack_boxes()
        for key, box in self.packs.items():
            box.setChecked(key in values.get("packs", []))
            pack_column.addWidget(box)

        for key, widget in (("timezone", self.timezone), ("countries", countries),
                            ("packs", packs)):
            if key in locked:
                widget.setEnabled(False)
                widget.setToolTip(locked[key])

        count, from_it = data.starter()
        self.starter = QCheckBox(
            self.tr("Add the starter sources chosen by your IT department: %n feeds", "", count)
            if from_it else
            self.tr("Add the starter sources: %n public feeds (State Department, UN News, "
                    "RFE/RL…)", "", count))
        self.starter.setObjectName("starter-sources")
        self.starter.setChecked(True)
        starter_hint = QLabel(self.tr("They are fetched in the background; remove any you "
                                      "do not need in Sources."))
        starter_hint.setWordWrap(True)
        starter_hint.setStyleSheet("color: palette(placeholder-text);")

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("&Start"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.skip_button = self.buttons.addButton(self.tr("S&kip"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setObjectName("skip")
        self.skip_button.setToolTip(self.tr("Keep the defaults; this dialog will not be "
                                            "shown again"))
        self.buttons.accepted.connect(self.finish)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(countries)
        layout.addWidget(packs)
        starter_box = QHBoxLayout()
        starter_box.addWidget(self.starter)
        layout.addLayout(starter_box)
        layout.addWidget(starter_hint)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.timezone.setFocus()  # the first question

    def choice(self) -> FirstRunChoice:
        return FirstRunChoice(
            timezone=self.timezone.currentText().strip(),
            countries=[c for c, box in self.countries.items() if box.isChecked()],
            packs=[p for p, box in self.packs.items() if box.isChecked()],
            starter_sources=self.starter.isChecked())

    def finish(self) -> None:
        choice = self.choice()
        problem = self.data.check("timezone", choice.timezone) if choice.timezone else \
            self.tr("Choose a time zone, e.g. Asia/Tashkent.")
        if problem:
            self.timezone_error.setText(problem)
            self.timezone_error.show()
            self.timezone.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        problem = self.data.finish(choice)
        if problem:
            self.timezone_error.setText(problem)
            self.timezone_error.show()
            return
        self.accept()

    def reject(self) -> None:
        """Skip, Esc or the close button: keep the defaults and do not ask again."""
        self.data.skip()
        super().reject()
