"""Settings → Reports: the letterhead every media summary and period report carries (the
embassy's name, who prepared it, and the classification line printed on every page).

File → Reports… remembers what was typed there too; this tab is where an officer sets it once
without opening a report."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from ui.settings_tabs.form import SettingsTab

FIELD_LENGTH = 200  # a letterhead line, not a paragraph


class ReportsTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Reports"))
        form = QFormLayout()
        self.column.addLayout(form)
        self.embassy_name = self._line(
            form, "embassy_name", self.tr("&Embassy:"),
            self.tr("e.g. U.S. Embassy Tashkent — Public Affairs Section"),
            self.tr("Printed at the top of every report."))
        self.prepared_by = self._line(
            form, "prepared_by", self.tr("&Prepared by:"), self.tr("Your name and title"))
        self.classification = self._line(
            form, "report_classification", self.tr("&Classification line:"),
            self.tr("e.g. UNCLASSIFIED"),
            self.tr("Free text, shown at the top and bottom of every page."))
        self.column.addStretch()

    def _line(self, form: QFormLayout, key: str, label: str, placeholder: str,
              hint: str | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setMaxLength(FIELD_LENGTH)
        edit.setPlaceholderText(placeholder)
        self.add(form, key, label, edit, lambda: edit.text().strip(),
                 lambda value: edit.setText(value or ""), hint)
        return edit
