"""Settings → Sentiment: the polarity thresholds, the analyzer, and whether watched feeds'
items are scored too."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from ui.settings_tabs.form import SettingsTab, decimal_box, hint_label


class SentimentTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Sentiment"))
        explanation = QLabel(self.tr(
            "Each English reply gets a polarity from −1 (very negative) to +1 (very positive). "
            "At or above the positive threshold it counts as positive, at or below the "
            "negative threshold as negative, in between as neutral. The defaults were measured "
            "on labelled embassy replies. Other languages are counted as unsupported, never "
            "as neutral."))
        explanation.setWordWrap(True)
        self.column.addWidget(explanation)
        form = QFormLayout()
        self.column.addLayout(form)
        self.positive = decimal_box(-1, 1, "", decimals=2, step=0.05)
        self.positive.setObjectName("sentiment_positive")
        self.add(form, "sentiment_positive", self.tr("&Positive from:"), self.positive,
                 self.positive.value, lambda v: self.positive.setValue(float(v)))
        self.negative = decimal_box(-1, 1, "", decimals=2, step=0.05)
        self.negative.setObjectName("sentiment_negative")
        self.add(form, "sentiment_negative", self.tr("&Negative up to:"), self.negative,
                 self.negative.value, lambda v: self.negative.setValue(float(v)))
        self.analyzer = QComboBox()
        self.analyzer.addItem(self.tr("Social-media rules (recommended)"), "social-v1")
        self.analyzer.addItem(self.tr("TextBlob (baseline)"), "textblob")
        self.add(form, "sentiment_analyzer", self.tr("&Analyzer:"), self.analyzer,
                 self.analyzer.currentData,
                 lambda v: self.analyzer.setCurrentIndex(max(0, self.analyzer.findData(v))))
        self.check_box(form, "coverage_sentiment",
                       self.tr("Also score items from watched feeds (English only)"))
        self.column.addWidget(hint_label(self.tr(
            "Replies already scored keep their labels until you re-score them "
            "(attache sentiment run --rescore); your own labels are always kept.")))
        self.column.addStretch()

    def problems(self, changes: dict[str, Any]) -> dict[str, str]:
        if self.positive.value() <= self.negative.value():
            return {"sentiment_positive": self.tr(
                "The positive threshold must be above the negative one.")}
        return {}
