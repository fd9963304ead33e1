"""The sentiment CLI contract: score, run, summary, replies label and the new list fields."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.test_sentiment import seed

SCORE_KEYS = {"text", "language", "label", "polarity", "subjectivity", "analyzer"}




def test_score_texts_without_storing(cli, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = cli("sentiment", "score", "Thank you, this is wonderful news!", "👎",
                       "Natijalar qachon e'lon qilinadi?", "Спасибо большое, очень полезно!",
                       "Опять никто не отвечает, позор", "Рақмет, өте керемет!", "--json")
    assert code == 0
    scores = json.loads(out)
    assert all(SCORE_KEYS <= s.keys() for s in scores)
    assert [s["label"] for s in scores] == ["positive", "negative", "unsupported", "positive",
                                            "negative", "positive"]
    assert [s["language"] for s in scores] == ["en", None, "uz", "ru", "ru", "kk"]
    assert [s["analyzer"] for s in scores] == ["social-v1", "social-v1", "none",
                                               "ru-lexicon-v1", "ru-lexicon-v1", "kk-linear-v1"]
    assert scores[2]["polarity"] is None
    lines = tmp_path / "replies.txt"
    lines.write_text("Great event!\n\nWhen is the deadline?\n", encoding="utf-8")
    code, out, _ = cli("sentiment", "score", "--file", str(lines), "--json")
    assert [s["text"] for s in json.loads(out)] == ["Great event!", "When is the deadline?"]
    code, _, err = cli("sentiment", "score")
    assert code == 1 and "texts to score" in err


def test_run_summary_label_and_list(cli, db_url: str) -> None:  # noqa: ANN001
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(db_url)
    ensure_schema(db)
    seed(db, {"hr": ["Thank you for this important post!", "This is a disgrace 😡",
                     "Konkurs natijalari qachon chiqadi?"]})
    db.dispose()
    code, out, _ = cli("sentiment", "run")
    assert code == 0 and "scored 3 replies" in out
    code, out, _ = cli("replies", "list", "--json")
    replies = json.loads(out)
    assert all({"sentiment_label", "polarity", "label_source"} <= r.keys() for r in replies)
    by_label = {r["sentiment_label"]: r for r in replies}
    assert set(by_label) == {"positive", "negative", "unsupported"}
    code, out, _ = cli("replies", "list", "--label", "unsupported", "--json")
    assert [r["language"] for r in json.loads(out)] == ["uz"]
    code, out, _ = cli("replies", "list", "--language", "en", "--json")
    assert len(json.loads(out)) == 2

    target = by_label["positive"]["id"]
    code, out, _ = cli("replies", "label", str(target), "negative")
    assert code == 0 and "negative (manual)" in out
    cli("sentiment", "run", "--rescore")
    code, out, _ = cli("replies", "list", "--label", "negative", "--json")
    assert {r["id"] for r in json.loads(out)} >= {target}
    code, out, _ = cli("sentiment", "summary", "--by", "item", "--json")
    (item,) = json.loads(out)
    assert (item["negative"], item["unsupported"], item["supported"]) == (2, 1, 2)
    code, out, _ = cli("sentiment", "summary", "--by", "week")
    assert code == 0 and "-W" in out
    code, _, err = cli("replies", "label", "99999", "positive")
    assert code == 1 and "no reply 99999" in err


def test_coverage_is_off_until_turned_on_then_scored_and_summarised(cli, db_url: str) -> None:  # noqa: ANN001
    from datetime import UTC, datetime

    from core.feeds.parse import ParsedEntry
    from core.feeds.sources import add_source
    from core.feeds.store import store_entries
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(db_url)
    ensure_schema(db)
    news = add_source(db, "https://news.test/feed")
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    with db.write() as conn:
        store_entries(conn, news.id, [
            ParsedEntry("a", None, "Visa waiver is wonderful news", None, now, None, "", ""),
            ParsedEntry("b", None, "Визалар бериш яна кечиктирилмоқда", None, now, None, "",
                        ""),
        ], now)
    db.dispose()
    assert cli("watch", "add", "visa")[0] == 0
    assert cli("watch", "add", "виз*")[0] == 0

    code, out, err = cli("sentiment", "coverage")
    assert code == 0 and "coverage is off" in err and "coverage_sentiment" in err
    code, out, _ = cli("sentiment", "run")
    assert code == 0 and "feed items" not in out  # off: replies only
    code, out, _ = cli("sentiment", "coverage", "--json")
    assert {(r["name"], r["unscored"]) for r in json.loads(out)} == {("visa", 1), ("виз*", 1)}

    assert cli("config", "set", "coverage_sentiment", "true")[0] == 0
    code, out, _ = cli("sentiment", "run")
    assert code == 0 and "scored 2 watched feed items" in out
    code, out, _ = cli("sentiment", "coverage", "--json")
    by_term = {r["name"]: r for r in json.loads(out)}
    assert (by_term["visa"]["positive"], by_term["visa"]["unscored"]) == (1, 0)
    assert (by_term["виз*"]["unsupported"], by_term["виз*"]["mean_polarity"]) == (1, None)
    code, out, err = cli("sentiment", "coverage", "--by", "source")
    assert code == 0 and not err
    assert "news.test" in out and "POS" in out
    code, out, _ = cli("sentiment", "coverage", "--by", "day", "--since", "2026-11-21",
                       "--json")
    assert json.loads(out) == []
    code, _, err = cli("sentiment", "coverage", "--by", "week")
    assert code == 2


def test_attention_keeps_its_sentences_and_adds_the_numbers(cli, db_url: str) -> None:  # noqa: ANN001
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(db_url)
    ensure_schema(db)
    ids = seed(db, {"bad": ["This is a disgrace 😡", "Terrible, useless embassy",
                            "Thank you, great event!"]})
    db.dispose()
    cli("sentiment", "run")
    code, out, _ = cli("sentiment", "attention", "--min-replies", "2", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert {"key", "name", "negative", "supported", "negative_share", "source_id", "posted",
            "reasons", "details"} <= row.keys()
    assert row["key"] == ids["bad"]
    assert row["reasons"] == ["67% of 3 supported replies are negative"]
    assert row["details"] == [{"reason": "share", "negative_share": 0.6667, "supported": 3,
                               "threshold": 0.4}]
    code, out, _ = cli("sentiment", "attention", "--min-replies", "2")
    assert code == 0 and "67% of 3 supported replies are negative" in out
