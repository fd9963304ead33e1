"""Listen says what it can read: per language the analyzer and its measured quality, in the
header and in each label's tooltip; and it learns from the officer's labels in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.sentiment.learning import stored_models
from core.sentiment.scoring import Scorer, label_replies, score_pending
from core.settings import Settings
from core.social.replies import list_replies
from core.storage.database import Database
from desktop.context import AppContext
from desktop.learning import Relearner, learned_message
from desktop.page_listen import build
from tests.core.sentiment.test_sentiment_learning import QUESTIONS, QUEUE, THANKS
from tests.ui.test_listen import seed
from ui.listen_analyzers import AnalyzersNote
from ui.models.replies_table import LABEL

REPLIES = ["Thank you, great event!", "Спасибо большое, очень полезно!", "Позор!",
           "Рақмет, өте керемет!", "Rahmat, juda foydali ma'lumot bo'ldi"]


def scored(db: Database, texts: list[str]) -> None:
    seed(db, {"p1": texts})
    score_pending(db, Scorer.from_settings(Settings(), db), rescore=True)


def row_of(view, text: str) -> int:  # noqa: ANN001
    model = view.model
    for row in range(model.rowCount()):
        if model.index(row, 1).data() == text:
            return row
    raise AssertionError(f"{text!r} is not shown")


def test_the_header_names_each_languages_analyzer_and_quality(ctx: AppContext,
                                                              db: Database) -> None:
    scored(db, REPLIES)
    view = build(ctx)
    view.activated()
    note = view.analyzers_note
    assert note.isVisible() or not view.isVisible()  # shown with the page
    text = note.text()
    for words in ("English — rules, 0.76", "Russian — lexicon, 0.57",
                  "Kazakh — trained model, positive/negative only, 0.72",
                  "not counted in Needs attention", "Not analysed:", "Uzbek"):
        assert words in text, words
    # Kazakh measured below the threshold, Russian above: only Kazakh carries the remark.
    kazakh = text.split("Kazakh")[1].split("·")[0]
    russian = text.split("Russian")[1].split("·")[0]
    assert "not counted" in kazakh and "not counted" not in russian
    assert "OpenCorpora" in note.toolTip() and "KazSAnDRA" in note.toolTip()


def test_each_label_says_who_set_it_and_how_good_that_is(ctx: AppContext, db: Database) -> None:
    scored(db, REPLIES)
    view = build(ctx)
    view.activated()
    tip = view.model.index(row_of(view, "Позор!"), LABEL).data(Qt.ItemDataRole.ToolTipRole)
    assert "ru-lexicon-v1" in tip and "macro-F1 0.57" in tip
    tip = view.model.index(row_of(view, "Рақмет, өте керемет!"), LABEL).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "kk-linear-v1" in tip and "but not neutral" in tip
    tip = view.model.index(row_of(view, "Rahmat, juda foydali ma'lumot bo'ldi"), LABEL).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "not supported" in tip and "kk-linear" not in tip


def test_a_learned_language_shows_its_own_figures(qtbot) -> None:  # noqa: ANN001
    note = AnalyzersNote()
    qtbot.addWidget(note)
    note.show_info({"min_quality": 0.5, "languages": [
        {"language": "ru", "analyzer": "learned-ru", "kind": "learned", "macro_f1": 0.66,
         "measured_on": "cross-validated on your labels", "polarity_only": False,
         "polarity_f1": None, "labels": 412, "before": 0.58}]},
        [{"language": "ru", "replies": 500, "unsupported": 0}])
    assert "Russian — learned from your 412 labels, 0.66 (0.58 before)" in note.text()
    assert "your 412 labels (0.58 before learning)" in note.describe("learned-ru", "ru")


def test_labels_teach_the_analyzer_in_the_background(ctx: AppContext, db: Database) -> None:
    scored(db, QUEUE + THANKS + QUESTIONS + ["Очередь на запись до зимы"])
    by_text = {r["text"]: r["id"] for r in list_replies(db, limit=0)}
    label_replies(db, [(0, by_text[t], label) for label, group in
                       (("negative", QUEUE), ("positive", THANKS), ("neutral", QUESTIONS))
                       for t in group])
    learned: list = []
    relearner = Relearner(db, ctx.runner, learned.extend)
    relearner.check()  # the synchronous runner: learning and storing happen now
    assert [r.language for r in learned] == ["ru"] and learned[0].used
    assert stored_models(db)["ru"].labels == 45
    (unlabelled,) = [r for r in list_replies(db, limit=0)
                     if r["text"] == "Очередь на запись до зимы"]
    # Scored again with what was learned; the officer's own labels stayed as they were.
    assert (unlabelled["sentiment_label"], unlabelled["analyzer"]) == ("negative", "learned-ru")
    assert {r["label_source"] for r in list_replies(db, limit=0)} == {"manual", "auto"}
    assert "Russian from your 45 labels" in learned_message(learned)
    learned.clear()
    relearner.check()  # nothing new since: nothing to learn
    assert learned == [] and not relearner.busy


def test_relabelling_in_listen_starts_the_quiet_timer(ctx: AppContext, db: Database) -> None:
    scored(db, REPLIES)
    view = build(ctx)
    view.activated()
    relearners = view.findChildren(Relearner)
    assert len(relearners) == 1 and not relearners[0].timer.isActive()
    view.table.selectRow(row_of(view, "Позор!"))
    view.relabel_selected("negative")
    assert relearners[0].timer.isActive()
    relearners[0].timer.stop()
