"""The sentiment CLI contract: score, run, summary, replies label and the new list fields."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.test_sentiment import seed

SCORE_KEYS = {"text", "language", "label", "polarity", "subjectivity", "analyzer"}




def test_score_texts_without_storing(cli, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = cli("sentiment", "score", "Thank you, this is wonderful news!", "👎",
                       "Спасибо большое за информацию", "--json")
    assert code == 0
    scores = json.loads(out)
    assert all(SCORE_KEYS <= s.keys() for s in scores)
    assert [s["label"] for s in scores] == ["positive", "negative", "unsupported"]
    assert scores[2]["polarity"] is None and scores[2]["language"] == "ru"
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
                     "Когда будут результаты конкурса?"]})
    db.dispose()
    code, out, _ = cli("sentiment", "run")
    assert code == 0 and "scored 3 replies" in out
    code, out, _ = cli("replies", "list", "--json")
    replies = json.loads(out)
    assert all({"sentiment_label", "polarity", "label_source"} <= r.keys() for r in replies)
    by_label = {r["sentiment_label"]: r for r in replies}
    assert set(by_label) == {"positive", "negative", "unsupported"}
    code, out, _ = cli("replies", "list", "--label", "unsupported", "--json")
    assert [r["language"] for r in json.loads(out)] == ["ru"]
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
