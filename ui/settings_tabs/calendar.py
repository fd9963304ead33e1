"""Settings → Calendar: host countries, the observance packs shown, and the smallest gap
between two posts on one channel."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout

from ui.settings_tabs.choices import country_boxes, pack_boxes
from ui.settings_tabs.form import SettingsTab, number_box


class CalendarTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Calendar"))
        countries = QGroupBox(self.tr("Host countries"))
        row = QHBoxLayout(countries)
        self.countries = country_boxes()
        for box in self.countries.values():
            row.addWidget(box)
        row.addStretch()
        form = QFormLayout()
        self.add(form, "countries", "", countries,
                 lambda: [c for c, b in self.countries.items() if b.isChecked()],
                 lambda v: [b.setChecked(c in (v or [])) for c, b in self.countries.items()],
                 self.tr("Their public holidays and programme deadlines are shown."))

        packs = QGroupBox(self.tr("Observances shown in the calendar"))
        stack = QVBoxLayout(packs)
        self.packs = pack_boxes()
        for box in self.packs.values():
            stack.addWidget(box)
        self.add(form, "packs", "", packs,
                 lambda: [k for k, b in self.packs.items() if b.isChecked()],
                 lambda v: [b.setChecked(k in (v or [])) for k, b in self.packs.items()])

        gap = QFormLayout()
        self.post_gap = number_box(0, 24 * 60, self.tr(" min"))
        self.add(gap, "post_gap_minutes", self.tr("Warn when two posts on one channel are "
                                                  "closer than:"),
                 self.post_gap, self.post_gap.value, lambda v: self.post_gap.setValue(int(v)))
        self.column.addLayout(form)
        self.column.addLayout(gap)
        self.column.addStretch()
