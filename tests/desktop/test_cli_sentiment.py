"""The sentiment CLI contract: score, run, summary, replies label and the new list fields."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.sentiment.test_sentiment import seed

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

    from core.entries.entry import ParsedEntry
    from core.entries.store import store_entries
    from core.feeds.sources import add_source
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


LEARN_KEYS = {"language", "labels", "macro_f1_before", "macro_f1_after"}
EVALUATE_KEYS = {"language", "n", "macro_f1", "recall_positive", "recall_neutral",
                 "recall_negative", "unsupported", "analyzer"}


def write_csv(path: Path, header: str, rows: list[tuple]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header.split(","))
        writer.writerows(rows)
    return path


def officer_file(tmp_path: Path) -> Path:
    from tests.core.sentiment.test_sentiment_learning import QUESTIONS, QUEUE, THANKS

    rows = ([(t, "negative") for t in QUEUE] + [(t, "positive") for t in THANKS]
            + [(t, "neutral") for t in QUESTIONS])
    return write_csv(tmp_path / "labels.csv", "text,label", rows)


def test_learn_from_a_file_then_score_with_what_was_learned(cli, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = cli("sentiment", "score", "Очередь на запись до зимы", "--json")
    assert [(s["label"], s["analyzer"]) for s in json.loads(out)] == [
        ("neutral", "ru-lexicon-v1")]
    code, out, _ = cli("sentiment", "learn", "--file", str(officer_file(tmp_path)), "--json")
    assert code == 0
    (ru,) = json.loads(out)
    assert LEARN_KEYS <= ru.keys()
    assert (ru["language"], ru["labels"], ru["used"]) == ("ru", 45, True)
    assert ru["macro_f1_after"] > ru["macro_f1_before"]
    code, out, _ = cli("sentiment", "score", "Очередь на запись до зимы", "--json")
    assert [(s["label"], s["analyzer"]) for s in json.loads(out)] == [("negative", "learned-ru")]
    # The file's labels were kept: learning again (the table form) still has them.
    code, out, _ = cli("sentiment", "learn", "--language", "ru")
    assert code == 0 and out.splitlines()[0].split()[:4] == ["LANGUAGE", "LABELS", "BEFORE",
                                                             "AFTER"]
    assert out.splitlines()[1].split()[:2] == ["ru", "45"]


def test_a_bad_line_in_the_learning_file_stops_everything(cli, tmp_path: Path, db_url: str
                                                         ) -> None:  # noqa: ANN001
    from tests.core.sentiment.test_sentiment_learning import QUEUE

    bad = write_csv(tmp_path / "bad.csv", "text,label,language",
                    [(t, "negative", "ru") for t in QUEUE[:3]] + [("Спасибо", "good", "ru")])
    code, _, err = cli("sentiment", "learn", "--file", str(bad))
    assert code == 1 and "line 5" in err and "'good'" in err
    code, _, err = cli("sentiment", "learn", "--file", str(write_csv(
        tmp_path / "header.csv", "reply,mood", [("Спасибо", "positive")])))
    assert code == 1 and "line 1" in err and "text" in err
    from core.sentiment.learning import label_counts, stored_models
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(db_url)
    ensure_schema(db)
    assert label_counts(db) == {} and stored_models(db) == {}  # nothing kept, nothing learned
    db.dispose()
    code, _, err = cli("sentiment", "learn", "--file", str(write_csv(
        tmp_path / "few.csv", "text,label", [(t, "negative") for t in QUEUE[:4]])))
    assert code == 1 and "nothing learned" in err and "30 labels" in err


def test_evaluate_a_labelled_file(cli, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [("Thank you, wonderful news!", "positive", ""), ("Thanks for nothing", "negative", ""),
            ("When is the deadline?", "neutral", ""),
            ("Спасибо большое, очень полезно!", "positive", ""),
            ("Опять никто не отвечает, позор", "negative", ""),
            ("Когда будут результаты?", "neutral", "ru"),
            ("Rahmat, juda foydali ma'lumot bo'ldi", "positive", "uz")]
    path = write_csv(tmp_path / "eval.csv", "text,label,language", rows)
    code, out, _ = cli("sentiment", "evaluate", str(path), "--json")
    assert code == 0
    report = {r["language"]: r for r in json.loads(out)}
    assert all(EVALUATE_KEYS <= r.keys() for r in report.values())
    assert (report["en"]["n"], report["en"]["macro_f1"], report["en"]["analyzer"]) == (
        3, 1.0, "social-v1")
    assert (report["ru"]["n"], report["ru"]["recall_negative"], report["ru"]["analyzer"]) == (
        3, 1.0, "ru-lexicon-v1")
    assert (report["uz"]["unsupported"], report["uz"]["macro_f1"], report["uz"]["analyzer"]) == (
        1, 0.0, "none")
    code, out, _ = cli("sentiment", "evaluate", str(path))
    assert code == 0 and out.split()[:2] == ["LANGUAGE", "N"] and "ru-lexicon-v1" in out
    code, _, err = cli("sentiment", "evaluate", str(tmp_path / "missing.csv"))
    assert code == 1 and "no such file" in err


def test_replies_label_from_a_file_is_all_or_nothing(cli, db_url: str, tmp_path: Path
                                                    ) -> None:  # noqa: ANN001
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    db = Database(db_url)
    ensure_schema(db)
    seed(db, {"hr": ["Thank you!", "This is a disgrace 😡", "When is the deadline?"]})
    db.dispose()
    cli("sentiment", "run")
    code, out, _ = cli("replies", "list", "--json")
    ids = sorted(r["id"] for r in json.loads(out))
    missing = write_csv(tmp_path / "missing.csv", "id,label",
                        [(ids[0], "negative"), (99999, "positive")])
    code, _, err = cli("replies", "label", "--file", str(missing))
    assert code == 1 and "line 3" in err and "99999" in err and "nothing was labelled" in err
    code, _, err = cli("replies", "label", "--file", str(write_csv(
        tmp_path / "bad.csv", "id,label", [(ids[0], "negative"), (ids[1], "meh")])))
    assert code == 1 and "line 3" in err and "'meh'" in err
    code, out, _ = cli("replies", "list", "--json")
    assert {r["label_source"] for r in json.loads(out)} == {"auto"}  # nothing changed
    good = write_csv(tmp_path / "good.csv", "id,label",
                     [(ids[0], "negative"), (ids[1], "negative"), (ids[2], "neutral")])
    code, out, _ = cli("replies", "label", "--file", str(good))
    assert code == 0 and "labelled 3 replies: 1 neutral, 2 negative" in out
    code, out, _ = cli("replies", "list", "--json")
    assert {r["label_source"] for r in json.loads(out)} == {"manual"}
    code, _, err = cli("replies", "label")
    assert code == 1 and "--file" in err
