"""Choices shared by the Settings dialog, the first-run welcome and the post editor: host
countries, observance packs and an IANA time-zone picker that searches as you type."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QWidget

COUNTRY_CODES = ("UZ", "KZ", "KG", "TJ", "TM")
PACK_KEYS = ("un", "us", "host", "programme")


def country_boxes() -> dict[str, QCheckBox]:
    """A check box per host country, "Uzbekistan (UZ)", by code; unchecked.

    Shared by the Settings dialog and the first-run welcome, which lay them out differently.
    """
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
    names = {"UZ": translate("SettingsDialog", "Uzbekistan"),
             "KZ": translate("SettingsDialog", "Kazakhstan"),
             "KG": translate("SettingsDialog", "Kyrgyzstan"),
             "TJ": translate("SettingsDialog", "Tajikistan"),
             "TM": translate("SettingsDialog", "Turkmenistan")}
    boxes: dict[str, QCheckBox] = {}
    for code in COUNTRY_CODES:
        boxes[code] = QCheckBox(f"{names[code]} ({code})")
        boxes[code].setObjectName(f"country-{code}")
    return boxes


def pack_boxes() -> dict[str, QCheckBox]:
    """A check box per observance pack, by key; unchecked. Shared like ``country_boxes``."""
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
    labels = {"un": translate("SettingsDialog", "UN international days"),
              "us": translate("SettingsDialog", "US federal holidays"),
              "host": translate("SettingsDialog", "Public holidays of the host countries"),
              "programme": translate("SettingsDialog",
                                     "Exchange-programme deadlines (Fulbright, FLEX, Humphrey)")}
    boxes: dict[str, QCheckBox] = {}
    for key in PACK_KEYS:
        boxes[key] = QCheckBox(labels[key])
        boxes[key].setObjectName(f"pack-{key}")
    return boxes


def time_zone_combo(parent: QWidget | None, zones: Sequence[str],
                    local_zone: str | None) -> QComboBox:
    """An editable list of IANA zones that finds "tash" in Asia/Tashkent as you type.

    With ``local_zone``, the first entry means "this computer's zone" (the value None).
    """
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(24)
    if local_zone:
        combo.addItem(QCoreApplication.translate("SettingsDialog", "This computer's zone ({0})")
                      .format(local_zone), None)
    for name in zones:
        combo.addItem(name, name)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.lineEdit().setPlaceholderText(
        QCoreApplication.translate("SettingsDialog", "Type to search, e.g. Tashkent"))
    return combo
