"""Learning from the officer's labels in the background, after every N new ones.

The officer labels replies in Listen (keys 1/2/3); every ``sentiment_relearn_every`` new labels
in a language, the model of that language is trained again (``core.sentiment.learning``).
Training takes seconds, so it never runs on the window's thread: it is a "read" job of the task
runner (it only reads the labels), and what it learned is stored, and the replies of those
languages scored again, by a "write" job on the one writer thread. A burst of labelling is one
check a few seconds after the last key press, and a check while learning is under way waits
for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import isValid

if TYPE_CHECKING:
    from core.sentiment.learning import LearnResult
    from core.settings import Settings
    from core.storage.database import Database
    from desktop.tasks import TaskRunner

log = logging.getLogger("attache.sentiment.learning")
translate = QCoreApplication.translate

QUIET_MS = 3000  # after the last label, before looking at what is due


class Relearner(QObject):
    """Watches for labels and learns again when a language has enough new ones."""

    def __init__(self, db: Database, runner: TaskRunner,
                 on_learned: Callable[[list[LearnResult]], None],
                 parent: QObject | None = None, *,
                 settings: Callable[[], Settings] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.runner = runner
        self.on_learned = on_learned
        self.busy = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUIET_MS)
        self.timer.timeout.connect(self.check)
        # The window (and its runner) may close while the quiet time runs.
        runner.destroyed.connect(self.timer.stop)

    def labels_changed(self) -> None:
        self.timer.start()

    def check(self) -> None:
        """Learn the languages that are due, if any (in the background)."""
        if self.busy:
            self._again = True
            return
        if not isValid(self.runner):
            return
        settings = self._settings()
        if not settings.sentiment_learning or settings.sentiment_relearn_every <= 0:
            return
        self.busy = True
        db = self.db

        def learn(_progress: object) -> list[LearnResult]:
            from core.sentiment import learning
            from core.sentiment.scoring import Scorer

            languages = learning.due(db, settings.sentiment_relearn_every)
            if not languages:
                return []
            bases = Scorer.from_settings(settings).by_language
            return learning.learn_languages(db, bases, languages,
                                            min_quality=settings.sentiment_min_quality)

        self.runner.run(learn, on_done=self._store, on_error=self._failed, kind="read",
                        name=translate("Listen", "Learning from your labels"))

    def _settings(self) -> Settings:
        if self.settings is not None:
            return self.settings()
        from core.settings import Settings

        return Settings.load()

    def _store(self, results: list[LearnResult]) -> None:
        if not results:
            self._finish()
            return
        db = self.db

        settings = self._settings()

        def store(_progress: object) -> list[LearnResult]:
            from core.sentiment import learning
            from core.sentiment.scoring import Scorer, score_languages

            with db.write() as conn:
                learning.store(conn, results)
            scorer = Scorer.from_settings(settings, db)  # with what was just stored
            with db.write() as conn:
                score_languages(conn, scorer, [r.language for r in results])
            return results

        def done(stored: list[LearnResult]) -> None:
            self._finish()
            self.on_learned(stored)

        self.runner.run(store, on_done=done, on_error=self._failed, kind="write",
                        name=translate("Listen", "Learning from your labels"))

    def _failed(self, exc: BaseException) -> None:
        log.warning("learning from the labels failed: %s", exc, exc_info=exc)
        self._finish()

    def _finish(self) -> None:
        self.busy = False
        if self._again:
            self._again = False
            self.timer.start()


def learned_message(results: list[LearnResult]) -> str:
    """"Learned Russian from your 412 labels: 0.66 (0.58 before)" for the status bar."""
    from ui.models.replies_table import language_name

    parts = []
    for r in results:
        before = "–" if r.macro_f1_before is None else f"{r.macro_f1_before:.2f}"
        text = translate("Listen", "{0} from your {1} labels: {2} ({3} before)").format(
            language_name(r.language), r.labels, f"{r.macro_f1_after:.2f}", before)
        if not r.used and r.macro_f1_before is None:
            text += " — " + translate("Listen", "not used yet: below the quality threshold")
        elif not r.used:
            text += " — " + translate("Listen", "not used: the analyzer that ships does better")
        parts.append(text)
    return translate("Listen", "Learned {0}").format("; ".join(parts))
