"""Learning from the officer's corrections: stored in the database, measured by
cross-validation, used only where it beat the shipped analyzer, shared by a team."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from core.errors import KnownError
from core.feeds.sources import list_sources
from core.sentiment import learning
from core.sentiment.scoring import Scorer, label_replies, score_pending
from core.settings import Settings
from core.social.base import SocialReply
from core.social.replies import list_replies, store_replies
from core.storage import migrate
from core.storage.database import Database
from core.storage.models import SentimentModel
from tests.core.sentiment.test_sentiment import NOW, seed

# An embassy's own way of complaining that no lexicon knows: the queue for an appointment.
# The shipped analyzer reads these as neutral; the officer labels them negative.
QUEUE = ["Опять очередь на запись", "Очередь на визу до марта", "Записи нет, очередь",
         "Снова очередь на собеседование", "Очередь третий месяц", "Очередь на запись до лета",
         "И снова очередь", "Очередь, записи нет", "Очередь на подачу документов",
         "В очереди на визу полгода", "Очередь как всегда", "Запись в очередь закрыта",
         "Очередь до осени", "Очередь на собеседование год", "Опять очередь, опять ждём"]
THANKS = ["Спасибо за ответ", "Спасибо, всё получили", "Большое спасибо за помощь",
          "Спасибо, очень помогли", "Отличная новость, спасибо", "Спасибо за информацию",
          "Благодарю за ответ", "Спасибо, визу получил", "Всё прошло отлично, спасибо",
          "Спасибо нашему консулу за помощь", "Прекрасная встреча, спасибо",
          "Спасибо за быстрый ответ",
          "Спасибо большое", "Огромное спасибо", "Отлично, спасибо"]
QUESTIONS = ["Когда откроется запись?", "Какие документы нужны?", "Где подать анкету?",
             "Сколько стоит консульский сбор?", "Можно ли подать онлайн?",
             "Когда будут результаты?", "Куда приходить на собеседование?",
             "Нужен ли перевод паспорта?", "Какой адрес посольства?",
             "Во сколько начинается приём?", "Как узнать статус заявления?",
             "Нужна ли справка с работы?", "Где посмотреть список документов?",
             "Какие часы работы?", "Принимают ли в субботу?"]


def labelled(db: Database, groups: dict[str, list[str]]) -> list[int]:
    """Store the texts as replies to a post, score them, and label them by hand; their ids."""
    texts = [t for group in groups.values() for t in group]
    known = {r["text"] for r in list_replies(db, limit=0)}
    if not known:
        seed(db, {"post": texts})
    else:  # a second batch: replies to the same post
        (source,) = list_sources(db)
        with db.read() as conn:
            guid = conn.exec_driver_sql("SELECT guid FROM item").scalar_one()
        with db.write() as conn:
            store_replies(conn, source["id"], "mastodon", [
                SocialReply(f"more-{n}", guid, None, "user", None, t, t, NOW)
                for n, t in enumerate(texts)], NOW)
    score_pending(db, Scorer.from_settings(Settings()))
    by_text = {r["text"]: r["id"] for r in list_replies(db, limit=0)}
    label_replies(db, [(0, by_text[t], label) for label, group in groups.items()
                       for t in group])
    return [by_text[t] for t in texts]


def bases() -> dict:
    return Scorer.from_settings(Settings()).by_language


def test_learns_what_the_officer_corrects(db: Database) -> None:
    labelled(db, {"negative": QUEUE, "positive": THANKS, "neutral": QUESTIONS})
    shipped = Scorer.from_settings(Settings())
    assert shipped.score("Очередь на запись до зимы").label == "neutral"
    (result,) = learning.learn_from_database(db, bases())
    assert (result.language, result.labels, result.analyzer) == ("ru", 45, "learned-ru")
    assert result.used and result.macro_f1_after > result.macro_f1_before + 0.1
    stored = learning.stored_models(db)["ru"]
    assert (stored.labels, stored.in_use, stored.base_analyzer) == (45, True, "ru-lexicon-v1")
    assert set(stored.recall) == {"positive", "neutral", "negative"}
    learned = Scorer.from_settings(Settings(), db)
    found = learned.score("Очередь на запись до зимы")
    assert (found.label, found.analyzer, found.language) == ("negative", "learned-ru", "ru")
    assert learned.score("Thanks for nothing").analyzer == "social-v1"
    # Switched off, the shipped analyzer is back.
    assert Scorer.from_settings(Settings(sentiment_learning=False), db).score(
        "Очередь на запись до зимы").analyzer == "ru-lexicon-v1"


def test_a_model_that_does_not_beat_the_shipped_one_is_kept_but_not_used(db: Database) -> None:
    # Labels the shipped analyzer already gets right: nothing to gain.
    labelled(db, {"positive": THANKS, "neutral": QUESTIONS})
    (result,) = learning.learn_from_database(db, bases())
    assert not result.used
    assert Scorer.from_settings(Settings(), db).by_language["ru"].name == "ru-lexicon-v1"


def test_learning_again_is_due_after_every_n_new_labels(db: Database) -> None:
    ids = labelled(db, {"negative": QUEUE, "positive": THANKS, "neutral": QUESTIONS})
    assert learning.due(db, every=10) == ["ru"]  # never learned, enough labels
    learning.learn_from_database(db, bases())
    assert learning.due(db, every=10) == []
    more = labelled(db, {"negative": [f"{t}, {n}" for t, n in zip(QUEUE[:10], itertools.count())]})
    assert learning.label_counts(db)["ru"] == 55 and len(more) == 10
    assert learning.due(db, every=10) == ["ru"] and learning.due(db, every=11) == []
    assert learning.due(db, every=0) == []  # 0: never in the background
    label_replies(db, [(0, ids[0], "auto")])  # handed back: no longer a label
    assert learning.label_counts(db)["ru"] == 54


def test_too_few_labels_is_said_plainly(db: Database) -> None:
    with pytest.raises(KnownError, match="at least 30"):
        learning.learn(["Спасибо"] * 5, ["positive"] * 5, "ru", None)
    labelled(db, {"negative": QUEUE[:5]})
    assert learning.learn_from_database(db, bases()) == []


def test_a_language_without_a_shipped_analyzer_learns_alone(db: Database) -> None:
    """Uzbek has no shipped analyzer: its learned model is used only when it reaches the
    quality threshold on the officer's labels, and is then no longer unsupported."""
    good = [f"Rahmat, juda zo'r {n}" for n in range(12)] + [
        f"Ajoyib tadbir, rahmat {n}" for n in range(12)]
    bad = [f"Yana navbat, javob yo'q {n}" for n in range(12)] + [
        f"Juda yomon xizmat {n}" for n in range(12)]
    labelled(db, {"positive": good, "negative": bad})
    (result,) = learning.learn_from_database(db, bases(), min_quality=0.9)
    assert result.language == "uz" and result.macro_f1_before is None
    assert result.used == (result.macro_f1_after >= 0.9)
    if result.used:
        score = Scorer.from_settings(Settings(), db).score("Juda yomon, yana navbat")
        assert (score.analyzer, score.label) == ("learned-uz", "negative")
    learning.learn_from_database(db, bases(), min_quality=1.01)
    assert Scorer.from_settings(Settings(), db).score(
        "Juda yomon, yana navbat").label == "unsupported"


def test_examples_from_files_count_and_the_latest_label_wins(db: Database) -> None:
    with db.write() as conn:
        learning.add_examples(conn, [("ru", "Очередь", "neutral"), ("ru", "Спасибо", "positive")])
        learning.add_examples(conn, [("ru", "Очередь", "negative")])
    assert learning.training_examples(db)["ru"] == [("Спасибо", "positive"),
                                                    ("Очередь", "negative")]


@pytest.mark.postgres
def test_a_team_on_postgresql_shares_what_one_officer_taught(pg_url: str) -> None:
    one, other = Database(pg_url), Database(pg_url)
    migrate.ensure_schema(one)
    try:
        labelled(one, {"negative": QUEUE, "positive": THANKS, "neutral": QUESTIONS})
        learning.learn_from_database(one, bases())
        # A colleague's app (another connection pool) scores with what was learned.
        found = Scorer.from_settings(Settings(), other).score("Очередь на запись до зимы")
        assert (found.analyzer, found.label) == ("learned-ru", "negative")
        with other.read() as conn:
            size = len(conn.execute(select(SentimentModel.__table__.c.model)).scalar_one())
        assert 1_000 < size < 1_500_000
    finally:
        one.dispose()
        other.dispose()


def test_a_database_from_before_learning_gains_the_tables(db_url: str) -> None:
    old = Database(db_url)
    migrate.upgrade(old, "0005")
    assert migrate.ensure_schema(old) is not None  # backed up, then upgraded
    assert learning.stored_models(old) == {} and learning.label_counts(old) == {}
    with old.write() as conn:
        learning.add_examples(conn, [("ru", "Спасибо", "positive")])
    assert learning.label_counts(old) == {"ru": 1}
    old.dispose()
