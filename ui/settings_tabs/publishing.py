"""Settings → Publishing: who you are, clearance, alt text, and how posts go out."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QTimeEdit

from ui.settings_tabs.form import SettingsTab, number_box

# Telegram's parse modes (core.settings_schema.TELEGRAM_PARSE_MODES), named for people.
PARSE_MODES = (("HTML", "HTML"), ("MarkdownV2", "MarkdownV2"), ("none", "—"))


class PublishingTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Publishing"))
        form = QFormLayout()
        self.column.addLayout(form)
        self.user_name = QLineEdit()
        self.user_name.setObjectName("user_name")
        self.user_name.setPlaceholderText(self.tr("This computer's login name"))
        self.add(form, "user_name", self.tr("&Your name:"), self.user_name,
                 lambda: self.user_name.text().strip() or None,
                 lambda v: self.user_name.setText(v or ""),
                 self.tr("Who you are in a post's history, and for clearance."))
        self.require_second_approver = self.check_box(
            form, "require_second_approver",
            self.tr("Clearance: a post is approved by someone other than its author"))
        self.require_alt_text = self.check_box(
            form, "require_alt_text", self.tr("Images need alt text (a description for "
                                              "people who cannot see them)"))
        self.auto_publish = self.check_box(
            form, "auto_publish", self.tr("Publish approved posts at their time while "
                                          "Attaché is open"))
        self.late = number_box(0, 7 * 24, self.tr(" h"))
        self.late.setObjectName("publish_late_hours")
        self.add(form, "publish_late_hours", self.tr("A post more &late than this waits:"),
                 self.late, self.late.value, lambda v: self.late.setValue(int(v)),
                 self.tr("Missed by more (the computer was off), it is not sent by itself."))
        self.all_day_time = QTimeEdit()
        self.all_day_time.setObjectName("all_day_publish_time")
        self.all_day_time.setDisplayFormat("HH:mm")
        self.add(form, "all_day_publish_time", self.tr("All-day posts go out &at:"),
                 self.all_day_time, lambda: self.all_day_time.time().toString("HH:mm"),
                 lambda v: self.all_day_time.setTime(QTime.fromString(v, "HH:mm")),
                 self.tr("An all-day post has no time of its own: it is sent at this time "
                         "in its time zone."))
        self.parse_mode = QComboBox()
        self.parse_mode.setObjectName("telegram_parse_mode")
        for value, name in PARSE_MODES:
            self.parse_mode.addItem(name, value)
        self.add(form, "telegram_parse_mode", self.tr("Telegram &formatting:"),
                 self.parse_mode, lambda: self.parse_mode.currentData(),
                 lambda v: self.parse_mode.setCurrentIndex(
                     max(0, self.parse_mode.findData(v))),
                 self.tr("The post's text is escaped for it, so it shows as written."))
        self.column.addStretch()
