"""The post's text measured the way each chosen platform counts it ("Bluesky 212/300"), red
when it is too long; plain characters when no channel is chosen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ui.widgets.numbers import count_text
from ui.widgets.plain import plain_tooltip

OVER_COLOR = "#c62828"


class LengthCounters(QWidget):
    def __init__(self, measure: Callable[[str, str], tuple[int, int | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counts")
        self.measure = measure  # (kind, text) -> (used, limit)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.labels: dict[str, QLabel] = {}

    def update_counts(self, text: str, platforms: dict[str, str]) -> None:
        """Count ``text`` for each platform (name -> source kind)."""
        shown: list[tuple[str, str, bool, str]] = []  # key, text, over, tooltip
        if not platforms:
            shown.append(("characters", self.tr("%Ln character(s)", "", len(text)), False, ""))
        for platform, kind in platforms.items():
            used, limit = self.measure(kind, text)
            if limit is None:
                shown.append((kind, self.tr("{0} %Ln character(s)", "", used).format(platform),
                              False, ""))
                continue
            counts = f"{platform} {count_text(used)}/{count_text(limit)}"
            if used > limit:
                shown.append((kind, counts, True, self.tr(
                    "%Ln character(s) too long for {0}", "", used - limit).format(platform)))
            else:
                shown.append((kind, counts, False, ""))
        wanted = [key for key, *_ in shown]
        if wanted != list(self.labels):  # the channels changed: lay the labels out again
            for label in self.labels.values():
                self.grid.removeWidget(label)
                label.setParent(None)
                label.deleteLater()
            self.labels = {}
            for n, key in enumerate(wanted):
                label = QLabel(objectName=f"count-{key}")
                self.grid.addWidget(label, n // 4, n % 4)
                self.labels[key] = label
        for key, label_text, over, tip in shown:
            label = self.labels[key]
            label.setText(label_text)
            label.setToolTip(plain_tooltip(tip))
            if bool(label.property("over")) != over:
                label.setProperty("over", over)
                label.setStyleSheet(f"color: {OVER_COLOR}; font-weight: bold;" if over else "")

    def counters(self) -> dict[str, tuple[str, bool]]:
        """Each counter's text and whether it is over the limit, by source kind."""
        return {k: (v.text(), bool(v.property("over"))) for k, v in self.labels.items()}
