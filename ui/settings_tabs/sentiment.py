"""Settings → Sentiment: the polarity thresholds, the analyzer, and whether watched feeds'
items are scored too."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from ui.settings_tabs.form import SettingsTab, decimal_box, hint_label, number_box


class SentimentTab(SettingsTab):
    def __init__(self) -> None:
        super().__init__(self.tr("Sentiment"))
        explanation = QLabel(self.tr(
            "Each English reply gets a polarity from −1 (very negative) to +1 (very positive). "
            "At or above the positive threshold it counts as positive, at or below the "
            "negative threshold as negative, in between as neutral. The defaults were measured "
            "on labelled embassy replies. Russian and Kazakh have analyzers of their own; "
            "other languages are counted as unsupported, never as neutral."))
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
                       self.tr("Also score items from watched feeds"))
        self.min_quality = decimal_box(0, 1, "", decimals=2, step=0.05)
        self.min_quality.setObjectName("sentiment_min_quality")
        self.add(form, "sentiment_min_quality", self.tr("Needs attention from &quality:"),
                 self.min_quality, self.min_quality.value,
                 lambda v: self.min_quality.setValue(float(v)),
                 self.tr("A language counts in “Needs attention” only when its analyzer "
                         "measured at least this macro-F1; your own labels always count."))
        self.check_box(form, "sentiment_learning",
                       self.tr("Learn from my labels (per language, shared in a team database)"))
        self.relearn_every = number_box(0, 100_000, self.tr(" new labels"))
        self.relearn_every.setObjectName("sentiment_relearn_every")
        self.add(form, "sentiment_relearn_every", self.tr("Learn again &after:"),
                 self.relearn_every, self.relearn_every.value,
                 lambda v: self.relearn_every.setValue(int(v)),
                 self.tr("0: only when asked (attache sentiment learn)"))
        self.model_dir = QLineEdit()
        self.model_dir.setObjectName("sentiment_model_dir")
        self.model_dir.setPlaceholderText(self.tr("None (the analyzers that ship)"))
        self.add(form, "sentiment_model_dir", self.tr("IT's own &model:"), self.model_dir,
                 lambda: self.model_dir.text().strip() or None,
                 lambda v: self.model_dir.setText(v or ""),
                 self.tr("A folder with model.onnx, tokenizer.json and labels.json "
                         "(needs attache[onnx]; README “Sentiment”)"))
        self.column.addWidget(hint_label(self.tr(
            "Replies already scored keep their labels until you re-score them "
            "(attache sentiment run --rescore); your own labels are always kept.")))
        self.column.addStretch()

    def problems(self, changes: dict[str, Any]) -> dict[str, str]:
        if self.positive.value() <= self.negative.value():
            return {"sentiment_positive": self.tr(
                "The positive threshold must be above the negative one.")}
        return {}
