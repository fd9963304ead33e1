"""What Listen can read, said in words: per language, which analyzer and how good it measured.

An officer must never mistake a guess for a reading. This line at the top of the Listen page
names, for every language the replies are in, what labels them — rules, a lexicon, a model
trained on reviews, a model learned from the officer's own labels — with the macro-F1 it
measured on data it never saw (or cross-validated on those labels), which languages are not
analysed at all, and which do not count in "Needs attention" because their analyzer measured
below the quality threshold. The same descriptions explain each label in the reply table's
tooltips (``describe``).

It receives plain data from ``desktop/page_listen.py`` (``core.sentiment.quality``) and loads
it through the task runner: no database here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.models.replies_table import LABEL_COLORS, language_name
from ui.widgets.plain import plain_tooltip
from ui.widgets.runner import Runner


class AnalyzersNote(QLabel):
    """One line: "Analysed: English — rules, 0.76 · … Not analysed: Uzbek"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analyzers-note")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.info: dict = {}
        self._by_analyzer: dict[tuple[str, str | None], dict] = {}
        self._generation = 0
        self.hide()

    # ------------------------------------------------------------------ loading

    def refresh(self, fetch: Callable[[], dict] | None, languages: list[dict],
                runner: Runner | None = None) -> None:
        """Ask for the analyzers again (in the background) and show them with the languages
        the replies are in (``reply_languages`` rows)."""
        if fetch is None:
            return
        self._generation += 1
        generation = self._generation

        def done(info: dict) -> None:
            if generation == self._generation:
                self.show_info(info, languages)

        if runner is None:
            done(fetch())
        else:
            runner.run(lambda _progress: fetch(), on_done=done, kind="read",
                       name=self.tr("Analyzers"))

    def show_info(self, info: dict, languages: list[dict]) -> None:
        self.info = info
        self._by_analyzer = {(q["analyzer"], q["language"]): q for q in info["languages"]}
        minimum = info.get("min_quality", 0.0)
        read = {q["language"]: q for q in info["languages"]}
        present = [row["language"] for row in languages if row["language"]]
        # The languages replies are in first, then the others an analyzer reads.
        order = [code for code in present if code in read] + sorted(
            code for code in read if code not in present)
        parts = [self._part(read[code], minimum) for code in order]
        missing = [language_name(code) for code in present if code not in read]
        text = "<b>" + self.tr("Analysed:") + "</b> " + " · ".join(parts)
        if missing:
            advice = self.tr("read them and press 1/2/3; after enough of your labels "
                             "Attaché learns the language")
            title = self.tr("Not analysed:")
            text += (f" &nbsp; <b style='color:{LABEL_COLORS['unsupported']}'>{title}</b> "
                     f"{', '.join(missing)} — {advice}")
        self.setText(text)
        self.setToolTip(plain_tooltip("\n".join(
            self.describe(read[code]["analyzer"], code) for code in order)))
        self.show()

    def _part(self, quality: dict, minimum: float) -> str:
        name = language_name(quality["language"])
        kind = self.kind_name(quality)
        figure = quality["macro_f1"]
        if quality["kind"] == "learned":
            detail = self.tr("learned from your {0} labels, {1} ({2} before)").format(
                quality["labels"], _number(figure), _number(quality["before"]))
        elif quality["polarity_only"]:
            detail = self.tr("{0}, positive/negative only, {1}").format(
                kind, _number(quality.get("polarity_f1")))
        else:
            detail = f"{kind}, {_number(figure)}"
        text = f"{name} — {detail}"
        if figure is None or figure < minimum:
            text += " <i>(" + self.tr("not counted in Needs attention") + ")</i>"
        return text

    # ------------------------------------------------------------------ describing

    def kind_name(self, quality: dict) -> str:
        return {"rules": self.tr("rules"), "lexicon": self.tr("lexicon"),
                "trained": self.tr("trained model"),
                "learned": self.tr("learned from your labels"),
                "own model": self.tr("IT's own model")}.get(quality["kind"], quality["kind"])

    def describe(self, analyzer: str | None, language: str | None) -> str:
        """Who labelled a reply and how good that analyzer measured, in one sentence."""
        if not analyzer or analyzer == "none":
            return ""
        quality = self._by_analyzer.get((analyzer, language or "en"))
        if quality is None:
            return self.tr("Labelled by {0}.").format(analyzer)
        name = language_name(quality["language"])
        if quality["kind"] == "learned":
            return self.tr("{0}: {1}, cross-validated {2} on your {3} labels ({4} before "
                           "learning).").format(name, analyzer, _number(quality["macro_f1"]),
                                                quality["labels"], _number(quality["before"]))
        if quality["macro_f1"] is None:
            return self.tr("{0}: {1} ({2}), quality not measured.").format(
                name, analyzer, self.kind_name(quality))
        text = self.tr("{0}: {1} ({2}), macro-F1 {3} on {4}.").format(
            name, analyzer, self.kind_name(quality), _number(quality["macro_f1"]),
            quality["measured_on"])
        if quality["polarity_only"]:
            text += " " + self.tr("It tells positive from negative ({0}) but not neutral.").format(
                _number(quality.get("polarity_f1")))
        return text


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
