"""Sentiment: the rules, language routing, manual labels, evaluation, aggregates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.calendar.posts import PostFields, create_post
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.sentiment.aggregates import needs_attention, summary
from core.sentiment.analyzers import SocialAnalyzer, TextBlobAnalyzer, Thresholds
from core.sentiment.evaluation import evaluate, load_examples, macro_f1
from core.sentiment.scoring import Scorer, label_reply, score_pending
from core.social.base import SocialReply
from core.social.replies import list_replies, store_replies
from core.storage.database import Database

DATA = Path(__file__).resolve().parents[2] / "data"
SHIPPED = Scorer(SocialAnalyzer(), Thresholds())
# The shipped analyzer must beat TextBlob alone on the held-out split by at least this much.
MARGIN = 0.10


@pytest.mark.parametrize(("text", "label"), [
    ("👍", "positive"), ("❤️❤️", "positive"), ("🙏", "positive"), ("🎉🎉🎉", "positive"),
    ("😡", "negative"), ("👎", "negative"), (":)", "positive"), (":(", "negative"),
    ("not helpful", "negative"), ("Thanks for nothing", "negative"),
    ("Great, another 'partnership' while visas take a year 🙄", "negative"),
    ("VERY disappointed with the consular section", "negative"),
    ("When is the FLEX deadline?", "neutral"),
    ("Congratulations to all the finalists!!", "positive"),
])
def test_rules_on_social_text(text: str, label: str) -> None:
    assert SHIPPED.score(text).label == label


def test_caps_and_exclamations_intensify() -> None:
    analyzer = SocialAnalyzer()
    assert analyzer.analyze("AMAZING event!!!")[0] > analyzer.analyze("amazing event")[0] > 0


def test_emoji_are_invisible_to_textblob() -> None:
    """Why TextBlob alone misleads on comment threads: emoji-only replies read neutral."""
    assert TextBlobAnalyzer().analyze("👎")[0] == 0.0
    assert SocialAnalyzer().analyze("👎")[0] < 0


def test_thresholds_are_settings() -> None:
    text = "The event was good, thank you for organising it"
    lenient = Scorer(SocialAnalyzer(), Thresholds(positive=0.05, negative=-0.05))
    strict = Scorer(SocialAnalyzer(), Thresholds(positive=0.95, negative=-0.95))
    assert lenient.score(text).polarity == strict.score(text).polarity
    assert (lenient.score(text).label, strict.score(text).label) == ("positive", "neutral")


@pytest.mark.parametrize("text", ["Спасибо большое, очень полезная информация!",
                                  "Rahmat, juda foydali ma'lumot bo'ldi",
                                  "Рахмет, өте пайдалы ақпарат"])
def test_languages_without_an_analyzer_are_unsupported_never_neutral(text: str) -> None:
    score = SHIPPED.score(text)
    assert score.label == "unsupported" and score.polarity is None
    assert score.language not in (None, "en")


NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


def seed(db: Database, texts_per_post: dict[str, list[str]]) -> dict[str, int]:
    """An own account with posts and replies; returns item ids by post guid."""
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    replies = []
    for n, (guid, texts) in enumerate(texts_per_post.items()):
        for m, text in enumerate(texts):
            replies.append(SocialReply(f"{guid}-r{m}", guid, None, f"user{m}", None,
                                       f"<p>{text}</p>", text,
                                       NOW + timedelta(days=n, minutes=m)))
    with db.write() as conn:
        store_entries(conn, source.id, [
            ParsedEntry(guid, f"https://mastodon.example/{guid}", f"Post {guid}", None,
                        NOW + timedelta(days=n), None, "", "")
            for n, guid in enumerate(texts_per_post)], NOW)
        store_replies(conn, source.id, "mastodon", replies, NOW)
        ids = dict(conn.exec_driver_sql("SELECT guid, id FROM item").all())
    return ids


def test_manual_labels_win_and_survive_rescoring(db: Database) -> None:
    seed(db, {"p1": ["Thanks, very helpful!", "Спасибо большое за информацию, очень полезно"]})
    assert score_pending(db, SHIPPED) == 2
    english = next(r for r in list_replies(db) if r["text"].startswith("Thanks"))
    assert (english["sentiment_label"], english["label_source"]) == ("positive", "auto")
    label_reply(db, english["id"], "negative", SHIPPED)  # the officer knows it was sarcasm
    score_pending(db, SHIPPED, rescore=True)
    again = next(r for r in list_replies(db) if r["id"] == english["id"])
    assert (again["sentiment_label"], again["label_source"]) == ("negative", "manual")
    assert again["polarity"] is not None  # the analyzer's number is still there
    label_reply(db, english["id"], "auto", SHIPPED)
    back = next(r for r in list_replies(db) if r["id"] == english["id"])
    assert (back["sentiment_label"], back["label_source"]) == ("positive", "auto")
    assert [r["language"] for r in list_replies(db, label="unsupported")] == ["ru"]


def test_aggregates_answer_how_a_post_landed(db: Database) -> None:
    positive = ["Thank you, great event!", "Congratulations 🎉", "👍", "Wonderful initiative!"]
    negative = ["This is a disgrace 😡", "Terrible, useless embassy", "👎",
                "Worst consular service ever", "Thanks for nothing"]
    ids = seed(db, {
        "calm1": positive + ["When is the deadline?"] * 6,
        "calm2": positive + ["Where do I apply?"] * 6,
        "calm3": positive + ["Is it online?"] * 6,
        "hrday": negative * 2 + positive + ["Когда будут результаты?", "Qachon?"],
    })
    score_pending(db, SHIPPED)
    create_post(db, PostFields(title="Human Rights Day", day=NOW.date(), campaign="16 Days",
                               item_id=ids["hrday"]))
    by_item = {r["key"]: r for r in summary(db, "item")}
    hr = by_item[ids["hrday"]]
    assert (hr["negative"], hr["unsupported"], hr["total"]) == (10, 2, 16)
    assert hr["supported"] == 14 and hr["negative_share"] == round(10 / 14, 4)
    assert hr["mean_polarity"] < 0
    assert by_item[ids["calm1"]]["negative"] == 0
    (campaign,) = summary(db, "campaign")
    assert (campaign["name"], campaign["total"]) == ("16 Days", 16)
    (source,) = summary(db, "source")
    assert source["total"] == 46 and source["unsupported"] == 2
    days = summary(db, "day")
    assert [d["key"] for d in days] == sorted(d["key"] for d in days) and len(days) == 4
    assert summary(db, "week")[0]["key"].startswith("2026-W")
    flagged = needs_attention(db)
    assert [f["key"] for f in flagged] == [ids["hrday"]]
    assert any("negative" in reason for reason in flagged[0]["reasons"])


def test_shipped_analyzer_beats_textblob_on_the_held_out_split() -> None:
    examples = load_examples(DATA / "sentiment_en.csv")
    assert len(examples) >= 300 and {e.split for e in examples} == {"dev", "test"}
    _, _, textblob_test = evaluate(TextBlobAnalyzer(), examples)  # its best dev thresholds
    _, _, shipped_test = evaluate(SocialAnalyzer(), examples, Thresholds())  # the defaults
    assert shipped_test >= textblob_test + MARGIN, (shipped_test, textblob_test)


def test_macro_f1() -> None:
    assert macro_f1(["positive", "negative", "neutral"], ["positive", "negative", "neutral"]) == 1
    assert macro_f1(["positive", "positive"], ["negative", "negative"]) == 0
