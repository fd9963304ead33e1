"""Settings → General: time zone, interface language, refresh interval, background refresh
and notifications."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout

from ui.settings_tabs.choices import time_zone_combo
from ui.settings_tabs.form import SettingsTab, number_box

# (code, the language's own name): a name is shown in its own language, never translated.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ru", "Русский"))


class GeneralTab(SettingsTab):
    def __init__(self, time_zones: Sequence[str], local_zone: str) -> None:
        super().__init__(self.tr("General"))
        form = QFormLayout()
        self.column.addLayout(form)

        self.timezone = time_zone_combo(self, time_zones, local_zone)
        self.timezone.setObjectName("timezone")
        self.add(form, "timezone", self.tr("&Time zone:"), self.timezone,
                 self._get_timezone, self._set_timezone,
                 self.tr("Planned posts are shown and exported in this zone."))

        self.language = QComboBox()
        self.language.setObjectName("interface_language")
        self.language.addItem(self.tr("The system's language"), None)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.add(form, "interface_language", self.tr("Interface &language:"), self.language,
                 lambda: self.language.currentData(),
                 lambda v: self.language.setCurrentIndex(max(0, self.language.findData(v))),
                 self.tr("Takes effect after you restart Attaché."))

        self.interval = number_box(5, 7 * 24 * 60, self.tr(" min"))
        self.interval.setObjectName("default_interval_minutes")
        self.add(form, "default_interval_minutes", self.tr("Default &refresh interval:"),
                 self.interval, self.interval.value, lambda v: self.interval.setValue(int(v)),
                 self.tr("For sources added from now on; each source can have its own."))
        self.auto_refresh = self.check_box(
            form, "auto_refresh", self.tr("Refresh sources in the background while Attaché "
                                          "is open"))
        self.notifications = self.check_box(
            form, "notifications", self.tr("Notify me of new replies and watch-term hits"))
        self.column.addStretch()

    def _get_timezone(self) -> str | None:
        text = self.timezone.currentText().strip()
        return None if not text or text == self.timezone.itemText(0) else text

    def _set_timezone(self, value: str | None) -> None:
        index = self.timezone.findData(value) if value else 0
        if index >= 0:
            self.timezone.setCurrentIndex(index)
        else:
            self.timezone.setCurrentText(value or "")
